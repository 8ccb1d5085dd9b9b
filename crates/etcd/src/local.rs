//! `LocalBackend`: a stand-in cluster without Raft, for tests and the headless CLI until the
//! simulator is wired in. Every running, connected member applies each committed request
//! at once; a stopped or isolated member keeps its stale state and catches up (as if by
//! snapshot) when it comes back. Quorum is counted on voting members, as Raft would.

use crate::backend::*;
use crate::mvcc::{splitmix64, Event, KeyRange, SnapshotStatus};
use crate::request::{Request, Response};
use crate::state::EtcdState;

/// Time a committed proposal or a ReadIndex round takes here.
pub const LOCAL_LATENCY_US: i64 = 1_800;

#[derive(Clone, Debug)]
struct Member {
    info: MemberInfo,
    /// The name it will publish when started.
    start_name: String,
    running: bool,
    isolated: bool,
    started_once: bool,
    state: EtcdState,
    applied: u64,
    /// The Raft term this member has seen (an isolated member keeps its old one:
    /// pre-vote stops it from campaigning).
    term: u64,
}

#[derive(Clone, Debug)]
pub struct LocalBackend {
    now_us: i64,
    cluster_id: u64,
    seed: u64,
    members: Vec<Member>,
    leader: Option<usize>,
    term: u64,
    index: u64,
    /// Test switch: no member knows a leader, whatever else is true.
    pub force_no_leader: bool,
}

/// Name of the i-th (1-based) machine and member of the default cluster.
pub fn machine_name(i: usize) -> String {
    format!("controlplane-{i}")
}

/// Internal IP of the i-th (1-based) machine: 10.240.0.10, .11, ...
pub fn machine_ip(i: usize) -> String {
    format!("10.240.0.{}", 9 + i.min(240))
}

impl LocalBackend {
    /// A bootstrapped cluster of `n` members, all running, `controlplane-1` leading.
    pub fn new(n: usize, seed: u64) -> Self {
        let n = n.clamp(1, 9);
        let v2_index = (2 * n + 1) as u64;
        let members = (1..=n)
            .map(|i| {
                let ip = machine_ip(i);
                Member {
                    info: MemberInfo {
                        id: splitmix64(seed.wrapping_mul(31).wrapping_add(i as u64)),
                        name: machine_name(i),
                        peer_urls: vec![format!("https://{ip}:2380")],
                        client_urls: vec![format!("https://{ip}:2379")],
                        is_learner: false,
                    },
                    start_name: machine_name(i),
                    running: true,
                    isolated: false,
                    started_once: true,
                    state: EtcdState::new(v2_index),
                    applied: 0,
                    term: 0,
                }
            })
            .collect();
        let mut b = LocalBackend {
            now_us: 0,
            cluster_id: splitmix64(seed ^ 0x0063_6c75_7374_6572),
            seed,
            members,
            leader: None,
            term: 1,
            index: (2 * n + 2) as u64,
            force_no_leader: false,
        };
        b.refresh();
        let idx = b.index;
        for m in &mut b.members {
            m.applied = idx;
        }
        b
    }

    /// A cluster whose members are configured but not started (a fresh install).
    pub fn new_stopped(n: usize, seed: u64) -> Self {
        let mut b = Self::new(n, seed);
        for m in &mut b.members {
            m.running = false;
        }
        b.leader = None;
        b
    }

    /// Cuts a member off from all others (it keeps running and serving local reads).
    pub fn set_isolated(&mut self, id: MemberId, isolated: bool) {
        if let Some(m) = self.members.iter_mut().find(|m| m.info.id == id) {
            m.isolated = isolated;
        }
        self.refresh();
    }

    pub fn member_ids(&self) -> Vec<MemberId> {
        self.members.iter().map(|m| m.info.id).collect()
    }

    pub fn leader_id(&self) -> Option<MemberId> {
        self.leader.map(|i| self.members[i].info.id)
    }

    fn pos(&self, id: MemberId) -> Option<usize> {
        self.members.iter().position(|m| m.info.id == id)
    }

    fn connected(m: &Member) -> bool {
        m.running && !m.isolated
    }

    fn has_quorum(&self) -> bool {
        let voters = self.members.iter().filter(|m| !m.info.is_learner);
        let total = voters.clone().count();
        let up = voters.filter(|m| Self::connected(m)).count();
        up > total / 2
    }

