//! `SimBackend`: the terminal's cluster is the simulator's `World` of real Raft nodes, each
//! replicating an `EtcdState`.
//!
//! - A log entry carries a [`Stamped`] request: the proposing member's simulated time goes
//!   with it, so every replica applies leases and v2 TTLs with the same clock.
//! - Blocking calls (writes, ReadIndex reads, membership, move-leader) run the world's
//!   simulated time forward until the answer or the client's deadline.
//! - The leader's lessor: while time runs, the leader proposes `LeaseRevoke` for expired
//!   leases (every 500 ms, as etcd's lessor checks).
//! - Member ids are stable 16-hex-digit ids derived from the seed and the Raft node id; the
//!   initial members are `controlplane-1..N` on 10.240.0.10.. (the same names, addresses and
//!   ids as `LocalBackend`, so the shell's machines match).
//!
//! The world is shared (`Rc<RefCell<..>>`) so the page can draw the same cluster the
//! terminal talks to.

use litemap::LiteMap;
use std::cell::RefCell;
use std::rc::Rc;

use quorum_raft::{ConfChangeStep, Config as RaftConfig, NodeId, ProposeError};
use quorum_sim::world::app::{Applied, ReadStatus, Ticket};
use quorum_sim::{KvCommand, SimConfig, SimError, StateMachine, World};
use serde::{Deserialize, Serialize};

use crate::backend::*;
use crate::local::{machine_ip, machine_name};
use crate::mvcc::{
    splitmix64, Event, KeyRange, PutRequest, RangeRequest, SnapshotStatus, StoreError,
};
use crate::request::{Request, Response};
use crate::state::EtcdState;

/// The world the terminal and the page share.
pub type SharedWorld = Rc<RefCell<World<EtcdState>>>;

/// etcd index of a fresh v2 store in a new state machine (a 3-member cluster's value; a
/// restarted replica rebuilds its state from `Default`, so this cannot depend on the size).
pub const DEFAULT_V2_INDEX: u64 = 7;

/// How far simulated time runs between checks of a blocking call and the lessor.
const SLICE_US: u64 = 100_000;
/// etcd's lessor looks for expired leases this often.
const LESSOR_EVERY_US: u64 = 500_000;
/// A ReadIndex unanswered this long is asked again (etcd's readIndexRetryTime).
const READ_RETRY_US: u64 = 500_000;
/// The longest `SimBackend::new` waits for the first leader.
const SETTLE_US: u64 = 30_000_000;

/// What a log entry carries: the request and the simulated time it was proposed at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped {
    pub at_us: i64,
    pub req: Request,
}

impl Stamped {
    pub fn encode(&self) -> Vec<u8> {
        crate::codec::encode(self)
    }

    pub fn decode(bytes: &[u8]) -> Result<Stamped, String> {
        crate::codec::decode(bytes)
    }
}

impl Default for EtcdState {
    fn default() -> Self {
        EtcdState::new(DEFAULT_V2_INDEX)
    }
}

/// Bytes that are neither a `Stamped` request nor a simulator client command change
/// nothing and answer an error.
fn garbage() -> Vec<u8> {
    Response::Error(StoreError::KeyNotFound).encode()
}

/// The v3 value of `key` in the applied state.
fn value_of(state: &EtcdState, key: &str) -> Option<String> {
    let req = RangeRequest {
        key: key.to_string(),
        ..Default::default()
    };
    let r = state.v3.range(&req).ok()?;
    r.kvs.into_iter().next().map(|kv| kv.value)
}

/// The simulator's own clients (the lab's client buttons, chaos, the linearizability
/// checker) write `KvCommand`s: on an etcd world they are v3 puts. An append reads the
/// applied value first, which every replica does identically. Their time does not matter.
fn apply_kv(state: &mut EtcdState, cmd: KvCommand) -> Vec<u8> {
    let (key, value) = match cmd {
        KvCommand::Put { key, value, .. } => (key, value),
        KvCommand::Append { key, value, .. } => {
            let old = value_of(state, &key).unwrap_or_default();
            (key, old + &value)
        }
    };
    let put = Request::Put(PutRequest {
        key,
        value,
        ..Default::default()
    });
    EtcdState::apply(state, &put, 0).encode()
}

