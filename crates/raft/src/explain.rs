//! Structured explanations of every decision a node takes. The page words them
//! (in English and Korean); the core never produces sentences.

use crate::confchange::{ConfChange, ConfChangeError, Membership};
use crate::messages::MessageKind;
use crate::progress::ProgressState;
use crate::types::{Index, Micros, NodeId, Term};
use serde::{Deserialize, Serialize};

/// Which kind of campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignKind {
    PreVote,
    Election,
    /// Triggered by TimeoutNow (leadership transfer): skips pre-vote and leases.
    Transfer,
}

/// Why a vote (or pre-vote) was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum VoteRejectReason {
    /// One vote per term: already voted for `voted_for` in `term`.
    AlreadyVoted { voted_for: NodeId, term: Term },
    /// Already following a leader in this term (etcd rule: no vote while a leader is known).
    HasLeader { leader: NodeId, term: Term },
    /// §5.4.1: the candidate's last log term is older than mine.
    CandidateLastTermOlder {
        candidate_last_term: Term,
        my_last_term: Term,
    },
    /// §5.4.1: same last term, but the candidate's log is shorter.
    CandidateLogShorter {
        last_term: Term,
        candidate_last_index: Index,
        my_last_index: Index,
    },
    /// The request's term is older than mine.
    StaleTerm { candidate_term: Term, my_term: Term },
}

/// Why a message was dropped without effect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum IgnoreReason {
    /// Its term is older than mine.
    StaleTerm { msg_term: Term, my_term: Term },
    /// Check-quorum: I heard from leader `leader` less than an election timeout
    /// ago, so a vote request cannot be legitimate (thesis §4.2.3).
    InLease {
        leader: NodeId,
        elapsed_us: Micros,
        timeout_us: Micros,
    },
    /// The sender is not a member I track (or is myself / id 0).
    UnknownSender,
    /// Addressed to another node.
    WrongRecipient { to: NodeId },
    /// Only meaningful in another role (e.g. a vote response after the election ended).
    WrongRole,
    /// Indexes that cannot be right (e.g. acknowledging entries I never sent).
    NonsensicalIndex { index: Index, last_index: Index },
    /// A response to a request I no longer track (duplicate or reordered).
    Stale,
    /// Entries in an AppendEntries are not contiguous after `prev_index`, or carry
    /// terms that decrease or exceed the message term.
    MalformedEntries,
    /// A snapshot older than what I already have.
    StaleSnapshot {
        snapshot_index: Index,
        commit: Index,
    },
    /// Removed from the configuration or a learner: I never campaign.
    NotPromotable,
}

/// Why a follower's log failed the consistency check (§5.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum AppendRejectReason {
    /// My log ends before `prev_index`.
    Missing { last_index: Index },
    /// I have a different term at `prev_index`.
    TermMismatch { my_term: Term },
}

/// Why a node stepped down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepDownReason {
    /// Saw a higher term.
    HigherTerm,
    /// A candidate saw a leader of its term.
    LeaderOfSameTerm,
    /// Check-quorum failed.
    CheckQuorum,
    /// The leader's removal from the configuration committed.
    RemovedFromConfig,
}

/// Why a proposal was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum ProposeError {
    /// Only the leader accepts proposals; forward to `leader` if known.
    NotLeader { leader: Option<NodeId> },
    /// A leadership transfer to `to` is in progress.
    TransferInProgress { to: NodeId },
    /// Another configuration change is not yet committed.
    ConfChangePending { index: Index },
    /// A new leader must commit an entry of its term before changing membership
    /// (fixes the single-server change bug, Ongaro 2015).
    LeaderNotReady,
    /// The change itself is invalid.
    InvalidConfChange(ConfChangeError),
}

/// Why a read failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadFailReason {
    NoLeader,
    /// Leadership was lost before the read was confirmed.
    LeadershipLost,
    /// A transfer is in progress.
    TransferInProgress,
    /// The leader's answer came back negative.
    LeaderRefused,
}

/// How a read was served.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadHow {
    /// Confirmed by a quorum of heartbeat acks.
    ReadIndex,
    /// Inside the leader's lease.
    Lease,
    /// Single-voter cluster: no one to ask.
    SingleVoter,
    /// The `stale_local_reads` bug: answered from local state with no check.
    UnsafeLocal,
    /// Answer relayed from the leader to a follower.
    FromLeader,
}

/// Why a leadership transfer ended without success.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferAbortReason {
    /// No new leader after an election timeout.
    Timeout,
    /// The target is not a voter.
    NotAVoter,
    /// The target is removed from the configuration.
    TargetRemoved,
    /// A new transfer replaced it.
    Superseded,
    /// I am no longer leader.
    NoLongerLeader,
}

