//! quorum-k8s: the highly available Kubernetes control-plane model.
//!
//! - [`quorum`]: the quorum explorer's arithmetic (majority, failures tolerated, splits).
//! - [`leader_election`]: client-go's Lease-based leader election as a time-driven
//!   state machine per candidate.
//! - [`topology`] and [`cluster`]: stacked / external etcd control planes, failures, a
//!   discrete-event model that computes what still works, and a `kubectl` emulation.
//! - [`experiment`]: the headless failover experiment behind
//!   `quorum experiment leader-election`.

pub mod cluster;
pub mod experiment;
pub mod kubectl;
pub mod leader_election;
pub mod quorum;
pub mod topology;