impl StateMachine for EtcdState {
    /// `_now_us` is the local apply time, which differs between replicas: the stamped
    /// proposal time is used instead.
    fn apply(&mut self, data: &[u8], _now_us: u64) -> Vec<u8> {
        if let Ok(s) = Stamped::decode(data) {
            return EtcdState::apply(self, &s.req, s.at_us).encode();
        }
        match KvCommand::decode(data) {
            Some(cmd) => apply_kv(self, cmd),
            None => garbage(),
        }
    }

    /// A `Stamped` read-only request answers an encoded `Response`; anything else is a key the
    /// simulator's clients read, answered in `KvStore`'s format (1 + value, or 0 if absent).
    fn query(&self, query: &[u8]) -> Vec<u8> {
        if let Ok(s) = Stamped::decode(query) {
            return EtcdState::query(self, &s.req, s.at_us).encode();
        }
        match value_of(self, &String::from_utf8_lossy(query)) {
            Some(v) => [&[1u8][..], v.as_bytes()].concat(),
            None => vec![0u8],
        }
    }

    fn snapshot(&self) -> Vec<u8> {
        EtcdState::snapshot(self)
    }

    fn restore(&mut self, data: &[u8]) {
        if data.is_empty() {
            *self = EtcdState::default();
        } else if let Ok(s) = EtcdState::restore(data) {
            *self = s;
        }
    }
}

/// The simulator settings of an etcd cluster: etcd's default timers (heartbeat 100 ms,
/// election timeout 1 s, randomized up to 2 s), pre-vote and check-quorum on.
pub fn etcd_sim_config(members: u64) -> SimConfig {
    SimConfig {
        nodes: members,
        raft: RaftConfig {
            election_timeout_min_us: 1_000_000,
            election_timeout_max_us: 2_000_000,
            heartbeat_interval_us: 100_000,
            pre_vote: true,
            check_quorum: true,
            ..RaftConfig::default()
        },
        ..SimConfig::default()
    }
}

/// A new etcd world of `members` nodes (clamped to 1..=9), not yet run.
pub fn etcd_world(members: usize, seed: u64) -> Result<World<EtcdState>, SimError> {
    let n = members.clamp(1, 9) as u64;
    World::new(quorum_sim::RunDescription {
        config: etcd_sim_config(n),
        seed,
        actions: Vec::new(),
    })
}

/// Runs the world until a leader is elected and every running node applied its commit
/// index (at most 30 s of simulated time).
pub fn settle(world: &mut World<EtcdState>) {
    let end = world.now().saturating_add(SETTLE_US);
    world.run_until(end, settled);
}

fn settled(w: &World<EtcdState>) -> bool {
    let Some(commit) = w.leader().and_then(|l| w.node(l)).map(|n| n.commit()) else {
        return false;
    };
    w.node_ids()
        .into_iter()
        .filter(|&id| w.app_is_up(id))
        .all(|id| w.app_applied_index(id) >= commit)
}

fn to_us(x: i64) -> u64 {
    u64::try_from(x).unwrap_or(0)
}

fn to_i64(x: u64) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

/// A member added with `member add`: what it shows before and after its first start.
#[derive(Clone, Debug)]
struct Added {
    name: String,
    peer_urls: Vec<String>,
    started: bool,
}

/// Makes a proposal on the world at the given time.
type Proposer<'a> = dyn Fn(&mut World<EtcdState>, u64) -> Result<Ticket, ProposeError> + 'a;

/// What ended a wait on a proposal.
enum Waited {
    Done(Vec<u8>),
    Refused,
    Deadline,
}

pub struct SimBackend {
    world: SharedWorld,
    seed: u64,
    /// Nodes added through `member add` (the initial ones are derived from their id).
    added: LiteMap<NodeId, Added>,
    /// Leases whose revoke the backend proposed, with when (proposed again after 1 s).
    revoking: LiteMap<i64, u64>,
    last_lessor_us: u64,
}

