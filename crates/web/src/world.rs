//! The only place the page reads the simulator: builds the world for the page's settings and
//! turns its state at the current instant into the plain `ClusterView` the views draw.

use crate::model::{
    ClusterView, Command, LogEntryView, MessageKind, MessageView, NarrationView, NetworkView,
    NodeView, PeerProgress, Role, SafetyView, WitnessOpView,
};
use quorum_etcd::mvcc::{KeyRange, RangeRequest};
use quorum_etcd::sim_backend::Stamped;
use quorum_etcd::{EtcdState, Request};
use quorum_raft::{
    Entry, EntryKind, MessageKind as Kind, NodeStatus, ProgressState, Role as RaftRole,
};
use quorum_sim::lincheck::{check_with, Budget, Verdict};
use quorum_sim::world::clients::HistEvent;
use quorum_sim::{KvCommand, Property, RunDescription, SimConfig, Violation, World};
use std::cell::RefCell;

/// The lab replicates etcd's store, so the terminal and the cluster view share one world.
pub type LabWorld = World<EtcdState>;

/// How many narration lines the view carries (the panel shows the newest).
const NARRATION_SHOWN: usize = 200;

/// The five Figure 3 properties, then the cheap extras the monitors check.
pub const SAFETY_PROPERTIES: [Property; 11] = [
    Property::ElectionSafety,
    Property::LeaderAppendOnly,
    Property::LogMatching,
    Property::LeaderCompleteness,
    Property::StateMachineSafety,
    Property::TermMonotonic,
    Property::CommitMonotonic,
    Property::OneVotePerTerm,
    Property::AppliedNotAboveCommit,
    Property::InOrderApply,
    Property::QuorumHoldsCommitted,
];

/// The lab's configuration for `nodes` servers.
///
/// The lab's network is slower than a data centre's so that messages are visible in flight,
/// with timings in etcd's proportions: heartbeat about one round trip, election timeout about
/// ten round trips.
pub fn lab_config(nodes: usize) -> SimConfig {
    let mut config = SimConfig {
        nodes: nodes as u64,
        ..SimConfig::default()
    };
    config.net.latency_min_us = 20_000;
    config.net.latency_max_us = 40_000;
    config.raft.heartbeat_interval_us = 100_000;
    config.raft.election_timeout_min_us = 600_000;
    config.raft.election_timeout_max_us = 1_200_000;
    config
}

/// A fresh world of `nodes` servers; `nodes` has already been clamped to what the page allows.
pub fn new_world(nodes: usize, seed: u64) -> Result<LabWorld, quorum_sim::SimError> {
    World::new(RunDescription {
        config: lab_config(nodes),
        seed,
        actions: Vec::new(),
    })
}

fn message_kind(kind: Kind) -> MessageKind {
    match kind {
        Kind::PreVote | Kind::RequestVote | Kind::TimeoutNow => MessageKind::Vote,
        Kind::PreVoteResp | Kind::RequestVoteResp => MessageKind::VoteReply,
        Kind::AppendEntries | Kind::Heartbeat => MessageKind::Append,
        Kind::AppendResp | Kind::HeartbeatResp => MessageKind::AppendReply,
        Kind::InstallSnapshot => MessageKind::Snapshot,
        Kind::ReadIndex | Kind::ReadIndexResp => MessageKind::Other,
    }
}

fn role(status: Option<&NodeStatus>) -> Role {
    match status {
        None => Role::Stopped,
        Some(s) if s.is_learner => Role::Learner,
        Some(s) => match s.role {
            RaftRole::Follower => Role::Follower,
            RaftRole::PreCandidate => Role::PreCandidate,
            RaftRole::Candidate => Role::Candidate,
            RaftRole::Leader => Role::Leader,
        },
    }
}

/// Fraction of the randomized election timeout still to run at `now`.
fn timer_left(status: &NodeStatus, now: u64) -> f64 {
    match status.election_deadline_us {
        Some(deadline) if status.randomized_timeout_us > 0 => {
            deadline.saturating_sub(now) as f64 / status.randomized_timeout_us as f64
        }
        _ => 0.0,
    }
}

fn heartbeat_phase(status: &NodeStatus, now: u64, interval: u64) -> f64 {
    match status.heartbeat_deadline_us {
        Some(deadline) if interval > 0 => {
            1.0 - deadline.saturating_sub(now) as f64 / interval as f64
        }
        _ => 0.0,
    }
}

