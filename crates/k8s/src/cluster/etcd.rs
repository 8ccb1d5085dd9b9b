//! etcd as the control plane uses it: the simulator's Raft cluster of etcd members
//! (`quorum_sim::World<quorum_etcd::EtcdState>`) with etcd's timers (heartbeat 100 ms,
//! election timeout 1 s randomised up to 2 s, pre-vote and check-quorum on).
//!
//! Member `m` (0-based, as the topology numbers them) is Raft node `m + 1`. Requests are
//! asynchronous: [`EtcdCluster::submit`] hands a request to a member at the world's
//! current instant, and [`EtcdCluster::advance`] runs the world forward, stopping as soon
//! as one outcome is known, so the cluster model and the world stay in lockstep.
//!
//! What a request goes through, as in etcd's server:
//! - A write is proposed through the member (a follower forwards it to its leader) and
//!   answers once that member applied the entry. While no leader is known the proposal
//!   is retried every 100 ms; a proposal lost to a leader change is not retried.
//! - A read is linearizable: ReadIndex through the member, then answered from its state
//!   once it applied the confirmed index; an unconfirmed ReadIndex is asked again after
//!   500 ms (etcd's readIndexRetryTime).
//! - Anything unanswered after [`ETCD_REQUEST_TIMEOUT_US`] fails:
//!   `etcdserver: request timed out`.

use crate::leader_election::ETCD_REQUEST_TIMEOUT_US;
use litemap::LiteMap;
use quorum_etcd::sim_backend::{etcd_sim_config, Stamped};
use quorum_etcd::{EtcdState, Request, Response};
use quorum_raft::NodeId;
use quorum_sim::world::app::{Applied, ReadStatus, Ticket};
use quorum_sim::world::travel::Snapshots;
use quorum_sim::{RunDescription, SimError, UserAction, World};

/// etcd's default election timeout (the randomised timeout lies in [1 s, 2 s)).
pub const ELECTION_TIMEOUT_US: u64 = 1_000_000;
/// A proposal refused for want of a leader is tried again this often.
const PROPOSE_RETRY_US: u64 = 100_000;
/// etcd's readIndexRetryTime.
const READ_RETRY_US: u64 = 500_000;

/// A request's id, chosen by the caller.
pub type ReqId = u64;

/// The outcome of one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub id: ReqId,
    pub at_us: u64,
    /// The leader that committed the write (or confirmed the read), if known.
    pub leader: Option<u8>,
    /// `None`: `etcdserver: request timed out`.
    pub response: Option<Response>,
}

#[derive(Clone, Debug)]
enum Stage {
    /// Not (yet) accepted by a leader: try again at `retry_at`.
    Waiting {
        retry_at: u64,
    },
    Proposed(Ticket),
    /// The proposal was overtaken by a leader change: the client learns nothing until
    /// the request times out.
    Lost,
    Reading {
        ctx: u64,
        asked_us: u64,
    },
}

#[derive(Clone, Debug)]
struct Pending {
    node: NodeId,
    req: Request,
    deadline_us: u64,
    stage: Stage,
}

impl Pending {
    fn read_only(&self) -> bool {
        self.req.is_read_only()
    }

    /// Whether the world has news for this request (checked after every world event).
    fn resolved(&self, w: &World<EtcdState>) -> bool {
        match &self.stage {
            Stage::Proposed(t) => w.app_is_applied(t),
            Stage::Reading { ctx, .. } => match w.app_read_status(*ctx) {
                Some(ReadStatus::Confirmed { index }) => w.app_applied_index(self.node) >= index,
                Some(ReadStatus::Pending) => false,
                _ => true,
            },
            _ => false,
        }
    }

    fn next_due(&self) -> u64 {
        let stage = match self.stage {
            Stage::Waiting { retry_at } => retry_at,
            Stage::Reading { asked_us, .. } => asked_us.saturating_add(READ_RETRY_US),
            _ => u64::MAX,
        };
        stage.min(self.deadline_us)
    }
}

/// The etcd members of one control plane.
pub struct EtcdCluster {
    world: World<EtcdState>,
    members: u8,
    pending: LiteMap<ReqId, Pending>,
    /// The partition last applied to the world (member groups), if any.
    partition: Option<Vec<Vec<u8>>>,
}

impl Clone for EtcdCluster {
    /// The world keeps no time-travel snapshots here, so its state and logs are all
    /// there is to copy (the capability probes run copies forward).
    fn clone(&self) -> Self {
        let w = &self.world;
        Self {
            world: World {
                config: w.config.clone(),
                seed: w.seed,
                actions: w.actions.clone(),
                st: w.st.clone(),
                logs: w.logs.clone(),
                travel: Snapshots::default(),
                record_app_actions: w.record_app_actions,
                actions_recorded: w.actions_recorded,
            },
            members: self.members,
            pending: self.pending.clone(),
            partition: self.partition.clone(),
        }
    }
}

