//! Transcript tests ported from the examples in etcd's own documentation (v3 API):
//! - `etcdctl/README.md` of etcd-io/etcd (the stored copy is main's, commit 8dfcc8ee; its v3
//!   command sections are those of release-3.5),
//! - `dev-guide/interacting_v3.md` of etcd-io/website (the v3.4 page, commit 29d29520: the
//!   v3.5 copy is not in the stored index, and the v3.5 page has the same examples),
//! - `tutorials/how-to-*.md` and `administration/op-guide/runtime-configuration.md` (v3.5).
//!
//! Each test cites its doc and section. The docs' outputs are kept line for line, except:
//! - IDs: lease IDs, member IDs and cluster IDs are our seeded cluster's (first lease
//!   `5a3f75087e35752e`, members `2c0e0fedbe2218a8` controlplane-2, `89242d2dd9d4a40d`
//!   controlplane-3, `eaeb7f27b54e2401` controlplane-1, cluster `7b0347b0f67446d0`), and
//!   URLs are our machines'; revisions are set up to match the doc where it shows them.
//! - Where a doc example is stale against etcdctl 3.5's source
//!   (`etcdctl/ctlv3/command/printer_simple.go`, `printer_table.go`, `member_command.go`),
//!   the test follows 3.5 and says so: `member list` ends with the is-learner field and the
//!   table has IS LEARNER; `endpoint status` has is-learner, applied index and errors;
//!   `endpoint health` prints to stderr; `lease list` starts with `found N leases`; an
//!   unknown lease's `timetolive` is `already expired`; `member add` prints
//!   `ETCD_INITIAL_ADVERTISE_PEER_URLS` and quotes `"existing"`; member remove/promote say
//!   `Member ID removed from cluster CID`; errors are `Error: <grpc desc>` (one space, no
//!   `rpc error: code = 11`); snapshot status tables are right-aligned; version is 3.5.9.
//! - Member lists are sorted by member ID, as the server's `RaftCluster.Members()` returns
//!   them (the docs' lists happen to be in ID order too).
//! - "In another terminal: etcdctl put ..." is `@put 2 KEY VALUE` (a client writing through
//!   controlplane-2) followed by `@tick 1`.
//!
//! Not ported, because the simulation does not model them: auth/user/role (README's
//! AUTH/ROLE/USER sections), `member update` (peer URL changes), `snapshot restore` and
//! `etcdutl` (data dirs), `make-mirror`, `check perf` / `check datascale`, the NOSPACE
//! alarm (no quota), `defrag` of an unreachable endpoint (`badendpoint:2379`: no DNS), TLS
//! flags, the tutorials that start etcd processes with their own flags (how-to-setup-cluster,
//! how-to-migrate, how-to-save-database's restore). `watch ... -- sh -c "env | grep
//! ETCD_WATCH_"` needs `sh` and `grep`, which the shell does not offer: ported with
//! `printenv` of the same variables.

mod common;
use common::*;

/// README.md, PUT examples (three blocks), with a granted lease in place of `1234abcd`.
#[test]
fn readme_put() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lease grant 60
etcdctl put foo bar --lease=5a3f75087e35752e
etcdctl get foo
etcdctl put foo --ignore-value
etcdctl put foo bar --lease=5a3f75087e35752e
etcdctl put foo bar1 --ignore-lease
etcdctl get foo
etcdctl put foo bar
etcdctl put foo bar1 --prev-kv
etcdctl get foo
etcdctl put foo -- -bar
etcdctl put -- foo2 -bar2
etcdctl put foo "bar1 2 3"
etcdctl get --prefix foo
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lease grant 60
lease 5a3f75087e35752e granted with TTL(60s)
controlplane-1 $ etcdctl put foo bar --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl get foo
foo
bar
controlplane-1 $ etcdctl put foo --ignore-value
OK
controlplane-1 $ etcdctl put foo bar --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl put foo bar1 --ignore-lease
OK
controlplane-1 $ etcdctl get foo
foo
bar1
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ etcdctl put foo bar1 --prev-kv
OK
foo
bar
controlplane-1 $ etcdctl get foo
foo
bar1
controlplane-1 $ etcdctl put foo -- -bar
OK
controlplane-1 $ etcdctl put -- foo2 -bar2
OK
controlplane-1 $ etcdctl put foo "bar1 2 3"
OK
controlplane-1 $ etcdctl get --prefix foo
foo
bar1 2 3
foo2
-bar2
"#,
    );
}

const FOOS: &str =
    "etcdctl put foo bar\netcdctl put foo1 bar1\netcdctl put foo2 bar2\netcdctl put foo3 bar3\n";
const FOOS_OUT: &str = "controlplane-1 $ etcdctl put foo bar\nOK\ncontrolplane-1 $ etcdctl put foo1 bar1\nOK\ncontrolplane-1 $ etcdctl put foo2 bar2\nOK\ncontrolplane-1 $ etcdctl put foo3 bar3\nOK\n";

/// README.md, GET examples. (The doc's "Get all keys" shows `foo2` twice: a typo for the
/// key `foo2` and its value `bar2`.)
#[test]
fn readme_get() {
    let mut t = term();
    check(
        &mut t,
        "export ETCDCTL_API=3\n",
        "controlplane-1 $ export ETCDCTL_API=3\n",
    );
    check(&mut t, FOOS, FOOS_OUT);
    check(
        &mut t,
        r#"
etcdctl get foo
etcdctl get --from-key ''
etcdctl get --from-key foo1
etcdctl get foo1 foo3
"#,
        r#"
controlplane-1 $ etcdctl get foo
foo
bar
controlplane-1 $ etcdctl get --from-key ''
foo
bar
foo1
bar1
foo2
bar2
foo3
bar3
controlplane-1 $ etcdctl get --from-key foo1
foo1
bar1
foo2
bar2
foo3
bar3
controlplane-1 $ etcdctl get foo1 foo3
foo1
bar1
foo2
bar2
"#,
    );
}

