//! Messages exchanged between nodes.

use crate::entry::Entry;
use crate::storage::Snapshot;
use crate::types::{Index, NodeId, Term};
use serde::{Deserialize, Serialize};

/// A message on the wire. `term` is the sender's term (for PreVote, the term the
/// sender would campaign at; for a granted PreVoteResp, that same future term).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub from: NodeId,
    pub to: NodeId,
    pub term: Term,
    pub body: MessageBody,
}

/// The payload of a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum MessageBody {
    /// Thesis §9.6: would you vote for me at `term`? Does not change anyone's term.
    PreVote {
        last_index: Index,
        last_term: Term,
    },
    PreVoteResp {
        granted: bool,
    },
    /// `transfer`: the campaign follows a leadership transfer (TimeoutNow), so
    /// voters must not ignore it because of their leader lease.
    RequestVote {
        last_index: Index,
        last_term: Term,
        transfer: bool,
    },
    RequestVoteResp {
        granted: bool,
    },
    AppendEntries {
        prev_index: Index,
        prev_term: Term,
        entries: Vec<Entry>,
        commit: Index,
    },
    /// Answer to AppendEntries. On success `index` is the follower's last index
    /// matching the leader. On rejection `index` is the rejected `prev_index`, and
    /// the hint says where the leader should look next (fast backtracking):
    /// `conflict_term` is the follower's term at `prev_index` (0 if its log is
    /// too short) and `conflict_index` the first index of that term in its log
    /// (or its last index + 1 if too short).
    AppendResp {
        success: bool,
        index: Index,
        conflict_term: Term,
        conflict_index: Index,
        last_index: Index,
    },
    /// Leader heartbeat; `commit` is min(leader commit, follower match) as in
    /// etcd. `seq` numbers the heartbeat round: acknowledging it confirms the
    /// ReadIndex requests of that round and extends the leader's lease from the
    /// round's send time.
    Heartbeat {
        commit: Index,
        seq: u64,
    },
    HeartbeatResp {
        seq: u64,
    },
    /// Answered with an AppendResp (success, index = follower's commit/snapshot index).
    InstallSnapshot {
        snapshot: Snapshot,
    },
    /// Leadership transfer: campaign now, skipping pre-vote and the lease.
    TimeoutNow,
    /// A follower forwards a linearizable read to the leader.
    ReadIndex {
        ctx: u64,
    },
    /// The leader's answer: `index` is the read index, or `None` if it failed.
    ReadIndexResp {
        ctx: u64,
        index: Option<Index>,
    },
}

/// The kind of a message, for colouring and for explanations (no payload).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    PreVote,
    PreVoteResp,
    RequestVote,
    RequestVoteResp,
    AppendEntries,
    AppendResp,
    Heartbeat,
    HeartbeatResp,
    InstallSnapshot,
    TimeoutNow,
    ReadIndex,
    ReadIndexResp,
}

impl MessageKind {
    /// Stable snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            MessageKind::PreVote => "pre_vote",
            MessageKind::PreVoteResp => "pre_vote_resp",
            MessageKind::RequestVote => "request_vote",
            MessageKind::RequestVoteResp => "request_vote_resp",
            MessageKind::AppendEntries => "append_entries",
            MessageKind::AppendResp => "append_resp",
            MessageKind::Heartbeat => "heartbeat",
            MessageKind::HeartbeatResp => "heartbeat_resp",
            MessageKind::InstallSnapshot => "install_snapshot",
            MessageKind::TimeoutNow => "timeout_now",
            MessageKind::ReadIndex => "read_index",
            MessageKind::ReadIndexResp => "read_index_resp",
        }
    }

    /// Whether this is an answer to another message.
    pub fn is_response(self) -> bool {
        matches!(
            self,
            MessageKind::PreVoteResp
                | MessageKind::RequestVoteResp
                | MessageKind::AppendResp
                | MessageKind::HeartbeatResp
                | MessageKind::ReadIndexResp
        )
    }
}

impl MessageBody {
    pub fn kind(&self) -> MessageKind {
        match self {
            MessageBody::PreVote { .. } => MessageKind::PreVote,
            MessageBody::PreVoteResp { .. } => MessageKind::PreVoteResp,
            MessageBody::RequestVote { .. } => MessageKind::RequestVote,
            MessageBody::RequestVoteResp { .. } => MessageKind::RequestVoteResp,
            MessageBody::AppendEntries { .. } => MessageKind::AppendEntries,
            MessageBody::AppendResp { .. } => MessageKind::AppendResp,
            MessageBody::Heartbeat { .. } => MessageKind::Heartbeat,
            MessageBody::HeartbeatResp { .. } => MessageKind::HeartbeatResp,
            MessageBody::InstallSnapshot { .. } => MessageKind::InstallSnapshot,
            MessageBody::TimeoutNow => MessageKind::TimeoutNow,
            MessageBody::ReadIndex { .. } => MessageKind::ReadIndex,
            MessageBody::ReadIndexResp { .. } => MessageKind::ReadIndexResp,
        }
    }

    /// Stable snake_case name of the kind.
    pub fn kind_name(&self) -> &'static str {
        self.kind().name()
    }
}

impl Message {
    pub fn kind(&self) -> MessageKind {
        self.body.kind()
    }
}
