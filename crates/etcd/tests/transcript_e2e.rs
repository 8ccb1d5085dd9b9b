//! Transcript tests translated from etcd's own end-to-end tests (etcd release-3.5,
//! `tests/e2e/ctl_v3_*_test.go`): the same command sequences, and what etcd's test expects
//! (exact lines; where etcd only checks that the output contains a string, the full
//! transcript here contains it). etcd's tests run with `ETCDCTL_API=3` and, for reads,
//! `--consistency s` unless the test asks for quorum reads.
//!
//! Not translated, because the simulation does not model them: auth/user/role
//! (`ctl_v3_auth*`, `ctl_v3_user`, `ctl_v3_role`, `endpoint health` with auth, defrag
//! with auth), TLS/cert variants (`*ClientTLS`, `*PeerTLS`, `*AutoTLS`, CRL), dial-timeout
//! variants (`*Timeout`), `check perf/datascale`, downgrade, make-mirror, migrate,
//! grpc-proxy/gateway, `--discovery`, `snapshot restore` and etcdutl (data dirs), the
//! corrupted-snapshot check, `TestIssue6361` (restarting a member from a restored data dir),
//! `member update` (peer URL changes are not simulated), defrag of a stopped member's data dir, the alarm test (needs a tiny
//! `--quota-backend-bytes` to fill; no quota is modelled), the protobuf output of
//! `getFormatTest` (raw bytes), and interactive watch (`watch -i`).

mod common;
use common::*;

/// TestCtlV3Put, TestCtlV3PutIgnoreValue, TestCtlV3PutIgnoreLease (ctl_v3_kv_test.go: putTest, putTestIgnoreValue, putTestIgnoreLease).
#[test]
fn put_ignore_value_and_lease() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
etcdctl get foo --consistency s
etcdctl put foo --ignore-value
etcdctl get foo --consistency s
etcdctl lease grant 10
etcdctl put foo bar --lease 5a3f75087e35752e
etcdctl get foo --consistency s
etcdctl put foo bar1 --ignore-lease
etcdctl get foo --consistency s
etcdctl lease revoke 5a3f75087e35752e
etcdctl get key --consistency s
etcdctl get foo --consistency s
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ etcdctl get foo --consistency s
foo
bar
controlplane-1 $ etcdctl put foo --ignore-value
OK
controlplane-1 $ etcdctl get foo --consistency s
foo
bar
controlplane-1 $ etcdctl lease grant 10
lease 5a3f75087e35752e granted with TTL(10s)
controlplane-1 $ etcdctl put foo bar --lease 5a3f75087e35752e
OK
controlplane-1 $ etcdctl get foo --consistency s
foo
bar
controlplane-1 $ etcdctl put foo bar1 --ignore-lease
OK
controlplane-1 $ etcdctl get foo --consistency s
foo
bar1
controlplane-1 $ etcdctl lease revoke 5a3f75087e35752e
lease 5a3f75087e35752e revoked
controlplane-1 $ etcdctl get key --consistency s
controlplane-1 $ etcdctl get foo --consistency s
"#,
    );
}

/// TestCtlV3Get (ctl_v3_kv_test.go: getTest, 10 cases).
#[test]
fn get_ranges_limits_and_sorts() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put key1 val1
etcdctl put key2 val2
etcdctl put key3 val3
etcdctl get key1 --consistency s
etcdctl get "" --prefix --consistency s
etcdctl get "" --from-key --consistency s
etcdctl get key --prefix --consistency s
etcdctl get key --prefix --limit=2 --consistency s
etcdctl get key --prefix --order=ASCEND --sort-by=MODIFY --consistency s
etcdctl get key --prefix --order=ASCEND --sort-by=VERSION --consistency s
etcdctl get key --prefix --sort-by=CREATE --consistency s
etcdctl get key --prefix --order=DESCEND --sort-by=CREATE --consistency s
etcdctl get key --prefix --order=DESCEND --sort-by=KEY --consistency s
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put key1 val1
OK
controlplane-1 $ etcdctl put key2 val2
OK
controlplane-1 $ etcdctl put key3 val3
OK
controlplane-1 $ etcdctl get key1 --consistency s
key1
val1
controlplane-1 $ etcdctl get "" --prefix --consistency s
key1
val1
key2
val2
key3
val3
controlplane-1 $ etcdctl get "" --from-key --consistency s
key1
val1
key2
val2
key3
val3
controlplane-1 $ etcdctl get key --prefix --consistency s
key1
val1
key2
val2
key3
val3
controlplane-1 $ etcdctl get key --prefix --limit=2 --consistency s
key1
val1
key2
val2
controlplane-1 $ etcdctl get key --prefix --order=ASCEND --sort-by=MODIFY --consistency s
key1
val1
key2
val2
key3
val3
controlplane-1 $ etcdctl get key --prefix --order=ASCEND --sort-by=VERSION --consistency s
key1
val1
key2
val2
key3
val3
controlplane-1 $ etcdctl get key --prefix --sort-by=CREATE --consistency s
key1
val1
key2
val2
key3
val3
controlplane-1 $ etcdctl get key --prefix --order=DESCEND --sort-by=CREATE --consistency s
key3
val3
key2
val2
key1
val1
controlplane-1 $ etcdctl get key --prefix --order=DESCEND --sort-by=KEY --consistency s
key3
val3
key2
val2
key1
val1
"#,
    );
}

