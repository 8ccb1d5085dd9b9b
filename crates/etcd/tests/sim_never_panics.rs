//! Random terminal input on the simulated Raft cluster never panics, and the same input on
//! the same seed always prints the same thing and leaves the same Raft trace.

#[path = "sim_common/mod.rs"]
mod sim_common;

use proptest::prelude::*;
use quorum_etcd::{Shell, SimBackend};

const LINES: &[&str] = &[
    "export ETCDCTL_API=3",
    "etcdctl put foo bar",
    "etcdctl put foo baz --prev-kv",
    "etcdctl get foo",
    "etcdctl get foo --consistency=s",
    "etcdctl get \"\" --prefix -w json",
    "etcdctl del foo",
    "etcdctl lease grant 2",
    "etcdctl put k v --lease=5a3f75087e35752e",
    "etcdctl lease revoke 5a3f75087e35752e",
    "etcdctl lease keep-alive 5a3f75087e35752e",
    "etcdctl watch foo",
    "etcdctl lock m &",
    "etcdctl lock m",
    "etcdctl lock --ttl=2 m echo hi",
    "etcdctl lock m etcdctl lock m",
    "etcdctl elect e p &",
    "etcdctl elect e q",
    "etcdctl elect -l e &",
    "kill %1",
    "kill %2",
    "etcdctl compaction 2",
    "etcdctl member list",
    "etcdctl member add x --peer-urls=https://10.240.0.13:2380 --learner",
    "etcdctl member add y --peer-urls=https://10.240.0.14:2380",
    "etcdctl member promote 4d5cb825dfaab05b",
    "etcdctl member remove 4d5cb825dfaab05b",
    "etcdctl member remove 2c0e0fedbe2218a8",
    "etcdctl endpoint status --cluster -w table",
    "etcdctl endpoint health --cluster",
    "etcdctl move-leader 2c0e0fedbe2218a8 --endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379",
    "etcdctl move-leader 89242d2dd9d4a40d --endpoints=10.240.0.10:2379,10.240.0.11:2379,10.240.0.12:2379",
    "etcdctl set /a b",
    "etcdctl set /a c --swap-with-value b",
    "etcdctl rm /a --with-index 9",
    "etcdctl snapshot save /tmp/snap.db",
    "etcdctl snapshot save snap.db --endpoints=10.240.0.12:2379",
    "etcdctl snapshot status /tmp/snap.db -w table",
    "etcdctl snapshot status snap.db -w json",
    "etcdctl snapshot status /tmp",
    "etcdctl snapshot save nodir/x.db --command-timeout=1s",
    "etcdctl cluster-health",
    "ssh controlplane-2",
    "ssh controlplane-3",
    "exit",
    "systemctl stop etcd",
    "systemctl start etcd",
    "sleep 2",
    "^C",
];

fn feed(t: &mut Shell<SimBackend>, lines: &[String]) -> String {
    let mut all = String::new();
    for l in lines {
        let out = if l == "^C" { t.interrupt() } else { t.input(l) };
        let more = t.tick(300_000);
        for x in out.lines.iter().chain(more.lines.iter()) {
            all.push_str(&x.text);
            all.push('\n');
        }
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn random_sessions_never_panic_and_are_deterministic(
        lines in prop::collection::vec(prop::sample::select(LINES).prop_map(String::from), 1..14),
        seed in 0u64..4,
    ) {
        let mut a = sim_common::term_with(3, seed);
        let mut b = sim_common::term_with(3, seed);
        let out_a = feed(&mut a, &lines);
        let out_b = feed(&mut b, &lines);
        prop_assert_eq!(out_a, out_b);
        let ta = a.backend().world().borrow().trace_hash();
        let tb = b.backend().world().borrow().trace_hash();
        prop_assert_eq!(ta, tb);
        prop_assert!(a.backend().world().borrow().violations().is_empty());
    }
}