    /// Re-elects if needed, catches members up, and lets the leader revoke expired leases.
    fn refresh(&mut self) {
        let valid = |b: &Self, i: usize| {
            let m = &b.members[i];
            Self::connected(m) && !m.info.is_learner
        };
        if self.force_no_leader || !self.has_quorum() {
            self.leader = None;
        } else if !self.leader.is_some_and(|i| valid(self, i)) {
            self.leader = (0..self.members.len()).find(|&i| valid(self, i));
            self.term = self.term.saturating_add(1);
            // A new leader commits an empty entry of its term.
            self.index = self.index.saturating_add(1);
        }
        if let Some(l) = self.leader {
            let (state, applied, term) = (self.members[l].state.clone(), self.index, self.term);
            for m in &mut self.members {
                if Self::connected(m) {
                    m.term = term;
                    if m.applied < applied {
                        m.state = state.clone();
                        m.applied = applied;
                    }
                }
            }
            let expired = self.members[l].state.v3.expired_leases(self.now_us);
            for id in expired {
                self.commit(&Request::LeaseRevoke { id });
            }
        }
    }

    /// Appends and applies one entry on every connected member.
    fn commit(&mut self, req: &Request) -> Response {
        self.index = self.index.saturating_add(1);
        let now = self.now_us;
        let mut out = None;
        let idx = self.index;
        let leader = self.leader;
        for (i, m) in self.members.iter_mut().enumerate() {
            if Self::connected(m) {
                let r = m.state.apply(req, now);
                m.applied = idx;
                if Some(i) == leader || out.is_none() {
                    out = Some(r);
                }
            }
        }
        out.unwrap_or(Response::Error(crate::mvcc::StoreError::KeyNotFound))
    }

    /// Common gate of everything that needs the leader: `via` must be up and see a leader.
    fn gate(&mut self, via: MemberId, timeout_us: i64) -> Result<usize, BackendError> {
        self.refresh();
        let ok = self
            .pos(via)
            .filter(|&i| Self::connected(&self.members[i]) && self.leader.is_some());
        match ok {
            Some(i) => {
                self.advance(LOCAL_LATENCY_US);
                Ok(i)
            }
            None => {
                self.advance(timeout_us.max(0));
                Err(BackendError::DeadlineExceeded)
            }
        }
    }

    fn infos(&self) -> Vec<MemberInfo> {
        self.members.iter().map(|m| m.info.clone()).collect()
    }
}

impl EtcdBackend for LocalBackend {
    fn now_us(&self) -> i64 {
        self.now_us
    }

    fn advance(&mut self, us: i64) {
        self.now_us = self.now_us.saturating_add(us.max(0));
        self.refresh();
    }

    fn cluster_id(&self) -> u64 {
        self.cluster_id
    }

    fn members(&self) -> Vec<MemberInfo> {
        self.infos()
    }

    fn is_running(&self, id: MemberId) -> bool {
        self.pos(id).is_some_and(|i| self.members[i].running)
    }

    fn set_running(&mut self, id: MemberId, running: bool) {
        if let Some(i) = self.pos(id) {
            let m = &mut self.members[i];
            m.running = running;
            if running && !m.started_once {
                m.started_once = true;
                m.info.name = m.start_name.clone();
                let ip = m
                    .info
                    .peer_urls
                    .first()
                    .map(|u| u.replace(":2380", ":2379"))
                    .unwrap_or_default();
                m.info.client_urls = vec![ip];
            }
        }
        self.refresh();
    }

    fn raft_term(&self, id: MemberId) -> u64 {
        self.pos(id).map_or(0, |i| self.members[i].term)
    }

    fn local_query(&self, id: MemberId, req: &Request) -> Option<Response> {
        self.pos(id)
            .map(|i| self.members[i].state.query(req, self.now_us))
    }

    fn local_revision(&self, id: MemberId) -> Option<i64> {
        self.pos(id).map(|i| self.members[i].state.v3.revision())
    }

    fn snapshot_status(&self, id: MemberId) -> Option<SnapshotStatus> {
        let members = self.members.len() as u64;
        self.pos(id)
            .map(|i| self.members[i].state.v3.snapshot_status(members))
    }

    fn local_events(
        &self,
        id: MemberId,
        start_rev: i64,
        key: &str,
        range: &KeyRange,
    ) -> Option<Result<Vec<Event>, i64>> {
        self.pos(id)
            .map(|i| self.members[i].state.v3.events_since(start_rev, key, range))
    }

    fn has_leader(&self, id: MemberId) -> bool {
        self.pos(id)
            .is_some_and(|i| Self::connected(&self.members[i]) && self.leader.is_some())
    }

    fn propose(
        &mut self,
        via: MemberId,
        req: Request,
        timeout_us: i64,
    ) -> Result<Response, BackendError> {
        self.gate(via, timeout_us)?;
        Ok(self.commit(&req))
    }

    fn read_index(
        &mut self,
        via: MemberId,
        req: &Request,
        timeout_us: i64,
    ) -> Result<Response, BackendError> {
        let i = self.gate(via, timeout_us)?;
        Ok(self.members[i].state.query(req, self.now_us))
    }

