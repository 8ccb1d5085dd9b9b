//! The API objects the model stores in "etcd": nodes, pods, deployments, replica sets,
//! config maps and leases. Every write takes the next cluster-wide revision.

use crate::leader_election::LeaseTable;
use serde::Serialize;
use std::collections::BTreeMap;

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
    pub data: BTreeMap<String, String>,
    pub created_us: u64,
}

#[derive(Clone, Debug, Default)]
pub struct Objects {
    revision: u64,
    pub nodes: BTreeMap<String, NodeObj>,
    pub pods: BTreeMap<ObjectKey, Pod>,
    pub deployments: BTreeMap<ObjectKey, Deployment>,
    pub replicasets: BTreeMap<ObjectKey, ReplicaSet>,
    pub configmaps: BTreeMap<ObjectKey, ConfigMap>,
    pub leases: LeaseTable,
}

impl Objects {
    /// The store starts at revision 1, like etcd.
    pub fn new() -> Self {
        Self {
            revision: 1,
            ..Self::default()
        }
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Take the next revision for a write.
    pub fn bump(&mut self) -> u64 {
        self.revision = self.revision.saturating_add(1);
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
