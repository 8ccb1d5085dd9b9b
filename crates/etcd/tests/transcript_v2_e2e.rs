//! Transcript tests translated from etcd's own tests of etcdctl v2 (etcd 3.3/3.4:
//! `e2e/ctl_v2_test.go`, `tests/e2e/ctl_v2_test.go`) and of the v2 store behind it
//! (`store/store_test.go`), driven through the terminal as a student would type them. etcd's
//! e2e tests only check that the output contains a string; the full transcripts here contain
//! it. Causes and indexes follow etcd 3.3's store (`store/store.go`) and v2 HTTP API, which
//! strips the `/1` key-space prefix from keys and causes. A fresh cluster's etcd index is 7
//! (membership writes), so the first write here gets index 8.
//!
//! Not translated, because the simulation does not model them: TLS variants (`*TLS`,
//! `*ClientTLS`, `*PeerTLS`), proxies (`*WithProxy`), auth (`TestCtlV2GetRoleUser`,
//! `TestCtlV2UserList*`, `TestCtlV2RoleList`, `TestCtlV2AuthWithCommonName`), backup
//! (`TestCtlV2Backup*`, data dirs), v2 watch (`TestCtlV2Watch*`: transcript_docs_v2.rs
//! covers the same with READMEv2's examples; the store's `TestStoreWatch*`), save/recover
//! (`TestStoreRecover*`), `TestStoreRefresh` (`--ttl` refresh without a value is not offered
//! by etcdctl v2), and `TestMinExpireTime` (fake clocks).

mod common;
use common::*;

const EPS: &str =
    "--endpoints https://10.240.0.10:2379,https://10.240.0.11:2379,https://10.240.0.12:2379";

fn with_endpoints(s: &str) -> String {
    s.replace("etcdctl ", &format!("etcdctl {EPS} "))
}

/// TestCtlV2Set, TestCtlV2SetQuorum (ctl_v2_test.go: etcdctlSet, etcdctlGet with and
/// without `--quorum`), with the test's `--endpoints` list of every member.
#[test]
fn set_then_get() {
    let mut t = term();
    check(
        &mut t,
        &with_endpoints(
            r#"
etcdctl set foo bar
etcdctl get foo
etcdctl get foo --quorum
"#,
        ),
        &with_endpoints(
            r#"
controlplane-1 $ etcdctl set foo bar
bar
controlplane-1 $ etcdctl get foo
bar
controlplane-1 $ etcdctl get foo --quorum
bar
"#,
        ),
    );
}

/// TestCtlV2Mk, TestCtlV2MkQuorum (ctl_v2_test.go: etcdctlMk first and second time).
#[test]
fn mk_twice() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mk foo bar
etcdctl mk foo bar
etcdctl get foo
etcdctl get foo --quorum
"#,
        r#"
controlplane-1 $ etcdctl mk foo bar
bar
controlplane-1 $ etcdctl mk foo bar
2> Error:  105: Key already exists (/foo) [8]
[exit 4]
controlplane-1 $ etcdctl get foo
bar
controlplane-1 $ etcdctl get foo --quorum
bar
"#,
    );
}

/// TestCtlV2Rm (ctl_v2_test.go: etcdctlRm first and second time).
#[test]
fn rm_twice() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl set foo bar
etcdctl rm foo
etcdctl rm foo
"#,
        r#"
controlplane-1 $ etcdctl set foo bar
bar
controlplane-1 $ etcdctl rm foo
PrevNode.Value: bar
controlplane-1 $ etcdctl rm foo
2> Error:  100: Key not found (/foo) [9]
[exit 4]
"#,
    );
}

/// TestCtlV2Ls, TestCtlV2LsQuorum (ctl_v2_test.go: etcdctlLs).
#[test]
fn ls_after_set() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl set foo bar
etcdctl ls
etcdctl ls --quorum
"#,
        r#"
