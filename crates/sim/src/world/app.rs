//! Hooks for an application layered on the world (the etcd terminal): propose raw
//! application bytes through a node and learn what that node's state machine returned when it
//! applied them, ReadIndex through a node, membership changes and leadership transfer by node,
//! and starting or stopping a node.
//!
//! Every call that changes the world is a recorded user action (`Propose`, `ReadIndex`,
//! `ProposeConfChange`, `TransferFrom`, `StartNode`, `StopNode`), so time travel and a
//! permalink replay what the terminal did; the answer the caller needs (a ticket, a read's
//! ctx) is left in `AppHooks::answer` by the action. A world that is never replayed can turn
//! recording off (`World::record_app_actions`). The world records results only for the
//! (node, index) pairs an application registered; forgetting them is bookkeeping, not an
//! action.

use super::config::UserAction;
use super::{SimError, World};
use crate::statemachine::StateMachine;
use litemap::LiteMap;
use quorum_raft::{
    ConfChange, ConfChangeStep, EntryKind, Membership, NodeId, PersistedState, ProposeError,
    ReadFailure, ReadState, TransferError,
};

/// A proposal a leader accepted: where it sits in the log, and the node that waits for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket {
    /// The node the request came in through (it answers once it applied the entry).
    pub via: NodeId,
    pub leader: NodeId,
    pub index: u64,
    pub term: u64,
}

/// What became of a ticket at its node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    /// Not applied there yet.
    Pending,
    /// Applied; the state machine's result (empty for membership entries).
    Done(Vec<u8>),
    /// Another entry was applied at that index (the proposing leader lost its term), or the
    /// node jumped past it with a snapshot: the outcome is unknown to the waiter.
    Lost,
}

/// The state of a ReadIndex request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadStatus {
    Pending,
    /// Safe to read once the node has applied `index`.
    Confirmed {
        index: u64,
    },
    /// No leader, or leadership lost before the read was confirmed.
    Failed,
}

/// The term of an applied entry and what the state machine returned for it.
type AppliedResult = (u64, Vec<u8>);

/// Registered waits (cloned with the world's state by time travel).
#[derive(Clone, Debug, Default)]
pub struct AppHooks {
    /// (node, index) -> (term, result) once that node applied the entry at index.
    applied: LiteMap<(NodeId, u64), Option<AppliedResult>>,
    /// ReadIndex ctx -> (node asked, status).
    reads: LiteMap<u64, (NodeId, ReadStatus)>,
    /// What the last application action returned, for the `app_*` call that made it.
    answer: Option<Answer>,
    /// An `app_*` call is running its action now. Unset while a recorded action replays
    /// (time travel, a permalink): nobody waits then, so nothing is registered.
    waiting: bool,
}

/// The result of an application action, taken by the `app_*` call right after it ran.
#[derive(Clone, Debug)]
enum Answer {
    Proposed(Result<Ticket, ProposeError>),
    Read(Option<u64>),
    Transfer(Result<(), TransferError>),
}

impl AppHooks {
    /// Called for every entry a node applies (`result` is empty for non-application entries).
    pub(crate) fn on_applied(&mut self, node: NodeId, index: u64, term: u64, result: Vec<u8>) {
        if let Some(slot) = self.applied.get_mut(&(node, index)) {
            *slot = Some((term, result));
        }
    }

    /// Called with the read outcomes of every Ready of `node`.
    pub(crate) fn on_reads(&mut self, node: NodeId, ok: &[ReadState], failed: &[ReadFailure]) {
        for r in ok {
            if let Some((n, s)) = self.reads.get_mut(&r.ctx) {
                if *n == node {
                    *s = ReadStatus::Confirmed { index: r.index };
                }
            }
        }
        for f in failed {
            if let Some((n, s)) = self.reads.get_mut(&f.ctx) {
                if *n == node {
                    *s = ReadStatus::Failed;
                }
            }
        }
    }
}

impl<S: StateMachine + Default> World<S> {
    /// Where a request arriving at `via` would be proposed: `via` itself if it leads, else the
    /// leader it knows, if it is up and `via` can reach it (etcd forwards the proposal).
    fn forward_target(&self, via: NodeId) -> Result<NodeId, ProposeError> {
        let node = self
            .node(via)
            .ok_or(ProposeError::NotLeader { leader: None })?;
        if node.is_leader() {
            return Ok(via);
        }
        let leader = node
            .leader()
            .ok_or(ProposeError::NotLeader { leader: None })?;
        let reachable = self.node(leader).is_some() && self.st.links.can_send(via, leader);
        if reachable {
            Ok(leader)
        } else {
            Err(ProposeError::NotLeader {
                leader: Some(leader),
            })
        }
    }

    /// Proposes application bytes through `via` (forwarded to its leader). With `track`, the
    /// result `via` gets when it applies the entry can be collected with [`World::app_applied`].
    pub fn app_propose(
        &mut self,
        via: NodeId,
        data: Vec<u8>,
        track: bool,
    ) -> Result<Ticket, ProposeError> {
        let action = UserAction::Propose {
            node: via,
            data,
            track,
        };
        match self.app_action(action) {
            Some(Answer::Proposed(r)) => r,
            _ => Err(ProposeError::NotLeader { leader: None }),
        }
    }

