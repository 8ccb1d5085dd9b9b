//! What `etcdctl snapshot status` reads from a backend snapshot: etcdutl's `Status` walks
//! every bbolt bucket, CRC-32C-hashing bucket names, keys and values, counting the keys and
//! taking the revision of the last entry of the `key` bucket.
//!
//! The store models the `key` bucket (every kept revision, tombstones included, keyed by
//! revision) and the `lease` bucket; both are hashed as the backend lays them out. The
//! buckets it does not model (meta, cluster, members, auth) are counted with the entries a
//! 3.5 member keeps there, so the totals look like a real snapshot's, but their bytes are
//! not part of the hash.

use super::hash::{crc32c, varint};
use super::store::MvccStore;

/// `snapshot.Status` of etcd 3.5 (`etcdutl/snapshot`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SnapshotStatus {
    pub hash: u32,
    pub revision: i64,
    pub total_key: u64,
    pub total_size: u64,
}

/// Entries a 3.5 member keeps outside the key and lease buckets, besides one per member:
/// meta `consistent_index`, `term` and `confState`, cluster `clusterVersion`, auth
/// `authRevision`.
const FIXED_KEYS: u64 = 5;
/// meta `scheduledCompactRev` and `finishedCompactRev`, once a compaction ran.
const COMPACTION_KEYS: u64 = 2;

impl MvccStore {
    /// The status of a snapshot of this store taken by a member of a `members`-member
    /// cluster.
    pub fn snapshot_status(&self, members: u64) -> SnapshotStatus {
        let kv_entries: usize = self.keys.iter().map(|(_, h)| h.len()).sum();
        let revision = self
            .keys
            .iter()
            .filter_map(|(_, h)| h.last().map(|r| r.revision))
            .max()
            .unwrap_or(0);
        // The key bucket hashes as HashKV does (it starts with the bucket name), but over
        // every entry it holds, a tombstone kept at the compact revision included; the
        // lease bucket follows in bbolt's bucket order.
        let mut crc = self.hash_upto(self.revision, -1);
        crc = crc32c(crc, b"lease");
        for (id, lease) in self.leases.iter() {
            crc = crc32c(crc, &id.to_be_bytes());
            // leasepb.Lease{ID, TTL}.Marshal()
            let mut v = Vec::new();
            for (tag, x) in [(0x08u8, *id), (0x10, lease.ttl)] {
                if x != 0 {
                    v.push(tag);
                    varint(&mut v, x as u64);
                }
            }
            crc = crc32c(crc, &v);
        }
        let compaction = if self.compact_revision >= 0 {
            COMPACTION_KEYS
        } else {
            0
        };
        SnapshotStatus {
            hash: crc,
            revision,
            total_key: kv_entries as u64
                + self.leases.len() as u64
                + FIXED_KEYS
                + members
                + compaction,
            total_size: self.db_size(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mvcc::{DeleteRangeRequest, KeyRange, PutRequest};

    fn put(s: &mut MvccStore, k: &str, v: &str) {
        let req = PutRequest {
            key: k.into(),
            value: v.into(),
            ..PutRequest::default()
        };
        assert!(s.put(&req).is_ok());
    }

    #[test]
    fn equal_histories_give_equal_status() {
        let (mut a, mut b) = (MvccStore::new(), MvccStore::new());
        for s in [&mut a, &mut b] {
            put(s, "foo", "1");
            put(s, "foo", "2");
        }
        assert_eq!(a.snapshot_status(3), b.snapshot_status(3));
        let st = a.snapshot_status(3);
        assert_eq!((st.revision, st.total_key), (3, 2 + FIXED_KEYS + 3));
        put(&mut b, "bar", "x");
        assert_ne!(a.snapshot_status(3).hash, b.snapshot_status(3).hash);
    }

    #[test]
    fn tombstones_count_and_compaction_drops_history() {
        let mut s = MvccStore::new();
        assert_eq!(s.snapshot_status(1).revision, 0);
        put(&mut s, "a", "1");
        put(&mut s, "a", "2");
        let del = DeleteRangeRequest {
            key: "a".into(),
            range: KeyRange::Single,
            ..DeleteRangeRequest::default()
        };
        assert!(s.delete_range(&del).is_ok());
        let st = s.snapshot_status(1);
        assert_eq!((st.revision, st.total_key), (4, 3 + FIXED_KEYS + 1));
        assert!(s.compact(4).is_ok());
        let st = s.snapshot_status(1);
        // A tombstone AT the compaction point stays (etcd #18274: a watch from 4 must see the
        // deletion); the entries before it go.
        assert_eq!(
            (st.revision, st.total_key),
            (4, 1 + FIXED_KEYS + 1 + COMPACTION_KEYS)
        );
        put(&mut s, "b", "1");
        assert!(s.compact(5).is_ok());
        // Past it, the tombstone goes too.
        let st = s.snapshot_status(1);
        assert_eq!(
            (st.revision, st.total_key),
            (5, 1 + FIXED_KEYS + 1 + COMPACTION_KEYS)
        );
    }
}
