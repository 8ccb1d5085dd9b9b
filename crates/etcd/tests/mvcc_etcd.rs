//! etcd's own MVCC store tests, ported to `MvccStore` (etcd-io/etcd, `server/mvcc/*_test.go`
//! in 3.5, `server/storage/mvcc/*_test.go` later). Each test names the etcd test it ports;
//! tables are kept as tables.
//!
//! How the ports adapt etcd's store API to ours:
//! - A range `end` of `nil` is `KeyRange::Single`, an empty `end` (`[]byte("")`, "to the end
//!   of the key space") is `KeyRange::FromKey`, any other `end` is `KeyRange::Until`.
//! - etcd's store tests run with a `FakeLessor` that accepts any lease ID; ours checks leases
//!   like the server does, so the leases a test uses are granted first (no revision taken).
//! - etcd's `Write()` transactions are our `txn`, which also applies the server's checks
//!   (`checkRequestRange`, `checkIntervals`): a range inside a txn can not ask for the txn's own
//!   revision, and one txn can not put and delete the same key.
//! - A watch "from revision 0" (etcd: from the next revision) is `events_since(rev + 1)`.
//!
//! Versions: the store follows etcd's release-3.5 branch as it is now, including two fixes
//! newer than the 3.5.9 `etcdctl version` prints: the compaction hash cache of 3.5.5+
//! (`HashKV` at a compact revision answers) and #18474 (3.5.16+: a tombstone AT the compact
//! revision is kept, so a watch from it sees the deletion; 3.5.9 dropped it, etcd #18089).
//! The key-index table below is the current one.
//!
//! Not checkable here, by design:
//! - TestKVTxnBlockWriteOperations / TestKVTxnNonBlockRange: the store is a single-threaded
//!   state machine; `&mut` borrows make a write during an open txn impossible, and reads
//!   never wait.
//! - Physical compaction (bbolt, batch limits, `scheduledCompactRev` resumption after a crash,
//!   key gauges), `TestKVRestore`'s backend re-read (ours restores a serialized store), watcher
//!   groups, victims and batching (`watchBatchMaxRevs`), watch IDs and progress notifications:
//!   those live in the watch server (`backend.rs`), not in the store.
//! - `TestHasherStore*` store arbitrary hashes in the cache; ours holds only compaction hashes
//!   (its size limit of ten is checked in `compaction_hash`).
//! - Watcher plumbing: TestSyncWatchers, TestCancelUnsynced, TestNewMapwatcherToEventMap,
//!   TestWatchVictims, TestStressWatchCancelClose, TestWatchRestoreSyncedWatcher; and
//!   TestWatchBatchUnsynced's "3 events per revision" case (three puts of one key in one txn,
//!   which the server refuses as a duplicate key).
//! - Request validation outside the store (v3rpc `checkPutRequest` etc.): `value is
//!   provided`, `lease is provided`, `too many operations in txn request`, `database space
//!   exceeded` have no `StoreError`.

use quorum_etcd::mvcc::*;
use quorum_etcd::EtcdState;

fn kv(key: &str, value: &str, create: i64, modr: i64, version: i64, lease: i64) -> KeyValue {
    KeyValue {
        key: key.into(),
        value: value.into(),
        create_revision: create,
        mod_revision: modr,
        version,
        lease,
    }
}

fn key_range(end: Option<&str>) -> KeyRange {
    match end {
        None => KeyRange::Single,
        Some("") => KeyRange::FromKey,
        Some(e) => KeyRange::Until(e.into()),
    }
}

/// etcd's `s.Put(key, value, lease)`: the revision it landed at. Leases are granted on demand
/// (etcd's store tests use a lessor that accepts any ID).
fn put(s: &mut MvccStore, key: &str, value: &str, lease: i64) -> i64 {
    if lease != 0 && !s.lease_ids().contains(&lease) {
        s.lease_grant(lease, 100, 0).expect("grant");
    }
    let req = PutRequest {
        key: key.into(),
        value: value.into(),
        lease,
        ..PutRequest::default()
    };
    s.put(&req).expect("put").revision
}

fn range(
    s: &MvccStore,
    key: &str,
    end: Option<&str>,
    rev: i64,
    limit: i64,
) -> Result<RangeResponse, StoreError> {
    s.range(&RangeRequest {
        key: key.into(),
        range: key_range(end),
        revision: rev,
        limit,
        ..RangeRequest::default()
    })
}

/// etcd's `s.DeleteRange(key, end)`: (deleted, revision).
fn delete(s: &mut MvccStore, key: &str, end: Option<&str>) -> (i64, i64) {
    let req = DeleteRangeRequest {
        key: key.into(),
        range: key_range(end),
        prev_kv: false,
    };
    let r = s.delete_range(&req).expect("delete");
    (r.deleted, r.revision)
}

fn put3_test_kvs(s: &mut MvccStore) -> Vec<KeyValue> {
    put(s, "foo", "bar", 1);
    put(s, "foo1", "bar1", 2);
    put(s, "foo2", "bar2", 3);
    vec![
        kv("foo", "bar", 2, 2, 1, 1),
        kv("foo1", "bar1", 3, 3, 1, 2),
        kv("foo2", "bar2", 4, 4, 1, 3),
    ]
}

/// (kind, key, mod revision, value, previous value) of each event.
type Seen = (EventKind, String, i64, String, Option<String>);

fn seen(evs: &[Event]) -> Vec<Seen> {
    evs.iter()
        .map(|e| {
            (
                e.kind,
                e.kv.key.clone(),
                e.kv.mod_revision,
                e.kv.value.clone(),
                e.prev_kv.as_ref().map(|p| p.value.clone()),
            )
        })
        .collect()
}

