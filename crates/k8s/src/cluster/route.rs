//! Routing a request: client → load balancer → API server → an etcd member it can
//! reach → the Raft cluster. Refusals are known at once; anything that reaches etcd is
//! answered when the simulated etcd commits it, serves it, or times out.

use super::etcd::{Completion, ReqId};
use super::{Cluster, ComponentKind, Elected};
use crate::topology::{HostId, LB_IP};
use quorum_etcd::Response;
use serde::Serialize;

/// How long a refused connection takes to report.
pub const REFUSED_LATENCY_US: u64 = 1_000;
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
    /// A linearizable read (what `kubectl get` does): ReadIndex needs the majority too.
    Read,
    Write,
}

/// How a request failed, as the client sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ApiError {
    /// Nothing listens at `address` (`ip:port`).
    ConnectionRefused { address: String },
    /// etcd did not commit (or confirm) it in time: `etcdserver: request timed out`.
    EtcdTimeout,
    /// The API server reached no etcd member; its request timeout fired.
    ApiServerTimeout,
}

/// A request as the animation draws it (recorded when its outcome is known).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestTrace {
    pub at_us: u64,
    pub client: Client,
    pub kind: ReqKind,
    /// Whether it went through the load balancer.
    pub via_lb: bool,
    pub apiserver: Option<u8>,
    pub etcd_member: Option<u8>,
    /// The etcd leader that committed or confirmed it.
    pub etcd_leader: Option<u8>,
    pub result: Result<(), ApiError>,
    pub latency_us: u64,
}

/// Who waits for a request's outcome.
#[derive(Clone, Debug)]
pub(crate) enum Waiter {
    /// A Lease call of the elector of `which` on node `cp`.
    Lease {
        which: Elected,
        cp: u8,
        op: crate::leader_election::LeaseOp,
        lease: Option<crate::leader_election::Lease>,
    },
    /// A write by a leader's controllers or a kubelet; `then` is logged if it succeeds.
    Write {
        by: Writer,
        then: Vec<super::ClusterEventKind>,
    },
    /// kubectl or a probe, blocked in [`Cluster::call`].
    Caller,
}

/// Who sent a write that nobody blocks on (each waits for its previous one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Writer {
    Leader(Elected),
    Kubelet(HostId),
    /// kube-apiserver's periodic etcd compaction.
    Compactor,
}

#[derive(Clone, Debug)]
pub(crate) struct InFlightReq {
    pub trace: RequestTrace,
    pub waiter: Waiter,
}

/// What became of a request at once.
pub(crate) enum Sent {
    /// Failed without reaching etcd; the client learns it `latency` µs later.
    Now(ApiError, u64),
    /// Handed to etcd: the outcome comes with a [`Completion`] of this id.
    Pending(ReqId),
}

impl Cluster {
    /// The members API server `cp` may use: running, reachable and listed in its
    /// `--etcd-servers`; those that know a leader first (gRPC's health balancing).
    fn etcd_candidates(&self, cp: u8) -> Vec<u8> {
        let from = HostId::ControlPlane(cp);
        let mut members: Vec<u8> = self
            .spec
            .etcd_endpoints(cp)
            .into_iter()
            .filter(|&m| {
                self.etcd_member_running(m) && self.reachable(from, self.spec.etcd_host(m))
            })
            .collect();
        // Members that know a leader first (a stable order otherwise).
        let knows = |m: u8| self.etcd.knows_leader(m);
        quorum_raft::lite::sort_small_by(&mut members, |&a, &b| knows(a) && !knows(b));
        members
    }

