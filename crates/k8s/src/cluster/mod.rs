//! The HA control plane as a discrete-event model over µs of simulated time.
//!
//! What runs: an API server, a kube-controller-manager and a kube-scheduler on every
//! control-plane node; etcd members (stacked or external); a kubelet on every node;
//! a load balancer in front of the API servers. The controller-manager and the
//! scheduler elect leaders through Leases written via their local API server (as
//! kubeadm configures them), with [`crate::leader_election::Elector`]. Whether a
//! request works is decided by routing it: client → load balancer → API server →
//! an etcd member it can reach → the majority side and its leader.
//!
//! Modelling choices (documented because they shape what the page shows):
//! - The load balancer spans the zones and health-checks `/readyz` (which includes
//!   etcd); when no API server is healthy it fails open to any running one.
//! - An API server's etcd client uses any listed member that can serve; a member
//!   outside the majority answers `etcdserver: request timed out` after 7 s; with no
//!   member reachable the API server's own 60 s timeout fires.
//! - Controllers and the scheduler reconcile once per second and skip a round whose
//!   API calls fail. Kubelets post node status every 10 s through the load balancer;
//!   the node lifecycle controller marks a node NotReady after 40 s without one.
//! - A controller-manager or scheduler that loses its lease exits and is restarted by
//!   the kubelet 10 s later with a new identity.

pub mod capabilities;
pub mod compare;
mod controllers;
pub mod etcd_model;
pub mod objects;
mod route;
pub mod view;

pub use capabilities::{Blocker, Capability, CapabilityKind};
pub use compare::{side_by_side, CompareError, Comparison};
pub use route::{ApiError, Client, ReqKind, RequestTrace};
pub use view::{ClusterView, ComponentState, EtcdMemberRole, HostView, InstanceView};

use crate::leader_election::{
    Elector, ElectorEventKind, LeaderElectionConfig, LeaseKey, StopReason,
};
use crate::topology::{HostId, TopologyError, TopologySpec};
use etcd_model::EtcdModel;
use objects::{NodeObj, NodeRole, Objects};
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64;
use serde::Serialize;
use std::collections::{BTreeSet, VecDeque};

pub const SECOND: u64 = 1_000_000;
/// How long the kubelet waits before restarting a control-plane container.
pub const RESTART_DELAY_US: u64 = 10 * SECOND;
pub const RECONCILE_PERIOD_US: u64 = SECOND;
pub const HEARTBEAT_PERIOD_US: u64 = 10 * SECOND;
pub const NODE_GRACE_US: u64 = 40 * SECOND;
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
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Faults {
    pub hosts_down: BTreeSet<HostId>,
    pub components_stopped: BTreeSet<(u8, ComponentKind)>,
    pub etcd_stopped: BTreeSet<u8>,
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
    pub(crate) applied: BTreeSet<Failure>,
    pub(crate) etcd: EtcdModel,
    pub(crate) objects: Objects,
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
}

impl Cluster {
    /// Build a cluster at time 0, then run it for `warm_up_us` so leaders are elected
    /// and the sample deployment `web` (2 replicas of nginx) is running.
    pub fn new(
        spec: TopologySpec,
        config: LeaderElectionConfig,
        seed: u64,
    ) -> Result<Self, BuildError> {
        spec.validate().map_err(BuildError::Topology)?;
        config.validate().map_err(BuildError::LeaderElection)?;
        let slot = || Instance {
            elector: None,
            restart_at_us: Some(0),
            restarts: 0,
        };
        let n = usize::from(spec.control_planes);
        let mut cluster = Self {
            spec,
            config,
            now_us: 0,
            rng: Pcg64::seed_from_u64(seed),
            faults: Faults::default(),
            applied: BTreeSet::new(),
            etcd: EtcdModel::new(spec.etcd_members()),
            objects: Objects::new(),
            kcm: vec![slot(); n],
            sched: vec![slot(); n],
            lb_rr: 0,
            next_reconcile_us: RECONCILE_PERIOD_US,
            next_heartbeat_us: 0,
            traces: VecDeque::new(),
            events: VecDeque::new(),
        };
        cluster.bootstrap_objects();
        cluster.refresh_etcd();
        Ok(cluster)
    }

    /// A cluster that has run for 60 s: leaders elected, `web` running.
    pub fn started(spec: TopologySpec, seed: u64) -> Result<Self, BuildError> {
        let mut c = Self::new(spec, LeaderElectionConfig::default(), seed)?;
        c.run_until(60 * SECOND);
        Ok(c)
    }

    /// What kubeadm and the sample workload leave in the store before anything runs.
    fn bootstrap_objects(&mut self) {
        let mut names: Vec<(String, NodeRole)> = (0..self.spec.control_planes)
            .map(|i| (HostId::ControlPlane(i).name(), NodeRole::ControlPlane))
            .collect();
        names.extend((0..self.spec.workers).map(|i| (HostId::Worker(i).name(), NodeRole::Worker)));
        for (name, role) in names {
            self.objects.bump();
            self.objects.nodes.insert(
                name.clone(),
                NodeObj {
                    name,
                    role,
                    created_us: 0,
                    last_heartbeat_us: 0,
                    ready: true,
                },
            );
        }
        self.objects.bump();
        self.objects.deployments.insert(
            objects::key("default", "web"),
            objects::Deployment {
                namespace: "default".to_string(),
                name: "web".to_string(),
                image: "nginx".to_string(),
                replicas: 2,
                created_us: 0,
            },
        );
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

    pub fn etcd(&self) -> &EtcdModel {
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

    fn refresh_etcd(&mut self) {
        let had_quorum = self.etcd.quorum.is_some();
        let groups = self.etcd_groups();
        self.etcd.update(self.now_us, groups, &mut self.rng);
        if had_quorum && self.etcd.quorum.is_none() {
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
        let all: Vec<Failure> = self.applied.iter().cloned().collect();
        for f in &all {
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
        self.refresh_etcd();
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
        let mut next = self.next_reconcile_us.min(self.next_heartbeat_us);
        if let Some(e) = self.etcd.election_ends_us {
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
        loop {
            let at = self.next_due();
            if at > until_us {
                break;
            }
            self.now_us = self.now_us.max(at);
            self.step(at);
        }
        self.now_us = self.now_us.max(until_us);
    }

    /// Run for `us` more.
    pub fn advance(&mut self, us: u64) {
        self.run_until(self.now_us.saturating_add(us));
    }

    fn step(&mut self, at: u64) {
        if self.etcd.election_ends_us.is_some_and(|e| e <= at) {
            if let Some(member) = self.etcd.advance(at, &mut self.rng) {
                let term = self.etcd.term;
                self.log(at, ClusterEventKind::EtcdLeaderElected { member, term });
            }
        }
        for which in [Elected::ControllerManager, Elected::Scheduler] {
            for cp in 0..self.spec.control_planes {
                self.step_instance(which, cp, at);
            }
        }
        if self.next_reconcile_us <= at {
            self.next_reconcile_us = at + RECONCILE_PERIOD_US;
            self.reconcile(at);
        }
        if self.next_heartbeat_us <= at {
            self.next_heartbeat_us = at + HEARTBEAT_PERIOD_US;
            self.heartbeats(at);
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
        let Some(mut elector) = self.instances_mut(which)[idx].elector.take() else {
            return;
        };
        let events = {
            let mut store = route::ViaApiServer { cluster: self, cp };
            elector.tick(at, &mut store)
        };
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
        let slot = &mut self.instances_mut(which)[idx];
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
        let restarted = slot.restarts > 0 || at > 0;
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