/// TestCtlV3GetFormat (getFormatTest): simple, --print-value-only, json. The protobuf case is skipped (raw bytes).
#[test]
fn get_formats() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put abc 123
etcdctl get --write-out=simple abc
etcdctl get --write-out=simple --print-value-only abc
etcdctl get --write-out=json abc
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put abc 123
OK
controlplane-1 $ etcdctl get --write-out=simple abc
abc
123
controlplane-1 $ etcdctl get --write-out=simple --print-value-only abc
123
controlplane-1 $ etcdctl get --write-out=json abc
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":2,"raft_term":2},"kvs":[{"key":"YWJj","create_revision":2,"mod_revision":2,"version":1,"value":"MTIz"}],"count":1}
"#,
    );
}

/// TestCtlV3GetRev (getRevTest, 3 cases).
#[test]
fn get_rev() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put key val1
etcdctl put key val2
etcdctl put key val3
etcdctl get key --rev 2 --consistency s
etcdctl get key --rev 3 --consistency s
etcdctl get key --rev 4 --consistency s
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put key val1
OK
controlplane-1 $ etcdctl put key val2
OK
controlplane-1 $ etcdctl put key val3
OK
controlplane-1 $ etcdctl get key --rev 2 --consistency s
key
val1
controlplane-1 $ etcdctl get key --rev 3 --consistency s
key
val2
controlplane-1 $ etcdctl get key --rev 4 --consistency s
key
val3
"#,
    );
}

/// TestCtlV3GetKeysOnly (getKeysOnlyTest): the key, never the value.
#[test]
fn get_keys_only() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put key val
etcdctl get --keys-only key
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put key val
OK
controlplane-1 $ etcdctl get --keys-only key
key

"#,
    );
}

/// TestCtlV3GetCountOnly (getCountOnlyTest, 5 cases).
#[test]
fn get_count_only() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl get --count-only key --prefix --write-out=fields
etcdctl put key val
etcdctl get --count-only key --prefix --write-out=fields
etcdctl put key1 val
etcdctl put key1 val
etcdctl get --count-only key --prefix --write-out=fields
etcdctl put key2 val
etcdctl get --count-only key --prefix --write-out=fields
etcdctl get --count-only key3 --prefix --write-out=fields
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl get --count-only key --prefix --write-out=fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 1
"RaftTerm" : 2
"More" : false
"Count" : 0
controlplane-1 $ etcdctl put key val
OK
controlplane-1 $ etcdctl get --count-only key --prefix --write-out=fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 2
"RaftTerm" : 2
"More" : false
"Count" : 1
controlplane-1 $ etcdctl put key1 val
OK
controlplane-1 $ etcdctl put key1 val
OK
controlplane-1 $ etcdctl get --count-only key --prefix --write-out=fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 4
"RaftTerm" : 2
"More" : false
"Count" : 2
controlplane-1 $ etcdctl put key2 val
OK
controlplane-1 $ etcdctl get --count-only key --prefix --write-out=fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 5
"RaftTerm" : 2
"More" : false
"Count" : 3
controlplane-1 $ etcdctl get --count-only key3 --prefix --write-out=fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 5
"RaftTerm" : 2
"More" : false
"Count" : 0
"#,
    );
}

