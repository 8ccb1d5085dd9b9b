//! Scripted scenarios: a world driven into a famous situation by ordinary user actions
//! (force a timeout, partition, stop, restart, drop one message), so the result is a normal
//! run. It replays from its description, travels in time, and forks like any other.
//!
//! [`figure8`] reproduces the Raft paper's Figure 8 on five servers. The actions are
//! chosen by watching the world step by step (which messages to drop, when a leader has
//! been elected), which is why this lives here and not in a lesson file: the page and the
//! tests get the same run from the same seed.
//!
//! Differences from the paper's drawing, all caused by the no-op a new leader appends
//! (§8), and kept on purpose because they are what etcd does:
//! - the contested entry is at index 3, not 2 (index 1 and 2 are the no-ops of terms 1
//!   and 2);
//! - S5's "different entry" at index 3 is its term-3 no-op;
//! - in (c) S1 copies index 3 to S3 and S4 (the paper: S3). S1 only learns which
//!   followers hold an entry from their acknowledgements, and S2's would also carry S1's
//!   term-4 no-op (which would make the entry safely committed, stage (e)). So S2's
//!   copy stays unacknowledged and S1 counts S1, S3 and S4: still a bare majority.
//!
//! Terms are the paper's (2, 3, 4, 5) unless another server's election timer fires while
//! the script campaigns, which only moves the later terms on; the shape is always the
//! paper's.
//!
//! The scenario runs basic Raft as in the paper (no pre-vote, no check-quorum) and sends
//! one entry per AppendEntries, so that the old entry and the new no-op travel separately.

use crate::statemachine::StateMachine;
use crate::world::config::{ClientConfig, RunDescription, SimConfig, UserAction};
use crate::world::{SimError, World};
use quorum_raft::{MessageBody, NodeId, Term};
use serde::{Deserialize, Serialize};

/// The stages of Figure 8.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Figure8Stage {
    /// S1 leads term 2; its entry at index 3 reaches only S2.
    A,
    /// S1 has crashed; S5 leads term 3 (votes of S3, S4, itself) with its own entry at
    /// index 3, on no other server.
    B,
    /// S5 has crashed; S1 restarted and leads term 4; the term-2 entry at index 3 is on
    /// S1, S2, S3 and S4, and S1's term-4 no-op on no follower. With the correct rule,
    /// S1 has not committed index 3; with `commit_old_term` it has (and applied it).
    C,
    /// S1 has crashed; S5 restarted and won term 5 (votes of S2, S3, S4) and overwrote
    /// index 3 everywhere with its term-3 entry.
    D,
}

impl Figure8Stage {
    pub const ALL: [Figure8Stage; 4] = [Self::A, Self::B, Self::C, Self::D];

    /// The stage's letter, as in the paper.
    pub fn letter(self) -> char {
        match self {
            Self::A => 'a',
            Self::B => 'b',
            Self::C => 'c',
            Self::D => 'd',
        }
    }

    pub fn from_letter(c: char) -> Option<Figure8Stage> {
        Self::ALL
            .into_iter()
            .find(|s| s.letter() == c.to_ascii_lowercase())
    }
}

/// Why a scenario could not be set up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ScenarioError {
    /// The world refused the configuration or an action.
    Sim(SimError),
    /// A stage did not reach its situation within its time bound (for example with
    /// network settings so slow that an election never finishes).
    StageNotReached { stage: Figure8Stage },
}

impl From<SimError> for ScenarioError {
    fn from(e: SimError) -> Self {
        ScenarioError::Sim(e)
    }
}

/// How long one step of the script may take, in simulated µs.
const STEP_BOUND_US: u64 = 3_000_000;
/// Campaign attempts before a stage gives up.
const CAMPAIGNS: usize = 6;

/// The configuration Figure 8 runs with: `base`'s timings, network and break-it switches,
/// on five servers of basic Raft, with one entry per message and no background clients.
pub fn figure8_config(base: &SimConfig) -> SimConfig {
    let mut config = base.clone();
    config.nodes = 5;
    config.raft.pre_vote = false;
    config.raft.check_quorum = false;
    config.raft.max_entries_per_msg = 1;
    config.net.loss_ppm = 0;
    config.net.duplicate_ppm = 0;
    config.clients = ClientConfig {
        clients: 0,
        ..config.clients
    };
    config
}

