//! Random terminal input never panics, and the same input always prints the same thing.

mod common;

use proptest::prelude::*;

const WORDS: &[&str] = &[
    "etcdctl",
    "ETCDCTL_API=3",
    "ETCDCTL_API=2",
    "export",
    "put",
    "get",
    "del",
    "txn",
    "-i",
    "watch",
    "lock",
    "elect",
    "-l",
    "&",
    "kill %1",
    "lease",
    "grant",
    "revoke",
    "timetolive",
    "keep-alive",
    "--once",
    "list",
    "compaction",
    "member",
    "add",
    "remove",
    "promote",
    "endpoint",
    "status",
    "health",
    "--cluster",
    "move-leader",
    "version",
    "set",
    "mk",
    "mkdir",
    "rm",
    "rmdir",
    "ls",
    "update",
    "cluster-health",
    "--prefix",
    "--keys-only",
    "--from-key",
    "--limit=2",
    "--rev=1",
    "-w",
    "json",
    "table",
    "fields",
    "-o",
    "extended",
    "updatedir",
    "--swap-with-value",
    "--swap-with-index=2",
    "--with-value",
    "--with-index",
    "setdir",
    "--ttl",
    "alarm",
    "disarm",
    "hashkv",
    "snapshot",
    "save",
    "restore",
    "snap.db",
    "/tmp/snap.db",
    "--command-timeout=1s",
    "--data-dir",
    "--consistency=s",
    "--prev-kv",
    "--lease=1",
    "--endpoints=10.240.0.11:2379",
    "foo",
    "/foo/bar",
    "\"quoted value\"",
    "'single'",
    "$HOME",
    "$(hostname)",
    "*",
    "|",
    "&",
    "&&",
    "||",
    ";",
    ">",
    "out.txt",
    "<<EOF",
    "EOF",
    "ssh",
    "controlplane-2",
    "exit",
    "systemctl",
    "stop",
    "start",
    "etcd",
    "sleep",
    "3",
    "cat",
    "echo",
    "tar",
    "-xvf",
    "wget",
    "mv",
    "cp",
    "kill",
    "%1",
    "fg",
    "jobs",
    "mod(\"foo\")",
    ">",
    "\"0\"",
    "--",
    "-",
    "-x",
    "--foo",
    "ffffffffffffffff",
    "-1",
    "99999999999999999999",
    "",
];

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(WORDS), 0..7).prop_map(|w| w.join(" ")),
        1 => "\\PC{0,40}",
        1 => Just("^C".to_string()),
    ]
}

fn feed(t: &mut common::Term, lines: &[String]) -> String {
    let mut all = String::new();
    for l in lines {
        let out = if l == "^C" { t.interrupt() } else { t.input(l) };
        for x in out.lines {
            all.push_str(&x.text);
            all.push('\n');
        }
        let o = t.tick(300_000);
        for x in o.lines {
            all.push_str(&x.text);
            all.push('\n');
        }
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, .. ProptestConfig::default() })]

    #[test]
    fn random_lines_never_panic_and_are_deterministic(
        lines in prop::collection::vec(line(), 1..10),
        fresh in any::<bool>(),
    ) {
        let mk = || if fresh { common::fresh() } else { common::term() };
        let mut a = mk();
        let mut b = mk();
        let out_a = feed(&mut a, &lines);
        let out_b = feed(&mut b, &lines);
        prop_assert_eq!(out_a, out_b);
    }
}
