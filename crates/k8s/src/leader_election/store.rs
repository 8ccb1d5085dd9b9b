//! How a candidate reaches the Lease: a get, a create and a compare-and-swap update,
//! each of which takes time and may fail, as calls to an API server backed by etcd do.
//! [`MemoryLeaseStore`] answers at once with a fixed latency (the timeline view, the
//! tests); the cluster's store goes through an API server to the simulated etcd and
//! answers later ([`Answer::Pending`]).

use super::lease::{Lease, LeaseKey};
use litemap::LiteMap;
use quorum_raft::lite::LiteSet;
use serde::Serialize;

/// etcd's server-side request timeout with default timers: 5 s + 2 × election timeout
/// (1 s). A write (or a linearizable read) that cannot reach a quorum fails after this
/// with `etcdserver: request timed out`.
pub const ETCD_REQUEST_TIMEOUT_US: u64 = 7_000_000;

/// A failed call, as the API server would report it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum StoreError {
    /// 404: no such Lease.
    NotFound,
    /// 409 on create: someone created it first.
    AlreadyExists,
    /// 409 on update: the resourceVersion presented is not the current one.
    Conflict,
    /// The update had no object read before it (client-go: "lease not initialized").
    NotInitialized,
    /// etcd has no quorum behind the API server: `etcdserver: request timed out`.
    EtcdTimeout,
    /// The API server reached no etcd member; its own 60 s request timeout fired.
    ApiServerTimeout,
    /// The API server could not be reached at all (connection refused).
    Unreachable,
    /// The caller's own context ended first (client-go: renew deadline reached).
    ContextDeadlineExceeded,
}

/// The answer of one call and how long it took, in µs of simulated time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply<T> {
    pub result: Result<T, StoreError>,
    pub latency_us: u64,
}

impl<T> Reply<T> {
    pub fn new(result: Result<T, StoreError>, latency_us: u64) -> Self {
        Self { result, latency_us }
    }
}

/// How a call is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer<T> {
    /// The result is known now; the caller learns it `latency_us` later.
    Ready(Reply<T>),
    /// The result comes later: the host hands it to the caller with this token
    /// ([`super::Elector::deliver`]). The simulated etcd answers this way.
    Pending(u64),
}

/// The API a candidate uses. A call is made at `now_us`.
pub trait LeaseStore {
    fn get(&mut self, now_us: u64, key: &LeaseKey) -> Answer<Lease>;
    /// Create a Lease; its `resource_version` is ignored and assigned by the store.
    fn create(&mut self, now_us: u64, lease: &Lease) -> Answer<Lease>;
    /// Replace a Lease if `lease.resource_version` is still the stored one.
    fn update(&mut self, now_us: u64, lease: &Lease) -> Answer<Lease>;
    /// Which candidate makes the next calls (hosts whose candidates reach the store by
    /// different paths, e.g. through different API servers, use this).
    fn set_caller(&mut self, _candidate: usize) {}
}

/// Leases by key with etcd-like revisions: the in-memory store's table, and the
/// cluster's view of the Leases it decoded from the simulated etcd.
#[derive(Clone, Debug, Default)]
pub struct LeaseTable {
    leases: LiteMap<LeaseKey, Lease>,
}

impl LeaseTable {
    pub fn get(&self, key: &LeaseKey) -> Result<Lease, StoreError> {
        self.leases.get(key).cloned().ok_or(StoreError::NotFound)
    }

    pub fn all(&self) -> impl Iterator<Item = &Lease> {
        self.leases.values()
    }

    /// Put a Lease as stored elsewhere (revision included).
    pub fn insert(&mut self, lease: Lease) {
        self.leases.insert(lease.key.clone(), lease);
    }

    /// Create at `revision` (the caller's next global revision).
    pub fn create(
        &mut self,
        now_us: u64,
        lease: &Lease,
        revision: u64,
    ) -> Result<Lease, StoreError> {
        if self.leases.contains_key(&lease.key) {
            return Err(StoreError::AlreadyExists);
        }
        let mut stored = lease.clone();
        stored.resource_version = revision;
        stored.creation_time_us = now_us;
        self.leases.insert(stored.key.clone(), stored.clone());
        Ok(stored)
    }

    /// Compare-and-swap on the resource version.
    pub fn update(&mut self, lease: &Lease, revision: u64) -> Result<Lease, StoreError> {
        let current = self
            .leases
            .get_mut(&lease.key)
            .ok_or(StoreError::NotFound)?;
        if current.resource_version != lease.resource_version {
            return Err(StoreError::Conflict);
        }
        current.spec = lease.spec.clone();
        current.resource_version = revision;
        Ok(current.clone())
    }
}

/// An in-memory Lease store for tests, the timeline view and the experiment: every
/// call takes `latency_us`; while `available` is false every call times out as an
/// API server does when etcd has lost quorum.
#[derive(Clone, Debug)]
pub struct MemoryLeaseStore {
    table: LeaseTable,
    revision: u64,
    pub latency_us: u64,
    /// When false, every call times out (etcd has no quorum).
    pub available: bool,
    /// Candidates whose API server is cut off from the etcd quorum: their calls time out.
    pub isolated: LiteSet<usize>,
    caller: usize,
}

impl Default for MemoryLeaseStore {
    fn default() -> Self {
        Self::new(2_000)
    }
}

impl MemoryLeaseStore {
    pub fn new(latency_us: u64) -> Self {
        Self {
            table: LeaseTable::default(),
            revision: 1,
            latency_us,
            available: true,
            isolated: LiteSet::new(),
            caller: 0,
        }
    }

    /// Read without going through the "network" (for views and checks).
    pub fn peek(&self, key: &LeaseKey) -> Option<Lease> {
        self.table.get(key).ok()
    }

    fn next_revision(&mut self) -> u64 {
        self.revision = self.revision.saturating_add(1);
        self.revision
    }

    fn unavailable<T>(&self) -> Option<Answer<T>> {
        (!self.available || self.isolated.contains(&self.caller)).then(|| {
            Answer::Ready(Reply::new(
                Err(StoreError::EtcdTimeout),
                ETCD_REQUEST_TIMEOUT_US,
            ))
        })
    }

    fn answer(&self, result: Result<Lease, StoreError>) -> Answer<Lease> {
        Answer::Ready(Reply::new(result, self.latency_us))
    }
}

impl LeaseStore for MemoryLeaseStore {
    fn get(&mut self, _now_us: u64, key: &LeaseKey) -> Answer<Lease> {
        if let Some(answer) = self.unavailable() {
            return answer;
        }
        self.answer(self.table.get(key))
    }

    fn create(&mut self, now_us: u64, lease: &Lease) -> Answer<Lease> {
        if let Some(answer) = self.unavailable() {
            return answer;
        }
        let revision = self.next_revision();
        let result = self.table.create(now_us, lease, revision);
        self.answer(result)
    }

    fn update(&mut self, _now_us: u64, lease: &Lease) -> Answer<Lease> {
        if let Some(answer) = self.unavailable() {
            return answer;
        }
        let revision = self.next_revision();
        let result = self.table.update(lease, revision);
        self.answer(result)
    }

    fn set_caller(&mut self, candidate: usize) {
        self.caller = candidate;
    }
}