/// TestKVRange (kv_test.go).
#[test]
fn kv_range() {
    let mut s = MvccStore::new();
    let kvs = put3_test_kvs(&mut s);
    let tests: [(&str, Option<&str>, &[KeyValue]); 7] = [
        ("doo", Some("foo"), &[]),        // get no keys
        ("foo", Some("foo"), &[]),        // get no keys when key == end
        ("doo", None, &[]),               // get no keys when ranging single key
        ("foo", Some("foo3"), &kvs),      // get all keys
        ("foo", Some("foo1"), &kvs[..1]), // get partial keys
        ("foo", None, &kvs[..1]),         // get single key
        ("", Some(""), &kvs),             // get entire keyspace
    ];
    for (i, (key, end, wkvs)) in tests.iter().enumerate() {
        let r = range(&s, key, *end, 0, 0).unwrap();
        assert_eq!(r.revision, 4, "#{i}");
        assert_eq!(r.kvs, *wkvs, "#{i}");
    }
}

/// TestKVRangeRev (kv_test.go).
#[test]
fn kv_range_rev() {
    let mut s = MvccStore::new();
    let kvs = put3_test_kvs(&mut s);
    let tests: [(i64, i64, &[KeyValue]); 5] = [
        (-1, 4, &kvs),
        (0, 4, &kvs),
        (2, 4, &kvs[..1]),
        (3, 4, &kvs[..2]),
        (4, 4, &kvs),
    ];
    for (i, (rev, wrev, wkvs)) in tests.iter().enumerate() {
        let r = range(&s, "foo", Some("foo3"), *rev, 0).unwrap();
        assert_eq!(r.revision, *wrev, "#{i}");
        assert_eq!(r.kvs, *wkvs, "#{i}");
    }
}

/// TestKVRangeBadRev (kv_test.go).
#[test]
fn kv_range_bad_rev() {
    let mut s = MvccStore::new();
    put3_test_kvs(&mut s);
    s.compact(4).unwrap();
    let tests = [
        (-1, None), // <= 0 is most recent store
        (0, None),
        (1, Some(StoreError::Compacted)),
        (2, Some(StoreError::Compacted)),
        (4, None),
        (5, Some(StoreError::FutureRevision)),
        (100, Some(StoreError::FutureRevision)),
    ];
    for (i, (rev, werr)) in tests.iter().enumerate() {
        let err = range(&s, "foo", Some("foo3"), *rev, 0).err();
        assert_eq!(err, *werr, "#{i}");
    }
}

/// TestKVRangeLimit (kv_test.go). `count` is always the total (etcd's `WithTotalCount`).
#[test]
fn kv_range_limit() {
    let mut s = MvccStore::new();
    let kvs = put3_test_kvs(&mut s);
    let tests: [(i64, i64, &[KeyValue]); 6] = [
        (-1, 3, &kvs), // no limit
        (0, 3, &kvs),  // no limit
        (1, 3, &kvs[..1]),
        (2, 3, &kvs[..2]),
        (3, 3, &kvs),
        (100, 3, &kvs),
    ];
    for (i, (limit, wcount, wkvs)) in tests.iter().enumerate() {
        let r = range(&s, "foo", Some("foo3"), 0, *limit).unwrap();
        assert_eq!(r.kvs, *wkvs, "#{i}");
        assert_eq!(r.revision, 4, "#{i}");
        assert_eq!(r.count, *wcount, "#{i}");
    }
}

/// TestKVPutMultipleTimes (kv_test.go).
#[test]
fn kv_put_multiple_times() {
    let mut s = MvccStore::new();
    for i in 0..10 {
        let base = i + 1;
        assert_eq!(put(&mut s, "foo", "bar", base), base + 1, "#{i}");
        let r = range(&s, "foo", None, 0, 0).unwrap();
        assert_eq!(r.kvs, [kv("foo", "bar", 2, base + 1, base, base)], "#{i}");
    }
}

/// TestKVDeleteRange (kv_test.go).
#[test]
fn kv_delete_range() {
    let tests = [
        ("foo", None, 5, 1),
        ("foo", Some("foo1"), 5, 1),
        ("foo", Some("foo2"), 5, 2),
        ("foo", Some("foo3"), 5, 3),
        ("foo3", Some("foo8"), 4, 0),
        ("foo3", None, 4, 0),
    ];
    for (i, (key, end, wrev, wn)) in tests.iter().enumerate() {
        let mut s = MvccStore::new();
        put(&mut s, "foo", "bar", 0);
        put(&mut s, "foo1", "bar1", 0);
        put(&mut s, "foo2", "bar2", 0);
        assert_eq!(delete(&mut s, key, *end), (*wn, *wrev), "#{i}");
    }
}

/// TestKVDeleteMultipleTimes (kv_test.go).
#[test]
fn kv_delete_multiple_times() {
    let mut s = MvccStore::new();
    put(&mut s, "foo", "bar", 0);
    assert_eq!(delete(&mut s, "foo", None), (1, 3));
    for i in 0..10 {
        assert_eq!(delete(&mut s, "foo", None), (0, 3), "#{i}");
    }
}

/// TestKVPutWithSameLease (kv_test.go).
#[test]
fn kv_put_with_same_lease() {
    let mut s = MvccStore::new();
    assert_eq!(put(&mut s, "foo", "bar", 1), 2);
    assert_eq!(put(&mut s, "foo", "bar", 1), 3);
    let r = range(&s, "foo", None, 0, 0).unwrap();
    assert_eq!(r.kvs, [kv("foo", "bar", 2, 3, 2, 1)]);
}

