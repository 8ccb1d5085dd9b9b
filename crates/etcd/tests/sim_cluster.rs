//! Transcript tests over the simulated Raft cluster: membership changes and leadership
//! transfer drive the real Raft configuration change and TimeoutNow transfer.

#[path = "sim_common/mod.rs"]
mod sim_common;
use quorum_etcd::EtcdBackend;
use sim_common::*;

/// A learner is added (unstarted), cannot be promoted before it runs and catches up, then
/// is started, replicates as a non-voter, and is promoted to a voter of the Raft group.
#[test]
fn member_add_learner_then_promote() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put a 1
etcdctl member add controlplane-4 --peer-urls=https://10.240.0.13:2380 --learner
etcdctl member list
etcdctl member promote 4d5cb825dfaab05b
etcdctl member add controlplane-5 --peer-urls=https://10.240.0.14:2380 --learner
etcdctl member add controlplane-5 --peer-urls=https://10.240.0.13:2380
@start 4d5cb825dfaab05b
@tick 1
etcdctl member list -w table
etcdctl --endpoints=10.240.0.13:2379 get a --consistency=s
etcdctl member promote 4d5cb825dfaab05b
etcdctl member promote 4d5cb825dfaab05b
etcdctl member list
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put a 1
OK
controlplane-1 $ etcdctl member add controlplane-4 --peer-urls=https://10.240.0.13:2380 --learner
Member 4d5cb825dfaab05b added to cluster 7b0347b0f67446d0

ETCD_NAME="controlplane-4"
ETCD_INITIAL_CLUSTER="controlplane-2=https://10.240.0.11:2380,controlplane-4=https://10.240.0.13:2380,controlplane-3=https://10.240.0.12:2380,controlplane-1=https://10.240.0.10:2380"
ETCD_INITIAL_ADVERTISE_PEER_URLS="https://10.240.0.13:2380"
ETCD_INITIAL_CLUSTER_STATE="existing"
controlplane-1 $ etcdctl member list
2c0e0fedbe2218a8, started, controlplane-2, https://10.240.0.11:2380, https://10.240.0.11:2379, false
4d5cb825dfaab05b, unstarted, , https://10.240.0.13:2380, , true
89242d2dd9d4a40d, started, controlplane-3, https://10.240.0.12:2380, https://10.240.0.12:2379, false
eaeb7f27b54e2401, started, controlplane-1, https://10.240.0.10:2380, https://10.240.0.10:2379, false
controlplane-1 $ etcdctl member promote 4d5cb825dfaab05b
2> Error: etcdserver: can only promote a learner member which is in sync with leader
[exit 1]
controlplane-1 $ etcdctl member add controlplane-5 --peer-urls=https://10.240.0.14:2380 --learner
2> Error: etcdserver: too many learner members in cluster
[exit 1]
controlplane-1 $ etcdctl member add controlplane-5 --peer-urls=https://10.240.0.13:2380
2> Error: etcdserver: Peer URLs already exists
[exit 1]
controlplane-1 $ etcdctl member list -w table
+------------------+---------+----------------+--------------------------+--------------------------+------------+
|        ID        | STATUS  |      NAME      |        PEER ADDRS        |       CLIENT ADDRS       | IS LEARNER |
+------------------+---------+----------------+--------------------------+--------------------------+------------+
| 2c0e0fedbe2218a8 | started | controlplane-2 | https://10.240.0.11:2380 | https://10.240.0.11:2379 |      false |
| 4d5cb825dfaab05b | started | controlplane-4 | https://10.240.0.13:2380 | https://10.240.0.13:2379 |       true |
| 89242d2dd9d4a40d | started | controlplane-3 | https://10.240.0.12:2380 | https://10.240.0.12:2379 |      false |
| eaeb7f27b54e2401 | started | controlplane-1 | https://10.240.0.10:2380 | https://10.240.0.10:2379 |      false |
+------------------+---------+----------------+--------------------------+--------------------------+------------+
controlplane-1 $ etcdctl --endpoints=10.240.0.13:2379 get a --consistency=s
a
1
controlplane-1 $ etcdctl member promote 4d5cb825dfaab05b
Member 4d5cb825dfaab05b promoted in cluster 7b0347b0f67446d0
controlplane-1 $ etcdctl member promote 4d5cb825dfaab05b
2> Error: etcdserver: can only promote a learner member
[exit 1]
controlplane-1 $ etcdctl member list
2c0e0fedbe2218a8, started, controlplane-2, https://10.240.0.11:2380, https://10.240.0.11:2379, false
4d5cb825dfaab05b, started, controlplane-4, https://10.240.0.13:2380, https://10.240.0.13:2379, false
89242d2dd9d4a40d, started, controlplane-3, https://10.240.0.12:2380, https://10.240.0.12:2379, false
eaeb7f27b54e2401, started, controlplane-1, https://10.240.0.10:2380, https://10.240.0.10:2379, false
"#,
    );
    // Raft itself now counts node 4 as a voter, on every member.
    let world = t.backend().world();
    let w = world.borrow();
    for id in 1..=4u64 {
        let node = w.node(id).expect("running");
        assert!(node.membership().is_voter(4), "node {id}");
        assert_eq!(node.membership().voters.len(), 4, "node {id}");
    }
}

