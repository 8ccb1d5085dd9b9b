//! A step's task, checked live against the simulation: each course `Goal` is a predicate over
//! the lesson's world (plus what the step has seen since it began, kept in `Watch`, and what
//! the student did in the chooser). Goals that need a part the player does not drive yet are
//! `Unchecked`, shown honestly, and keep the task open.

use crate::view::chooser::ChooserEvent;
use crate::world::LabWorld;
use litemap::LiteMap;
use quorum_course::chooser::{Place, Purpose, Way};
use quorum_course::lesson::{EtcdTopology, Goal};
use quorum_course::View;
use quorum_raft::lite::LiteSet;
use quorum_raft::NodeId;
use quorum_sim::world::clients::{ClientOp, HistEvent, OpOutcome};

/// Most uncommitted entries remembered to notice one being overwritten.
const MAX_TRACKED: usize = 512;

/// What the step has seen since it began.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Watch {
    pub start_leader: Option<NodeId>,
    pub quorum_lost_seen: bool,
    /// Client history length when the step began.
    history_mark: usize,
    violations_mark: usize,
    pub write_refused: bool,
    /// Uncommitted entries seen: (node, index) -> term.
    uncommitted: LiteMap<(NodeId, u64), u64>,
    pub overwritten: bool,
    pub purpose: Option<Purpose>,
    pub place: Option<Place>,
    pub picked: Option<Way>,
    pub compared: bool,
    pub opened: LiteSet<&'static str>,
    pub topology: Option<EtcdTopology>,
    /// Lines the student typed into the terminal since the step began.
    typed: Vec<String>,
    /// What the terminal printed since the step began (the newest `MAX_OUTPUT` bytes).
    output: String,
    /// Most timeout ranges of the election experiment finished in one run this step.
    pub experiment_ranges: u32,
}

/// Most terminal output kept for `terminal-output-contains`.
const MAX_OUTPUT: usize = 64 * 1024;

impl Watch {
    /// Starts watching `world` as the step begins.
    pub fn begin(world: &LabWorld, topology: Option<EtcdTopology>) -> Watch {
        let mut w = Watch {
            start_leader: world.leader(),
            history_mark: world.history_events().len(),
            violations_mark: world.violations().len(),
            topology,
            ..Watch::default()
        };
        w.observe(world);
        w
    }

    /// Records what changes over time (called after every frame and action).
    pub fn observe(&mut self, world: &LabWorld) {
        if quorum_lost(world) {
            self.quorum_lost_seen = true;
        }
        self.track_uncommitted(world);
    }

    fn track_uncommitted(&mut self, world: &LabWorld) {
        for id in world.node_ids() {
            let Some(node) = world.node(id) else { continue };
            let commit = node.commit();
            // An entry remembered above the commit index now holding another term was
            // overwritten without ever being committed there.
            self.uncommitted.retain(|&(n, index), term| {
                if n != id {
                    return true;
                }
                match node.term_at(index) {
                    Some(t) if t != *term => {
                        self.overwritten = true;
                        false
                    }
                    Some(_) => index > commit,
                    None => index > node.last_index(),
                }
            });
            for index in commit.saturating_add(1)..=node.last_index() {
                if self.uncommitted.len() >= MAX_TRACKED {
                    break;
                }
                if let Some(term) = node.term_at(index) {
                    self.uncommitted.entry((id, index)).or_insert(term);
                }
            }
        }
    }

    /// The student typed `line` into the terminal.
    pub fn typed(&mut self, line: &str) {
        if self.typed.len() < 1_000 {
            self.typed.push(line.trim().to_string());
        }
    }

    /// The terminal printed `text`.
    pub fn printed(&mut self, text: &str) {
        self.output.push_str(text);
        self.output.push('\n');
        if self.output.len() > MAX_OUTPUT {
            let mut cut = self.output.len() - MAX_OUTPUT;
            while !self.output.is_char_boundary(cut) {
                cut += 1;
            }
            self.output.drain(..cut);
        }
    }

    pub fn chooser(&mut self, event: ChooserEvent) {
        match event {
            ChooserEvent::Purpose(p) => self.purpose = Some(p),
            ChooserEvent::Place(p) => self.place = Some(p),
            ChooserEvent::Picked(w) => self.picked = Some(w),
            ChooserEvent::Compared => self.compared = true,
        }
    }

    /// Whether a client write of this step failed: refused at once, or timed out.
    fn write_failed(&self, world: &LabWorld) -> bool {
        if self.write_refused {
            return true;
        }
        let events = world.history_events();
        let since = events.get(self.history_mark..).unwrap_or(&[]);
        let writes: LiteSet<u64> = since
            .iter()
            .filter_map(|e| match e {
                HistEvent::Invoke {
                    op,
                    request: ClientOp::Put { .. } | ClientOp::Append { .. },
                    ..
                } => Some(*op),
                _ => None,
            })
            .collect();
        since.iter().any(|e| {
            matches!(e, HistEvent::Complete { op, outcome: OpOutcome::Unknown | OpOutcome::Failed, .. } if writes.contains(op))
        })
    }
}