/// TestKVOperationInSequence (kv_test.go).
#[test]
fn kv_operation_in_sequence() {
    let mut s = MvccStore::new();
    for i in 0..10 {
        let base = i * 2 + 1;
        assert_eq!(put(&mut s, "foo", "bar", 0), base + 1, "#{i}");
        let r = range(&s, "foo", None, base + 1, 0).unwrap();
        assert_eq!(r.kvs, [kv("foo", "bar", base + 1, base + 1, 1, 0)], "#{i}");
        assert_eq!(r.revision, base + 1, "#{i}");
        assert_eq!(delete(&mut s, "foo", None), (1, base + 2), "#{i}");
        let r = range(&s, "foo", None, base + 2, 0).unwrap();
        assert!(r.kvs.is_empty(), "#{i}");
        assert_eq!(r.revision, base + 2, "#{i}");
    }
}

fn op_put(key: &str) -> RequestOp {
    RequestOp::Put(PutRequest {
        key: key.into(),
        value: "bar".into(),
        ..PutRequest::default()
    })
}

fn op_range(key: &str) -> RequestOp {
    RequestOp::Range(RangeRequest {
        key: key.into(),
        ..RangeRequest::default()
    })
}

fn op_delete(key: &str) -> RequestOp {
    RequestOp::DeleteRange(DeleteRangeRequest {
        key: key.into(),
        ..DeleteRangeRequest::default()
    })
}

fn txn(s: &mut MvccStore, ops: Vec<RequestOp>) -> TxnResponse {
    let req = TxnRequest {
        compare: Vec::new(),
        success: ops,
        failure: Vec::new(),
    };
    s.txn(&req).expect("txn")
}

/// TestKVTxnOperationInSequence (kv_test.go). etcd's store-level txn puts, reads at its own
/// revision, deletes and reads again in one txn; the server refuses both a range at the
/// txn's own revision (future revision) and a put and delete of one key in one txn, so here
/// each iteration is a [put, range] txn and a [delete, range] txn, and each range reads the
/// txn's own writes at the current revision.
#[test]
fn kv_txn_operation_in_sequence() {
    let mut s = MvccStore::new();
    for i in 0..10 {
        let base = i * 2 + 1;
        let r = txn(&mut s, vec![op_put("foo"), op_range("foo")]);
        assert_eq!(r.revision, base + 1, "#{i}");
        match &r.responses[..] {
            [ResponseOp::Put(p), ResponseOp::Range(g)] => {
                assert_eq!(p.revision, base + 1);
                assert_eq!(g.kvs, [kv("foo", "bar", base + 1, base + 1, 1, 0)], "#{i}");
                assert_eq!(g.revision, base + 1, "#{i}");
            }
            o => panic!("#{i}: {o:?}"),
        }
        let r = txn(&mut s, vec![op_delete("foo"), op_range("foo")]);
        match &r.responses[..] {
            [ResponseOp::DeleteRange(d), ResponseOp::Range(g)] => {
                assert_eq!((d.deleted, d.revision), (1, base + 2), "#{i}");
                assert!(g.kvs.is_empty(), "#{i}");
                assert_eq!(g.revision, base + 2, "#{i}");
            }
            o => panic!("#{i}: {o:?}"),
        }
        // The server's own check: a range at the txn's revision is a future revision.
        let at_own = RequestOp::Range(RangeRequest {
            key: "foo".into(),
            revision: s.revision() + 1,
            ..RangeRequest::default()
        });
        let req = TxnRequest {
            success: vec![op_put("foo"), at_own],
            ..TxnRequest::default()
        };
        assert_eq!(s.txn(&req), Err(StoreError::FutureRevision), "#{i}");
        let req = TxnRequest {
            success: vec![op_put("foo"), op_delete("foo")],
            ..TxnRequest::default()
        };
        assert_eq!(s.txn(&req), Err(StoreError::DuplicateKey), "#{i}");
    }
}

/// TestKVCompactReserveLastValue (kv_test.go).
#[test]
fn kv_compact_reserve_last_value() {
    let mut s = MvccStore::new();
    put(&mut s, "foo", "bar0", 1);
    put(&mut s, "foo", "bar1", 2);
    delete(&mut s, "foo", None);
    put(&mut s, "foo", "bar2", 3);
    // rev in tests will be called in compact() one by one on the same store
    let tests: [(i64, &[KeyValue]); 4] = [
        (1, &[kv("foo", "bar0", 2, 2, 1, 1)]),
        (2, &[kv("foo", "bar1", 2, 3, 2, 2)]),
        (3, &[]),
        (4, &[kv("foo", "bar2", 5, 5, 1, 3)]),
    ];
    for (i, (rev, wkvs)) in tests.iter().enumerate() {
        assert!(s.compact(*rev).is_ok(), "#{i}");
        let r = range(&s, "foo", None, rev + 1, 0).unwrap();
        assert_eq!(r.kvs, *wkvs, "#{i}");
    }
}

/// TestKVCompactBad (kv_test.go). A fresh store has never compacted (etcd: compact revision
/// -1), so compacting at 0 succeeds once.
#[test]
fn kv_compact_bad() {
    let mut s = MvccStore::new();
    put(&mut s, "foo", "bar0", 0);
    put(&mut s, "foo", "bar1", 0);
    put(&mut s, "foo", "bar2", 0);
    let tests = [
        (0, None),
        (1, None),
        (1, Some(StoreError::Compacted)),
        (4, None),
        (5, Some(StoreError::FutureRevision)),
        (100, Some(StoreError::FutureRevision)),
    ];
    for (i, (rev, werr)) in tests.iter().enumerate() {
        assert_eq!(s.compact(*rev).err(), *werr, "#{i}");
    }
}

