//! Read-only views for the page: nodes, messages in flight, clients.

use super::network::InFlight;
use super::World;
use crate::statemachine::StateMachine;
use quorum_raft::{Node, NodeId, NodeStatus, PersistedState};
use serde::{Deserialize, Serialize};

/// One server as the page draws it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeView {
    pub id: NodeId,
    pub up: bool,
    /// Raft's own view (None while stopped).
    pub status: Option<NodeStatus>,
    /// What is on disk (survives crashes).
    pub disk_term: u64,
    pub disk_vote: Option<NodeId>,
    pub disk_last_index: u64,
    pub disk_snapshot_index: u64,
    /// Disk writes in progress (their messages wait for them).
    pub pending_writes: usize,
    /// Highest index applied to the application.
    pub applied: u64,
}

/// A message in flight; the page interpolates its position between `sent_us` and
/// `deliver_us` from the current time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: u64,
    pub from: NodeId,
    pub to: NodeId,
    pub term: u64,
    pub kind: &'static str,
    pub sent_us: u64,
    pub deliver_us: u64,
    pub dropped: bool,
    pub duplicate: bool,
}

impl MessageView {
    fn of(f: &InFlight) -> MessageView {
        MessageView {
            id: f.id,
            from: f.msg.from,
            to: f.msg.to,
            term: f.msg.term,
            kind: f.msg.body.kind_name(),
            sent_us: f.sent_us,
            deliver_us: f.deliver_us,
            dropped: f.dropped,
            duplicate: f.duplicate,
        }
    }
}

impl<S: StateMachine + Default> World<S> {
    pub fn node_ids(&self) -> Vec<NodeId> {
        self.st.hosts.keys().copied().collect()
    }

    /// The Raft node itself (None if unknown or stopped), for any accessor of `quorum_raft`.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.st.hosts.get(&id).and_then(|h| h.node.as_ref())
    }

    /// A node's disk.
    pub fn disk(&self, id: NodeId) -> Option<&PersistedState> {
        self.st.hosts.get(&id).map(|h| &h.disk)
    }

    /// A node's application state.
    pub fn state_machine(&self, id: NodeId) -> Option<&S> {
        self.st.hosts.get(&id).map(|h| &h.sm)
    }

    pub fn nodes(&self) -> Vec<NodeView> {
        self.st
            .hosts
            .values()
            .map(|h| NodeView {
                id: h.id,
                up: h.is_up(),
                status: h.node.as_ref().map(|n| n.status()),
                disk_term: h.disk.hard_state.term,
                disk_vote: h.disk.hard_state.vote,
                disk_last_index: h.disk.last_index(),
                disk_snapshot_index: h.disk.snapshot.meta.index,
                pending_writes: h.writes.len(),
                applied: h.applied,
            })
            .collect()
    }

    /// Messages in flight, oldest first.
    pub fn messages(&self) -> Vec<MessageView> {
        self.st.flight.values().map(MessageView::of).collect()
    }

    /// The full message (with body) of one in flight.
    pub fn message(&self, id: u64) -> Option<&InFlight> {
        self.st.flight.get(id)
    }

    /// Current network settings and links.
    pub fn network(&self) -> (&super::config::NetConfig, &super::network::Links) {
        (&self.st.net, &self.st.links)
    }
}
