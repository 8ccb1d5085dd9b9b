//! Transcript tests over the simulated Raft cluster (`SimBackend`): the notes' own commands.
//! Every write below is a real Raft proposal, committed by a majority and applied by each
//! member's `EtcdState`.

#[path = "sim_common/mod.rs"]
mod sim_common;
use quorum_etcd::sim_backend::Stamped;
use quorum_etcd::{EtcdBackend, Request};
use sim_common::*;

/// The notes end with these commands: v2 is 3.3's default, `export ETCDCTL_API=3` switches.
#[test]
fn notes_commands_on_the_simulated_cluster() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl put name john
export ETCDCTL_API=3
etcdctl put name john
etcdctl get name
etcdctl get / --prefix --keys-only
etcdctl put /registry/pods/web 1
etcdctl get / --prefix --keys-only
etcdctl get "" --prefix
"#,
        r#"
controlplane-1 $ etcdctl put name john
2> No help topic for 'put'
[exit 3]
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put name john
OK
controlplane-1 $ etcdctl get name
name
john
controlplane-1 $ etcdctl get / --prefix --keys-only
controlplane-1 $ etcdctl put /registry/pods/web 1
OK
controlplane-1 $ etcdctl get / --prefix --keys-only
/registry/pods/web

controlplane-1 $ etcdctl get "" --prefix
/registry/pods/web
1
name
john
"#,
    );
}

/// The write went through Raft: every member applied it at the same revision, and the
/// leader's log holds it as a committed entry. As in etcd, `put` returns once the member
/// it talked to applied the entry (etcd's server waits for its own apply); the others
/// learn the commit index one message later (the append the leader sends when the commit
/// advances, at the latest the next heartbeat), so they are checked after a moment.
#[test]
fn a_put_is_replicated_to_every_member_through_the_log() {
    let mut t = term();
    run(&mut t, "export ETCDCTL_API=3\netcdctl put name john\n");
    let me = t.machines()[0].member.expect("machine 1 hosts a member");
    assert_eq!(
        t.backend().local_revision(me),
        Some(2),
        "the contacted member"
    );
    run(&mut t, "@tick 1\n");
    let b = t.backend();
    let world = b.world();
    let leader = world.borrow().leader().expect("a leader");
    let commit = world.borrow().node(leader).expect("leader runs").commit();
    for m in b.members() {
        assert_eq!(b.local_revision(m.id), Some(2), "member {:x}", m.id);
    }
    let w = world.borrow();
    let entries = w.node(leader).expect("leader").log_entries();
    let carries_put = entries.iter().any(|e| {
        e.index <= commit
            && e.data().is_some_and(|d| {
                matches!(Stamped::decode(d), Ok(Stamped { req: Request::Put(p), .. }) if p.key == "name")
            })
    });
    assert!(carries_put, "the put is a committed log entry");
}

/// Serializable and linearizable reads agree on a healthy, settled cluster, from every member.
#[test]
fn reads_through_every_endpoint() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put greeting hello
etcdctl --endpoints=10.240.0.11:2379 get greeting
@tick 1
etcdctl --endpoints=https://10.240.0.12:2379 get greeting --consistency=s
etcdctl --endpoints=10.240.0.12:2379 del greeting
etcdctl get greeting
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put greeting hello
OK
controlplane-1 $ etcdctl --endpoints=10.240.0.11:2379 get greeting
greeting
hello
controlplane-1 $ etcdctl --endpoints=https://10.240.0.12:2379 get greeting --consistency=s
greeting
hello
controlplane-1 $ etcdctl --endpoints=10.240.0.12:2379 del greeting
1
controlplane-1 $ etcdctl get greeting
"#,
    );
}