/// TestCtlV3Del (delTest, 6 cases).
#[test]
fn del_cases() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo1 bar
etcdctl put foo2 bar
etcdctl put foo3 bar
etcdctl del "" --prefix
etcdctl put foo1 bar
etcdctl put foo2 bar
etcdctl put foo3 bar
etcdctl del "" --from-key
etcdctl put this value
etcdctl del that
etcdctl put sample value
etcdctl del sample
etcdctl put key1 val1
etcdctl put key2 val2
etcdctl put key3 val3
etcdctl del key --prefix
etcdctl put zoo1 bar
etcdctl put zoo2 bar2
etcdctl put zoo3 bar3
etcdctl del zoo1 --from-key
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo1 bar
OK
controlplane-1 $ etcdctl put foo2 bar
OK
controlplane-1 $ etcdctl put foo3 bar
OK
controlplane-1 $ etcdctl del "" --prefix
3
controlplane-1 $ etcdctl put foo1 bar
OK
controlplane-1 $ etcdctl put foo2 bar
OK
controlplane-1 $ etcdctl put foo3 bar
OK
controlplane-1 $ etcdctl del "" --from-key
3
controlplane-1 $ etcdctl put this value
OK
controlplane-1 $ etcdctl del that
0
controlplane-1 $ etcdctl put sample value
OK
controlplane-1 $ etcdctl del sample
1
controlplane-1 $ etcdctl put key1 val1
OK
controlplane-1 $ etcdctl put key2 val2
OK
controlplane-1 $ etcdctl put key3 val3
OK
controlplane-1 $ etcdctl del key --prefix
3
controlplane-1 $ etcdctl put zoo1 bar
OK
controlplane-1 $ etcdctl put zoo2 bar2
OK
controlplane-1 $ etcdctl put zoo3 bar3
OK
controlplane-1 $ etcdctl del zoo1 --from-key
3
"#,
    );
}

/// TestCtlV3TxnInteractiveSuccess (ctl_v3_txn_test.go: txnTestSuccess, 3 transactions).
/// `"value \x23"` is read as Go's `strconv.Unquote` reads it: `value #`.
#[test]
fn txn_interactive_success() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put key1 value1
etcdctl put key2 value2
etcdctl txn --interactive
value("key1") != "value2"
value("key2") != "value1"

get key1
get key2


etcdctl txn --interactive
version("key1") = "1"
version("key2") = "1"

get key1
get key2
put "key \"with\" space" "value \x23"

put key1 "fail"
put key2 "fail"

etcdctl txn --interactive
version("key \"with\" space") = "1"

get "key \"with\" space"


"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put key1 value1
OK
controlplane-1 $ etcdctl put key2 value2
OK
controlplane-1 $ etcdctl txn --interactive
compares:
value("key1") != "value2"
value("key2") != "value1"

success requests (get, put, del):
get key1
get key2

failure requests (get, put, del):

SUCCESS

key1
value1

key2
value2
controlplane-1 $ etcdctl txn --interactive
compares:
version("key1") = "1"
version("key2") = "1"

success requests (get, put, del):
get key1
get key2
put "key \"with\" space" "value \x23"

failure requests (get, put, del):
put key1 "fail"
put key2 "fail"

SUCCESS

key1
value1

key2
value2

OK
controlplane-1 $ etcdctl txn --interactive
compares:
version("key \"with\" space") = "1"

success requests (get, put, del):
get "key \"with\" space"

failure requests (get, put, del):

SUCCESS

key "with" space
value #
"#,
    );
}

/// TestCtlV3TxnInteractiveFail (txnTestFail, 2 transactions).
#[test]
fn txn_interactive_fail() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put key1 value1
etcdctl txn --interactive
version("key") < "0"

put key "success"

put key "fail"

etcdctl txn --interactive
value("key1") != "value1"

put key1 "success"

put key1 "fail"

"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put key1 value1
OK
controlplane-1 $ etcdctl txn --interactive
compares:
version("key") < "0"

success requests (get, put, del):
put key "success"

failure requests (get, put, del):
put key "fail"

FAILURE

OK
controlplane-1 $ etcdctl txn --interactive
compares:
value("key1") != "value1"

success requests (get, put, del):
put key1 "success"

failure requests (get, put, del):
put key1 "fail"

FAILURE

OK
"#,
    );
}

