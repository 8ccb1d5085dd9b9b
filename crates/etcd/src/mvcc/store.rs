//! The v3 MVCC store: a pure, deterministic state machine (no clock of its own, no I/O).
//!
//! Every change gets the next cluster-wide revision (a whole transaction counts once); each
//! key keeps its history so reads at an older revision and watches from a revision work
//! until a compaction drops what they need.

use litemap::LiteMap;
use quorum_raft::lite::LiteSet;

use serde::{Deserialize, Serialize};

use super::chunklog::ChunkLog;
use super::types::*;

/// One step of a key's history: the value from `revision` on, or `None` for a deletion.
/// `sub` is the change's place within its transaction (etcd's sub-revision), so changes of
/// one revision replay in the order they were made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct KeyRev {
    pub revision: i64,
    pub sub: u32,
    pub kv: Option<KeyValue>,
}

/// One change as the backend keeps it: a key's history entry and the value it replaced.
#[derive(Clone, Copy)]
pub(crate) struct Change<'a> {
    pub key: &'a str,
    pub at: &'a KeyRev,
    pub prev: Option<&'a KeyValue>,
}

impl Change<'_> {
    /// The watch event: a put with its new value, or a deletion as a tombstone holding the
    /// key and the revision; either with the value it replaced.
    fn event(self) -> Event {
        let (kind, kv) = match &self.at.kv {
            Some(kv) => (EventKind::Put, kv.clone()),
            None => (
                EventKind::Delete,
                KeyValue {
                    key: self.key.to_string(),
                    mod_revision: self.at.revision,
                    ..KeyValue::default()
                },
            ),
        };
        Event {
            kind,
            kv,
            prev_kv: self.prev.cloned(),
        }
    }
}

/// Puts changes in the backend's order: by revision, then sub-revision. Sorted by
/// `revision << 32 | position` with the page's one `u64` sort (a sort for this type would be
/// ≈3 KB more of wasm), then the changes within each revision by the small insertion sort,
/// which is linear on input already grouped by revision.
pub(crate) fn backend_order(changes: Vec<Change<'_>>) -> Vec<Change<'_>> {
    let mut order: Vec<u64> = changes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.at.revision.clamp(0, u32::MAX.into()) as u64) << 32 | i as u64)
        .collect();
    order.sort_unstable();
    let mut sorted: Vec<Change<'_>> = order
        .iter()
        .map(|o| changes[(o & u64::from(u32::MAX)) as usize])
        .collect();
    quorum_raft::lite::sort_small_by(&mut sorted, |a, b| {
        (a.at.revision, a.at.sub) < (b.at.revision, b.at.sub)
    });
    sorted
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Lease {
    pub id: i64,
    pub ttl: i64,
    pub expiry_us: i64,
    pub keys: LiteSet<String>,
}

/// etcd's v3 key space.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MvccStore {
    pub(crate) revision: i64,
    /// -1 until the first compaction (etcd's `compactMainRev`), so compacting at 0 works once.
    pub(crate) compact_revision: i64,
    /// The hashes the last compactions computed at their revision, as (revision, hash,
    /// compact revision before it): etcd's `hashStorage` keeps the newest ten so `HashKV`
    /// at those revisions still answers.
    pub(crate) compact_hashes: Vec<(i64, u32, i64)>,
    /// Each key's history, in key order (a sorted `Vec`: see `sorted.rs`). Watch events
    /// are read from it too, as etcd reads them from its backend.
    #[serde(with = "quorum_raft::lite::map_serde")]
    pub(crate) keys: LiteMap<String, ChunkLog<KeyRev>>,
    #[serde(with = "quorum_raft::lite::map_serde")]
    pub(crate) leases: LiteMap<i64, Lease>,
    /// Counter feeding deterministic lease IDs when a request leaves the ID to the server.
    pub(crate) lease_seq: u64,
}

