//! Wing & Gong's search with Lowe's memoization, the algorithm Porcupine uses, with two
//! shortcuts that keep long histories with many clients tractable.
//!
//! Calls and returns sit in one doubly linked list sorted by time. The search repeatedly
//! linearizes a pending call (applies it to the model and lifts it and its return out of the
//! list); a configuration whose every candidate fails is a dead end and the search backtracks.
//! Pairs of (set of linearized operations, model state) already explored are cached.
//! Unknown outcomes get a return at +infinity: they may be linearized anywhere after their call,
//! and "never" is the same as "after everything else".
//!
//! The shortcuts, each checked against brute force (`tests/lincheck_bruteforce.rs`):
//! - reads and failed cas that fit the state are lifted at once, with no choice point
//!   ([`is_observer`] says why that loses nothing);
//! - the candidates are tried earliest return first, writes that give the state the first
//!   due read needs before all others, and a configuration where nothing pending can give it
//!   is dropped at once. Without them, 20,000 operations from 12 clients did not finish in
//!   5 GB; with them it takes a tenth of a second.

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
        // By instant, calls first; then by operation (events were pushed in its order).
        // Instants past 2^63 (only the "never" of unknown outcomes) all count as the last.
        let mut order: Vec<usize> = (0..events.len()).collect();
        super::order::by_key(&mut order, |e| {
            let (at, kind, _) = events[e];
            at.saturating_mul(2).saturating_add(u64::from(kind))
        });
        let events: Vec<(u64, u8, usize)> = order.into_iter().map(|e| events[e]).collect();
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

/// Most memory the memo may hold before the search gives up.
const MAX_MEMO_BYTES: usize = 256 << 20;

/// A lift on the search stack: the call lifted and the state before it. A forced lift (an
/// observer, see [`is_observer`]) has no alternative; a chosen one remembers which of its
/// configuration's candidates it was, so backtracking goes on with the next.
struct Lift {
    call: usize,
    state: Sid,
    choice: Option<Candidates>,
}

/// The calls a configuration may linearize next, `cands[next..end]` (the tried ones before).
#[derive(Clone, Copy)]
struct Candidates {
    next: usize,
    end: usize,
}

/// A search in progress; `run` can be called repeatedly with more budget, so several
/// partitions can be explored round-robin and the first refutation ends the whole check
/// (one non-linearizable key is enough), as Porcupine does with parallel workers.
pub struct Search {
    compiled: Vec<COp>,
    interner: Interner,
    list: List,
    memo: Memo,
    linearized: OpSet,
    lifts: Vec<Lift>,
    /// The candidates of every configuration on the stack, one range each.
    cands: Vec<usize>,
    /// The candidates of the configuration being explored; `None` when it was just reached
    /// and its observers are not lifted yet.
    current: Option<Candidates>,
    state: Sid,
    done: Option<Outcome>,
    steps: u64,
}

/// Operations that leave the state as it is wherever they can be linearized at all: a read,
/// and a cas that failed. Lifting one as soon as the state allows it is never worse than
/// waiting: any linearization that places it later still works with it moved to now (it is
/// already invoked, every operation it would pass is concurrent with it, and it changes no
/// state). So they are lifted without a choice point, which removes most of the branching
/// on real histories, where half the operations are reads.
fn is_observer(op: COp) -> bool {
    matches!(
        op,
        COp::Read(_)
            | COp::ReadAny
            | COp::Cas {
                result: Some(false),
                ..
            }
    )
}

/// The state an operation can only be linearized in, when there is one.
fn needs(op: COp) -> Option<Sid> {
    match op {
        COp::Read(v) => Some(v),
        COp::Cas {
            expect,
            result: Some(true),
            ..
        } => Some(expect),
        _ => None,
    }
}