controlplane-1 $ etcdctl set foo bar
bar
controlplane-1 $ etcdctl ls
/foo
controlplane-1 $ etcdctl ls --quorum
/foo
"#,
    );
}

/// TestCtlV2ClusterHealth (tests/e2e/ctl_v2_test.go, etcd 3.4): healthy, then one member
/// stopped (degraded, once a leader is elected), then two (unavailable, exit 5).
#[test]
fn cluster_health_healthy_degraded_unavailable() {
    let mut t = term();
    check(
        &mut t,
        &with_endpoints(
            r#"
etcdctl cluster-health
systemctl stop etcd
sleep 3
etcdctl cluster-health
ssh controlplane-2
systemctl stop etcd
exit
etcdctl cluster-health
"#,
        ),
        &with_endpoints(
            r#"
controlplane-1 $ etcdctl cluster-health
member 2c0e0fedbe2218a8 is healthy: got healthy result from https://10.240.0.11:2379
member 89242d2dd9d4a40d is healthy: got healthy result from https://10.240.0.12:2379
member eaeb7f27b54e2401 is healthy: got healthy result from https://10.240.0.10:2379
cluster is healthy
controlplane-1 $ systemctl stop etcd
controlplane-1 $ sleep 3
controlplane-1 $ etcdctl cluster-health
member 2c0e0fedbe2218a8 is healthy: got healthy result from https://10.240.0.11:2379
member 89242d2dd9d4a40d is healthy: got healthy result from https://10.240.0.12:2379
failed to check the health of member eaeb7f27b54e2401 on https://10.240.0.10:2379: Get https://10.240.0.10:2379/health: dial tcp 10.240.0.10:2379: getsockopt: connection refused
member eaeb7f27b54e2401 is unreachable: [https://10.240.0.10:2379] are all unreachable
cluster is degraded
controlplane-1 $ ssh controlplane-2
controlplane-2 $ systemctl stop etcd
controlplane-2 $ exit
logout
2> Connection to controlplane-2 closed.
controlplane-1 $ etcdctl cluster-health
failed to check the health of member 2c0e0fedbe2218a8 on https://10.240.0.11:2379: Get https://10.240.0.11:2379/health: dial tcp 10.240.0.11:2379: getsockopt: connection refused
member 2c0e0fedbe2218a8 is unreachable: [https://10.240.0.11:2379] are all unreachable
member 89242d2dd9d4a40d is unhealthy: got unhealthy result from https://10.240.0.12:2379
failed to check the health of member eaeb7f27b54e2401 on https://10.240.0.10:2379: Get https://10.240.0.10:2379/health: dial tcp 10.240.0.10:2379: getsockopt: connection refused
member eaeb7f27b54e2401 is unreachable: [https://10.240.0.10:2379] are all unreachable
cluster is unavailable
[exit 5]
"#,
        ),
    );
}

/// TestSet (store_test.go): set an empty value, replace it twice (the previous node each
/// time), then a directory; printed with `-o json` and `-o extended`.
#[test]
fn store_set() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl -o json set /foo ""
etcdctl -o json set /foo bar
etcdctl -o extended set /foo baz
etcdctl setdir /dir
etcdctl ls -p
"#,
        r#"
controlplane-1 $ etcdctl -o json set /foo ""
{"action":"set","node":{"key":"/foo","value":"","nodes":null,"createdIndex":8,"modifiedIndex":8},"prevNode":null}
controlplane-1 $ etcdctl -o json set /foo bar
{"action":"set","node":{"key":"/foo","value":"bar","nodes":null,"createdIndex":9,"modifiedIndex":9},"prevNode":{"key":"/foo","value":"","nodes":null,"createdIndex":8,"modifiedIndex":8}}
controlplane-1 $ etcdctl -o extended set /foo baz
Key: /foo
Created-Index: 10
Modified-Index: 10
PrevNode.Value: bar
TTL: 0
Index: 10

baz
controlplane-1 $ etcdctl setdir /dir
controlplane-1 $ etcdctl ls -p
/dir/
/foo
"#,
    );
}

/// TestStoreCreateValue, TestStoreCreateDirectory, TestStoreCreateFailsIfExists
/// (store_test.go): `mk` of a value and of an empty value, `mkdir`, and `mkdir` again.
#[test]
fn store_create() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl -o json mk /foo bar
etcdctl -o json mk /empty ""
etcdctl mkdir /dir
etcdctl mkdir /dir
etcdctl mk /foo/bar/bar bar
"#,
        r#"
controlplane-1 $ etcdctl -o json mk /foo bar
{"action":"create","node":{"key":"/foo","value":"bar","nodes":null,"createdIndex":8,"modifiedIndex":8},"prevNode":null}
controlplane-1 $ etcdctl -o json mk /empty ""
{"action":"create","node":{"key":"/empty","value":"","nodes":null,"createdIndex":9,"modifiedIndex":9},"prevNode":null}
controlplane-1 $ etcdctl mkdir /dir
controlplane-1 $ etcdctl mkdir /dir
2> Error:  105: Key already exists (/dir) [10]
[exit 4]
controlplane-1 $ etcdctl mk /foo/bar/bar bar
2> Error:  104: Not a directory (/foo) [10]
[exit 4]
"#,
    );
}

