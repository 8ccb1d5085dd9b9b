//! The Lease store as the controller-manager / scheduler on a control-plane node reaches
//! it: through its local API server into the simulated etcd. A get is a linearizable
//! range; a create is a transaction on `create_revision == 0`; an update is a
//! transaction on `mod_revision ==` the resourceVersion presented (409 Conflict
//! otherwise). Answers come when etcd settles the request ([`Answer::Pending`]).

use super::objects::{decode_lease, lease_key, lease_value};
use super::route::{ApiError, Client, ReqKind, Sent, Waiter};
use super::{writes, Cluster, Elected};
use crate::leader_election::{Answer, Lease, LeaseKey, LeaseOp, LeaseStore, Reply, StoreError};
use quorum_etcd::mvcc::ResponseOp;
use quorum_etcd::{Request, Response};

impl ApiError {
    pub(crate) fn to_store_error(&self) -> StoreError {
        match self {
            Self::ConnectionRefused { .. } => StoreError::Unreachable,
            Self::EtcdTimeout => StoreError::EtcdTimeout,
            Self::ApiServerTimeout => StoreError::ApiServerTimeout,
        }
    }
}

/// The Lease a call returns, from etcd's response.
pub(crate) fn lease_result(
    op: LeaseOp,
    lease: Option<Lease>,
    result: Result<Response, ApiError>,
) -> Result<Lease, StoreError> {
    let response = result.map_err(|e| e.to_store_error())?;
    match (op, response, lease) {
        (LeaseOp::Get, Response::Range(r), _) => r
            .kvs
            .first()
            .and_then(decode_lease)
            .ok_or(StoreError::NotFound),
        (LeaseOp::Create | LeaseOp::Update, Response::Txn(t), Some(mut lease)) if t.succeeded => {
            lease.resource_version = u64::try_from(t.revision).unwrap_or(0);
            Ok(lease)
        }
        (LeaseOp::Create, Response::Txn(_), _) => Err(StoreError::AlreadyExists),
        (LeaseOp::Update, Response::Txn(t), _) => {
            let exists = t.responses.iter().any(|r| match r {
                ResponseOp::Range(range) => !range.kvs.is_empty(),
                _ => false,
            });
            Err(if exists {
                StoreError::Conflict
            } else {
                StoreError::NotFound
            })
        }
        // etcd answered something else: the API server reports an internal error,
        // which the elector treats like any failed call.
        _ => Err(StoreError::EtcdTimeout),
    }
}

/// The store one elector uses.
pub(crate) struct ViaApiServer<'a> {
    pub cluster: &'a mut Cluster,
    pub which: Elected,
    pub cp: u8,
}

impl ViaApiServer<'_> {
    fn send(
        &mut self,
        kind: ReqKind,
        op: LeaseOp,
        lease: Option<Lease>,
        req: Request,
    ) -> Answer<Lease> {
        let waiter = Waiter::Lease {
            which: self.which,
            cp: self.cp,
            op,
            lease,
        };
        match self.cluster.send(Client::Local(self.cp), kind, req, waiter) {
            Sent::Now(error, latency) => {
                // The leader-election client's HTTP timeout is the renew deadline
                // (`createClients` in kube-scheduler and kube-controller-manager), so it
                // gives up on a hung API server long before the server's 60 s timeout.
                let latency = latency.min(self.cluster.config.renew_deadline_us);
                Answer::Ready(Reply::new(Err(error.to_store_error()), latency))
            }
            Sent::Pending(id) => Answer::Pending(id),
        }
    }
}

impl LeaseStore for ViaApiServer<'_> {
    fn get(&mut self, _now_us: u64, key: &LeaseKey) -> Answer<Lease> {
        self.send(
            ReqKind::Read,
            LeaseOp::Get,
            None,
            writes::get(lease_key(key)),
        )
    }

    fn create(&mut self, now_us: u64, lease: &Lease) -> Answer<Lease> {
        let mut lease = lease.clone();
        lease.creation_time_us = now_us;
        let req = writes::create(lease_key(&lease.key), lease_value(&lease));
        self.send(ReqKind::Write, LeaseOp::Create, Some(lease), req)
    }

    fn update(&mut self, _now_us: u64, lease: &Lease) -> Answer<Lease> {
        let req = writes::update(
            lease_key(&lease.key),
            lease_value(lease),
            lease.resource_version,
        );
        self.send(ReqKind::Write, LeaseOp::Update, Some(lease.clone()), req)
    }
}