/// README.md, DEL examples (four blocks).
#[test]
fn readme_del() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
etcdctl del foo
etcdctl get foo
etcdctl put key val
etcdctl del --prev-kv key
etcdctl get key
etcdctl put a 123
etcdctl put b 456
etcdctl put z 789
etcdctl del --from-key a
etcdctl get --from-key a
etcdctl put zoo val
etcdctl put zoo1 val1
etcdctl put zoo2 val2
etcdctl del --prefix zoo
etcdctl get zoo2
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ etcdctl del foo
1
controlplane-1 $ etcdctl get foo
controlplane-1 $ etcdctl put key val
OK
controlplane-1 $ etcdctl del --prev-kv key
1
key
val
controlplane-1 $ etcdctl get key
controlplane-1 $ etcdctl put a 123
OK
controlplane-1 $ etcdctl put b 456
OK
controlplane-1 $ etcdctl put z 789
OK
controlplane-1 $ etcdctl del --from-key a
3
controlplane-1 $ etcdctl get --from-key a
controlplane-1 $ etcdctl put zoo val
OK
controlplane-1 $ etcdctl put zoo1 val1
OK
controlplane-1 $ etcdctl put zoo2 val2
OK
controlplane-1 $ etcdctl del --prefix zoo
3
controlplane-1 $ etcdctl get zoo2
"#,
    );
}

/// README.md, TXN examples: interactive, non-interactive (the doc's `<<<'…'` here-string
/// written as a here-document, which the shell offers), and the multi-line value remark
/// (`\n` inside the quoted value becomes a newline).
#[test]
fn readme_txn() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl txn -i
mod("key1") > "0"

put key1 "overwrote-key1"

put key1 "created-key1"
put key2 "some extra key"

etcdctl txn <<EOF
mod("key1") > "0"

put key1 "overwrote-key1"

put key1 "created-key1"
put key2 "some extra key"

EOF
etcdctl get --prefix key
etcdctl del key1
etcdctl txn <<EOF
mod("key1") > "0"

put key1 "overwrote-key1"

put key1 "created-key1"
put key2 "this is\na multi-line\nvalue"

EOF
etcdctl get key2
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl txn -i
compares:
mod("key1") > "0"

success requests (get, put, del):
put key1 "overwrote-key1"

failure requests (get, put, del):
put key1 "created-key1"
put key2 "some extra key"

FAILURE

OK

OK
controlplane-1 $ etcdctl txn <<EOF
> mod("key1") > "0"
> 
> put key1 "overwrote-key1"
> 
> put key1 "created-key1"
> put key2 "some extra key"
> 
> EOF
SUCCESS

OK
controlplane-1 $ etcdctl get --prefix key
key1
overwrote-key1
key2
some extra key
controlplane-1 $ etcdctl del key1
1
controlplane-1 $ etcdctl txn <<EOF
> mod("key1") > "0"
> 
> put key1 "overwrote-key1"
> 
> put key1 "created-key1"
> put key2 "this is\na multi-line\nvalue"
> 
> EOF
FAILURE

OK

OK
controlplane-1 $ etcdctl get key2
key2
this is
a multi-line
value
"#,
    );
}

/// README.md, COMPACTION example (at a revision this cluster has), and interacting_v3.md
/// "Compacted revisions" (`compact` is accepted as an unambiguous prefix of `compaction`;
/// 3.5 prints the gRPC description only).
#[test]
fn readme_and_guide_compaction() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
etcdctl put foo1 bar1
etcdctl put foo bar_new
etcdctl put foo1 bar1_new
etcdctl compact 5
etcdctl get --rev=4 foo
etcdctl compaction 5
etcdctl get mykey -w=json
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ etcdctl put foo1 bar1
OK
controlplane-1 $ etcdctl put foo bar_new
OK
controlplane-1 $ etcdctl put foo1 bar1_new
OK
controlplane-1 $ etcdctl compact 5
compacted revision 5
controlplane-1 $ etcdctl get --rev=4 foo
2> Error: etcdserver: mvcc: required revision has been compacted
[exit 1]
controlplane-1 $ etcdctl compaction 5
2> Error: etcdserver: mvcc: required revision has been compacted
[exit 1]
controlplane-1 $ etcdctl get mykey -w=json
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":5,"raft_term":2}}
"#,
    );
}

/// README.md, WATCH non-interactive examples; the `sh -c "env | grep ETCD_WATCH_"` one
/// with `printenv` of the same four variables (values as printWatchCh sets them: `%q`).
/// The doc's range example puts `fob`, which sorts before `foo` and is outside
/// [foo, foox): real etcd shows nothing for it, so a key inside the range follows.
#[test]
fn readme_watch() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl watch foo
@put 2 foo bar
@tick 1
^C
ETCDCTL_WATCH_KEY=foo etcdctl watch
@put 2 foo bar
@tick 1
^C
etcdctl watch foo -- echo watch event received
@put 2 foo bar
@tick 1
^C
etcdctl watch foo -- printenv ETCD_WATCH_REVISION ETCD_WATCH_KEY ETCD_WATCH_EVENT_TYPE ETCD_WATCH_VALUE
@put 2 foo bar
@tick 1
^C
export ETCDCTL_WATCH_KEY=foo
etcdctl watch -- echo watch event received
@put 2 foo bar
@tick 1
^C
export ETCDCTL_WATCH_RANGE_END=foox
etcdctl watch -- echo watch event received
@put 2 fob bar
@tick 1
@put 2 foob bar
@tick 1
^C
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl watch foo
PUT
foo
bar
^C
[exit 130]
controlplane-1 $ ETCDCTL_WATCH_KEY=foo etcdctl watch
PUT
foo
bar
^C
[exit 130]
controlplane-1 $ etcdctl watch foo -- echo watch event received
PUT
foo
bar
watch event received
^C
[exit 130]
controlplane-1 $ etcdctl watch foo -- printenv ETCD_WATCH_REVISION ETCD_WATCH_KEY ETCD_WATCH_EVENT_TYPE ETCD_WATCH_VALUE
PUT
foo
bar
5
"foo"
"PUT"
"bar"
^C
[exit 130]
controlplane-1 $ export ETCDCTL_WATCH_KEY=foo
controlplane-1 $ etcdctl watch -- echo watch event received
PUT
foo
bar
watch event received
^C
[exit 130]
controlplane-1 $ export ETCDCTL_WATCH_RANGE_END=foox
controlplane-1 $ etcdctl watch -- echo watch event received
PUT
foob
bar
watch event received
^C
[exit 130]
"#,
    );
}

