//! Time travel: periodic snapshots of the whole world plus deterministic replay.
//!
//! Seeking restores the latest snapshot at or before the target and replays events from
//! there. Memory is bounded by thinning: when there are too many snapshots, or the Raft
//! snapshots they hold pass a byte budget, every other one is dropped (the first is always
//! kept), so the spacing doubles and replay stays short.
//!
//! Copies are cheap where it matters: Raft snapshot bytes are shared (`SnapshotData`) and
//! made only when read, and an application can share its own history (etcd's MVCC store
//! does); what a copy of the world cannot share is a Raft snapshot once its bytes are made
//! (sent to a follower, restored) and the application has grown, hence the budget on those.

use super::{LogMarks, State, World};
use crate::statemachine::StateMachine;

pub struct Snapshot<S: StateMachine> {
    pub state: State<S>,
    pub marks: LogMarks,
}

pub struct Snapshots<S: StateMachine> {
    pub list: Vec<Snapshot<S>>,
    /// Most bytes of distinct Raft snapshot data the list may hold.
    pub byte_budget: usize,
}

/// The default byte budget: a long run with clients on etcd stays well inside a browser tab.
pub const SNAPSHOT_BYTE_BUDGET: usize = 96 << 20;

impl<S: StateMachine> Default for Snapshots<S> {
    fn default() -> Self {
        Snapshots {
            list: Vec::new(),
            byte_budget: SNAPSHOT_BYTE_BUDGET,
        }
    }
}

impl<S: StateMachine> Snapshots<S> {
    /// Bytes of Raft snapshot data the list holds (made bytes only), each counted once: a node's snapshot is
    /// counted where it first differs from that node's in the previous copy of the world
    /// (snapshots only move forward, so that is where it appeared).
    pub fn held_bytes(&self) -> usize {
        let mut total = 0;
        let mut prev: Option<&State<S>> = None;
        for snap in &self.list {
            for (id, host) in snap.state.hosts.iter() {
                let data = &host.disk.snapshot.data;
                let seen = prev
                    .and_then(|p| p.hosts.get(id))
                    .is_some_and(|h| h.disk.snapshot.data.same_bytes(data));
                if !seen {
                    total += data.made_len();
                }
            }
            prev = Some(&snap.state);
        }
        total
    }

    /// Drops every other snapshot (keeping the first) while there are more than `max` or the
    /// byte budget is exceeded; two are always kept.
    fn thin(&mut self, max: usize) {
        while self.list.len() > 2 && (self.list.len() > max || self.held_bytes() > self.byte_budget)
        {
            let mut i = 0usize;
            self.list.retain(|_| {
                i += 1;
                i % 2 == 1
            });
        }
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
        self.travel.thin(self.config.max_snapshots.max(2));
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

    /// Bytes of Raft snapshot data the time-travel snapshots hold (see [`Snapshots::held_bytes`]).
    pub fn snapshot_bytes(&self) -> usize {
        self.travel.held_bytes()
    }

    /// Sets the byte budget of time-travel snapshots (default [`SNAPSHOT_BYTE_BUDGET`]).
    pub fn set_snapshot_byte_budget(&mut self, bytes: usize) {
        self.travel.byte_budget = bytes;
    }
}