impl SimBackend {
    /// A bootstrapped cluster of `members` nodes, run until it has a leader.
    pub fn new(members: usize, seed: u64) -> Result<SimBackend, SimError> {
        let mut w = etcd_world(members, seed)?;
        settle(&mut w);
        Ok(SimBackend::from_world(Rc::new(RefCell::new(w))))
    }

    /// A configured cluster whose members are all stopped (a fresh install: each starts
    /// with `systemctl start etcd`).
    pub fn new_stopped(members: usize, seed: u64) -> Result<SimBackend, SimError> {
        let mut w = etcd_world(members, seed)?;
        for id in w.node_ids() {
            w.app_stop(id)?;
        }
        Ok(SimBackend::from_world(Rc::new(RefCell::new(w))))
    }

    /// A backend over an existing shared world (the page's lab): the seed for member ids
    /// is the world's.
    pub fn from_world(world: SharedWorld) -> SimBackend {
        let (seed, now) = {
            let w = world.borrow();
            (w.seed, w.now())
        };
        SimBackend {
            world,
            seed,
            added: LiteMap::new(),
            revoking: LiteMap::new(),
            last_lessor_us: now,
        }
    }

    /// The shared world (clone the `Rc` to draw it).
    pub fn world(&self) -> SharedWorld {
        Rc::clone(&self.world)
    }

    /// The etcd member id of a Raft node.
    pub fn member_id(&self, node: NodeId) -> MemberId {
        splitmix64(self.seed.wrapping_mul(31).wrapping_add(node))
    }

    /// The Raft node of an etcd member id (members, running hosts and added nodes).
    pub fn node_of(&self, id: MemberId) -> Option<NodeId> {
        let w = self.world.borrow();
        let m = w.app_membership();
        let mut known: Vec<NodeId> = m.all_nodes().into_iter().collect();
        known.extend(w.node_ids());
        known.extend(self.added.keys().copied());
        known.into_iter().find(|&n| self.member_id(n) == id)
    }

    /// Starts a member that `member add` added (as its operator would on the new machine).
    pub fn start_member(&mut self, id: MemberId) {
        self.set_running(id, true);
    }

    fn now(&self) -> u64 {
        self.world.borrow().now()
    }

    fn info(&self, node: NodeId, is_learner: bool) -> MemberInfo {
        let id = self.member_id(node);
        if let Some(a) = self.added.get(&node) {
            let client = |u: &String| u.replace(":2380", ":2379");
            return MemberInfo {
                id,
                name: if a.started {
                    a.name.clone()
                } else {
                    String::new()
                },
                peer_urls: a.peer_urls.clone(),
                client_urls: if a.started {
                    a.peer_urls.iter().map(client).collect()
                } else {
                    Vec::new()
                },
                is_learner,
            };
        }
        let i = usize::try_from(node).unwrap_or(usize::MAX);
        let ip = machine_ip(i);
        MemberInfo {
            id,
            name: machine_name(i),
            peer_urls: vec![format!("https://{ip}:2380")],
            client_urls: vec![format!("https://{ip}:2379")],
            is_learner,
        }
    }

    fn infos(&self) -> Vec<MemberInfo> {
        let m = self.world.borrow().app_membership();
        m.all_nodes()
            .into_iter()
            .map(|n| self.info(n, m.is_learner(n) && !m.is_voter(n)))
            .collect()
    }

    /// A running node for `id`, or the client's deadline passes.
    fn running(&mut self, id: MemberId, timeout_us: i64) -> Result<NodeId, BackendError> {
        match self
            .node_of(id)
            .filter(|&n| self.world.borrow().app_is_up(n))
        {
            Some(n) => Ok(n),
            None => {
                self.advance(timeout_us);
                Err(BackendError::DeadlineExceeded)
            }
        }
    }

