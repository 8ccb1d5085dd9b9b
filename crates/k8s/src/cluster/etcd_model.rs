//! etcd as the control plane sees it: which members are up and can reach each other,
//! whether some side holds a majority, and who leads it. A leader cut off from the
//! majority, or stopped, is replaced after about one election timeout (1–2 s with
//! etcd's default 1 s timeout); a minority never elects a leader (pre-vote and
//! check-quorum are on), so there is no split brain.

use crate::quorum::majority;
use rand_core::RngCore;
use serde::Serialize;

/// etcd's default election timeout.
pub const ELECTION_TIMEOUT_US: u64 = 1_000_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EtcdModel {
    pub members: u8,
    /// The current leader, if the majority side has elected one.
    pub leader: Option<u8>,
    /// When the election under way in the majority side ends.
    pub election_ends_us: Option<u64>,
    /// Raft term (bumped by every election).
    pub term: u64,
    /// The live members that can reach a majority, if any side can.
    pub quorum: Option<Vec<u8>>,
}

impl EtcdModel {
    pub fn new(members: u8) -> Self {
        Self {
            members,
            leader: None,
            election_ends_us: None,
            term: 1,
            quorum: None,
        }
    }

    /// Recompute the majority side from `groups` (live members, grouped by who can
    /// reach whom) and start an election there if its leader is gone.
    pub fn update(&mut self, now_us: u64, groups: Vec<Vec<u8>>, rng: &mut impl RngCore) {
        let needed = usize::from(majority(self.members));
        self.quorum = groups.into_iter().find(|g| g.len() >= needed);
        let Some(quorum) = &self.quorum else {
            self.leader = None;
            self.election_ends_us = None;
            return;
        };
        if self.leader.is_some_and(|l| quorum.contains(&l)) {
            return;
        }
        self.leader = None;
        if self.election_ends_us.is_none() {
            let spread = rng.next_u64() % ELECTION_TIMEOUT_US;
            self.election_ends_us = Some(now_us + ELECTION_TIMEOUT_US + spread);
        }
    }

    /// Finish an election that is due. Returns the new leader.
    pub fn advance(&mut self, now_us: u64, rng: &mut impl RngCore) -> Option<u8> {
        self.election_ends_us.filter(|&e| e <= now_us)?;
        self.election_ends_us = None;
        let quorum = self.quorum.as_ref()?;
        if quorum.is_empty() {
            return None;
        }
        let pick = (rng.next_u64() % quorum.len() as u64) as usize;
        self.leader = quorum.get(pick).copied();
        self.term = self.term.saturating_add(1);
        self.leader
    }

    /// When a request reaching a member of the majority side can be served: now if a
    /// leader exists, when the election ends otherwise; `None` without a majority.
    pub fn ready_at(&self, now_us: u64) -> Option<u64> {
        self.quorum.as_ref()?;
        match (self.leader, self.election_ends_us) {
            (Some(_), _) => Some(now_us),
            (None, Some(e)) => Some(e.max(now_us)),
            (None, None) => None,
        }
    }

    pub fn in_quorum(&self, member: u8) -> bool {
        self.quorum.as_ref().is_some_and(|q| q.contains(&member))
    }
}