/// TestStoreUpdateValue, TestStoreUpdateFailsIfDirectory (store_test.go): update a value,
/// update it to "", and try to give a directory a value.
#[test]
fn store_update() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mk /foo bar
etcdctl -o json update /foo baz
etcdctl -o json update /foo ""
etcdctl get /foo
etcdctl mkdir /dir
etcdctl update /dir baz
etcdctl update /nope/x baz
"#,
        r#"
controlplane-1 $ etcdctl mk /foo bar
bar
controlplane-1 $ etcdctl -o json update /foo baz
{"action":"update","node":{"key":"/foo","value":"baz","nodes":null,"createdIndex":8,"modifiedIndex":9},"prevNode":{"key":"/foo","value":"bar","nodes":null,"createdIndex":8,"modifiedIndex":8}}
controlplane-1 $ etcdctl -o json update /foo ""
{"action":"update","node":{"key":"/foo","value":"","nodes":null,"createdIndex":8,"modifiedIndex":10},"prevNode":{"key":"/foo","value":"baz","nodes":null,"createdIndex":8,"modifiedIndex":9}}
controlplane-1 $ etcdctl get /foo

controlplane-1 $ etcdctl mkdir /dir
controlplane-1 $ etcdctl update /dir baz
2> Error:  102: Not a file (/dir) [11]
[exit 4]
controlplane-1 $ etcdctl update /nope/x baz
2> Error:  100: Key not found (/nope) [11]
[exit 4]
"#,
    );
}

/// TestStoreUpdateValueTTL, TestStoreUpdateDirTTL (store_test.go): a TTL given by `update`
/// or `updatedir` expires the key, or the directory with everything under it.
#[test]
fn store_update_ttl() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mk /foo bar
etcdctl update --ttl 1 /foo baz
etcdctl get /foo
sleep 2
etcdctl get /foo
etcdctl mkdir /dir
etcdctl set /dir/bar baz
etcdctl updatedir --ttl 1 /dir
etcdctl get /dir/bar
sleep 2
etcdctl get /dir/bar
"#,
        r#"
controlplane-1 $ etcdctl mk /foo bar
bar
controlplane-1 $ etcdctl update --ttl 1 /foo baz
baz
controlplane-1 $ etcdctl get /foo
baz
controlplane-1 $ sleep 2
controlplane-1 $ etcdctl get /foo
2> Error:  100: Key not found (/foo) [10]
[exit 4]
controlplane-1 $ etcdctl mkdir /dir
controlplane-1 $ etcdctl set /dir/bar baz
baz
controlplane-1 $ etcdctl updatedir --ttl 1 /dir
controlplane-1 $ etcdctl get /dir/bar
baz
controlplane-1 $ sleep 2
controlplane-1 $ etcdctl get /dir/bar
2> Error:  100: Key not found (/dir) [14]
[exit 4]
"#,
    );
}

