//! The message dispatcher: validation, term reconciliation (§5.1), then the
//! role-specific handlers.

use crate::explain::{CampaignKind, Explain, IgnoreReason, StepDownReason, TransferAbortReason};
use crate::messages::{Message, MessageBody, MessageKind};
use crate::node::{Node, Role};

impl Node {
    pub(crate) fn step_message(&mut self, m: Message) {
        if m.to != self.id {
            self.ignore(&m, IgnoreReason::WrongRecipient { to: m.to });
            return;
        }
        if m.from == 0 || m.from == self.id {
            self.ignore(&m, IgnoreReason::UnknownSender);
            return;
        }
        if m.term > self.term {
            if !self.on_higher_term(&m) {
                return;
            }
        } else if m.term < self.term {
            self.on_lower_term(&m);
            return;
        }
        self.dispatch(m);
    }

    /// Check-quorum's lease: a follower that heard from a leader within the
    /// minimum election timeout ignores vote requests (thesis §4.2.3).
    fn in_lease(&self) -> Option<(u64, u64)> {
        if !self.cfg.check_quorum {
            return None;
        }
        let leader = self.leader?;
        if leader == self.id {
            return Some((leader, 0));
        }
        let elapsed = self.now.saturating_sub(self.last_leader_contact_us?);
        (elapsed < self.cfg.election_timeout_min_us).then_some((leader, elapsed))
    }

    /// Returns whether to go on handling the message.
    fn on_higher_term(&mut self, m: &Message) -> bool {
        match m.body {
            MessageBody::PreVote { .. } | MessageBody::RequestVote { .. } => {
                let forced = matches!(m.body, MessageBody::RequestVote { transfer: true, .. });
                if let (false, Some((leader, elapsed))) = (forced, self.in_lease()) {
                    let timeout_us = self.cfg.election_timeout_min_us;
                    self.ignore(
                        m,
                        IgnoreReason::InLease {
                            leader,
                            elapsed_us: elapsed,
                            timeout_us,
                        },
                    );
                    return false;
                }
                if matches!(m.body, MessageBody::PreVote { .. }) {
                    // Pre-votes never change anyone's term.
                    return true;
                }
            }
            // A granted pre-vote carries the future term: not a reason to step down.
            MessageBody::PreVoteResp { granted: true } => return true,
            _ => {}
        }
        let leader = match m.kind() {
            MessageKind::AppendEntries | MessageKind::Heartbeat | MessageKind::InstallSnapshot => {
                Some(m.from)
            }
            _ => None,
        };
        self.explain(Explain::TermAdvanced {
            from_term: self.term,
            to_term: m.term,
            seen_from: m.from,
            kind: m.kind(),
        });
        if self.role != Role::Follower {
            self.explain(Explain::SteppingDown {
                from_term: self.term,
                to_term: m.term,
                seen_from: Some(m.from),
                reason: StepDownReason::HigherTerm,
            });
        }
        // A higher term from anyone but the transfer target means another node
        // campaigned on its own: the transfer ends without completing.
        if let Some(t) = self.transfer.filter(|t| t.to != m.from) {
            self.transfer = None;
            self.explain(Explain::TransferAborted {
                to: t.to,
                reason: TransferAbortReason::NoLongerLeader,
            });
        }
        self.become_follower(m.term, leader);
        true
    }

    /// A message from an older term: requests are answered so the sender
    /// learns the current term (paper Figure 2); responses are dropped.
    fn on_lower_term(&mut self, m: &Message) {
        let answer = match m.body {
            MessageBody::AppendEntries { .. }
            | MessageBody::Heartbeat { .. }
            | MessageBody::InstallSnapshot { .. } => {
                let last = self.log.last_index();
                Some(MessageBody::AppendResp {
                    success: false,
                    index: 0,
                    conflict_term: 0,
                    conflict_index: 0,
                    last_index: last,
                })
            }
            MessageBody::RequestVote { .. } => {
                Some(MessageBody::RequestVoteResp { granted: false })
            }
            MessageBody::PreVote { .. } => Some(MessageBody::PreVoteResp { granted: false }),
            MessageBody::ReadIndex { ctx } => Some(MessageBody::ReadIndexResp { ctx, index: None }),
            _ => None,
        };
        match answer {
            Some(body) => {
                self.explain(Explain::StaleMessageAnswered {
                    from: m.from,
                    kind: m.kind(),
                    msg_term: m.term,
                    my_term: self.term,
                });
                self.send(m.from, body);
            }
            None => self.ignore(
                m,
                IgnoreReason::StaleTerm {
                    msg_term: m.term,
                    my_term: self.term,
                },
            ),
        }
    }

    fn dispatch(&mut self, m: Message) {
        match m.body {
            MessageBody::PreVote { .. } | MessageBody::RequestVote { .. } => {
                self.handle_vote_request(&m)
            }
            MessageBody::PreVoteResp { granted } | MessageBody::RequestVoteResp { granted } => {
                self.handle_vote_response(&m, granted)
            }
            MessageBody::AppendEntries { .. }
            | MessageBody::Heartbeat { .. }
            | MessageBody::InstallSnapshot { .. } => self.handle_from_leader(m),
            MessageBody::AppendResp { .. } | MessageBody::HeartbeatResp { .. } => {
                self.handle_leader_response(m)
            }
            MessageBody::TimeoutNow => self.handle_timeout_now(&m),
            MessageBody::ReadIndex { ctx } => self.handle_forwarded_read(m.from, ctx),
            MessageBody::ReadIndexResp { ctx, index } => self.handle_read_response(&m, ctx, index),
        }
    }

    /// AppendEntries, Heartbeat, InstallSnapshot of the current term.
    fn handle_from_leader(&mut self, m: Message) {
        match self.role {
            Role::Leader => {
                // Two leaders in one term cannot happen in correct Raft.
                self.ignore(&m, IgnoreReason::WrongRole);
                return;
            }
            Role::Candidate | Role::PreCandidate => {
                self.explain(Explain::SteppingDown {
                    from_term: self.term,
                    to_term: m.term,
                    seen_from: Some(m.from),
                    reason: StepDownReason::LeaderOfSameTerm,
                });
                self.become_follower(m.term, Some(m.from));
            }
            Role::Follower => {
                if self.leader != Some(m.from) {
                    if self.leader.is_some() {
                        self.fail_forwarded_reads();
                    }
                    self.leader = Some(m.from);
                }
            }
        }
        self.last_leader_contact_us = Some(self.now);
        self.restart_election_countdown();
        match m.body {
            MessageBody::AppendEntries {
                prev_index,
                prev_term,
                ref entries,
                commit,
            } => self.handle_append(m.from, m.term, prev_index, prev_term, entries, commit),
            MessageBody::Heartbeat { commit, seq } => self.handle_heartbeat(m.from, commit, seq),
            MessageBody::InstallSnapshot { snapshot } => self.handle_snapshot(m.from, snapshot),
            _ => {}
        }
    }

    fn handle_timeout_now(&mut self, m: &Message) {
        if self.role == Role::Leader || !self.promotable() {
            let reason = if self.role == Role::Leader {
                IgnoreReason::WrongRole
            } else {
                IgnoreReason::NotPromotable
            };
            self.ignore(m, reason);
            return;
        }
        self.start_campaign(CampaignKind::Transfer);
    }
}
