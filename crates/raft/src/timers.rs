//! Time: randomized election timeouts, heartbeat and check-quorum deadlines.
//! Time is always passed in; `next_deadline` tells the caller when to call `tick`.

use crate::explain::{Explain, IgnoreReason, TransferAbortReason};
use crate::node::{Node, Role};
use crate::types::Micros;
use rand_core::RngCore;

impl Node {
    /// Draws a new election timeout, uniform in `[min, max]`.
    pub(crate) fn reset_election_timer(&mut self) {
        let (min, max) = (
            self.cfg.election_timeout_min_us,
            self.cfg.election_timeout_max_us,
        );
        let span = max.saturating_sub(min);
        let jitter = if self.cfg.bugs.no_timeout_randomization || span == 0 {
            0
        } else {
            self.rng.next_u64() % span.saturating_add(1)
        };
        self.randomized_timeout_us = min.saturating_add(jitter);
        self.election_start_us = self.now;
    }

    /// Restarts the countdown without drawing a new timeout (leader contact, vote granted).
    pub(crate) fn restart_election_countdown(&mut self) {
        self.election_start_us = self.now;
    }

    pub(crate) fn election_deadline_at(&self) -> Micros {
        self.election_start_us
            .saturating_add(self.randomized_timeout_us)
    }

    /// The earliest time at which `tick` would do something, if any.
    pub fn next_deadline(&self) -> Option<Micros> {
        if self.role == Role::Leader {
            let mut d = self.heartbeat_deadline_us;
            for other in [
                self.check_quorum_deadline_us,
                self.transfer.map(|t| t.deadline_us),
            ] {
                d = match (d, other) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            return d;
        }
        self.promotable().then(|| self.election_deadline_at())
    }

    pub(crate) fn fire_timers(&mut self) {
        if self.role == Role::Leader {
            self.fire_leader_timers();
        } else if self.promotable() && self.now >= self.election_deadline_at() {
            self.explain(Explain::ElectionTimeout {
                term: self.term,
                timeout_us: self.randomized_timeout_us,
                pre_vote: self.cfg.pre_vote,
            });
            self.on_election_timeout();
        }
    }

    fn fire_leader_timers(&mut self) {
        if let Some(t) = self.transfer {
            if self.now >= t.deadline_us {
                self.transfer = None;
                self.explain(Explain::TransferAborted {
                    to: t.to,
                    reason: TransferAbortReason::Timeout,
                });
            }
        }
        if self.check_quorum_deadline_us.is_some_and(|d| self.now >= d) {
            self.check_quorum_deadline_us =
                Some(self.now.saturating_add(self.cfg.election_timeout_min_us));
            if !self.check_quorum() {
                return;
            }
        }
        if self.heartbeat_deadline_us.is_some_and(|d| self.now >= d) {
            self.broadcast_heartbeat();
        }
    }

    /// Election timeout (or a forced `campaign`): start a pre-vote or an election.
    pub(crate) fn on_election_timeout(&mut self) {
        if self.role == Role::Leader {
            return;
        }
        if !self.promotable() {
            self.explain(Explain::CampaignSkipped {
                reason: IgnoreReason::NotPromotable,
            });
            self.reset_election_timer();
            return;
        }
        if self.cfg.pre_vote {
            self.start_campaign(crate::explain::CampaignKind::PreVote);
        } else {
            self.start_campaign(crate::explain::CampaignKind::Election);
        }
    }
}
