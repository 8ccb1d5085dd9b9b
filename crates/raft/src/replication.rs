//! Log replication (§5.3): proposals, AppendEntries with flow control and
//! batching, the consistency check with fast backtracking, and commitment (§5.4.2).

use crate::entry::{Entry, EntryKind};
use crate::explain::{AppendRejectReason, Explain, IgnoreReason, ProposeError, StepDownReason};
use crate::lite::LiteSet;
use crate::messages::{Message, MessageBody};
use crate::node::{Node, Role};
use crate::progress::ProgressState;
use crate::quorum;
use crate::types::{Index, NodeId, Term};

impl Node {
    pub(crate) fn propose_entry(&mut self, kind: EntryKind) -> Result<Index, ProposeError> {
        let res = self.check_can_propose();
        match res {
            Ok(()) => {
                let index = self.log.last_index().saturating_add(1);
                self.append_leader_entry(Entry::new(index, self.term, kind));
                self.explain(Explain::ProposalAppended {
                    index,
                    term: self.term,
                });
                self.broadcast_append();
                Ok(index)
            }
            Err(error) => {
                self.explain(Explain::ProposalRejected { error });
                Err(error)
            }
        }
    }

    pub(crate) fn check_can_propose(&self) -> Result<(), ProposeError> {
        if self.role != Role::Leader {
            return Err(ProposeError::NotLeader {
                leader: self.leader,
            });
        }
        if let Some(t) = self.transfer {
            return Err(ProposeError::TransferInProgress { to: t.to });
        }
        Ok(())
    }

    /// Appends to the leader's own log and counts it as replicated on itself.
    pub(crate) fn append_leader_entry(&mut self, e: Entry) {
        let conf = e.is_conf_change();
        let index = e.index;
        self.log.append_one(e);
        if let Some(p) = self.progress.get_mut(&self.id) {
            p.maybe_update(index);
        }
        if conf {
            self.recompute_membership();
        }
        // A single-voter cluster commits right away.
        self.maybe_commit();
    }

    fn peers(&self) -> Vec<NodeId> {
        self.progress
            .keys()
            .copied()
            .filter(|&p| p != self.id)
            .collect()
    }

    pub(crate) fn broadcast_append(&mut self) {
        for p in self.peers() {
            self.send_append(p, true);
        }
    }

    /// Sends the next batch to `to`, or a snapshot if it needs compacted entries.
    /// Returns whether something was sent.
    pub(crate) fn send_append(&mut self, to: NodeId, send_if_empty: bool) -> bool {
        let (max_inflight, max_batch) = (self.cfg.max_inflight, self.cfg.max_entries_per_msg);
        let Some(pr) = self.progress.get(&to) else {
            return false;
        };
        if pr.is_paused(max_inflight) {
            return false;
        }
        let prev_index = pr.next.saturating_sub(1);
        let Some(prev_term) = self
            .log
            .term(prev_index)
            .filter(|_| pr.next >= self.log.first_index())
        else {
            // etcd `maybeSendSnapshot`: not to a peer we have not heard from lately
            // (it may be down); the snapshot goes once it answers a heartbeat.
            if !pr.recent_active {
                return false;
            }
            return self.send_snapshot(to);
        };
        let entries = self.log.slice(pr.next, self.log.last_index(), max_batch);
        if entries.is_empty() && !send_if_empty {
            return false;
        }
        let last = entries.last().map_or(prev_index, |e| e.index);
        let n = entries.len();
        let commit = self.log.commit;
        if let Some(pr) = self.progress.get_mut(&to) {
            pr.sent_entries(last, n);
            pr.commit_sent(commit);
        }
        self.send(
            to,
            MessageBody::AppendEntries {
                prev_index,
                prev_term,
                entries,
                commit,
            },
        );
        true
    }

