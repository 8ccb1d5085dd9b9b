//! What the terminal needs from an etcd cluster. The simulator implements this trait over
//! its Raft members; `LocalBackend` is a small in-crate stand-in for tests and the CLI.
//!
//! Every call that would block in real etcd (a proposal, a ReadIndex, a membership change)
//! lets simulated time run until it finishes or `timeout_us` elapses, then answers
//! `BackendError::DeadlineExceeded`: that is etcdctl's 5 s command timeout.

use crate::mvcc::{Event, KeyRange, SnapshotStatus};
use crate::request::{Request, Response};

pub type MemberId = u64;

/// A cluster member as `member list` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberInfo {
    pub id: MemberId,
    /// Empty until the member has started and published its name ("unstarted").
    pub name: String,
    pub peer_urls: Vec<String>,
    /// Empty until started.
    pub client_urls: Vec<String>,
    pub is_learner: bool,
}

/// What a member's Status RPC answers (`endpoint status`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberStatus {
    pub id: MemberId,
    pub version: String,
    pub db_size: u64,
    /// 0 when the member knows no leader.
    pub leader: MemberId,
    pub is_learner: bool,
    pub raft_term: u64,
    pub raft_index: u64,
    pub raft_applied_index: u64,
    pub errors: Vec<String>,
}

/// Failures a request can end with, named after etcd's errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackendError {
    /// The client's deadline passed (no leader, no quorum, member down).
    DeadlineExceeded,
    NoLeader,
    LeaderChanged,
    RequestTimedOut,
    MemberNotFound,
    PeerUrlExists,
    /// Membership change refused by the strict reconfiguration check.
    UnhealthyCluster,
    NotLearner,
    LearnerNotReady,
    TooManyLearners,
    BadLeaderTransferee,
    LeaderTransferTimeout,
}

impl BackendError {
    /// The message etcdctl prints after `Error: `.
    pub fn message(&self) -> &'static str {
        match self {
            BackendError::DeadlineExceeded => "context deadline exceeded",
            BackendError::NoLeader => "etcdserver: no leader",
            BackendError::LeaderChanged => "etcdserver: leader changed",
            BackendError::RequestTimedOut => "etcdserver: request timed out",
            BackendError::MemberNotFound => "etcdserver: member not found",
            BackendError::PeerUrlExists => "etcdserver: Peer URLs already exists",
            BackendError::UnhealthyCluster => "etcdserver: unhealthy cluster",
            BackendError::NotLearner => "etcdserver: can only promote a learner member",
            BackendError::LearnerNotReady => {
                "etcdserver: can only promote a learner member which is in sync with leader"
            }
            BackendError::TooManyLearners => "etcdserver: too many learner members in cluster",
            BackendError::BadLeaderTransferee => "etcdserver: bad leader transferee",
            BackendError::LeaderTransferTimeout => {
                "etcdserver: request timed out, leader transfer took too long"
            }
        }
    }
}

/// Why a watch stream ended on the server side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchCancel {
    /// The start revision was compacted; carries the compact revision.
    Compacted(i64),
    /// The member lost its leader.
    NoLeader,
}

/// The cluster as etcdctl and the shell see it. `via` is the member the client talks to.
pub trait EtcdBackend {
    /// Simulated time in µs.
    fn now_us(&self) -> i64;
    /// Lets simulated time pass (`sleep`, waiting in a stream). The cluster keeps running:
    /// elections, lease expiry (the leader proposes the revoke) and so on.
    fn advance(&mut self, us: i64);
    fn cluster_id(&self) -> u64;
    /// Members as configured (needs no quorum; for resolving endpoints and machines).
    fn members(&self) -> Vec<MemberInfo>;
    fn is_running(&self, id: MemberId) -> bool;
    /// `systemctl start|stop etcd`: starts or stops that member's process.
    fn set_running(&mut self, id: MemberId, running: bool);
    /// Term of the member's Raft state (for response headers).
    fn raft_term(&self, id: MemberId) -> u64;
    /// Answers a read-only request from the member's applied state machine (its local,
    /// possibly stale, view), as `EtcdState::query` does; `None` if there is no such member.
    fn local_query(&self, id: MemberId, req: &Request) -> Option<Response>;
    /// The member's current store revision.
    fn local_revision(&self, id: MemberId) -> Option<i64>;
    /// `MvccStore::events_since` on the member's applied state: `Err(compact_revision)`
    /// when `start_rev` was compacted.
    fn local_events(
        &self,
        id: MemberId,
        start_rev: i64,
        key: &str,
        range: &KeyRange,
    ) -> Option<Result<Vec<Event>, i64>>;
    /// Whether the member currently knows a leader.
    fn has_leader(&self, id: MemberId) -> bool;
    /// What a backend snapshot of the member's applied state holds (`snapshot save`): a
    /// member serves it from its own store, quorum or not; `None` if there is no such
    /// member.
    fn snapshot_status(&self, id: MemberId) -> Option<SnapshotStatus>;

    /// Propose a write through Raft via member `via`; answer once applied there.
    fn propose(
        &mut self,
        via: MemberId,
        req: Request,
        timeout_us: i64,
    ) -> Result<Response, BackendError>;
    /// Linearizable read: ReadIndex through the leader, then answer from `via`'s state.
    fn read_index(
        &mut self,
        via: MemberId,
        req: &Request,
        timeout_us: i64,
    ) -> Result<Response, BackendError>;
    /// Membership (linearizable in etcd 3.5: fails without quorum).
    fn member_list(
        &mut self,
        via: MemberId,
        timeout_us: i64,
    ) -> Result<Vec<MemberInfo>, BackendError>;
    /// Adds a member (not started yet). `name` is what the operator will start it as.
    fn member_add(
        &mut self,
        via: MemberId,
        name: &str,
        peer_urls: Vec<String>,
        learner: bool,
        timeout_us: i64,
    ) -> Result<(MemberInfo, Vec<MemberInfo>), BackendError>;
    fn member_remove(
        &mut self,
        via: MemberId,
        id: MemberId,
        timeout_us: i64,
    ) -> Result<Vec<MemberInfo>, BackendError>;
    fn member_promote(
        &mut self,
        via: MemberId,
        id: MemberId,
        timeout_us: i64,
    ) -> Result<Vec<MemberInfo>, BackendError>;
    /// Status RPC, served locally by a running member.
    fn status(&mut self, via: MemberId) -> Result<MemberStatus, BackendError>;
    /// Leadership transfer; `via` must be the leader.
    fn move_leader(
        &mut self,
        via: MemberId,
        target: MemberId,
        timeout_us: i64,
    ) -> Result<(), BackendError>;

    /// Serializable read: answered at once from `via`'s local state.
    fn read_local(&mut self, via: MemberId, req: &Request) -> Result<Response, BackendError> {
        if !self.is_running(via) {
            return Err(BackendError::DeadlineExceeded);
        }
        self.local_query(via, req)
            .ok_or(BackendError::DeadlineExceeded)
    }

    /// Watch events from `via`'s local store, revision >= `start_rev`.
    fn watch_events(
        &self,
        via: MemberId,
        start_rev: i64,
        key: &str,
        range: &KeyRange,
    ) -> Result<Vec<Event>, WatchCancel> {
        if !self.has_leader(via) {
            return Err(WatchCancel::NoLeader);
        }
        match self.local_events(via, start_rev, key, range) {
            Some(r) => r.map_err(WatchCancel::Compacted),
            None => Err(WatchCancel::NoLeader),
        }
    }
}
