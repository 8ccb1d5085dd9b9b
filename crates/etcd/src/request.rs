//! What travels through the Raft log: one `Request` per entry, answered by a `Response`.

use serde::{Deserialize, Serialize};

use crate::mvcc::*;
use crate::v2::{V2Error, V2Request, V2Response};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    Range(RangeRequest),
    Put(PutRequest),
    DeleteRange(DeleteRangeRequest),
    Txn(TxnRequest),
    Compaction {
        revision: i64,
    },
    /// `id == 0`: the state machine picks a deterministic ID.
    LeaseGrant {
        id: i64,
        ttl: i64,
    },
    LeaseRevoke {
        id: i64,
    },
    LeaseKeepAlive {
        id: i64,
    },
    LeaseTimeToLive {
        id: i64,
    },
    LeaseLeases,
    V2(V2Request),
    /// `HashKV` (served by each member from its own store, never replicated).
    HashKv {
        revision: i64,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    Range(RangeResponse),
    Put(PutResponse),
    DeleteRange(DeleteRangeResponse),
    Txn(TxnResponse),
    Compaction {
        revision: i64,
    },
    LeaseGrant {
        id: i64,
        ttl: i64,
        revision: i64,
    },
    LeaseRevoke {
        revision: i64,
    },
    LeaseKeepAlive {
        id: i64,
        ttl: i64,
    },
    LeaseTimeToLive(LeaseTimeToLive),
    LeaseLeases {
        ids: Vec<i64>,
    },
    V2(V2Response),
    Error(StoreError),
    V2Error(V2Error),
    HashKv {
        hash: u32,
        compact_revision: i64,
        hash_revision: i64,
    },
}

impl Request {
    /// Requests that never change the state machine (they may still go through
    /// ReadIndex for a linearizable answer).
    pub fn is_read_only(&self) -> bool {
        match self {
            Request::Range(_)
            | Request::LeaseTimeToLive { .. }
            | Request::LeaseLeases
            | Request::HashKv { .. } => true,
            Request::V2(r) => r.is_read(),
            _ => false,
        }
    }

    /// Bytes for a Raft log entry.
    pub fn encode(&self) -> Vec<u8> {
        // Serializing plain enums of strings and integers cannot fail.
        crate::codec::encode(self)
    }

    pub fn decode(bytes: &[u8]) -> Result<Request, String> {
        crate::codec::decode(bytes)
    }
}

impl Response {
    pub fn encode(&self) -> Vec<u8> {
        crate::codec::encode(self)
    }

    pub fn decode(bytes: &[u8]) -> Result<Response, String> {
        crate::codec::decode(bytes)
    }
}
