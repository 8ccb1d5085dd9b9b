//! etcd's v3 MVCC key space.

mod chunklog;
mod hash;
mod lease;
mod snapshot;
mod store;
mod txn;
mod types;

pub use hash::KvHash;
pub use lease::splitmix64;
pub use lease::{MAX_LEASE_TTL, MIN_LEASE_TTL};
pub use snapshot::SnapshotStatus;
pub use store::MvccStore;
pub use types::*;
