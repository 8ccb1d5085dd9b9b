//! The simulated cluster is deterministic: same seed and same lines give the same output,
//! the same Raft trace and the same store; and the notes' install path works on it.

#[path = "sim_common/mod.rs"]
mod sim_common;
use quorum_sim::UserAction;
use sim_common::*;

const SESSION: &str = r#"
export ETCDCTL_API=3
etcdctl put name john
etcdctl lease grant 5
etcdctl put tmp x --lease=5a3f75087e35752e
etcdctl endpoint status --cluster -w table
etcdctl endpoint health --cluster
ssh controlplane-2
systemctl stop etcd
exit
@tick 2
etcdctl put name jane
etcdctl get "" --prefix -w json
etcdctl member list
@isolate 3
etcdctl put name jim
etcdctl get name --consistency=s
@heal
@tick 3
etcdctl get "" --prefix
"#;

fn session(members: usize, seed: u64) -> (String, u64) {
    let mut t = term_with(members, seed);
    let out = run(&mut t, SESSION.trim_start());
    let trace = t.backend().world().borrow().trace_hash();
    (out, trace)
}

#[test]
fn same_seed_and_lines_give_identical_output() {
    let a = session(3, 42);
    let b = session(3, 42);
    assert_eq!(a.0, b.0);
    assert_eq!(a.1, b.1, "identical Raft traces");
    // Timing-dependent details (who leads, proposal latencies) come from the seed.
    let c = session(3, 43);
    assert_ne!(a.1, c.1);
}

/// What the terminal did is part of the run: the world's run description (settings, seed and
/// every action, the terminal's proposals, reads, stops and starts among them) replays to the
/// same trace and the same stores, and time travel back and forth keeps them.
#[test]
fn terminal_sessions_replay_from_the_run_description_and_time_travel() {
    use quorum_etcd::EtcdState;
    use quorum_sim::World;
    let mut t = term_with(3, 42);
    run(&mut t, SESSION.trim_start());
    let world = t.backend().world();
    let (run_desc, now, trace) = {
        let w = world.borrow();
        (w.run_description(), w.now(), w.trace_hash())
    };
    let proposals = run_desc
        .actions
        .iter()
        .filter(|a| matches!(a.action, UserAction::Propose { .. }))
        .count();
    assert!(
        proposals >= 5,
        "the session's writes are recorded ({proposals})"
    );
    let json = run_desc.to_json();
    let back = quorum_sim::RunDescription::from_json(&json).expect("the run reads back");
    let mut replay = World::<EtcdState>::new(back).expect("replays");
    replay.advance_to(now);
    assert_eq!(replay.trace_hash(), trace, "same Raft trace");
    let value = |w: &World<EtcdState>, node| {
        let req = quorum_etcd::mvcc::RangeRequest {
            key: "name".into(),
            ..Default::default()
        };
        let kvs = w.state_machine(node)?.v3.range(&req).ok()?.kvs;
        kvs.into_iter().next().map(|kv| kv.value)
    };
    for node in 1..=3 {
        assert_eq!(
            value(&replay, node),
            value(&world.borrow(), node),
            "node {node}"
        );
    }
    assert_eq!(value(&replay, 1).as_deref(), Some("jim"));
    let mut w = world.borrow_mut();
    w.seek(now / 3);
    w.seek(now);
    assert_eq!(
        w.trace_hash(),
        trace,
        "time travel keeps the terminal's writes"
    );
}

#[test]
fn five_members_tolerate_two_failures() {
    let mut t = term_with(5, 9);
    let out = run(
        &mut t,
        "export ETCDCTL_API=3\n\
         ssh controlplane-4\nsystemctl stop etcd\nexit\n\
         ssh controlplane-5\nsystemctl stop etcd\nexit\n\
         etcdctl put k v\n\
         ssh controlplane-3\nsystemctl stop etcd\nexit\n\
         etcdctl put k w\n\
         etcdctl get k --consistency=s\n",
    );
    let tail: Vec<&str> = out
        .lines()
        .filter(|l| !l.contains("onnection") && *l != "logout")
        .collect();
    let want = [
        "controlplane-1 $ export ETCDCTL_API=3",
        "controlplane-1 $ ssh controlplane-4",
        "controlplane-4 $ systemctl stop etcd",
        "controlplane-4 $ exit",
        "controlplane-1 $ ssh controlplane-5",
        "controlplane-5 $ systemctl stop etcd",
        "controlplane-5 $ exit",
        "controlplane-1 $ etcdctl put k v",
        "OK",
        "controlplane-1 $ ssh controlplane-3",
        "controlplane-3 $ systemctl stop etcd",
        "controlplane-3 $ exit",
        "controlplane-1 $ etcdctl put k w",
        "2> Error: context deadline exceeded",
        "[exit 1]",
        "controlplane-1 $ etcdctl get k --consistency=s",
        "k",
        "v",
    ];
    assert_eq!(tail, want, "{out}");
}

/// Fresh VMs: nothing runs until `systemctl start etcd`; one member alone has no quorum;
/// the second start elects a leader and the notes' commands work.
#[test]
fn install_path_on_fresh_simulated_vms() {
    let mut t = fresh();
    let install = r#"
etcdctl --version
wget -q --https-only "https://github.com/coreos/etcd/releases/download/v3.3.9/etcd-v3.3.9-linux-amd64.tar.gz"
tar -xf etcd-v3.3.9-linux-amd64.tar.gz
sudo mv etcd-v3.3.9-linux-amd64/etcd* /usr/local/bin/
sudo mkdir -p /etc/etcd /var/lib/etcd
sudo cp ca.pem kubernetes-key.pem kubernetes.pem /etc/etcd/
sudo mv etcd.service /etc/systemd/system/
sudo systemctl daemon-reload
sudo systemctl start etcd
"#;
    let out = run(&mut t, install.trim_start());
    assert!(out.contains("etcdctl: command not found"), "{out}");
    assert!(!out.contains("[exit 1]"), "{out}");
    let world = t.backend().world();
    assert!(world.borrow().app_is_up(1));
    assert!(!world.borrow().app_is_up(2));
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put name john
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put name john
2> Error: context deadline exceeded
[exit 1]
"#,
    );
    // The same steps on controlplane-2 give the cluster a majority.
    let second = format!(
        "ssh controlplane-2\n{}exit\n",
        install
            .trim_start()
            .lines()
            .skip(1)
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
    run(&mut t, &second);
    check(
        &mut t,
        r#"
etcdctl put name john
etcdctl get name
etcdctl get / --prefix --keys-only
"#,
        r#"
controlplane-1 $ etcdctl put name john
OK
controlplane-1 $ etcdctl get name
name
john
controlplane-1 $ etcdctl get / --prefix --keys-only
"#,
    );
}
