//! client-go's Lease-based leader election (kube-controller-manager, kube-scheduler)
//! as deterministic, time-driven state machines.
//!
//! What client-go guarantees, and what this model reproduces: a crashed leader is
//! replaced no earlier than `leaseDurationSeconds` after the last renewal a standby
//! observed, and usually about `lease duration + up to two jittered retry periods`
//! after the crash; a leader that cannot renew stops leading `RenewDeadline` after its
//! renew poll began. Two candidates can act as leader at once for at most
//! [`run::max_dual_leadership_us`] (zero with the default flags and one clock rate);
//! there is no fencing beyond that timing argument.
//!
//! Stores: [`MemoryLeaseStore`] answers at once with a fixed latency (the timeline's
//! [`Election`], the tests); the cluster's store (`cluster::lease_store`) goes through
//! an API server into the simulated Raft etcd and answers when etcd commits the write
//! or serves the read ([`Answer::Pending`], then [`Elector::deliver`]).

pub mod config;
pub mod elector;
pub mod lease;
pub mod run;
pub mod store;

pub use config::{parse_duration_us, ConfigError, LeaderElectionConfig, SECOND_US};
pub use elector::{
    Elector, ElectorEvent, ElectorEventKind, ElectorView, LeaseOp, Phase, StopReason,
};
pub use lease::{Lease, LeaseKey, LeaseSpec};
pub use run::{
    longest_overlap_us, max_dual_leadership_us, Election, LeadershipInterval, TimelineEntry,
};
pub use store::{
    Answer, LeaseStore, LeaseTable, MemoryLeaseStore, Reply, StoreError, ETCD_REQUEST_TIMEOUT_US,
};

#[cfg(test)]
mod tests;