    /// Follower: AppendEntries from the leader of the current term.
    pub(crate) fn handle_append(
        &mut self,
        leader: NodeId,
        term: Term,
        prev_index: Index,
        prev_term: Term,
        entries: &[Entry],
        commit: Index,
    ) {
        if !entries_well_formed(prev_index, prev_term, term, entries) {
            self.explain(Explain::MessageIgnored {
                from: leader,
                kind: crate::messages::MessageKind::AppendEntries,
                term,
                reason: IgnoreReason::MalformedEntries,
            });
            return;
        }
        let last_index = self.log.last_index();
        if prev_index < self.log.commit {
            // Already have (and committed) that prefix: tell the leader where we are.
            let index = self.log.commit;
            self.send(
                leader,
                MessageBody::AppendResp {
                    success: true,
                    index,
                    conflict_term: 0,
                    conflict_index: 0,
                    last_index,
                },
            );
            return;
        }
        if !self.log.match_term(prev_index, prev_term) {
            self.reject_append(leader, prev_index, prev_term);
            return;
        }
        let had_conf = entries.iter().any(|e| e.is_conf_change());
        let out = self.log.append_from_leader(prev_index, entries);
        if let Some(from_index) = out.truncated_from {
            let removed = out.removed_terms.len() as u64;
            self.explain(Explain::EntriesTruncated {
                from_index,
                removed,
                removed_terms: out.removed_terms.clone(),
            });
        }
        if had_conf
            || (out
                .truncated_from
                .is_some_and(|t| t <= self.membership_index))
        {
            self.recompute_membership();
        }
        self.explain(Explain::AppendAccepted {
            leader,
            prev_index,
            prev_term,
            entries: entries.len(),
            last_index: out.last_new,
        });
        self.follower_commit(leader, commit.min(out.last_new));
        let last_index = self.log.last_index();
        self.send(
            leader,
            MessageBody::AppendResp {
                success: true,
                index: out.last_new,
                conflict_term: 0,
                conflict_index: 0,
                last_index,
            },
        );
    }

    fn reject_append(&mut self, leader: NodeId, prev_index: Index, prev_term: Term) {
        let last_index = self.log.last_index();
        let reason = match self.log.term(prev_index) {
            None => AppendRejectReason::Missing { last_index },
            Some(my_term) => AppendRejectReason::TermMismatch { my_term },
        };
        let (conflict_term, conflict_index) = self.log.first_index_of_term_at(prev_index);
        self.explain(Explain::AppendRejected {
            leader,
            prev_index,
            prev_term,
            reason,
            conflict_term,
            conflict_index,
        });
        self.send(
            leader,
            MessageBody::AppendResp {
                success: false,
                index: prev_index,
                conflict_term,
                conflict_index,
                last_index,
            },
        );
    }

    pub(crate) fn follower_commit(&mut self, leader: NodeId, to: Index) {
        let from = self.log.commit;
        if self.log.commit_to(to) {
            self.explain(Explain::CommitLearned {
                from,
                to: self.log.commit,
                leader,
            });
            self.explain_committed_conf_changes(from);
        }
    }

    pub(crate) fn handle_heartbeat(&mut self, leader: NodeId, commit: Index, seq: u64) {
        // The leader sends min(its commit, our match), so this prefix matches.
        self.follower_commit(leader, commit);
        self.send(leader, MessageBody::HeartbeatResp { seq });
    }

    /// Leader: AppendResp or HeartbeatResp of the current term.
    pub(crate) fn handle_leader_response(&mut self, m: Message) {
        if self.role != Role::Leader {
            self.ignore(&m, IgnoreReason::WrongRole);
            return;
        }
        let now = self.now;
        let Some(pr) = self.progress.get_mut(&m.from) else {
            self.ignore(&m, IgnoreReason::UnknownSender);
            return;
        };
        pr.recent_active = true;
        pr.last_heard_us = Some(now);
        match m.body {
            MessageBody::AppendResp {
                success: true,
                index,
                ..
            } => self.on_append_success(&m, index),
            MessageBody::AppendResp {
                success: false,
                index,
                conflict_term,
                conflict_index,
                ..
            } => self.on_append_reject(&m, index, conflict_term, conflict_index),
            MessageBody::HeartbeatResp { seq } => self.on_heartbeat_resp(m.from, seq),
            _ => {}
        }
    }