/// A world of `figure8_config(base)` driven to `stage` of Figure 8.
pub fn figure8<S: StateMachine + Default>(
    base: &SimConfig,
    seed: u64,
    stage: Figure8Stage,
) -> Result<World<S>, ScenarioError> {
    let mut world = World::new(RunDescription {
        config: figure8_config(base),
        seed,
        actions: Vec::new(),
    })?;
    stage_a(&mut world)?;
    if stage >= Figure8Stage::B {
        stage_b(&mut world)?;
    }
    if stage >= Figure8Stage::C {
        stage_c(&mut world)?;
    }
    if stage >= Figure8Stage::D {
        stage_d(&mut world)?;
    }
    Ok(world)
}

fn term_at<S: StateMachine + Default>(world: &World<S>, node: NodeId, index: u64) -> Option<Term> {
    world.node(node).and_then(|n| n.term_at(index))
}

fn leads_after<S: StateMachine + Default>(world: &World<S>, node: NodeId, after: Term) -> bool {
    world
        .node(node)
        .is_some_and(|n| n.is_leader() && n.term() > after)
}

fn term_of<S: StateMachine + Default>(world: &World<S>, node: NodeId) -> Term {
    world.node(node).map_or(0, |n| n.term())
}

/// Steps the world until `done` holds, for at most `within_us` of simulated time (never
/// stepping past it, so the script can act before the next timer fires). With
/// `keep_local`, that server's entries of its own term stay on it while it leads (the
/// AppendEntries carrying them are dropped).
fn run_dropping<S: StateMachine + Default>(
    world: &mut World<S>,
    stage: Figure8Stage,
    keep_local: Option<NodeId>,
    within_us: u64,
    mut done: impl FnMut(&World<S>) -> bool,
) -> Result<(), ScenarioError> {
    let deadline = world.now().saturating_add(within_us);
    loop {
        if let Some(leader) = keep_local {
            drop_own_term_appends(world, leader)?;
        }
        if done(world) {
            return Ok(());
        }
        if !world.step_until(deadline) {
            world.advance_to(deadline);
            return Err(ScenarioError::StageNotReached { stage });
        }
    }
}

/// Drops the in-flight AppendEntries from `from` that carry an entry of `term` and that
/// their recipient would accept (it holds the entry they follow, or it is stopped). A probe that will be
/// rejected is let through: the rejection makes the leader back up and send the older
/// entries, one per message. Checked at every step, so a message that becomes acceptable
/// on the way is still caught.
fn drop_appends<S: StateMachine + Default>(
    world: &mut World<S>,
    from: NodeId,
    term: Term,
) -> Result<(), ScenarioError> {
    let doomed: Vec<u64> = world
        .messages()
        .into_iter()
        .filter(|m| m.from == from && !m.dropped)
        .filter(|m| {
            world.message(m.id).is_some_and(|f| match &f.msg.body {
                MessageBody::AppendEntries {
                    prev_index,
                    prev_term,
                    entries,
                    ..
                } => {
                    // A stopped recipient may restart before it arrives.
                    let may_accept = world.node(m.to).is_none()
                        || term_at(world, m.to, *prev_index) == Some(*prev_term);
                    may_accept && entries.iter().any(|e| e.term == term)
                }
                _ => false,
            })
        })
        .map(|m| m.id)
        .collect();
    for id in doomed {
        world.apply(UserAction::DropMessage { id })?;
    }
    Ok(())
}

/// Drops every message `node` still has in flight (it is about to crash: in the paper's
/// story nothing it sent arrives later, e.g. at a server that restarts meanwhile).
fn drop_all_from<S: StateMachine + Default>(
    world: &mut World<S>,
    node: NodeId,
) -> Result<(), ScenarioError> {
    let ids: Vec<u64> = world
        .messages()
        .into_iter()
        .filter(|m| m.from == node && !m.dropped)
        .map(|m| m.id)
        .collect();
    for id in ids {
        world.apply(UserAction::DropMessage { id })?;
    }
    Ok(())
}

/// Drops what [`drop_appends`] would for `leader`'s current term, if it leads.
fn drop_own_term_appends<S: StateMachine + Default>(
    world: &mut World<S>,
    leader: NodeId,
) -> Result<(), ScenarioError> {
    match world.node(leader) {
        Some(n) if n.is_leader() => {
            let term = n.term();
            drop_appends(world, leader, term)
        }
        _ => Ok(()),
    }
}

