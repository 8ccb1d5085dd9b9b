//! quorum-raft: Raft as a pure, deterministic state machine that explains itself.
//!
//! A [`Node`] has no clock, no I/O and no global randomness. Drive it with
//! [`Node::tick`] (at [`Node::next_deadline`]), [`Node::step`] (incoming
//! messages) and the client inputs ([`Node::propose`], [`Node::read_index`],
//! [`Node::propose_conf_change`], [`Node::transfer_leadership`]); then call
//! [`Node::take_ready`] and persist, send and apply what it returns, in that
//! order. Every decision is also reported as a structured [`Explain`].

mod bugs;
mod confchange;
mod config;
mod election;
mod entry;
mod explain;
pub mod lite;
mod log;
mod membership;
mod messages;
mod node;
mod progress;
pub mod quorum;
mod read_only;
mod ready;
pub mod record;
mod replication;
mod snapshot;
mod step;
mod storage;
mod timers;
mod transfer;
mod types;
mod view;

pub use bugs::{Bug, Bugs};
pub use confchange::{ConfChange, ConfChangeError, ConfChangeStep, Membership};
pub use config::{Config, ConfigError, ReadMode};
pub use entry::{Entry, EntryKind};
pub use explain::{
    AppendRejectReason, CampaignKind, Explain, IgnoreReason, ProposeError, ReadFailReason, ReadHow,
    StepDownReason, TransferAbortReason, VoteRejectReason,
};
pub use messages::{Message, MessageBody, MessageKind};
pub use node::{CompactError, Node, Role, Transfer, TransferError};
pub use progress::ProgressState;
pub use ready::{ReadFailure, ReadState, Ready};
pub use storage::{HardState, PersistedState, Snapshot, SnapshotData, SnapshotMeta};
pub use types::{Index, Micros, NodeId, Term};
pub use view::{NodeStatus, ProgressView};
