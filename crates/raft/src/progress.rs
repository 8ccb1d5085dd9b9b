//! The leader's view of one follower (etcd `tracker/progress.go`): flow-control
//! state, next/match index and in-flight messages.

use crate::types::{Index, Micros};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Flow-control state of a follower.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressState {
    /// Unknown match: send one AppendEntries per heartbeat until one succeeds.
    Probe,
    /// Known match: stream entries optimistically, bounded by the in-flight limit.
    Replicate,
    /// Behind the compacted log: a snapshot is on its way.
    Snapshot,
}

/// Progress of one peer, as the leader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub matched: Index,
    pub next: Index,
    pub state: ProgressState,
    /// In Probe: one message was sent and we wait for its answer or a heartbeat.
    pub probe_sent: bool,
    /// In Snapshot: the index of the snapshot being sent.
    pub pending_snapshot: Index,
    /// Last index of each AppendEntries in flight (Replicate state).
    pub inflight: VecDeque<Index>,
    /// Heard from this peer since the last check-quorum round.
    pub recent_active: bool,
    /// When we last heard from the peer (for the leader lease).
    pub last_heard_us: Option<Micros>,
    /// Highest heartbeat round this peer acknowledged (ReadIndex and lease).
    pub hb_ack: u64,
    /// When the pending snapshot was sent (to retry a lost one).
    pub snapshot_sent_us: Micros,
}

impl Progress {
    pub fn new(next: Index) -> Progress {
        Progress {
            matched: 0,
            next: next.max(1),
            state: ProgressState::Probe,
            probe_sent: false,
            pending_snapshot: 0,
            inflight: VecDeque::new(),
            recent_active: false,
            last_heard_us: None,
            hb_ack: 0,
            snapshot_sent_us: 0,
        }
    }

    fn reset_state(&mut self, state: ProgressState) {
        self.probe_sent = false;
        self.pending_snapshot = 0;
        self.inflight.clear();
        self.state = state;
    }

    pub fn become_probe(&mut self) {
        // Coming back from a snapshot, resume right after it (etcd).
        let next = if self.state == ProgressState::Snapshot {
            self.matched.max(self.pending_snapshot).saturating_add(1)
        } else {
            self.matched.saturating_add(1)
        };
        self.reset_state(ProgressState::Probe);
        self.next = next;
    }

    pub fn become_replicate(&mut self) {
        self.reset_state(ProgressState::Replicate);
        self.next = self.matched.saturating_add(1);
    }

    pub fn become_snapshot(&mut self, index: Index) {
        self.reset_state(ProgressState::Snapshot);
        self.pending_snapshot = index;
    }

    /// A successful answer up to `n`. Returns whether `matched` advanced.
    pub fn maybe_update(&mut self, n: Index) -> bool {
        let updated = n > self.matched;
        if updated {
            self.matched = n;
            self.probe_sent = false;
        }
        self.next = self.next.max(n.saturating_add(1));
        updated
    }

    /// Drops in-flight messages acknowledged up to `n`.
    pub fn free_inflight_to(&mut self, n: Index) {
        while self.inflight.front().is_some_and(|&i| i <= n) {
            self.inflight.pop_front();
        }
    }

    /// A rejection of `rejected` with hint `hint_next`. Returns false if the
    /// rejection is stale (a reordered or duplicate answer).
    pub fn maybe_decr_to(&mut self, rejected: Index, hint_next: Index) -> bool {
        if self.state == ProgressState::Replicate {
            // Only the answer to the first unacknowledged message matters.
            if rejected <= self.matched {
                return false;
            }
            self.next = self.matched.saturating_add(1);
            return true;
        }
        // Probe: only the answer to the message we sent (next - 1) counts. A
        // rejection at or below the known match contradicts an earlier answer
        // (only possible with a broken follower): ignore it rather than loop.
        if self.next.saturating_sub(1) != rejected || rejected <= self.matched {
            return false;
        }
        self.next = hint_next
            .min(rejected)
            .max(self.matched.saturating_add(1))
            .max(1);
        self.probe_sent = false;
        true
    }

    /// In Replicate with a full window, forgets the oldest append in flight so one more
    /// can go out; a gap then makes the follower reject it and probing takes over (etcd:
    /// `Inflights.FreeFirstOne` on a heartbeat answer).
    pub fn free_one_if_full(&mut self, max_inflight: usize) {
        if self.state == ProgressState::Replicate && self.inflight.len() >= max_inflight {
            self.inflight.pop_front();
        }
    }

    /// Whether the leader should hold off sending more entries.
    pub fn is_paused(&self, max_inflight: usize) -> bool {
        match self.state {
            ProgressState::Probe => self.probe_sent,
            ProgressState::Replicate => self.inflight.len() >= max_inflight,
            ProgressState::Snapshot => true,
        }
    }

    /// Records that an AppendEntries ending at `last` was sent.
    pub fn sent_entries(&mut self, last: Index, count: usize) {
        match self.state {
            ProgressState::Replicate => {
                if count > 0 {
                    self.next = last.saturating_add(1);
                    self.inflight.push_back(last);
                }
            }
            ProgressState::Probe => self.probe_sent = true,
            ProgressState::Snapshot => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_backtracks_only_on_the_answer_it_waits_for() {
        let mut p = Progress::new(10);
        p.sent_entries(12, 3);
        assert!(p.is_paused(4));
        assert!(!p.maybe_decr_to(5, 3), "stale rejection ignored");
        assert!(p.maybe_decr_to(9, 4));
        assert_eq!(p.next, 4);
        assert!(!p.is_paused(4));
    }

    #[test]
    fn replicate_limits_inflight() {
        let mut p = Progress::new(1);
        p.maybe_update(3);
        p.become_replicate();
        for i in 0..2 {
            assert!(!p.is_paused(2));
            p.sent_entries(4 + i, 1);
        }
        assert!(p.is_paused(2));
        p.free_inflight_to(4);
        assert!(!p.is_paused(2));
        assert_eq!(p.next, 6);
    }

    #[test]
    fn a_full_window_frees_one_slot_only_when_full() {
        let mut p = Progress::new(1);
        p.maybe_update(3);
        p.become_replicate();
        p.sent_entries(4, 1);
        p.free_one_if_full(2);
        assert_eq!(p.inflight.len(), 1, "not full: nothing freed");
        p.sent_entries(5, 1);
        assert!(p.is_paused(2));
        p.free_one_if_full(2);
        assert!(!p.is_paused(2));
        assert_eq!(
            (p.inflight.len(), p.next),
            (1, 6),
            "next stays where it was"
        );
    }
}