/// Forces `node` to campaign until it leads a term after `after` (a refused campaign
/// teaches it the newer term, so the next one can win; another server's timer may also
/// fire meanwhile, which only moves the terms on). With `keep_local`, the new leader's
/// first entries (its no-op) are dropped on the way out.
fn campaign_until<S: StateMachine + Default>(
    world: &mut World<S>,
    stage: Figure8Stage,
    node: NodeId,
    after: Term,
    keep_local: bool,
) -> Result<(), ScenarioError> {
    // Long enough for a vote round trip with disk writes on both sides.
    let round = 4 * world.config.net.latency_max_us + 4 * world.config.disk_write_us + 1_000;
    let keep = keep_local.then_some(node);
    for _ in 0..CAMPAIGNS {
        world.apply(UserAction::ForceTimeout { node })?;
        let _ = run_dropping(world, stage, keep, round, |w| leads_after(w, node, after));
        if leads_after(world, node, after) {
            return Ok(());
        }
    }
    Err(ScenarioError::StageNotReached { stage })
}

/// (a) S2 leads term 1 (so that S1's term is 2, as in the paper), then S1 leads term 2;
/// with S1 and S2 cut off from the rest, a client write reaches S1 and S2 only.
fn stage_a<S: StateMachine + Default>(world: &mut World<S>) -> Result<(), ScenarioError> {
    let stage = Figure8Stage::A;
    campaign_until(world, stage, 2, 0, false)?;
    run_dropping(world, stage, None, STEP_BOUND_US, |w| {
        (1..=5).all(|n| w.node(n).is_some_and(|x| x.last_index() >= 1))
    })?;
    let first = term_of(world, 2);
    campaign_until(world, stage, 1, first, false)?;
    let a = term_of(world, 1);
    run_dropping(world, stage, None, STEP_BOUND_US, |w| {
        (1..=5).all(|n| term_at(w, n, 2) == Some(a))
    })?;
    world.apply(UserAction::Partition {
        groups: vec![vec![1, 2], vec![3, 4, 5]],
    })?;
    world.apply(UserAction::ClientWrite {
        node: 1,
        key: "x".into(),
        value: "1".into(),
    })?;
    run_dropping(world, stage, None, STEP_BOUND_US, |w| {
        term_at(w, 2, 3) == Some(a)
    })
}

/// (b) S1 crashes; S5 wins term 3 with S3 and S4 (S2's log is longer) and appends its
/// no-op at index 3, which reaches nobody.
fn stage_b<S: StateMachine + Default>(world: &mut World<S>) -> Result<(), ScenarioError> {
    let stage = Figure8Stage::B;
    let a = term_of(world, 1);
    drop_all_from(world, 1)?;
    world.apply(UserAction::StopNode { node: 1 })?;
    world.apply(UserAction::Heal)?;
    campaign_until(world, stage, 5, a, true)?;
    // Until the no-op is on S5's disk (messages leave after the write).
    run_dropping(world, stage, Some(5), STEP_BOUND_US, |w| {
        w.disk(5).is_some_and(|d| d.last_index() >= 3)
    })
}

/// (c) S5 crashes; S1 restarts and wins term 4, then copies index 3 to S3 and S4, while
/// its own term-4 no-op is lost on the way to everyone.
fn stage_c<S: StateMachine + Default>(world: &mut World<S>) -> Result<(), ScenarioError> {
    let stage = Figure8Stage::C;
    let b = term_of(world, 5);
    drop_all_from(world, 5)?;
    world.apply(UserAction::StopNode { node: 5 })?;
    world.apply(UserAction::RestartNode { node: 1 })?;
    campaign_until(world, stage, 1, b, true)?;
    let knows_majority = |w: &World<S>| {
        w.node(1).is_some_and(|n| {
            n.progress()
                .iter()
                .filter(|p| (p.id == 3 || p.id == 4) && p.matched >= 3)
                .count()
                == 2
        })
    };
    run_dropping(world, stage, Some(1), STEP_BOUND_US, knows_majority)
}

/// (d) S1 crashes; S5 restarts, wins term 5 with S2, S3 and S4 (its last term, 3, beats
/// their 2) and overwrites index 3 on all of them.
fn stage_d<S: StateMachine + Default>(world: &mut World<S>) -> Result<(), ScenarioError> {
    let stage = Figure8Stage::D;
    let c = term_of(world, 1);
    drop_all_from(world, 1)?;
    world.apply(UserAction::StopNode { node: 1 })?;
    world.apply(UserAction::RestartNode { node: 5 })?;
    let s5_entry = term_at(world, 5, 3);
    campaign_until(world, stage, 5, c, false)?;
    run_dropping(world, stage, None, STEP_BOUND_US, |w| {
        (2..=5).all(|n| term_at(w, n, 3) == s5_entry)
    })
}