/// TestKVHash (kv_test.go).
#[test]
fn kv_hash() {
    let hashes: Vec<u32> = (0..3)
        .map(|_| {
            let mut s = MvccStore::new();
            put(&mut s, "foo0", "bar0", 0);
            put(&mut s, "foo1", "bar0", 0);
            s.hash_kv(0).unwrap().hash
        })
        .collect();
    assert!(hashes.windows(2).all(|w| w[0] == w[1]), "{hashes:?}");
}

/// Reads of "a".."z" at revisions 0..10, as TestKVRestore compares them.
fn history(s: &MvccStore) -> Vec<Option<Vec<KeyValue>>> {
    (0..10)
        .map(|k| range(s, "a", Some("z"), k, 0).ok().map(|r| r.kvs))
        .collect()
}

/// TestKVRestore (kv_test.go): a store rebuilt from a snapshot answers every old read the
/// same. etcd re-reads its bbolt file; ours restores the serialized state machine.
#[test]
fn kv_restore() {
    let tests: [fn(&mut MvccStore); 4] = [
        |s| {
            put(s, "foo", "bar0", 1);
            put(s, "foo", "bar1", 2);
            put(s, "foo", "bar2", 3);
            put(s, "foo2", "bar0", 1);
        },
        |s| {
            put(s, "foo", "bar0", 1);
            delete(s, "foo", None);
            put(s, "foo", "bar1", 2);
        },
        |s| {
            put(s, "foo", "bar0", 1);
            put(s, "foo", "bar1", 2);
            s.compact(1).unwrap();
        },
        // after restore, foo1 key only has tombstone revision
        |s| {
            for i in 1..=5 {
                put(s, &format!("foo{i}"), &format!("bar{i}"), 0);
            }
            let (_, del_at) = delete(s, "foo1", None);
            assert_eq!(del_at, 7);
            s.compact(del_at).unwrap();
        },
    ];
    for (i, tt) in tests.iter().enumerate() {
        let mut st = EtcdState::new(1);
        tt(&mut st.v3);
        let before = history(&st.v3);
        let back = EtcdState::restore(&st.snapshot()).unwrap();
        assert_eq!(history(&back.v3), before, "#{i}");
        assert_eq!(back.v3.revision(), st.v3.revision(), "#{i}");
        assert_eq!(back.v3.hash_kv(0), st.v3.hash_kv(0), "#{i}");
    }
}

/// TestKVSnapshot (kv_test.go).
#[test]
fn kv_snapshot() {
    let mut st = EtcdState::new(1);
    let wkvs = put3_test_kvs(&mut st.v3);
    let ns = EtcdState::restore(&st.snapshot()).unwrap();
    let r = range(&ns.v3, "a", Some("z"), 0, 0).unwrap();
    assert_eq!(r.kvs, wkvs);
    assert_eq!(r.revision, 4);
}

/// TestWatchableKVWatch (kv_test.go): a watch on [foo, fop) from "now", then a second watch
/// on [foo1, foo2) from revision 3 that first replays the put at 3.
#[test]
fn watchable_kv_watch() {
    let mut s = MvccStore::new();
    let wev = [
        kv("foo", "bar", 2, 2, 1, 1),
        kv("foo1", "bar1", 3, 3, 1, 2),
        kv("foo1", "bar11", 3, 4, 2, 3),
    ];
    let fop = KeyRange::Until("fop".into());
    let from = s.revision() + 1;
    put(&mut s, "foo", "bar", 1);
    let ev = s.events_since(from, "foo", &fop).unwrap();
    assert_eq!(
        (ev.len(), ev[0].kind, &ev[0].kv),
        (1, EventKind::Put, &wev[0])
    );
    put(&mut s, "foo1", "bar1", 2);
    let ev = s.events_since(from, "foo", &fop).unwrap();
    assert_eq!(
        ev.iter().map(|e| &e.kv).collect::<Vec<_>>(),
        [&wev[0], &wev[1]]
    );

    let foo2 = KeyRange::Until("foo2".into());
    let ev = s.events_since(3, "foo1", &foo2).unwrap();
    assert_eq!(ev.iter().map(|e| &e.kv).collect::<Vec<_>>(), [&wev[1]]);
    put(&mut s, "foo1", "bar11", 3);
    let ev = s.events_since(3, "foo1", &foo2).unwrap();
    assert_eq!(
        ev.iter().map(|e| &e.kv).collect::<Vec<_>>(),
        [&wev[1], &wev[2]]
    );
}

/// TestWatchCompacted (watchable_store_test.go): a watch from below the compaction point is
/// cancelled with the compact revision; etcd's `chooseAll` cancels only `minRev < compactRev`,
/// so a watch from exactly the compact revision is served.
#[test]
fn watch_compacted() {
    let mut s = MvccStore::new();
    for _ in 0..10 {
        put(&mut s, "foo", "bar", 0);
    }
    s.compact(5).unwrap();
    assert_eq!(s.events_since(4, "foo", &KeyRange::Single), Err(5));
    let ev = s.events_since(5, "foo", &KeyRange::Single).unwrap();
    // The put at 5 is the value kept at the compaction point: it is still sent, without a
    // prev_kv (etcd reads prev_kv at revision 4, which is compacted).
    assert_eq!(
        ev.first().map(|e| (e.kv.mod_revision, e.prev_kv.is_some())),
        Some((5, false))
    );
    assert_eq!(ev.len(), 7);
}

/// TestWatchFutureRev (watchable_store_test.go).
#[test]
fn watch_future_rev() {
    let mut s = MvccStore::new();
    let wrev = 10;
    for _ in 0..10 {
        if put(&mut s, "foo", "bar", 0) >= wrev {
            break;
        }
    }
    let ev = s.events_since(wrev, "foo", &KeyRange::Single).unwrap();
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].kv.mod_revision, wrev);
}