/// README.md, LEASE GRANT / REVOKE / LIST / KEEP-ALIVE examples (3.5's `lease list`
/// prints `found N leases` first).
#[test]
fn readme_lease_grant_revoke_list_keepalive() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lease grant 60
etcdctl lease list
etcdctl lease revoke 5a3f75087e35752e
etcdctl lease grant 100
etcdctl lease keep-alive 7032b25097d368e4
@tick 70
^C
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lease grant 60
lease 5a3f75087e35752e granted with TTL(60s)
controlplane-1 $ etcdctl lease list
found 1 leases
5a3f75087e35752e
controlplane-1 $ etcdctl lease revoke 5a3f75087e35752e
lease 5a3f75087e35752e revoked
controlplane-1 $ etcdctl lease grant 100
lease 7032b25097d368e4 granted with TTL(100s)
controlplane-1 $ etcdctl lease keep-alive 7032b25097d368e4
lease 7032b25097d368e4 keepalived with TTL(100)
lease 7032b25097d368e4 keepalived with TTL(100)
lease 7032b25097d368e4 keepalived with TTL(100)
^C
[exit 130]
"#,
    );
}

/// README.md, LEASE TIMETOLIVE example: remaining times reached by letting time pass, the
/// JSON forms (without `--keys` the server attaches no keys: `"keys":null`), then expiry.
/// The attached keys come in the order the server lists them.
#[test]
fn readme_lease_timetolive() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lease grant 500
etcdctl put foo1 bar --lease=5a3f75087e35752e
etcdctl put foo2 bar --lease=5a3f75087e35752e
@tick 18
etcdctl lease timetolive 5a3f75087e35752e
@tick 9
etcdctl lease timetolive 5a3f75087e35752e --keys
@tick 7
etcdctl lease timetolive 5a3f75087e35752e --write-out=json
@tick 6
etcdctl lease timetolive 5a3f75087e35752e --write-out=json --keys
@tick 460
etcdctl lease timetolive 5a3f75087e35752e
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lease grant 500
lease 5a3f75087e35752e granted with TTL(500s)
controlplane-1 $ etcdctl put foo1 bar --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl put foo2 bar --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e
lease 5a3f75087e35752e granted with TTL(500s), remaining(481s)
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e --keys
lease 5a3f75087e35752e granted with TTL(500s), remaining(472s), attached keys([foo1 foo2])
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e --write-out=json
{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":3,"raft_term":2,"id":6503045066283906350,"ttl":465,"granted-ttl":500,"keys":null}
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e --write-out=json --keys
{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":3,"raft_term":2,"id":6503045066283906350,"ttl":459,"granted-ttl":500,"keys":["Zm9vMQ==","Zm9vMg=="]}
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e
lease 5a3f75087e35752e already expired
"#,
    );
}

/// README.md, MEMBER LIST (simple, JSON, table), ADD and REMOVE examples; the add's
/// ETCD_INITIAL_CLUSTER lists members in ID order as the server returns them.
#[test]
fn readme_member() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl member list
etcdctl -w json member list
etcdctl -w table member list
etcdctl member add newMember --peer-urls=https://127.0.0.1:12345
etcdctl member remove 6855ce5643eec108
etcdctl member update 2c0e0fedbe2218a8 --peer-urls=https://127.0.0.1:11112
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl member list
2c0e0fedbe2218a8, started, controlplane-2, https://10.240.0.11:2380, https://10.240.0.11:2379, false
89242d2dd9d4a40d, started, controlplane-3, https://10.240.0.12:2380, https://10.240.0.12:2379, false
eaeb7f27b54e2401, started, controlplane-1, https://10.240.0.10:2380, https://10.240.0.10:2379, false
controlplane-1 $ etcdctl -w json member list
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"raft_term":2},"members":[{"ID":3174492301114349736,"name":"controlplane-2","peerURLs":["https://10.240.0.11:2380"],"clientURLs":["https://10.240.0.11:2379"]},{"ID":9882073157309080589,"name":"controlplane-3","peerURLs":["https://10.240.0.12:2380"],"clientURLs":["https://10.240.0.12:2379"]},{"ID":16927763432924390401,"name":"controlplane-1","peerURLs":["https://10.240.0.10:2380"],"clientURLs":["https://10.240.0.10:2379"]}]}
controlplane-1 $ etcdctl -w table member list
+------------------+---------+----------------+--------------------------+--------------------------+------------+
|        ID        | STATUS  |      NAME      |        PEER ADDRS        |       CLIENT ADDRS       | IS LEARNER |
+------------------+---------+----------------+--------------------------+--------------------------+------------+
| 2c0e0fedbe2218a8 | started | controlplane-2 | https://10.240.0.11:2380 | https://10.240.0.11:2379 |      false |
| 89242d2dd9d4a40d | started | controlplane-3 | https://10.240.0.12:2380 | https://10.240.0.12:2379 |      false |
| eaeb7f27b54e2401 | started | controlplane-1 | https://10.240.0.10:2380 | https://10.240.0.10:2379 |      false |
+------------------+---------+----------------+--------------------------+--------------------------+------------+
controlplane-1 $ etcdctl member add newMember --peer-urls=https://127.0.0.1:12345
Member 6855ce5643eec108 added to cluster 7b0347b0f67446d0

ETCD_NAME="newMember"
ETCD_INITIAL_CLUSTER="controlplane-2=https://10.240.0.11:2380,newMember=https://127.0.0.1:12345,controlplane-3=https://10.240.0.12:2380,controlplane-1=https://10.240.0.10:2380"
ETCD_INITIAL_ADVERTISE_PEER_URLS="https://127.0.0.1:12345"
ETCD_INITIAL_CLUSTER_STATE="existing"
controlplane-1 $ etcdctl member remove 6855ce5643eec108
Member 6855ce5643eec108 removed from cluster 7b0347b0f67446d0
controlplane-1 $ etcdctl member update 2c0e0fedbe2218a8 --peer-urls=https://127.0.0.1:11112
2> Error: this command is not available in the simulated cluster
[exit 1]
"#,
    );
}

