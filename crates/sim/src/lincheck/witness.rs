//! Shrinks a non-linearizable partition to a small witness.
//!
//! Only moves that keep the "not linearizable" verdict sound are used, so the witness is itself
//! a proof: (a) dropping an operation that cannot change the state (a read, a failed cas), and
//! (b) weakening a state-changing operation to "unknown outcome". Any linearization of the
//! original is still one of the weakened history, so if the weakened history is not
//! linearizable, neither is the original. The witness is the set of operations left strong.

use super::history::Operation;
use super::model::{Output, State};
use super::search::{search, Budget, Outcome};

/// Work allowed per trial search while shrinking, at least (the verdict is already known; a
/// trial that runs out simply keeps the operation). Scaled up by what the refutation cost.
const TRIAL_STEPS: u64 = 20_000;
/// Total work allowed for shrinking one partition, at least.
const TOTAL_STEPS: u64 = 3_000_000;

/// One operation's role while shrinking.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Strong,
    Weakened,
    Dropped,
}

/// Operations that cannot change the state (reads, failed cas) may be dropped outright.
fn can_drop(op: &Operation) -> bool {
    op.input.is_read_only() || op.output == Output::Cas(false)
}

/// The history a set of roles stands for, without the operations that cannot matter in it
/// (`cannot_matter`: weakened writes whose value no read left in returns, above all), so a
/// trial with many operations weakened stays as small as its strong ones.
fn materialize(ops: &[Operation], roles: &[Role]) -> Vec<Operation> {
    let kept: Vec<Operation> = ops
        .iter()
        .zip(roles)
        .filter(|(_, r)| **r != Role::Dropped)
        .map(|(op, r)| {
            let mut op = op.clone();
            if *r == Role::Weakened {
                op.output = Output::Unknown;
                op.ret = None;
            }
            op
        })
        .collect();
    let skip = super::cannot_matter(&kept.iter().collect::<Vec<_>>());
    kept.into_iter()
        .zip(skip)
        .filter(|(_, skip)| !skip)
        .map(|(op, _)| op)
        .collect()
}

struct Shrinker<'a> {
    ops: &'a [Operation],
    initial: &'a State,
    spent: u64,
    trial: u64,
    total: u64,
}

impl Shrinker<'_> {
    /// True only if the candidate is *known* to be non-linearizable.
    fn still_bad(&mut self, roles: &[Role]) -> bool {
        if self.spent >= self.total {
            return false;
        }
        let mut budget = Budget::steps(self.trial);
        let out = search(&materialize(self.ops, roles), self.initial, &mut budget);
        self.spent = self.spent.saturating_add(budget.steps);
        out == Outcome::NotLinearizable
    }

    /// `roles` with every strong operation invoked after `cut` weakened (or dropped).
    fn cut_after(&self, roles: &[Role], cut: u64) -> Vec<Role> {
        self.ops
            .iter()
            .zip(roles)
            .map(|(op, &r)| match (r, op.call > cut, can_drop(op)) {
                (Role::Strong, true, true) => Role::Dropped,
                (Role::Strong, true, false) => Role::Weakened,
                (r, _, _) => r,
            })
            .collect()
    }
}

/// Returns indices (into `ops`) of a small set of operations that cannot be ordered.
/// `refutation_steps` is what the original refutation cost; trials get a multiple of it.
pub fn shrink(ops: &[Operation], initial: &State, refutation_steps: u64) -> Vec<usize> {
    let trial = TRIAL_STEPS.max(refutation_steps.saturating_mul(2));
    let total = TOTAL_STEPS.max(refutation_steps.saturating_mul(10));
    let mut sh = Shrinker {
        ops,
        initial,
        spent: 0,
        trial,
        total,
    };
    // 1. The shortest prefix (by invocation instant) that is already bad; monotone in the cut.
    let all_strong = vec![Role::Strong; ops.len()];
    let mut calls: Vec<u64> = ops.iter().map(|o| o.call).collect();
    calls.sort_unstable();
    calls.dedup();
    let (mut lo, mut hi) = (0usize, calls.len().saturating_sub(1));
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if sh.still_bad(&sh.cut_after(&all_strong, calls[mid])) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let mut roles = match calls.get(lo) {
        Some(&cut) => sh.cut_after(&all_strong, cut),
        None => all_strong,
    };
    // 2. Greedy one-at-a-time simplification, latest operations first: first drop reads
    //    (cheap to re-check), then weaken writes (each adds an unknown, so re-checks cost more).
    let mut order: Vec<usize> = (0..ops.len()).collect();
    super::order::by_key(&mut order, |i| u64::MAX - ops[i].call);
    for drop_pass in [true, false] {
        for &i in &order {
            if roles[i] != Role::Strong || can_drop(&ops[i]) != drop_pass {
                continue;
            }
            roles[i] = if drop_pass {
                Role::Dropped
            } else {
                Role::Weakened
            };
            if !sh.still_bad(&roles) {
                roles[i] = Role::Strong;
            }
        }
    }
    // Operations of unknown outcome constrain nothing by themselves; leave them out.
    (0..ops.len())
        .filter(|&i| roles[i] == Role::Strong && !ops[i].is_unknown())
        .collect()
}
