//! Transcript tests over the simulated Raft cluster: lease expiry (the leader's lessor
//! proposes the revoke through Raft) and watches fed by each member's applied events.

#[path = "sim_common/mod.rs"]
mod sim_common;
use quorum_etcd::mvcc::{KeyRange, RangeRequest};
use quorum_etcd::{EtcdBackend, Request, Response};
use sim_common::*;

/// Keys attached to a lease disappear in ONE revision when it expires, on every member;
/// keep-alive pushes the expiry back.
#[test]
fn lease_expiry_deletes_attached_keys_in_one_revision_everywhere() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lease grant 10
etcdctl put a 1 --lease=5a3f75087e35752e
etcdctl put b 2 --lease=5a3f75087e35752e
etcdctl put c 3
etcdctl lease timetolive 5a3f75087e35752e --keys
@tick 5
etcdctl lease keep-alive --once 5a3f75087e35752e
@tick 9
etcdctl get "" --prefix --keys-only
@tick 2
etcdctl lease timetolive 5a3f75087e35752e
etcdctl get "" --prefix --keys-only
etcdctl lease list
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lease grant 10
lease 5a3f75087e35752e granted with TTL(10s)
controlplane-1 $ etcdctl put a 1 --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl put b 2 --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl put c 3
OK
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e --keys
lease 5a3f75087e35752e granted with TTL(10s), remaining(9s), attached keys([a b])
controlplane-1 $ etcdctl lease keep-alive --once 5a3f75087e35752e
lease 5a3f75087e35752e keepalived with TTL(10)
controlplane-1 $ etcdctl get "" --prefix --keys-only
a

b

c

controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e
lease 5a3f75087e35752e already expired
controlplane-1 $ etcdctl get "" --prefix --keys-only
c

controlplane-1 $ etcdctl lease list
found 0 leases
"#,
    );
    // Revisions: a=2, b=3, c=4, the revoke deleted a and b together at 5 (on every member).
    let b = t.backend();
    for m in b.members() {
        assert_eq!(b.local_revision(m.id), Some(5), "member {:x}", m.id);
        let ev = b
            .local_events(m.id, 5, "", &KeyRange::FromKey)
            .expect("member")
            .expect("not compacted");
        let keys: Vec<&str> = ev.iter().map(|e| e.kv.key.as_str()).collect();
        assert_eq!(keys, ["a", "b"], "member {:x}", m.id);
    }
}

/// Expiry happens in simulated time even when nobody types: the lessor runs on the leader.
#[test]
fn lease_expires_while_time_passes_without_commands() {
    let mut t = term();
    run(
        &mut t,
        "export ETCDCTL_API=3\netcdctl lease grant 2\netcdctl put tmp x --lease=5a3f75087e35752e\n",
    );
    let me = t.machines()[0].member.expect("member");
    let get = Request::Range(RangeRequest {
        key: "tmp".into(),
        ..Default::default()
    });
    let count = |t: &Term| match t.backend().local_query(me, &get) {
        Some(Response::Range(r)) => r.count,
        other => panic!("{other:?}"),
    };
    assert_eq!(count(&t), 1);
    t.tick(1_000_000);
    assert_eq!(count(&t), 1);
    t.tick(2_000_000);
    assert_eq!(count(&t), 0);
}

/// A watch streams the events a member applies, including another client's writes that
/// travel through Raft while it runs.
#[test]
fn watch_across_writes_from_other_members() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put k v1
etcdctl watch k --rev=2 --prev-kv
@put 2 k v2
@tick 1
@put 3 k v3
@tick 1
^C
etcdctl watch --prefix k
@put 3 k1 a
@put 3 other b
@tick 1
^C
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put k v1
OK
controlplane-1 $ etcdctl watch k --rev=2 --prev-kv
PUT
k
v1
PUT
k
v1
k
v2
PUT
k
v2
k
v3
^C
[exit 130]
controlplane-1 $ etcdctl watch --prefix k
PUT
k1
a
^C
[exit 130]
"#,
    );
}

/// A watch on a member that loses its leader is cancelled, as etcd does.
#[test]
fn watch_is_cancelled_when_the_member_loses_its_leader() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl watch k
@isolate 1
@tick 5
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl watch k
watch was canceled (etcdserver: no leader)
2> Error: watch is canceled by the server
[exit 2]
"#,
    );
}
