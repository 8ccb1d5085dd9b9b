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
    /// Highest commit index sent to the peer (etcd `sentCommit`): if it is behind,
    /// an answer that brings no new commit still gets an empty append carrying it.
    pub sent_commit: Index,
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
            sent_commit: 0,
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
        self.forget_commit_beyond_next();
    }

    pub fn become_replicate(&mut self) {
        self.reset_state(ProgressState::Replicate);
        self.next = self.matched.saturating_add(1);
    }

    pub fn become_snapshot(&mut self, index: Index) {
        self.reset_state(ProgressState::Snapshot);
        self.pending_snapshot = index;
        // The snapshot carries everything up to `index`, all committed (etcd).
        self.sent_commit = index;
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
            self.forget_commit_beyond_next();
            return true;
        }
        // Probe: only the answer to the message we sent (next - 1) counts. One at the
        // match (a reordered answer) counts too, as in etcd: `next` stays above the match
        // and the probe goes out again at once. Unlike etcd, not while that probe is
        // still unanswered: its own answer is on the way, and a follower that keeps
        // contradicting its match (only with `commit_old_term`) is not re-probed in a
        // loop but once per heartbeat answer.
        let contradicts_match = rejected <= self.matched && self.probe_sent;
        if self.next.saturating_sub(1) != rejected || contradicts_match {
            return false;
        }
        self.next = hint_next
            .min(rejected)
            .max(self.matched.saturating_add(1))
            .max(1);
        self.forget_commit_beyond_next();
        self.probe_sent = false;
        true
    }

    /// The entries from `next` on are not on the peer (or unknown), so a commit sent
    /// beyond them probably did not take effect (etcd regresses `sentCommit` too).
    fn forget_commit_beyond_next(&mut self) {
        self.sent_commit = self.sent_commit.min(self.next.saturating_sub(1));
    }

    /// Records the commit index an AppendEntries or heartbeat carried.
    pub fn commit_sent(&mut self, commit: Index) {
        self.sent_commit = commit;
    }

    /// Whether sending `commit` may advance the peer's commit (etcd `CanBumpCommit`):
    /// it is newer than what we sent, and what we sent does not already cover all
    /// the entries the peer is known or assumed to hold (up to `next - 1`).
    pub fn can_bump_commit(&self, commit: Index) -> bool {
        commit > self.sent_commit && self.sent_commit < self.next.saturating_sub(1)
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

    /// etcd `sentCommit`: bump a follower's commit only if what was sent does not
    /// already cover its entries; a rejection or a fall back to Probe forgets commits
    /// sent beyond `next - 1`.
    #[test]
    fn sent_commit_says_when_an_empty_append_can_bump_the_commit() {
        let mut p = Progress::new(4);
        p.commit_sent(2);
        assert!(
            p.can_bump_commit(3),
            "3 holds entries up to 3, knows commit 2"
        );
        assert!(!p.can_bump_commit(2), "nothing newer to tell");
        p.commit_sent(3);
        assert!(!p.can_bump_commit(5), "commit 3 covers all it holds");
        p.maybe_update(3);
        p.become_replicate();
        p.sent_entries(6, 3);
        assert!(p.can_bump_commit(5));
        assert!(p.maybe_decr_to(6, 4));
        p.commit_sent(6);
        p.become_probe();
        assert_eq!((p.next, p.sent_commit), (4, 3));
        p.become_snapshot(9);
        p.maybe_update(9);
        p.become_probe();
        p.become_replicate();
        assert!(!p.can_bump_commit(12), "the snapshot told it commit 9");
    }

    /// etcd `TestLogReplicationWithReorderedMessage` at the progress level: a late
    /// rejection at the match re-opens probing at once (etcd), unless the probe it
    /// would repeat is still unanswered.
    #[test]
    fn a_late_rejection_at_the_match_reopens_probing() {
        let mut p = Progress::new(1);
        p.maybe_update(2);
        p.become_probe();
        assert_eq!(p.next, 3);
        assert!(p.maybe_decr_to(2, 1), "counts: nothing in flight");
        assert_eq!((p.next, p.is_paused(4)), (3, false));
        p.sent_entries(3, 1);
        assert!(!p.maybe_decr_to(2, 1), "the probe's own answer is awaited");
        assert!(p.is_paused(4));
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
