//! Wing & Gong's search with Lowe's memoization, the algorithm Porcupine uses.
//!
//! Calls and returns sit in one doubly linked list sorted by time. The search repeatedly tries
//! to linearize a pending call (apply it to the model and lift it and its return out of the
//! list); meeting a return whose call is still in the list means the current order is stuck and
//! it backtracks. Pairs of (set of linearized operations, model state) already explored are
//! cached, which is what makes real histories tractable.
//! Unknown outcomes get a return at +infinity: they may be linearized anywhere after their call,
//! and "never" is the same as "after everything else".

use super::compiled::{COp, Interner, Sid};
use super::history::Operation;
use super::memo::{Memo, OpSet};
use super::model::State;

const NIL: usize = usize::MAX;
const HEAD: usize = 0;

/// Limits on work. `max_steps` bounds the search loop; `should_stop` (polled every few thousand
/// steps) lets a native caller add a wall-clock deadline without the crate touching a clock.
pub struct Budget<'a> {
    pub max_steps: u64,
    pub steps: u64,
    pub should_stop: Option<&'a mut dyn FnMut() -> bool>,
    next_poll: u64,
}

impl<'a> Budget<'a> {
    pub fn steps(max_steps: u64) -> Self {
        Budget {
            max_steps,
            steps: 0,
            should_stop: None,
            next_poll: 0,
        }
    }

    /// A step budget that also stops when `stop()` says so (e.g. a wall-clock deadline).
    pub fn with_stop(max_steps: u64, stop: &'a mut dyn FnMut() -> bool) -> Self {
        Budget {
            max_steps,
            steps: 0,
            should_stop: Some(stop),
            next_poll: 0,
        }
    }

    /// Counts one step; false when the budget is exhausted.
    pub fn tick(&mut self) -> bool {
        self.steps = self.steps.saturating_add(1);
        if self.steps > self.max_steps {
            return false;
        }
        if self.steps >= self.next_poll {
            self.next_poll = self.steps.saturating_add(4096);
            if let Some(stop) = self.should_stop.as_mut() {
                if stop() {
                    self.max_steps = 0;
                    return false;
                }
            }
        }
        true
    }
}

/// The result of searching one partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Linearizable,
    NotLinearizable,
    OutOfBudget,
}

struct List {
    /// Per entry (index 0 is the head sentinel): operation index, whether it is a call.
    op: Vec<usize>,
    is_call: Vec<bool>,
    /// For a call entry, the index of its return entry.
    matching: Vec<usize>,
    prev: Vec<usize>,
    next: Vec<usize>,
}

impl List {
    fn build(ops: &[Operation]) -> List {
        // (time, 0 = call / 1 = return, op): calls sort before returns at the same instant,
        // so operations touching at an instant count as concurrent (the permissive reading).
        let mut events: Vec<(u64, u8, usize)> = Vec::with_capacity(ops.len() * 2);
        for (i, op) in ops.iter().enumerate() {
            events.push((op.call, 0, i));
            let ret = if op.is_unknown() {
                u64::MAX
            } else {
                op.ret.unwrap_or(u64::MAX)
            };
            events.push((ret.max(op.call), 1, i));
        }
        events.sort_unstable();
        let len = events.len() + 1;
        let mut list = List {
            op: vec![NIL; len],
            is_call: vec![false; len],
            matching: vec![NIL; len],
            prev: vec![NIL; len],
            next: vec![NIL; len],
        };
        let mut call_entry = vec![NIL; ops.len()];
        for (pos, &(_, kind, i)) in events.iter().enumerate() {
            let e = pos + 1;
            list.op[e] = i;
            list.is_call[e] = kind == 0;
            list.prev[e] = e - 1;
            list.next[e - 1] = e;
            if kind == 0 {
                call_entry[i] = e;
            } else if let Some(&c) = call_entry.get(i) {
                if c != NIL {
                    list.matching[c] = e;
                }
            }
        }
        list
    }

    fn unlink(&mut self, e: usize) {
        let (p, n) = (self.prev[e], self.next[e]);
        self.next[p] = n;
        if n != NIL {
            self.prev[n] = p;
        }
    }

