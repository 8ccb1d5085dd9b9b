//! The HA control plane as a discrete-event model over µs of simulated time.
//!
//! What runs: an API server, a kube-controller-manager and a kube-scheduler on every
//! control-plane node; etcd members (stacked or external) as real Raft nodes of the
//! simulator ([`etcd::EtcdCluster`]); a kubelet on every node; a load balancer in front
//! of the API servers. Every API object lives in that etcd ([`objects`]): a write
//! succeeds only once the Raft cluster committed it, a `get` is a ReadIndex read. The
//! controller-manager and the scheduler elect leaders through Leases written via their
//! local API server (as kubeadm configures them), with
//! [`crate::leader_election::Elector`] (the store is `lease_store`).
//!
//! One clock: the cluster's event loop runs the etcd world up to each of its own event
//! times, stopping early whenever etcd settles a request, so both advance in lockstep
//! and a run depends only on the seed and the inputs.
//!
//! Modelling choices (documented because they shape what the page shows):
//! - The load balancer spans the zones and health-checks `/readyz` (which includes
//!   etcd); when no API server is healthy it fails open to any running one.
//! - An API server's etcd client uses a listed member it can reach, preferring one that
//!   knows a leader; a request that etcd does not settle within 7 s fails with
//!   `etcdserver: request timed out`; with no member reachable the API server's own
//!   60 s timeout fires.
//! - Failures map onto the world: a stopped host or member crashes its Raft node
//!   (restoring restarts it from its disk); a zone partition cuts the links between the
//!   members' groups (the API servers' reachability is this model's routing).
//! - Controllers and the scheduler reconcile once per second and skip a round whose
//!   API calls fail. Kubelets post node status every 10 s through the load balancer;
//!   the node lifecycle controller marks a node NotReady after 40 s without one.
//! - A controller-manager or scheduler that loses its lease exits and is restarted by
//!   the kubelet 10 s later with a new identity.

pub mod capabilities;
mod codec;
pub mod compare;
mod controllers;
pub mod etcd;
mod lease_store;
pub mod objects;
mod route;
pub mod view;
pub(crate) mod writes;

pub use capabilities::{Blocker, Capability, CapabilityKind};
pub use compare::{side_by_side, CompareError, Comparison};
pub use route::{ApiError, Client, ReqKind, RequestTrace};
pub use view::{
    ClusterView, ComponentState, EtcdMemberRaft, EtcdMemberRole, HostView, InstanceView,
};

use crate::leader_election::{
    Elector, ElectorEventKind, LeaderElectionConfig, LeaseKey, StopReason,
};
use crate::topology::{HostId, TopologyError, TopologySpec};
use etcd::{EtcdCluster, ReqId};
use litemap::LiteMap;
use objects::{NodeObj, NodeRole, Obj, Objects};
use quorum_etcd::Response;
use quorum_raft::lite::LiteSet;
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64;
use route::{InFlightReq, Writer};
use serde::Serialize;
use std::collections::VecDeque;

pub const SECOND: u64 = 1_000_000;
/// How long the kubelet waits before restarting a control-plane container.
pub const RESTART_DELAY_US: u64 = 10 * SECOND;
pub const RECONCILE_PERIOD_US: u64 = SECOND;
pub const HEARTBEAT_PERIOD_US: u64 = 10 * SECOND;
pub const NODE_GRACE_US: u64 = 40 * SECOND;
/// kube-apiserver's `--etcd-compaction-interval` default.
pub const COMPACTION_INTERVAL_US: u64 = 300 * SECOND;
/// The longest the etcd members may take to elect their first leader at bootstrap.
const BOOTSTRAP_LIMIT_US: u64 = 30 * SECOND;
/// How many request traces and events the model keeps for the view.
const LOG_CAP: usize = 2_000;

/// The control-plane components that run on every control-plane node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ComponentKind {
    ApiServer,
    ControllerManager,
    Scheduler,
}