/// Whether linearizing `op` may leave the state at `v`.
fn may_produce(op: COp, v: Sid) -> bool {
    match op {
        COp::Write(w) => w == v,
        COp::Cas { new, result, .. } => new == v && result != Some(false),
        COp::Append(_) => true,
        COp::Read(_) | COp::ReadAny => false,
    }
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
        Search {
            compiled,
            interner,
            list,
            memo,
            linearized,
            lifts: Vec::new(),
            cands: Vec::new(),
            current: None,
            state,
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
            } else if self.memo.bytes() > MAX_MEMO_BYTES {
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

    /// One step: settle a newly reached configuration, or try its next candidate.
    fn advance(&mut self) {
        let Some(mut c) = self.current else {
            if self.lift_observers() {
                self.current = Some(self.candidates());
            } else {
                self.backtrack();
            }
            return;
        };
        let Some(&call) = self.cands.get(c.next).filter(|_| c.next < c.end) else {
            self.backtrack();
            return;
        };
        c.next += 1;
        self.current = Some(c);
        let i = self.list.op[call];
        if let Some(new_state) = self.interner.step(self.state, self.compiled[i]) {
            self.memo.toggle(&mut self.linearized, i);
            if self.memo.insert(&self.linearized, new_state) {
                self.lift(call, new_state, Some(c));
                self.current = None;
                return;
            }
            self.memo.toggle(&mut self.linearized, i);
        }
    }

    /// The invoked calls that may be linearized next (those before the first return in the
    /// list; observers are already lifted), earliest return first: real systems mostly
    /// take effect in the order they answer, so the first path tried is usually right.
    fn candidates(&mut self) -> Candidates {
        let start = self.cands.len();
        let mut e = self.list.next[HEAD];
        while e != NIL && self.list.is_call[e] {
            // An observer still here does not fit the state, and nothing else it could fit
            // is reached without lifting something else first.
            if !is_observer(self.compiled[self.list.op[e]]) {
                self.cands.push(e);
            }
            e = self.list.next[e];
        }
        // The operation that must be linearized first of all those still pending, and the
        // state it needs, if it needs one the state is not in.
        let need = (e != NIL)
            .then(|| needs(self.compiled[self.list.op[e]]))
            .flatten()
            .filter(|&v| v != self.state);
        let (list, compiled) = (&self.list, &self.compiled);
        let feeds = |call: usize| need.is_some_and(|v| may_produce(compiled[list.op[call]], v));
        if need.is_some() && !self.cands[start..].iter().any(|&c| feeds(c)) {
            // Nothing pending can bring the state it needs: this configuration is dead.
            self.cands.truncate(start);
        }
        // Entries are below 2^31, so (feeds, return entry, call) packs into one `u64`.
        let mut keyed: Vec<u64> = self.cands[start..]
            .iter()
            .map(|&call| {
                u64::from(!feeds(call)) << 63 | (list.matching[call] as u64) << 32 | call as u64
            })
            .collect();
        keyed.sort_unstable();
        for (slot, k) in self.cands[start..].iter_mut().zip(keyed) {
            *slot = (k & 0xFFFF_FFFF) as usize;
        }
        Candidates {
            next: start,
            end: self.cands.len(),
        }
    }

    /// Lifts every invoked observer the state allows (see [`is_observer`]); false if the
    /// configuration this reaches was explored before.
    fn lift_observers(&mut self) -> bool {
        let mut lifted = false;
        let mut e = self.list.next[HEAD];
        while e != NIL && self.list.is_call[e] {
            let i = self.list.op[e];
            let op = self.compiled[i];
            if is_observer(op) && self.interner.step(self.state, op) == Some(self.state) {
                let before = self.list.prev[e];
                self.memo.toggle(&mut self.linearized, i);
                self.lift(e, self.state, None);
                lifted = true;
                e = self.list.next[before];
            } else {
                e = self.list.next[e];
            }
        }
        !lifted || self.memo.insert(&self.linearized, self.state)
    }

    fn lift(&mut self, call: usize, new_state: Sid, choice: Option<Candidates>) {
        self.lifts.push(Lift {
            call,
            state: self.state,
            choice,
        });
        self.state = new_state;
        self.list.lift(call);
    }

    /// Undoes lifts up to the last chosen one, and goes on with that configuration's next
    /// candidate.
    fn backtrack(&mut self) {
        while let Some(lift) = self.lifts.pop() {
            self.state = lift.state;
            self.memo
                .toggle(&mut self.linearized, self.list.op[lift.call]);
            self.list.unlift(lift.call);
            if let Some(c) = lift.choice {
                self.cands.truncate(c.end);
                self.current = Some(c);
                return;
            }
        }
        self.done = Some(Outcome::NotLinearizable);
    }
}

/// Decides whether `ops` (one partition) is linearizable from `initial`.
pub fn search(ops: &[Operation], initial: &State, budget: &mut Budget<'_>) -> Outcome {
    Search::new(ops, initial)
        .run(budget)
        .unwrap_or(Outcome::OutOfBudget)
}