    fn deadline(&self, timeout_us: i64) -> u64 {
        self.now().saturating_add(to_us(timeout_us))
    }

    // ------------------------------------------------------------------ running time

    /// Runs the world to `t` (or until `stop`), letting the leader's lessor work.
    fn run(&mut self, t: u64, stop: &dyn Fn(&World<EtcdState>) -> bool) -> bool {
        loop {
            let now = self.now();
            if stop(&self.world.borrow()) {
                return true;
            }
            if now >= t {
                return false;
            }
            let next = t.min(now.saturating_add(SLICE_US));
            self.world.borrow_mut().run_until(next, stop);
            self.lessor();
        }
    }

    /// etcd's lessor: the leader revokes expired leases through Raft (checked every
    /// 500 ms of simulated time). Blocking calls and `advance` run it; a page that moves the
    /// shared world's clock itself calls this after each step of its clock.
    pub fn lessor(&mut self) {
        // Replaying a recorded future (after a seek back) repeats its revokes already.
        if self.world.borrow().is_replaying() {
            return;
        }
        let now = self.now();
        // (After a seek into the past, `now` is below the last check: check at once.)
        let last = self.last_lessor_us;
        if now >= last && now < last.saturating_add(LESSOR_EVERY_US) {
            return;
        }
        self.last_lessor_us = now;
        let (leader, expired) = {
            let w = self.world.borrow();
            let Some(l) = w.leader() else { return };
            let Some(sm) = w.state_machine(l) else { return };
            (l, sm.v3.expired_leases(to_i64(now)))
        };
        self.revoking.retain(|id, _| expired.contains(id));
        for id in expired {
            let due = self
                .revoking
                .get(&id)
                .is_none_or(|&at| now >= at.saturating_add(1_000_000));
            if due {
                let data = Stamped {
                    at_us: to_i64(now),
                    req: Request::LeaseRevoke { id },
                }
                .encode();
                let _ = self.world.borrow_mut().app_propose(leader, data, false);
                self.revoking.insert(id, now);
            }
        }
    }

    /// Proposes through `via` (retrying while there is no reachable leader) and waits until
    /// `via` applied the entry or the deadline passes. `make` builds the proposal at the
    /// time it is made; `refuse` says which leader refusals end the wait at once.
    fn propose_wait(
        &mut self,
        deadline: u64,
        make: &Proposer,
        refuse: &dyn Fn(&ProposeError) -> bool,
    ) -> Waited {
        let mut ticket: Option<Ticket> = None;
        let mut lost = false;
        loop {
            let now = self.now();
            if ticket.is_none() && !lost {
                let r = make(&mut self.world.borrow_mut(), now);
                match r {
                    Ok(t) => ticket = Some(t),
                    Err(e) if refuse(&e) => return Waited::Refused,
                    Err(_) => {}
                }
            }
            let end = deadline.min(now.saturating_add(SLICE_US));
            if let Some(t) = ticket {
                self.run(end, &|w| w.app_is_applied(&t));
                match self.world.borrow_mut().app_applied(&t) {
                    Applied::Done(out) => return Waited::Done(out),
                    Applied::Lost => {
                        ticket = None;
                        lost = true;
                    }
                    Applied::Pending => {}
                }
            } else {
                self.run(end, &|_| false);
            }
            if self.now() >= deadline {
                if let Some(t) = ticket {
                    self.world.borrow_mut().app_forget(&t);
                }
                return Waited::Deadline;
            }
        }
    }