    /// Proposes a single-step membership change through `via` (forwarded to its leader).
    pub fn app_conf_change(
        &mut self,
        via: NodeId,
        step: ConfChangeStep,
    ) -> Result<Ticket, ProposeError> {
        match self.app_action(UserAction::ProposeConfChange { node: via, step }) {
            Some(Answer::Proposed(r)) => r,
            _ => Err(ProposeError::NotLeader { leader: None }),
        }
    }

    /// Records and runs an application action now (or only runs it, if this world does not
    /// record them); what it answered.
    fn app_action(&mut self, action: UserAction) -> Option<Answer> {
        self.st.app.answer = None;
        self.st.app.waiting = true;
        if self.record_app_actions {
            let _ = self.apply(action);
        } else {
            self.fork();
            let _ = self.perform(action);
        }
        self.st.app.waiting = false;
        self.st.app.answer.take()
    }

    /// Leaves `answer` for the `app_*` call waiting for it, if there is one.
    fn answer(&mut self, answer: Answer) {
        if self.st.app.waiting {
            self.st.app.answer = Some(answer);
        }
    }

    /// `UserAction::Propose` and `ProposeConfChange`.
    pub(crate) fn perform_propose(
        &mut self,
        via: NodeId,
        entry: Result<Vec<u8>, ConfChangeStep>,
        track: bool,
    ) {
        let track = track && self.st.app.waiting;
        let r = self.propose_now(via, entry, track);
        self.answer(Answer::Proposed(r));
    }

    fn propose_now(
        &mut self,
        via: NodeId,
        entry: Result<Vec<u8>, ConfChangeStep>,
        track: bool,
    ) -> Result<Ticket, ProposeError> {
        let leader = self.forward_target(via)?;
        let now = self.st.now;
        let node = self
            .node_mut(leader)
            .ok_or(ProposeError::NotLeader { leader: None })?;
        let index = match entry {
            Ok(data) => node.propose(data, now)?,
            Err(step) => node.propose_conf_change(ConfChange::Simple(step), now)?,
        };
        let term = node.term();
        if track {
            self.st.app.applied.insert((via, index), None);
        }
        self.drive(leader);
        Ok(Ticket {
            via,
            leader,
            index,
            term,
        })
    }

    /// Whether the ticket's node has applied something at its index (cheap; for stop checks).
    pub fn app_is_applied(&self, t: &Ticket) -> bool {
        let slot = self.st.app.applied.get(&(t.via, t.index));
        slot.is_some_and(|s| s.is_some()) || self.app_skipped(t)
    }

    /// The node restored a snapshot at or past the index without applying the entry itself.
    fn app_skipped(&self, t: &Ticket) -> bool {
        let unseen = matches!(self.st.app.applied.get(&(t.via, t.index)), Some(None));
        let applied = self.st.hosts.get(&t.via).map_or(0, |h| h.applied);
        unseen && applied >= t.index
    }

    /// What became of a ticket; a final answer (`Done`/`Lost`) forgets the registration.
    pub fn app_applied(&mut self, t: &Ticket) -> Applied {
        if self.app_skipped(t) {
            self.app_forget(t);
            return Applied::Lost;
        }
        match self.st.app.applied.get(&(t.via, t.index)) {
            Some(Some(_)) => {}
            Some(None) => return Applied::Pending,
            None => return Applied::Lost,
        }
        match self.st.app.applied.remove(&(t.via, t.index)) {
            Some(Some((term, out))) if term == t.term => Applied::Done(out),
            _ => Applied::Lost,
        }
    }

    /// Stops waiting for a ticket.
    pub fn app_forget(&mut self, t: &Ticket) {
        self.st.app.applied.remove(&(t.via, t.index));
    }

    /// Starts a linearizable read through `via` (a follower forwards it to its leader).
    /// Returns the request's ctx, or None if the node is stopped.
    pub fn app_read_index(&mut self, via: NodeId) -> Option<u64> {
        match self.app_action(UserAction::ReadIndex { node: via }) {
            Some(Answer::Read(ctx)) => ctx,
            _ => None,
        }
    }

    /// `UserAction::ReadIndex`.
    pub(crate) fn perform_read_index(&mut self, via: NodeId) {
        let ctx = self.read_index_now(via);
        self.answer(Answer::Read(ctx));
    }

    fn read_index_now(&mut self, via: NodeId) -> Option<u64> {
        let now = self.st.now;
        self.node(via)?;
        let ctx = self.st.next_ctx;
        self.st.next_ctx += 1;
        if self.st.app.waiting {
            self.st.app.reads.insert(ctx, (via, ReadStatus::Pending));
        }
        if let Some(node) = self.node_mut(via) {
            node.read_index(ctx, now);
        }
        self.drive(via);
        Some(ctx)
    }