/// The voters of the current configuration: the leader's view, else the most up-to-date
/// running server's.
fn voters(world: &LabWorld) -> LiteSet<NodeId> {
    if let Some(node) = world.leader().and_then(|l| world.node(l)) {
        return node.membership().voters.clone();
    }
    world
        .nodes()
        .into_iter()
        .filter_map(|n| n.status)
        .max_by_key(|s| (s.term, s.last_index))
        .map(|s| s.membership.voters)
        .unwrap_or_else(|| world.node_ids().into_iter().collect())
}

/// True when no majority of voters is up and able to talk to each other both ways.
pub fn quorum_lost(world: &LabWorld) -> bool {
    let voters = voters(world);
    let up: Vec<NodeId> = world
        .nodes()
        .into_iter()
        .filter(|n| n.up && voters.contains(&n.id))
        .map(|n| n.id)
        .collect();
    let majority = voters.len() / 2 + 1;
    let (_, links) = world.network();
    // Grow connected groups of running voters (both directions must work).
    let mut seen: LiteSet<NodeId> = LiteSet::new();
    for &start in &up {
        if seen.contains(&start) {
            continue;
        }
        let mut group = vec![start];
        seen.insert(start);
        let mut i = 0;
        while let Some(&a) = group.get(i) {
            for &b in &up {
                if !seen.contains(&b) && links.can_send(a, b) && links.can_send(b, a) {
                    seen.insert(b);
                    group.push(b);
                }
            }
            i += 1;
        }
        if group.len() >= majority {
            return false;
        }
    }
    true
}

/// A goal's state for the task list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    Met,
    NotYet,
    /// Needs a part the lesson player does not drive yet (named by the view).
    Unchecked(View),
}

fn terms(world: &LabWorld) -> Vec<u64> {
    world
        .nodes()
        .into_iter()
        .map(|n| n.status.as_ref().map_or(n.disk_term, |s| s.term))
        .collect()
}

fn met(b: bool) -> Check {
    if b {
        Check::Met
    } else {
        Check::NotYet
    }
}

/// Checks one goal now.
pub fn check(goal: &Goal, world: &LabWorld, watch: &Watch) -> Check {
    let leader = world.leader();
    match goal {
        Goal::LeaderElected => met(leader.is_some()),
        Goal::LeaderChanged => met(leader.is_some() && leader != watch.start_leader),
        Goal::LeaderUnchanged => met(leader.is_some() && leader == watch.start_leader),
        Goal::NoLeader => met(leader.is_none()),
        Goal::QuorumLost => met(quorum_lost(world)),
        Goal::QuorumRegained => met(watch.quorum_lost_seen && !quorum_lost(world)),
        Goal::Committed { key } => met(world.node_ids().into_iter().any(|id| {
            world
                .state_machine(id)
                .is_some_and(|s| crate::world::kv_get(s, key).is_some())
        })),
        Goal::WriteFails => met(watch.write_failed(world)),
        Goal::TermAbove { term } => met(terms(world).iter().any(|t| t > term)),
        Goal::TermAtMost { term } => met(terms(world).iter().all(|t| t <= term)),
        Goal::CommitIndexAbove { index } => met(leader
            .and_then(|l| world.node(l))
            .is_some_and(|n| n.commit() > *index)),
        Goal::LogsMatch => met(logs_match(world)),
        Goal::UncommittedOverwritten => met(watch.overwritten),
        Goal::SafetyViolation => met(world.violations().len() > watch.violations_mark),
        Goal::ServersDown { n } => {
            met(world.nodes().iter().filter(|s| !s.up).count() >= usize::from(*n))
        }
        Goal::EtcdMembers { n } => met(leader
            .and_then(|l| world.node(l))
            .is_some_and(|node| node.membership().voters.len() == usize::from(*n))),
        Goal::TopologyIs { etcd } => met(watch.topology == Some(*etcd)),
        Goal::ChooserPicked { way } => met(watch.picked == Some(*way)),
        Goal::ChooserPurpose { purpose } => met(watch.purpose == Some(*purpose)),
        Goal::ChooserPlace { place } => met(watch.place == Some(*place)),
        Goal::ChooserCompared => met(watch.compared),
        Goal::ViewOpened { view } => met(watch.opened.contains(view.name())),
        Goal::TerminalOutputContains { text } => met(watch.output.contains(text.as_str())),
        Goal::Typed { prefix } => met(watch
            .typed
            .iter()
            .any(|line| line.starts_with(prefix.as_str()))),
        Goal::ActiveChanged { .. } => Check::Unchecked(View::Ha),
        Goal::ExperimentRuns { n } => met(watch.experiment_ranges >= *n),
    }
}

/// Every running server's log ends where the leader's does (same last index and term: by
/// Log Matching the logs are then equal), and they have committed as far.
fn logs_match(world: &LabWorld) -> bool {
    let Some(leader) = world.leader().and_then(|l| world.node(l)) else {
        return false;
    };
    let (last, term, commit) = (
        leader.last_index(),
        leader.term_at(leader.last_index()),
        leader.commit(),
    );
    world.node_ids().into_iter().all(|id| match world.node(id) {
        Some(n) => n.last_index() == last && n.term_at(last) == term && n.commit() == commit,
        None => true,
    })
}
