//! Leader election (§5.2), pre-vote (thesis §9.6) and the vote rules (§5.4.1).

use crate::entry::{Entry, EntryKind};
use crate::explain::{
    CampaignKind, Explain, IgnoreReason, ReadFailReason, StepDownReason, TransferAbortReason,
    VoteRejectReason,
};
use crate::messages::{Message, MessageBody};
use crate::node::{Node, Role};
use crate::progress::Progress;
use crate::quorum::{self, VoteResult};
use crate::types::{NodeId, Term};

impl Node {
    /// Voters of both halves of the configuration, sorted.
    pub(crate) fn voters(&self) -> Vec<NodeId> {
        self.membership
            .voters
            .union(&self.membership.outgoing)
            .into_iter()
            .collect()
    }

    pub(crate) fn start_campaign(&mut self, kind: CampaignKind) {
        if kind == CampaignKind::PreVote {
            self.become_pre_candidate();
        } else {
            self.become_candidate();
        }
        let (last_index, last_term) = (self.log.last_index(), self.log.last_term());
        let term = if kind == CampaignKind::PreVote {
            self.term.saturating_add(1)
        } else {
            self.term
        };
        let voters = self.voters();
        self.explain(Explain::CampaignStarted {
            kind,
            term,
            last_index,
            last_term,
            voters: voters.clone(),
        });
        self.votes.insert(self.id, true);
        if self.tally_votes(kind == CampaignKind::PreVote) {
            return;
        }
        let me = self.id;
        for v in voters.into_iter().filter(|&v| v != me) {
            let body = if kind == CampaignKind::PreVote {
                MessageBody::PreVote {
                    last_index,
                    last_term,
                }
            } else {
                MessageBody::RequestVote {
                    last_index,
                    last_term,
                    transfer: kind == CampaignKind::Transfer,
                }
            };
            self.send_with_term(v, term, body);
        }
    }

    /// Counts votes; acts on a win or a loss. Returns true if the campaign ended.
    fn tally_votes(&mut self, pre_vote: bool) -> bool {
        match quorum::vote_result(&self.membership, &self.votes) {
            VoteResult::Won if pre_vote => {
                self.start_campaign(CampaignKind::Election);
                true
            }
            VoteResult::Won => {
                self.become_leader();
                true
            }
            VoteResult::Lost => {
                let rejected_from = self
                    .votes
                    .iter()
                    .filter(|(_, g)| !**g)
                    .map(|(n, _)| *n)
                    .collect();
                self.explain(Explain::ElectionLost {
                    term: self.term,
                    pre_vote,
                    rejected_from,
                });
                self.become_follower(self.term, None);
                true
            }
            VoteResult::Pending => false,
        }
    }

    fn reset_role_state(&mut self, term: Term) {
        if term != self.term {
            self.term = term;
            self.vote = None;
        }
        self.leader = None;
        self.votes.clear();
        self.progress.clear();
        self.heartbeat_deadline_us = None;
        self.check_quorum_deadline_us = None;
        self.blocked_explained = 0;
        self.reset_election_timer();
    }

    /// Leaves any leader/candidate role. Fails pending reads and transfers.
    pub(crate) fn become_follower(&mut self, term: Term, leader: Option<NodeId>) {
        let was_leader = self.role == Role::Leader;
        let leader_changed = leader != self.leader || term != self.term;
        if let (true, Some(t)) = (was_leader, self.transfer.take()) {
            if leader == Some(t.to) || term > self.term {
                self.explain(Explain::TransferCompleted {
                    to: t.to,
                    new_term: term,
                });
            } else {
                self.explain(Explain::TransferAborted {
                    to: t.to,
                    reason: TransferAbortReason::NoLongerLeader,
                });
            }
        }
        self.transfer = None;
        if was_leader {
            self.fail_leader_reads(ReadFailReason::LeadershipLost);
        }
        if leader_changed {
            self.fail_forwarded_reads();
        }
        self.reset_role_state(term);
        self.role = Role::Follower;
        self.leader = leader;
        if leader.is_some() {
            self.last_leader_contact_us = Some(self.now);
        }
        self.explain(Explain::BecameFollower { term, leader });
    }

    fn become_pre_candidate(&mut self) {
        // Pre-vote does not touch the term or the vote (thesis §9.6).
        let term = self.term;
        self.fail_forwarded_reads();
        self.reset_role_state(term);
        self.role = Role::PreCandidate;
        self.explain(Explain::BecamePreCandidate { term });
    }

    fn become_candidate(&mut self) {
        let term = self.term.saturating_add(1);
        self.fail_forwarded_reads();
        self.reset_role_state(term);
        self.vote = Some(self.id);
        self.role = Role::Candidate;
        self.explain(Explain::BecameCandidate { term });
    }

    fn become_leader(&mut self) {
        let votes_from: Vec<NodeId> = self
            .votes
            .iter()
            .filter(|(_, g)| **g)
            .map(|(n, _)| *n)
            .collect();
        let granted = votes_from.len();
        self.reset_role_state(self.term);
        self.role = Role::Leader;
        self.leader = Some(self.id);
        self.explain(Explain::BecameLeader {
            term: self.term,
            votes_from,
            granted,
            voters: quorum::voter_count(&self.membership),
        });
        let next = self.log.last_index().saturating_add(1);
        for id in self.membership.all_nodes() {
            let mut p = Progress::new(next);
            if id == self.id {
                p.matched = self.log.last_index();
                p.recent_active = true;
            }
            self.progress.insert(id, p);
        }
        self.reads.reset();
        self.heartbeat_deadline_us = Some(self.now.saturating_add(self.cfg.heartbeat_interval_us));
        if self.cfg.check_quorum {
            self.check_quorum_deadline_us =
                Some(self.now.saturating_add(self.cfg.election_timeout_min_us));
        }
        // The no-op of §5.4.2/§8: lets the leader commit (and learn the commit
        // index) in its own term.
        let index = self.log.last_index().saturating_add(1);
        self.append_leader_entry(Entry::new(index, self.term, EntryKind::Noop));
        self.broadcast_append();
    }

