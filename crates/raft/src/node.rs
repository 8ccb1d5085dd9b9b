//! The Raft node: state, construction, the public inputs and the `Ready` output.
//! Protocol logic lives in the sibling modules (election, replication, ...),
//! each adding an `impl Node` block.

use crate::confchange::{ConfChange, Membership};
use crate::config::{Config, ConfigError};
use crate::explain::{Explain, ProposeError};
use crate::log::RaftLog;
use crate::messages::{Message, MessageBody};
use crate::progress::Progress;
use crate::read_only::ReadOnly;
use crate::ready::{ReadFailure, ReadState, Ready};
use crate::storage::{HardState, PersistedState, SnapshotData};
use crate::types::{Index, Micros, NodeId, Term};
use litemap::LiteMap;
use rand_core::SeedableRng;
use rand_pcg::Pcg64;
use serde::{Deserialize, Serialize};

/// The role of a node. Whether it is a learner is a separate flag
/// ([`Node::is_learner`]): a learner is always a follower.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Follower,
    PreCandidate,
    Candidate,
    Leader,
}

/// A leadership transfer in progress (leader side).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub to: NodeId,
    /// The transfer is abandoned if no new leader by then (one election timeout).
    pub deadline_us: Micros,
}

/// One Raft server as a pure state machine. Cloning it snapshots it completely
/// (RNG included), which the simulator uses for time travel.
#[derive(Clone, Debug)]
pub struct Node {
    pub(crate) id: NodeId,
    pub(crate) cfg: Config,
    pub(crate) rng: Pcg64,
    pub(crate) term: Term,
    pub(crate) vote: Option<NodeId>,
    pub(crate) leader: Option<NodeId>,
    pub(crate) role: Role,
    pub(crate) log: RaftLog,
    /// Configuration in effect: the latest one in the log (thesis §4.1).
    pub(crate) membership: Membership,
    /// Index of the entry (or snapshot) that produced `membership`.
    pub(crate) membership_index: Index,
    /// Leader: progress of every member, self included.
    pub(crate) progress: LiteMap<NodeId, Progress>,
    /// Votes received in the current (pre-)campaign.
    pub(crate) votes: LiteMap<NodeId, bool>,
    /// When the election countdown last restarted, and its randomized length.
    pub(crate) election_start_us: Micros,
    pub(crate) randomized_timeout_us: Micros,
    pub(crate) heartbeat_deadline_us: Option<Micros>,
    pub(crate) check_quorum_deadline_us: Option<Micros>,
    /// Last time the current leader contacted this follower.
    pub(crate) last_leader_contact_us: Option<Micros>,
    pub(crate) transfer: Option<Transfer>,
    pub(crate) reads: ReadOnly,
    /// Last index for which a §5.4.2 block was explained (avoid repeating it).
    pub(crate) blocked_explained: Index,
    pub(crate) now: Micros,
    // Output buffers, drained by take_ready.
    pub(crate) msgs: Vec<Message>,
    pub(crate) explains: Vec<Explain>,
    pub(crate) read_states: Vec<ReadState>,
    pub(crate) read_failures: Vec<ReadFailure>,
    pub(crate) persisted_hs: HardState,
}

/// Why a leadership transfer request was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum TransferError {
    NotLeader { leader: Option<NodeId> },
    ToSelf,
    NotAVoter { node: NodeId },
    AlreadyTransferring { to: NodeId },
}

/// Why `compact` was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum CompactError {
    /// Only applied entries can be compacted.
    NotApplied { index: Index, applied: Index },
    /// Already compacted up to `first_index - 1`.
    AlreadyCompacted { index: Index, first_index: Index },
}

impl Node {
    /// Creates a node (a fresh start or a restart) from what is on its disk.
    /// Commit and applied restart at the snapshot index: they are volatile.
    pub fn new(
        id: NodeId,
        config: Config,
        persisted: PersistedState,
        seed: u64,
        now: Micros,
    ) -> Result<Node, ConfigError> {
        config.validate()?;
        if id == 0 {
            return Err(ConfigError::InvalidNodeId);
        }
        let PersistedState {
            hard_state,
            snapshot,
            entries,
        } = persisted;
        let log = RaftLog::new(snapshot, entries);
        let mut node = Node {
            id,
            rng: Pcg64::seed_from_u64(mix_seed(seed, id)),
            term: hard_state.term,
            vote: hard_state.vote,
            leader: None,
            role: Role::Follower,
            membership: log.snapshot.meta.membership.clone(),
            membership_index: log.snapshot_index(),
            log,
            progress: LiteMap::new(),
            votes: LiteMap::new(),
            election_start_us: now,
            randomized_timeout_us: config.election_timeout_min_us,
            heartbeat_deadline_us: None,
            check_quorum_deadline_us: None,
            last_leader_contact_us: None,
            transfer: None,
            reads: ReadOnly::default(),
            blocked_explained: 0,
            now,
            msgs: Vec::new(),
            explains: Vec::new(),
            read_states: Vec::new(),
            read_failures: Vec::new(),
            persisted_hs: hard_state,
            cfg: config,
        };
        node.restore_after_restart(hard_state);
        Ok(node)
    }

