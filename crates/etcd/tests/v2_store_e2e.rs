//! etcd 3.3's v2 store tests (`store/store_test.go`, `store/store_ttl_test.go`) run against
//! `quorum_etcd::v2::V2Store` directly, for what the terminal does not show (actions, etcd
//! indexes, previous nodes, listings). A store made with `V2Store::new(0)` starts where
//! etcd's `newStore()` does, so the expected indexes (`eidx`) are etcd's own. The terminal
//! side of these tests is in transcript_v2_e2e.rs. Watch tests are not translated: the
//! emulation keeps no v2 event history.

use quorum_etcd::v2::{V2Error, V2ErrorCode, V2Request, V2Response, V2Store};

fn set(key: &str, value: &str, dir: bool) -> V2Request {
    V2Request::Set {
        key: key.into(),
        value: value.into(),
        ttl: 0,
        dir,
    }
}

fn create(key: &str, value: &str, dir: bool, ttl: i64) -> V2Request {
    V2Request::Create {
        key: key.into(),
        value: value.into(),
        ttl,
        dir,
    }
}

fn delete(key: &str, dir: bool, recursive: bool) -> V2Request {
    V2Request::Delete {
        key: key.into(),
        dir,
        recursive,
    }
}

fn get(s: &mut V2Store, key: &str, recursive: bool, now_us: i64) -> Result<V2Response, V2Error> {
    s.apply(
        &V2Request::Get {
            key: key.into(),
            recursive,
        },
        now_us,
    )
}

#[track_caller]
fn fails(r: Result<V2Response, V2Error>, code: V2ErrorCode, cause: &str, index: u64) {
    let e = r.expect_err("must fail");
    assert_eq!((e.code, e.cause.as_str(), e.index), (code, cause, index));
}

/// TestSet: an empty value, two replacements (each with its previous node), a directory.
#[test]
fn set_replaces_with_prev_node() {
    let mut s = V2Store::new(0);
    let e = s.apply(&set("/foo", "", false), 0).unwrap();
    assert_eq!(
        (e.action.as_str(), e.index, e.node.modified_index),
        ("set", 1, 1)
    );
    assert_eq!(
        (e.node.value.as_str(), e.node.ttl, e.prev_node),
        ("", 0, None)
    );
    let e = s.apply(&set("/foo", "bar", false), 0).unwrap();
    assert_eq!((e.index, e.node.value.as_str()), (2, "bar"));
    let p = e.prev_node.unwrap();
    assert_eq!(
        (p.key.as_str(), p.value.as_str(), p.modified_index),
        ("/foo", "", 1)
    );
    let e = s.apply(&set("/foo", "baz", false), 0).unwrap();
    let p = e.prev_node.unwrap();
    assert_eq!((e.index, p.value.as_str(), p.modified_index), (3, "bar", 2));
    let e = s.apply(&set("/dir", "", true), 0).unwrap();
    assert_eq!((e.action.as_str(), e.index, e.node.dir), ("set", 4, true));
}

/// TestStoreCreateValue, TestStoreCreateDirectory, TestStoreCreateFailsIfExists.
#[test]
fn create_value_directory_and_twice() {
    let mut s = V2Store::new(0);
    let e = s.apply(&create("/foo", "bar", false, 0), 0).unwrap();
    assert_eq!(
        (e.action.as_str(), e.index, e.node.value.as_str()),
        ("create", 1, "bar")
    );
    let e = s.apply(&create("/empty", "", false, 0), 0).unwrap();
    assert_eq!((e.index, e.node.value.as_str(), e.node.dir), (2, "", false));
    let e = s.apply(&create("/dir", "", true, 0), 0).unwrap();
    assert_eq!((e.action.as_str(), e.node.dir), ("create", true));
    fails(
        s.apply(&create("/dir", "", true, 0), 0),
        V2ErrorCode::NodeExist,
        "/dir",
        3,
    );
}