/// TestCtlV3LeaseGrantTimeToLive, TestCtlV3LeaseGrantLeases, TestCtlV3LeaseTestTimeToLiveExpired,
/// TestCtlV3LeaseKeepAlive, TestCtlV3LeaseKeepAliveOnce, TestCtlV3LeaseRevoke (ctl_v3_lease_test.go).
#[test]
fn lease_grant_list_expire_keepalive_revoke() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lease grant 10
etcdctl lease timetolive 5a3f75087e35752e --keys
etcdctl lease list
etcdctl lease grant 3
etcdctl put key val --lease 7032b25097d368e4
@tick 4
etcdctl lease timetolive 7032b25097d368e4
etcdctl get key --consistency s
etcdctl put key val --lease 5a3f75087e35752e
etcdctl lease keep-alive 5a3f75087e35752e
@tick 1
^C
etcdctl lease keep-alive --once 5a3f75087e35752e
etcdctl get key --consistency s
etcdctl lease revoke 5a3f75087e35752e
etcdctl get key --consistency s
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lease grant 10
lease 5a3f75087e35752e granted with TTL(10s)
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e --keys
lease 5a3f75087e35752e granted with TTL(10s), remaining(9s), attached keys([])
controlplane-1 $ etcdctl lease list
found 1 leases
5a3f75087e35752e
controlplane-1 $ etcdctl lease grant 3
lease 7032b25097d368e4 granted with TTL(3s)
controlplane-1 $ etcdctl put key val --lease 7032b25097d368e4
OK
controlplane-1 $ etcdctl lease timetolive 7032b25097d368e4
lease 7032b25097d368e4 already expired
controlplane-1 $ etcdctl get key --consistency s
controlplane-1 $ etcdctl put key val --lease 5a3f75087e35752e
OK
controlplane-1 $ etcdctl lease keep-alive 5a3f75087e35752e
lease 5a3f75087e35752e keepalived with TTL(10)
^C
[exit 130]
controlplane-1 $ etcdctl lease keep-alive --once 5a3f75087e35752e
lease 5a3f75087e35752e keepalived with TTL(10)
controlplane-1 $ etcdctl get key --consistency s
key
val
controlplane-1 $ etcdctl lease revoke 5a3f75087e35752e
lease 5a3f75087e35752e revoked
controlplane-1 $ etcdctl get key --consistency s
"#,
    );
}

/// TestCtlV3Compact, TestCtlV3CompactPhysical (ctl_v3_compact_test.go: compactTest).
#[test]
fn compact() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl compact 2
etcdctl put key val1
etcdctl put key val2
etcdctl put key val3
etcdctl get key --rev 3 --consistency s
etcdctl compact 4
etcdctl get key --rev 3 --consistency s
etcdctl compact 2
etcdctl compact 4 --physical
etcdctl compact 5 --physical
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl compact 2
2> Error: etcdserver: mvcc: required revision is a future revision
[exit 1]
controlplane-1 $ etcdctl put key val1
OK
controlplane-1 $ etcdctl put key val2
OK
controlplane-1 $ etcdctl put key val3
OK
controlplane-1 $ etcdctl get key --rev 3 --consistency s
key
val2
controlplane-1 $ etcdctl compact 4
compacted revision 4
controlplane-1 $ etcdctl get key --rev 3 --consistency s
2> Error: etcdserver: mvcc: required revision has been compacted
[exit 1]
controlplane-1 $ etcdctl compact 2
2> Error: etcdserver: mvcc: required revision has been compacted
[exit 1]
controlplane-1 $ etcdctl compact 4 --physical
2> Error: etcdserver: mvcc: required revision has been compacted
[exit 1]
controlplane-1 $ etcdctl compact 5 --physical
2> Error: etcdserver: mvcc: required revision is a future revision
[exit 1]
"#,
    );
}

