//! `EtcdState`: the replicated state machine of one etcd member (v3 MVCC + v2 tree).

use serde::{Deserialize, Serialize};

use crate::mvcc::MvccStore;
use crate::request::{Request, Response};
use crate::v2::V2Store;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EtcdState {
    pub v3: MvccStore,
    pub v2: V2Store,
}

impl EtcdState {
    /// `v2_index`: etcd index of a fresh cluster (see `V2Store::new`).
    pub fn new(v2_index: u64) -> Self {
        EtcdState {
            v3: MvccStore::new(),
            v2: V2Store::new(v2_index),
        }
    }

    /// The replicated step: apply one committed entry.
    ///
    /// `now_us` must be the same on every replica for the same entry (the simulator passes
    /// the time stamped into the entry by the proposing leader), so lease and v2 TTL
    /// deadlines agree everywhere.
    pub fn apply(&mut self, req: &Request, now_us: i64) -> Response {
        let v3 = &mut self.v3;
        let r = match req {
            Request::Put(p) => v3.put(p).map(Response::Put),
            Request::DeleteRange(d) => v3.delete_range(d).map(Response::DeleteRange),
            Request::Txn(t) => v3.txn(t).map(Response::Txn),
            Request::Compaction { revision } => v3
                .compact(*revision)
                .map(|revision| Response::Compaction { revision }),
            Request::LeaseGrant { id, ttl } => {
                v3.lease_grant(*id, *ttl, now_us)
                    .map(|(id, ttl)| Response::LeaseGrant {
                        id,
                        ttl,
                        revision: v3.revision(),
                    })
            }
            Request::LeaseRevoke { id } => v3
                .lease_revoke(*id)
                .map(|revision| Response::LeaseRevoke { revision }),
            Request::LeaseKeepAlive { id } => v3
                .lease_keep_alive(*id, now_us)
                .map(|ttl| Response::LeaseKeepAlive { id: *id, ttl }),
            Request::V2(r) => {
                return match self.v2.apply(r, now_us) {
                    Ok(x) => Response::V2(x),
                    Err(e) => Response::V2Error(e),
                }
            }
            Request::Range(_)
            | Request::LeaseTimeToLive { .. }
            | Request::LeaseLeases
            | Request::HashKv { .. } => return self.query(req, now_us),
        };
        r.unwrap_or_else(Response::Error)
    }

    /// Local read path (serializable reads, and the read half of ReadIndex): never mutates.
    /// Write requests are refused with a `Response::Error`-free no-op answer: callers must
    /// only pass `is_read_only()` requests.
    pub fn query(&self, req: &Request, now_us: i64) -> Response {
        match req {
            Request::Range(r) => self
                .v3
                .range(r)
                .map(Response::Range)
                .unwrap_or_else(Response::Error),
            Request::LeaseTimeToLive { id } => {
                Response::LeaseTimeToLive(self.v3.lease_time_to_live(*id, now_us))
            }
            Request::LeaseLeases => Response::LeaseLeases {
                ids: self.v3.lease_ids(),
            },
            Request::HashKv { revision } => match self.v3.hash_kv(*revision) {
                Ok(h) => Response::HashKv {
                    hash: h.hash,
                    compact_revision: h.compact_revision,
                    hash_revision: h.hash_revision,
                },
                Err(e) => Response::Error(e),
            },
            // Reads see expiries due by now without changing the replicated store.
            Request::V2(r) if r.is_read() => match self.v2.clone().apply(r, now_us) {
                Ok(x) => Response::V2(x),
                Err(e) => Response::V2Error(e),
            },
            _ => Response::Error(crate::mvcc::StoreError::KeyNotFound),
        }
    }

    /// Bytes for Raft's InstallSnapshot.
    pub fn snapshot(&self) -> Vec<u8> {
        crate::codec::encode(self)
    }

    pub fn restore(bytes: &[u8]) -> Result<EtcdState, String> {
        crate::codec::decode(bytes)
    }
}