    fn on_append_success(&mut self, m: &Message, index: Index) {
        let last = self.log.last_index();
        if index > last {
            self.ignore(
                m,
                IgnoreReason::NonsensicalIndex {
                    index,
                    last_index: last,
                },
            );
            return;
        }
        let first = self.log.first_index();
        let Some(pr) = self.progress.get_mut(&m.from) else {
            return;
        };
        let old_state = pr.state;
        // A probe answered at the known match also ends probing (etcd): the follower
        // is caught up, e.g. after `report_unreachable` on an idle cluster.
        let probe_confirmed = pr.state == ProgressState::Probe && index == pr.matched;
        if !pr.maybe_update(index) && !probe_confirmed {
            return;
        }
        match pr.state {
            ProgressState::Probe => pr.become_replicate(),
            ProgressState::Snapshot if pr.matched.saturating_add(1) >= first => {
                pr.become_probe();
                pr.become_replicate();
            }
            ProgressState::Replicate => pr.free_inflight_to(index),
            ProgressState::Snapshot => {}
        }
        let (new_state, matched) = (pr.state, pr.matched);
        if new_state != old_state {
            self.explain(Explain::ProgressStateChanged {
                peer: m.from,
                from: old_state,
                to: new_state,
            });
        }
        self.explain(Explain::FollowerMatched {
            peer: m.from,
            match_index: matched,
        });
        if self.maybe_commit() {
            self.broadcast_append();
        } else if self
            .progress
            .get(&m.from)
            .is_some_and(|p| p.can_bump_commit(self.log.commit))
        {
            // The peer may not know the commit yet (its answer came after the commit
            // it helped make): tell it now rather than at the next heartbeat (etcd).
            self.send_append(m.from, true);
        }
        // More entries may fit in the window now (probe -> replicate, freed slots).
        while self.send_append(m.from, false) {}
        self.maybe_send_timeout_now(m.from);
    }

    fn on_append_reject(
        &mut self,
        m: &Message,
        rejected: Index,
        conflict_term: Term,
        conflict_index: Index,
    ) {
        // Fast backtracking: skip the follower's whole conflicting term, or
        // straight to the end of its log if it is too short.
        let hint_next = if conflict_term > 0 {
            self.log
                .last_index_of_term(conflict_term)
                .map_or(conflict_index, |i| i.saturating_add(1))
        } else {
            conflict_index
        };
        let Some(pr) = self.progress.get_mut(&m.from) else {
            return;
        };
        let old_state = pr.state;
        if !pr.maybe_decr_to(rejected, hint_next.max(1)) {
            self.ignore(m, IgnoreReason::Stale);
            return;
        }
        if pr.state == ProgressState::Replicate {
            pr.become_probe();
            // `become_probe` restarts from matched + 1; keep the hint if it is further.
            pr.next = hint_next
                .min(rejected)
                .max(pr.matched.saturating_add(1))
                .max(1);
        }
        let (next_index, new_state) = (pr.next, pr.state);
        if new_state != old_state {
            self.explain(Explain::ProgressStateChanged {
                peer: m.from,
                from: old_state,
                to: new_state,
            });
        }
        self.explain(Explain::FollowerRejected {
            peer: m.from,
            rejected_index: rejected,
            conflict_term,
            conflict_index,
            next_index,
        });
        self.send_append(m.from, true);
    }

    fn on_heartbeat_resp(&mut self, from: NodeId, seq: u64) {
        let (now, retry_after) = (self.now, self.cfg.election_timeout_min_us);
        let (last, max_inflight) = (self.log.last_index(), self.cfg.max_inflight);
        let Some(pr) = self.progress.get_mut(&from) else {
            return;
        };
        pr.hb_ack = pr.hb_ack.max(seq);
        pr.probe_sent = false;
        // The follower answers, so a full window means its appends were probably lost (a
        // partition): let one more go out. Without this it would never catch up.
        pr.free_one_if_full(max_inflight);
        if pr.state == ProgressState::Snapshot
            && now >= pr.snapshot_sent_us.saturating_add(retry_after)
        {
            // The snapshot was probably lost (nobody reported it): try again.
            pr.become_probe();
        }
        // A caught-up follower in Probe also gets an (empty) append: its answer
        // brings it back to Replicate (etcd).
        let behind = pr.matched < last || pr.state == ProgressState::Probe;
        self.advance_reads();
        if behind {
            self.send_append(from, true);
        }
    }

    pub(crate) fn broadcast_heartbeat(&mut self) {
        let seq = self.reads.new_round(self.now);
        self.heartbeat_deadline_us = Some(self.now.saturating_add(self.cfg.heartbeat_interval_us));
        let commit = self.log.commit;
        let targets: Vec<(NodeId, Index)> = self
            .progress
            .iter()
            .filter(|(id, _)| **id != self.id)
            .map(|(id, p)| (*id, p.matched.min(commit)))
            .collect();
        for (to, commit) in targets {
            if let Some(p) = self.progress.get_mut(&to) {
                p.commit_sent(commit);
            }
            self.send(to, MessageBody::Heartbeat { commit, seq });
        }
        if let Some(p) = self.progress.get_mut(&self.id) {
            p.hb_ack = seq;
        }
        self.advance_reads();
    }