/// TestCtlV3Defrag (ctl_v3_defrag_test.go: maintenanceInitKeys, compact 4, defrag on every endpoint).
#[test]
fn defrag() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put key val1
etcdctl put key val2
etcdctl put key val3
etcdctl compact 4
etcdctl defrag
etcdctl --endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379 defrag
etcdctl defrag --cluster
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put key val1
OK
controlplane-1 $ etcdctl put key val2
OK
controlplane-1 $ etcdctl put key val3
OK
controlplane-1 $ etcdctl compact 4
compacted revision 4
controlplane-1 $ etcdctl defrag
Finished defragmenting etcd member[127.0.0.1:2379]
controlplane-1 $ etcdctl --endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379 defrag
Finished defragmenting etcd member[10.240.0.10:2379]
Finished defragmenting etcd member[10.240.0.11:2379]
Finished defragmenting etcd member[10.240.0.12:2379]
controlplane-1 $ etcdctl defrag --cluster
Finished defragmenting etcd member[https://10.240.0.11:2379]
Finished defragmenting etcd member[https://10.240.0.12:2379]
Finished defragmenting etcd member[https://10.240.0.10:2379]
"#,
    );
}

/// TestCtlV3MoveLeaderScenarios (ctl_v3_move_leader_test.go): to a follower, to the leader, to all endpoints.
#[test]
fn move_leader() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl endpoint status --cluster
etcdctl --endpoints=10.240.0.11:2379 move-leader 2c0e0fedbe2218a8
etcdctl --endpoints=10.240.0.10:2379 move-leader 2c0e0fedbe2218a8
etcdctl --endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379 move-leader eaeb7f27b54e2401
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl endpoint status --cluster
https://10.240.0.11:2379, 2c0e0fedbe2218a8, 3.5.9, 20 kB, false, false, 2, 9, 9, 
https://10.240.0.12:2379, 89242d2dd9d4a40d, 3.5.9, 20 kB, false, false, 2, 9, 9, 
https://10.240.0.10:2379, eaeb7f27b54e2401, 3.5.9, 20 kB, true, false, 2, 9, 9, 
controlplane-1 $ etcdctl --endpoints=10.240.0.11:2379 move-leader 2c0e0fedbe2218a8
2> Error: no leader endpoint given at [10.240.0.11:2379]
[exit 128]
controlplane-1 $ etcdctl --endpoints=10.240.0.10:2379 move-leader 2c0e0fedbe2218a8
Leadership transferred from eaeb7f27b54e2401 to 2c0e0fedbe2218a8
controlplane-1 $ etcdctl --endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379 move-leader eaeb7f27b54e2401
Leadership transferred from 2c0e0fedbe2218a8 to eaeb7f27b54e2401
"#,
    );
}

/// TestCtlV3Snapshot (snapshotTest): revision 5, at least 4 keys. Restore is not simulated.
#[test]
fn snapshot_save_status() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put key val1
etcdctl put key val2
etcdctl put key val3
etcdctl lease grant 100
etcdctl put withlease withlease --lease 5a3f75087e35752e
etcdctl snapshot save snapshot
etcdctl --write-out json snapshot status snapshot
etcdctl snapshot restore --data-dir /tmp/restored snapshot
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put key val1
OK
controlplane-1 $ etcdctl put key val2
OK
controlplane-1 $ etcdctl put key val3
OK
controlplane-1 $ etcdctl lease grant 100
lease 5a3f75087e35752e granted with TTL(100s)
controlplane-1 $ etcdctl put withlease withlease --lease 5a3f75087e35752e
OK
controlplane-1 $ etcdctl snapshot save snapshot
2> {"level":"info","ts":"2018-07-24T00:00:00.009Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"snapshot.part"}
2> {"level":"info","ts":"2018-07-24T00:00:00.0102Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:00.01025Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"127.0.0.1:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:00.010496Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:00.010896Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"127.0.0.1:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:00.010996Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"snapshot"}
Snapshot saved at snapshot
controlplane-1 $ etcdctl --write-out json snapshot status snapshot
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
{"hash":175059898,"revision":5,"totalKey":13,"totalSize":24576}
controlplane-1 $ etcdctl snapshot restore --data-dir /tmp/restored snapshot
2> Error: this command is not available in the simulated cluster
[exit 1]
"#,
    );
}

/// TestCtlV3Lock (ctl_v3_lock_test.go: testLock): the holder prints `a/<lease>`, two more block;
/// the blocked one is stopped cleanly, then the holder, and the third gets a different key.
/// Then `lock a echo` (testLockWithCmd's zero-exit command).
#[test]
fn lock_holder_blocked_and_next() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lock a &
etcdctl lock a &
etcdctl lock a &
@tick 1
kill %2
kill %1
@tick 1
jobs
kill %3
etcdctl lock a echo
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lock a &
[1] 2288
a/5a3f75087e35752e

controlplane-1 $ etcdctl lock a &
[2] 2295
controlplane-1 $ etcdctl lock a &
[3] 2302
controlplane-1 $ kill %2
2> Error: context canceled
[2]+  Exit 1                  etcdctl lock a
controlplane-1 $ kill %1
a/26ca1a02f9063aae

