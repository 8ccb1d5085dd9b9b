//! Linearizable reads (thesis §6.4): ReadIndex confirmed by a round of
//! heartbeats, lease-based reads, forwarding from followers.

use crate::config::ReadMode;
use crate::explain::{Explain, ReadFailReason, ReadHow};
use crate::messages::{Message, MessageBody};
use crate::node::{Node, Role};
use crate::quorum;
use crate::ready::{ReadFailure, ReadState};
use crate::types::{Index, Micros, NodeId};
use std::collections::VecDeque;

/// How many heartbeat rounds' send times are remembered for the lease.
const ROUNDS_KEPT: usize = 64;

/// One pending read on the leader. `origin` is the node that asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PendingRead {
    pub origin: NodeId,
    pub ctx: u64,
    pub index: Index,
    /// The heartbeat round whose quorum acknowledgement confirms it.
    pub seq: u64,
}

/// Leader and follower bookkeeping for reads.
#[derive(Clone, Debug, Default)]
pub struct ReadOnly {
    /// Heartbeat rounds: (sequence number, send time).
    rounds: VecDeque<(u64, Micros)>,
    last_seq: u64,
    /// Leader: reads waiting for a quorum of acks, oldest first.
    pub pending: VecDeque<PendingRead>,
    /// Leader: reads waiting for the first commit of the term.
    pub deferred: Vec<(NodeId, u64)>,
    /// Follower: contexts forwarded to the leader, awaiting an answer.
    pub forwarded: Vec<u64>,
}

impl ReadOnly {
    pub fn reset(&mut self) {
        self.rounds.clear();
        self.pending.clear();
        self.deferred.clear();
    }

    /// Starts a new heartbeat round at `now`; returns its number.
    pub fn new_round(&mut self, now: Micros) -> u64 {
        self.last_seq = self.last_seq.saturating_add(1);
        self.rounds.push_back((self.last_seq, now));
        if self.rounds.len() > ROUNDS_KEPT {
            self.rounds.pop_front();
        }
        self.last_seq
    }

    /// The round that the next heartbeat will carry.
    pub fn next_seq(&self) -> u64 {
        self.last_seq.saturating_add(1)
    }

    pub fn sent_at(&self, seq: u64) -> Option<Micros> {
        self.rounds.iter().find(|(s, _)| *s == seq).map(|(_, t)| *t)
    }
}

impl Node {
    pub(crate) fn request_read(&mut self, ctx: u64) {
        match self.role {
            Role::Leader => self.leader_read(self.id, ctx),
            _ => match self.leader {
                Some(l) => {
                    self.reads.forwarded.push(ctx);
                    self.explain(Explain::ReadForwarded { ctx, leader: l });
                    self.send(l, MessageBody::ReadIndex { ctx });
                }
                None => self.fail_read(self.id, ctx, ReadFailReason::NoLeader),
            },
        }
    }

    pub(crate) fn handle_forwarded_read(&mut self, from: NodeId, ctx: u64) {
        if self.role == Role::Leader {
            self.leader_read(from, ctx);
        } else {
            self.fail_read(from, ctx, ReadFailReason::NoLeader);
        }
    }

    fn leader_read(&mut self, origin: NodeId, ctx: u64) {
        let commit = self.log.commit;
        self.explain(Explain::ReadRequested { ctx, index: commit });
        if self.cfg.bugs.stale_local_reads {
            return self.serve_read(origin, ctx, commit, ReadHow::UnsafeLocal);
        }
        if self.transfer.is_some() {
            return self.fail_read(origin, ctx, ReadFailReason::TransferInProgress);
        }
        if !self.committed_in_term() {
            // The leader does not know the latest commit index until an entry
            // of its term commits (thesis §6.4 step 1).
            self.reads.deferred.push((origin, ctx));
            self.explain(Explain::ReadDeferred { ctx });
            return;
        }
        if self.membership.voters.len() == 1
            && self.membership.is_voter(self.id)
            && !self.membership.is_joint()
        {
            return self.serve_read(origin, ctx, commit, ReadHow::SingleVoter);
        }
        if self.cfg.read_mode == ReadMode::LeaseBased && self.lease_valid() {
            return self.serve_read(origin, ctx, commit, ReadHow::Lease);
        }
        let seq = self.reads.next_seq();
        self.reads.pending.push_back(PendingRead {
            origin,
            ctx,
            index: commit,
            seq,
        });
        self.broadcast_heartbeat();
    }