    fn relink(&mut self, e: usize) {
        let (p, n) = (self.prev[e], self.next[e]);
        self.next[p] = e;
        if n != NIL {
            self.prev[n] = e;
        }
    }

    fn lift(&mut self, call: usize) {
        self.unlink(call);
        self.unlink(self.matching[call]);
    }

    /// Exact inverse of `lift` (calls are unlifted in LIFO order).
    fn unlift(&mut self, call: usize) {
        self.relink(self.matching[call]);
        self.relink(call);
    }
}

/// Most (set, state) pairs remembered before giving up (bounds memory, ~100 MB worst case).
const MAX_MEMO: usize = 4_000_000;

/// A search in progress; `run` can be called repeatedly with more budget, so several
/// partitions can be explored round-robin and the first refutation ends the whole check
/// (one non-linearizable key is enough), as Porcupine does with parallel workers.
pub struct Search {
    compiled: Vec<COp>,
    interner: Interner,
    list: List,
    memo: Memo,
    linearized: OpSet,
    calls: Vec<(usize, Sid)>,
    state: Sid,
    entry: usize,
    done: Option<Outcome>,
    steps: u64,
}

impl Search {
    pub fn new(ops: &[Operation], initial: &State) -> Search {
        let mut interner = Interner::new();
        let mut compiled = Vec::with_capacity(ops.len());
        let mut done = None;
        for op in ops {
            match interner.compile(op) {
                Some(c) => compiled.push(c),
                // A definite answer no state could produce (e.g. a write that "returned" a value).
                None => {
                    done = Some(Outcome::NotLinearizable);
                    compiled.push(COp::ReadAny);
                }
            }
        }
        let list = List::build(ops);
        let memo = Memo::new(ops.len());
        let linearized = memo.empty_set();
        let state = interner.state(initial);
        let entry = list.next[HEAD];
        Search {
            compiled,
            interner,
            list,
            memo,
            linearized,
            calls: Vec::new(),
            state,
            entry,
            done,
            steps: 0,
        }
    }

    /// Steps spent so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The verdict, if reached.
    pub fn outcome(&self) -> Option<Outcome> {
        self.done
    }

    /// Explores until a verdict or until `budget` is spent (then returns `None`).
    pub fn run(&mut self, budget: &mut Budget<'_>) -> Option<Outcome> {
        while self.done.is_none() {
            if self.list.next[HEAD] == NIL {
                self.done = Some(Outcome::Linearizable);
            } else if self.memo.len() > MAX_MEMO {
                self.done = Some(Outcome::OutOfBudget);
            } else if !budget.tick() {
                return None;
            } else {
                self.steps += 1;
                self.advance();
            }
        }
        self.done
    }

    fn advance(&mut self) {
        let list = &mut self.list;
        let entry = self.entry;
        if entry != NIL && list.is_call[entry] {
            let i = list.op[entry];
            if let Some(new_state) = self.interner.step(self.state, self.compiled[i]) {
                self.memo.toggle(&mut self.linearized, i);
                if self.memo.insert(&self.linearized, new_state) {
                    self.calls.push((entry, self.state));
                    self.state = new_state;
                    list.lift(entry);
                    self.entry = list.next[HEAD];
                    return;
                }
                self.memo.toggle(&mut self.linearized, i);
            }
            self.entry = list.next[entry];
        } else {
            // A return whose call is not linearized yet: undo the last choice.
            let Some((call, prev_state)) = self.calls.pop() else {
                self.done = Some(Outcome::NotLinearizable);
                return;
            };
            self.state = prev_state;
            self.memo.toggle(&mut self.linearized, list.op[call]);
            list.unlift(call);
            self.entry = list.next[call];
        }
    }
}

/// Decides whether `ops` (one partition) is linearizable from `initial`.
pub fn search(ops: &[Operation], initial: &State, budget: &mut Budget<'_>) -> Outcome {
    Search::new(ops, initial)
        .run(budget)
        .unwrap_or(Outcome::OutOfBudget)
}
