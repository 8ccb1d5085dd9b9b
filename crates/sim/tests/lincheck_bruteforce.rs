//! The memoized search agrees with brute force (every permutation consistent with real time,
//! unknown operations optionally omitted) on thousands of small random histories (up to
//! seven operations, so the search's shortcuts, lifting reads at once and giving up when
//! nothing pending can bring the state a due read needs, meet every small case).

use quorum_sim::lincheck::model::step;
use quorum_sim::lincheck::{check, History, Input, Operation, Output, State};

/// A tiny deterministic generator (no dependency, same on every platform).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

fn random_history(r: &mut Lcg) -> History {
    let n = 1 + r.next(7) as usize;
    let mut ops = Vec::new();
    for c in 0..n {
        let call = r.next(10);
        let ret = call + 1 + r.next(6);
        let v = r.next(3).to_string();
        let input = match r.next(4) {
            0 | 1 => Input::Read,
            2 => Input::Write(v),
            _ => Input::Cas {
                expect: r.next(3).to_string(),
                new: v,
            },
        };
        let unknown = r.next(5) == 0;
        let output = if unknown {
            Output::Unknown
        } else {
            match &input {
                Input::Read => Output::Read(match r.next(4) {
                    0 => None,
                    k => Some((k - 1).to_string()),
                }),
                Input::Cas { .. } => Output::Cas(r.next(2) == 0),
                _ => Output::Ok,
            }
        };
        ops.push(Operation {
            client: c as u64,
            key: String::new(),
            input,
            output,
            call,
            ret: (!unknown).then_some(ret),
        });
    }
    History { initial: None, ops }
}

/// Tries every order; unknown operations may also never happen.
fn brute(ops: &[Operation], done: &mut Vec<bool>, state: &State) -> bool {
    let pending: Vec<usize> = (0..ops.len()).filter(|&i| !done[i]).collect();
    if pending.iter().all(|&i| ops[i].is_unknown()) {
        return true;
    }
    // An operation can go next only if no pending definite operation returned before its call.
    let min_ret = pending
        .iter()
        .filter_map(|&i| {
            if ops[i].is_unknown() {
                None
            } else {
                ops[i].ret
            }
        })
        .min()
        .unwrap_or(u64::MAX);
    for &i in &pending {
        if ops[i].call > min_ret {
            continue;
        }
        let out = if ops[i].is_unknown() {
            Output::Unknown
        } else {
            ops[i].output.clone()
        };
        if let Some(next) = step(state, &ops[i].input, &out) {
            done[i] = true;
            let ok = brute(ops, done, &next);
            done[i] = false;
            if ok {
                return true;
            }
        }
    }
    false
}

#[test]
fn search_agrees_with_brute_force() {
    let mut r = Lcg(7);
    let (mut yes, mut no) = (0, 0);
    // `QUORUM_FUZZ_CASES` runs it longer (see bench/fuzz.md).
    let cases = std::env::var("QUORUM_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    for _ in 0..cases {
        let h = random_history(&mut r);
        let expected = brute(&h.ops, &mut vec![false; h.ops.len()], &h.initial);
        let got = check(&h);
        assert_eq!(got.is_linearizable(), expected, "{h:?} -> {got:?}");
        if expected {
            yes += 1
        } else {
            no += 1
        }
    }
    assert!(
        yes > 500 && no > 500,
        "both verdicts exercised: {yes} / {no}"
    );
}