/// TestStoreUpdateValue, TestStoreUpdateFailsIfDirectory.
#[test]
fn update_value_and_directory() {
    let mut s = V2Store::new(0);
    s.apply(&create("/foo", "bar", false, 0), 0).unwrap();
    let up = |v: &str| V2Request::Update {
        key: "/foo".into(),
        value: v.into(),
        ttl: 0,
    };
    let e = s.apply(&up("baz"), 0).unwrap();
    assert_eq!(
        (e.action.as_str(), e.index, e.node.modified_index),
        ("update", 2, 2)
    );
    assert_eq!(
        e.prev_node.map(|p| (p.value, p.modified_index)),
        Some(("bar".into(), 1))
    );
    let e = s.apply(&up(""), 0).unwrap();
    assert_eq!((e.index, e.node.value.as_str()), (3, ""));
    let g = get(&mut s, "/foo", false, 0).unwrap();
    assert_eq!((g.index, g.node.value.as_str()), (3, ""));
    s.apply(&create("/dir", "", true, 0), 0).unwrap();
    let r = s.apply(
        &V2Request::Update {
            key: "/dir".into(),
            value: "baz".into(),
            ttl: 0,
        },
        0,
    );
    fails(r, V2ErrorCode::NotFile, "/dir", 4);
}

/// TestStoreUpdateDirTTL: a directory's TTL takes its children with it; the expiry is a
/// change of its own (index 4 after three writes).
#[test]
fn update_dir_ttl() {
    let mut s = V2Store::new(0);
    s.apply(&create("/foo", "", true, 0), 0).unwrap();
    s.apply(&create("/foo/bar", "baz", false, 0), 0).unwrap();
    let e = s
        .apply(
            &V2Request::Update {
                key: "/foo".into(),
                value: String::new(),
                ttl: 1,
            },
            0,
        )
        .unwrap();
    assert_eq!((e.node.dir, e.index), (true, 3));
    assert_eq!(
        get(&mut s, "/foo/bar", false, 500_000).unwrap().node.value,
        "baz"
    );
    fails(
        get(&mut s, "/foo/bar", false, 1_000_000),
        V2ErrorCode::KeyNotFound,
        "/foo",
        4,
    );
}

/// TestStoreDeleteValue, TestStoreDeleteDiretory, TestStoreDeleteDiretoryFailsIfNonRecursiveAndDir.
#[test]
fn delete_value_and_directories() {
    let mut s = V2Store::new(0);
    s.apply(&create("/foo", "bar", false, 0), 0).unwrap();
    let e = s.apply(&delete("/foo", false, false), 0).unwrap();
    assert_eq!((e.action.as_str(), e.index), ("delete", 2));
    assert_eq!(e.prev_node.map(|p| p.value), Some("bar".into()));
    s.apply(&create("/dir", "", true, 0), 0).unwrap();
    fails(
        s.apply(&delete("/dir", false, false), 0),
        V2ErrorCode::NotFile,
        "/dir",
        3,
    );
    let e = s.apply(&delete("/dir", true, false), 0).unwrap();
    assert_eq!((e.index, e.node.dir), (4, true));
    assert_eq!(
        e.prev_node.map(|p| (p.key, p.dir)),
        Some(("/dir".into(), true))
    );
    s.apply(&create("/dir/sub", "", true, 0), 0).unwrap();
    fails(
        s.apply(&delete("/dir", true, false), 0),
        V2ErrorCode::DirNotEmpty,
        "/dir",
        5,
    );
    let e = s.apply(&delete("/dir", false, true), 0).unwrap();
    assert_eq!((e.action.as_str(), e.index), ("delete", 6));
    fails(
        get(&mut s, "/dir/sub", false, 0),
        V2ErrorCode::KeyNotFound,
        "/dir",
        6,
    );
}

/// TestRootRdOnly: set, delete, create, update and compare-and-swap of `/` all fail.
#[test]
fn root_read_only() {
    let mut s = V2Store::new(0);
    let reqs = [
        set("/", "", true),
        delete("/", true, true),
        create("/", "", true, 0),
        V2Request::Update {
            key: "/".into(),
            value: String::new(),
            ttl: 0,
        },
        V2Request::CompareAndSwap {
            key: "/".into(),
            value: String::new(),
            ttl: 0,
            prev_value: String::new(),
            prev_index: 0,
        },
    ];
    for r in &reqs {
        fails(s.apply(r, 0), V2ErrorCode::RootReadOnly, "/", 0);
    }
}