[1]+  Done                    etcdctl lock a
controlplane-1 $ jobs
[3]+  Running                 etcdctl lock a &
controlplane-1 $ kill %3
[3]+  Done                    etcdctl lock a
controlplane-1 $ etcdctl lock a echo

"#,
    );
}

/// TestCtlV3Elect (ctl_v3_elect_test.go: testElect), the same steps with proposals p1, p2, p2.
#[test]
fn elect_holder_blocked_and_next() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl elect a p1 &
etcdctl elect a p2 &
etcdctl elect a p2 &
@tick 1
kill %2
kill %1
@tick 1
jobs
kill %3
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl elect a p1 &
[1] 2288
a/5a3f75087e35752e
p1
controlplane-1 $ etcdctl elect a p2 &
[2] 2295
controlplane-1 $ etcdctl elect a p2 &
[3] 2302
controlplane-1 $ kill %2
2> Error: context canceled
[2]+  Exit 1                  etcdctl elect a p2
controlplane-1 $ kill %1
a/26ca1a02f9063aae
p2
[1]+  Done                    etcdctl elect a p1
controlplane-1 $ jobs
[3]+  Running                 etcdctl elect a p2 &
controlplane-1 $ kill %3
[3]+  Done                    etcdctl elect a p2
"#,
    );
}
/// TestCtlV3Watch (ctl_v3_watch_no_cov_test.go: watchTest, the 9 single-key cases).
#[test]
fn watch_one_key() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put sample value
etcdctl watch sample --rev 1
^C
ETCDCTL_WATCH_KEY=sample etcdctl watch --rev 1
^C
etcdctl watch sample --rev 1 -- env
^C
ETCDCTL_WATCH_KEY=sample etcdctl watch --rev 1 -- echo watch event received
^C
etcdctl watch --rev 1 sample -- echo watch event received
^C
etcdctl watch --rev 1 sample -- echo "\"Hello World!\""
^C
etcdctl watch sample samplx --rev 1 -- echo watch event received
^C
ETCDCTL_WATCH_KEY=sample ETCDCTL_WATCH_RANGE_END=samplx etcdctl watch --rev 1 -- echo watch event received
^C
etcdctl watch sample --rev 1 samplx -- echo watch event received
^C
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put sample value
OK
controlplane-1 $ etcdctl watch sample --rev 1
PUT
sample
value
^C
[exit 130]
controlplane-1 $ ETCDCTL_WATCH_KEY=sample etcdctl watch --rev 1
PUT
sample
value
^C
[exit 130]
controlplane-1 $ etcdctl watch sample --rev 1 -- env
PUT
sample
value
ETCDCTL_API=3
ETCD_WATCH_EVENT_TYPE="PUT"
ETCD_WATCH_KEY="sample"
ETCD_WATCH_REVISION=2
ETCD_WATCH_VALUE="value"
HOME=/home/student
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
SHELL=/bin/bash
USER=student
^C
[exit 130]
controlplane-1 $ ETCDCTL_WATCH_KEY=sample etcdctl watch --rev 1 -- echo watch event received
PUT
sample
value
watch event received
^C
[exit 130]
controlplane-1 $ etcdctl watch --rev 1 sample -- echo watch event received
PUT
sample
value
watch event received
^C
[exit 130]
controlplane-1 $ etcdctl watch --rev 1 sample -- echo "\"Hello World!\""
PUT
sample
value
"Hello World!"
^C
[exit 130]
controlplane-1 $ etcdctl watch sample samplx --rev 1 -- echo watch event received
PUT
sample
value
watch event received
^C
[exit 130]
controlplane-1 $ ETCDCTL_WATCH_KEY=sample ETCDCTL_WATCH_RANGE_END=samplx etcdctl watch --rev 1 -- echo watch event received
PUT
sample
value
watch event received
^C
[exit 130]
controlplane-1 $ etcdctl watch sample --rev 1 samplx -- echo watch event received
PUT
sample
value
watch event received
^C
[exit 130]
"#,
    );
}

