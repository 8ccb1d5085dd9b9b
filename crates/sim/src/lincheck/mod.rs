//! Linearizability checking of client histories.
//!
//! - [`model`]: register (read/write/cas) and per-key KV (get/put/append) semantics.
//! - [`history`]: operations and a builder from invoke/complete events.
//! - [`parse`]: Jepsen log and EDN history parsers (never panic; unknown lines are skipped);
//!   `records` first splits a file into one record per event (pretty-printed EDN maps span lines).
//! - [`search`]: Wing & Gong / Lowe memoized search (as in Porcupine), with a work budget.
//! - [`witness`]: shrinks a failing history to the operations that cannot be ordered.

pub mod compiled;
pub mod hash;
pub mod history;
pub mod memo;
pub mod model;
mod order;
pub mod parse;
mod records;
pub mod search;
pub mod witness;

pub use history::{Completion, History, HistoryBuilder, Operation};
pub use model::{Input, Output, State, Value};
pub use search::Budget;

use litemap::LiteMap;
use quorum_raft::lite::LiteSet;
use search::{Outcome, Search};
use serde::Serialize;

/// Operations that cannot be ordered, for the page to highlight.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Witness {
    /// The key (partition) they belong to.
    pub key: String,
    /// Indices into `History::ops`, in invocation order.
    pub ops: Vec<usize>,
}

/// The checker's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Verdict {
    Linearizable,
    NotLinearizable(Witness),
    /// The budget ran out before a decision.
    Unknown,
}

impl Verdict {
    pub fn is_linearizable(&self) -> bool {
        matches!(self, Verdict::Linearizable)
    }
}

/// Default work budget: generous for every reference history, still bounded.
pub const DEFAULT_STEPS: u64 = 50_000_000;

/// Checks `history` with the default step budget.
pub fn check(history: &History) -> Verdict {
    check_with(history, &mut Budget::steps(DEFAULT_STEPS))
}

/// Steps each undecided partition gets per round-robin turn.
const SLICE: u64 = 20_000;

/// Checks `history` key by key; the first failing key yields a shrunk witness.
pub fn check_with(history: &History, budget: &mut Budget<'_>) -> Verdict {
    check_inner(history, budget, true)
}

/// Like [`check_with`] but without shrinking the witness (its `ops` stay empty): for bulk
/// checks that only need the verdict.
pub fn decide(history: &History, budget: &mut Budget<'_>) -> Verdict {
    check_inner(history, budget, false)
}

fn check_inner(history: &History, budget: &mut Budget<'_>, shrink: bool) -> Verdict {
    let parts: Vec<(String, Vec<usize>)> = partitions(history).into_iter().collect();
    let part_ops: Vec<Vec<Operation>> = parts
        .iter()
        .map(|(_, idx)| idx.iter().map(|&i| history.ops[i].clone()).collect())
        .collect();
    let mut searches: Vec<Search> = part_ops
        .iter()
        .map(|ops| Search::new(ops, &history.initial))
        .collect();
    loop {
        let mut pending = false;
        for (p, s) in searches.iter_mut().enumerate() {
            let out = match s.outcome() {
                // Refuted before any step (an answer no state could produce).
                Some(Outcome::NotLinearizable) if s.steps() == 0 => s.outcome(),
                Some(_) => continue,
                None => {
                    let left = budget.max_steps.saturating_sub(budget.steps);
                    let mut slice = Budget::steps(SLICE.min(left));
                    let out = s.run(&mut slice);
                    budget.steps = budget.steps.saturating_add(slice.steps);
                    out
                }
            };
            match out {
                Some(Outcome::NotLinearizable) => {
                    let (key, idx) = &parts[p];
                    if !shrink {
                        return Verdict::NotLinearizable(Witness {
                            key: key.clone(),
                            ops: Vec::new(),
                        });
                    }
                    return refuted(history, key, idx, &part_ops[p], s.steps());
                }
                Some(_) => {}
                None => pending = true,
            }
            if !budget.tick() {
                return Verdict::Unknown;
            }
        }
        if !pending {
            break;
        }
    }
    if searches
        .iter()
        .all(|s| s.outcome() == Some(Outcome::Linearizable))
    {
        Verdict::Linearizable
    } else {
        Verdict::Unknown
    }
}

fn refuted(history: &History, key: &str, idx: &[usize], ops: &[Operation], steps: u64) -> Verdict {
    let local = witness::shrink(ops, &history.initial, steps);
    let mut ops: Vec<usize> = local.iter().map(|&l| idx[l]).collect();
    order::by_key(&mut ops, |i| history.ops[i].call);
    Verdict::NotLinearizable(Witness {
        key: key.to_string(),
        ops,
    })
}

/// Groups operations by key, leaving out the operations that cannot matter (see
/// [`cannot_matter`]).
fn partitions(history: &History) -> LiteMap<String, Vec<usize>> {
    let mut parts: LiteMap<String, Vec<usize>> = LiteMap::new();
    for (i, op) in history.ops.iter().enumerate() {
        parts.entry(op.key.clone()).or_default().push(i);
    }
    for (_, idx) in parts.iter_mut() {
        let ops: Vec<&Operation> = idx.iter().map(|&i| &history.ops[i]).collect();
        let skip = cannot_matter(&ops);
        let mut n = 0;
        idx.retain(|_| {
            n += 1;
            !skip[n - 1]
        });
    }
    parts.retain(|_, idx| !idx.is_empty());
    parts
}

/// Which operations of one key can be left out without changing the verdict:
/// unknown-outcome reads (they constrain nothing) and, in keys without cas or append,
/// unknown-outcome writes of a value no read returned (linearizing such a write "never" is
/// always possible: any linearization that places it somewhere has no read between it and
/// the next write, so it can be dropped from there too). Timed-out writes are common in
/// chaos histories and would otherwise multiply the search space.
pub(crate) fn cannot_matter(ops: &[&Operation]) -> Vec<bool> {
    let plain = ops
        .iter()
        .all(|o| matches!(o.input, Input::Read | Input::Write(_)));
    let observed: LiteSet<&str> = ops
        .iter()
        .filter_map(|o| match (&o.input, &o.output, o.is_unknown()) {
            (Input::Read, Output::Read(Some(v)), false) => Some(v.as_str()),
            _ => None,
        })
        .collect();
    ops.iter()
        .map(|o| match &o.input {
            _ if !o.is_unknown() => false,
            i if i.is_read_only() => true,
            Input::Write(v) => plain && !observed.contains(v.as_str()),
            _ => false,
        })
        .collect()
}

#[cfg(test)]
mod tests;
