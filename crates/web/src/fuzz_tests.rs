//! Fuzzing what the page reads from its address: `permalink::decode` (`?run=`), the run it
//! accepts (built into the lab's world), and `Params::parse` (every other parameter).
//! Random and mutated inputs must never panic: a bad link starts afresh, a strange value
//! keeps the default.
//!
//! Cases: `QUORUM_FUZZ_CASES` (default 256, what CI runs); the count run for the record is in
//! bench/fuzz.md. The generator is a seeded xorshift (the web crate has no RNG dependency of
//! its own), so a failing case is reproducible from its number.

use crate::params::Params;
use crate::permalink;
use crate::view::controls::{MAX_SPEED_LOG2, MIN_SPEED_LOG2};
use quorum_sim::base64::{encode as to_base64, URL_SAFE};
use quorum_sim::{RunDescription, TimedAction, UserAction};

fn cases() -> u64 {
    std::env::var("QUORUM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// xorshift64*: small, seeded, good enough to pick inputs.
struct Gen(u64);

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    /// A string of `len` characters drawn from `alphabet`.
    fn text(&mut self, alphabet: &str, len: u64) -> String {
        let chars: Vec<char> = alphabet.chars().collect();
        (0..len)
            .map(|_| chars[self.below(chars.len() as u64) as usize])
            .collect()
    }
}

const ANY: &str = "abcxyzAZ0189-_=&?%+,.:/;#\"'{}[] \t\u{0}é한😀\\";
const BASE64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=";

/// A valid lab run with a few actions.
fn lab_run(g: &mut Gen) -> RunDescription {
    let mut run = RunDescription {
        config: crate::world::lab_config(1 + g.below(9) as usize),
        seed: g.next(),
        actions: Vec::new(),
    };
    for i in 0..g.below(5) {
        let node = g.below(11);
        let action = match g.below(4) {
            0 => UserAction::StopNode { node },
            1 => UserAction::RestartNode { node },
            2 => UserAction::Heal,
            _ => UserAction::ClientWrite {
                node,
                key: g.text(ANY, 3),
                value: g.text(ANY, 3),
            },
        };
        run.actions.push(TimedAction {
            at_us: (i + 1) * g.below(2_000_000),
            action,
        });
    }
    run
}

/// A `run=` value: random text, random base64, or a valid link damaged in its JSON or its
/// base64.
fn run_value(g: &mut Gen) -> String {
    match g.below(5) {
        0 => {
            let len = g.below(80);
            g.text(ANY, len)
        }
        1 => {
            let len = g.below(200);
            g.text(BASE64, len)
        }
        2 => {
            let mut json = lab_run(g).to_json().into_bytes();
            let at = g.below(json.len() as u64) as usize;
            match g.below(3) {
                0 => json.truncate(at),
                1 => json[at] = g.below(256) as u8,
                _ => json.insert(at, b"{}[],:\"0-9e"[g.below(11) as usize]),
            }
            to_base64(json, URL_SAFE, false)
        }
        3 => {
            let mut link = permalink::encode(&lab_run(g));
            let at = g.below(link.len() as u64) as usize;
            link.truncate(at);
            link
        }
        _ => permalink::encode(&lab_run(g)),
    }
}

/// Decodes as the lab does (`state::Lab::new`): an accepted run is built into the lab's world
/// and run for a little while, or refused by the simulator (then the lab starts afresh).
fn decode_and_build(value: &str) {
    let Some(run) = permalink::decode(value) else {
        return;
    };
    // What decodes re-encodes to the same run.
    assert_eq!(
        permalink::decode(&permalink::encode(&run)),
        Some(run.clone())
    );
    if let Ok(mut world) = crate::world::LabWorld::new(run) {
        for _ in 0..500 {
            if !world.step() {
                break;
            }
        }
        let t = world.now();
        world.seek(t / 2);
    }
}

#[test]
fn permalinks_never_panic() {
    let n = cases();
    for case in 0..n {
        let mut g = Gen::new(case);
        let value = run_value(&mut g);
        let result = std::panic::catch_unwind(|| decode_and_build(&value));
        assert!(result.is_ok(), "case {case} panicked on run={value}");
    }
}

/// A query string made of known and unknown keys with hostile values.
fn query(g: &mut Gen) -> String {
    let keys = [
        "nodes", "seed", "speed", "lang", "paused", "view", "run", "t", "lesson", "step", "theme",
        "embed", "hide", "lock", "purpose", "place", "", "zz", "nodes=",
    ];
    let values = [
        "",
        "0",
        "1",
        "9",
        "10",
        "-1",
        "18446744073709551616",
        "99999999999",
        "ko",
        "en",
        "dark",
        "light",
        "true",
        "false",
        "a,b,a",
        "x%2Cy",
        "-",
        "lab",
        "..",
        "%00",
    ];
    let mut parts = Vec::new();
    for _ in 0..g.below(8) {
        let key = g.pick(&keys).to_string();
        let value = match g.below(3) {
            0 => g.pick(&values).to_string(),
            _ => {
                let len = g.below(90);
                g.text(ANY, len)
            }
        };
        parts.push(if g.below(10) == 0 {
            key
        } else {
            format!("{key}={value}")
        });
    }
    let prefix = if g.below(2) == 0 { "?" } else { "" };
    format!("{prefix}{}", parts.join("&"))
}

fn is_word(w: &str) -> bool {
    !w.is_empty()
        && w.len() <= 64
        && w.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check_params(q: &str) {
    let p = Params::parse(q);
    assert!((1..=9).contains(&p.nodes), "nodes {} from {q}", p.nodes);
    assert!((MIN_SPEED_LOG2..=MAX_SPEED_LOG2).contains(&p.speed_log2));
    assert!(p.step.is_none_or(|s| (1..=1000).contains(&s)));
    for w in p.lesson.iter().chain(&p.purpose).chain(&p.place) {
        assert!(is_word(w), "{w:?} from {q}");
    }
    for list in [&p.hide, &p.lock] {
        assert!(list.len() <= 16 && list.iter().all(|w| is_word(w)));
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
    }
    // Writing a run into any query keeps the run and the instant, and nothing else changes.
    let run = RunDescription {
        config: crate::world::lab_config(3),
        seed: 7,
        actions: Vec::new(),
    };
    let with = permalink::with_run(q, &run, 1234);
    let again = Params::parse(&with);
    assert_eq!(again.time_us, Some(1234), "{with}");
    assert_eq!(
        again.run.as_deref().and_then(permalink::decode),
        Some(run),
        "{with}"
    );
    assert_eq!(
        (again.nodes, again.lang, again.theme),
        (p.nodes, p.lang, p.theme)
    );
}

#[test]
fn url_parameters_never_panic() {
    let n = cases();
    for case in 0..n {
        let mut g = Gen::new(case ^ 0xABCD);
        let q = query(&mut g);
        let result = std::panic::catch_unwind(|| check_params(&q));
        assert!(result.is_ok(), "case {case} failed on {q:?}");
    }
}