/// TestStoreCompareAndDelete* and TestStoreCompareAndSwap* (prev value, prev index, both
/// failing, and a directory).
#[test]
fn compare_and_delete_and_swap() {
    let mut s = V2Store::new(0);
    s.apply(&create("/foo", "bar", false, 0), 0).unwrap();
    let cad = |v: &str, i: u64| V2Request::CompareAndDelete {
        key: "/foo".into(),
        prev_value: v.into(),
        prev_index: i,
    };
    let cas = |v: &str, i: u64| V2Request::CompareAndSwap {
        key: "/foo".into(),
        value: "baz".into(),
        ttl: 0,
        prev_value: v.into(),
        prev_index: i,
    };
    fails(
        s.apply(&cad("baz", 0), 0),
        V2ErrorCode::TestFailed,
        "[baz != bar]",
        1,
    );
    fails(
        s.apply(&cad("", 100), 0),
        V2ErrorCode::TestFailed,
        "[100 != 1]",
        1,
    );
    fails(
        s.apply(&cas("wrong_value", 0), 0),
        V2ErrorCode::TestFailed,
        "[wrong_value != bar]",
        1,
    );
    fails(
        s.apply(&cas("", 100), 0),
        V2ErrorCode::TestFailed,
        "[100 != 1]",
        1,
    );
    let e = s.apply(&cas("", 1), 0).unwrap();
    assert_eq!(
        (e.action.as_str(), e.index, e.node.value.as_str()),
        ("compareAndSwap", 2, "baz")
    );
    let p = e.prev_node.unwrap();
    assert_eq!(
        (p.value.as_str(), p.created_index, p.modified_index),
        ("bar", 1, 1)
    );
    let e = s.apply(&cad("baz", 2), 0).unwrap();
    assert_eq!((e.action.as_str(), e.index), ("compareAndDelete", 3));
    s.apply(&create("/dir", "", true, 0), 0).unwrap();
    let r = s.apply(
        &V2Request::CompareAndDelete {
            key: "/dir".into(),
            prev_value: String::new(),
            prev_index: 0,
        },
        0,
    );
    fails(r, V2ErrorCode::NotFile, "/dir", 4);
}

/// TestStoreGetDirectory, TestStoreGetSorted: hidden keys are left out of a recursive
/// listing; a TTL node keeps its TTL; children come depth first in key order.
#[test]
fn get_directory() {
    let mut s = V2Store::new(0);
    for (k, v, dir, ttl) in [
        ("/foo", "", true, 0),
        ("/foo/bar", "X", false, 0),
        ("/foo/_hidden", "*", false, 0),
        ("/foo/baz", "", true, 0),
        ("/foo/baz/bat", "Y", false, 0),
        ("/foo/baz/_hidden", "*", false, 0),
        ("/foo/baz/ttl", "Y", false, 3),
    ] {
        s.apply(&create(k, v, dir, ttl), 0).unwrap();
    }
    let e = get(&mut s, "/foo", true, 0).unwrap();
    assert_eq!(
        (e.action.as_str(), e.index, e.node.key.as_str()),
        ("get", 7, "/foo")
    );
    let keys: Vec<_> = e.children.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(
        keys,
        ["/foo/bar", "/foo/baz", "/foo/baz/bat", "/foo/baz/ttl"]
    );
    assert_eq!(e.children[3].ttl, 3);
    let e = get(&mut s, "/foo", false, 0).unwrap();
    assert_eq!(e.children.len(), 2);
}

/// TestStoreWatchExpire's indexes (store_ttl_test.go): three keys expiring at 400, 450 and
/// 500 ms take indexes 4, 5 and 6 in that order.
#[test]
fn expiries_take_indexes_in_order() {
    let mut s = V2Store::new(0);
    s.apply(&create("/foo", "bar", false, 1), 0).unwrap();
    s.apply(&create("/foofoo", "barbarbar", false, 1), 50_000)
        .unwrap();
    s.apply(&create("/foodir", "", true, 1), 100_000).unwrap();
    assert_eq!(s.index(), 3);
    s.expire(1_075_000);
    assert_eq!(s.index(), 5);
    fails(
        get(&mut s, "/foofoo", false, 1_075_000),
        V2ErrorCode::KeyNotFound,
        "/foofoo",
        5,
    );
    assert!(get(&mut s, "/foodir", false, 1_075_000).is_ok());
    s.expire(1_100_000);
    assert_eq!(s.index(), 6);
}
