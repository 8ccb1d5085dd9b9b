//! The `coordination.k8s.io/v1` Lease object used as the lock.

use serde::Serialize;

/// Where a Lease lives: `kube-system/kube-controller-manager`, `kube-system/kube-scheduler`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LeaseKey {
    pub namespace: String,
    pub name: String,
}

impl LeaseKey {
    pub fn new(namespace: &str, name: &str) -> Self {
        Self {
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }

    /// `kube-system/kube-controller-manager`.
    pub fn controller_manager() -> Self {
        Self::new("kube-system", "kube-controller-manager")
    }

    /// `kube-system/kube-scheduler`.
    pub fn scheduler() -> Self {
        Self::new("kube-system", "kube-scheduler")
    }
}

/// The Lease spec: client-go's `LeaderElectionRecord` as stored in a Lease. Times are
/// the simulation's µs clock (`MicroTime` has µs precision too). An empty holder means
/// nobody holds the lease.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LeaseSpec {
    pub holder_identity: String,
    pub lease_duration_seconds: u32,
    pub acquire_time_us: u64,
    pub renew_time_us: u64,
    pub lease_transitions: u32,
}

/// A stored Lease. `resource_version` is the etcd revision of its last write, and an
/// update must present the version it read (optimistic concurrency).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lease {
    pub key: LeaseKey,
    pub resource_version: u64,
    /// When the object was first created (for `kubectl get lease`'s AGE).
    pub creation_time_us: u64,
    pub spec: LeaseSpec,
}