    /// ReadIndex through `via`: true once `via` may answer linearizably (it applied the
    /// confirmed read index), false at the deadline.
    fn read_barrier(&mut self, via: NodeId, deadline: u64) -> bool {
        let mut cur: Option<(u64, u64)> = None;
        let mut retry_at = self.now();
        loop {
            let now = self.now();
            if now >= deadline {
                if let Some((c, _)) = cur {
                    self.world.borrow_mut().app_read_done(c);
                }
                return false;
            }
            if cur.is_none() && now >= retry_at {
                cur = self
                    .world
                    .borrow_mut()
                    .app_read_index(via)
                    .map(|c| (c, now));
                retry_at = now.saturating_add(SLICE_US);
            }
            let end = deadline.min(now.saturating_add(SLICE_US)).min(match cur {
                Some(_) => u64::MAX,
                None => retry_at.max(now.saturating_add(1)),
            });
            let Some((ctx, asked)) = cur else {
                self.run(end, &|_| false);
                continue;
            };
            self.run(end, &|w| read_settled(w, via, ctx));
            let status = self.world.borrow().app_read_status(ctx);
            let now = self.now();
            match status {
                Some(ReadStatus::Confirmed { index }) => {
                    if self.world.borrow().app_applied_index(via) >= index {
                        self.world.borrow_mut().app_read_done(ctx);
                        return true;
                    }
                }
                Some(ReadStatus::Pending) if now < asked.saturating_add(READ_RETRY_US) => {}
                _ => {
                    // Failed (no leader), lost or slow: ask again a little later.
                    self.world.borrow_mut().app_read_done(ctx);
                    cur = None;
                    retry_at = retry_at.max(now);
                }
            }
        }
    }

    fn stamped(req: &Request, now: u64) -> Vec<u8> {
        Stamped {
            at_us: to_i64(now),
            req: req.clone(),
        }
        .encode()
    }

    /// Answers `req` from `node`'s applied state at the current time.
    fn answer(&self, node: NodeId, req: &Request) -> Option<Response> {
        let w = self.world.borrow();
        let now = to_i64(w.now());
        w.state_machine(node).map(|s| s.query(req, now))
    }
}

fn read_settled(w: &World<EtcdState>, via: NodeId, ctx: u64) -> bool {
    match w.app_read_status(ctx) {
        Some(ReadStatus::Confirmed { index }) => w.app_applied_index(via) >= index,
        Some(ReadStatus::Pending) => false,
        _ => true,
    }
}

// ---------------------------------------------------------------------- membership

impl SimBackend {
    /// Whether `via` can talk to the running node `n` (etcd's "connected" peers).
    fn connected(&self, via: NodeId, n: NodeId) -> bool {
        let w = self.world.borrow();
        let (_, links) = w.network();
        n == via || (w.app_is_up(n) && links.can_send(via, n) && links.can_send(n, via))
    }

    /// etcd's strict reconfiguration check for adding a voter: the member taking the
    /// request must be connected to every voter.
    fn may_add_voter(&self, via: NodeId) -> Result<(), BackendError> {
        let m = self.world.borrow().app_membership();
        if m.voters.iter().all(|&v| self.connected(via, v)) {
            Ok(())
        } else {
            Err(BackendError::UnhealthyCluster)
        }
    }

    /// ... and for removing a running voter: the connected voters left must keep a quorum.
    fn may_remove_voter(&self, via: NodeId, node: NodeId) -> Result<(), BackendError> {
        let m = self.world.borrow().app_membership();
        if !m.is_voter(node) || (node != via && !self.connected(via, node)) {
            return Ok(());
        }
        let n = m.voters.len();
        let active = m.voters.iter().filter(|&&v| self.connected(via, v)).count();
        if active.saturating_sub(1) < 1 + n.saturating_sub(1) / 2 {
            return Err(BackendError::UnhealthyCluster);
        }
        Ok(())
    }

    /// A learner may be promoted once it has most of the leader's log (etcd: 90%).
    fn learner_ready(&self, node: NodeId) -> Result<(), BackendError> {
        let w = self.world.borrow();
        let ready = w.leader().and_then(|l| w.node(l)).is_some_and(|l| {
            let matched = l
                .progress()
                .iter()
                .find(|p| p.id == node)
                .map_or(0, |p| p.matched);
            matched.saturating_mul(10) >= l.commit().saturating_mul(9) && w.app_is_up(node)
        });
        if ready {
            Ok(())
        } else {
            Err(BackendError::LearnerNotReady)
        }
    }