/// TestWatchBatchUnsynced (watchable_store_test.go): batching is the watch server's; the
/// store hands an unsynced watcher every revision, in order.
#[test]
fn watch_batch_unsynced() {
    let mut s = MvccStore::new();
    for _ in 0..12 {
        put(&mut s, "foo", "foo", 0);
    }
    let ev = s.events_since(1, "foo", &KeyRange::Single).unwrap();
    let revs: Vec<i64> = ev.iter().map(|e| e.kv.mod_revision).collect();
    assert_eq!(revs, (2..=13).collect::<Vec<_>>());
}

/// TestWatchDeleteRange (watchable_store_test.go): a deleted range gives one DELETE per key,
/// all at the deletion revision, holding only the key and that revision.
#[test]
fn watch_delete_range() {
    let mut s = MvccStore::new();
    for i in 0..3 {
        put(&mut s, &format!("foo_{i}"), "bar", 0);
    }
    let to = KeyRange::Until("foo_99".into());
    let from = s.revision() + 1;
    delete(&mut s, "foo", Some("foo_99"));
    let ev = s.events_since(from, "foo", &to).unwrap();
    let want: Vec<Event> = (0..3)
        .map(|i| Event {
            kind: EventKind::Delete,
            kv: KeyValue {
                key: format!("foo_{i}"),
                mod_revision: 5,
                ..KeyValue::default()
            },
            prev_kv: Some(kv(&format!("foo_{i}"), "bar", i + 2, i + 2, 1, 0)),
        })
        .collect();
    assert_eq!(ev, want);
}

/// TestWatcherWatchPrefix (watcher_test.go): a prefix watch sees only its keys.
#[test]
fn watcher_watch_prefix() {
    let mut s = MvccStore::new();
    let from = s.revision() + 1;
    put(&mut s, "foo", "bar", 0);
    put(&mut s, "fop", "bar", 0);
    put(&mut s, "foobar", "bar", 0);
    let ev = s.events_since(from, "foo", &KeyRange::Prefix).unwrap();
    let keys: Vec<&str> = ev.iter().map(|e| e.kv.key.as_str()).collect();
    assert_eq!(keys, ["foo", "foobar"]);
}

/// The events of one txn come in the order the txn made its changes (etcd's sub-revisions,
/// `watchableStoreTxnWrite.End` sends `tw.Changes()` in order; a syncing watcher reads the
/// key bucket in (revision, sub) order), each delete a tombstone, each with prev_kv read at
/// revision − 1.
#[test]
fn watch_txn_events_in_order_with_prev_kv() {
    let mut s = MvccStore::new();
    put(&mut s, "z", "z0", 0);
    put(&mut s, "a", "a0", 0);
    let from = s.revision() + 1;
    txn(&mut s, vec![op_put("z"), op_delete("a"), op_put("m")]);
    let ev = s.events_since(from, "", &KeyRange::FromKey).unwrap();
    let t = |k: EventKind, key: &str, v: &str, p: Option<&str>| -> Seen {
        (k, key.into(), 4, v.into(), p.map(Into::into))
    };
    assert_eq!(
        seen(&ev),
        [
            t(EventKind::Put, "z", "bar", Some("z0")),
            t(EventKind::Delete, "a", "", Some("a0")),
            t(EventKind::Put, "m", "bar", None),
        ]
    );
}

/// A watch from exactly the compact revision sees a deletion made at it (etcd issue #18089,
/// "Watch dropping an event when compacting on delete": before #18274 the tombstone at the
/// compact revision was removed and the DELETE lost). Its prev_kv is empty: etcd reads it at
/// revision − 1, which is compacted.
#[test]
fn watch_from_compact_revision_after_delete() {
    let mut s = MvccStore::new();
    put(&mut s, "k1", "v2", 0);
    put(&mut s, "k1", "v3", 0);
    put(&mut s, "k1", "v4", 0);
    let (_, del_at) = delete(&mut s, "k1", None);
    put(&mut s, "k1", "v6", 0);
    assert_eq!(del_at, 5);
    s.compact(del_at).unwrap();
    let ev = s.events_since(del_at, "k1", &KeyRange::Single).unwrap();
    assert_eq!(
        seen(&ev),
        [
            (EventKind::Delete, "k1".into(), 5, String::new(), None),
            (EventKind::Put, "k1".into(), 6, "v6".into(), None),
        ]
    );
    // Reads at the compact revision see the key deleted; the hash skips the tombstone
    // (`keyIndex.keep` does) and equals the one taken before compacting.
    assert!(range(&s, "k1", None, 5, 0).unwrap().kvs.is_empty());
    let mut twin = MvccStore::new();
    for v in ["v2", "v3", "v4"] {
        put(&mut twin, "k1", v, 0);
    }
    delete(&mut twin, "k1", None);
    put(&mut twin, "k1", "v6", 0);
    twin.compact(4).unwrap();
    let mut later = s.clone();
    put(&mut later, "k2", "x", 0);
    put(&mut twin, "k2", "x", 0);
    twin.compact(6).unwrap();
    later.compact(6).unwrap();
    assert_eq!(
        later.hash_kv(0).map(|h| h.hash),
        twin.hash_kv(0).map(|h| h.hash)
    );
}

/// TestHashByRevValue (hash_test.go): the hash values etcd hard-codes, with a compaction
/// after each hash. Proves the key bucket is hashed as etcd's backend lays it out.
#[test]
fn hash_by_rev_value() {
    hash_by_rev_values(
        |rev| rev + COMPACTION_CYCLE / 2,
        &[
            (4082599214, -1, 35),
            (2279933401, 35, 106),
            (3284231217, 106, 177),
            (126286495, 177, 248),
            (900108730, 248, 319),
            (2475485232, 319, 390),
            (1226296507, 390, 461),
            (2503661030, 461, 532),
            (4155130747, 532, 603),
            (106915399, 603, 674),
            (406914006, 674, 745),
            (1882211381, 745, 816),
            (806177088, 816, 887),
            (664311366, 887, 958),
            (1496914449, 958, 1029),
            (2434525091, 1029, 1100),
            (3988652253, 1100, 1171),
            (1122462288, 1171, 1242),
            (724436716, 1242, 1883),
        ],
        TOTAL_REVISIONS / 2,
    );
}