    /// Leader: advances commit to what a quorum holds, but only by counting
    /// replicas of a current-term entry (§5.4.2). Returns whether it advanced.
    pub(crate) fn maybe_commit(&mut self) -> bool {
        if self.role != Role::Leader {
            return false;
        }
        let ci = quorum::committed_index(&self.membership, |id| {
            self.progress.get(&id).map_or(0, |p| p.matched)
        });
        let old = self.log.commit;
        if ci <= old {
            return false;
        }
        let entry_term = self.log.term(ci).unwrap_or(0);
        let replicated_on: Vec<NodeId> = self
            .progress
            .iter()
            .filter(|(id, p)| p.matched >= ci && self.membership.is_voter(**id))
            .map(|(id, _)| *id)
            .collect();
        let count = replicated_on.len();
        let voters = quorum::voter_count(&self.membership);
        if entry_term != self.term {
            if !self.cfg.bugs.commit_old_term {
                if self.blocked_explained < ci {
                    self.blocked_explained = ci;
                    self.explain(Explain::CommitBlockedOldTerm {
                        index: ci,
                        entry_term,
                        current_term: self.term,
                        replicated_on,
                        count,
                        voters,
                    });
                }
                return false;
            }
            self.explain(Explain::OldTermCommittedByCounting {
                index: ci,
                entry_term,
                current_term: self.term,
            });
        }
        self.log.commit_to(ci);
        self.explain(Explain::EntryCommitted {
            first_index: old.saturating_add(1),
            index: ci,
            term: entry_term,
            replicated_on,
            count,
            voters,
        });
        self.explain_committed_conf_changes(old);
        self.after_commit();
        true
    }

    /// Leader duties once commit advanced: deferred reads, auto-leave of a
    /// joint configuration, stepping down after its own removal.
    fn after_commit(&mut self) {
        if self.committed_in_term() {
            self.release_deferred_reads();
        }
        let conf_committed = self.membership_index <= self.log.commit;
        if conf_committed && !self.membership.is_voter(self.id) {
            self.step_down(StepDownReason::RemovedFromConfig);
            return;
        }
        if conf_committed && self.membership.is_joint() && self.membership.auto_leave {
            self.propose_leave_joint();
        }
    }

    /// Leader check-quorum: returns false if it stepped down.
    pub(crate) fn check_quorum(&mut self) -> bool {
        let active: LiteSet<NodeId> = self
            .progress
            .iter()
            .filter(|(id, p)| **id == self.id || p.recent_active)
            .map(|(id, _)| *id)
            .collect();
        for (id, p) in self.progress.iter_mut() {
            if *id != self.id {
                p.recent_active = false;
            }
        }
        let voters = quorum::voter_count(&self.membership);
        let active_voters: Vec<NodeId> = active
            .iter()
            .copied()
            .filter(|n| self.membership.is_voter(*n))
            .collect();
        if quorum::is_quorum(&self.membership, &active) {
            self.explain(Explain::CheckQuorumPassed {
                term: self.term,
                active: active_voters,
            });
            return true;
        }
        let needed = quorum::votes_needed(&self.membership);
        self.explain(Explain::CheckQuorumFailed {
            term: self.term,
            active: active_voters,
            needed,
            voters,
        });
        self.step_down(StepDownReason::CheckQuorum);
        false
    }

    pub(crate) fn on_unreachable(&mut self, to: NodeId) {
        if self.role != Role::Leader {
            return;
        }
        if let Some(pr) = self.progress.get_mut(&to) {
            if pr.state == ProgressState::Replicate {
                pr.become_probe();
                self.explain(Explain::ProgressStateChanged {
                    peer: to,
                    from: ProgressState::Replicate,
                    to: ProgressState::Probe,
                });
            }
            self.explain(Explain::PeerUnreachable { peer: to });
        }
    }
}

/// Entries must follow `prev_index` contiguously with terms that never
/// decrease, start at or above `prev_term`, and never exceed the message term.
fn entries_well_formed(
    prev_index: Index,
    prev_term: Term,
    msg_term: Term,
    entries: &[Entry],
) -> bool {
    let mut expect = prev_index.checked_add(1);
    let mut last_term = prev_term;
    if prev_term > msg_term {
        return false;
    }
    for e in entries {
        if Some(e.index) != expect || e.term < last_term || e.term > msg_term {
            return false;
        }
        expect = e.index.checked_add(1);
        last_term = e.term;
    }
    true
}
