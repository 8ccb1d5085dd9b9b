//! Data types of etcd's v3 MVCC key space (the `mvccpb` and `etcdserverpb` messages we need).

use serde::{Deserialize, Serialize};

/// A key-value pair as etcd returns it: the key's whole MVCC metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct KeyValue {
    pub key: String,
    pub create_revision: i64,
    pub mod_revision: i64,
    pub version: i64,
    pub value: String,
    pub lease: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    Put,
    Delete,
}

/// One watch event. For a DELETE, `kv` carries the key and the deletion revision only,
/// exactly as etcd sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub kind: EventKind,
    pub kv: KeyValue,
    pub prev_kv: Option<KeyValue>,
}

/// Which keys a request covers. etcd encodes this as a `range_end` byte string
/// (empty, `\0`, or an upper bound); an enum keeps keys plain text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum KeyRange {
    /// Exactly `key`.
    #[default]
    Single,
    /// Every key starting with `key` (all keys if `key` is empty).
    Prefix,
    /// Every key >= `key`.
    FromKey,
    /// Keys in `[key, end)`.
    Until(String),
}

impl KeyRange {
    pub fn contains(&self, start: &str, k: &str) -> bool {
        match self {
            KeyRange::Single => k == start,
            KeyRange::Prefix => k.starts_with(start),
            KeyRange::FromKey => k >= start,
            KeyRange::Until(end) => k >= start && k < end.as_str(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum SortTarget {
    #[default]
    Key,
    Version,
    Create,
    Mod,
    Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum SortOrder {
    #[default]
    None,
    Ascend,
    Descend,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RangeRequest {
    pub key: String,
    pub range: KeyRange,
    /// 0 = no limit.
    pub limit: i64,
    /// 0 = current revision.
    pub revision: i64,
    pub keys_only: bool,
    pub count_only: bool,
    pub sort_target: SortTarget,
    pub sort_order: SortOrder,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RangeResponse {
    /// Store revision the read was served at (the header revision).
    pub revision: i64,
    pub kvs: Vec<KeyValue>,
    pub more: bool,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PutRequest {
    pub key: String,
    pub value: String,
    pub lease: i64,
    pub prev_kv: bool,
    pub ignore_value: bool,
    pub ignore_lease: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PutResponse {
    pub revision: i64,
    pub prev_kv: Option<KeyValue>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DeleteRangeRequest {
    pub key: String,
    pub range: KeyRange,
    pub prev_kv: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DeleteRangeResponse {
    pub revision: i64,
    pub deleted: i64,
    pub prev_kvs: Vec<KeyValue>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompareResult {
    Equal,
    NotEqual,
    Less,
    Greater,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompareTarget {
    Version(i64),
    Create(i64),
    Mod(i64),
    Value(String),
    Lease(i64),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compare {
    pub key: String,
    pub result: CompareResult,
    pub target: CompareTarget,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestOp {
    Range(RangeRequest),
    Put(PutRequest),
    DeleteRange(DeleteRangeRequest),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResponseOp {
    Range(RangeResponse),
    Put(PutResponse),
    DeleteRange(DeleteRangeResponse),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TxnRequest {
    pub compare: Vec<Compare>,
    pub success: Vec<RequestOp>,
    pub failure: Vec<RequestOp>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TxnResponse {
    pub revision: i64,
    pub succeeded: bool,
    pub responses: Vec<ResponseOp>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LeaseTimeToLive {
    pub id: i64,
    /// Remaining seconds; -1 when the lease does not exist (etcd's convention).
    pub ttl: i64,
    pub granted_ttl: i64,
    pub keys: Vec<String>,
}

/// Errors of the v3 store, named after etcd's `rpctypes` errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StoreError {
    Compacted,
    FutureRevision,
    LeaseNotFound,
    LeaseExists,
    LeaseTtlTooLarge,
    EmptyKey,
    DuplicateKey,
    KeyNotFound,
}

impl StoreError {
    /// The text etcd's gRPC error carries (etcdctl prints it after `Error: `).
    pub fn message(self) -> &'static str {
        match self {
            StoreError::Compacted => "etcdserver: mvcc: required revision has been compacted",
            StoreError::FutureRevision => {
                "etcdserver: mvcc: required revision is a future revision"
            }
            StoreError::LeaseNotFound => "etcdserver: requested lease not found",
            StoreError::LeaseExists => "etcdserver: lease already exists",
            StoreError::LeaseTtlTooLarge => "etcdserver: too large lease TTL",
            StoreError::EmptyKey => "etcdserver: key is not provided",
            StoreError::DuplicateKey => "etcdserver: duplicate key given in txn request",
            StoreError::KeyNotFound => "etcdserver: key not found",
        }
    }
}