/// TestHashByRevValueLastRevision (hash_test.go).
#[test]
fn hash_by_rev_value_last_revision() {
    hash_by_rev_values(
        |_| 0,
        &[
            (1913897190, -1, 73),
            (224860069, 73, 145),
            (1565167519, 145, 217),
            (1566261620, 217, 289),
            (2037173024, 289, 361),
            (691659396, 361, 433),
            (2713730748, 433, 505),
            (3919322507, 505, 577),
            (769967540, 577, 649),
            (2909194793, 649, 721),
            (1576921157, 721, 793),
            (4067701532, 793, 865),
            (2226384237, 865, 937),
            (2923408134, 937, 1009),
            (2680329256, 1009, 1081),
            (1546717673, 1081, 1153),
            (2713657846, 1153, 1225),
            (1046575299, 1225, 1297),
            (2017735779, 1297, 2508),
        ],
        0,
    );
}

const COMPACTION_CYCLE: i64 = 71;
const TOTAL_REVISIONS: i64 = 1210;

fn pick_key(i: i64) -> &'static str {
    if i % (COMPACTION_CYCLE * 2) == 30 {
        return "zenek";
    }
    if i % COMPACTION_CYCLE == 30 {
        return "xavery";
    }
    [
        "alice",
        "bob",
        "celine",
        "dominik",
        "eve",
        "frederica",
        "gorge",
    ][(i % 7) as usize]
}

fn put_kvs(s: &mut MvccStore, rev: i64, count: i64) {
    for i in rev..=rev + count {
        put(s, pick_key(i), &i.to_string(), 0);
    }
}

/// etcd's `testHashByRev`: hash at `rev` (0: the current revision), then compact there.
fn hash_then_compact(s: &mut MvccStore, rev: i64) -> (u32, i64, i64) {
    let rev = if rev == 0 { s.revision() } else { rev };
    let h = s.hash_kv(rev).unwrap();
    s.compact(rev).unwrap();
    (h.hash, h.compact_revision, h.hash_revision)
}

fn hash_by_rev_values(at: fn(i64) -> i64, want: &[(u32, i64, i64)], last_offset: i64) {
    let mut s = MvccStore::new();
    let mut got = Vec::new();
    let mut rev = 0;
    while rev < TOTAL_REVISIONS {
        put_kvs(&mut s, rev, COMPACTION_CYCLE);
        got.push(hash_then_compact(&mut s, at(rev)));
        rev += COMPACTION_CYCLE;
    }
    put_kvs(&mut s, rev, TOTAL_REVISIONS);
    let last = if last_offset == 0 {
        0
    } else {
        rev + last_offset
    };
    got.push(hash_then_compact(&mut s, last));
    assert_eq!(got, want);
}

/// TestCompactionHash (hash_test.go): the hash at a revision is the same before and after
/// compacting at that revision (etcd compares `hashByRev` with the hash its compaction
/// computes and stores; `HashKV` at the compact revision answers with the stored one).
#[test]
fn compaction_hash() {
    let mut s = MvccStore::new();
    let mut rev = 0;
    let check = |s: &mut MvccStore, start: i64, stop: i64| {
        for i in start..=stop {
            put(s, pick_key(i), &i.to_string(), 0);
        }
        let before = s.hash_kv(stop).unwrap();
        s.compact(stop).unwrap();
        assert_eq!(s.hash_kv(stop), Ok(before), "rev {stop}");
        before
    };
    let mut kept = Vec::new();
    while rev < TOTAL_REVISIONS {
        kept.push(check(&mut s, rev, rev + COMPACTION_CYCLE));
        rev += COMPACTION_CYCLE;
    }
    kept.push(check(&mut s, rev, rev + TOTAL_REVISIONS));
    // etcd's hashStorage keeps the last ten compaction hashes (TestHasherStore): older
    // compacted revisions are refused.
    for (i, h) in kept.iter().rev().enumerate() {
        let got = s.hash_kv(h.hash_revision);
        assert_eq!(
            got,
            if i < 10 {
                Ok(*h)
            } else {
                Err(StoreError::Compacted)
            },
            "#{i}"
        );
    }
}

/// "foo" with etcd's `newTestKeyIndex` history: put 2, 4, delete 6, put 8, 10, delete 12,
/// put 14, put 15 (second change of its txn: sub-revision 1), delete 16; the other odd
/// revisions are puts of other keys, one each, that every compaction keeps.
fn key_index_store() -> MvccStore {
    let mut s = MvccStore::new();
    for rev in 2..=16 {
        match rev {
            6 | 12 | 16 => drop(delete(&mut s, "foo", None)),
            15 => drop(txn(&mut s, vec![op_put("k15"), op_put("foo")])),
            r if r % 2 == 0 => drop(put(&mut s, "foo", &format!("v{r}"), 0)),
            r => drop(put(&mut s, &format!("k{r:02}"), "x", 0)),
        }
    }
    s
}

/// Entries the key bucket holds, as `snapshot status` counts them, beyond the other keys'.
fn foo_entries(s: &MvccStore) -> u64 {
    let mut others = MvccStore::new();
    for r in (3..=17).step_by(2) {
        put(&mut others, &format!("k{r:02}"), "x", 0);
    }
    others.compact(1).unwrap();
    s.snapshot_status(1).total_key - others.snapshot_status(1).total_key
}

