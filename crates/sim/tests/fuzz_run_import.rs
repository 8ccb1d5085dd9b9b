//! Fuzzing the import of run descriptions (the permalink's `?run=` and the page's run import
//! both end in `RunDescription::from_json` then `World::new`): arbitrary edits of valid runs,
//! truncated and garbled JSON. Nothing may panic: a bad run is refused with an error, a
//! strange but valid one runs (bounded here by a number of events), seeks back and replays
//! identically.
//!
//! Cases: `QUORUM_FUZZ_CASES` (default 256, what CI runs); the count run for the record is in
//! bench/fuzz.md. Each case is seeded by its index, so a failure names a reproducible case.

mod fuzz_common;
use fuzz_common::{below, cases};
use quorum_raft::ConfChangeStep;
use quorum_sim::{bench_description, RunDescription, SimConfig, TimedAction, UserAction, World};
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64;
use serde_json::Value;

fn node(rng: &mut Pcg64) -> u64 {
    match below(rng, 10) {
        0 => 0,
        1 => u64::MAX,
        _ => below(rng, 12),
    }
}

fn word(rng: &mut Pcg64) -> String {
    let len = below(rng, 6);
    (0..len)
        .map(|_| char::from_u32(below(rng, 0x250) as u32).unwrap_or('x'))
        .collect()
}

fn action(rng: &mut Pcg64) -> UserAction {
    let (a, b) = (node(rng), node(rng));
    match below(rng, 26) {
        0 => UserAction::StopNode { node: a },
        1 => UserAction::RestartNode { node: a },
        2 => UserAction::StopLeader,
        3 => UserAction::IsolateLeader,
        4 => UserAction::ForceTimeout { node: a },
        5 => UserAction::ClientWrite {
            node: a,
            key: word(rng),
            value: word(rng),
        },
        6 => UserAction::ClientAppend {
            node: a,
            key: word(rng),
            value: word(rng),
        },
        7 => UserAction::ClientRead {
            node: a,
            key: word(rng),
        },
        8 => UserAction::TransferLeadership { to: a },
        9 => UserAction::AddNode { node: a },
        10 => UserAction::AddLearner { node: a },
        11 => UserAction::PromoteLearner { node: a },
        12 => UserAction::RemoveNode { node: a },
        13 => UserAction::Partition {
            groups: vec![vec![a, b], vec![node(rng)]],
        },
        14 => UserAction::CutLink { from: a, to: b },
        15 => UserAction::RestoreLink { from: a, to: b },
        16 => UserAction::Heal,
        17 => UserAction::SetDiskLatency {
            us: below(rng, 50_000),
        },
        18 => UserAction::DropMessage {
            id: below(rng, 200),
        },
        19 => UserAction::Compact { node: a },
        20 => UserAction::Propose {
            node: a,
            data: word(rng).into_bytes(),
            track: below(rng, 2) == 0,
        },
        21 => UserAction::ProposeConfChange {
            node: a,
            step: match below(rng, 4) {
                0 => ConfChangeStep::AddVoter(b),
                1 => ConfChangeStep::AddLearner(b),
                2 => ConfChangeStep::PromoteLearner(b),
                _ => ConfChangeStep::Remove(b),
            },
        },
        22 => UserAction::ReadIndex { node: a },
        23 => UserAction::TransferFrom { node: a, to: b },
        24 => UserAction::StartNode { node: a },
        _ => UserAction::SetNetwork {
            net: SimConfig::default().net,
        },
    }
}

/// A valid run: the benchmark's or a default world of 1–9 nodes, with random actions.
fn valid_run(rng: &mut Pcg64) -> RunDescription {
    let mut run = if below(rng, 2) == 0 {
        bench_description()
    } else {
        RunDescription {
            config: SimConfig {
                nodes: 1 + below(rng, 9),
                ..SimConfig::default()
            },
            seed: rng.next_u64(),
            actions: Vec::new(),
        }
    };
    let mut at = 0;
    for _ in 0..below(rng, 12) {
        at += below(rng, 800_000);
        let action = action(rng);
        run.actions.push(TimedAction { at_us: at, action });
    }
    run
}