/// README.md, ENDPOINT HEALTH / STATUS / HASHKV examples (3.5's columns; health on stderr).
#[test]
fn readme_endpoint() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl endpoint health
etcdctl endpoint --cluster health
etcdctl endpoint status
etcdctl -w json endpoint status
etcdctl -w table endpoint --cluster status
etcdctl endpoint hashkv
etcdctl -w json endpoint hashkv
etcdctl -w table endpoint --cluster hashkv
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl endpoint health
2> 127.0.0.1:2379 is healthy: successfully committed proposal: took = 1.8ms
controlplane-1 $ etcdctl endpoint --cluster health
2> https://10.240.0.11:2379 is healthy: successfully committed proposal: took = 1.8ms
2> https://10.240.0.12:2379 is healthy: successfully committed proposal: took = 1.8ms
2> https://10.240.0.10:2379 is healthy: successfully committed proposal: took = 1.8ms
controlplane-1 $ etcdctl endpoint status
127.0.0.1:2379, eaeb7f27b54e2401, 3.5.9, 20 kB, true, false, 2, 9, 9, 
controlplane-1 $ etcdctl -w json endpoint status
[{"Endpoint":"127.0.0.1:2379","Status":{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":1,"raft_term":2},"version":"3.5.9","dbSize":20480,"leader":16927763432924390401,"raftIndex":9,"raftTerm":2,"raftAppliedIndex":9,"dbSizeInUse":20480}}]
controlplane-1 $ etcdctl -w table endpoint --cluster status
+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
|         ENDPOINT         |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |
+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
| https://10.240.0.11:2379 | 2c0e0fedbe2218a8 |   3.5.9 |   20 kB |     false |      false |         2 |          9 |                  9 |        |
| https://10.240.0.12:2379 | 89242d2dd9d4a40d |   3.5.9 |   20 kB |     false |      false |         2 |          9 |                  9 |        |
| https://10.240.0.10:2379 | eaeb7f27b54e2401 |   3.5.9 |   20 kB |      true |      false |         2 |          9 |                  9 |        |
+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
controlplane-1 $ etcdctl endpoint hashkv
127.0.0.1:2379, 1084519789
controlplane-1 $ etcdctl -w json endpoint hashkv
[{"Endpoint":"127.0.0.1:2379","HashKV":{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":1,"raft_term":2},"hash":1084519789,"compact_revision":-1,"hash_revision":1}}]
controlplane-1 $ etcdctl -w table endpoint --cluster hashkv
+--------------------------+------------+
|         ENDPOINT         |    HASH    |
+--------------------------+------------+
| https://10.240.0.11:2379 | 1084519789 |
| https://10.240.0.12:2379 | 1084519789 |
| https://10.240.0.10:2379 | 1084519789 |
+--------------------------+------------+
"#,
    );
}

/// README.md, ALARM, DEFRAG (`--cluster`), MOVE-LEADER (3.5 exits with ExitBadArgs, 128,
/// when no endpoint is the leader), VERSION.
#[test]
fn readme_maintenance() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl alarm disarm
etcdctl alarm list
etcdctl defrag --cluster
etcdctl --endpoints 10.240.0.11:2379,10.240.0.12:2379 move-leader 2c0e0fedbe2218a8
etcdctl --endpoints 10.240.0.10:2379 move-leader 2c0e0fedbe2218a8
etcdctl version
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl alarm disarm
controlplane-1 $ etcdctl alarm list
controlplane-1 $ etcdctl defrag --cluster
Finished defragmenting etcd member[https://10.240.0.11:2379]
Finished defragmenting etcd member[https://10.240.0.12:2379]
Finished defragmenting etcd member[https://10.240.0.10:2379]
controlplane-1 $ etcdctl --endpoints 10.240.0.11:2379,10.240.0.12:2379 move-leader 2c0e0fedbe2218a8
2> Error: no leader endpoint given at [10.240.0.11:2379 10.240.0.12:2379]
[exit 128]
controlplane-1 $ etcdctl --endpoints 10.240.0.10:2379 move-leader 2c0e0fedbe2218a8
Leadership transferred from eaeb7f27b54e2401 to 2c0e0fedbe2218a8
controlplane-1 $ etcdctl version
etcdctl version: 3.5.9
API version: 3.5
"#,
    );
}

/// README.md, LOCK and ELECT examples (the holder key's suffix is the session's lease ID).
/// Without a command, lock_command.go prints the holder key with `display.Get`: the key,
/// then its value, which is empty (the doc leaves out that empty line).
#[test]
fn readme_lock_and_elect() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lock mylock
^C
etcdctl lock mylock echo lock acquired
etcdctl lock mylock etcdctl put foo bar
etcdctl elect myelection foo
^C
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lock mylock
mylock/5a3f75087e35752e

^C
controlplane-1 $ etcdctl lock mylock echo lock acquired
lock acquired
controlplane-1 $ etcdctl lock mylock etcdctl put foo bar
OK
controlplane-1 $ etcdctl elect myelection foo
myelection/565946913e4633e8
foo
^C
"#,
    );
}

/// interacting_v3.md, "Find versions", "Write a key" and "Read keys" (with `--hex`).
#[test]
fn guide_write_and_read_keys() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl version
etcdctl put foo bar
etcdctl lease grant 10
etcdctl put foo1 bar1 --lease=5a3f75087e35752e
etcdctl put foo1 bar1
etcdctl put foo2 bar2
etcdctl put foo3 bar3
etcdctl get foo
etcdctl get foo --hex
etcdctl get foo --print-value-only
etcdctl get foo foo3
etcdctl get --prefix foo
etcdctl get --prefix --limit=2 foo
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl version
etcdctl version: 3.5.9
API version: 3.5
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ etcdctl lease grant 10
lease 5a3f75087e35752e granted with TTL(10s)
controlplane-1 $ etcdctl put foo1 bar1 --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl put foo1 bar1
OK
controlplane-1 $ etcdctl put foo2 bar2
OK
controlplane-1 $ etcdctl put foo3 bar3
OK
controlplane-1 $ etcdctl get foo
foo
bar
controlplane-1 $ etcdctl get foo --hex
\x66\x6f\x6f
\x62\x61\x72
controlplane-1 $ etcdctl get foo --print-value-only
bar
controlplane-1 $ etcdctl get foo foo3
foo
bar
foo1
bar1
foo2
bar2
controlplane-1 $ etcdctl get --prefix foo
foo
bar
foo1
bar1
foo2
bar2
foo3
bar3
controlplane-1 $ etcdctl get --prefix --limit=2 foo
foo
bar
foo1
bar1
"#,
    );
}

/// interacting_v3.md, "Read past version of keys" and "Read keys which are greater than or
/// equal to the byte value of the specified key".
#[test]
fn guide_past_versions_and_from_key() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
etcdctl put foo1 bar1
etcdctl put foo bar_new
etcdctl put foo1 bar1_new
etcdctl get --prefix foo
etcdctl get --prefix --rev=4 foo
etcdctl get --prefix --rev=3 foo
etcdctl get --prefix --rev=2 foo
etcdctl get --prefix --rev=1 foo
etcdctl del --prefix foo
etcdctl put a 123
etcdctl put b 456
etcdctl put z 789
etcdctl get --from-key b
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ etcdctl put foo1 bar1
OK
controlplane-1 $ etcdctl put foo bar_new
OK
controlplane-1 $ etcdctl put foo1 bar1_new
OK
controlplane-1 $ etcdctl get --prefix foo
foo
bar_new
foo1
bar1_new
controlplane-1 $ etcdctl get --prefix --rev=4 foo
foo
bar_new
foo1
bar1
controlplane-1 $ etcdctl get --prefix --rev=3 foo
foo
bar
foo1
bar1
controlplane-1 $ etcdctl get --prefix --rev=2 foo
foo
bar
controlplane-1 $ etcdctl get --prefix --rev=1 foo
controlplane-1 $ etcdctl del --prefix foo
2
controlplane-1 $ etcdctl put a 123
OK
controlplane-1 $ etcdctl put b 456
OK
controlplane-1 $ etcdctl put z 789
OK
controlplane-1 $ etcdctl get --from-key b
b
456
z
789
"#,
    );
}