/// TestKeyIndexCompactAndKeep (key_index_test.go, after etcd #18274 "keep tombstone if
/// revision == compactAtRev", in 3.5 since #18474): compaction at `rev` keeps, of what came
/// at or before it, only the newest revision (`wam`), a tombstone included if it is AT
/// `rev`; everything after `rev` stays. Checked through what the store shows: the watch from
/// `rev`, the read at `rev` and the entries left; continuously, in jumps (skipping tombstone
/// revisions, as etcd's table does) and once from scratch.
#[test]
fn key_index_compact_and_keep() {
    // (compact, revision kept at or below it)
    let tests: [(i64, Option<i64>); 17] = [
        (1, None),
        (2, Some(2)),
        (3, Some(2)),
        (4, Some(4)),
        (5, Some(4)),
        (6, Some(6)),
        (7, None),
        (8, Some(8)),
        (9, Some(8)),
        (10, Some(10)),
        (11, Some(10)),
        (12, Some(12)),
        (13, None),
        (14, Some(14)),
        (15, Some(15)),
        (16, Some(16)),
        (17, None),
    ];
    let all = [2, 4, 6, 8, 10, 12, 14, 15, 16];
    let tombstones = [6, 12, 16];
    let check = |s: &MvccStore, i: usize, rev: i64, wam: Option<i64>| {
        let r = range(s, "foo", None, rev, 0).unwrap();
        let live = wam.filter(|w| !tombstones.contains(w));
        assert_eq!(r.kvs.first().map(|kv| kv.mod_revision), live, "#{i}");
        let after = all.iter().filter(|&&r| r > rev).count() as u64;
        assert_eq!(foo_entries(s), after + u64::from(wam.is_some()), "#{i}");
        let ev = s.events_since(rev, "foo", &KeyRange::Single).unwrap();
        let mut want: Vec<i64> = wam.filter(|&w| w == rev).into_iter().collect();
        want.extend(all.iter().filter(|&&r| r > rev));
        let got: Vec<i64> = ev.iter().map(|e| e.kv.mod_revision).collect();
        assert_eq!(got, want, "#{i}");
    };
    let put17 = |s: &mut MvccStore| {
        put(s, "k17", "x", 0);
    };
    // Continuous compaction.
    let mut s = key_index_store();
    put17(&mut s);
    for (i, &(rev, wam)) in tests.iter().enumerate() {
        s.compact(rev).unwrap();
        check(&s, i, rev, wam);
    }
    // Jump compaction.
    let mut s = key_index_store();
    put17(&mut s);
    for (i, &(rev, wam)) in tests.iter().enumerate() {
        if !tombstones.contains(&rev) {
            s.compact(rev).unwrap();
            check(&s, i, rev, wam);
        }
    }
    // Once compaction.
    for (i, &(rev, wam)) in tests.iter().enumerate() {
        let mut s = key_index_store();
        put17(&mut s);
        s.compact(rev).unwrap();
        check(&s, i, rev, wam);
    }
}

/// TestKeyIndexCompactOnFurtherRev (key_index_test.go): compacting past the last change
/// keeps the last value.
#[test]
fn key_index_compact_on_further_rev() {
    let mut s = MvccStore::new();
    put(&mut s, "foo", "1", 0);
    put(&mut s, "foo", "2", 0);
    put(&mut s, "other", "x", 0);
    s.compact(4).unwrap();
    let r = range(&s, "foo", None, 4, 0).unwrap();
    assert_eq!(r.kvs, [kv("foo", "2", 2, 3, 2, 0)]);
}

/// TestHashKVZeroRevision (kvstore_test.go): HashKV at 0 is HashKV at the current revision,
/// also after a compaction.
#[test]
fn hash_kv_zero_revision() {
    let mut s = MvccStore::new();
    let rev = 10_000;
    for i in 2..=rev {
        put(&mut s, "foo", &format!("bar{i}"), 0);
    }
    s.compact(rev / 2).unwrap();
    assert_eq!(s.hash_kv(0), s.hash_kv(rev));
    assert_eq!(s.hash_kv(0).map(|h| h.compact_revision), Ok(rev / 2));
}

/// TestStoreRev (kvstore_test.go): each put moves the revision by one from 1.
#[test]
fn store_rev() {
    let mut s = MvccStore::new();
    for i in 1..=3 {
        put(&mut s, "foo", "bar", 0);
        assert_eq!(s.revision(), i + 1, "#{i}");
    }
}

/// TestTxnPut (kvstore_test.go): each write txn with one put is one revision, from 2.
#[test]
fn txn_put() {
    let mut s = MvccStore::new();
    for i in 0..10 {
        let r = txn(&mut s, vec![op_put(&format!("key{i}"))]);
        assert_eq!(r.revision, i + 2, "#{i}");
    }
}

/// The server errors of `api/v3rpc/rpctypes/error.go` the store returns, word for word.
#[test]
fn rpctypes_errors() {
    let tests = [
        (StoreError::EmptyKey, "etcdserver: key is not provided"),
        (StoreError::KeyNotFound, "etcdserver: key not found"),
        (
            StoreError::DuplicateKey,
            "etcdserver: duplicate key given in txn request",
        ),
        (
            StoreError::Compacted,
            "etcdserver: mvcc: required revision has been compacted",
        ),
        (
            StoreError::FutureRevision,
            "etcdserver: mvcc: required revision is a future revision",
        ),
        (
            StoreError::LeaseNotFound,
            "etcdserver: requested lease not found",
        ),
        (StoreError::LeaseExists, "etcdserver: lease already exists"),
        (
            StoreError::LeaseTtlTooLarge,
            "etcdserver: too large lease TTL",
        ),
    ];
    for (err, msg) in tests {
        assert_eq!(err.message(), msg);
    }
}