fn interesting_number(rng: &mut Pcg64) -> Value {
    match below(rng, 9) {
        0 => Value::from(0u64),
        1 => Value::from(1u64),
        2 => Value::from(u64::MAX),
        3 => Value::from(u64::MAX - 1),
        4 => Value::from(-1i64),
        5 => Value::from(1.5f64),
        6 => Value::from(u32::MAX),
        7 => Value::from(below(rng, 100)),
        _ => Value::from(rng.next_u64()),
    }
}

/// Changes one leaf (or removes one key / array element) somewhere in `v`.
fn mutate(v: &mut Value, rng: &mut Pcg64) {
    match v {
        Value::Object(map) if !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = &keys[below(rng, keys.len() as u64) as usize];
            if below(rng, 8) == 0 {
                map.remove(key);
            } else if let Some(child) = map.get_mut(key) {
                mutate(child, rng);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = below(rng, items.len() as u64) as usize;
            match below(rng, 8) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let copy = items[i].clone();
                    items.insert(i, copy);
                }
                _ => mutate(&mut items[i], rng),
            }
        }
        Value::Number(_) => *v = interesting_number(rng),
        Value::Bool(b) => *b = !*b,
        Value::String(_) => {
            *v = if below(rng, 2) == 0 {
                Value::from(word(rng))
            } else {
                // Another action name, or nonsense.
                let names = ["stop_node", "heal", "partition", "set_network", "zzz", ""];
                Value::from(names[below(rng, names.len() as u64) as usize])
            }
        }
        _ => *v = interesting_number(rng),
    }
}

/// Byte-level damage to the JSON text: truncation, a flipped byte, an inserted byte.
fn garble(text: &str, rng: &mut Pcg64) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let at = below(rng, bytes.len() as u64 + 1) as usize;
    match below(rng, 3) {
        0 => bytes.truncate(at),
        1 if at < bytes.len() => bytes[at] ^= 1 << below(rng, 8),
        _ => bytes.insert(at.min(bytes.len()), below(rng, 256) as u8),
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// What became of one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    BadJson,
    RefusedBySimulator,
    Ran,
}

/// Imports `text` as the page does and runs what is accepted, bounded by events.
fn import_and_run(text: &str) -> Outcome {
    let run = match RunDescription::from_json(text) {
        Ok(run) => run,
        Err(e) => {
            assert!(!e.is_empty(), "a refused run says why");
            return Outcome::BadJson;
        }
    };
    // This fuzzer found that `"clients": 4294967295` exhausted memory; the simulator now
    // refuses more than `MAX_CLIENTS`.
    let huge = run.config.clients.clients > quorum_sim::world::MAX_CLIENTS;
    let Ok(mut world) = World::<quorum_sim::KvStore>::new(run) else {
        return Outcome::RefusedBySimulator;
    };
    assert!(!huge, "a run with more than MAX_CLIENTS clients is refused");
    for _ in 0..3_000 {
        if world.now() > 3_000_000 || !world.step() {
            break;
        }
    }
    let (events, hash) = (world.event_count(), world.trace_hash());
    // Back to the middle and forward again: time travel replays the same run.
    world.seek_event(events / 2);
    world.seek_event(events);
    assert_eq!(
        world.trace_hash(),
        hash,
        "replay after a seek diverged: {text}"
    );
    Outcome::Ran
}

#[test]
fn imported_runs_never_panic() {
    let n = cases();
    let mut outcomes = std::collections::BTreeMap::<Outcome, u64>::new();
    // QUORUM_FUZZ_TRACE=1 prints every input first (to find one that aborts the process).
    let trace = std::env::var_os("QUORUM_FUZZ_TRACE").is_some();
    for case in 0..n {
        let mut rng = Pcg64::seed_from_u64(case);
        let run = valid_run(&mut rng);
        let mut value: Value = serde_json::from_str(&run.to_json()).expect("own JSON parses");
        for _ in 0..below(&mut rng, 4) {
            mutate(&mut value, &mut rng);
        }
        let mut text = value.to_string();
        if below(&mut rng, 4) == 0 {
            text = garble(&text, &mut rng);
        }
        if trace {
            eprintln!("case {case}: {text}");
        }
        match std::panic::catch_unwind(|| import_and_run(&text)) {
            Ok(outcome) => *outcomes.entry(outcome).or_default() += 1,
            Err(_) => panic!("case {case} panicked on: {text}"),
        }
    }
    eprintln!("fuzz_run_import: {n} cases: {outcomes:?}");
}
