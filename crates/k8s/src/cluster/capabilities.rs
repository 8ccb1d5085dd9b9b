//! "What still works", computed by running copies of the model forward.

use super::objects::{key, pod_key, ConfigMap, Obj, Pod, PodPhase, REGISTRY_PREFIX};
use super::route::{ApiError, Client, ReqKind};
use super::{writes, Cluster, Elected, RECONCILE_PERIOD_US};
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
        let (req_kind, req) = match kind {
            CapabilityKind::Read => (
                ReqKind::Read,
                writes::list(&format!("{REGISTRY_PREFIX}pods/")),
            ),
            CapabilityKind::Write => (ReqKind::Write, writes::put(&[c.probe_configmap()])),
            CapabilityKind::ScheduleNewPod => {
                let pod = c.probe_pod(at);
                (ReqKind::Write, writes::put(&[Obj::Pod(pod)]))
            }
            CapabilityKind::RecreateReplicaSetPod => match c.victim() {
                Some(k) => (ReqKind::Write, writes::delete(vec![pod_key(&k.0, &k.1)])),
                None => {
                    let blocker = c.leader_blocker(Elected::ControllerManager);
                    return Capability::blocked(kind, blocker);
                }
            },
        };
        if let Err(e) = c.call(Client::Kubectl, req_kind, req) {
            return Capability::blocked(kind, c.api_blocker(&e));
        }
        let took = c.now_us.saturating_sub(at);
        match kind {
            CapabilityKind::Read | CapabilityKind::Write => Capability::ok(kind, took),
            CapabilityKind::ScheduleNewPod => c.probe_schedule(at),
            CapabilityKind::RecreateReplicaSetPod => c.probe_recreate(at),
        }
    }

    fn probe_configmap(&mut self) -> Obj {
        Obj::ConfigMap(ConfigMap {
            namespace: "default".to_string(),
            name: format!("probe-{}", self.suffix(5)),
            data: Default::default(),
            created_us: self.now_us,
        })
    }

    fn probe_pod(&mut self, at: u64) -> Pod {
        Pod {
            namespace: "default".to_string(),
            name: format!("probe-{}", self.suffix(5)),
            image: "busybox".to_string(),
            owner: None,
            node: None,
            phase: PodPhase::Pending,
            created_us: at,
        }
    }

    /// A pod of the first ReplicaSet (deleting it is the recreate probe's precondition).
    fn victim(&self) -> Option<super::objects::ObjectKey> {
        let rs = self.objects.replicasets.values().next()?;
        self.objects
            .pods_of(&rs.namespace, &rs.name)
            .first()
            .map(|p| key(&p.namespace, &p.name))
    }

    fn api_blocker(&self, error: &ApiError) -> Blocker {
        match error {
            ApiError::ConnectionRefused { .. }
                if !self.host_up(crate::topology::HostId::LoadBalancer) =>
            {
                Blocker::LoadBalancerDown
            }
            ApiError::ConnectionRefused { .. } => Blocker::NoApiServerRunning,
            _ if self.etcd_quorum().is_none() => Blocker::EtcdHasNoQuorum,
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
        let req = writes::put(&[self.probe_configmap()]);
        match self.call(Client::Local(cp), ReqKind::Write, req) {
            Err(ApiError::ConnectionRefused { .. }) => Blocker::LeaderApiServerDown(which),
            Err(e) => self.api_blocker(&e),
            Ok(_) => Blocker::ApiServerCutOffFromQuorum,
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

    /// The probe pod was created at `at`: wait until the scheduler binds it.
    fn probe_schedule(&mut self, at: u64) -> Capability {
        let kind = CapabilityKind::ScheduleNewPod;
        let probes: Vec<_> = self
            .objects
            .pods
            .values()
            .filter(|p| p.name.starts_with("probe-") && p.created_us == at)
            .map(|p| key(&p.namespace, &p.name))
            .collect();
        match self.wait_for(at, |c| {
            probes
                .iter()
                .any(|k| c.objects.pods.get(k).is_some_and(|p| p.node.is_some()))
        }) {
            Some(took) => Capability::ok(kind, took),
            None if self.least_loaded_worker().is_none() => {
                Capability::blocked(kind, Blocker::NoReadyWorker)
            }
            None => Capability::blocked(kind, self.leader_blocker(Elected::Scheduler)),
        }
    }

    /// A pod of the first ReplicaSet was deleted at `at`: wait until it is replaced.
    fn probe_recreate(&mut self, at: u64) -> Capability {
        let kind = CapabilityKind::RecreateReplicaSetPod;
        let Some(rs) = self.objects.replicasets.values().next().cloned() else {
            return Capability::blocked(kind, self.leader_blocker(Elected::ControllerManager));
        };
        let want = rs.replicas as usize;
        match self.wait_for(at, |c| {
            c.objects.pods_of(&rs.namespace, &rs.name).len() >= want
        }) {
            Some(took) => Capability::ok(kind, took),
            None => Capability::blocked(kind, self.leader_blocker(Elected::ControllerManager)),
        }
    }
}