/// One decision, with every number that justifies it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "event")]
pub enum Explain {
    /// The randomized election timeout expired.
    ElectionTimeout {
        term: Term,
        timeout_us: Micros,
        pre_vote: bool,
    },
    /// A node that may not campaign let its timer pass.
    CampaignSkipped {
        reason: IgnoreReason,
    },
    /// Starting a campaign for `term` (for pre-vote: the term it would use).
    CampaignStarted {
        kind: CampaignKind,
        term: Term,
        last_index: Index,
        last_term: Term,
        voters: Vec<NodeId>,
    },
    VoteGranted {
        to: NodeId,
        term: Term,
        pre_vote: bool,
    },
    VoteRejected {
        to: NodeId,
        term: Term,
        pre_vote: bool,
        reason: VoteRejectReason,
    },
    /// A (pre-)vote answer arrived; tallies after counting it.
    VoteReceived {
        from: NodeId,
        term: Term,
        pre_vote: bool,
        granted: bool,
        granted_from: Vec<NodeId>,
        rejected_from: Vec<NodeId>,
        needed: usize,
        voters: usize,
    },
    /// The campaign cannot win any more.
    ElectionLost {
        term: Term,
        pre_vote: bool,
        rejected_from: Vec<NodeId>,
    },
    BecameFollower {
        term: Term,
        leader: Option<NodeId>,
    },
    BecamePreCandidate {
        term: Term,
    },
    BecameCandidate {
        term: Term,
    },
    BecameLeader {
        term: Term,
        votes_from: Vec<NodeId>,
        granted: usize,
        voters: usize,
    },
    /// Stepping down to follower.
    SteppingDown {
        from_term: Term,
        to_term: Term,
        seen_from: Option<NodeId>,
        reason: StepDownReason,
    },
    /// Term bumped because a message carried a higher term.
    TermAdvanced {
        from_term: Term,
        to_term: Term,
        seen_from: NodeId,
        kind: MessageKind,
    },
    MessageIgnored {
        from: NodeId,
        kind: MessageKind,
        term: Term,
        reason: IgnoreReason,
    },
    /// A lower-term message was answered so the sender learns the current term.
    StaleMessageAnswered {
        from: NodeId,
        kind: MessageKind,
        msg_term: Term,
        my_term: Term,
    },
    /// Follower: AppendEntries passed the consistency check.
    AppendAccepted {
        leader: NodeId,
        prev_index: Index,
        prev_term: Term,
        entries: usize,
        last_index: Index,
    },
    /// Follower: AppendEntries failed the consistency check.
    AppendRejected {
        leader: NodeId,
        prev_index: Index,
        prev_term: Term,
        reason: AppendRejectReason,
        conflict_term: Term,
        conflict_index: Index,
    },
    /// Entries from `from_index` on conflicted with the leader and were removed.
    EntriesTruncated {
        from_index: Index,
        removed: u64,
        removed_terms: Vec<Term>,
    },
    /// Leader: a follower rejected; where the leader will try next.
    FollowerRejected {
        peer: NodeId,
        rejected_index: Index,
        conflict_term: Term,
        conflict_index: Index,
        next_index: Index,
    },
    /// Leader: a follower's match index advanced.
    FollowerMatched {
        peer: NodeId,
        match_index: Index,
    },
    ProgressStateChanged {
        peer: NodeId,
        from: ProgressState,
        to: ProgressState,
    },
    /// Leader: entries `first_index..=index` committed by counting replicas of
    /// the current-term entry `index`.
    EntryCommitted {
        first_index: Index,
        index: Index,
        term: Term,
        replicated_on: Vec<NodeId>,
        count: usize,
        voters: usize,
    },
    /// Leader: `index` (term `entry_term`) is on a majority but is from an older
    /// term, so by §5.4.2 it is not committed by counting.
    CommitBlockedOldTerm {
        index: Index,
        entry_term: Term,
        current_term: Term,
        replicated_on: Vec<NodeId>,
        count: usize,
        voters: usize,
    },
    /// Bug `commit_old_term`: an old-term entry committed by counting.
    OldTermCommittedByCounting {
        index: Index,
        entry_term: Term,
        current_term: Term,
    },
    /// Follower: commit advanced from the leader's commit index.
    CommitLearned {
        from: Index,
        to: Index,
        leader: NodeId,
    },
    /// Leader: check-quorum step-down.
    CheckQuorumFailed {
        term: Term,
        active: Vec<NodeId>,
        needed: usize,
        voters: usize,
    },
    CheckQuorumPassed {
        term: Term,
        active: Vec<NodeId>,
    },
    ProposalAppended {
        index: Index,
        term: Term,
    },
    ProposalRejected {
        error: ProposeError,
    },
    ReadRequested {
        ctx: u64,
        index: Index,
    },
    /// Leader: read must wait until an entry of its term commits.
    ReadDeferred {
        ctx: u64,
    },
    ReadForwarded {
        ctx: u64,
        leader: NodeId,
    },
    ReadServed {
        ctx: u64,
        index: Index,
        how: ReadHow,
    },
    ReadFailed {
        ctx: u64,
        reason: ReadFailReason,
    },
    TransferStarted {
        to: NodeId,
        term: Term,
        target_match: Index,
        last_index: Index,
    },
    TimeoutNowSent {
        to: NodeId,
    },
    TransferAborted {
        to: NodeId,
        reason: TransferAbortReason,
    },
    TransferIgnored {
        to: NodeId,
        reason: TransferAbortReason,
    },
    TransferCompleted {
        to: NodeId,
        new_term: Term,
    },
    ConfChangeProposed {
        index: Index,
        change: ConfChange,
    },
    /// The configuration in effect changed (a change entry was appended, or
    /// truncated away).
    ConfChangeApplied {
        index: Index,
        membership: Membership,
    },
    ConfChangeCommitted {
        index: Index,
    },
    LeaveJointProposed {
        index: Index,
    },
    SnapshotSent {
        to: NodeId,
        index: Index,
        term: Term,
    },
    SnapshotInstalled {
        from: NodeId,
        index: Index,
        term: Term,
    },
    SnapshotRejected {
        from: NodeId,
        index: Index,
        commit: Index,
    },
    SnapshotCreated {
        index: Index,
        term: Term,
    },
    CompactRejected {
        index: Index,
        applied: Index,
        first_index: Index,
    },
    PeerUnreachable {
        peer: NodeId,
    },
    SnapshotReported {
        peer: NodeId,
        ok: bool,
    },
    /// A restarted node's in-memory state.
    Restarted {
        term: Term,
        vote: Option<NodeId>,
        last_index: Index,
        snapshot_index: Index,
    },
    /// Bug `forget_vote_on_restart`: the persisted vote was discarded.
    VoteForgotten {
        term: Term,
        vote: NodeId,
    },
}