/// interacting_v3.md, "Delete keys".
#[test]
fn guide_delete_keys() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
etcdctl put foo1 bar1
etcdctl put foo3 bar3
etcdctl put zoo val
etcdctl put zoo1 val1
etcdctl put zoo2 val2
etcdctl put a 123
etcdctl put b 456
etcdctl put z 789
etcdctl del foo
etcdctl del foo foo9
etcdctl del --prev-kv zoo
etcdctl del --prefix zoo
etcdctl del --from-key b
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ etcdctl put foo1 bar1
OK
controlplane-1 $ etcdctl put foo3 bar3
OK
controlplane-1 $ etcdctl put zoo val
OK
controlplane-1 $ etcdctl put zoo1 val1
OK
controlplane-1 $ etcdctl put zoo2 val2
OK
controlplane-1 $ etcdctl put a 123
OK
controlplane-1 $ etcdctl put b 456
OK
controlplane-1 $ etcdctl put z 789
OK
controlplane-1 $ etcdctl del foo
1
controlplane-1 $ etcdctl del foo foo9
2
controlplane-1 $ etcdctl del --prev-kv zoo
1
zoo
val
controlplane-1 $ etcdctl del --prefix zoo
2
controlplane-1 $ etcdctl del --from-key b
2
"#,
    );
}

/// interacting_v3.md, "Watch key changes" (its `watch -i` example is in
/// readme_and_guide_interactive_watch).
#[test]
fn guide_watch_key_changes() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl watch foo
@put 2 foo bar
@tick 1
^C
etcdctl watch foo --hex
@put 2 foo bar
@tick 1
^C
etcdctl watch foo foo9
@put 2 foo bar
@tick 1
@put 2 foo1 bar1
@tick 1
^C
etcdctl watch --prefix foo
@put 2 foo bar
@tick 1
@put 2 fooz1 barz1
@tick 1
^C
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl watch foo
PUT
foo
bar
^C
[exit 130]
controlplane-1 $ etcdctl watch foo --hex
PUT
\x66\x6f\x6f
\x62\x61\x72
^C
[exit 130]
controlplane-1 $ etcdctl watch foo foo9
PUT
foo
bar
PUT
foo1
bar1
^C
[exit 130]
controlplane-1 $ etcdctl watch --prefix foo
PUT
foo
bar
PUT
fooz1
barz1
^C
[exit 130]
"#,
    );
}

/// interacting_v3.md, "Watch historical changes of keys".
#[test]
fn guide_watch_history() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
etcdctl put foo1 bar1
etcdctl put foo bar_new
etcdctl put foo1 bar1_new
etcdctl watch --rev=2 foo
^C
etcdctl watch --rev=3 foo
^C
etcdctl watch --prev-kv foo
@put 2 foo bar_latest
@tick 1
^C
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ etcdctl put foo1 bar1
OK
controlplane-1 $ etcdctl put foo bar_new
OK
controlplane-1 $ etcdctl put foo1 bar1_new
OK
controlplane-1 $ etcdctl watch --rev=2 foo
PUT
foo
bar
PUT
foo
bar_new
^C
[exit 130]
controlplane-1 $ etcdctl watch --rev=3 foo
PUT
foo
bar_new
^C
[exit 130]
controlplane-1 $ etcdctl watch --prev-kv foo
PUT
foo
bar_new
foo
bar_latest
^C
[exit 130]
"#,
    );
}

/// interacting_v3.md, "Grant leases", "Revoke leases", "Keep leases alive", "Get lease
/// information" (an unknown lease: 3.5 prints `already expired`, not the page's error).
#[test]
fn guide_leases() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lease grant 60
etcdctl put --lease=5a3f75087e35752e foo bar
etcdctl lease revoke 5a3f75087e35752e
etcdctl get foo
etcdctl lease grant 60
etcdctl lease keep-alive 7032b25097d368e4
@tick 45
^C
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lease grant 60
lease 5a3f75087e35752e granted with TTL(60s)
controlplane-1 $ etcdctl put --lease=5a3f75087e35752e foo bar
OK
controlplane-1 $ etcdctl lease revoke 5a3f75087e35752e
lease 5a3f75087e35752e revoked
controlplane-1 $ etcdctl get foo
controlplane-1 $ etcdctl lease grant 60
lease 7032b25097d368e4 granted with TTL(60s)
controlplane-1 $ etcdctl lease keep-alive 7032b25097d368e4
lease 7032b25097d368e4 keepalived with TTL(60)
lease 7032b25097d368e4 keepalived with TTL(60)
lease 7032b25097d368e4 keepalived with TTL(60)
^C
[exit 130]
"#,
    );
}

