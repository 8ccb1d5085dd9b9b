//! Transcript tests (snapshot): `etcdctl snapshot save|status` as etcdctl 3.5.9 prints them
//! (the log lines of client/v3/snapshot/v3_snapshot.go and client/v3/maintenance.go, the
//! deprecation notice, etcdutl's status printers), the file kept in the machine's file
//! system. Generated from the engine, then reviewed line by line against etcdctl's sources
//! and published 3.5.x output.

mod common;
use common::*;

#[test]
fn save_then_status_in_every_format() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
etcdctl snapshot save /tmp/snap.db
ls /tmp
etcdctl snapshot status /tmp/snap.db -w table
etcdctl snapshot status /tmp/snap.db
etcdctl snapshot status /tmp/snap.db -w json
etcdctl --write-out=fields snapshot status /tmp/snap.db
etcdctl snapshot status /tmp/snap.db -w protobuf
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ etcdctl snapshot save /tmp/snap.db
2> {"level":"info","ts":"2018-07-24T00:00:00.0018Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"/tmp/snap.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:00.003Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:00.00305Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"127.0.0.1:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:00.003296Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:00.003696Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"127.0.0.1:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:00.003796Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"/tmp/snap.db"}
Snapshot saved at /tmp/snap.db
controlplane-1 $ ls /tmp
snap.db
controlplane-1 $ etcdctl snapshot status /tmp/snap.db -w table
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
+----------+----------+------------+------------+
|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE |
+----------+----------+------------+------------+
| 95401b50 |        2 |          9 |      25 kB |
+----------+----------+------------+------------+
controlplane-1 $ etcdctl snapshot status /tmp/snap.db
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
95401b50, 2, 9, 25 kB
controlplane-1 $ etcdctl snapshot status /tmp/snap.db -w json
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
{"hash":2504006480,"revision":2,"totalKey":9,"totalSize":24576}
controlplane-1 $ etcdctl --write-out=fields snapshot status /tmp/snap.db
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
"Hash" : 2504006480
"Revision" : 2
"Keys" : 9
"Size" : 24576
controlplane-1 $ etcdctl snapshot status /tmp/snap.db -w protobuf
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
2> Error: protobuf not supported as output format
[exit 4]
"#,
    );
}

#[test]
fn relative_paths_and_tls_flags() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
mkdir backup
cd backup
ETCDCTL_API=3 etcdctl --endpoints=https://10.240.0.11:2379 --cacert=/etc/etcd/ca.pem --cert=/etc/etcd/kubernetes.pem --key=/etc/etcd/kubernetes-key.pem snapshot save snap.db
ls
cd
etcdctl snapshot status backup/snap.db -w table
cat backup/snap.db
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ mkdir backup
controlplane-1 $ cd backup
controlplane-1 $ ETCDCTL_API=3 etcdctl --endpoints=https://10.240.0.11:2379 --cacert=/etc/etcd/ca.pem --cert=/etc/etcd/kubernetes.pem --key=/etc/etcd/kubernetes-key.pem snapshot save snap.db
2> {"level":"info","ts":"2018-07-24T00:00:00Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"snap.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:00.0012Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:00.00125Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"https://10.240.0.11:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:00.001455Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:00.001855Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"https://10.240.0.11:2379","size":"20 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:00.001955Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"snap.db"}
Snapshot saved at snap.db
controlplane-1 $ ls
snap.db
controlplane-1 $ cd
controlplane-1 $ etcdctl snapshot status backup/snap.db -w table
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
+----------+----------+------------+------------+
|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE |
+----------+----------+------------+------------+
| c344543e |        0 |          8 |      20 kB |
+----------+----------+------------+------------+
controlplane-1 $ cat backup/snap.db
etcd 3.5 backend snapshot (simulated bbolt database)
hash 3276035134
revision 0
total-keys 8
total-size 20480
"#,
    );
}

