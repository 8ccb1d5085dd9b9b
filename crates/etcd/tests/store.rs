//! The MVCC state machine, v2 tree and request codec, without any terminal.

use quorum_etcd::mvcc::*;
use quorum_etcd::v2::{V2ErrorCode, V2Request};
use quorum_etcd::{EtcdState, Request, Response};

fn put(s: &mut EtcdState, k: &str, v: &str) -> Response {
    s.apply(
        &Request::Put(PutRequest {
            key: k.into(),
            value: v.into(),
            prev_kv: true,
            ..Default::default()
        }),
        0,
    )
}

fn get(s: &EtcdState, k: &str, range: KeyRange, rev: i64) -> Result<RangeResponse, StoreError> {
    s.v3.range(&RangeRequest {
        key: k.into(),
        range,
        revision: rev,
        ..Default::default()
    })
}

#[test]
fn revisions_start_at_one_and_first_put_is_two() {
    let mut s = EtcdState::new(5);
    assert_eq!(s.v3.revision(), 1);
    put(&mut s, "foo", "bar");
    assert_eq!(s.v3.revision(), 2);
    put(&mut s, "foo", "baz");
    let r = get(&s, "foo", KeyRange::Single, 0).unwrap();
    let kv = &r.kvs[0];
    assert_eq!((kv.create_revision, kv.mod_revision, kv.version), (2, 3, 2));
    assert_eq!(r.revision, 3);
    // reading the past
    assert_eq!(
        get(&s, "foo", KeyRange::Single, 2).unwrap().kvs[0].value,
        "bar"
    );
    assert!(get(&s, "foo", KeyRange::Single, 1).unwrap().kvs.is_empty());
    assert_eq!(
        get(&s, "foo", KeyRange::Single, 4),
        Err(StoreError::FutureRevision)
    );
}

#[test]
fn prev_kv_and_delete_resets_version() {
    let mut s = EtcdState::new(5);
    put(&mut s, "a", "1");
    match put(&mut s, "a", "2") {
        Response::Put(p) => assert_eq!(p.prev_kv.unwrap().value, "1"),
        r => panic!("{r:?}"),
    }
    let d = s.v3.delete_range(&DeleteRangeRequest {
        key: "a".into(),
        ..Default::default()
    });
    assert_eq!(d.unwrap().deleted, 1);
    // deleting nothing does not take a revision
    let d = s.v3.delete_range(&DeleteRangeRequest {
        key: "a".into(),
        ..Default::default()
    });
    assert_eq!(d.unwrap().revision, 4);
    put(&mut s, "a", "3");
    let kv = &get(&s, "a", KeyRange::Single, 0).unwrap().kvs[0];
    assert_eq!((kv.create_revision, kv.version), (5, 1));
}