    /// The lease holds while a quorum acknowledged a heartbeat round sent less
    /// than the minimum election timeout ago: until then no voter of that
    /// quorum grants a vote (check-quorum), so no other leader can exist.
    pub(crate) fn lease_valid(&self) -> bool {
        let now = self.now;
        let start = quorum::committed_index(&self.membership, |id| {
            if id == self.id {
                return now;
            }
            self.progress
                .get(&id)
                .and_then(|p| self.reads.sent_at(p.hb_ack))
                .unwrap_or(0)
        });
        start > 0 && now < start.saturating_add(self.cfg.election_timeout_min_us)
    }

    /// Serves every pending read whose round a quorum acknowledged.
    pub(crate) fn advance_reads(&mut self) {
        if self.role != Role::Leader || self.reads.pending.is_empty() {
            return;
        }
        let acked = quorum::committed_index(&self.membership, |id| {
            self.progress.get(&id).map_or(0, |p| p.hb_ack)
        });
        while let Some(r) = self.reads.pending.front().copied() {
            if r.seq > acked {
                break;
            }
            self.reads.pending.pop_front();
            self.serve_read(r.origin, r.ctx, r.index, ReadHow::ReadIndex);
        }
    }

    pub(crate) fn release_deferred_reads(&mut self) {
        for (origin, ctx) in std::mem::take(&mut self.reads.deferred) {
            self.leader_read(origin, ctx);
        }
    }

    fn serve_read(&mut self, origin: NodeId, ctx: u64, index: Index, how: ReadHow) {
        self.explain(Explain::ReadServed { ctx, index, how });
        if origin == self.id {
            self.read_states.push(ReadState { ctx, index });
        } else {
            self.send(
                origin,
                MessageBody::ReadIndexResp {
                    ctx,
                    index: Some(index),
                },
            );
        }
    }

    fn fail_read(&mut self, origin: NodeId, ctx: u64, reason: ReadFailReason) {
        self.explain(Explain::ReadFailed { ctx, reason });
        if origin == self.id {
            self.read_failures.push(ReadFailure {
                ctx,
                leader: self.leader,
            });
        } else {
            self.send(origin, MessageBody::ReadIndexResp { ctx, index: None });
        }
    }

    /// Fails every read a (former) leader still holds.
    pub(crate) fn fail_leader_reads(&mut self, reason: ReadFailReason) {
        let pending: Vec<(NodeId, u64)> = self
            .reads
            .pending
            .drain(..)
            .map(|r| (r.origin, r.ctx))
            .collect();
        let deferred = std::mem::take(&mut self.reads.deferred);
        for (origin, ctx) in pending.into_iter().chain(deferred) {
            self.fail_read(origin, ctx, reason);
        }
    }

    /// Fails reads forwarded to a leader we no longer follow.
    pub(crate) fn fail_forwarded_reads(&mut self) {
        for ctx in std::mem::take(&mut self.reads.forwarded) {
            self.explain(Explain::ReadFailed {
                ctx,
                reason: ReadFailReason::LeadershipLost,
            });
            self.read_failures.push(ReadFailure { ctx, leader: None });
        }
    }

    pub(crate) fn handle_read_response(&mut self, m: &Message, ctx: u64, index: Option<Index>) {
        let Some(pos) = self.reads.forwarded.iter().position(|c| *c == ctx) else {
            self.ignore(m, crate::explain::IgnoreReason::Stale);
            return;
        };
        self.reads.forwarded.remove(pos);
        match index {
            Some(index) => {
                self.explain(Explain::ReadServed {
                    ctx,
                    index,
                    how: ReadHow::FromLeader,
                });
                self.read_states.push(ReadState { ctx, index });
            }
            None => {
                self.explain(Explain::ReadFailed {
                    ctx,
                    reason: ReadFailReason::LeaderRefused,
                });
                self.read_failures.push(ReadFailure {
                    ctx,
                    leader: self.leader,
                });
            }
        }
    }
}