/// After `del a` (revision 3) and `compaction 3`, the tombstone at 3 stays in the key
/// bucket (etcd #18274, in 3.5 via #18474), so four.db still has revision 3.
#[test]
fn equal_stores_give_equal_status() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put a 1
etcdctl snapshot save one.db
etcdctl snapshot save two.db --endpoints=10.240.0.12:2379
etcdctl snapshot status one.db
etcdctl snapshot status two.db
etcdctl del a
etcdctl snapshot save three.db
etcdctl snapshot status three.db
etcdctl compaction 3
etcdctl snapshot save four.db
etcdctl snapshot status four.db
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put a 1
OK
controlplane-1 $ etcdctl snapshot save one.db
2> {"level":"info","ts":"2018-07-24T00:00:00.0018Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"one.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:00.003Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:00.00305Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"127.0.0.1:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:00.003296Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:00.003696Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"127.0.0.1:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:00.003796Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"one.db"}
Snapshot saved at one.db
controlplane-1 $ etcdctl snapshot save two.db --endpoints=10.240.0.12:2379
2> {"level":"info","ts":"2018-07-24T00:00:00.003796Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"two.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:00.004996Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:00.005046Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"10.240.0.12:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:00.005292Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:00.005692Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"10.240.0.12:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:00.005792Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"two.db"}
Snapshot saved at two.db
controlplane-1 $ etcdctl snapshot status one.db
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
ea026fb6, 2, 9, 25 kB
controlplane-1 $ etcdctl snapshot status two.db
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
ea026fb6, 2, 9, 25 kB
controlplane-1 $ etcdctl del a
1
controlplane-1 $ etcdctl snapshot save three.db
2> {"level":"info","ts":"2018-07-24T00:00:00.007592Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"three.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:00.008792Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:00.008842Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"127.0.0.1:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:00.009088Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:00.009488Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"127.0.0.1:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:00.009588Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"three.db"}
Snapshot saved at three.db
controlplane-1 $ etcdctl snapshot status three.db
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
2c6d9001, 3, 10, 25 kB
controlplane-1 $ etcdctl compaction 3
compacted revision 3
controlplane-1 $ etcdctl snapshot save four.db
2> {"level":"info","ts":"2018-07-24T00:00:00.011388Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"four.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:00.012588Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:00.012638Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"127.0.0.1:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:00.012884Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:00.013284Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"127.0.0.1:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:00.013384Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"four.db"}
Snapshot saved at four.db
controlplane-1 $ etcdctl snapshot status four.db
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
71573ab9, 3, 11, 25 kB
"#,
    );
}

#[test]
fn save_errors() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl snapshot save nodir/x.db
etcdctl snapshot save /tmp
etcdctl snapshot save
etcdctl snapshot save a b
etcdctl snapshot save x.db --endpoints=10.240.0.10:2379,10.240.0.11:2379
ls
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl snapshot save nodir/x.db
2> Error: could not open nodir/x.db.part (open nodir/x.db.part: no such file or directory)
[exit 5]
controlplane-1 $ etcdctl snapshot save /tmp
2> {"level":"info","ts":"2018-07-24T00:00:00Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"/tmp.part"}
2> {"level":"info","ts":"2018-07-24T00:00:00.0012Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:00.00125Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"127.0.0.1:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:00.001455Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:00.001855Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"127.0.0.1:2379","size":"20 kB","took":"now"}
2> Error: could not rename /tmp.part to /tmp (rename /tmp.part /tmp: file exists)
[exit 5]
controlplane-1 $ etcdctl snapshot save
2> Error: snapshot save expects one argument
[exit 128]
controlplane-1 $ etcdctl snapshot save a b
2> Error: snapshot save expects one argument
[exit 128]
controlplane-1 $ etcdctl snapshot save x.db --endpoints=10.240.0.10:2379,10.240.0.11:2379
2> Error: snapshot must be requested to one selected node, not multiple [10.240.0.10:2379 10.240.0.11:2379]
[exit 5]
controlplane-1 $ ls
ca.pem  kubernetes-key.pem  kubernetes.pem
"#,
    );
}

