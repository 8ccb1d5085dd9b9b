//! Read-only accessors for drawing and inspecting a node. Nothing here changes state.

use crate::confchange::Membership;
use crate::config::Config;
use crate::entry::Entry;
use crate::node::{Node, Role, Transfer};
use crate::progress::ProgressState;
use crate::storage::{HardState, PersistedState, SnapshotMeta};
use crate::types::{Index, Micros, NodeId, Term};
use litemap::LiteMap;
use serde::{Deserialize, Serialize};

/// The leader's view of one peer, flattened for drawing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressView {
    pub id: NodeId,
    pub matched: Index,
    pub next: Index,
    pub state: ProgressState,
    pub inflight: usize,
    pub recent_active: bool,
    pub pending_snapshot: Index,
    pub is_learner: bool,
}

/// Everything the inspector shows about a node except the log itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeStatus {
    pub id: NodeId,
    pub role: Role,
    pub is_learner: bool,
    pub term: Term,
    pub vote: Option<NodeId>,
    pub leader: Option<NodeId>,
    pub first_index: Index,
    pub last_index: Index,
    pub last_term: Term,
    pub commit: Index,
    pub applied: Index,
    pub snapshot_index: Index,
    pub snapshot_term: Term,
    pub membership: Membership,
    pub election_deadline_us: Option<Micros>,
    pub randomized_timeout_us: Micros,
    pub heartbeat_deadline_us: Option<Micros>,
    pub transfer: Option<Transfer>,
    #[serde(with = "crate::lite::map_serde")]
    pub votes: LiteMap<NodeId, bool>,
    pub progress: Vec<ProgressView>,
}

impl Node {
    pub fn id(&self) -> NodeId {
        self.id
    }
    pub fn config(&self) -> &Config {
        &self.cfg
    }
    pub fn role(&self) -> Role {
        self.role
    }
    pub fn is_leader(&self) -> bool {
        self.role == Role::Leader
    }
    /// A learner of the current configuration (never campaigns, never counted).
    pub fn is_learner(&self) -> bool {
        self.membership.is_learner(self.id) && !self.membership.is_voter(self.id)
    }
    pub fn term(&self) -> Term {
        self.term
    }
    pub fn vote(&self) -> Option<NodeId> {
        self.vote
    }
    pub fn leader(&self) -> Option<NodeId> {
        self.leader
    }
    pub fn hard_state_now(&self) -> HardState {
        self.hard_state()
    }
    /// Entries after the snapshot, in order.
    pub fn log_entries(&self) -> &[Entry] {
        self.log.entries()
    }
    pub fn entry(&self, index: Index) -> Option<&Entry> {
        self.log.entry(index)
    }
    /// Term at `index` if known (including the snapshot's last index and 0).
    pub fn term_at(&self, index: Index) -> Option<Term> {
        self.log.term(index)
    }
    pub fn first_index(&self) -> Index {
        self.log.first_index()
    }
    pub fn last_index(&self) -> Index {
        self.log.last_index()
    }
    pub fn last_term(&self) -> Term {
        self.log.last_term()
    }
    pub fn commit(&self) -> Index {
        self.log.commit
    }
    /// Highest index handed to the application in `committed_entries` (or restored by a snapshot).
    pub fn applied(&self) -> Index {
        self.log.applied
    }
    pub fn snapshot_meta(&self) -> &SnapshotMeta {
        &self.log.snapshot.meta
    }
    pub fn membership(&self) -> &Membership {
        &self.membership
    }
    /// Index of the entry that produced the configuration in effect.
    pub fn membership_index(&self) -> Index {
        self.membership_index
    }
    /// When the election timer fires (None for leaders, learners, removed nodes).
    pub fn election_deadline(&self) -> Option<Micros> {
        (self.role != Role::Leader && self.promotable()).then(|| self.election_deadline_at())
    }
    pub fn randomized_election_timeout(&self) -> Micros {
        self.randomized_timeout_us
    }
    pub fn heartbeat_deadline(&self) -> Option<Micros> {
        self.heartbeat_deadline_us
    }
    pub fn pending_transfer(&self) -> Option<Transfer> {
        self.transfer
    }
    /// Votes received in the current (pre-)campaign.
    pub fn votes(&self) -> &LiteMap<NodeId, bool> {
        &self.votes
    }
    /// Last time the current leader was heard from (followers).
    pub fn last_leader_contact(&self) -> Option<Micros> {
        self.last_leader_contact_us
    }
    /// The node's notion of now (the largest time it was given).
    pub fn now(&self) -> Micros {
        self.now
    }

    /// Per-peer progress (leader only; empty otherwise), sorted by id.
    pub fn progress(&self) -> Vec<ProgressView> {
        self.progress
            .iter()
            .map(|(id, p)| ProgressView {
                id: *id,
                matched: p.matched,
                next: p.next,
                state: p.state,
                inflight: p.inflight.len(),
                recent_active: p.recent_active,
                pending_snapshot: p.pending_snapshot,
                is_learner: self.membership.is_learner(*id) && !self.membership.is_voter(*id),
            })
            .collect()
    }

    pub fn status(&self) -> NodeStatus {
        NodeStatus {
            id: self.id,
            role: self.role,
            is_learner: self.is_learner(),
            term: self.term,
            vote: self.vote,
            leader: self.leader,
            first_index: self.first_index(),
            last_index: self.last_index(),
            last_term: self.last_term(),
            commit: self.commit(),
            applied: self.applied(),
            snapshot_index: self.log.snapshot_index(),
            snapshot_term: self.log.snapshot.meta.term,
            membership: self.membership.clone(),
            election_deadline_us: self.election_deadline(),
            randomized_timeout_us: self.randomized_timeout_us,
            heartbeat_deadline_us: self.heartbeat_deadline_us,
            transfer: self.transfer,
            votes: self.votes.clone(),
            progress: self.progress(),
        }
    }

    /// What this node's disk would hold if every `Ready` so far was persisted
    /// (handy for tests; the application normally keeps its own copy).
    pub fn persisted_view(&self) -> PersistedState {
        PersistedState {
            hard_state: self.hard_state(),
            snapshot: self.log.snapshot.clone(),
            entries: self.log.entries().to_vec(),
        }
    }
}