/// TestStoreDeleteValue, TestStoreDeleteDiretory,
/// TestStoreDeleteDiretoryFailsIfNonRecursiveAndDir (store_test.go): a value, an empty
/// directory (`rmdir`), a non-empty one (`rmdir` fails, `rm --recursive` works), and `rm`
/// of a directory without `--dir`.
#[test]
fn store_delete() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mk /foo bar
etcdctl -o json rm /foo
etcdctl mkdir /dir
etcdctl rmdir /dir
etcdctl mkdir /dir/sub
etcdctl rmdir /dir
etcdctl rm /dir
etcdctl rm --dir /dir
etcdctl rm --recursive /dir
etcdctl ls
"#,
        r#"
controlplane-1 $ etcdctl mk /foo bar
bar
controlplane-1 $ etcdctl -o json rm /foo
{"action":"delete","node":{"key":"/foo","value":"","nodes":null,"createdIndex":8,"modifiedIndex":9},"prevNode":{"key":"/foo","value":"bar","nodes":null,"createdIndex":8,"modifiedIndex":8}}
controlplane-1 $ etcdctl mkdir /dir
controlplane-1 $ etcdctl rmdir /dir
controlplane-1 $ etcdctl mkdir /dir/sub
controlplane-1 $ etcdctl rmdir /dir
2> Error:  108: Directory not empty (/dir) [12]
[exit 4]
controlplane-1 $ etcdctl rm /dir
2> Error:  102: Not a file (/dir) [12]
[exit 4]
controlplane-1 $ etcdctl rm --dir /dir
2> Error:  108: Directory not empty (/dir) [12]
[exit 4]
controlplane-1 $ etcdctl rm --recursive /dir
controlplane-1 $ etcdctl ls
"#,
    );
}

/// TestRootRdOnly (store_test.go): every write to `/` fails with `107: Root is read only`;
/// compare-and-delete has no such check and finds a directory (the cause is the store's
/// `/1`, stripped to nothing by the v2 API).
#[test]
fn store_root_read_only() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl setdir /
etcdctl rm --recursive /
etcdctl mkdir /
etcdctl update / x
etcdctl set / x --swap-with-value y
etcdctl rm / --with-value y
etcdctl get /
"#,
        r#"
controlplane-1 $ etcdctl setdir /
2> Error:  107: Root is read only (/) [7]
[exit 4]
controlplane-1 $ etcdctl rm --recursive /
2> Error:  107: Root is read only (/) [7]
[exit 4]
controlplane-1 $ etcdctl mkdir /
2> Error:  107: Root is read only (/) [7]
[exit 4]
controlplane-1 $ etcdctl update / x
2> Error:  107: Root is read only (/) [7]
[exit 4]
controlplane-1 $ etcdctl set / x --swap-with-value y
2> Error:  107: Root is read only (/) [7]
[exit 4]
controlplane-1 $ etcdctl rm / --with-value y
2> Error:  102: Not a file () [7]
[exit 4]
controlplane-1 $ etcdctl get /
2> : is a directory
[exit 1]
"#,
    );
}

/// TestStoreCompareAndDeletePrevValue(FailsIfNotMatch), TestStoreCompareAndDeletePrevIndex
/// (FailsIfNotMatch), TestStoreCompareAndDeleteDiretoryFail (store_test.go). In `simple`
/// output a compare-and-delete prints the (empty) node value, not `PrevNode.Value`: format.go
/// only treats the action `delete` that way.
#[test]
fn store_compare_and_delete() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mk /foo bar
etcdctl rm /foo --with-value baz
etcdctl rm /foo --with-index 100
etcdctl -o json rm /foo --with-value bar
etcdctl mk /foo bar
etcdctl rm /foo --with-index 10
etcdctl mkdir /dir
etcdctl rm /dir --with-value x
"#,
        r#"