    pub fn app_read_status(&self, ctx: u64) -> Option<ReadStatus> {
        self.st.app.reads.get(&ctx).map(|(_, s)| *s)
    }

    /// Forgets a read (answered, failed or abandoned).
    pub fn app_read_done(&mut self, ctx: u64) {
        self.st.app.reads.remove(&ctx);
    }

    /// Asks `leader` to hand leadership to `to` (etcd's MoveLeader).
    pub fn app_transfer(&mut self, leader: NodeId, to: NodeId) -> Result<(), TransferError> {
        match self.app_action(UserAction::TransferFrom { node: leader, to }) {
            Some(Answer::Transfer(r)) => r,
            _ => Err(TransferError::NotLeader { leader: None }),
        }
    }

    /// `UserAction::TransferFrom`.
    pub(crate) fn perform_transfer(&mut self, leader: NodeId, to: NodeId) {
        let now = self.st.now;
        let r = match self.node_mut(leader) {
            Some(n) => n.transfer_leadership(to, now),
            None => Err(TransferError::NotLeader { leader: None }),
        };
        self.drive(leader);
        self.answer(Answer::Transfer(r));
    }

    /// Starts a node: restarts a stopped one from its disk, or boots a brand-new empty one
    /// (a member that was added to the configuration and is now started for the first time).
    pub fn app_start(&mut self, node: NodeId) -> Result<(), SimError> {
        if self.record_app_actions {
            return self.apply(UserAction::StartNode { node });
        }
        self.fork();
        self.perform_start(node)
    }

    /// `UserAction::StartNode`.
    pub(crate) fn perform_start(&mut self, node: NodeId) -> Result<(), SimError> {
        if self.st.hosts.contains_key(&node) {
            return self.restart(node);
        }
        self.add_host(node)?;
        self.update_calm();
        Ok(())
    }

    /// Stops (crashes) a node; its disk survives.
    pub fn app_stop(&mut self, node: NodeId) -> Result<(), SimError> {
        self.apply(UserAction::StopNode { node })
    }

    /// Whether the node exists and runs.
    pub fn app_is_up(&self, node: NodeId) -> bool {
        self.st.hosts.get(&node).is_some_and(|h| h.is_up())
    }

    /// Highest index applied by the node's state machine (0 if unknown).
    pub fn app_applied_index(&self, node: NodeId) -> u64 {
        self.st.hosts.get(&node).map_or(0, |h| h.applied)
    }

    /// The newest configuration any running node knows (the leader's if there is one; else
    /// the one from the latest entry); with every node stopped, the configuration on the
    /// disk of the first host.
    pub fn app_membership(&self) -> Membership {
        if let Some(l) = self.leader().and_then(|l| self.node(l)) {
            return l.membership().clone();
        }
        let newest = self
            .st
            .hosts
            .values()
            .filter_map(|h| h.node.as_ref())
            .max_by_key(|n| (n.membership_index(), n.id()));
        if let Some(n) = newest {
            return n.membership().clone();
        }
        self.st
            .hosts
            .values()
            .map(|h| disk_membership(&h.disk))
            .max_by_key(|(index, _)| *index)
            .map(|(_, m)| m)
            .unwrap_or_default()
    }
}

/// The configuration a stopped node would restart with: the snapshot's, then every
/// membership entry of the log in order (thesis §4.1: the latest one in the log counts).
fn disk_membership(disk: &PersistedState) -> (u64, Membership) {
    let mut index = disk.snapshot.meta.index;
    let mut m = disk.snapshot.meta.membership.clone();
    for e in &disk.entries {
        if let EntryKind::ConfChange(c) = &e.kind {
            if let Ok(next) = m.apply(c) {
                m = next;
                index = e.index;
            }
        }
    }
    (index, m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::config::{RunDescription, SimConfig};

    /// A replayed application action (after a seek) registers no wait: nobody is there to
    /// collect it, so the bookkeeping would only grow.
    #[test]
    fn replayed_application_actions_register_no_waits() {
        let run = RunDescription {
            config: SimConfig::default(),
            seed: 3,
            actions: Vec::new(),
        };
        let mut w = World::<crate::KvStore>::new(run).expect("world");
        w.advance_to(3_000_000);
        let leader = w.leader().expect("a leader");
        let ticket = w
            .app_propose(leader, b"x".to_vec(), true)
            .expect("proposed");
        let ctx = w.app_read_index(leader).expect("read started");
        assert_eq!((w.st.app.applied.len(), w.st.app.reads.len()), (1, 1));
        w.advance_to(4_000_000);
        assert!(matches!(w.app_applied(&ticket), Applied::Done(_)));
        w.app_read_done(ctx);
        let trace = w.trace_hash();
        w.seek(1_000_000);
        w.seek(4_000_000);
        assert_eq!(w.trace_hash(), trace, "the replay is the same run");
        assert_eq!((w.st.app.applied.len(), w.st.app.reads.len()), (0, 0));
        assert!(w.st.app.answer.is_none());
    }
}