impl Default for MvccStore {
    fn default() -> Self {
        Self::new()
    }
}

/// Changes made by one write transaction, all at revision `rev`.
pub(crate) struct WriteTxn<'a> {
    pub store: &'a mut MvccStore,
    pub rev: i64,
    /// Changes made so far (the next change's sub-revision).
    pub changes: u32,
}

impl MvccStore {
    pub fn new() -> Self {
        MvccStore {
            revision: 1,
            compact_revision: -1,
            compact_hashes: Vec::new(),
            keys: LiteMap::new(),
            leases: LiteMap::new(),
            lease_seq: 0,
        }
    }

    /// The current revision (1 for an empty store).
    pub fn revision(&self) -> i64 {
        self.revision
    }

    /// The last compaction's revision; -1 before any, as etcd reports it.
    pub fn compact_revision(&self) -> i64 {
        self.compact_revision
    }

    /// The value of `key` as of `rev` (deleted keys and keys created later give `None`).
    fn kv_at(history: &ChunkLog<KeyRev>, rev: i64) -> Option<&KeyValue> {
        let newest_at_rev = history
            .partition_point(|r| r.revision <= rev)
            .checked_sub(1)?;
        history.get(newest_at_rev).and_then(|r| r.kv.as_ref())
    }

    pub(crate) fn latest(&self, key: &str) -> Option<&KeyValue> {
        self.keys
            .get(key)
            .and_then(|h| h.last())
            .and_then(|r| r.kv.as_ref())
    }

    /// Range read; never changes the store.
    pub fn range(&self, req: &RangeRequest) -> Result<RangeResponse, StoreError> {
        self.range_at(req, self.revision)
    }

    /// Range read as if `current` were the current revision: a write transaction reads its
    /// own pending changes this way.
    pub(crate) fn range_at(
        &self,
        req: &RangeRequest,
        current: i64,
    ) -> Result<RangeResponse, StoreError> {
        let rev = if req.revision <= 0 {
            current
        } else {
            req.revision
        };
        if rev < self.compact_revision {
            return Err(StoreError::Compacted);
        }
        if rev > current {
            return Err(StoreError::FutureRevision);
        }
        let mut kvs: Vec<KeyValue> = self
            .keys_in(&req.key, &req.range)
            .filter_map(|(_, h)| Self::kv_at(h, rev).cloned())
            .collect();
        sort_kvs(&mut kvs, req.sort_target, req.sort_order);
        let count = kvs.len() as i64;
        let mut more = false;
        if req.limit > 0 && count > req.limit {
            kvs.truncate(req.limit as usize);
            more = true;
        }
        if req.count_only {
            kvs.clear();
        }
        if req.keys_only {
            for kv in &mut kvs {
                kv.value.clear();
            }
        }
        Ok(RangeResponse {
            revision: current,
            kvs,
            more,
            count,
        })
    }