fn tombstone(key: &str, rev: i64) -> KeyValue {
    KeyValue {
        key: key.into(),
        mod_revision: rev,
        ..KeyValue::default()
    }
}

/// TestRangeEvents (watchable_store_test.go): the events in [minRev, maxRev) read back from
/// the store. Ours has no upper bound: the store as it was at maxRev − 1 is asked instead.
#[test]
fn range_events() {
    let mut s = MvccStore::new();
    let mut at = vec![s.clone(), s.clone()]; // the store at revisions 0 and 1
    for k in ["foo1", "foo2", "foo3"] {
        put(&mut s, k, "bar", 0);
        at.push(s.clone());
    }
    delete(&mut s, "foo1", Some("foo3")); // deletes foo1 and foo2: two events
    at.push(s.clone());
    let expect = [
        (EventKind::Put, kv("foo1", "bar", 2, 2, 1, 0)),
        (EventKind::Put, kv("foo2", "bar", 3, 3, 1, 0)),
        (EventKind::Put, kv("foo3", "bar", 4, 4, 1, 0)),
        (EventKind::Delete, tombstone("foo1", 5)),
        (EventKind::Delete, tombstone("foo2", 5)),
    ];
    let tcs: [(i64, i64, std::ops::Range<usize>); 20] = [
        // maxRev, top to bottom
        (-1, 6, 0..5),
        (-1, 5, 0..3),
        (-1, 4, 0..2),
        (-1, 3, 0..1),
        (-1, 2, 0..0),
        // minRev, bottom to top
        (-1, 6, 0..5),
        (2, 6, 0..5),
        (3, 6, 1..5),
        (4, 6, 2..5),
        (5, 6, 3..5),
        (6, 6, 0..0),
        // Moving window algorithm, first increase maxRev, then increase minRev, repeat.
        (2, 2, 0..0),
        (2, 3, 0..1),
        (2, 4, 0..2),
        (3, 4, 1..2),
        (3, 5, 1..3),
        (4, 5, 2..3),
        (4, 6, 2..5),
        (5, 6, 3..5),
        (6, 6, 5..5),
    ];
    for (i, (min, max, want)) in tcs.into_iter().enumerate() {
        let store = &at[(max - 1) as usize];
        let ev = store.events_since(min, "", &KeyRange::FromKey).unwrap();
        let got: Vec<(EventKind, KeyValue)> = ev.into_iter().map(|e| (e.kind, e.kv)).collect();
        assert_eq!(got, expect[want], "#{i} [{min}, {max})");
    }
}

/// testWatchRestore (watchable_store_test.go): watches from 0 (the next revision when the
/// watch is made), 1, 2, 3 and 4 across a restore between a put and a delete.
#[test]
fn watch_restore() {
    let tcs: [(&str, i64, usize); 5] = [
        ("zero revision", 0, 0),
        ("revision before first write", 1, 0),
        ("revision of first write", 2, 0),
        ("current revision", 3, 1),
        ("future revision", 4, 2),
    ];
    let want = [
        (EventKind::Put, kv("foo", "bar", 2, 2, 1, 0)),
        (EventKind::Delete, tombstone("foo", 3)),
    ];
    let mut st = EtcdState::new(1);
    let next = st.v3.revision() + 1;
    put(&mut st.v3, "foo", "bar", 0);
    let mut st = EtcdState::restore(&st.snapshot()).unwrap();
    delete(&mut st.v3, "foo", None);
    for (name, start, from) in tcs {
        let start = if start == 0 { next } else { start };
        let ev = st.v3.events_since(start, "foo", &KeyRange::Single).unwrap();
        let got: Vec<(EventKind, KeyValue)> = ev.into_iter().map(|e| (e.kind, e.kv)).collect();
        assert_eq!(got, want[from..], "{name}");
    }
}

/// TestWatchNoEventLossOnCompact (watchable_store_test.go): after compacting at 5, watches
/// from 1 are cancelled with compact revision 5, and a watch from 6 gets every revision
/// from 6 to the current one.
#[test]
fn watch_no_event_loss_on_compact() {
    let mut s = MvccStore::new();
    for _ in 0..10 {
        put(&mut s, "foo", "bar", 0);
    }
    s.compact(5).unwrap();
    assert_eq!(s.events_since(1, "foo", &KeyRange::Single), Err(5));
    let ev = s.events_since(6, "foo", &KeyRange::Single).unwrap();
    let revs: Vec<i64> = ev.iter().map(|e| e.kv.mod_revision).collect();
    assert_eq!(revs, (6..=s.revision()).collect::<Vec<_>>());
}

/// TestCompactAllAndRestore (kvstore_compaction_test.go): compacting away every entry (the
/// last one a deletion) and restoring keeps the revision, and the key stays gone.
#[test]
fn compact_all_and_restore() {
    let mut st = EtcdState::new(1);
    put(&mut st.v3, "foo", "bar", 0);
    put(&mut st.v3, "foo", "bar1", 0);
    put(&mut st.v3, "foo", "bar2", 0);
    delete(&mut st.v3, "foo", None);
    let rev = st.v3.revision();
    assert_eq!(rev, 5);
    st.v3.compact(rev).unwrap();
    // Only the tombstone at the compact revision is left in the key bucket (etcd #18274).
    assert_eq!(st.v3.snapshot_status(1).revision, rev);
    let s1 = EtcdState::restore(&st.snapshot()).unwrap();
    assert_eq!(s1.v3.revision(), rev);
    assert!(range(&s1.v3, "foo", None, 0, 0).unwrap().kvs.is_empty());
}
