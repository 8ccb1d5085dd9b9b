//! The etcd requests kube-apiserver sends for the model's API calls.

use super::objects::Obj;
use quorum_etcd::mvcc::{
    Compare, CompareResult, CompareTarget, DeleteRangeRequest, KeyRange, PutRequest, RangeRequest,
    RequestOp, TxnRequest,
};
use quorum_etcd::Request;

fn put_op(key: String, value: String) -> RequestOp {
    RequestOp::Put(PutRequest {
        key,
        value,
        ..Default::default()
    })
}

fn delete_op(key: String) -> RequestOp {
    RequestOp::DeleteRange(DeleteRangeRequest {
        key,
        range: KeyRange::Single,
        prev_kv: false,
    })
}

/// Several operations in one transaction (one revision), or the single operation.
fn batch(mut ops: Vec<RequestOp>) -> Request {
    if ops.len() == 1 {
        match ops.pop() {
            Some(RequestOp::Put(p)) => return Request::Put(p),
            Some(RequestOp::DeleteRange(d)) => return Request::DeleteRange(d),
            Some(other) => ops.push(other),
            None => {}
        }
    }
    Request::Txn(TxnRequest {
        compare: Vec::new(),
        success: ops,
        failure: Vec::new(),
    })
}

/// Store these objects (an update, or a create that may overwrite).
pub fn put(objs: &[Obj]) -> Request {
    batch(objs.iter().map(|o| put_op(o.key(), o.value())).collect())
}

/// Delete these keys.
pub fn delete(keys: Vec<String>) -> Request {
    batch(keys.into_iter().map(delete_op).collect())
}

/// Create `value` at `key` unless the key exists (`create_revision == 0`), as the API
/// server's create does; the transaction fails otherwise.
pub fn create(key: String, value: String) -> Request {
    Request::Txn(TxnRequest {
        compare: vec![Compare {
            key: key.clone(),
            result: CompareResult::Equal,
            target: CompareTarget::Create(0),
        }],
        success: vec![put_op(key, value)],
        failure: Vec::new(),
    })
}

/// Replace `value` at `key` if its `mod_revision` is still `revision` (optimistic
/// concurrency on resourceVersion); on failure the transaction reads the key.
pub fn update(key: String, value: String, revision: u64) -> Request {
    Request::Txn(TxnRequest {
        compare: vec![Compare {
            key: key.clone(),
            result: CompareResult::Equal,
            target: CompareTarget::Mod(i64::try_from(revision).unwrap_or(i64::MAX)),
        }],
        success: vec![put_op(key.clone(), value)],
        failure: vec![RequestOp::Range(RangeRequest {
            key,
            ..Default::default()
        })],
    })
}

/// A linearizable read of one key.
pub fn get(key: String) -> Request {
    Request::Range(RangeRequest {
        key,
        ..Default::default()
    })
}

/// A linearizable read of every key under `prefix` (a list).
pub fn list(prefix: &str) -> Request {
    Request::Range(RangeRequest {
        key: prefix.to_string(),
        range: KeyRange::Prefix,
        ..Default::default()
    })
}
