//! Leases. Time is passed in (µs of simulated time), never read from a clock. etcd's leader
//! notices expiry and proposes a revoke; `expired_leases` is that check, and `lease_revoke`
//! deletes every attached key in ONE revision.

use quorum_raft::lite::LiteSet;

use super::store::{Lease, MvccStore};
use super::types::*;

/// etcd's maximum TTL (`MaxLeaseTTL`).
pub const MAX_LEASE_TTL: i64 = 9_000_000_000;
/// Minimum TTL with default timers: 1.5 × election timeout (1 s), rounded up.
pub const MIN_LEASE_TTL: i64 = 2;
const US: i64 = 1_000_000;

impl MvccStore {
    /// Grants a lease. `id == 0` lets the store pick a deterministic ID.
    pub fn lease_grant(
        &mut self,
        id: i64,
        ttl: i64,
        now_us: i64,
    ) -> Result<(i64, i64), StoreError> {
        if ttl > MAX_LEASE_TTL {
            return Err(StoreError::LeaseTtlTooLarge);
        }
        let id = if id == 0 { self.next_lease_id() } else { id };
        if self.leases.contains_key(&id) {
            return Err(StoreError::LeaseExists);
        }
        let ttl = ttl.max(MIN_LEASE_TTL);
        self.leases.insert(
            id,
            Lease {
                id,
                ttl,
                expiry_us: now_us.saturating_add(ttl.saturating_mul(US)),
                keys: LiteSet::new(),
            },
        );
        Ok((id, ttl))
    }

    /// A positive 63-bit ID from a splitmix64 sequence: random-looking like etcd's, but
    /// the same on every replica and every run.
    fn next_lease_id(&mut self) -> i64 {
        loop {
            self.lease_seq = self.lease_seq.wrapping_add(1);
            let id = (splitmix64(self.lease_seq ^ 0x6574_6364) >> 1) as i64;
            if id != 0 && !self.leases.contains_key(&id) {
                return id;
            }
        }
    }

    /// Revokes a lease, deleting its keys in a single revision. Returns the new revision.
    pub fn lease_revoke(&mut self, id: i64) -> Result<i64, StoreError> {
        let lease = self.leases.remove(&id).ok_or(StoreError::LeaseNotFound)?;
        let mut w = self.write();
        for key in &lease.keys {
            if let Some(prev) = w.store.latest(key).cloned() {
                w.delete_one(prev);
            }
        }
        Ok(w.finish())
    }

    /// Renews a lease to its full TTL; returns the TTL.
    pub fn lease_keep_alive(&mut self, id: i64, now_us: i64) -> Result<i64, StoreError> {
        let l = self.leases.get_mut(&id).ok_or(StoreError::LeaseNotFound)?;
        if l.expiry_us <= now_us {
            return Err(StoreError::LeaseNotFound);
        }
        l.expiry_us = now_us.saturating_add(l.ttl.saturating_mul(US));
        Ok(l.ttl)
    }

    pub fn lease_time_to_live(&self, id: i64, now_us: i64) -> LeaseTimeToLive {
        match self.leases.get(&id) {
            Some(l) if l.expiry_us > now_us => LeaseTimeToLive {
                id,
                ttl: (l.expiry_us - now_us) / US,
                granted_ttl: l.ttl,
                keys: l.keys.iter().cloned().collect(),
            },
            _ => LeaseTimeToLive {
                id,
                ttl: -1,
                granted_ttl: 0,
                keys: Vec::new(),
            },
        }
    }

    pub fn lease_ids(&self) -> Vec<i64> {
        self.leases.keys().copied().collect()
    }

    /// Leases whose time is up at `now_us`, in ID order: the leader revokes each of them.
    pub fn expired_leases(&self, now_us: i64) -> Vec<i64> {
        self.leases
            .values()
            .filter(|l| l.expiry_us <= now_us)
            .map(|l| l.id)
            .collect()
    }
}

/// SplitMix64: a tiny, well-mixed hash used for deterministic IDs.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
