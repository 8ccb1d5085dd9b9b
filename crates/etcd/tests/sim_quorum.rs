//! Transcript tests over the simulated Raft cluster: quorum loss, a stale minority, and a
//! new leader after the old one stops. Timeouts are etcdctl's 5 s in simulated time.

#[path = "sim_common/mod.rs"]
mod sim_common;
use quorum_etcd::EtcdBackend;
use sim_common::*;

/// Two of three members stopped: writes and ReadIndex reads wait the whole 5 s and fail;
/// a serializable read answers at once from the local member.
#[test]
fn quorum_loss_writes_and_linearizable_reads_time_out_after_5s() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
ssh controlplane-2
sudo systemctl stop etcd
exit
ssh 10.240.0.12
systemctl stop etcd
exit
@mark
etcdctl put foo baz
@elapsed
etcdctl get foo
@elapsed
etcdctl get foo --consistency=s
@elapsed
etcdctl member list
etcdctl endpoint health
etcdctl watch foo
etcdctl lease grant 60
ssh controlplane-3
systemctl start etcd
exit
etcdctl put foo baz
etcdctl get foo
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ ssh controlplane-2
controlplane-2 $ sudo systemctl stop etcd
controlplane-2 $ exit
logout
2> Connection to controlplane-2 closed.
controlplane-1 $ ssh 10.240.0.12
controlplane-3 $ systemctl stop etcd
controlplane-3 $ exit
logout
2> Connection to controlplane-3 closed.
controlplane-1 $ etcdctl put foo baz
2> Error: context deadline exceeded
[exit 1]
# elapsed=5000ms
controlplane-1 $ etcdctl get foo
2> Error: context deadline exceeded
[exit 1]
# elapsed=10000ms
controlplane-1 $ etcdctl get foo --consistency=s
foo
bar
# elapsed=10000ms
controlplane-1 $ etcdctl member list
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ etcdctl endpoint health
2> 127.0.0.1:2379 is unhealthy: failed to commit proposal: context deadline exceeded
2> Error: unhealthy cluster
[exit 1]
controlplane-1 $ etcdctl watch foo
watch was canceled (etcdserver: no leader)
2> Error: watch is canceled by the server
[exit 2]
controlplane-1 $ etcdctl lease grant 60
2> Error: failed to grant lease (context deadline exceeded)
2> 
[exit 1]
controlplane-1 $ ssh controlplane-3
controlplane-3 $ systemctl start etcd
controlplane-3 $ exit
logout
2> Connection to controlplane-3 closed.
controlplane-1 $ etcdctl put foo baz
OK
controlplane-1 $ etcdctl get foo
foo
baz
"#,
    );
    // With a majority back, the cluster has a leader again.
    assert!(t.backend().world().borrow().leader().is_some());
}

/// controlplane-1 is cut off; the majority moves on; only `--consistency=s` answers, with
/// the old value, until the partition heals.
#[test]
fn isolated_minority_serves_stale_serializable_reads() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put color red
@isolate 1
@tick 3
@put 2 color blue
etcdctl get color
etcdctl get color --consistency=s
etcdctl --endpoints=10.240.0.11:2379 get color
etcdctl --endpoints=10.240.0.12:2379 get color --consistency=s
etcdctl put color green
@heal
@tick 3
etcdctl get color --consistency=s
etcdctl get color
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put color red
OK
controlplane-1 $ etcdctl get color
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ etcdctl get color --consistency=s
color
red
controlplane-1 $ etcdctl --endpoints=10.240.0.11:2379 get color
color
blue
controlplane-1 $ etcdctl --endpoints=10.240.0.12:2379 get color --consistency=s
color
blue
controlplane-1 $ etcdctl put color green
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ etcdctl get color --consistency=s
color
blue
controlplane-1 $ etcdctl get color
color
blue
"#,
    );
}

/// The isolated member's status: no leader, and (pre-vote) its term did not grow.
#[test]
fn isolated_member_reports_no_leader_and_keeps_its_term() {
    let mut t = term();
    run(&mut t, "export ETCDCTL_API=3\netcdctl put k v\n");
    let me = t.machines()[0].member.expect("member");
    let term_before = t.backend().raft_term(me);
    run(&mut t, "@isolate 1\n@tick 10\n");
    let s = t
        .backend_mut()
        .status(me)
        .expect("running member answers status");
    assert_eq!(s.leader, 0);
    assert_eq!(s.errors, vec!["etcdserver: no leader".to_string()]);
    assert_eq!(
        s.raft_term, term_before,
        "pre-vote keeps an isolated member's term"
    );
    let out = run(&mut t, "etcdctl endpoint status\n");
    assert!(out.ends_with(", etcdserver: no leader\n"), "{out}");
}

/// Stopping the leader: the others elect a new one within a few election timeouts and
/// writes work again; the new leader has a higher term.
#[test]
fn leader_stop_elects_a_new_leader_and_writes_resume() {
    let mut t = term();
    run(&mut t, "export ETCDCTL_API=3\netcdctl put k v1\n");
    let world = t.backend().world();
    let old = world.borrow().leader().expect("leader");
    let old_term = world.borrow().node(old).expect("up").term();
    // Stop etcd on the leader's machine (machine i hosts Raft node i).
    let ssh = format!("ssh controlplane-{old}\nsystemctl stop etcd\nexit\n");
    run(&mut t, &ssh);
    // Talk to a surviving member.
    let via = if old == 1 { 2 } else { 1 };
    let ep = format!("--endpoints=10.240.0.{}:2379", 9 + via);
    let out = run(
        &mut t,
        &format!("@mark\netcdctl {ep} put k v2\n@elapsed\netcdctl {ep} get k\n"),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1], "OK", "{out}");
    let ms: i64 = lines[2]
        .trim_start_matches("# elapsed=")
        .trim_end_matches("ms")
        .parse()
        .expect("elapsed");
    assert!(
        ms > 0 && ms < 5_000,
        "the write waited for the election: {out}"
    );
    assert_eq!(&lines[4..], ["k", "v2"], "{out}");
    let new = world.borrow().leader().expect("new leader");
    assert_ne!(new, old);
    assert!(world.borrow().node(new).expect("up").term() > old_term);
}
