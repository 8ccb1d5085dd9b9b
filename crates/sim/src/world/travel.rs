//! Time travel: periodic snapshots of the whole world plus deterministic replay.
//!
//! Seeking restores the latest snapshot at or before the target and replays events from
//! there. Memory is bounded by thinning: when there are too many snapshots, every other one is
//! dropped (the first is always kept), so the spacing doubles and replay stays short.

use super::{LogMarks, State, World};
use crate::statemachine::StateMachine;

pub struct Snapshot<S: StateMachine> {
    pub state: State<S>,
    pub marks: LogMarks,
}

pub struct Snapshots<S: StateMachine> {
    pub list: Vec<Snapshot<S>>,
}

impl<S: StateMachine> Default for Snapshots<S> {
    fn default() -> Self {
        Snapshots { list: Vec::new() }
    }
}

impl<S: StateMachine + Default> World<S> {
    pub(crate) fn take_snapshot(&mut self) {
        if self.config.snapshot_every_events == 0 && !self.travel.list.is_empty() {
            return;
        }
        let events = self.st.events;
        // Snapshots are kept in event order; never store two for the same event.
        if self
            .travel
            .list
            .last()
            .is_some_and(|s| s.state.events >= events)
        {
            return;
        }
        let marks = LogMarks {
            narration_first_event: events,
            history: self.logs.history.len(),
            violations: self.logs.violations.len(),
            committed: self.logs.committed.len(),
        };
        self.travel.list.push(Snapshot {
            state: self.st.clone(),
            marks,
        });
        let max = self.config.max_snapshots.max(2);
        if self.travel.list.len() > max {
            let mut i = 0usize;
            self.travel.list.retain(|_| {
                i += 1;
                i % 2 == 1
            });
        }
    }

    /// Restores the latest snapshot satisfying `ok` (the first one always does).
    fn restore_where(&mut self, ok: impl Fn(&State<S>) -> bool) {
        let pos = self
            .travel
            .list
            .iter()
            .rposition(|s| ok(&s.state))
            .unwrap_or(0);
        let Some(snap) = self.travel.list.get(pos) else {
            return;
        };
        self.st = snap.state.clone();
        let m = snap.marks;
        self.logs.history.truncate(m.history);
        self.logs.violations.truncate(m.violations);
        self.logs.committed.truncate(m.committed);
        let first_future = m.narration_first_event;
        self.logs.narration.retain(|n| n.event <= first_future);
    }

    /// Goes to the state right after event number `k` (0: the start).
    pub fn seek_event(&mut self, k: u64) {
        if k < self.st.events {
            self.restore_where(|s| s.events <= k);
        } else if let Some(pos) = self.travel.list.iter().rposition(|s| s.state.events <= k) {
            // A later snapshot of the same future saves replay.
            if self.travel.list[pos].state.events > self.st.events {
                self.restore_where(|s| s.events <= k);
            }
        }
        while self.st.events < k {
            if !self.step() {
                break;
            }
        }
    }

    /// Goes to instant `t`: every event at or before `t` processed, the clock at `t`.
    pub fn seek(&mut self, t: u64) {
        if t < self.st.now {
            self.restore_where(|s| s.now <= t);
        } else if let Some(pos) = self.travel.list.iter().rposition(|s| s.state.now <= t) {
            if self.travel.list[pos].state.events > self.st.events {
                self.restore_where(|s| s.now <= t);
            }
        }
        self.advance_to(t);
    }

    /// Undoes the last event. Returns false at the start.
    pub fn step_back(&mut self) -> bool {
        if self.st.events == 0 {
            return false;
        }
        let k = self.st.events - 1;
        self.seek_event(k);
        true
    }

    /// Forgets the future after the current instant (before a new action changes it).
    pub(crate) fn fork(&mut self) {
        let events = self.st.events;
        self.travel.list.retain(|s| s.state.events <= events);
        self.actions.truncate(self.st.actions_done);
    }

    /// Recorded actions are still ahead of the clock (after a seek into the past): the world
    /// replays them, so an automatic actor (etcd's lessor) must not act again on its own.
    pub fn is_replaying(&self) -> bool {
        self.st.actions_done < self.actions.len()
    }

    /// Number of snapshots held (for tests and the page's memory meter).
    pub fn snapshot_count(&self) -> usize {
        self.travel.list.len()
    }
}
