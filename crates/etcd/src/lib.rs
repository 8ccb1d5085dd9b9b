//! quorum-etcd: etcd's MVCC store as a deterministic replicated state machine, the v2 key
//! space of etcd 3.3, and a terminal engine (a small shell with `etcdctl`) that prints what
//! the real tools print.
//!
//! The store knows nothing about Raft: a Raft log entry carries `Request::encode()` bytes (`codec.rs`),
//! and every member applies it with `EtcdState::apply`. The terminal talks to the cluster
//! through the `EtcdBackend` trait, so the simulator plugs in without this crate knowing it.

mod codec;
pub mod mvcc;
pub mod request;
mod sorted;
pub mod state;
pub mod v2;

pub use mvcc::MvccStore;
pub use request::{Request, Response};
pub use state::EtcdState;
pub use v2::V2Store;

pub mod backend;
pub mod local;
pub mod sim_backend;

pub use backend::{BackendError, EtcdBackend, MemberId, MemberInfo, MemberStatus, WatchCancel};
pub use local::LocalBackend;
pub use sim_backend::{SharedWorld, SimBackend};

mod etcdctl;
pub mod shell;

pub use shell::{Line, Output, Scenario, Shell, Stream};
