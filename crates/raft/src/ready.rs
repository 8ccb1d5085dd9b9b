//! The output of a node: what the application must persist, send and apply.

use crate::entry::Entry;
use crate::explain::Explain;
use crate::messages::Message;
use crate::storage::{HardState, Snapshot};
use crate::types::{Index, NodeId};
use serde::{Deserialize, Serialize};

/// A linearizable read that became safe: once the application has applied
/// up to `index`, it may answer the read identified by `ctx` from its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadState {
    pub ctx: u64,
    pub index: Index,
}

/// A read that cannot be served (no leader, lost leadership, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadFailure {
    pub ctx: u64,
    /// Who the node believes leads, so the application can retry there.
    pub leader: Option<NodeId>,
}

/// Work for the application. Handle it in this order (etcd semantics):
/// 1. persist `snapshot`, `compacted`, `entries` (truncating the log from the
///    first entry's index) and `hard_state` — [`crate::PersistedState::apply_ready`]
///    does exactly this;
/// 2. then send `messages`;
/// 3. then apply `committed_entries` in order (after restoring `snapshot`, if any).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ready {
    /// Term/vote to persist, if changed since the last `Ready`.
    pub hard_state: Option<HardState>,
    /// A snapshot received from the leader: persist it and restore the state machine.
    pub snapshot: Option<Snapshot>,
    /// A snapshot the application asked for with `compact`: persist it and drop
    /// the log prefix it covers (the state machine already has this state).
    pub compacted: Option<Snapshot>,
    /// Entries to append to stable storage; any persisted entry with an index
    /// ≥ `entries[0].index` must be discarded first.
    pub entries: Vec<Entry>,
    /// Set when the new entries overwrite a conflicting suffix: the first index removed.
    pub truncated_from: Option<Index>,
    /// Messages to send, only after persisting.
    pub messages: Vec<Message>,
    /// Newly committed entries, to apply in order.
    pub committed_entries: Vec<Entry>,
    /// Reads that became safe.
    pub read_states: Vec<ReadState>,
    /// Reads that failed.
    pub read_failures: Vec<ReadFailure>,
    /// Why the node did what it did since the last `Ready`.
    pub explanations: Vec<Explain>,
}

impl Ready {
    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.hard_state.is_none()
            && self.snapshot.is_none()
            && self.compacted.is_none()
            && self.entries.is_empty()
            && self.messages.is_empty()
            && self.committed_entries.is_empty()
            && self.read_states.is_empty()
            && self.read_failures.is_empty()
            && self.explanations.is_empty()
    }
}