    fn keys_in<'a>(
        &'a self,
        start: &'a str,
        range: &'a KeyRange,
    ) -> impl Iterator<Item = (&'a String, &'a ChunkLog<KeyRev>)> + 'a {
        let single = matches!(range, KeyRange::Single);
        crate::sorted::from_key(&self.keys, start)
            .iter()
            .map(|(k, h)| (k, h))
            .take_while(move |(k, _)| match range {
                KeyRange::Single => k.as_str() == start,
                KeyRange::Prefix => k.starts_with(start),
                KeyRange::FromKey => true,
                KeyRange::Until(end) => k.as_str() < end.as_str(),
            })
            .take(if single { 1 } else { usize::MAX })
    }

    /// Keys currently alive in a range (used by deletes).
    pub(crate) fn live_keys(&self, start: &str, range: &KeyRange) -> Vec<String> {
        self.keys_in(start, range)
            .filter(|(_, h)| h.last().is_some_and(|r| r.kv.is_some()))
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// Opens a write transaction at the next revision.
    pub(crate) fn write(&mut self) -> WriteTxn<'_> {
        let rev = self.revision.saturating_add(1);
        WriteTxn {
            store: self,
            rev,
            changes: 0,
        }
    }

    pub fn put(&mut self, req: &PutRequest) -> Result<PutResponse, StoreError> {
        let mut w = self.write();
        let r = w.put(req)?;
        let revision = w.finish();
        Ok(PutResponse { revision, ..r })
    }

    pub fn delete_range(
        &mut self,
        req: &DeleteRangeRequest,
    ) -> Result<DeleteRangeResponse, StoreError> {
        let mut w = self.write();
        let r = w.delete_range(req)?;
        let revision = w.finish();
        Ok(DeleteRangeResponse { revision, ..r })
    }

    /// Compacts away history before `rev`: reads below it fail from now on.
    pub fn compact(&mut self, rev: i64) -> Result<i64, StoreError> {
        if rev <= self.compact_revision {
            return Err(StoreError::Compacted);
        }
        if rev > self.revision {
            return Err(StoreError::FutureRevision);
        }
        let hash = self.hash_upto(rev.max(0), self.compact_revision);
        self.compact_hashes.push((rev, hash, self.compact_revision));
        if self.compact_hashes.len() > 10 {
            self.compact_hashes.remove(0);
        }
        self.compact_revision = rev;
        for (_, history) in self.keys.iter_mut() {
            // Keep the newest entry at or below `rev` (it is what a read at `rev` sees)
            // unless it is a deletion before `rev`, and everything after it. A deletion AT
            // `rev` stays so a watch from `rev` still sees it (etcd issue #18089, fixed by
            // "keep tombstone if revision == compactAtRev", #18274, in 3.5 by #18474).
            let mut keep_from = history
                .partition_point(|r| r.revision <= rev)
                .saturating_sub(1);
            if history
                .get(keep_from)
                .is_some_and(|r| r.revision < rev && r.kv.is_none())
            {
                keep_from += 1;
            }
            history.drop_front(keep_from);
        }
        self.keys.retain(|_, h| !h.is_empty());
        Ok(self.revision)
    }

    /// Events for keys in a range with revision >= `start_rev`, oldest first (in a
    /// transaction, in the order of its changes). A start revision below the compaction
    /// point is refused with the compact revision, as etcd cancels such a watch.
    pub fn events_since(
        &self,
        start_rev: i64,
        key: &str,
        range: &KeyRange,
    ) -> Result<Vec<Event>, i64> {
        if start_rev > 0 && start_rev < self.compact_revision {
            return Err(self.compact_revision);
        }
        let mut changes = Vec::new();
        for (k, history) in self.keys_in(key, range) {
            let first = history.partition_point(|r| r.revision < start_rev);
            for (i, at) in history.iter_from(first).enumerate() {
                let prev = (first + i)
                    .checked_sub(1)
                    .and_then(|p| history.get(p))
                    .and_then(|r| r.kv.as_ref());
                changes.push(Change { key: k, at, prev });
            }
        }
        Ok(backend_order(changes)
            .into_iter()
            .map(Change::event)
            .collect())
    }

    /// Rough size of the backend database, for `endpoint status` (bbolt starts near 20 kB).
    pub fn db_size(&self) -> u64 {
        let data: usize = self
            .keys
            .iter()
            .map(|(k, h)| {
                h.iter()
                    .map(|r| k.len() + r.kv.as_ref().map_or(0, |kv| kv.value.len()) + 64)
                    .sum::<usize>()
            })
            .sum();
        let pages = (data as u64).div_ceil(4096);
        20480 + pages * 4096
    }
}