    /// Handles PreVote and RequestVote (any role; term already reconciled).
    pub(crate) fn handle_vote_request(&mut self, m: &Message) {
        let pre_vote = matches!(m.body, MessageBody::PreVote { .. });
        let (last_index, last_term) = match m.body {
            MessageBody::PreVote {
                last_index,
                last_term,
            } => (last_index, last_term),
            MessageBody::RequestVote {
                last_index,
                last_term,
                ..
            } => (last_index, last_term),
            _ => return,
        };
        match self.vote_decision(m, pre_vote, last_index, last_term) {
            Ok(()) => {
                self.explain(Explain::VoteGranted {
                    to: m.from,
                    term: m.term,
                    pre_vote,
                });
                if pre_vote {
                    // Granted pre-votes carry the requested term, so the candidate can match them.
                    self.send_with_term(m.from, m.term, MessageBody::PreVoteResp { granted: true });
                } else {
                    self.vote = Some(m.from);
                    self.restart_election_countdown();
                    self.send(m.from, MessageBody::RequestVoteResp { granted: true });
                }
            }
            Err(reason) => {
                self.explain(Explain::VoteRejected {
                    to: m.from,
                    term: m.term,
                    pre_vote,
                    reason,
                });
                let body = if pre_vote {
                    MessageBody::PreVoteResp { granted: false }
                } else {
                    MessageBody::RequestVoteResp { granted: false }
                };
                self.send(m.from, body);
            }
        }
    }

    fn vote_decision(
        &self,
        m: &Message,
        pre_vote: bool,
        last_index: u64,
        last_term: Term,
    ) -> Result<(), VoteRejectReason> {
        if m.term < self.term {
            return Err(VoteRejectReason::StaleTerm {
                candidate_term: m.term,
                my_term: self.term,
            });
        }
        let can_vote = self.vote == Some(m.from)
            || (self.vote.is_none() && self.leader.is_none())
            || (pre_vote && m.term > self.term);
        if !can_vote {
            return Err(match (self.vote, self.leader) {
                (Some(v), _) => VoteRejectReason::AlreadyVoted {
                    voted_for: v,
                    term: self.term,
                },
                (None, Some(l)) => VoteRejectReason::HasLeader {
                    leader: l,
                    term: self.term,
                },
                (None, None) => VoteRejectReason::StaleTerm {
                    candidate_term: m.term,
                    my_term: self.term,
                },
            });
        }
        if self.cfg.bugs.vote_without_log_check || self.log.is_up_to_date(last_index, last_term) {
            return Ok(());
        }
        let (my_index, my_term) = (self.log.last_index(), self.log.last_term());
        if last_term < my_term {
            Err(VoteRejectReason::CandidateLastTermOlder {
                candidate_last_term: last_term,
                my_last_term: my_term,
            })
        } else {
            Err(VoteRejectReason::CandidateLogShorter {
                last_term,
                candidate_last_index: last_index,
                my_last_index: my_index,
            })
        }
    }

    /// Handles PreVoteResp / RequestVoteResp (term already reconciled).
    pub(crate) fn handle_vote_response(&mut self, m: &Message, granted: bool) {
        let pre_vote = matches!(m.body, MessageBody::PreVoteResp { .. });
        let expected_role = if pre_vote {
            Role::PreCandidate
        } else {
            Role::Candidate
        };
        // A granted pre-vote carries the term we would campaign at.
        let expected_term = if pre_vote && granted {
            self.term.saturating_add(1)
        } else {
            self.term
        };
        if self.role != expected_role || m.term != expected_term {
            let reason = if self.role != expected_role {
                IgnoreReason::WrongRole
            } else {
                IgnoreReason::Stale
            };
            self.ignore(m, reason);
            return;
        }
        if !self.membership.is_voter(m.from) {
            self.ignore(m, IgnoreReason::UnknownSender);
            return;
        }
        self.votes.entry(m.from).or_insert(granted);
        let granted_from = self
            .votes
            .iter()
            .filter(|(_, g)| **g)
            .map(|(n, _)| *n)
            .collect();
        let rejected_from = self
            .votes
            .iter()
            .filter(|(_, g)| !**g)
            .map(|(n, _)| *n)
            .collect();
        self.explain(Explain::VoteReceived {
            from: m.from,
            term: m.term,
            pre_vote,
            granted,
            granted_from,
            rejected_from,
            needed: quorum::votes_needed(&self.membership),
            voters: quorum::voter_count(&self.membership),
        });
        self.tally_votes(pre_vote);
    }

    /// Steps down from leadership because of check-quorum or removal.
    pub(crate) fn step_down(&mut self, reason: StepDownReason) {
        let term = self.term;
        self.explain(Explain::SteppingDown {
            from_term: term,
            to_term: term,
            seen_from: None,
            reason,
        });
        self.become_follower(term, None);
    }

    pub(crate) fn ignore(&mut self, m: &Message, reason: IgnoreReason) {
        self.explain(Explain::MessageIgnored {
            from: m.from,
            kind: m.kind(),
            term: m.term,
            reason,
        });
    }
}
