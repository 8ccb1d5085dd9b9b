//! Fuzzing the history readers of `quorum lincheck`: Jepsen log lines and EDN maps built from
//! the formats' own pieces (keywords, numbers, strings, vectors nested too deep, maps where a
//! value belongs, cut lines, garbage bytes), and the reference histories with bytes changed.
//! Nothing may panic: every line is read, skipped, or reported as not understood, and the
//! checker decides (or gives up within its budget) on whatever was read.
//!
//! Cases: `QUORUM_FUZZ_CASES` (default 256, what CI runs); the count run for the record is in
//! bench/fuzz.md. Each case is seeded by its index, so a failure names a reproducible case.

mod fuzz_common;
use fuzz_common::{below, cases};
use quorum_sim::lincheck::{check_with, parse, Budget};
use rand_core::SeedableRng;
use rand_pcg::Pcg64;

fn pick<'a>(rng: &mut Pcg64, items: &[&'a str]) -> &'a str {
    items[below(rng, items.len() as u64) as usize]
}

/// A value as the formats write them, sometimes malformed.
fn value(rng: &mut Pcg64, depth: u32) -> String {
    match below(rng, 12) {
        0 => "nil".into(),
        1 => below(rng, 5).to_string(),
        2 => u64::MAX.to_string(),
        3 => format!("\"x {} y\"", below(rng, 3)),
        4 => pick(rng, &[":timed-out", ":ok", ":fail", ":nemesis"]).into(),
        5 | 6 if depth < 5 => {
            let n = below(rng, 4);
            let items: Vec<String> = (0..n).map(|_| value(rng, depth + 1)).collect();
            format!("[{}]", items.join(" "))
        }
        7 => "{:a 1}".into(),
        8 => "[".into(),
        9 => "\"unterminated".into(),
        10 => "-1".into(),
        _ => pick(
            rng,
            &["1.5", "\\", "é", "\u{feff}", "()", "[[[[[[[[1]]]]]]]]"],
        )
        .into(),
    }
}

fn edn_line(rng: &mut Pcg64) -> String {
    let mut fields = Vec::new();
    for _ in 0..below(rng, 7) {
        let field = match below(rng, 6) {
            0 => format!(
                ":process {}",
                pick(rng, &["0", "1", "2", ":nemesis", "x", "-3"])
            ),
            1 => format!(
                ":type {}",
                pick(rng, &[":invoke", ":ok", ":fail", ":info", ":other"])
            ),
            2 => format!(
                ":f {}",
                pick(
                    rng,
                    &[":read", ":write", ":cas", ":get", ":put", ":append", ":txn", ":add"]
                )
            ),
            3 => format!(":key {}", value(rng, 3)),
            4 => format!(":value {}", value(rng, 0)),
            _ => format!(":time {}", below(rng, 1000)),
        };
        fields.push(field);
    }
    let mut line = format!("{{{}}}", fields.join(", "));
    match below(rng, 10) {
        0 => line.insert(0, '['),
        1 => line.push(']'),
        2 => {
            let mut at = below(rng, line.len() as u64 + 1) as usize;
            while !line.is_char_boundary(at) {
                at -= 1;
            }
            line.truncate(at);
        }
        _ => {}
    }
    line
}

fn jepsen_line(rng: &mut Pcg64) -> String {
    let process = pick(
        rng,
        &["0", "1", "2", ":nemesis", "x", "99999999999999999999"],
    );
    let kind = pick(rng, &[":invoke", ":ok", ":fail", ":info", "ok", ""]);
    let f = pick(rng, &[":read", ":write", ":cas", ":add", "read", ""]);
    let v = value(rng, 0);
    let sep = pick(rng, &["\t", " ", "   "]);
    format!("INFO  jepsen.util - {process}{sep}{kind}{sep}{f}{sep}{v}")
}

fn history(rng: &mut Pcg64) -> String {
    let lines: Vec<String> = (0..below(rng, 40))
        .map(|_| match below(rng, 9) {
            0..=3 => edn_line(rng),
            4..=7 => jepsen_line(rng),
            _ => pick(rng, &["", "garbage", "{", "}", "jepsen.util -"]).into(),
        })
        .collect();
    lines.join("\n")
}

/// Checks whatever the readers make of `text`, in both formats and as detected.
fn read_and_check(text: &str) {
    for format in [parse::Format::Jepsen, parse::Format::Edn] {
        let parsed = parse::parse_checked(text, format);
        for &line in &parsed.not_understood {
            assert!(
                line >= 1 && line <= text.lines().count().max(1),
                "line {line}"
            );
        }
        let verdict = check_with(&parsed.history, &mut Budget::steps(100_000));
        let _ = verdict.is_linearizable();
    }
    let _ = parse::detect(text);
}

#[test]
fn generated_histories_never_panic() {
    for case in 0..cases() {
        let mut rng = Pcg64::seed_from_u64(case);
        let text = history(&mut rng);
        read_and_check(&text);
    }
}

#[test]
fn damaged_reference_histories_never_panic() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/reference/histories"
    );
    let files = ["jepsen-etcd/etcd_000.log", "kv/c01-ok.txt"];
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(format!("{dir}/{f}")).ok())
        .collect();
    for case in 0..cases() {
        let mut rng = Pcg64::seed_from_u64(case);
        let Some(text) = texts.get(below(&mut rng, texts.len() as u64) as usize) else {
            return; // the reference folder is not on this machine
        };
        let mut bytes = text.clone().into_bytes();
        for _ in 0..1 + below(&mut rng, 8) {
            let at = below(&mut rng, bytes.len() as u64) as usize;
            match below(&mut rng, 3) {
                0 => {
                    let pieces = b"[]{}:\" \n0-";
                    bytes[at] = pieces[below(&mut rng, pieces.len() as u64) as usize];
                }
                1 => bytes.truncate(at),
                _ => {
                    let line = edn_line(&mut rng);
                    bytes.splice(at..at, line.into_bytes());
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        read_and_check(&String::from_utf8_lossy(&bytes));
    }
}
