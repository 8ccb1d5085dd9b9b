//! quorum-k8s: the highly available Kubernetes control-plane model.
//!
//! Its etcd is the simulator's: a `quorum_sim::World<quorum_etcd::EtcdState>` of real
//! Raft members with etcd's timers ([`cluster::etcd`]). Every API object, the Leases
//! included, is a key under `/registry/` written through an API server and committed
//! by Raft ([`cluster::objects`]).
//!
//! Times are µs of simulated time everywhere. Nothing reads a wall clock or a global
//! RNG: the same seed and inputs give the same run natively and in wasm.
//!
//! # For the page
//! - Quorum explorer: [`quorum::size_table`], [`quorum::analyze`] on a
//!   [`quorum::Scenario`] (size, failed members, split groups) → [`quorum::Analysis`]
//!   (per-group verdicts and an [`quorum::Outcome`] with a structured reason), and
//!   [`quorum::lessons`] (4 is no safer than 3; 3/3 has no majority, 4/3 does).
//! - Leader-election timeline: [`leader_election::Election`] over a
//!   [`leader_election::MemoryLeaseStore`]: `add_candidate`, `run_until`, `crash`,
//!   `views()` (each candidate's [`leader_election::ElectorView`]: observed holder,
//!   lease expiry, renew deadline, next retry), `timeline()`,
//!   `leadership_intervals()`; [`leader_election::LeaderElectionConfig::validate`]
//!   gives client-go's error for bad flags; [`experiment::run`] measures failovers
//!   of a stacked cluster whose Lease lives in the simulated etcd.
//! - Topology view: [`cluster::Cluster::new`] / [`cluster::Cluster::started`] from a
//!   [`topology::TopologySpec`]; `apply` / `restore` a [`cluster::Failure`];
//!   `advance` / `run_until`; `view()` ([`cluster::ClusterView`]: hosts, components,
//!   each etcd member's Raft role, the etcd leader and term, leaders, leases);
//!   `traces()` (requests client → LB → API server → etcd member/leader, recorded
//!   when etcd settled them) and `events()` for animation; `what_works()` (computed
//!   [`cluster::Capability`] list, each probe run on a copy of the cluster and its
//!   Raft world); `etcd()` for the members themselves; [`cluster::side_by_side`] for
//!   the comparison.
//! - Terminal: `Cluster::kubectl` / `Cluster::kubectl_line` → [`kubectl::KubectlOutput`]
//!   (lines tagged stdout/stderr, exit status, time taken); `Cluster::read_file` for
//!   `cat /etc/systemd/system/kube-apiserver.service`.

pub mod cluster;
pub mod experiment;
pub mod kubectl;
pub mod leader_election;
pub mod quorum;
pub mod topology;