/// Adding a voter that is never started raises the majority to 3 of 4: one more stopped
/// member then loses quorum (the reason learners exist). Removing a member shrinks it back.
#[test]
fn unstarted_voter_costs_fault_tolerance_and_remove_restores_it() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl member add controlplane-4 --peer-urls=https://10.240.0.13:2380
ssh controlplane-3
systemctl stop etcd
exit
etcdctl put k v
etcdctl member remove 4d5cb825dfaab05b
ssh controlplane-3
systemctl start etcd
exit
etcdctl member remove 4d5cb825dfaab05b
etcdctl member remove 4d5cb825dfaab05b
ssh controlplane-3
systemctl stop etcd
exit
etcdctl put k v
etcdctl member list
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl member add controlplane-4 --peer-urls=https://10.240.0.13:2380
Member 4d5cb825dfaab05b added to cluster 7b0347b0f67446d0

ETCD_NAME="controlplane-4"
ETCD_INITIAL_CLUSTER="controlplane-2=https://10.240.0.11:2380,controlplane-4=https://10.240.0.13:2380,controlplane-3=https://10.240.0.12:2380,controlplane-1=https://10.240.0.10:2380"
ETCD_INITIAL_ADVERTISE_PEER_URLS="https://10.240.0.13:2380"
ETCD_INITIAL_CLUSTER_STATE="existing"
controlplane-1 $ ssh controlplane-3
controlplane-3 $ systemctl stop etcd
controlplane-3 $ exit
logout
2> Connection to controlplane-3 closed.
controlplane-1 $ etcdctl put k v
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ etcdctl member remove 4d5cb825dfaab05b
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ ssh controlplane-3
controlplane-3 $ systemctl start etcd
controlplane-3 $ exit
logout
2> Connection to controlplane-3 closed.
controlplane-1 $ etcdctl member remove 4d5cb825dfaab05b
Member 4d5cb825dfaab05b removed from cluster 7b0347b0f67446d0
controlplane-1 $ etcdctl member remove 4d5cb825dfaab05b
2> Error: etcdserver: member not found
[exit 1]
controlplane-1 $ ssh controlplane-3
controlplane-3 $ systemctl stop etcd
controlplane-3 $ exit
logout
2> Connection to controlplane-3 closed.
controlplane-1 $ etcdctl put k v
OK
controlplane-1 $ etcdctl member list
2c0e0fedbe2218a8, started, controlplane-2, https://10.240.0.11:2380, https://10.240.0.11:2379, false
89242d2dd9d4a40d, started, controlplane-3, https://10.240.0.12:2380, https://10.240.0.12:2379, false
eaeb7f27b54e2401, started, controlplane-1, https://10.240.0.10:2380, https://10.240.0.10:2379, false
"#,
    );
}

fn id_of_node(t: &Term, node: u64) -> u64 {
    t.backend().member_id(node)
}

/// move-leader asks the current leader (found among the given endpoints) to transfer; the
/// target campaigns at once (TimeoutNow) and wins with a higher term.
#[test]
fn move_leader_transfers_raft_leadership() {
    let mut t = term();
    run(&mut t, "export ETCDCTL_API=3\n");
    let world = t.backend().world();
    let old = world.borrow().leader().expect("leader");
    let old_term = world.borrow().node(old).expect("up").term();
    let target = (1..=3u64).find(|&n| n != old).expect("a follower");
    let (from_id, to_id) = (id_of_node(&t, old), id_of_node(&t, target));
    let all = "--endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379";
    let got = run(&mut t, &format!("etcdctl move-leader {to_id:x} {all}\n"));
    assert_eq!(
        got,
        format!(
            "controlplane-1 $ etcdctl move-leader {to_id:x} {all}\n\
             Leadership transferred from {from_id:x} to {to_id:x}\n"
        )
    );
    assert_eq!(world.borrow().leader(), Some(target));
    assert!(world.borrow().node(target).expect("up").term() > old_term);
    // After a heartbeat or two, each member's status names the new leader.
    run(&mut t, "@tick 1\n");
    for m in t.backend().members() {
        let s = t.backend_mut().status(m.id).expect("status");
        assert_eq!(s.leader, to_id);
    }
    // Only the leader can be asked; a follower endpoint alone is refused by etcdctl.
    let follower = (1..=3u64).find(|&n| n != target).expect("follower");
    let got = run(
        &mut t,
        &format!(
            "etcdctl move-leader {from_id:x} --endpoints=10.240.0.{}:2379\n",
            9 + follower
        ),
    );
    assert!(
        got.contains("2> Error: no leader endpoint given at [10.240.0."),
        "{got}"
    );
}

/// Transfer to a stopped member never completes: the client's 5 s deadline ends it.
#[test]
fn move_leader_to_a_stopped_member_times_out() {
    let mut t = term();
    run(&mut t, "export ETCDCTL_API=3\n");
    let leader = t.backend().world().borrow().leader().expect("leader");
    let target = (1..=3u64).find(|&n| n != leader).expect("a follower");
    let to_id = id_of_node(&t, target);
    run(
        &mut t,
        &format!("ssh controlplane-{target}\nsystemctl stop etcd\nexit\n"),
    );
    let all = "--endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379";
    let got = run(
        &mut t,
        &format!("@mark\netcdctl move-leader {to_id:x} {all}\n@elapsed\n"),
    );
    assert!(
        got.contains("2> Error: context deadline exceeded\n"),
        "{got}"
    );
    assert!(got.ends_with("# elapsed=5000ms\n"), "{got}");
    assert_eq!(t.backend().world().borrow().leader(), Some(leader));
}