/// interacting_v3.md, "Get lease information".
#[test]
fn guide_lease_information() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lease grant 500
etcdctl put zoo1 val1 --lease=5a3f75087e35752e
etcdctl put zoo2 val2 --lease=5a3f75087e35752e
@tick 241
etcdctl lease timetolive 5a3f75087e35752e
@tick 126
etcdctl lease timetolive --keys 5a3f75087e35752e
etcdctl lease timetolive --keys 694d5765fc71500b
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lease grant 500
lease 5a3f75087e35752e granted with TTL(500s)
controlplane-1 $ etcdctl put zoo1 val1 --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl put zoo2 val2 --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e
lease 5a3f75087e35752e granted with TTL(500s), remaining(258s)
controlplane-1 $ etcdctl lease timetolive --keys 5a3f75087e35752e
lease 5a3f75087e35752e granted with TTL(500s), remaining(132s), attached keys([zoo1 zoo2])
controlplane-1 $ etcdctl lease timetolive --keys 694d5765fc71500b
lease 694d5765fc71500b already expired
"#,
    );
}

/// runtime-configuration.md, "Add a new member as learner", its error cases, "Remove a
/// member" (3.5's wording for add/promote/remove, see the header).
#[test]
fn runtime_configuration_members() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl member add infra3 --peer-urls=http://10.0.1.13:2380 --learner
etcdctl member add infra4 --peer-urls=http://10.0.1.14:2380 --learner
etcdctl member promote 6855ce5643eec108
etcdctl member promote 2c0e0fedbe2218a8
etcdctl member promote 12345abcde
etcdctl member remove 6855ce5643eec108
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl member add infra3 --peer-urls=http://10.0.1.13:2380 --learner
Member 6855ce5643eec108 added to cluster 7b0347b0f67446d0

ETCD_NAME="infra3"
ETCD_INITIAL_CLUSTER="controlplane-2=https://10.240.0.11:2380,infra3=http://10.0.1.13:2380,controlplane-3=https://10.240.0.12:2380,controlplane-1=https://10.240.0.10:2380"
ETCD_INITIAL_ADVERTISE_PEER_URLS="http://10.0.1.13:2380"
ETCD_INITIAL_CLUSTER_STATE="existing"
controlplane-1 $ etcdctl member add infra4 --peer-urls=http://10.0.1.14:2380 --learner
2> Error: etcdserver: too many learner members in cluster
[exit 1]
controlplane-1 $ etcdctl member promote 6855ce5643eec108
2> Error: etcdserver: can only promote a learner member which is in sync with leader
[exit 1]
controlplane-1 $ etcdctl member promote 2c0e0fedbe2218a8
2> Error: etcdserver: can only promote a learner member
[exit 1]
controlplane-1 $ etcdctl member promote 12345abcde
2> Error: etcdserver: member not found
[exit 1]
controlplane-1 $ etcdctl member remove 6855ce5643eec108
Member 6855ce5643eec108 removed from cluster 7b0347b0f67446d0
"#,
    );
}

/// tutorials/how-to-check-cluster-status.md (table of endpoint status, endpoint health),
/// how-to-deal-with-membership.md (member list, remove, add through `--endpoints`).
#[test]
fn tutorials_cluster_status_and_membership() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
ENDPOINTS=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379
etcdctl --write-out=table --endpoints=$ENDPOINTS endpoint status
etcdctl --endpoints=$ENDPOINTS endpoint health
etcdctl --endpoints=$ENDPOINTS member list
etcdctl --endpoints=$ENDPOINTS member remove 89242d2dd9d4a40d
etcdctl --endpoints=10.240.0.10:2379,10.240.0.11:2379 member add etcd-node-4 --peer-urls=http://10.240.0.16:2380
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ ENDPOINTS=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379
controlplane-1 $ etcdctl --write-out=table --endpoints=$ENDPOINTS endpoint status
+------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
|     ENDPOINT     |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |
+------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
| 10.240.0.10:2379 | eaeb7f27b54e2401 |   3.5.9 |   20 kB |      true |      false |         2 |          9 |                  9 |        |
| 10.240.0.11:2379 | 2c0e0fedbe2218a8 |   3.5.9 |   20 kB |     false |      false |         2 |          9 |                  9 |        |
| 10.240.0.12:2379 | 89242d2dd9d4a40d |   3.5.9 |   20 kB |     false |      false |         2 |          9 |                  9 |        |
+------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS endpoint health
2> 10.240.0.10:2379 is healthy: successfully committed proposal: took = 1.8ms
2> 10.240.0.11:2379 is healthy: successfully committed proposal: took = 1.8ms
2> 10.240.0.12:2379 is healthy: successfully committed proposal: took = 1.8ms
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS member list
2c0e0fedbe2218a8, started, controlplane-2, https://10.240.0.11:2380, https://10.240.0.11:2379, false
89242d2dd9d4a40d, started, controlplane-3, https://10.240.0.12:2380, https://10.240.0.12:2379, false
eaeb7f27b54e2401, started, controlplane-1, https://10.240.0.10:2380, https://10.240.0.10:2379, false
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS member remove 89242d2dd9d4a40d
Member 89242d2dd9d4a40d removed from cluster 7b0347b0f67446d0
controlplane-1 $ etcdctl --endpoints=10.240.0.10:2379,10.240.0.11:2379 member add etcd-node-4 --peer-urls=http://10.240.0.16:2380
Member 6855ce5643eec108 added to cluster 7b0347b0f67446d0

ETCD_NAME="etcd-node-4"
ETCD_INITIAL_CLUSTER="controlplane-2=https://10.240.0.11:2380,etcd-node-4=http://10.240.0.16:2380,controlplane-1=https://10.240.0.10:2380"
ETCD_INITIAL_ADVERTISE_PEER_URLS="http://10.240.0.16:2380"
ETCD_INITIAL_CLUSTER_STATE="existing"
"#,
    );
}