    fn restore_after_restart(&mut self, hs: HardState) {
        if let (true, Some(v)) = (self.cfg.bugs.forget_vote_on_restart, hs.vote) {
            self.vote = None;
            self.explain(Explain::VoteForgotten {
                term: hs.term,
                vote: v,
            });
        }
        self.recompute_membership();
        self.reset_election_timer();
        self.explain(Explain::Restarted {
            term: self.term,
            vote: self.vote,
            last_index: self.log.last_index(),
            snapshot_index: self.log.snapshot_index(),
        });
    }

    // ----- inputs -----

    /// Fires every timer that is due at `now` (cheap when none is).
    pub fn tick(&mut self, now: Micros) {
        self.advance_clock(now);
        self.fire_timers();
    }

    /// Handles one incoming message.
    pub fn step(&mut self, msg: Message, now: Micros) {
        self.advance_clock(now);
        self.step_message(msg);
    }

    /// Proposes application data. Only a leader accepts; returns the entry's index.
    pub fn propose(&mut self, data: Vec<u8>, now: Micros) -> Result<Index, ProposeError> {
        self.advance_clock(now);
        self.propose_entry(crate::entry::EntryKind::Normal(data))
    }

    /// Proposes a membership change (single-step or joint).
    pub fn propose_conf_change(
        &mut self,
        change: ConfChange,
        now: Micros,
    ) -> Result<Index, ProposeError> {
        self.advance_clock(now);
        self.propose_membership(change)
    }

    /// Requests a linearizable read identified by `ctx` (unique per caller).
    /// The answer comes in a later `Ready` as a `ReadState` or a `ReadFailure`.
    pub fn read_index(&mut self, ctx: u64, now: Micros) {
        self.advance_clock(now);
        self.request_read(ctx);
    }

    /// Asks the leader to hand leadership to `to` (thesis §3.10). Asking for the
    /// leader itself cancels a pending transfer, as in etcd (`ToSelf` if none is pending).
    pub fn transfer_leadership(&mut self, to: NodeId, now: Micros) -> Result<(), TransferError> {
        self.advance_clock(now);
        self.start_transfer(to)
    }

    /// Starts a campaign now, as if the election timeout had fired.
    pub fn campaign(&mut self, now: Micros) {
        self.advance_clock(now);
        self.on_election_timeout();
    }

    /// Compacts the log up to `index` (≤ applied), keeping `data` as the snapshot.
    pub fn compact(
        &mut self,
        index: Index,
        data: impl Into<SnapshotData>,
    ) -> Result<(), CompactError> {
        self.compact_log(index, data.into())
    }

    /// The transport could not reach `to` (etcd `ReportUnreachable`).
    pub fn report_unreachable(&mut self, to: NodeId) {
        self.on_unreachable(to);
    }

    /// The application finished (or failed) sending a snapshot to `to`.
    pub fn report_snapshot(&mut self, to: NodeId, ok: bool) {
        self.on_snapshot_report(to, ok);
    }

    /// Drains everything the application must persist, send and apply.
    pub fn take_ready(&mut self) -> Ready {
        let hs = self.hard_state();
        let hard_state = (hs != self.persisted_hs).then_some(hs);
        self.persisted_hs = hs;
        let (entries, truncated_from) = self.log.take_unstable();
        Ready {
            hard_state,
            snapshot: self.log.pending_install.take(),
            compacted: self.log.pending_compacted.take(),
            entries,
            truncated_from,
            messages: std::mem::take(&mut self.msgs),
            committed_entries: self.log.take_committed(),
            read_states: std::mem::take(&mut self.read_states),
            read_failures: std::mem::take(&mut self.read_failures),
            explanations: std::mem::take(&mut self.explains),
        }
    }

    /// Whether `take_ready` would return something.
    pub fn has_ready(&self) -> bool {
        self.hard_state() != self.persisted_hs
            || !self.msgs.is_empty()
            || !self.explains.is_empty()
            || !self.read_states.is_empty()
            || !self.read_failures.is_empty()
            || self.log.commit > self.log.applied
            || self.log.pending_install.is_some()
            || self.log.pending_compacted.is_some()
            || self.log.has_unstable()
    }

    // ----- helpers shared by the protocol modules -----

    pub(crate) fn advance_clock(&mut self, now: Micros) {
        // Time never goes backwards for a node, even if the caller's does.
        self.now = self.now.max(now);
    }

    pub(crate) fn explain(&mut self, e: Explain) {
        self.explains.push(e);
    }

    pub(crate) fn send(&mut self, to: NodeId, body: MessageBody) {
        let term = self.term;
        self.send_with_term(to, term, body);
    }

    pub(crate) fn send_with_term(&mut self, to: NodeId, term: Term, body: MessageBody) {
        self.msgs.push(Message {
            from: self.id,
            to,
            term,
            body,
        });
    }

    pub(crate) fn hard_state(&self) -> HardState {
        HardState {
            term: self.term,
            vote: self.vote,
        }
    }

    /// A voter of the current configuration may campaign; learners and removed
    /// nodes never do.
    pub(crate) fn promotable(&self) -> bool {
        self.membership.is_voter(self.id)
    }

    /// The last index of a log entry of this node's current term that has committed.
    pub(crate) fn committed_in_term(&self) -> bool {
        self.log.term(self.log.commit) == Some(self.term)
    }
}

/// Mixes the caller's seed with the node id so nodes draw different timeouts.
fn mix_seed(seed: u64, id: NodeId) -> u64 {
    // splitmix64 finalizer
    let mut z = seed ^ id.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