impl std::fmt::Debug for EtcdCluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EtcdCluster")
            .field("members", &self.members)
            .field("now_us", &self.world.now())
            .field("leader", &self.leader())
            .field("pending", &self.pending.len())
            .finish()
    }
}

fn node_of(member: u8) -> NodeId {
    NodeId::from(member) + 1
}

fn member_of(node: NodeId) -> Option<u8> {
    u8::try_from(node.checked_sub(1)?).ok()
}

impl EtcdCluster {
    /// `members` freshly bootstrapped members at time 0 (no leader yet). No narration,
    /// no time travel and no automatic clients: the control plane is the only client.
    pub fn new(members: u8, seed: u64) -> Result<Self, SimError> {
        let mut config = etcd_sim_config(u64::from(members.max(1)));
        config.narrate = false;
        config.snapshot_every_events = 0;
        config.max_snapshots = 2;
        let mut world = World::new(RunDescription {
            config,
            seed,
            actions: Vec::new(),
        })?;
        // Never replayed, and cloned by every "what still works" probe: keep no log of the
        // control plane's writes.
        world.record_app_actions = false;
        Ok(Self {
            world,
            members: members.max(1),
            pending: LiteMap::new(),
            partition: None,
        })
    }

    pub fn world(&self) -> &World<EtcdState> {
        &self.world
    }

    pub fn members(&self) -> u8 {
        self.members
    }

    pub fn now_us(&self) -> u64 {
        self.world.now()
    }

    // ---- requests ---------------------------------------------------------------

    /// Hand `req` to `member` now (the world's instant) under the caller's `id`.
    pub fn submit(&mut self, id: ReqId, member: u8, req: Request) {
        let now = self.world.now();
        let mut p = Pending {
            node: node_of(member),
            req,
            deadline_us: now.saturating_add(ETCD_REQUEST_TIMEOUT_US),
            stage: Stage::Waiting { retry_at: now },
        };
        self.send(&mut p);
        self.pending.insert(id, p);
    }

    /// Whether a request is still waiting for its outcome.
    pub fn is_pending(&self, id: ReqId) -> bool {
        self.pending.contains_key(&id)
    }

    fn send(&mut self, p: &mut Pending) {
        let now = self.world.now();
        let retry = Stage::Waiting {
            retry_at: now.saturating_add(PROPOSE_RETRY_US),
        };
        p.stage = if p.read_only() {
            match self.world.app_read_index(p.node) {
                Some(ctx) => Stage::Reading { ctx, asked_us: now },
                None => retry,
            }
        } else {
            let data = Stamped {
                at_us: i64::try_from(now).unwrap_or(i64::MAX),
                req: p.req.clone(),
            }
            .encode();
            match self.world.app_propose(p.node, data, true) {
                Ok(ticket) => Stage::Proposed(ticket),
                Err(_) => retry,
            }
        };
    }

    /// The next instant a request needs attention without news from the world (a
    /// retry or a deadline).
    pub fn next_due(&self) -> Option<u64> {
        self.pending.values().map(Pending::next_due).min()
    }

    /// Run the world up to `until_us`, stopping early right after an event that settles
    /// a request. Returns the outcomes known at the world's new instant.
    pub fn advance(&mut self, until_us: u64) -> Vec<Completion> {
        if until_us > self.world.now() {
            let pending = &self.pending;
            self.world
                .run_until(until_us, |w| pending.values().any(|p| p.resolved(w)));
        }
        self.poll()
    }

    fn poll(&mut self) -> Vec<Completion> {
        let now = self.world.now();
        let ids: Vec<ReqId> = self.pending.keys().copied().collect();
        let mut done = Vec::new();
        for id in ids {
            let Some(mut p) = self.pending.remove(&id) else {
                continue;
            };
            match self.poll_one(&mut p, now) {
                Some((leader, response)) => done.push(Completion {
                    id,
                    at_us: now,
                    leader,
                    response,
                }),
                None => {
                    self.pending.insert(id, p);
                }
            }
        }
        done
    }