controlplane-1 $ etcdctl mk /foo bar
bar
controlplane-1 $ etcdctl rm /foo --with-value baz
2> Error:  101: Compare failed ([baz != bar]) [8]
[exit 4]
controlplane-1 $ etcdctl rm /foo --with-index 100
2> Error:  101: Compare failed ([100 != 8]) [8]
[exit 4]
controlplane-1 $ etcdctl -o json rm /foo --with-value bar
{"action":"compareAndDelete","node":{"key":"/foo","value":"","nodes":null,"createdIndex":8,"modifiedIndex":9},"prevNode":{"key":"/foo","value":"bar","nodes":null,"createdIndex":8,"modifiedIndex":8}}
controlplane-1 $ etcdctl mk /foo bar
bar
controlplane-1 $ etcdctl rm /foo --with-index 10

controlplane-1 $ etcdctl mkdir /dir
controlplane-1 $ etcdctl rm /dir --with-value x
2> Error:  102: Not a file (/dir) [12]
[exit 4]
"#,
    );
}

/// TestStoreCompareAndSwapPrevValue(FailsIfNotMatch), TestStoreCompareAndSwapPrevIndex
/// (FailsIfNotMatch) (store_test.go).
#[test]
fn store_compare_and_swap() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mk /foo bar
etcdctl set /foo baz --swap-with-value wrong_value
etcdctl -o json set /foo baz --swap-with-value bar
etcdctl set /foo bat --swap-with-index 100
etcdctl set /foo bat --swap-with-index 9
etcdctl get /foo
"#,
        r#"
controlplane-1 $ etcdctl mk /foo bar
bar
controlplane-1 $ etcdctl set /foo baz --swap-with-value wrong_value
2> Error:  101: Compare failed ([wrong_value != bar]) [8]
[exit 4]
controlplane-1 $ etcdctl -o json set /foo baz --swap-with-value bar
{"action":"compareAndSwap","node":{"key":"/foo","value":"baz","nodes":null,"createdIndex":8,"modifiedIndex":9},"prevNode":{"key":"/foo","value":"bar","nodes":null,"createdIndex":8,"modifiedIndex":8}}
controlplane-1 $ etcdctl set /foo bat --swap-with-index 100
2> Error:  101: Compare failed ([100 != 9]) [9]
[exit 4]
controlplane-1 $ etcdctl set /foo bat --swap-with-index 9
bat
controlplane-1 $ etcdctl get /foo
bat
"#,
    );
}

/// TestStoreGetDirectory, TestStoreGetSorted (store_test.go): a listing leaves out hidden
/// keys (a name starting with `_`) but a hidden key can be read by name; `--sort` lists each
/// directory's children in key order, depth first.
#[test]
fn store_get_directory_hides_hidden_keys() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mkdir /foo
etcdctl set /foo/bar X
etcdctl set /foo/_hidden '*'
etcdctl mkdir /foo/baz
etcdctl set /foo/baz/bat Y
etcdctl set /foo/baz/_hidden '*'
etcdctl set --ttl 3 /foo/baz/ttl Y
etcdctl ls --recursive -p /foo
etcdctl get /foo/_hidden
etcdctl mkdir /s
etcdctl set /s/x 0
etcdctl set /s/z 0
etcdctl mkdir /s/y
etcdctl set /s/y/a 0
etcdctl set /s/y/b 0
etcdctl set /s/y-1 0
etcdctl ls --sort --recursive /s
etcdctl rmdir --recursive /s
"#,
        r#"
