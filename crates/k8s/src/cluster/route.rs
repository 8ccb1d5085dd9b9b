//! Routing a request: client → load balancer → API server → etcd member → majority.

use super::{Cluster, ComponentKind};
use crate::leader_election::{
    Lease, LeaseKey, LeaseStore, Reply, StoreError, ETCD_REQUEST_TIMEOUT_US,
};
use crate::topology::{HostId, LB_IP};
use serde::Serialize;

/// One hop's latency inside the data centre, and a request's usual total.
pub const REQUEST_LATENCY_US: u64 = 3_000;
/// kube-apiserver's `--request-timeout` default (1 minute).
pub const APISERVER_TIMEOUT_US: u64 = 60_000_000;

/// Who sends a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Client {
    /// A user's kubectl, through the load balancer.
    Kubectl,
    /// The kubelet of a node, through the load balancer.
    Kubelet(HostId),
    /// The controller-manager or scheduler on control-plane node `cp`, through its
    /// local API server (kubeadm's controller-manager.conf and scheduler.conf).
    Local(u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ReqKind {
    /// A linearizable read (what `kubectl get` does): it needs the majority too.
    Read,
    Write,
}

/// How a request failed, as the client sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ApiError {
    /// Nothing listens at `address` (`ip:port`).
    ConnectionRefused { address: String },
    /// The API server's etcd member cannot reach a majority: `etcdserver: request timed out`.
    EtcdTimeout,
    /// The API server reached no etcd member; its request timeout fired.
    ApiServerTimeout,
}

/// A request as the animation draws it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestTrace {
    pub at_us: u64,
    pub client: Client,
    pub kind: ReqKind,
    /// Whether it went through the load balancer.
    pub via_lb: bool,
    pub apiserver: Option<u8>,
    pub etcd_member: Option<u8>,
    /// The etcd leader that committed or served it.
    pub etcd_leader: Option<u8>,
    pub result: Result<(), ApiError>,
    pub latency_us: u64,
}

/// What an API server's etcd client gets.
enum EtcdAccess {
    Served { member: u8, wait_us: u64 },
    NoMajority { member: u8 },
    NoMember,
}

impl Cluster {
    fn etcd_access(&self, cp: u8, at: u64) -> EtcdAccess {
        let from = HostId::ControlPlane(cp);
        let reachable: Vec<u8> = self
            .spec
            .etcd_endpoints(cp)
            .into_iter()
            .filter(|&m| {
                self.etcd_member_running(m) && self.reachable(from, self.spec.etcd_host(m))
            })
            .collect();
        let Some(&first) = reachable.first() else {
            return EtcdAccess::NoMember;
        };
        let serving = reachable.iter().copied().find(|&m| self.etcd.in_quorum(m));
        match (serving, self.etcd.ready_at(at)) {
            (Some(member), Some(ready)) if ready.saturating_sub(at) < ETCD_REQUEST_TIMEOUT_US => {
                EtcdAccess::Served {
                    member,
                    wait_us: ready.saturating_sub(at),
                }
            }
            (Some(member), _) => EtcdAccess::NoMajority { member },
            (None, _) => EtcdAccess::NoMajority { member: first },
        }
    }

    /// `/readyz` of API server `cp`: running, and its etcd check passes.
    pub fn apiserver_ready(&self, cp: u8) -> bool {
        self.component_running(cp, ComponentKind::ApiServer)
            && matches!(
                self.etcd_access(cp, self.now_us),
                EtcdAccess::Served { wait_us: 0, .. }
            )
    }

    /// Which API server the load balancer sends the next request to.
    fn pick_apiserver(&mut self) -> Option<u8> {
        let running: Vec<u8> = (0..self.spec.control_planes)
            .filter(|&cp| self.component_running(cp, ComponentKind::ApiServer))
            .collect();
        let ready: Vec<u8> = running
            .iter()
            .copied()
            .filter(|&cp| self.apiserver_ready(cp))
            .collect();
        let pool = if ready.is_empty() { running } else { ready };
        if pool.is_empty() {
            return None;
        }
        self.lb_rr = self.lb_rr.wrapping_add(1);
        pool.get(self.lb_rr % pool.len()).copied()
    }