impl WriteTxn<'_> {
    pub fn put(&mut self, req: &PutRequest) -> Result<PutResponse, StoreError> {
        if req.key.is_empty() {
            return Err(StoreError::EmptyKey);
        }
        let prev = self.store.latest(&req.key).cloned();
        if (req.ignore_value || req.ignore_lease) && prev.is_none() {
            return Err(StoreError::KeyNotFound);
        }
        let lease = match (&prev, req.ignore_lease) {
            (Some(p), true) => p.lease,
            _ => req.lease,
        };
        if lease != 0 && !self.store.leases.contains_key(&lease) {
            return Err(StoreError::LeaseNotFound);
        }
        let value = match (&prev, req.ignore_value) {
            (Some(p), true) => p.value.clone(),
            _ => req.value.clone(),
        };
        let kv = KeyValue {
            key: req.key.clone(),
            create_revision: prev.as_ref().map_or(self.rev, |p| p.create_revision),
            mod_revision: self.rev,
            version: prev.as_ref().map_or(1, |p| p.version.saturating_add(1)),
            value,
            lease,
        };
        if let Some(p) = &prev {
            if p.lease != 0 && p.lease != lease {
                self.detach(p.lease, &p.key);
            }
        }
        if lease != 0 {
            if let Some(l) = self.store.leases.get_mut(&lease) {
                l.keys.insert(req.key.clone());
            }
        }
        self.record(req.key.clone(), Some(kv));
        Ok(PutResponse {
            revision: self.rev,
            prev_kv: if req.prev_kv { prev } else { None },
        })
    }

    pub fn delete_range(
        &mut self,
        req: &DeleteRangeRequest,
    ) -> Result<DeleteRangeResponse, StoreError> {
        let keys = self.store.live_keys(&req.key, &req.range);
        let mut prev_kvs = Vec::new();
        for key in &keys {
            if let Some(prev) = self.store.latest(key).cloned() {
                self.delete_one(prev.clone());
                prev_kvs.push(prev);
            }
        }
        Ok(DeleteRangeResponse {
            revision: self.rev,
            deleted: keys.len() as i64,
            prev_kvs: if req.prev_kv { prev_kvs } else { Vec::new() },
        })
    }

    pub(crate) fn delete_one(&mut self, prev: KeyValue) {
        if prev.lease != 0 {
            self.detach(prev.lease, &prev.key);
        }
        self.record(prev.key, None);
    }

    fn detach(&mut self, lease: i64, key: &str) {
        if let Some(l) = self.store.leases.get_mut(&lease) {
            l.keys.remove(key);
        }
    }

    fn record(&mut self, key: String, kv: Option<KeyValue>) {
        let rev = self.rev;
        let sub = self.changes;
        let history = self.store.keys.entry(key).or_default();
        match history.last_mut() {
            Some(last) if last.revision == rev => last.kv = kv,
            _ => history.push(KeyRev {
                revision: rev,
                sub,
                kv,
            }),
        }
        self.changes += 1;
    }

    /// Commits: the revision moves only if something changed.
    pub fn finish(self) -> i64 {
        if self.changes > 0 {
            self.store.revision = self.rev;
        }
        self.store.revision
    }
}

/// `--sort-by`/`--order`, stable (keys in key order among equals). An insertion sort: the
/// ranges a student sorts hold at most a few hundred keys, and std's sort would be ≈3 KB more
/// of the page's wasm for this one element type.
fn sort_kvs(kvs: &mut [KeyValue], target: SortTarget, order: SortOrder) {
    if order == SortOrder::None {
        return;
    }
    quorum_raft::lite::sort_small_by(kvs, |a, b| {
        let o = match target {
            SortTarget::Key => a.key.cmp(&b.key),
            SortTarget::Version => a.version.cmp(&b.version),
            SortTarget::Create => a.create_revision.cmp(&b.create_revision),
            SortTarget::Mod => a.mod_revision.cmp(&b.mod_revision),
            SortTarget::Value => a.value.cmp(&b.value),
        };
        let o = if order == SortOrder::Descend {
            o.reverse()
        } else {
            o
        };
        o == std::cmp::Ordering::Less
    });
}