controlplane-1 $ etcdctl mkdir /foo
controlplane-1 $ etcdctl set /foo/bar X
X
controlplane-1 $ etcdctl set /foo/_hidden '*'
*
controlplane-1 $ etcdctl mkdir /foo/baz
controlplane-1 $ etcdctl set /foo/baz/bat Y
Y
controlplane-1 $ etcdctl set /foo/baz/_hidden '*'
*
controlplane-1 $ etcdctl set --ttl 3 /foo/baz/ttl Y
Y
controlplane-1 $ etcdctl ls --recursive -p /foo
/foo/bar
/foo/baz/
/foo/baz/bat
/foo/baz/ttl
controlplane-1 $ etcdctl get /foo/_hidden
*
controlplane-1 $ etcdctl mkdir /s
controlplane-1 $ etcdctl set /s/x 0
0
controlplane-1 $ etcdctl set /s/z 0
0
controlplane-1 $ etcdctl mkdir /s/y
controlplane-1 $ etcdctl set /s/y/a 0
0
controlplane-1 $ etcdctl set /s/y/b 0
0
controlplane-1 $ etcdctl set /s/y-1 0
0
controlplane-1 $ etcdctl ls --sort --recursive /s
/s/x
/s/y
/s/y/a
/s/y/b
/s/y-1
/s/z
controlplane-1 $ etcdctl rmdir --recursive /s
Incorrect Usage: flag provided but not defined: -recursive

2> flag provided but not defined: -recursive
[exit 1]
"#,
    );
}

/// TestStoreGetValue, TestCreateAndGet (store_test.go): reads of a value, of a key under a
/// missing directory (the cause is the first missing part of the path) and of a key under a
/// file (`104: Not a directory`).
#[test]
fn store_get_errors() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mk /foo bar
etcdctl -o extended get /foo
etcdctl get /nope/deeper/key
etcdctl get /foo/bar
etcdctl ls /foo/bar
"#,
        r#"
controlplane-1 $ etcdctl mk /foo bar
bar
controlplane-1 $ etcdctl -o extended get /foo
Key: /foo
Created-Index: 8
Modified-Index: 8
TTL: 0
Index: 8

bar
controlplane-1 $ etcdctl get /nope/deeper/key
2> Error:  100: Key not found (/nope) [8]
[exit 4]
controlplane-1 $ etcdctl get /foo/bar
2> Error:  104: Not a directory (/foo) [8]
[exit 4]
controlplane-1 $ etcdctl ls /foo/bar
2> Error:  104: Not a directory (/foo) [8]
[exit 4]
"#,
    );
}

/// etcdctl v2's `member list` (ctlv2/command/member_commands.go): arguments are refused;
/// with no leader the client's sync still lists the members (so the errors name their client
/// URLs) but `mAPI.Leader` fails on every endpoint, printed bare with exit status 1; with no
/// member reachable the sync itself fails (util.go `mustNewClient`: ExitBadConnection, 2).
#[test]
fn member_list_errors() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl member list extra
ssh controlplane-2
systemctl stop etcd
exit
ssh controlplane-3
systemctl stop etcd
exit
sleep 3
etcdctl member list
systemctl stop etcd
etcdctl member list
"#,
        r#"