#[test]
fn status_errors() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl snapshot status nothere.db
echo hello > notdb
etcdctl snapshot status notdb
touch empty
etcdctl snapshot status empty
etcdctl snapshot status /tmp
etcdctl snapshot status
etcdctl snapshot status a b
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl snapshot status nothere.db
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
2> Error: stat nothere.db: no such file or directory
[exit 1]
controlplane-1 $ echo hello > notdb
controlplane-1 $ etcdctl snapshot status notdb
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
2> Error: invalid database
[exit 1]
controlplane-1 $ touch empty
controlplane-1 $ etcdctl snapshot status empty
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
2> Error: write empty: bad file descriptor
[exit 1]
controlplane-1 $ etcdctl snapshot status /tmp
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
2> Error: invalid database
[exit 1]
controlplane-1 $ etcdctl snapshot status
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
2> Error: snapshot status requires exactly one argument
[exit 128]
controlplane-1 $ etcdctl snapshot status a b
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
2> Error: snapshot status requires exactly one argument
[exit 128]
"#,
    );
}

#[test]
fn unreachable_endpoint_blocks_until_the_deadline() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
systemctl stop etcd
etcdctl snapshot save down.db --command-timeout=3s
ls
etcdctl snapshot save down.db
^C
ls
etcdctl snapshot save far.db --endpoints=10.0.0.99:2379 --command-timeout=1s
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ systemctl stop etcd
controlplane-1 $ etcdctl snapshot save down.db --command-timeout=3s
2> {"level":"info","ts":"2018-07-24T00:00:00Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"down.db.part"}
2> Error: context deadline exceeded
[exit 5]
controlplane-1 $ ls
ca.pem  kubernetes-key.pem  kubernetes.pem
controlplane-1 $ etcdctl snapshot save down.db
2> {"level":"info","ts":"2018-07-24T00:00:03Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"down.db.part"}
^C
[exit 130]
controlplane-1 $ ls
ca.pem  down.db.part  kubernetes-key.pem  kubernetes.pem
controlplane-1 $ etcdctl snapshot save far.db --endpoints=10.0.0.99:2379 --command-timeout=1s
2> {"level":"info","ts":"2018-07-24T00:00:03Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"far.db.part"}
2> Error: context deadline exceeded
[exit 5]
"#,
    );
}

#[test]
fn isolated_member_serves_its_own_state() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put k v
@isolate 1
@put 2 k2 v2
etcdctl snapshot save mine.db
etcdctl snapshot save theirs.db --endpoints=10.240.0.11:2379
etcdctl snapshot status mine.db
etcdctl snapshot status theirs.db
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put k v
OK
controlplane-1 $ etcdctl snapshot save mine.db
2> {"level":"info","ts":"2018-07-24T00:00:00.0036Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"mine.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:00.0048Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:00.00485Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"127.0.0.1:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:00.005096Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:00.005496Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"127.0.0.1:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:00.005596Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"mine.db"}
Snapshot saved at mine.db
controlplane-1 $ etcdctl snapshot save theirs.db --endpoints=10.240.0.11:2379
2> {"level":"info","ts":"2018-07-24T00:00:00.005596Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"theirs.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:00.006796Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:00.006846Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"10.240.0.11:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:00.007092Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:00.007492Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"10.240.0.11:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:00.007592Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"theirs.db"}
Snapshot saved at theirs.db
controlplane-1 $ etcdctl snapshot status mine.db
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
9f1141e9, 2, 9, 25 kB
controlplane-1 $ etcdctl snapshot status theirs.db
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
a6cf547b, 3, 10, 25 kB
"#,
    );
}

#[test]
fn restore_is_refused() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl snapshot restore /tmp/snap.db --data-dir /var/lib/etcd-restore
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl snapshot restore /tmp/snap.db --data-dir /var/lib/etcd-restore
2> Error: this command is not available in the simulated cluster
[exit 1]
"#,
    );
}