/// An etcd request in etcdctl's words (commands are code: the same in every language).
fn etcd_command(request: Request) -> Command {
    match request {
        Request::Put(put) => Command::Put {
            key: put.key,
            value: put.value,
        },
        Request::DeleteRange(del) => Command::Other(format!("del {}", del.key)),
        Request::Range(get) => Command::Other(format!("get {}", get.key)),
        Request::Txn(_) => Command::Other("txn".into()),
        Request::Compaction { revision } => Command::Other(format!("compaction {revision}")),
        Request::LeaseGrant { ttl, .. } => Command::Other(format!("lease grant {ttl}")),
        Request::LeaseRevoke { id } => Command::Other(format!("lease revoke {id:016x}")),
        Request::LeaseKeepAlive { id } => Command::Other(format!("lease keep-alive {id:016x}")),
        _ => Command::Other("etcd".into()),
    }
}

fn command(entry: &Entry) -> Command {
    match &entry.kind {
        EntryKind::Noop => Command::Noop,
        EntryKind::ConfChange(change) => Command::Membership(change.clone()),
        EntryKind::Normal(data) => {
            if let Ok(stamped) = Stamped::decode(data) {
                return etcd_command(stamped.req);
            }
            match KvCommand::decode(data) {
                Some(KvCommand::Put { key, value, .. }) => Command::Put { key, value },
                Some(KvCommand::Append { key, value, .. }) => Command::Append { key, value },
                None => Command::Opaque(data.len()),
            }
        }
    }
}

/// A key's value in a member's applied v3 store.
pub fn kv_get(state: &EtcdState, key: &str) -> Option<String> {
    let one = RangeRequest {
        key: key.to_string(),
        ..Default::default()
    };
    state
        .v3
        .range(&one)
        .ok()?
        .kvs
        .into_iter()
        .next()
        .map(|kv| kv.value)
}

/// Every key and value in a member's applied v3 store.
fn key_values(state: &EtcdState) -> Vec<(String, String)> {
    let all = RangeRequest {
        key: String::new(),
        range: KeyRange::Prefix,
        ..Default::default()
    };
    state
        .v3
        .range(&all)
        .map(|r| r.kvs.into_iter().map(|kv| (kv.key, kv.value)).collect())
        .unwrap_or_default()
}

fn progress_state(state: ProgressState) -> &'static str {
    match state {
        ProgressState::Probe => "probe",
        ProgressState::Replicate => "replicate",
        ProgressState::Snapshot => "snapshot",
    }
}