/// tutorials/how-to-access-etcd.md, reading-from-etcd.md (JSON: the page's output misses
/// `"count":1` and misplaces a brace; this is 3.5's RangeResponse), how-to-get-key-by-prefix.md,
/// how-to-delete-keys.md, with `ENDPOINTS` set as the tutorials' own.
#[test]
fn tutorials_access_read_prefix_delete() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
ENDPOINTS=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379
etcdctl --endpoints=$ENDPOINTS put foo "Hello World"
etcdctl --endpoints=$ENDPOINTS put foo "Hello World!"
etcdctl --endpoints=$ENDPOINTS get foo
etcdctl --endpoints=$ENDPOINTS --write-out="json" get foo
etcdctl --endpoints=$ENDPOINTS put web1 value1
etcdctl --endpoints=$ENDPOINTS put web2 value2
etcdctl --endpoints=$ENDPOINTS put web3 value3
etcdctl --endpoints=$ENDPOINTS get web --prefix
etcdctl --endpoints=$ENDPOINTS put key myvalue
etcdctl --endpoints=$ENDPOINTS del key
etcdctl --endpoints=$ENDPOINTS put k1 value1
etcdctl --endpoints=$ENDPOINTS put k2 value2
etcdctl --endpoints=$ENDPOINTS del k --prefix
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ ENDPOINTS=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS put foo "Hello World"
OK
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS put foo "Hello World!"
OK
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS get foo
foo
Hello World!
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS --write-out="json" get foo
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":3,"raft_term":2},"kvs":[{"key":"Zm9v","create_revision":2,"mod_revision":3,"version":2,"value":"SGVsbG8gV29ybGQh"}],"count":1}
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS put web1 value1
OK
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS put web2 value2
OK
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS put web3 value3
OK
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS get web --prefix
web1
value1
web2
value2
web3
value3
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS put key myvalue
OK
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS del key
1
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS put k1 value1
OK
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS put k2 value2
OK
controlplane-1 $ etcdctl --endpoints=$ENDPOINTS del k --prefix
2
"#,
    );
}

/// tutorials/how-to-transactional-write.md (both transactions; `--interactive` prompts as
/// 3.5 does, `del`, where the page's first block still says `delete`).
#[test]
fn tutorials_transactional_write() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put user1 bad
etcdctl txn --interactive
value("user1") = "bad"

del user1

put user1 good

etcdctl put user1 bad
etcdctl txn --interactive
value("user1") = "bad"

put user test
put user2 testing3
get user1

put user1 bad

"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put user1 bad
OK
controlplane-1 $ etcdctl txn --interactive
compares:
value("user1") = "bad"

success requests (get, put, del):
del user1

failure requests (get, put, del):
put user1 good

SUCCESS

1
controlplane-1 $ etcdctl put user1 bad
OK
controlplane-1 $ etcdctl txn --interactive
compares:
value("user1") = "bad"

success requests (get, put, del):
put user test
put user2 testing3
get user1

failure requests (get, put, del):
put user1 bad

SUCCESS

OK

OK

user1
bad
"#,
    );
}

/// tutorials/how-to-watch-keys.md, how-to-create-lease.md (revoke, then the other ending:
/// expiry after 300 s), how-to-create-locks.md (the command form with `--`; the waiting
/// second client needs a second terminal: transcript_lock.rs has it), and
/// how-to-conduct-elections.md. (how-to-save-database.md's `snapshot save` / `status` are
/// in transcript_snapshot.rs with 3.5's logger lines; its table is right-aligned in 3.5.)
#[test]
fn tutorials_watch_lease_lock_elect() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl watch stock1
@put 2 stock1 1000
@tick 1
^C
etcdctl watch stock --prefix
@put 2 stock1 10
@tick 1
@put 2 stock2 20
@tick 1
^C
etcdctl lease grant 300
etcdctl put sample value --lease=5a3f75087e35752e
etcdctl get sample
etcdctl lease revoke 5a3f75087e35752e
etcdctl get sample
etcdctl lease grant 300
etcdctl put sample value --lease=7032b25097d368e4
@tick 301
etcdctl get sample
etcdctl lock mutex1 -- etcdctl put /critical done
etcdctl get /critical
etcdctl elect one p1
^C
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl watch stock1
PUT
stock1
1000
^C
[exit 130]
controlplane-1 $ etcdctl watch stock --prefix
PUT
stock1
10
PUT
stock2
20
^C
[exit 130]
controlplane-1 $ etcdctl lease grant 300
lease 5a3f75087e35752e granted with TTL(300s)
controlplane-1 $ etcdctl put sample value --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl get sample
sample
value
controlplane-1 $ etcdctl lease revoke 5a3f75087e35752e
lease 5a3f75087e35752e revoked
controlplane-1 $ etcdctl get sample
controlplane-1 $ etcdctl lease grant 300
lease 7032b25097d368e4 granted with TTL(300s)
controlplane-1 $ etcdctl put sample value --lease=7032b25097d368e4
OK
controlplane-1 $ etcdctl get sample
controlplane-1 $ etcdctl lock mutex1 -- etcdctl put /critical done
OK
controlplane-1 $ etcdctl get /critical
/critical
done
controlplane-1 $ etcdctl elect one p1
one/565946913e4633e8
p1
^C
"#,
    );
}