/// TestCtlV3Watch (watchTest, the 5 prefix, revision and range cases).
#[test]
fn watch_prefix_rev_range() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put key1 val1
etcdctl put key2 val2
etcdctl put key3 val3
etcdctl watch key --rev 1 --prefix
^C
ETCDCTL_WATCH_KEY=key etcdctl watch --rev 1 --prefix
^C
etcdctl put etcd revision_1
etcdctl put etcd revision_2
etcdctl put etcd revision_3
etcdctl watch etcd --rev 6
^C
etcdctl watch key key3 --rev 1
^C
ETCDCTL_WATCH_KEY=key ETCDCTL_WATCH_RANGE_END=key3 etcdctl watch --rev 1
^C
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put key1 val1
OK
controlplane-1 $ etcdctl put key2 val2
OK
controlplane-1 $ etcdctl put key3 val3
OK
controlplane-1 $ etcdctl watch key --rev 1 --prefix
PUT
key1
val1
PUT
key2
val2
PUT
key3
val3
^C
[exit 130]
controlplane-1 $ ETCDCTL_WATCH_KEY=key etcdctl watch --rev 1 --prefix
PUT
key1
val1
PUT
key2
val2
PUT
key3
val3
^C
[exit 130]
controlplane-1 $ etcdctl put etcd revision_1
OK
controlplane-1 $ etcdctl put etcd revision_2
OK
controlplane-1 $ etcdctl put etcd revision_3
OK
controlplane-1 $ etcdctl watch etcd --rev 6
PUT
etcd
revision_2
PUT
etcd
revision_3
^C
[exit 130]
controlplane-1 $ etcdctl watch key key3 --rev 1
PUT
key1
val1
PUT
key2
val2
^C
[exit 130]
controlplane-1 $ ETCDCTL_WATCH_KEY=key ETCDCTL_WATCH_RANGE_END=key3 etcdctl watch --rev 1
PUT
key1
val1
PUT
key2
val2
^C
[exit 130]
"#,
    );
}