    /// `/readyz` of API server `cp`: running, and a member it uses knows a leader.
    pub fn apiserver_ready(&self, cp: u8) -> bool {
        self.component_running(cp, ComponentKind::ApiServer)
            && self
                .etcd_candidates(cp)
                .first()
                .is_some_and(|&m| self.etcd.knows_leader(m))
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

    /// The API server a client reaches, or why it reaches none.
    fn apiserver_for(&mut self, client: Client) -> Result<u8, ApiError> {
        match client {
            Client::Local(cp) if self.component_running(cp, ComponentKind::ApiServer) => Ok(cp),
            Client::Local(cp) => Err(ApiError::ConnectionRefused {
                address: format!("{}:6443", HostId::ControlPlane(cp).ip()),
            }),
            _ if !self.host_up(HostId::LoadBalancer) => Err(refused_at_lb()),
            _ => self.pick_apiserver().ok_or_else(refused_at_lb),
        }
    }

    /// Send `req` now on behalf of `client`.
    pub(crate) fn send(
        &mut self,
        client: Client,
        kind: ReqKind,
        req: quorum_etcd::Request,
        waiter: Waiter,
    ) -> Sent {
        let mut trace = RequestTrace {
            at_us: self.now_us,
            client,
            kind,
            via_lb: !matches!(client, Client::Local(_)),
            apiserver: None,
            etcd_member: None,
            etcd_leader: None,
            result: Ok(()),
            latency_us: 0,
        };
        let target = self.apiserver_for(client).and_then(|cp| {
            trace.apiserver = Some(cp);
            let member = self.etcd_candidates(cp).first().copied();
            member.ok_or(ApiError::ApiServerTimeout)
        });
        match target {
            Ok(member) => {
                let id = self.next_req;
                self.next_req = self.next_req.saturating_add(1);
                trace.etcd_member = Some(member);
                self.etcd.submit(id, member, req);
                self.requests.insert(id, InFlightReq { trace, waiter });
                Sent::Pending(id)
            }
            Err(error) => {
                let latency = match error {
                    ApiError::ApiServerTimeout => APISERVER_TIMEOUT_US,
                    _ => REFUSED_LATENCY_US,
                };
                trace.result = Err(error.clone());
                trace.latency_us = latency;
                self.record_trace(trace);
                Sent::Now(error, latency)
            }
        }
    }

    pub(crate) fn record_trace(&mut self, trace: RequestTrace) {
        if self.traces.len() >= super::LOG_CAP {
            self.traces.pop_front();
        }
        self.traces.push_back(trace);
    }

    /// etcd settled request `c`: record it and hand the outcome to its waiter.
    pub(crate) fn complete(&mut self, c: Completion) {
        let Some(InFlightReq { mut trace, waiter }) = self.requests.remove(&c.id) else {
            return;
        };
        let result: Result<Response, ApiError> = c.response.ok_or(ApiError::EtcdTimeout);
        trace.latency_us = c.at_us.saturating_sub(trace.at_us);
        trace.etcd_leader = c.leader;
        trace.result = result.as_ref().map(|_| ()).map_err(Clone::clone);
        self.record_trace(trace);
        match waiter {
            Waiter::Lease {
                which,
                cp,
                op,
                lease,
            } => {
                let result = super::lease_store::lease_result(op, lease, result);
                self.deliver_lease(which, cp, c.id, c.at_us, result);
            }
            Waiter::Write { by, then } => {
                if let Some(n) = self.busy.get_mut(&by) {
                    *n = n.saturating_sub(1);
                }
                if result.is_ok() {
                    for kind in then {
                        self.log(c.at_us, kind);
                    }
                }
            }
            Waiter::Caller => {
                self.answers.insert(c.id, result);
            }
        }
    }

    /// Send `req` and run the cluster until its outcome is known (kubectl, probes).
    pub(crate) fn call(
        &mut self,
        client: Client,
        kind: ReqKind,
        req: quorum_etcd::Request,
    ) -> Result<Response, ApiError> {
        match self.send(client, kind, req, Waiter::Caller) {
            Sent::Now(error, latency) => {
                self.advance(latency);
                Err(error)
            }
            Sent::Pending(id) => {
                let limit = self.now_us.saturating_add(APISERVER_TIMEOUT_US);
                self.run_while(limit, |c| c.answers.contains_key(&id));
                self.sync_objects();
                self.answers
                    .remove(&id)
                    .unwrap_or(Err(ApiError::ApiServerTimeout))
            }
        }
    }

    /// Whether a writer's previous write is still in flight.
    pub(crate) fn is_busy(&self, by: Writer) -> bool {
        self.busy.get(&by).is_some_and(|&n| n > 0)
    }

    /// Send a write nobody blocks on; false if it failed at once.
    pub(crate) fn send_write(
        &mut self,
        client: Client,
        by: Writer,
        req: quorum_etcd::Request,
        then: Vec<super::ClusterEventKind>,
    ) -> bool {
        match self.send(client, ReqKind::Write, req, Waiter::Write { by, then }) {
            Sent::Now(..) => false,
            Sent::Pending(_) => {
                *self.busy.entry(by).or_insert(0) += 1;
                true
            }
        }
    }
}

fn refused_at_lb() -> ApiError {
    ApiError::ConnectionRefused {
        address: format!("{LB_IP}:6443"),
    }
}
