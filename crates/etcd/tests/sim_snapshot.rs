//! `etcdctl snapshot save|status` on the simulated Raft cluster: each member serves the
//! snapshot from its own applied state, also when it is cut off from the quorum (its
//! snapshot is then stale), and equal states give equal status lines.

#[path = "sim_common/mod.rs"]
mod sim_common;
use sim_common::*;

/// `@tick 1` after the first put: `put` returns once the contacted member applied it (as
/// in etcd); member 3 learns the commit a message later, and isolating it before that
/// would make its snapshot miss `foo` too, which is not what this test is about.
#[test]
fn minority_member_snapshot_is_stale_until_it_catches_up() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
@tick 1
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
2> {"level":"info","ts":"2018-07-24T00:00:02.242896Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"s3.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:02.244096Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:02.244146Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"10.240.0.12:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:02.244392Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:02.244792Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"10.240.0.12:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:02.244892Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"s3.db"}
Snapshot saved at s3.db
controlplane-1 $ etcdctl snapshot save s1.db --endpoints=10.240.0.10:2379
2> {"level":"info","ts":"2018-07-24T00:00:02.244892Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"s1.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:02.246092Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:02.246142Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"10.240.0.10:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:02.246388Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:02.246788Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"10.240.0.10:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:02.246888Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"s1.db"}
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
2> {"level":"info","ts":"2018-07-24T00:00:04.246888Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"s3b.db.part"}
2> {"level":"info","ts":"2018-07-24T00:00:04.248088Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:212","msg":"opened snapshot stream; downloading"}
2> {"level":"info","ts":"2018-07-24T00:00:04.248138Z","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"10.240.0.12:2379"}
2> {"level":"info","ts":"2018-07-24T00:00:04.248384Z","logger":"client","caller":"v3@v3.5.9/maintenance.go:220","msg":"completed snapshot read; closing"}
2> {"level":"info","ts":"2018-07-24T00:00:04.248784Z","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"10.240.0.12:2379","size":"25 kB","took":"now"}
2> {"level":"info","ts":"2018-07-24T00:00:04.248884Z","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"s3b.db"}
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
