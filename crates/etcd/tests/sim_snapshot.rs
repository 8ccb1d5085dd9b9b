//! `etcdctl snapshot save|status` on the simulated Raft cluster: each member serves the
//! snapshot from its own applied state, also when it is cut off from the quorum (its
//! snapshot is then stale), and equal states give equal status lines.

#[path = "sim_common/mod.rs"]
mod sim_common;
use sim_common::*;

#[test]
fn minority_member_snapshot_is_stale_until_it_catches_up() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
@isolate 3
@put 1 k1 v1
@put 1 k2 v2
etcdctl snapshot save s3.db --endpoints=10.240.0.12:2379
etcdctl snapshot save s1.db --endpoints=10.240.0.10:2379
etcdctl snapshot status s3.db
etcdctl snapshot status s1.db
@heal
@tick 2
etcdctl snapshot save s3b.db --endpoints=10.240.0.12:2379 -w table
etcdctl snapshot status s3b.db -w table
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ etcdctl snapshot save s3.db --endpoints=10.240.0.12:2379
2> {"level":"info","ts":"2018-07-24T00:00:01.236865Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"s3.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:01.238065Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:01.238115Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"10.240.0.12:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:01.238361Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:01.238761Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"10.240.0.12:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:01.238861Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"s3.db"}
Snapshot saved at s3.db
controlplane-1 $ etcdctl snapshot save s1.db --endpoints=10.240.0.10:2379
2> {"level":"info","ts":"2018-07-24T00:00:01.238861Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"s1.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:01.240061Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:01.240111Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"10.240.0.10:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:01.240357Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:01.240757Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"10.240.0.10:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:01.240857Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"s1.db"}
Snapshot saved at s1.db
controlplane-1 $ etcdctl snapshot status s3.db
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
95401b50, 2, 9, 25 kB
controlplane-1 $ etcdctl snapshot status s1.db
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
7c674433, 4, 11, 25 kB
controlplane-1 $ etcdctl snapshot save s3b.db --endpoints=10.240.0.12:2379 -w table
2> {"level":"info","ts":"2018-07-24T00:00:03.240857Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"s3b.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:03.242057Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:03.242107Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"10.240.0.12:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:03.242353Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:03.242753Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"10.240.0.12:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:03.242853Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"s3b.db"}
Snapshot saved at s3b.db
controlplane-1 $ etcdctl snapshot status s3b.db -w table
2> Deprecated: Use `etcdutl snapshot status` instead.
2> 
+----------+----------+------------+------------+
|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE |
+----------+----------+------------+------------+
| 7c674433 |        4 |         11 |      25 kB |
+----------+----------+------------+------------+
"#,
    );
}