#[test]
fn ranges_prefix_fromkey_limit() {
    let mut s = EtcdState::new(5);
    for k in ["/b", "/a", "/c/d", "x"] {
        put(&mut s, k, "v");
    }
    let keys = |r: RangeResponse| r.kvs.into_iter().map(|k| k.key).collect::<Vec<_>>();
    assert_eq!(
        keys(get(&s, "/", KeyRange::Prefix, 0).unwrap()),
        ["/a", "/b", "/c/d"]
    );
    assert_eq!(
        keys(get(&s, "/b", KeyRange::FromKey, 0).unwrap()),
        ["/b", "/c/d", "x"]
    );
    assert_eq!(
        keys(get(&s, "/a", KeyRange::Until("/c".into()), 0).unwrap()),
        ["/a", "/b"]
    );
    let r =
        s.v3.range(&RangeRequest {
            key: "".into(),
            range: KeyRange::Prefix,
            limit: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!((r.kvs.len(), r.more, r.count), (2, true, 4));
}

#[test]
fn txn_is_one_revision_and_reads_its_own_writes() {
    let mut s = EtcdState::new(5);
    put(&mut s, "k1", "v1");
    let req = TxnRequest {
        compare: vec![Compare {
            key: "k1".into(),
            result: CompareResult::Equal,
            target: CompareTarget::Value("v1".into()),
        }],
        success: vec![
            RequestOp::Put(PutRequest {
                key: "k2".into(),
                value: "x".into(),
                ..Default::default()
            }),
            RequestOp::Put(PutRequest {
                key: "k3".into(),
                value: "y".into(),
                ..Default::default()
            }),
            RequestOp::Range(RangeRequest {
                key: "k".into(),
                range: KeyRange::Prefix,
                ..Default::default()
            }),
        ],
        failure: vec![],
    };
    let r = s.v3.txn(&req).unwrap();
    assert!(r.succeeded);
    assert_eq!(r.revision, 3);
    match &r.responses[2] {
        ResponseOp::Range(g) => assert_eq!(g.kvs.len(), 3),
        o => panic!("{o:?}"),
    }
    // compare on a missing key's value is always false; version of a missing key is 0
    let miss = |target| TxnRequest {
        compare: vec![Compare {
            key: "nope".into(),
            result: CompareResult::Equal,
            target,
        }],
        ..Default::default()
    };
    assert!(
        !s.v3
            .txn(&miss(CompareTarget::Value(String::new())))
            .unwrap()
            .succeeded
    );
    assert!(
        s.v3.txn(&miss(CompareTarget::Version(0)))
            .unwrap()
            .succeeded
    );
    assert_eq!(s.v3.revision(), 3, "read-only txns take no revision");
    let dup = TxnRequest {
        success: vec![
            RequestOp::Put(PutRequest {
                key: "d".into(),
                ..Default::default()
            }),
            RequestOp::Put(PutRequest {
                key: "d".into(),
                ..Default::default()
            }),
        ],
        ..Default::default()
    };
    assert_eq!(s.v3.txn(&dup), Err(StoreError::DuplicateKey));
}

#[test]
fn lease_revoke_deletes_keys_in_one_revision() {
    let mut s = EtcdState::new(5);
    let id = match s.apply(&Request::LeaseGrant { id: 0, ttl: 10 }, 0) {
        Response::LeaseGrant { id, ttl, .. } => {
            assert_eq!(ttl, 10);
            id
        }
        r => panic!("{r:?}"),
    };
    assert!(id > 0);
    for k in ["foo1", "foo2"] {
        s.v3.put(&PutRequest {
            key: k.into(),
            value: "v".into(),
            lease: id,
            ..Default::default()
        })
        .unwrap();
    }
    let ttl = s.v3.lease_time_to_live(id, 3_500_000);
    assert_eq!((ttl.granted_ttl, ttl.ttl), (10, 6));
    assert_eq!(ttl.keys, ["foo1", "foo2"]);
    assert!(s.v3.expired_leases(9_999_999).is_empty());
    assert_eq!(s.v3.expired_leases(10_000_000), [id]);
    let rev = s.v3.lease_revoke(id).unwrap();
    assert_eq!(rev, 4);
    let ev = s.v3.events_since(4, "foo", &KeyRange::Prefix).unwrap();
    assert_eq!(ev.len(), 2);
    assert!(ev
        .iter()
        .all(|e| e.kind == EventKind::Delete && e.kv.mod_revision == 4));
    assert_eq!(s.v3.lease_time_to_live(id, 0).ttl, -1);
    assert_eq!(s.v3.lease_revoke(id), Err(StoreError::LeaseNotFound));
    // minimum TTL and unknown leases
    assert_eq!(s.v3.lease_grant(7, 1, 0), Ok((7, 2)));
    let bad = s.v3.put(&PutRequest {
        key: "z".into(),
        lease: 99,
        ..Default::default()
    });
    assert_eq!(bad, Err(StoreError::LeaseNotFound));
}

#[test]
fn compaction_errors_and_watch_cancel() {
    let mut s = EtcdState::new(5);
    for v in ["1", "2", "3", "4"] {
        put(&mut s, "k", v);
    }
    assert_eq!(s.v3.compact(9), Err(StoreError::FutureRevision));
    assert_eq!(s.v3.compact(4), Ok(5));
    assert_eq!(s.v3.compact(4), Err(StoreError::Compacted));
    assert_eq!(
        get(&s, "k", KeyRange::Single, 3),
        Err(StoreError::Compacted)
    );
    assert_eq!(get(&s, "k", KeyRange::Single, 4).unwrap().kvs[0].value, "3");
    assert_eq!(s.v3.events_since(2, "k", &KeyRange::Single), Err(4));
    assert_eq!(
        s.v3.events_since(5, "k", &KeyRange::Single).unwrap().len(),
        1
    );
}

#[test]
fn snapshot_roundtrip_and_codec() {
    let mut s = EtcdState::new(5);
    put(&mut s, "a", "b");
    s.apply(&Request::LeaseGrant { id: 0, ttl: 60 }, 1);
    let bytes = s.snapshot();
    let r = EtcdState::restore(&bytes).unwrap();
    assert_eq!(r, s);
    assert!(EtcdState::restore(b"garbage").is_err());
    let req = Request::Put(PutRequest {
        key: "<b>x</b>".into(),
        value: "\"quoted\"".into(),
        ..Default::default()
    });
    assert_eq!(Request::decode(&req.encode()).unwrap(), req);
    assert!(Request::decode(b"{").is_err());
    assert!(!req.is_read_only());
}

#[test]
fn v2_tree_errors_and_index() {
    let mut s = EtcdState::new(4);
    let v2 = |s: &mut EtcdState, r: V2Request| s.apply(&Request::V2(r), 0);
    let set = |k: &str| V2Request::Set {
        key: k.into(),
        value: "Hello world".into(),
        ttl: 0,
        dir: false,
    };
    assert!(matches!(v2(&mut s, set("/foo/bar")), Response::V2(r) if r.index == 5));
    match v2(
        &mut s,
        V2Request::Create {
            key: "foo/bar".into(),
            value: "x".into(),
            ttl: 0,
            dir: false,
        },
    ) {
        Response::V2Error(e) => {
            assert_eq!(e.code, V2ErrorCode::NodeExist);
            assert_eq!(e.to_string(), "105: Key already exists (/foo/bar) [5]");
        }
        r => panic!("{r:?}"),
    }
    match v2(&mut s, set("/foo/bar/baz")) {
        Response::V2Error(e) => assert_eq!(e.to_string(), "104: Not a directory (/foo/bar) [5]"),
        r => panic!("{r:?}"),
    }
    match v2(
        &mut s,
        V2Request::Delete {
            key: "/foo".into(),
            dir: true,
            recursive: false,
        },
    ) {
        Response::V2Error(e) => assert_eq!(e.to_string(), "108: Directory not empty (/foo) [5]"),
        r => panic!("{r:?}"),
    }
    // the v2 and v3 key spaces are separate
    assert!(get(&s, "/foo/bar", KeyRange::Single, 0)
        .unwrap()
        .kvs
        .is_empty());
    // TTL expiry
    v2(
        &mut s,
        V2Request::Set {
            key: "/t".into(),
            value: "x".into(),
            ttl: 5,
            dir: false,
        },
    );
    assert!(matches!(
        s.query(
            &Request::V2(V2Request::Get {
                key: "/t".into(),
                recursive: false
            }),
            4_000_000
        ),
        Response::V2(_)
    ));
    assert!(matches!(
        s.query(
            &Request::V2(V2Request::Get {
                key: "/t".into(),
                recursive: false
            }),
            5_000_000
        ),
        Response::V2Error(_)
    ));
}

/// Watch events come from the key histories, as etcd reads them from its backend: a
/// transaction's changes in the order it made them (its sub-revisions), not in key order,
/// each with the value it replaced.
#[test]
fn watch_events_follow_a_transactions_order() {
    let mut s = EtcdState::new(5);
    put(&mut s, "a", "0");
    let op = |k: &str, v: &str| {
        RequestOp::Put(PutRequest {
            key: k.into(),
            value: v.into(),
            ..Default::default()
        })
    };
    let txn = Request::Txn(TxnRequest {
        compare: Vec::new(),
        success: vec![
            op("c", "1"),
            RequestOp::DeleteRange(DeleteRangeRequest {
                key: "a".into(),
                ..Default::default()
            }),
            op("b", "2"),
        ],
        failure: Vec::new(),
    });
    s.apply(&txn, 0);
    put(&mut s, "a", "3");
    let ev = s.v3.events_since(3, "", &KeyRange::FromKey).unwrap();
    let seen: Vec<(EventKind, &str, i64, Option<&str>)> = ev
        .iter()
        .map(|e| {
            let prev = e.prev_kv.as_ref().map(|p| p.value.as_str());
            (e.kind, e.kv.key.as_str(), e.kv.mod_revision, prev)
        })
        .collect();
    assert_eq!(
        seen,
        [
            (EventKind::Put, "c", 3, None),
            (EventKind::Delete, "a", 3, Some("0")),
            (EventKind::Put, "b", 3, None),
            (EventKind::Put, "a", 4, None),
        ]
    );
    // A range watch sees only its keys; from revision 4 only the last put.
    let only_a = s.v3.events_since(0, "a", &KeyRange::Single).unwrap();
    assert_eq!(only_a.len(), 3);
    assert_eq!(
        s.v3.events_since(4, "", &KeyRange::FromKey).unwrap().len(),
        1
    );
}