/// watch_command.go's parseWatchArgs/getWatchChan/printWatchCh errors (release-3.5), which
/// TestCtlV3Watch's cases rely on: bad argument counts, env conflicts, a failing command.
#[test]
fn watch_argument_errors_and_failing_command() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put sample value
etcdctl watch
etcdctl watch a b --prefix
etcdctl watch sample --
ETCDCTL_WATCH_KEY=sample etcdctl watch sample
ETCDCTL_WATCH_KEY=sample etcdctl watch sample -- echo hi
ETCDCTL_WATCH_RANGE_END=x etcdctl watch sample
etcdctl watch sample --rev 1 -- false
etcdctl watch sample --rev 1 -- nosuch
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put sample value
OK
controlplane-1 $ etcdctl watch
2> Error: bad number of arguments
[exit 128]
controlplane-1 $ etcdctl watch a b --prefix
2> Error: `range_end` and `--prefix` are mutually exclusive
[exit 128]
controlplane-1 $ etcdctl watch sample --
2> Error: bad number of arguments (found separator --, but no commands)
[exit 128]
controlplane-1 $ ETCDCTL_WATCH_KEY=sample etcdctl watch sample
2> Error: bad number of arguments (found conflicting environment key)
[exit 128]
controlplane-1 $ ETCDCTL_WATCH_KEY=sample etcdctl watch sample -- echo hi
2> Error: bad number of arguments (found conflicting environment key)
[exit 128]
controlplane-1 $ ETCDCTL_WATCH_RANGE_END=x etcdctl watch sample
2> Error: ETCDCTL_WATCH_KEY is empty but got ETCDCTL_WATCH_RANGE_END="x"
[exit 128]
controlplane-1 $ etcdctl watch sample --rev 1 -- false
PUT
sample
value
2> command ["false"] error (exit status 1)
[exit 1]
controlplane-1 $ etcdctl watch sample --rev 1 -- nosuch
PUT
sample
value
2> command ["nosuch"] error (exec: "nosuch": executable file not found in $PATH)
[exit 1]
"#,
    );
}
/// TestCtlV3MemberList, TestCtlV3MemberListWithHex, TestCtlV3EndpointHealth, TestCtlV3EndpointStatus,
/// TestCtlV3MemberAdd, TestCtlV3MemberAddForLearner, TestCtlV3MemberRemove, TestCtlV3Version.
#[test]
fn member_and_endpoint() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl member list
etcdctl --write-out json member list
etcdctl --write-out json --hex member list
etcdctl endpoint health
etcdctl endpoint status
etcdctl --endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379 endpoint health
etcdctl --endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379 endpoint status
etcdctl member add newmember --peer-urls=http://localhost:20011
etcdctl member add newmember2 --peer-urls=http://localhost:20012 --learner
etcdctl member remove 89242d2dd9d4a40d
etcdctl version
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl member list
2c0e0fedbe2218a8, started, controlplane-2, https://10.240.0.11:2380, https://10.240.0.11:2379, false
89242d2dd9d4a40d, started, controlplane-3, https://10.240.0.12:2380, https://10.240.0.12:2379, false
eaeb7f27b54e2401, started, controlplane-1, https://10.240.0.10:2380, https://10.240.0.10:2379, false
controlplane-1 $ etcdctl --write-out json member list
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"raft_term":2},"members":[{"ID":3174492301114349736,"name":"controlplane-2","peerURLs":["https://10.240.0.11:2380"],"clientURLs":["https://10.240.0.11:2379"]},{"ID":9882073157309080589,"name":"controlplane-3","peerURLs":["https://10.240.0.12:2380"],"clientURLs":["https://10.240.0.12:2379"]},{"ID":16927763432924390401,"name":"controlplane-1","peerURLs":["https://10.240.0.10:2380"],"clientURLs":["https://10.240.0.10:2379"]}]}
controlplane-1 $ etcdctl --write-out json --hex member list
{"header":{"cluster_id":"7b0347b0f67446d0","member_id":"eaeb7f27b54e2401","raft_term":2},"members":[{"ID":"2c0e0fedbe2218a8","name":"controlplane-2","peerURLs":["https://10.240.0.11:2380"],"clientURLS":["https://10.240.0.11:2379"]},{"ID":"89242d2dd9d4a40d","name":"controlplane-3","peerURLs":["https://10.240.0.12:2380"],"clientURLS":["https://10.240.0.12:2379"]},{"ID":"eaeb7f27b54e2401","name":"controlplane-1","peerURLs":["https://10.240.0.10:2380"],"clientURLS":["https://10.240.0.10:2379"]}]}
controlplane-1 $ etcdctl endpoint health
2> 127.0.0.1:2379 is healthy: successfully committed proposal: took = 1.8ms
controlplane-1 $ etcdctl endpoint status
127.0.0.1:2379, eaeb7f27b54e2401, 3.5.9, 20 kB, true, false, 2, 9, 9, 
controlplane-1 $ etcdctl --endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379 endpoint health
2> 10.240.0.10:2379 is healthy: successfully committed proposal: took = 1.8ms
2> 10.240.0.11:2379 is healthy: successfully committed proposal: took = 1.8ms
2> 10.240.0.12:2379 is healthy: successfully committed proposal: took = 1.8ms
controlplane-1 $ etcdctl --endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379 endpoint status
10.240.0.10:2379, eaeb7f27b54e2401, 3.5.9, 20 kB, true, false, 2, 9, 9, 
10.240.0.11:2379, 2c0e0fedbe2218a8, 3.5.9, 20 kB, false, false, 2, 9, 9, 
10.240.0.12:2379, 89242d2dd9d4a40d, 3.5.9, 20 kB, false, false, 2, 9, 9, 
controlplane-1 $ etcdctl member add newmember --peer-urls=http://localhost:20011
Member 6855ce5643eec108 added to cluster 7b0347b0f67446d0

ETCD_NAME="newmember"
ETCD_INITIAL_CLUSTER="controlplane-2=https://10.240.0.11:2380,newmember=http://localhost:20011,controlplane-3=https://10.240.0.12:2380,controlplane-1=https://10.240.0.10:2380"
ETCD_INITIAL_ADVERTISE_PEER_URLS="http://localhost:20011"
ETCD_INITIAL_CLUSTER_STATE="existing"
controlplane-1 $ etcdctl member add newmember2 --peer-urls=http://localhost:20012 --learner
Member 35e76b2eb1a96a71 added to cluster 7b0347b0f67446d0

ETCD_NAME="newmember2"
ETCD_INITIAL_CLUSTER="controlplane-2=https://10.240.0.11:2380,newmember2=http://localhost:20012,=http://localhost:20011,controlplane-3=https://10.240.0.12:2380,controlplane-1=https://10.240.0.10:2380"
ETCD_INITIAL_ADVERTISE_PEER_URLS="http://localhost:20012"
ETCD_INITIAL_CLUSTER_STATE="existing"
controlplane-1 $ etcdctl member remove 89242d2dd9d4a40d
Member 89242d2dd9d4a40d removed from cluster 7b0347b0f67446d0
controlplane-1 $ etcdctl version
etcdctl version: 3.5.9
API version: 3.5
"#,
    );
}
