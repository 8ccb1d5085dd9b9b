//! The API objects the model stores in the simulated etcd: nodes, pods, deployments,
//! replica sets, config maps and leases, each under kube-apiserver's key
//! (`/registry/<resource>/<namespace>/<name>`, nodes under `/registry/minions/<name>`),
//! its value the object in a compact text form ([`super::codec`]; the real API server
//! stores protobuf).
//!
//! [`Objects`] is what the API servers' watch caches hold: every object decoded from
//! the freshest running member, with the store revision it was read at. A Lease's
//! `resourceVersion` is its key's `mod_revision`.

use crate::leader_election::{Lease, LeaseKey, LeaseTable};
use litemap::LiteMap;
use quorum_etcd::mvcc::{KeyRange, KeyValue, RangeRequest};
use quorum_etcd::EtcdState;
use serde::Serialize;

/// Namespace and name.
pub type ObjectKey = (String, String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NodeRole {
    ControlPlane,
    Worker,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeObj {
    pub name: String,
    pub role: NodeRole,
    pub created_us: u64,
    /// The kubelet's last status update that reached etcd.
    pub last_heartbeat_us: u64,
    /// The Ready condition, as last written (by the kubelet, or by the node lifecycle
    /// controller when heartbeats stop).
    pub ready: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PodPhase {
    Pending,
    Running,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pod {
    pub namespace: String,
    pub name: String,
    pub image: String,
    /// The owning ReplicaSet, if any.
    pub owner: Option<String>,
    /// Set by the scheduler's binding.
    pub node: Option<String>,
    pub phase: PodPhase,
    pub created_us: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deployment {
    pub namespace: String,
    pub name: String,
    pub image: String,
    pub replicas: u32,
    pub created_us: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReplicaSet {
    pub namespace: String,
    pub name: String,
    pub deployment: String,
    pub image: String,
    pub replicas: u32,
    pub created_us: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConfigMap {
    pub namespace: String,
    pub name: String,
    #[serde(with = "quorum_raft::lite::map_serde")]
    pub data: LiteMap<String, String>,
    pub created_us: u64,
}

#[derive(Clone, Debug, Default)]
pub struct Objects {
    revision: u64,
    pub nodes: LiteMap<String, NodeObj>,
    pub pods: LiteMap<ObjectKey, Pod>,
    pub deployments: LiteMap<ObjectKey, Deployment>,
    pub replicasets: LiteMap<ObjectKey, ReplicaSet>,
    pub configmaps: LiteMap<ObjectKey, ConfigMap>,
    pub leases: LeaseTable,
}

/// Where every object lives in etcd.
pub const REGISTRY_PREFIX: &str = "/registry/";

/// One object to write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Obj {
    Node(NodeObj),
    Pod(Pod),
    Deployment(Deployment),
    ReplicaSet(ReplicaSet),
    ConfigMap(ConfigMap),
}

impl Obj {
    /// Its etcd key.
    pub fn key(&self) -> String {
        match self {
            Self::Node(n) => node_key(&n.name),
            Self::Pod(p) => pod_key(&p.namespace, &p.name),
            Self::Deployment(d) => format!("/registry/deployments/{}/{}", d.namespace, d.name),
            Self::ReplicaSet(r) => format!("/registry/replicasets/{}/{}", r.namespace, r.name),
            Self::ConfigMap(c) => format!("/registry/configmaps/{}/{}", c.namespace, c.name),
        }
    }

    /// Its etcd value.
    pub fn value(&self) -> String {
        super::codec::encode(self)
    }
}

pub fn node_key(name: &str) -> String {
    format!("/registry/minions/{name}")
}

pub fn pod_key(namespace: &str, name: &str) -> String {
    format!("/registry/pods/{namespace}/{name}")
}

pub fn replicaset_key(namespace: &str, name: &str) -> String {
    format!("/registry/replicasets/{namespace}/{name}")
}

pub fn lease_key(key: &LeaseKey) -> String {
    format!("/registry/leases/{}/{}", key.namespace, key.name)
}

pub fn lease_value(lease: &Lease) -> String {
    super::codec::encode_lease(lease.creation_time_us, &lease.spec)
}

/// The Lease stored in `kv`, if it is one.
pub fn decode_lease(kv: &KeyValue) -> Option<Lease> {
    let rest = kv.key.strip_prefix("/registry/leases/")?;
    let (namespace, name) = rest.split_once('/')?;
    let (creation_time_us, spec) = super::codec::decode_lease(&kv.value)?;
    Some(Lease {
        key: LeaseKey::new(namespace, name),
        resource_version: u64::try_from(kv.mod_revision).unwrap_or(0),
        creation_time_us,
        spec,
    })
}

impl Objects {
    /// The store starts at revision 1, like etcd.
    pub fn new() -> Self {
        Self {
            revision: 1,
            ..Self::default()
        }
    }

    /// Every object under [`REGISTRY_PREFIX`] in `state`.
    pub fn decode(state: &EtcdState) -> Self {
        let req = RangeRequest {
            key: REGISTRY_PREFIX.to_string(),
            range: KeyRange::Prefix,
            ..Default::default()
        };
        let revision = u64::try_from(state.v3.revision()).unwrap_or(0);
        match state.v3.range(&req) {
            Ok(all) => Self::from_kvs(revision, &all.kvs),
            Err(_) => Self {
                revision,
                ..Self::default()
            },
        }
    }

    /// The objects among `kvs` (a range's answer) read at `revision`. Values that do
    /// not decode (nothing else writes under the prefix) are skipped.
    pub fn from_kvs(revision: u64, kvs: &[KeyValue]) -> Self {
        let mut objects = Self {
            revision,
            ..Self::default()
        };
        for kv in kvs {
            if let Some(lease) = decode_lease(kv) {
                objects.leases.insert(lease);
                continue;
            }
            match super::codec::decode(&kv.value) {
                Some(Obj::Node(n)) => {
                    objects.nodes.insert(n.name.clone(), n);
                }
                Some(Obj::Pod(p)) => {
                    objects.pods.insert(key(&p.namespace, &p.name), p);
                }
                Some(Obj::Deployment(d)) => {
                    objects.deployments.insert(key(&d.namespace, &d.name), d);
                }
                Some(Obj::ReplicaSet(r)) => {
                    objects.replicasets.insert(key(&r.namespace, &r.name), r);
                }
                Some(Obj::ConfigMap(c)) => {
                    objects.configmaps.insert(key(&c.namespace, &c.name), c);
                }
                None => {}
            }
        }
        objects
    }

    /// The etcd revision these objects were read at.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Pods owned by ReplicaSet `rs` in `namespace`.
    pub fn pods_of(&self, namespace: &str, rs: &str) -> Vec<&Pod> {
        self.pods
            .values()
            .filter(|p| p.namespace == namespace && p.owner.as_deref() == Some(rs))
            .collect()
    }
}

pub fn key(namespace: &str, name: &str) -> ObjectKey {
    (namespace.to_string(), name.to_string())
}