controlplane-1 $ etcdctl member list extra
2> No arguments accepted
[exit 1]
controlplane-1 $ ssh controlplane-2
controlplane-2 $ systemctl stop etcd
controlplane-2 $ exit
logout
2> Connection to controlplane-2 closed.
controlplane-1 $ ssh controlplane-3
controlplane-3 $ systemctl stop etcd
controlplane-3 $ exit
logout
2> Connection to controlplane-3 closed.
controlplane-1 $ sleep 3
controlplane-1 $ etcdctl member list
2> Failed to get leader:  client: etcd cluster is unavailable or misconfigured; error #0: client: etcd member https://10.240.0.10:2379 has no leader; error #1: dial tcp 10.240.0.11:2379: getsockopt: connection refused; error #2: dial tcp 10.240.0.12:2379: getsockopt: connection refused
[exit 1]
controlplane-1 $ systemctl stop etcd
controlplane-1 $ etcdctl member list
2> Error:  client: etcd cluster is unavailable or misconfigured; error #0: dial tcp 127.0.0.1:2379: getsockopt: connection refused; error #1: dial tcp 127.0.0.1:4001: getsockopt: connection refused
2> error #0: dial tcp 127.0.0.1:2379: getsockopt: connection refused
2> error #1: dial tcp 127.0.0.1:4001: getsockopt: connection refused
2> 
[exit 2]
"#,
    );
}

/// etcdctl v2's client setup (ctlv2/command/util.go): the endpoint flags and variables in
/// getPeersFlagValue's order, an address without a scheme that Go's url.Parse rejects, the
/// sync through the given endpoints (exit 2 when none answers, before the command's own
/// argument checks), and `--no-sync`, which keeps the endpoints as given.
#[test]
fn client_endpoints_and_sync() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl --endpoints 10.240.0.11:2379 get /k
etcdctl --endpoints 10.240.0.11:2379 cluster-health
ssh controlplane-2
systemctl stop etcd
exit
etcdctl --endpoint https://10.240.0.11:2379 set
ETCDCTL_ENDPOINTS=https://10.240.0.12:2379 etcdctl --endpoint https://10.240.0.11:2379 set /k v
ETCDCTL_PEERS=https://10.240.0.11:2379 etcdctl set /k w
etcdctl --endpoints https://10.240.0.11:2379,https://10.240.0.12:2379 get /k
etcdctl --no-sync --endpoints https://10.240.0.11:2379 get /k
"#,
        r#"
controlplane-1 $ etcdctl --endpoints 10.240.0.11:2379 get /k
2> parse 10.240.0.11:2379: first path segment in URL cannot contain colon
[exit 1]
controlplane-1 $ etcdctl --endpoints 10.240.0.11:2379 cluster-health
2> parse 10.240.0.11:2379: first path segment in URL cannot contain colon
[exit 1]
controlplane-1 $ ssh controlplane-2
controlplane-2 $ systemctl stop etcd
controlplane-2 $ exit
logout
2> Connection to controlplane-2 closed.
controlplane-1 $ etcdctl --endpoint https://10.240.0.11:2379 set
2> Error:  client: etcd cluster is unavailable or misconfigured; error #0: dial tcp 10.240.0.11:2379: getsockopt: connection refused
2> error #0: dial tcp 10.240.0.11:2379: getsockopt: connection refused
2> 
[exit 2]
controlplane-1 $ ETCDCTL_ENDPOINTS=https://10.240.0.12:2379 etcdctl --endpoint https://10.240.0.11:2379 set /k v
v
controlplane-1 $ ETCDCTL_PEERS=https://10.240.0.11:2379 etcdctl set /k w
2> Error:  client: etcd cluster is unavailable or misconfigured; error #0: dial tcp 10.240.0.11:2379: getsockopt: connection refused
2> error #0: dial tcp 10.240.0.11:2379: getsockopt: connection refused
2> 
[exit 2]
controlplane-1 $ etcdctl --endpoints https://10.240.0.11:2379,https://10.240.0.12:2379 get /k
v
controlplane-1 $ etcdctl --no-sync --endpoints https://10.240.0.11:2379 get /k
2> Error:  client: etcd cluster is unavailable or misconfigured; error #0: dial tcp 10.240.0.11:2379: getsockopt: connection refused
2> error #0: dial tcp 10.240.0.11:2379: getsockopt: connection refused
2> 
[exit 4]
"#,
    );
}