/// The two elected components.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Elected {
    ControllerManager,
    Scheduler,
}

impl Elected {
    pub fn lease_key(self) -> LeaseKey {
        match self {
            Self::ControllerManager => LeaseKey::controller_manager(),
            Self::Scheduler => LeaseKey::scheduler(),
        }
    }

    fn component(self) -> ComponentKind {
        match self {
            Self::ControllerManager => ComponentKind::ControllerManager,
            Self::Scheduler => ComponentKind::Scheduler,
        }
    }
}

/// Something the user can break (and later restore).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Failure {
    /// Power off a host: a control-plane node (with its stacked etcd member), an
    /// external etcd host or a worker.
    StopHost(HostId),
    /// Stop one component on control-plane node `cp`.
    StopComponent {
        cp: u8,
        component: ComponentKind,
    },
    /// Stop etcd member `m` (its host keeps running).
    StopEtcdMember(u8),
    FailLoadBalancer,
    /// Cut the network between groups of zones; zones not listed form one more group.
    PartitionZones(Vec<Vec<u8>>),
}

/// Why a failure cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum FailureError {
    NoSuchHost(HostId),
    NoSuchControlPlane(u8),
    NoSuchEtcdMember(u8),
    NoSuchZone(u8),
}

/// A notable change, for the page's log and animations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ClusterEventKind {
    EtcdLeaderElected {
        member: u8,
        term: u64,
    },
    EtcdLostQuorum,
    StartedLeading {
        elected: Elected,
        cp: u8,
        identity: String,
    },
    StoppedLeading {
        elected: Elected,
        cp: u8,
        reason: StopReason,
    },
    LeaseRenewed {
        elected: Elected,
        cp: u8,
    },
    ComponentRestarted {
        elected: Elected,
        cp: u8,
        identity: String,
    },
    NodeNotReady {
        node: String,
    },
    NodeReady {
        node: String,
    },
    PodCreated {
        namespace: String,
        name: String,
    },
    PodScheduled {
        name: String,
        node: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClusterEvent {
    pub at_us: u64,
    pub kind: ClusterEventKind,
}

/// One kube-controller-manager or kube-scheduler process slot on a control-plane node.
#[derive(Clone, Debug)]
pub(crate) struct Instance {
    pub elector: Option<Elector>,
    pub restart_at_us: Option<u64>,
    pub restarts: u32,
    /// Whether it has started once (later starts are restarts).
    pub started: bool,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Faults {
    pub hosts_down: LiteSet<HostId>,
    pub components_stopped: LiteSet<(u8, ComponentKind)>,
    pub etcd_stopped: LiteSet<u8>,
    pub lb_failed: bool,
    pub zone_groups: Vec<Vec<u8>>,
}

/// The running model.
#[derive(Clone, Debug)]
pub struct Cluster {
    pub(crate) spec: TopologySpec,
    pub(crate) config: LeaderElectionConfig,
    pub(crate) now_us: u64,
    pub(crate) rng: Pcg64,
    pub(crate) faults: Faults,
    pub(crate) applied: LiteSet<Failure>,
    pub(crate) etcd: EtcdCluster,
    /// The watch cache: objects decoded from the freshest member, and which member
    /// and applied index they came from.
    pub(crate) objects: Objects,
    pub(crate) objects_from: Option<(u8, u64)>,
    /// Requests handed to etcd, by id.
    pub(crate) requests: LiteMap<ReqId, InFlightReq>,
    pub(crate) next_req: ReqId,
    /// Outcomes of blocking calls (kubectl, probes) not yet collected.
    pub(crate) answers: LiteMap<ReqId, Result<Response, ApiError>>,
    /// Writes in flight per writer.
    pub(crate) busy: LiteMap<Writer, u32>,
    pub(crate) next_compaction_us: u64,
    /// The revision seen at the previous compaction tick (compacted at the next one).
    pub(crate) compact_to: u64,
    /// The etcd leader and term last logged.
    pub(crate) etcd_seen: Option<(u8, u64)>,
    pub(crate) kcm: Vec<Instance>,
    pub(crate) sched: Vec<Instance>,
    pub(crate) lb_rr: usize,
    pub(crate) next_reconcile_us: u64,
    pub(crate) next_heartbeat_us: u64,
    pub(crate) traces: VecDeque<RequestTrace>,
    pub(crate) events: VecDeque<ClusterEvent>,
}

/// Why a cluster cannot be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum BuildError {
    Topology(TopologyError),
    LeaderElection(crate::leader_election::ConfigError),
    /// The etcd members elected no leader at bootstrap (cannot happen with etcd's
    /// timers and a healthy network).
    EtcdBootstrap,
}

impl Cluster {
    /// Build a cluster: the etcd members start at time 0 and elect a leader, kubeadm
    /// writes the nodes and the sample deployment `web` (2 replicas of nginx) through
    /// them, then the control-plane components start.
    pub fn new(
        spec: TopologySpec,
        config: LeaderElectionConfig,
        seed: u64,
    ) -> Result<Self, BuildError> {
        spec.validate().map_err(BuildError::Topology)?;
        config.validate().map_err(BuildError::LeaderElection)?;
        let slot = || Instance {
            elector: None,
            restart_at_us: None,
            restarts: 0,
            started: false,
        };
        let n = usize::from(spec.control_planes);
        let etcd = EtcdCluster::new(spec.etcd_members(), seed ^ 0x6574_6364)
            .map_err(|_| BuildError::EtcdBootstrap)?;
        let mut cluster = Self {
            spec,
            config,
            now_us: 0,
            rng: Pcg64::seed_from_u64(seed),
            faults: Faults::default(),
            applied: LiteSet::new(),
            etcd,
            objects: Objects::new(),
            objects_from: None,
            requests: LiteMap::new(),
            next_req: 1,
            answers: LiteMap::new(),
            busy: LiteMap::new(),
            next_compaction_us: u64::MAX,
            compact_to: 0,
            etcd_seen: None,
            kcm: vec![slot(); n],
            sched: vec![slot(); n],
            lb_rr: 0,
            next_reconcile_us: u64::MAX,
            next_heartbeat_us: u64::MAX,
            traces: VecDeque::new(),
            events: VecDeque::new(),
        };
        cluster.bootstrap()?;
        Ok(cluster)
    }

    /// A cluster that has run for 60 s: leaders elected, `web` running.
    pub fn started(spec: TopologySpec, seed: u64) -> Result<Self, BuildError> {
        let mut c = Self::new(spec, LeaderElectionConfig::default(), seed)?;
        c.run_until(60 * SECOND);
        Ok(c)
    }

    /// etcd's first election, kubeadm's objects, then the components' first start.
    fn bootstrap(&mut self) -> Result<(), BuildError> {
        while self.etcd.leader().is_none() {
            if self.etcd.now_us() >= BOOTSTRAP_LIMIT_US {
                return Err(BuildError::EtcdBootstrap);
            }
            let next = self.etcd.now_us().saturating_add(10_000);
            self.etcd.advance(next);
        }
        self.now_us = self.etcd.now_us();
        self.note_etcd_leader();
        let leader = self.etcd.leader().ok_or(BuildError::EtcdBootstrap)?;
        let id = self.next_req;
        self.next_req = self.next_req.saturating_add(1);
        self.etcd
            .submit(id, leader, writes::put(&self.bootstrap_objects()));
        while self.etcd.is_pending(id) {
            let next = self.etcd.now_us().saturating_add(10_000);
            self.etcd.advance(next);
        }
        self.now_us = self.etcd.now_us();
        self.sync_objects();
        let now = self.now_us;
        for slot in self.kcm.iter_mut().chain(self.sched.iter_mut()) {
            slot.restart_at_us = Some(now);
        }
        self.next_heartbeat_us = now;
        self.next_reconcile_us = now.saturating_add(RECONCILE_PERIOD_US);
        self.next_compaction_us = now.saturating_add(COMPACTION_INTERVAL_US);
        Ok(())
    }

    /// What kubeadm and the sample workload leave in the store before anything runs.
    fn bootstrap_objects(&self) -> Vec<Obj> {
        let mut names: Vec<(String, NodeRole)> = (0..self.spec.control_planes)
            .map(|i| (HostId::ControlPlane(i).name(), NodeRole::ControlPlane))
            .collect();
        names.extend((0..self.spec.workers).map(|i| (HostId::Worker(i).name(), NodeRole::Worker)));
        let mut objs: Vec<Obj> = names
            .into_iter()
            .map(|(name, role)| {
                Obj::Node(NodeObj {
                    name,
                    role,
                    created_us: 0,
                    last_heartbeat_us: 0,
                    ready: true,
                })
            })
            .collect();
        objs.push(Obj::Deployment(objects::Deployment {
            namespace: "default".to_string(),
            name: "web".to_string(),
            image: "nginx".to_string(),
            replicas: 2,
            created_us: 0,
        }));
        objs
    }

    /// Refresh the watch cache if the freshest member applied something new.
    pub(crate) fn sync_objects(&mut self) {
        let Some((member, state)) = self.etcd.freshest() else {
            return;
        };
        let from = (member, self.etcd.applied_index(member));
        if self.objects_from == Some(from) {
            return;
        }
        self.objects = Objects::decode(state);
        self.objects_from = Some(from);
    }

    /// Log a new etcd leader (or term) when the world has one.
    fn note_etcd_leader(&mut self) {
        let Some(member) = self.etcd.leader() else {
            return;
        };
        let term = self.etcd.term();
        if self.etcd_seen != Some((member, term)) {
            self.etcd_seen = Some((member, term));
            self.log(
                self.now_us,
                ClusterEventKind::EtcdLeaderElected { member, term },
            );
        }
    }

    pub fn spec(&self) -> &TopologySpec {
        &self.spec
    }

    pub fn now_us(&self) -> u64 {
        self.now_us
    }

    pub fn objects(&self) -> &Objects {
        &self.objects
    }

    /// The simulated etcd members (the Raft world behind the API servers).
    pub fn etcd(&self) -> &EtcdCluster {
        &self.etcd
    }

    pub fn failures(&self) -> impl Iterator<Item = &Failure> {
        self.applied.iter()
    }

    /// The most recent requests (oldest first), for the animation.
    pub fn traces(&self) -> impl Iterator<Item = &RequestTrace> {
        self.traces.iter()
    }

    pub fn events(&self) -> impl Iterator<Item = &ClusterEvent> {
        self.events.iter()
    }

    pub(crate) fn log(&mut self, at_us: u64, kind: ClusterEventKind) {
        if self.events.len() >= LOG_CAP {
            self.events.pop_front();
        }
        self.events.push_back(ClusterEvent { at_us, kind });
    }

    /// The control-plane node whose instance of `which` acts as leader, if any.
    pub fn acting_leader(&self, which: Elected) -> Option<u8> {
        self.instances(which)
            .iter()
            .position(|i| i.elector.as_ref().is_some_and(Elector::is_acting_leader))
            .and_then(|p| u8::try_from(p).ok())
    }

    pub(crate) fn instances(&self, which: Elected) -> &Vec<Instance> {
        match which {
            Elected::ControllerManager => &self.kcm,
            Elected::Scheduler => &self.sched,
        }
    }

    pub(crate) fn instances_mut(&mut self, which: Elected) -> &mut Vec<Instance> {
        match which {
            Elected::ControllerManager => &mut self.kcm,
            Elected::Scheduler => &mut self.sched,
        }
    }

    // ---- hosts, components and the network -------------------------------------

    pub fn host_up(&self, host: HostId) -> bool {
        match host {
            HostId::LoadBalancer => {
                !self.faults.lb_failed && !self.faults.hosts_down.contains(&host)
            }
            _ => !self.faults.hosts_down.contains(&host),
        }
    }

    pub fn component_running(&self, cp: u8, component: ComponentKind) -> bool {
        self.host_up(HostId::ControlPlane(cp))
            && !self.faults.components_stopped.contains(&(cp, component))
    }

    pub fn etcd_member_running(&self, member: u8) -> bool {
        self.host_up(self.spec.etcd_host(member)) && !self.faults.etcd_stopped.contains(&member)
    }

    /// Whether two hosts can exchange packets (the load balancer reaches every zone).
    pub fn reachable(&self, a: HostId, b: HostId) -> bool {
        match (self.spec.zone_of(a), self.spec.zone_of(b)) {
            (Some(za), Some(zb)) => self.zone_group(za) == self.zone_group(zb),
            _ => true,
        }
    }

    fn zone_group(&self, zone: u8) -> usize {
        self.faults
            .zone_groups
            .iter()
            .position(|g| g.contains(&zone))
            .unwrap_or(usize::MAX)
    }

    /// Live etcd members grouped by mutual reachability.
    fn etcd_groups(&self) -> Vec<Vec<u8>> {
        let mut groups: Vec<Vec<u8>> = Vec::new();
        for m in (0..self.spec.etcd_members()).filter(|&m| self.etcd_member_running(m)) {
            let host = self.spec.etcd_host(m);
            match groups
                .iter_mut()
                .find(|g| self.reachable(self.spec.etcd_host(g[0]), host))
            {
                Some(g) => g.push(m),
                None => groups.push(vec![m]),
            }
        }
        groups
    }

    /// The live members that can reach a majority, if any side can (arithmetic for the
    /// explanations; whether requests succeed is up to the Raft cluster).
    pub fn etcd_quorum(&self) -> Option<Vec<u8>> {
        let needed = usize::from(crate::quorum::majority(self.spec.etcd_members()));
        self.etcd_groups().into_iter().find(|g| g.len() >= needed)
    }

    /// Make the world match the faults: members stopped or running, links cut between
    /// the members of different zone groups.
    fn sync_etcd(&mut self) {
        let had_quorum = self.etcd_quorum().is_some();
        for m in 0..self.spec.etcd_members() {
            let running = self.etcd_member_running(m);
            self.etcd.set_running(m, running);
        }
        let partition = if self.faults.zone_groups.is_empty() {
            None
        } else {
            let mut groups: LiteMap<usize, Vec<u8>> = LiteMap::new();
            for m in 0..self.spec.etcd_members() {
                let zone = self.spec.zone_of(self.spec.etcd_host(m));
                let group = zone.map_or(usize::MAX, |z| self.zone_group(z));
                groups.entry(group).or_default().push(m);
            }
            Some(groups.into_iter().map(|(_, g)| g).collect())
        };
        self.etcd.set_partition(partition);
        if had_quorum && self.etcd_quorum().is_none() {
            self.log(self.now_us, ClusterEventKind::EtcdLostQuorum);
        }
    }

    // ---- failures ----------------------------------------------------------------

    /// Break something now.
    pub fn apply(&mut self, failure: Failure) -> Result<(), FailureError> {
        self.check(&failure)?;
        match &failure {
            Failure::StopHost(h) => {
                self.faults.hosts_down.insert(*h);
            }
            Failure::StopComponent { cp, component } => {
                self.faults.components_stopped.insert((*cp, *component));
            }
            Failure::StopEtcdMember(m) => {
                self.faults.etcd_stopped.insert(*m);
            }
            Failure::FailLoadBalancer => self.faults.lb_failed = true,
            Failure::PartitionZones(groups) => self.faults.zone_groups = groups.clone(),
        }
        self.applied.insert(failure);
        self.after_fault_change();
        Ok(())
    }

    /// Undo a failure applied earlier (restarting what it stopped).
    pub fn restore(&mut self, failure: &Failure) {
        if !self.applied.remove(failure) {
            return;
        }
        match failure {
            Failure::StopHost(h) => {
                self.faults.hosts_down.remove(h);
            }
            Failure::StopComponent { cp, component } => {
                self.faults.components_stopped.remove(&(*cp, *component));
            }
            Failure::StopEtcdMember(m) => {
                self.faults.etcd_stopped.remove(m);
            }
            Failure::FailLoadBalancer => self.faults.lb_failed = false,
            Failure::PartitionZones(_) => self.faults.zone_groups.clear(),
        }
        self.after_fault_change();
    }

    /// Undo every failure.
    pub fn restore_all(&mut self) {
        self.restore_where(|_| true);
    }

    /// Heal the network: undo zone partitions; stopped hosts and components stay stopped.
    pub fn restore_partitions(&mut self) {
        self.restore_where(|f| matches!(f, Failure::PartitionZones(_)));
    }

    fn restore_where(&mut self, picked: impl Fn(&Failure) -> bool) {
        let undo: Vec<Failure> = self.applied.iter().filter(|f| picked(f)).cloned().collect();
        for f in &undo {
            self.restore(f);
        }
    }

    fn check(&self, failure: &Failure) -> Result<(), FailureError> {
        let spec = &self.spec;
        match failure {
            Failure::StopHost(h) => {
                let known = match *h {
                    HostId::LoadBalancer => true,
                    HostId::ControlPlane(i) => i < spec.control_planes,
                    HostId::Etcd(i) => {
                        spec.etcd == crate::topology::EtcdTopology::External
                            && i < spec.external_etcd_members
                    }
                    HostId::Worker(i) => i < spec.workers,
                };
                if !known {
                    return Err(FailureError::NoSuchHost(*h));
                }
            }
            Failure::StopComponent { cp, .. } if *cp >= spec.control_planes => {
                return Err(FailureError::NoSuchControlPlane(*cp))
            }
            Failure::StopEtcdMember(m) if *m >= spec.etcd_members() => {
                return Err(FailureError::NoSuchEtcdMember(*m))
            }
            Failure::PartitionZones(groups) => {
                if let Some(&z) = groups.iter().flatten().find(|&&z| z >= spec.zones) {
                    return Err(FailureError::NoSuchZone(z));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Kill processes that lost their host or were stopped; schedule restarts of those
    /// that came back; recompute etcd's majority.
    fn after_fault_change(&mut self) {
        self.sync_etcd();
        for which in [Elected::ControllerManager, Elected::Scheduler] {
            for cp in 0..self.spec.control_planes {
                let running = self.component_running(cp, which.component());
                let now = self.now_us;
                let slot = &mut self.instances_mut(which)[usize::from(cp)];
                if !running {
                    if let Some(mut e) = slot.elector.take() {
                        let events = e.crash(now);
                        let was = events.iter().any(|ev| {
                            matches!(
                                ev.kind,
                                ElectorEventKind::Stopped {
                                    was_leading: true,
                                    ..
                                }
                            )
                        });
                        if was {
                            self.log(
                                now,
                                ClusterEventKind::StoppedLeading {
                                    elected: which,
                                    cp,
                                    reason: StopReason::Crashed,
                                },
                            );
                        }
                    }
                    self.instances_mut(which)[usize::from(cp)].restart_at_us = None;
                } else if slot.elector.is_none() && slot.restart_at_us.is_none() {
                    slot.restart_at_us = Some(now);
                }
            }
        }
    }

    // ---- the event loop ----------------------------------------------------------

    /// The next instant something is due.
    fn next_due(&self) -> u64 {
        let mut next = self
            .next_reconcile_us
            .min(self.next_heartbeat_us)
            .min(self.next_compaction_us);
        if let Some(e) = self.etcd.next_due() {
            next = next.min(e);
        }
        for slot in self.kcm.iter().chain(self.sched.iter()) {
            if let Some(r) = slot.restart_at_us {
                next = next.min(r);
            }
            if let Some(w) = slot.elector.as_ref().and_then(Elector::next_wake_us) {
                next = next.min(w);
            }
        }
        next
    }

    /// Run the model until `until_us`.
    pub fn run_until(&mut self, until_us: u64) {
        self.run_while(until_us, |_| false);
    }

    /// Run for `us` more.
    pub fn advance(&mut self, us: u64) {
        self.run_until(self.now_us.saturating_add(us));
    }

    /// Run until `until_us`, or until `stop` holds (checked after every change).
    /// Returns whether `stop` ended the run.
    pub(crate) fn run_while(&mut self, until_us: u64, stop: impl Fn(&Cluster) -> bool) -> bool {
        loop {
            if stop(self) {
                return true;
            }
            let due = self.next_due();
            let target = due.min(until_us).max(self.now_us);
            let done = self.etcd.advance(target);
            self.now_us = self.now_us.max(self.etcd.now_us());
            self.note_etcd_leader();
            if !done.is_empty() {
                for c in done {
                    self.complete(c);
                }
                continue;
            }
            if self.now_us < target {
                continue;
            }
            if due > until_us {
                break;
            }
            self.step(self.now_us);
        }
        self.now_us = self.now_us.max(until_us);
        self.sync_objects();
        false
    }

    fn step(&mut self, at: u64) {
        for which in [Elected::ControllerManager, Elected::Scheduler] {
            for cp in 0..self.spec.control_planes {
                self.step_instance(which, cp, at);
            }
        }
        if self.next_reconcile_us <= at {
            self.next_reconcile_us = at + RECONCILE_PERIOD_US;
            self.sync_objects();
            self.reconcile(at);
        }
        if self.next_heartbeat_us <= at {
            self.next_heartbeat_us = at + HEARTBEAT_PERIOD_US;
            self.sync_objects();
            self.heartbeats(at);
        }
        if self.next_compaction_us <= at {
            self.next_compaction_us = at + COMPACTION_INTERVAL_US;
            self.compact();
        }
    }

    /// kube-apiserver compacts etcd every five minutes, up to the revision it saw at
    /// the previous tick (so watchers have had five minutes to catch up).
    fn compact(&mut self) {
        let upto = self.compact_to;
        self.compact_to = self.objects.revision();
        let Some(cp) = (0..self.spec.control_planes)
            .find(|&cp| self.component_running(cp, ComponentKind::ApiServer))
        else {
            return;
        };
        if upto > 1 && !self.is_busy(Writer::Compactor) {
            let req = quorum_etcd::Request::Compaction {
                revision: i64::try_from(upto).unwrap_or(i64::MAX),
            };
            self.send_write(route::Client::Local(cp), Writer::Compactor, req, Vec::new());
        }
    }

    fn step_instance(&mut self, which: Elected, cp: u8, at: u64) {
        let idx = usize::from(cp);
        if self.instances(which)[idx]
            .restart_at_us
            .is_some_and(|r| r <= at)
        {
            self.start_instance(which, cp, at);
        }
        let due = self.instances(which)[idx]
            .elector
            .as_ref()
            .and_then(Elector::next_wake_us)
            .is_some_and(|w| w <= at);
        if !due {
            return;
        }
        self.with_elector(which, cp, at, |elector, store| elector.tick(at, store));
    }

    /// Hand the answer to a Lease call to the elector that waits for it.
    pub(crate) fn deliver_lease(
        &mut self,
        which: Elected,
        cp: u8,
        token: ReqId,
        at: u64,
        result: Result<crate::leader_election::Lease, crate::leader_election::StoreError>,
    ) {
        let idx = usize::from(cp);
        let waiting = self.instances(which)[idx]
            .elector
            .as_ref()
            .is_some_and(|e| e.awaited_token() == Some(token));
        if !waiting {
            return;
        }
        self.with_elector(which, cp, at, |elector, store| {
            elector.deliver(at, token, result, store)
        });
    }

    /// Runs `step` on an instance's elector with the Lease store of its local API server,
    /// then logs what it did and puts it back.
    fn with_elector(
        &mut self,
        which: Elected,
        cp: u8,
        at: u64,
        step: impl FnOnce(
            &mut Elector,
            &mut dyn crate::leader_election::LeaseStore,
        ) -> Vec<crate::leader_election::ElectorEvent>,
    ) {
        let Some(mut elector) = self.instances_mut(which)[usize::from(cp)].elector.take() else {
            return;
        };
        let events = {
            let mut store = lease_store::ViaApiServer {
                cluster: self,
                which,
                cp,
            };
            step(&mut elector, &mut store)
        };
        self.after_elector(which, cp, elector, events, at);
    }

    /// Log what an elector did and put it back (or schedule its restart if it exited).
    fn after_elector(
        &mut self,
        which: Elected,
        cp: u8,
        elector: Elector,
        events: Vec<crate::leader_election::ElectorEvent>,
        at: u64,
    ) {
        let mut exited = false;
        for ev in events {
            match ev.kind {
                ElectorEventKind::StartedLeading => {
                    let identity = elector.identity().to_string();
                    self.log(
                        ev.at_us,
                        ClusterEventKind::StartedLeading {
                            elected: which,
                            cp,
                            identity,
                        },
                    );
                }
                ElectorEventKind::Renewed { .. } => self.log(
                    ev.at_us,
                    ClusterEventKind::LeaseRenewed { elected: which, cp },
                ),
                ElectorEventKind::Stopped {
                    reason,
                    was_leading,
                } => {
                    if was_leading {
                        self.log(
                            ev.at_us,
                            ClusterEventKind::StoppedLeading {
                                elected: which,
                                cp,
                                reason,
                            },
                        );
                    }
                    exited = true;
                }
                _ => {}
            }
        }
        let slot = &mut self.instances_mut(which)[usize::from(cp)];
        if exited {
            // "leaderelection lost": the process exits; the kubelet restarts it.
            slot.restart_at_us = Some(at + RESTART_DELAY_US);
            slot.restarts = slot.restarts.saturating_add(1);
        } else {
            slot.elector = Some(elector);
        }
    }

    fn start_instance(&mut self, which: Elected, cp: u8, at: u64) {
        let identity = format!("{}_{}", HostId::ControlPlane(cp).name(), self.uuid());
        let seed = self.rng.next_u64();
        let elector = Elector::new(&identity, which.lease_key(), self.config, seed, at).ok();
        let slot = &mut self.instances_mut(which)[usize::from(cp)];
        slot.restart_at_us = None;
        let restarted = slot.started;
        slot.started = true;
        slot.elector = elector;
        if restarted {
            self.log(
                at,
                ClusterEventKind::ComponentRestarted {
                    elected: which,
                    cp,
                    identity,
                },
            );
        }
    }

    /// A random RFC 4122 version-4 UUID from the model's RNG (component identities
    /// are `hostname_uuid`, new at each start, as in kube-controller-manager).
    pub(crate) fn uuid(&mut self) -> String {
        let a = self.rng.next_u64();
        let b = self.rng.next_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            0x8000 | ((b >> 48) & 0x3fff),
            b & 0xffff_ffff_ffff
        )
    }

    /// `n` lowercase alphanumerics (pod-name suffixes).
    pub(crate) fn suffix(&mut self, n: usize) -> String {
        const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
        (0..n)
            .map(|_| ALPHABET[(self.rng.next_u64() % ALPHABET.len() as u64) as usize] as char)
            .collect()
    }
}

#[cfg(test)]
mod tests;