    /// Proposes a membership change through `via` and waits until `via` applied it.
    fn change(
        &mut self,
        via: NodeId,
        step: ConfChangeStep,
        timeout_us: i64,
    ) -> Result<(), BackendError> {
        let deadline = self.deadline(timeout_us);
        let make = move |w: &mut World<EtcdState>, _now: u64| w.app_conf_change(via, step);
        let refuse = |e: &ProposeError| matches!(e, ProposeError::InvalidConfChange(_));
        match self.propose_wait(deadline, &make, &refuse) {
            Waited::Done(_) => Ok(()),
            Waited::Refused => Err(BackendError::MemberNotFound),
            Waited::Deadline => Err(BackendError::DeadlineExceeded),
        }
    }

    fn next_node_id(&self) -> NodeId {
        let w = self.world.borrow();
        let max = w
            .app_membership()
            .all_nodes()
            .into_iter()
            .chain(w.node_ids())
            .chain(self.added.keys().copied())
            .max()
            .unwrap_or(0);
        max.saturating_add(1)
    }
}

impl EtcdBackend for SimBackend {
    fn now_us(&self) -> i64 {
        to_i64(self.now())
    }

    fn advance(&mut self, us: i64) {
        let t = self.now().saturating_add(to_us(us));
        self.run(t, &|_| false);
    }

    fn cluster_id(&self) -> u64 {
        splitmix64(self.seed ^ 0x0063_6c75_7374_6572)
    }

    fn members(&self) -> Vec<MemberInfo> {
        self.infos()
    }

    fn is_running(&self, id: MemberId) -> bool {
        self.node_of(id)
            .is_some_and(|n| self.world.borrow().app_is_up(n))
    }

    fn set_running(&mut self, id: MemberId, running: bool) {
        let Some(node) = self.node_of(id) else { return };
        let up = self.world.borrow().app_is_up(node);
        if running && !up {
            let mut w = self.world.borrow_mut();
            let first_start = !w.node_ids().contains(&node);
            if let Some(leader) = w.leader().filter(|_| first_start) {
                // A new member must learn the whole configuration: Raft keeps the bootstrap
                // voters only in the index-0 snapshot, so the leader compacts its log and the
                // newcomer catches up from a snapshot (as etcd's new members usually do).
                let _ = w.apply(quorum_sim::UserAction::Compact { node: leader });
            }
            let _ = w.app_start(node);
            drop(w);
            if let Some(a) = self.added.get_mut(&node) {
                a.started = true;
            }
        } else if !running && up {
            let _ = self.world.borrow_mut().app_stop(node);
        }
    }

    fn raft_term(&self, id: MemberId) -> u64 {
        let Some(n) = self.node_of(id) else { return 0 };
        let w = self.world.borrow();
        match w.node(n) {
            Some(node) => node.term(),
            None => w.disk(n).map_or(0, |d| d.hard_state.term),
        }
    }

    fn local_query(&self, id: MemberId, req: &Request) -> Option<Response> {
        self.answer(self.node_of(id)?, req)
    }

    fn local_revision(&self, id: MemberId) -> Option<i64> {
        let n = self.node_of(id)?;
        let w = self.world.borrow();
        w.state_machine(n).map(|s| s.v3.revision())
    }

    fn snapshot_status(&self, id: MemberId) -> Option<SnapshotStatus> {
        let members = self.members().len() as u64;
        let n = self.node_of(id)?;
        let w = self.world.borrow();
        w.state_machine(n).map(|s| s.v3.snapshot_status(members))
    }

    fn local_events(
        &self,
        id: MemberId,
        start_rev: i64,
        key: &str,
        range: &KeyRange,
    ) -> Option<Result<Vec<Event>, i64>> {
        let n = self.node_of(id)?;
        let w = self.world.borrow();
        w.state_machine(n)
            .map(|s| s.v3.events_since(start_rev, key, range))
    }

    fn has_leader(&self, id: MemberId) -> bool {
        let Some(n) = self.node_of(id) else {
            return false;
        };
        let w = self.world.borrow();
        w.node(n).is_some_and(|node| node.leader().is_some())
    }