/// `mk --in-order` (ctlv2/command/mk_command.go: CreateInOrder, a POST; store.go
/// internalCreate with `unique`): each value gets a key under the directory named after its
/// etcd index, `%020s`, so a sorted listing is a queue in creation order.
#[test]
fn mk_in_order() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mk --in-order /queue job1
etcdctl mk --in-order /queue job2
etcdctl ls --sort /queue
etcdctl -o json mk --in-order /queue job3
etcdctl set /f x
etcdctl mk --in-order /f y
"#,
        r#"
controlplane-1 $ etcdctl mk --in-order /queue job1
job1
controlplane-1 $ etcdctl mk --in-order /queue job2
job2
controlplane-1 $ etcdctl ls --sort /queue
/queue/00000000000000000008
/queue/00000000000000000009
controlplane-1 $ etcdctl -o json mk --in-order /queue job3
{"action":"create","node":{"key":"/queue/00000000000000000010","value":"job3","nodes":null,"createdIndex":10,"modifiedIndex":10},"prevNode":null}
controlplane-1 $ etcdctl set /f x
x
controlplane-1 $ etcdctl mk --in-order /f y
2> Error:  104: Not a directory (/f) [11]
[exit 4]
"#,
    );
}

/// TestStoreWatchExpire (store_ttl_test.go, etcd 3.3): keys expire earliest first, each
/// expiry taking an etcd index; a directory's expiry removes what is under it (here the
/// file under `/dir` expired first and took an index of its own).
#[test]
fn store_expire_order_and_indexes() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mkdir --ttl 3 /dir
etcdctl set --ttl 1 /dir/f x
etcdctl set --ttl 2 /foo bar
etcdctl set /keep 1
sleep 4
etcdctl ls
etcdctl get /nope
"#,
        r#"
controlplane-1 $ etcdctl mkdir --ttl 3 /dir
controlplane-1 $ etcdctl set --ttl 1 /dir/f x
x
controlplane-1 $ etcdctl set --ttl 2 /foo bar
bar
controlplane-1 $ etcdctl set /keep 1
1
controlplane-1 $ sleep 4
controlplane-1 $ etcdctl ls
/keep
controlplane-1 $ etcdctl get /nope
2> Error:  100: Key not found (/nope) [14]
[exit 4]
"#,
    );
}

/// The v2 store keeps the last 1000 changes for watchers (`store/event_history.go`); a
/// watch from an index before the oldest one kept fails as `EventHistory.scan` makes it,
/// with the store's current index, and `watch`'s handleError exits 4. With `-o json`,
/// handleError prints the client's `Error` as encoding/json writes it, for `get` too.
#[test]
fn watch_from_a_cleared_index_and_errors_as_json() {
    let mut t = term();
    // A fresh cluster's index is 7; these take 8..=1012, and the history keeps 13..=1012.
    let sets: String = (0..1005)
        .map(|i| format!("etcdctl set /k v{i}\n"))
        .collect();
    run(&mut t, &sets);
    check(
        &mut t,
        r#"
etcdctl watch /k --after-index 8
etcdctl -o json watch /k --after-index 8
etcdctl -o json get /missing
etcdctl get /missing
etcdctl watch /k --after-index 12
"#,
        r#"
controlplane-1 $ etcdctl watch /k --after-index 8
2> Error:  401: The event in requested index is outdated and cleared (the requested history has been cleared [13/9]) [1012]
[exit 4]
controlplane-1 $ etcdctl -o json watch /k --after-index 8
2> {"errorCode":401,"message":"The event in requested index is outdated and cleared","cause":"the requested history has been cleared [13/9]","index":1012}
[exit 4]
controlplane-1 $ etcdctl -o json get /missing
2> {"errorCode":100,"message":"Key not found","cause":"/missing","index":1012}
[exit 4]
controlplane-1 $ etcdctl get /missing
2> Error:  100: Key not found (/missing) [1012]
[exit 4]
controlplane-1 $ etcdctl watch /k --after-index 12
v5
"#,
    );
}
