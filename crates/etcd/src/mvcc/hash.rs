//! `HashKV`: etcd 3.5's `HashByRev`, a CRC-32C over the key bucket as the backend stores it
//! (revision keys and protobuf-encoded `KeyValue`s), so members with the same history give
//! the same hash and a diverged member shows a different one.

use super::store::{backend_order, Change, KeyRev, MvccStore};
use super::types::StoreError;

/// What a member answers to `HashKV`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KvHash {
    pub hash: u32,
    pub compact_revision: i64,
    pub hash_revision: i64,
}

/// CRC-32 with the Castagnoli polynomial (Go's `crc32.MakeTable(crc32.Castagnoli)`),
/// bitwise: the data is small and a table would cost wasm size.
pub(super) fn crc32c(mut crc: u32, data: &[u8]) -> u32 {
    crc = !crc;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0x82F6_3B78 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

pub(super) fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// `mvccpb.KeyValue.Marshal()`: proto3, zero fields left out.
fn kv_proto(key: &str, r: &KeyRev) -> Vec<u8> {
    let mut o = Vec::new();
    let bytes = |o: &mut Vec<u8>, tag: u8, b: &[u8]| {
        if !b.is_empty() {
            o.push(tag);
            varint(o, b.len() as u64);
            o.extend_from_slice(b);
        }
    };
    bytes(&mut o, 0x0a, key.as_bytes());
    // A deletion is stored as a tombstone holding only the key.
    if let Some(kv) = &r.kv {
        for (tag, v) in [
            (0x10, kv.create_revision),
            (0x18, kv.mod_revision),
            (0x20, kv.version),
        ] {
            if v != 0 {
                o.push(tag);
                varint(&mut o, v as u64);
            }
        }
        bytes(&mut o, 0x2a, kv.value.as_bytes());
        if kv.lease != 0 {
            o.push(0x30);
            varint(&mut o, kv.lease as u64);
        }
    }
    o
}

impl MvccStore {
    /// The hash of the key space up to `rev` (0: the current revision). At the revision of
    /// one of the last ten compactions it is the hash that compaction computed (etcd's
    /// `hashStorage`); otherwise history at or below the compact revision is gone.
    pub fn hash_kv(&self, rev: i64) -> Result<KvHash, StoreError> {
        let compact = self.compact_revision;
        if let Some(&(_, hash, prev)) = self.compact_hashes.iter().find(|h| rev > 0 && h.0 == rev) {
            return Ok(KvHash {
                hash,
                compact_revision: prev,
                hash_revision: rev,
            });
        }
        if rev > 0 && rev <= compact {
            return Err(StoreError::Compacted);
        }
        if rev > self.revision {
            return Err(StoreError::FutureRevision);
        }
        let rev = if rev == 0 { self.revision } else { rev };
        Ok(KvHash {
            hash: self.hash_upto(rev, compact),
            compact_revision: compact,
            hash_revision: rev,
        })
    }

    /// etcd's `kvHasher` over the key bucket up to `rev`: at or below `compact` only what a
    /// read at `rev` still sees is hashed (`compact` -1: every entry, as the bucket holds).
    pub(super) fn hash_upto(&self, rev: i64, compact: i64) -> u32 {
        let mut changes: Vec<Change<'_>> = Vec::new();
        for (key, h) in self.keys.iter() {
            let live = h.partition_point(|r| r.revision <= rev).checked_sub(1);
            for (i, at) in h.iter().enumerate() {
                let kept = at.revision > compact || (Some(i) == live && at.kv.is_some());
                if at.revision <= rev && kept {
                    changes.push(Change {
                        key,
                        at,
                        prev: None,
                    });
                }
            }
        }
        let mut crc = crc32c(0, b"key");
        for c in backend_order(changes) {
            let mut k = Vec::with_capacity(18);
            k.extend_from_slice(&c.at.revision.to_be_bytes());
            k.push(b'_');
            k.extend_from_slice(&i64::from(c.at.sub).to_be_bytes());
            if c.at.kv.is_none() {
                k.push(b't');
            }
            crc = crc32c(crc, &k);
            crc = crc32c(crc, &kv_proto(c.key, c.at));
        }
        crc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mvcc::PutRequest;

    #[test]
    fn crc32c_check_value() {
        assert_eq!(crc32c(0, b"123456789"), 0xE306_9283);
        // Streaming equals one shot, as Go's hash.Hash32 writes do.
        assert_eq!(crc32c(crc32c(0, b"1234"), b"56789"), 0xE306_9283);
    }

    #[test]
    fn hash_follows_history() {
        let mut a = MvccStore::new();
        let mut b = MvccStore::new();
        let empty = a.hash_kv(0).map(|h| h.hash);
        assert_eq!(empty, Ok(crc32c(0, b"key")));
        let put = |k: &str, v: &str| PutRequest {
            key: k.into(),
            value: v.into(),
            ..Default::default()
        };
        for s in [&mut a, &mut b] {
            s.put(&put("x", "1")).ok();
            s.put(&put("y", "2")).ok();
        }
        assert_eq!(a.hash_kv(0), b.hash_kv(0));
        let at2 = a.hash_kv(2);
        b.put(&put("x", "3")).ok();
        assert_ne!(a.hash_kv(0).map(|h| h.hash), b.hash_kv(0).map(|h| h.hash));
        assert_eq!(b.hash_kv(2), at2);
        assert_eq!(b.hash_kv(9), Err(StoreError::FutureRevision));
        let at3 = b.hash_kv(3);
        b.compact(3).ok();
        // etcd keeps the hash its compaction computed: HashKV at the compact revision
        // answers with it; below it the history is gone.
        assert_eq!(b.hash_kv(3), at3);
        assert_eq!(b.hash_kv(2), Err(StoreError::Compacted));
    }
}
