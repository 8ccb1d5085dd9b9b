//! "What still works", computed by running copies of the model forward.

use super::objects::{key, Pod, PodPhase};
use super::route::{ApiError, Client, ReqKind};
use super::{Cluster, Elected, RECONCILE_PERIOD_US};
use serde::Serialize;

/// How long a probe waits for the control plane to do its part (enough for a
/// controller-manager or scheduler failover with the default flags).
pub const PROBE_HORIZON_US: u64 = 60_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum CapabilityKind {
    /// `kubectl get pods` (a linearizable list).
    Read,
    /// `kubectl apply` (a write).
    Write,
    /// A new pod gets bound to a node (needs a scheduler leader that can write).
    ScheduleNewPod,
    /// A deleted pod of a ReplicaSet is replaced (needs a controller-manager leader).
    RecreateReplicaSetPod,
}

/// Why something does not work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Blocker {
    LoadBalancerDown,
    NoApiServerRunning,
    /// No side of the etcd cluster has a majority of members up and connected.
    EtcdHasNoQuorum,
    /// etcd has a majority somewhere, but the API server used cannot reach it.
    ApiServerCutOffFromQuorum,
    NoSchedulerLeader,
    NoControllerManagerLeader,
    /// The leader's local API server is down.
    LeaderApiServerDown(Elected),
    NoReadyWorker,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Capability {
    pub kind: CapabilityKind,
    pub works: bool,
    /// How long it took (µs) when it worked.
    pub took_us: Option<u64>,
    pub blocker: Option<Blocker>,
}

impl Capability {
    fn ok(kind: CapabilityKind, took_us: u64) -> Self {
        Self {
            kind,
            works: true,
            took_us: Some(took_us),
            blocker: None,
        }
    }

    fn blocked(kind: CapabilityKind, blocker: Blocker) -> Self {
        Self {
            kind,
            works: false,
            took_us: None,
            blocker: Some(blocker),
        }
    }
}

impl Cluster {
    /// Probe all four capabilities from the current state (the cluster itself is not
    /// changed: each probe runs on a copy).
    pub fn what_works(&self) -> Vec<Capability> {
        [
            CapabilityKind::Read,
            CapabilityKind::Write,
            CapabilityKind::ScheduleNewPod,
            CapabilityKind::RecreateReplicaSetPod,
        ]
        .into_iter()
        .map(|k| self.probe(k))
        .collect()
    }

    pub fn probe(&self, kind: CapabilityKind) -> Capability {
        let mut c = self.clone();
        let at = c.now_us;
        let req = if kind == CapabilityKind::Read {
            ReqKind::Read
        } else {
            ReqKind::Write
        };
        let trace = c.route(Client::Kubectl, req, at);
        if let Err(e) = &trace.result {
            return Capability::blocked(kind, c.api_blocker(e));
        }
        match kind {
            CapabilityKind::Read | CapabilityKind::Write => Capability::ok(kind, trace.latency_us),
            CapabilityKind::ScheduleNewPod => c.probe_schedule(at),
            CapabilityKind::RecreateReplicaSetPod => c.probe_recreate(at),
        }
    }

    fn api_blocker(&self, error: &ApiError) -> Blocker {
        match error {
            ApiError::ConnectionRefused { .. }
                if !self.host_up(crate::topology::HostId::LoadBalancer) =>
            {
                Blocker::LoadBalancerDown
            }
            ApiError::ConnectionRefused { .. } => Blocker::NoApiServerRunning,
            _ if self.etcd.quorum.is_none() => Blocker::EtcdHasNoQuorum,
            _ => Blocker::ApiServerCutOffFromQuorum,
        }
    }

    /// Why the leader of `which` made no progress.
    fn leader_blocker(&mut self, which: Elected) -> Blocker {
        let Some(cp) = self.acting_leader(which) else {
            return match which {
                Elected::Scheduler => Blocker::NoSchedulerLeader,
                Elected::ControllerManager => Blocker::NoControllerManagerLeader,
            };
        };
        let at = self.now_us;
        match self.route(Client::Local(cp), ReqKind::Write, at).result {
            Err(ApiError::ConnectionRefused { .. }) => Blocker::LeaderApiServerDown(which),
            Err(e) => self.api_blocker(&e),
            Ok(()) => Blocker::ApiServerCutOffFromQuorum,
        }
    }

    /// Wait (in reconcile-sized steps) until `done` holds; returns the time it took.
    fn wait_for(&mut self, since: u64, mut done: impl FnMut(&Cluster) -> bool) -> Option<u64> {
        let end = since.saturating_add(PROBE_HORIZON_US);
        while self.now_us < end {
            self.run_until((self.now_us + RECONCILE_PERIOD_US).min(end));
            if done(self) {
                return Some(self.now_us - since);
            }
        }
        None
    }

    fn probe_schedule(&mut self, at: u64) -> Capability {
        let kind = CapabilityKind::ScheduleNewPod;
        let name = format!("probe-{}", self.suffix(5));
        self.objects.bump();
        self.objects.pods.insert(
            key("default", &name),
            Pod {
                namespace: "default".to_string(),
                name: name.clone(),
                image: "busybox".to_string(),
                owner: None,
                node: None,
                phase: PodPhase::Pending,
                created_us: at,
            },
        );
        let k = key("default", &name);
        match self.wait_for(at, |c| {
            c.objects.pods.get(&k).is_some_and(|p| p.node.is_some())
        }) {
            Some(took) => Capability::ok(kind, took),
            None if self.least_loaded_worker().is_none() => {
                Capability::blocked(kind, Blocker::NoReadyWorker)
            }
            None => Capability::blocked(kind, self.leader_blocker(Elected::Scheduler)),
        }
    }

    fn probe_recreate(&mut self, at: u64) -> Capability {
        let kind = CapabilityKind::RecreateReplicaSetPod;
        let Some(rs) = self.objects.replicasets.values().next().cloned() else {
            return Capability::blocked(kind, self.leader_blocker(Elected::ControllerManager));
        };
        // The precondition: one of its pods has just been deleted.
        if let Some(victim) = self
            .objects
            .pods_of(&rs.namespace, &rs.name)
            .first()
            .map(|p| key(&p.namespace, &p.name))
        {
            self.objects.bump();
            self.objects.pods.remove(&victim);
        }
        let want = rs.replicas as usize;
        match self.wait_for(at, |c| {
            c.objects.pods_of(&rs.namespace, &rs.name).len() >= want
        }) {
            Some(took) => Capability::ok(kind, took),
            None => Capability::blocked(kind, self.leader_blocker(Elected::ControllerManager)),
        }
    }
}