fn node_view(world: &LabWorld, n: quorum_sim::NodeView, now: u64) -> NodeView {
    let status = n.status.as_ref();
    let commit = status.map_or(0, |s| s.commit);
    let entries: &[Entry] = match world.node(n.id) {
        Some(node) => node.log_entries(),
        None => world.disk(n.id).map_or(&[], |d| &d.entries),
    };
    let log = entries
        .iter()
        .map(|e| LogEntryView {
            index: e.index,
            term: e.term,
            command: command(e),
            committed: e.index <= commit,
        })
        .collect();
    let interval = world.config.raft.heartbeat_interval_us;
    NodeView {
        id: n.id,
        role: role(status),
        term: status.map_or(n.disk_term, |s| s.term),
        vote: status.map_or(n.disk_vote, |s| s.vote),
        commit,
        applied: n.applied,
        last_index: status.map_or(n.disk_last_index, |s| s.last_index),
        timer_left: status.map_or(0.0, |s| timer_left(s, now)),
        heartbeat_phase: status.map_or(0.0, |s| heartbeat_phase(s, now, interval)),
        log,
        snapshot_index: n.disk_snapshot_index,
        progress: status
            .map(|s| {
                s.progress
                    .iter()
                    .filter(|p| p.id != n.id)
                    .map(|p| PeerProgress {
                        id: p.id,
                        matched: p.matched,
                        next: p.next,
                        state: progress_state(p.state),
                        inflight: p.inflight,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        kv: world
            .state_machine(n.id)
            .map(key_values)
            .unwrap_or_default(),
        voters: status
            .map(|s| s.membership.voters.iter().copied().collect())
            .unwrap_or_default(),
        learners: status
            .map(|s| s.membership.learners.iter().copied().collect())
            .unwrap_or_default(),
    }
}

fn messages(world: &LabWorld, now: u64) -> Vec<MessageView> {
    world
        .messages()
        .into_iter()
        .filter_map(|m| {
            let raft_kind = world.message(m.id)?.msg.body.kind();
            let span = m.deliver_us.saturating_sub(m.sent_us).max(1);
            Some(MessageView {
                id: m.id,
                from: m.from,
                to: m.to,
                kind: message_kind(raft_kind),
                raft_kind,
                term: m.term,
                progress: now.saturating_sub(m.sent_us) as f64 / span as f64,
                dropped: m.dropped,
                duplicate: m.duplicate,
            })
        })
        .collect()
}

fn network(world: &LabWorld) -> NetworkView {
    let (net, links) = world.network();
    let ids = world.node_ids();
    let cut = ids
        .iter()
        .flat_map(|&a| ids.iter().map(move |&b| (a, b)))
        .filter(|&(a, b)| a != b && !links.can_send(a, b))
        .collect();
    NetworkView {
        latency_min_us: net.latency_min_us,
        latency_max_us: net.latency_max_us,
        loss_ppm: net.loss_ppm,
        cut,
    }
}

/// The world now, with the timeline ending at the current instant.
pub fn view(world: &LabWorld) -> ClusterView {
    view_with_horizon(world, world.now())
}

/// The world now; `horizon_us` is the latest instant the run reached (the timeline's end).
pub fn view_with_horizon(world: &LabWorld, horizon_us: u64) -> ClusterView {
    let now = world.now();
    let narration = world.narration();
    let shown = &narration[narration.len().saturating_sub(NARRATION_SHOWN)..];
    ClusterView {
        time_us: now,
        events: world.event_count(),
        horizon_us: horizon_us.max(now),
        nodes: world
            .nodes()
            .into_iter()
            .map(|n| node_view(world, n, now))
            .collect(),
        messages: messages(world, now),
        narration: shown
            .iter()
            .map(|n| NarrationView {
                time_us: n.time_us,
                event: n.event,
                node: n.node,
                explain: n.explain.clone(),
            })
            .collect(),
        safety: SAFETY_PROPERTIES
            .iter()
            .map(|&property| SafetyView {
                property,
                violation: world
                    .violations()
                    .iter()
                    .find(|v| v.property == property)
                    .cloned(),
                witness: Vec::new(),
            })
            .chain(std::iter::once(linearizability(world)))
            .collect(),
        network: network(world),
    }
}

/// Work the lab's linearizability check may do for one history: the lab's histories are the
/// student's own requests, a few hundred operations at most, decided in far fewer steps.
const LAB_LIN_STEPS: u64 = 300_000;

/// Histories longer than this (automatic clients running for minutes) are checked again only
/// after growing by a twentieth, so a long run does not redo a long check every frame.
const LIN_EXACT_EVENTS: usize = 2_000;

/// The last history checked: its length, the instant of its last event, and its row.
struct LinChecked {
    len: usize,
    last_us: u64,
    row: SafetyView,
}

thread_local! {
    /// A view is built every frame; the history changes only when a request starts or ends.
    static LIN_CHECKED: RefCell<Option<LinChecked>> = const { RefCell::new(None) };
}

/// Whether the row checked for an earlier history still holds for `events`: the same
/// history, or one that grew from it when it was already not linearizable (more operations
/// cannot explain a result that none could) or while it is long (see `LIN_EXACT_EVENTS`).
fn still_valid(c: &LinChecked, events: &[HistEvent]) -> bool {
    let same_start = c.len <= events.len()
        && c.len
            .checked_sub(1)
            .is_none_or(|i| event_time(&events[i]) == c.last_us);
    let grown = events.len() - c.len.min(events.len());
    same_start
        && (grown == 0
            || c.row.violation.is_some()
            || (c.len > LIN_EXACT_EVENTS && grown < c.len / 20))
}

fn event_time(e: &HistEvent) -> u64 {
    match e {
        HistEvent::Invoke { time_us, .. } | HistEvent::Complete { time_us, .. } => *time_us,
    }
}

/// The client history checked for linearizability (the row the break-it switch "stale local
/// reads" turns red), with the operations that cannot be ordered.
fn linearizability(world: &LabWorld) -> SafetyView {
    let events = world.history_events();
    let cached = LIN_CHECKED.with_borrow(|c| {
        c.as_ref()
            .filter(|c| still_valid(c, events))
            .map(|c| c.row.clone())
    });
    if let Some(row) = cached {
        return row;
    }
    let history = world.history();
    let mut row = SafetyView {
        property: Property::Linearizability,
        violation: None,
        witness: Vec::new(),
    };
    // An undecided check (out of budget) shows as holding: nothing was found.
    if let Verdict::NotLinearizable(w) = check_with(&history, &mut Budget::steps(LAB_LIN_STEPS)) {
        row.witness = w
            .ops
            .iter()
            .map(|&i| witness_op(events, &history.ops[i]))
            .collect();
        row.violation = Some(witness_violation(events, &history, &w.ops, &row.witness));
    }
    let checked = LinChecked {
        len: events.len(),
        last_us: events.last().map_or(0, event_time),
        row: row.clone(),
    };
    LIN_CHECKED.with_borrow_mut(|c| *c = Some(checked));
    row
}

/// History instants are positions in `events` (see `clients::build_history`).
fn witness_op(events: &[HistEvent], op: &quorum_sim::lincheck::Operation) -> WitnessOpView {
    let at = |i: u64| events.get(i as usize).map(event_time);
    let node = match events.get(op.call as usize) {
        Some(HistEvent::Invoke { node, .. }) => *node,
        _ => 0,
    };
    WitnessOpView {
        node,
        key: op.key.clone(),
        op: op.input.clone(),
        answer: (!op.is_unknown()).then(|| op.output.clone()),
        call_us: at(op.call).unwrap_or(0),
        return_us: op.ret.and_then(at),
    }
}

/// The violation shown for a witness: at the latest answer among its operations, naming
/// the servers they went through.
fn witness_violation(
    events: &[HistEvent],
    history: &quorum_sim::lincheck::History,
    ops: &[usize],
    witness: &[WitnessOpView],
) -> Violation {
    let last = ops
        .iter()
        .filter_map(|&i| history.ops[i].ret)
        .max()
        .and_then(|r| events.get(r as usize));
    let (event, time_us) = match last {
        Some(HistEvent::Complete { event, time_us, .. }) => (*event, *time_us),
        _ => (0, 0),
    };
    let mut nodes: Vec<u64> = witness.iter().map(|w| w.node).filter(|&n| n != 0).collect();
    nodes.sort_unstable();
    nodes.dedup();
    Violation {
        property: Property::Linearizability,
        nodes,
        event,
        time_us,
        term: None,
        index: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quorum_sim::UserAction;

    fn linearizability_row(world: &LabWorld) -> SafetyView {
        view(world)
            .safety
            .into_iter()
            .find(|s| s.property == Property::Linearizability)
            .expect("the lab shows linearizability")
    }

    /// Runs until `done` or 20 simulated seconds.
    fn run_until(world: &mut LabWorld, done: impl Fn(&LabWorld) -> bool) {
        let limit = world.now() + 20_000_000;
        while !done(world) && world.now() < limit && world.step() {}
        assert!(done(world), "condition not reached by {} µs", world.now());
    }

    fn answered(world: &LabWorld) -> usize {
        world
            .history_events()
            .iter()
            .filter(|e| matches!(e, HistEvent::Complete { .. }))
            .count()
    }

    /// The break-it switch "stale local reads": an old leader cut off from the others still
    /// answers a read from its own state, after the new leader took a newer write. The lab's
    /// safety panel shows the client history as not linearizable and lists the read and the
    /// write it missed.
    #[test]
    fn a_stale_read_turns_the_linearizability_row_red() {
        let mut config = lab_config(3);
        config.raft.bugs.stale_local_reads = true;
        // Without check-quorum the old leader keeps believing it leads.
        config.raft.check_quorum = false;
        config.raft.pre_vote = false;
        let mut world = World::new(RunDescription {
            config,
            seed: 7,
            actions: Vec::new(),
        })
        .expect("world");
        run_until(&mut world, |w| w.leader().is_some());
        let old = world.leader().expect("a leader");
        let write = |node, value: &str| UserAction::ClientWrite {
            node,
            key: "x".into(),
            value: value.into(),
        };
        world.apply(write(old, "1")).expect("write");
        run_until(&mut world, |w| answered(w) == 1);
        assert!(linearizability_row(&world).violation.is_none());

        let others: Vec<u64> = world
            .nodes()
            .into_iter()
            .map(|n| n.id)
            .filter(|&n| n != old)
            .collect();
        let groups = vec![vec![old], others.clone()];
        world
            .apply(UserAction::Partition { groups })
            .expect("partition");
        run_until(&mut world, |w| w.leader().is_some_and(|l| l != old));
        world.apply(write(others[0], "2")).expect("write");
        run_until(&mut world, |w| answered(w) == 2);
        let read = UserAction::ClientRead {
            node: old,
            key: "x".into(),
        };
        world.apply(read).expect("read");
        run_until(&mut world, |w| answered(w) == 3);

        let row = linearizability_row(&world);
        let v = row.violation.expect("the stale read is caught");
        assert!(v.nodes.contains(&old), "{v:?}");
        assert!(v.event > 0 && v.time_us > 0);
        let stale_read = row
            .witness
            .iter()
            .find(|w| w.op == quorum_sim::lincheck::Input::Read);
        let stale_read = stale_read.expect("the read is in the witness");
        assert_eq!(stale_read.node, old);
        assert_eq!(
            stale_read.answer,
            Some(quorum_sim::lincheck::Output::Read(Some("1".into())))
        );
        assert!(row
            .witness
            .iter()
            .any(|w| w.op == quorum_sim::lincheck::Input::Write("2".into())));

        // Without the switch the same steps give a linearizable history.
        let mut again = World::new(RunDescription {
            config: {
                let mut c = lab_config(3);
                c.raft.check_quorum = false;
                c.raft.pre_vote = false;
                c
            },
            seed: 7,
            actions: world.run_description().actions,
        })
        .expect("world");
        again.advance_to(world.now() + 5_000_000);
        assert_eq!(answered(&again), 3);
        assert!(linearizability_row(&again).violation.is_none());
    }
}
