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