    fn propose(
        &mut self,
        via: MemberId,
        req: Request,
        timeout_us: i64,
    ) -> Result<Response, BackendError> {
        let node = self.running(via, timeout_us)?;
        let deadline = self.deadline(timeout_us);
        let make = |w: &mut World<EtcdState>, now: u64| {
            w.app_propose(node, Self::stamped(&req, now), true)
        };
        match self.propose_wait(deadline, &make, &|_| false) {
            Waited::Done(out) => Response::decode(&out).map_err(|_| BackendError::RequestTimedOut),
            _ => Err(BackendError::DeadlineExceeded),
        }
    }

    fn read_index(
        &mut self,
        via: MemberId,
        req: &Request,
        timeout_us: i64,
    ) -> Result<Response, BackendError> {
        let node = self.running(via, timeout_us)?;
        let deadline = self.deadline(timeout_us);
        if !self.read_barrier(node, deadline) {
            return Err(BackendError::DeadlineExceeded);
        }
        self.answer(node, req).ok_or(BackendError::DeadlineExceeded)
    }

    fn member_list(
        &mut self,
        via: MemberId,
        timeout_us: i64,
    ) -> Result<Vec<MemberInfo>, BackendError> {
        let node = self.running(via, timeout_us)?;
        let deadline = self.deadline(timeout_us);
        if !self.read_barrier(node, deadline) {
            return Err(BackendError::DeadlineExceeded);
        }
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
        let node = self.running(via, timeout_us)?;
        let current = self.infos();
        if current
            .iter()
            .any(|m| m.peer_urls.iter().any(|u| peer_urls.contains(u)))
        {
            return Err(BackendError::PeerUrlExists);
        }
        if learner && current.iter().any(|m| m.is_learner) {
            return Err(BackendError::TooManyLearners);
        }
        if !learner {
            self.may_add_voter(node)?;
        }
        let new = self.next_node_id();
        self.added.insert(
            new,
            Added {
                name: name.to_string(),
                peer_urls,
                started: false,
            },
        );
        let step = if learner {
            ConfChangeStep::AddLearner(new)
        } else {
            ConfChangeStep::AddVoter(new)
        };
        if let Err(e) = self.change(node, step, timeout_us) {
            if !self.world.borrow().app_membership().contains(new) {
                self.added.remove(&new);
            }
            return Err(e);
        }
        Ok((self.info(new, learner), self.infos()))
    }

    fn member_remove(
        &mut self,
        via: MemberId,
        id: MemberId,
        timeout_us: i64,
    ) -> Result<Vec<MemberInfo>, BackendError> {
        let node = self.running(via, timeout_us)?;
        let target = self
            .node_of(id)
            .filter(|&n| self.world.borrow().app_membership().contains(n))
            .ok_or(BackendError::MemberNotFound)?;
        self.may_remove_voter(node, target)?;
        self.change(node, ConfChangeStep::Remove(target), timeout_us)?;
        // A removed etcd member shuts itself down once it learns it was removed.
        if self.world.borrow().app_is_up(target) {
            let _ = self.world.borrow_mut().app_stop(target);
        }
        Ok(self.infos())
    }

    fn member_promote(
        &mut self,
        via: MemberId,
        id: MemberId,
        timeout_us: i64,
    ) -> Result<Vec<MemberInfo>, BackendError> {
        let node = self.running(via, timeout_us)?;
        let m = self.world.borrow().app_membership();
        let target = self
            .node_of(id)
            .filter(|&n| m.contains(n))
            .ok_or(BackendError::MemberNotFound)?;
        if m.is_voter(target) {
            return Err(BackendError::NotLearner);
        }
        self.learner_ready(target)?;
        self.change(node, ConfChangeStep::PromoteLearner(target), timeout_us)?;
        Ok(self.infos())
    }