    fn member_list(
        &mut self,
        via: MemberId,
        timeout_us: i64,
    ) -> Result<Vec<MemberInfo>, BackendError> {
        self.gate(via, timeout_us)?;
        Ok(self.infos())
    }

    fn member_add(
        &mut self,
        via: MemberId,
        name: &str,
        peer_urls: Vec<String>,
        learner: bool,
        timeout_us: i64,
    ) -> Result<(MemberInfo, Vec<MemberInfo>), BackendError> {
        self.gate(via, timeout_us)?;
        let taken = self
            .members
            .iter()
            .any(|m| m.info.peer_urls.iter().any(|u| peer_urls.contains(u)));
        if taken {
            return Err(BackendError::PeerUrlExists);
        }
        if learner && self.members.iter().any(|m| m.info.is_learner) {
            return Err(BackendError::TooManyLearners);
        }
        if !learner {
            // Strict reconfiguration check: the started voters must still form a quorum
            // of the bigger cluster.
            let voters = self.members.iter().filter(|m| !m.info.is_learner).count() + 1;
            let started = self
                .members
                .iter()
                .filter(|m| !m.info.is_learner && Self::connected(m))
                .count();
            if started <= voters / 2 {
                return Err(BackendError::UnhealthyCluster);
            }
        }
        let n = self.members.len() as u64 + 1;
        let id = splitmix64(
            self.seed
                .wrapping_mul(131)
                .wrapping_add(n)
                .wrapping_add(self.index),
        );
        let info = MemberInfo {
            id,
            name: String::new(),
            peer_urls,
            client_urls: Vec::new(),
            is_learner: learner,
        };
        let state = self.members[0].state.clone();
        self.members.push(Member {
            info: info.clone(),
            start_name: name.to_string(),
            running: false,
            isolated: false,
            started_once: false,
            state,
            applied: 0,
            term: 0,
        });
        self.index = self.index.saturating_add(1);
        self.refresh();
        Ok((info, self.infos()))
    }

    fn member_remove(
        &mut self,
        via: MemberId,
        id: MemberId,
        timeout_us: i64,
    ) -> Result<Vec<MemberInfo>, BackendError> {
        self.gate(via, timeout_us)?;
        let i = self.pos(id).ok_or(BackendError::MemberNotFound)?;
        let leader_id = self.leader_id();
        self.members.remove(i);
        self.leader = leader_id.and_then(|l| self.pos(l));
        self.index = self.index.saturating_add(1);
        self.refresh();
        Ok(self.infos())
    }

    fn member_promote(
        &mut self,
        via: MemberId,
        id: MemberId,
        timeout_us: i64,
    ) -> Result<Vec<MemberInfo>, BackendError> {
        self.gate(via, timeout_us)?;
        let i = self.pos(id).ok_or(BackendError::MemberNotFound)?;
        if !self.members[i].info.is_learner {
            return Err(BackendError::NotLearner);
        }
        if !Self::connected(&self.members[i]) || self.members[i].applied < self.index {
            return Err(BackendError::LearnerNotReady);
        }
        self.members[i].info.is_learner = false;
        self.index = self.index.saturating_add(1);
        self.refresh();
        Ok(self.infos())
    }

    fn status(&mut self, via: MemberId) -> Result<MemberStatus, BackendError> {
        self.refresh();
        let i = self.pos(via).ok_or(BackendError::DeadlineExceeded)?;
        let m = &self.members[i];
        if !m.running {
            return Err(BackendError::DeadlineExceeded);
        }
        let leader = if Self::connected(m) {
            self.leader_id().unwrap_or(0)
        } else {
            0
        };
        Ok(MemberStatus {
            id: m.info.id,
            version: "3.5.9".into(),
            db_size: m.state.v3.db_size(),
            leader,
            is_learner: m.info.is_learner,
            raft_term: m.term,
            raft_index: if Self::connected(m) {
                self.index
            } else {
                m.applied
            },
            raft_applied_index: m.applied,
            errors: if leader == 0 {
                vec![BackendError::NoLeader.message().to_string()]
            } else {
                Vec::new()
            },
        })
    }

    fn move_leader(
        &mut self,
        via: MemberId,
        target: MemberId,
        timeout_us: i64,
    ) -> Result<(), BackendError> {
        self.gate(via, timeout_us)?;
        let t = self.pos(target).ok_or(BackendError::BadLeaderTransferee)?;
        if self.members[t].info.is_learner {
            return Err(BackendError::BadLeaderTransferee);
        }
        if !Self::connected(&self.members[t]) {
            self.advance(timeout_us.max(0));
            return Err(BackendError::LeaderTransferTimeout);
        }
        if self.leader != Some(t) {
            self.leader = Some(t);
            self.term = self.term.saturating_add(1);
            self.index = self.index.saturating_add(1);
        }
        self.refresh();
        Ok(())
    }
}
