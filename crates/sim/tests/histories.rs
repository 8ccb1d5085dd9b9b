//! The checker must agree with every labelled reference history, quickly.

use quorum_sim::lincheck::{check, parse, Verdict};
use std::path::PathBuf;
use std::time::Instant;

fn reference_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/histories")
}

#[test]
fn agrees_with_every_label() {
    let root = reference_dir();
    let mut checked = 0;
    for dir in ["jepsen-etcd", "kv"] {
        let labels =
            std::fs::read_to_string(root.join(dir).join("labels.tsv")).unwrap_or_else(|e| {
                panic!("cannot read {dir}/labels.tsv under {}: {e}", root.display())
            });
        for line in labels.lines().skip(1) {
            let mut cols = line.split('\t');
            let (Some(file), Some(label)) = (cols.next(), cols.next()) else {
                continue;
            };
            let expected = match label.trim() {
                "true" => true,
                "false" => false,
                _ => continue,
            };
            let text = std::fs::read_to_string(root.join(dir).join(file)).expect("history file");
            let format = parse::detect(&text).expect("format detected");
            let start = Instant::now();
            let verdict = check(&parse::parse(&text, format));
            let took = start.elapsed();
            match (&verdict, expected) {
                (Verdict::Linearizable, true) => {}
                (Verdict::NotLinearizable(w), false) => {
                    assert!(!w.ops.is_empty(), "{file}: empty witness")
                }
                _ => panic!("{dir}/{file}: expected linearizable={expected}, got {verdict:?}"),
            }
            eprintln!("{file}: {took:?}");
            assert!(
                cfg!(debug_assertions) || took.as_millis() < 1000,
                "{file} took {took:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 100, "only {checked} labelled files found");
}

/// A history of `clients` processes each running `per_client` reads and writes back to back
/// against a register that is linearizable by construction: each operation takes effect at a
/// random instant inside its interval, values are drawn from 0..100 so they repeat, as in
/// Jepsen's etcd runs. The log is written in the layout of Porcupine's long etcd logs
/// (`test_data/etcd/etcd_RR0.5_CLI12_OPS20000.log`: a space before each tab, `:hint N`).
/// With `corrupt`, one read in the middle reports a value one off.
fn long_register_log(seed: u64, clients: u64, per_client: u64, corrupt: bool) -> String {
    let mut x = seed;
    let mut next = |n: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % n
    };
    // (effect instant, client, is_read, value, call, return), instants in µs.
    let mut ops = Vec::new();
    for client in 0..clients {
        let mut at = next(1000);
        for _ in 0..per_client {
            let call = at;
            // A rough exponential: most operations short, a few spanning many others.
            let ret = call + 10 + next(1000) * (1 + next(4)) * (1 + next(4));
            ops.push((
                call + next(ret - call),
                client,
                next(2) == 0,
                next(100),
                call,
                ret,
            ));
            at = ret + 1 + next(250);
        }
    }
    ops.sort_unstable();
    let mut state = None;
    for op in &mut ops {
        if op.2 {
            op.3 = state.unwrap_or(u64::MAX);
        } else {
            state = Some(op.3);
        }
    }
    if corrupt {
        let mid = ops.len() / 2;
        let read = (mid..ops.len())
            .find(|&i| ops[i].2 && ops[i].3 != u64::MAX)
            .expect("a read of a value");
        ops[read].3 = (ops[read].3 + 1) % 100;
    }
    let mut events = Vec::new();
    for &(_, client, is_read, value, call, ret) in &ops {
        let f = if is_read { "read" } else { "write" };
        let shown = |v: u64| {
            if v == u64::MAX {
                "nil".to_string()
            } else {
                v.to_string()
            }
        };
        let invoked = if is_read { "nil".into() } else { shown(value) };
        events.push((
            call,
            0,
            format!("{client} \t:invoke :{f} \t{invoked} \t:hint 0"),
        ));
        events.push((
            ret,
            1,
            format!("{client} \t:ok :{f} \t{} \t:hint 1", shown(value)),
        ));
    }
    events.sort_unstable();
    events
        .into_iter()
        .map(|(_, _, e)| format!("INFO  jepsen.util - {e}\n"))
        .collect()
}

#[test]
fn long_register_histories_are_decided() {
    // 20,000 operations from 12 clients, then from 20: a search that branched on every read,
    // or kept a 2.5 KB set per memo entry, ran out of memory or budget on these.
    for (clients, corrupt, expected) in [(12, false, true), (20, false, true), (12, true, false)] {
        let text = long_register_log(
            clients + u64::from(corrupt),
            clients,
            20_000 / clients,
            corrupt,
        );
        let parsed = parse::parse_checked(&text, parse::Format::Jepsen);
        assert!(parsed.not_understood.is_empty());
        assert_eq!(parsed.history.ops.len() as u64, 20_000 / clients * clients);
        let verdict = quorum_sim::lincheck::decide(
            &parsed.history,
            &mut quorum_sim::lincheck::Budget::steps(quorum_sim::lincheck::DEFAULT_STEPS),
        );
        match (&verdict, expected) {
            (Verdict::Linearizable, true) | (Verdict::NotLinearizable(_), false) => {}
            _ => panic!("{clients} clients, corrupt {corrupt}: got {verdict:?}"),
        }
    }
}