    fn status(&mut self, via: MemberId) -> Result<MemberStatus, BackendError> {
        let n = self.node_of(via).ok_or(BackendError::DeadlineExceeded)?;
        let w = self.world.borrow();
        let node = w.node(n).ok_or(BackendError::DeadlineExceeded)?;
        let sm = w.state_machine(n).ok_or(BackendError::DeadlineExceeded)?;
        let leader = node.leader().map_or(0, |l| self.member_id(l));
        Ok(MemberStatus {
            id: self.member_id(n),
            version: "3.5.9".into(),
            db_size: sm.v3.db_size(),
            leader,
            is_learner: node.is_learner(),
            raft_term: node.term(),
            raft_index: node.commit(),
            raft_applied_index: w.app_applied_index(n),
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
        let node = self.running(via, timeout_us)?;
        let m = self.world.borrow().app_membership();
        let to = self
            .node_of(target)
            .filter(|&n| m.is_voter(n))
            .ok_or(BackendError::BadLeaderTransferee)?;
        let deadline = self.deadline(timeout_us);
        // Transferring to the leader itself is accepted and changes nothing (raft ignores it).
        let _ = self.world.borrow_mut().app_transfer(node, to);
        let led = self.run(deadline, &|w| {
            w.node(node).and_then(|n| n.leader()) == Some(to)
        });
        if led {
            Ok(())
        } else {
            Err(BackendError::DeadlineExceeded)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quorum_sim::KvStore;

    fn put(k: &str, v: &str) -> Request {
        Request::Put(PutRequest {
            key: k.into(),
            value: v.into(),
            ..Default::default()
        })
    }

    #[test]
    fn garbage_entries_answer_an_error_and_change_nothing() {
        let mut s = EtcdState::default();
        let before = s.clone();
        for junk in [&b""[..], b"{", b"\x01\x02", b"{\"at_us\":1}"] {
            let out = StateMachine::apply(&mut s, junk, 5);
            assert_eq!(
                Response::decode(&out),
                Ok(Response::Error(StoreError::KeyNotFound))
            );
            assert_eq!(KvStore::decode_read(&StateMachine::query(&s, junk)), None);
        }
        assert_eq!(s, before);
        s.restore(b"not json");
        assert_eq!(s, before);
    }

    #[test]
    fn simulator_clients_write_and_read_v3_keys() {
        let mut s = EtcdState::default();
        let put = KvCommand::Put {
            op: 1,
            key: "k0".into(),
            value: "a".into(),
        };
        let append = KvCommand::Append {
            op: 2,
            key: "k0".into(),
            value: "b".into(),
        };
        StateMachine::apply(&mut s, &put.encode(), 0);
        StateMachine::apply(&mut s, &append.encode(), 0);
        assert_eq!(
            KvStore::decode_read(&StateMachine::query(&s, b"k0")),
            Some("ab".into())
        );
        assert_eq!(KvStore::decode_read(&StateMachine::query(&s, b"k1")), None);
        assert_eq!(s.v3.revision(), 3);
    }

    #[test]
    fn replicas_use_the_stamped_time_not_their_own() {
        let grant = Stamped {
            at_us: 1_000_000,
            req: Request::LeaseGrant { id: 0, ttl: 10 },
        }
        .encode();
        let mut a = EtcdState::default();
        let mut b = EtcdState::default();
        StateMachine::apply(&mut a, &grant, 1_000_000);
        StateMachine::apply(&mut b, &grant, 9_000_000);
        assert_eq!(a, b);
        let mut c = EtcdState::default();
        c.restore(&StateMachine::snapshot(&a));
        assert_eq!(c, a);
    }

    #[test]
    fn a_write_goes_through_raft_to_every_member() {
        let mut b = SimBackend::new(3, 7).expect("world");
        let ids: Vec<MemberId> = b.members().iter().map(|m| m.id).collect();
        assert_eq!(ids.len(), 3);
        let r = b.propose(ids[0], put("k", "v"), 5_000_000).expect("put");
        assert!(matches!(r, Response::Put(_)));
        b.advance(500_000);
        for id in ids {
            assert_eq!(b.local_revision(id), Some(2));
        }
    }
}