    /// The request's outcome if it is known now: (leader, response or timeout).
    #[allow(clippy::type_complexity)]
    fn poll_one(&mut self, p: &mut Pending, now: u64) -> Option<(Option<u8>, Option<Response>)> {
        match p.stage.clone() {
            Stage::Proposed(t) => match self.world.app_applied(&t) {
                Applied::Done(out) => {
                    return Some((member_of(t.leader), Response::decode(&out).ok()));
                }
                Applied::Lost => p.stage = Stage::Lost,
                Applied::Pending => {}
            },
            Stage::Reading { ctx, asked_us } => match self.world.app_read_status(ctx) {
                Some(ReadStatus::Confirmed { index })
                    if self.world.app_applied_index(p.node) >= index =>
                {
                    self.world.app_read_done(ctx);
                    let leader = self.world.node(p.node).and_then(|n| n.leader());
                    let answer = self
                        .world
                        .state_machine(p.node)
                        .map(|s| s.query(&p.req, i64::try_from(now).unwrap_or(i64::MAX)));
                    return Some((leader.and_then(member_of), answer));
                }
                Some(ReadStatus::Confirmed { .. }) => {}
                Some(ReadStatus::Pending) if now < asked_us.saturating_add(READ_RETRY_US) => {}
                _ => {
                    // Failed (no leader) or unanswered: ask again a little later.
                    self.world.app_read_done(ctx);
                    p.stage = Stage::Waiting {
                        retry_at: now.saturating_add(PROPOSE_RETRY_US),
                    };
                }
            },
            Stage::Waiting { .. } | Stage::Lost => {}
        }
        if now >= p.deadline_us {
            self.forget(p);
            return Some((None, None));
        }
        if matches!(p.stage, Stage::Waiting { retry_at } if retry_at <= now) {
            self.send(p);
        }
        None
    }

    fn forget(&mut self, p: &Pending) {
        match &p.stage {
            Stage::Proposed(t) => self.world.app_forget(t),
            Stage::Reading { ctx, .. } => self.world.app_read_done(*ctx),
            _ => {}
        }
    }

    // ---- failures -----------------------------------------------------------------

    /// Crash (`false`) or restart from its disk (`true`) member `m`.
    pub fn set_running(&mut self, member: u8, running: bool) {
        let node = node_of(member);
        let up = self.world.app_is_up(node);
        // The world refuses only impossible actions (unknown node, already running):
        // both are excluded by the check above.
        if running && !up {
            let _ = self.world.app_start(node);
        } else if !running && up {
            let _ = self.world.app_stop(node);
        }
    }

    /// Cut the network between groups of members (`None`: heal).
    pub fn set_partition(&mut self, groups: Option<Vec<Vec<u8>>>) {
        if groups == self.partition {
            return;
        }
        let action = match &groups {
            Some(g) => UserAction::Partition {
                groups: g
                    .iter()
                    .map(|members| members.iter().map(|&m| node_of(m)).collect())
                    .collect(),
            },
            None => UserAction::Heal,
        };
        let _ = self.world.apply(action);
        self.partition = groups;
    }

    // ---- what the page and the API servers see ------------------------------------

    pub fn is_running(&self, member: u8) -> bool {
        self.world.app_is_up(node_of(member))
    }

    /// The running leader with the highest term.
    pub fn leader(&self) -> Option<u8> {
        self.world.leader().and_then(member_of)
    }

    /// Whether `member` runs and is a leader itself.
    pub fn is_leader(&self, member: u8) -> bool {
        self.world
            .node(node_of(member))
            .is_some_and(|n| n.is_leader())
    }

    /// Whether `member` runs and knows a leader (what etcd's health check needs).
    pub fn knows_leader(&self, member: u8) -> bool {
        self.world
            .node(node_of(member))
            .is_some_and(|n| n.leader().is_some())
    }

    /// The highest Raft term among running members (0 if none runs).
    pub fn term(&self) -> u64 {
        self.world
            .node_ids()
            .into_iter()
            .filter_map(|id| self.world.node(id).map(|n| n.term()))
            .max()
            .unwrap_or(0)
    }

    /// The running member that has applied the most (the freshest copy of the data).
    pub fn freshest(&self) -> Option<(u8, &EtcdState)> {
        let node = self
            .world
            .node_ids()
            .into_iter()
            .filter(|&id| self.world.app_is_up(id))
            .max_by_key(|&id| (self.world.app_applied_index(id), std::cmp::Reverse(id)))?;
        Some((member_of(node)?, self.world.state_machine(node)?))
    }

    /// A running member's Raft term and commit index.
    pub fn raft_state(&self, member: u8) -> Option<(u64, u64)> {
        self.world
            .node(node_of(member))
            .map(|n| (n.term(), n.commit()))
    }

    /// Raft's applied index of `member` (0 when stopped).
    pub fn applied_index(&self, member: u8) -> u64 {
        self.world.app_applied_index(node_of(member))
    }
}