/// op-guide/maintenance.md (v3.5): "History compaction" (3.5's error text, see the header),
/// "Defragmentation" (the default endpoint, then `--cluster`), and the end of "Space
/// quota" without the quota itself: the revision read from `endpoint status` (Go dials
/// `:2379` on the local host), compaction at it, defrag, disarm (no alarm is raised here, so
/// nothing is printed), a put. The `egrep` pipeline and `etcdutl snapshot status` are not
/// available in the simulated shell.
#[test]
fn maintenance_compaction_defrag() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put somekey a
etcdctl put somekey b
etcdctl compact 3
etcdctl get --rev=2 somekey
etcdctl defrag
etcdctl defrag --cluster
etcdctl put somekey c
ETCDCTL_API=3 etcdctl --endpoints=:2379 endpoint status --write-out="json"
ETCDCTL_API=3 etcdctl compact 4
ETCDCTL_API=3 etcdctl defrag
ETCDCTL_API=3 etcdctl alarm disarm
ETCDCTL_API=3 etcdctl put newkey 123
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put somekey a
OK
controlplane-1 $ etcdctl put somekey b
OK
controlplane-1 $ etcdctl compact 3
compacted revision 3
controlplane-1 $ etcdctl get --rev=2 somekey
2> Error: etcdserver: mvcc: required revision has been compacted
[exit 1]
controlplane-1 $ etcdctl defrag
Finished defragmenting etcd member[127.0.0.1:2379]
controlplane-1 $ etcdctl defrag --cluster
Finished defragmenting etcd member[https://10.240.0.11:2379]
Finished defragmenting etcd member[https://10.240.0.12:2379]
Finished defragmenting etcd member[https://10.240.0.10:2379]
controlplane-1 $ etcdctl put somekey c
OK
controlplane-1 $ ETCDCTL_API=3 etcdctl --endpoints=:2379 endpoint status --write-out="json"
[{"Endpoint":":2379","Status":{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":4,"raft_term":2},"version":"3.5.9","dbSize":24576,"leader":16927763432924390401,"raftIndex":13,"raftTerm":2,"raftAppliedIndex":13,"dbSizeInUse":24576}}]
controlplane-1 $ ETCDCTL_API=3 etcdctl compact 4
compacted revision 4
controlplane-1 $ ETCDCTL_API=3 etcdctl defrag
Finished defragmenting etcd member[127.0.0.1:2379]
controlplane-1 $ ETCDCTL_API=3 etcdctl alarm disarm
controlplane-1 $ ETCDCTL_API=3 etcdctl put newkey 123
OK
"#,
    );
}

/// dev-guide/local_cluster.md (v3.5), "Interacting with the cluster" and "Testing fault
/// tolerance": our members are machines, so `goreman run stop etcd2` is `systemctl stop
/// etcd` on controlplane-2. 3.5's client does not log grpc's reconnects; the read through
/// the stopped member's endpoint ends at the 5 s command timeout.
#[test]
fn local_cluster_fault_tolerance() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl --endpoints=localhost:2379 put foo bar
etcdctl --endpoints=localhost:2379 get foo
ssh controlplane-2
systemctl stop etcd
exit
etcdctl put key hello
etcdctl get key
etcdctl --endpoints=10.240.0.11:2379 get key
ssh controlplane-2
systemctl start etcd
exit
@tick 2
etcdctl --endpoints=10.240.0.11:2379 get key
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl --endpoints=localhost:2379 put foo bar
OK
controlplane-1 $ etcdctl --endpoints=localhost:2379 get foo
foo
bar
controlplane-1 $ ssh controlplane-2
controlplane-2 $ systemctl stop etcd
controlplane-2 $ exit
logout
2> Connection to controlplane-2 closed.
controlplane-1 $ etcdctl put key hello
OK
controlplane-1 $ etcdctl get key
key
hello
controlplane-1 $ etcdctl --endpoints=10.240.0.11:2379 get key
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ ssh controlplane-2
controlplane-2 $ systemctl start etcd
controlplane-2 $ exit
logout
2> Connection to controlplane-2 closed.
controlplane-1 $ etcdctl --endpoints=10.240.0.11:2379 get key
key
hello
"#,
    );
}

/// README.md, PUT remarks: a value starting with `-` is read as a flag (cobra's error and
/// the command's usage on stderr, exit 1); without a value argument, the value is read from
/// standard input, all of it (`echo` adds a newline, which becomes part of the value).
#[test]
fn readme_put_remarks() {
    let mut t = term();
    let got = run(
        &mut t,
        "export ETCDCTL_API=3\netcdctl put foo -bar\necho bar | etcdctl put foo\netcdctl get foo\n",
    );
    let want_head = "controlplane-1 $ export ETCDCTL_API=3\ncontrolplane-1 $ etcdctl put foo -bar\n2> Error: unknown shorthand flag: 'b' in -bar\n2> NAME:\n2> \tput - Puts the given key into the store\n";
    let want_tail = "[exit 1]\ncontrolplane-1 $ echo bar | etcdctl put foo\nOK\ncontrolplane-1 $ etcdctl get foo\nfoo\nbar\n\n";
    assert!(got.starts_with(want_head), "{got}");
    assert!(got.ends_with(want_tail), "{got}");
}

/// README.md, WATCH "Interactive" examples (the range example with `foob`: see
/// readme_watch), then interacting_v3.md "Watch key changes" (`watch -i` on foo and zoo)
/// and "Watch progress" (on a fresh cluster, as the page's revisions 1 and 3 show).
/// watchInteractiveFunc's complaints go to stderr and it reads on.
#[test]
fn readme_and_guide_interactive_watch() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl watch -i
watch a
progress
@put 2 x 0
@put 2 y 1
progress
^C
etcdctl watch -i
watch foo
watch foo
@put 2 foo bar
@tick 1
^C
etcdctl watch -i
watch foo -- echo watch event received
@put 2 foo bar
@tick 1
^C
export ETCDCTL_WATCH_KEY=foo
etcdctl watch -i
watch -- echo watch event received
@put 2 foo bar
@tick 1
^C
export ETCDCTL_WATCH_RANGE_END=foox
etcdctl watch -i
watch -- echo watch event received
@put 2 foob bar
@tick 1
^C
unset ETCDCTL_WATCH_KEY ETCDCTL_WATCH_RANGE_END
etcdctl watch -i
watch foo
watch zoo
hello
watch
@put 2 foo bar
@tick 1
@put 2 zoo val
@tick 1
^C
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl watch -i
watch a
progress
progress notify: 1
progress
progress notify: 3
^C
[exit 130]
controlplane-1 $ etcdctl watch -i
watch foo
watch foo
PUT
foo
bar
PUT
foo
bar
^C
[exit 130]
controlplane-1 $ etcdctl watch -i
watch foo -- echo watch event received
PUT
foo
bar
watch event received
^C
[exit 130]
controlplane-1 $ export ETCDCTL_WATCH_KEY=foo
controlplane-1 $ etcdctl watch -i
watch -- echo watch event received
PUT
foo
bar
watch event received
^C
[exit 130]
controlplane-1 $ export ETCDCTL_WATCH_RANGE_END=foox
controlplane-1 $ etcdctl watch -i
watch -- echo watch event received
PUT
foob
bar
watch event received
^C
[exit 130]
controlplane-1 $ unset ETCDCTL_WATCH_KEY ETCDCTL_WATCH_RANGE_END
controlplane-1 $ etcdctl watch -i
watch foo
watch zoo
hello
2> Invalid command hello (only support watch)
watch
2> Invalid command watch (command type or key is not provided)
PUT
foo
bar
PUT
zoo
val
^C
[exit 130]
"#,
    );
}