    /// Route one request at `at` and record it. The caller applies the effect if it
    /// succeeded.
    pub(crate) fn route(&mut self, client: Client, kind: ReqKind, at: u64) -> RequestTrace {
        let via_lb = !matches!(client, Client::Local(_));
        let mut trace = RequestTrace {
            at_us: at,
            client,
            kind,
            via_lb,
            apiserver: None,
            etcd_member: None,
            etcd_leader: None,
            result: Ok(()),
            latency_us: REQUEST_LATENCY_US,
        };
        let apiserver = match client {
            Client::Local(cp) if self.component_running(cp, ComponentKind::ApiServer) => Some(cp),
            Client::Local(cp) => {
                trace.result = Err(ApiError::ConnectionRefused {
                    address: format!("{}:6443", HostId::ControlPlane(cp).ip()),
                });
                None
            }
            _ if !self.host_up(HostId::LoadBalancer) => {
                trace.result = Err(refused_at_lb());
                None
            }
            _ => {
                let pick = self.pick_apiserver();
                if pick.is_none() {
                    trace.result = Err(refused_at_lb());
                }
                pick
            }
        };
        if let Some(cp) = apiserver {
            trace.apiserver = Some(cp);
            match self.etcd_access(cp, at) {
                EtcdAccess::Served { member, wait_us } => {
                    trace.etcd_member = Some(member);
                    trace.etcd_leader = self.etcd.leader;
                    trace.latency_us = REQUEST_LATENCY_US + wait_us;
                }
                EtcdAccess::NoMajority { member } => {
                    trace.etcd_member = Some(member);
                    trace.result = Err(ApiError::EtcdTimeout);
                    trace.latency_us = ETCD_REQUEST_TIMEOUT_US;
                }
                EtcdAccess::NoMember => {
                    trace.result = Err(ApiError::ApiServerTimeout);
                    trace.latency_us = APISERVER_TIMEOUT_US;
                }
            }
        } else {
            trace.latency_us = 1_000;
        }
        if self.traces.len() >= super::LOG_CAP {
            self.traces.pop_front();
        }
        self.traces.push_back(trace.clone());
        trace
    }
}

fn refused_at_lb() -> ApiError {
    ApiError::ConnectionRefused {
        address: format!("{LB_IP}:6443"),
    }
}

impl ApiError {
    fn to_store_error(&self) -> StoreError {
        match self {
            Self::ConnectionRefused { .. } => StoreError::Unreachable,
            Self::EtcdTimeout => StoreError::EtcdTimeout,
            Self::ApiServerTimeout => StoreError::ApiServerTimeout,
        }
    }
}

/// The Lease store as the controller-manager / scheduler on node `cp` reaches it.
pub(crate) struct ViaApiServer<'a> {
    pub cluster: &'a mut Cluster,
    pub cp: u8,
}

impl ViaApiServer<'_> {
    fn call<T>(
        &mut self,
        at: u64,
        kind: ReqKind,
        f: impl FnOnce(&mut Cluster) -> Result<T, StoreError>,
    ) -> Reply<T> {
        let trace = self.cluster.route(Client::Local(self.cp), kind, at);
        let result = match &trace.result {
            Ok(()) => f(self.cluster),
            Err(e) => Err(e.to_store_error()),
        };
        Reply::new(result, trace.latency_us)
    }
}

impl LeaseStore for ViaApiServer<'_> {
    fn get(&mut self, now_us: u64, key: &LeaseKey) -> Reply<Lease> {
        self.call(now_us, ReqKind::Read, |c| c.objects.leases.get(key))
    }

    fn create(&mut self, now_us: u64, lease: &Lease) -> Reply<Lease> {
        self.call(now_us, ReqKind::Write, |c| {
            let revision = c.objects.revision().saturating_add(1);
            let created = c.objects.leases.create(now_us, lease, revision)?;
            c.objects.bump();
            Ok(created)
        })
    }

    fn update(&mut self, now_us: u64, lease: &Lease) -> Reply<Lease> {
        self.call(now_us, ReqKind::Write, |c| {
            let revision = c.objects.revision().saturating_add(1);
            let updated = c.objects.leases.update(lease, revision)?;
            c.objects.bump();
            Ok(updated)
        })
    }
}
