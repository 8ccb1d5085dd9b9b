//! etcd's v3 MVCC key space.

mod lease;
mod store;
mod txn;
mod types;

pub use lease::splitmix64;
pub use lease::{MAX_LEASE_TTL, MIN_LEASE_TTL};
pub use store::MvccStore;
pub use types::*;
