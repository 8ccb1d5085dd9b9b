//! quorum-sim: the deterministic world the playground shows.
//!
//! - [`lincheck`]: linearizability checking of client histories.
//! - [`world`]: Raft nodes on a simulated network and disk, clients, invariant monitors and
//!   time travel, all on virtual time.
//! - [`statemachine`]: the replicated application trait and the built-in KV store.
//! - [`chaos`]: seeded fault schedules and whole-run checks; [`election`]: the Raft paper's
//!   §9.3 election experiment; [`scenario`]: scripted situations such as the paper's Figure 8.

pub mod base64;
pub mod chaos;
pub mod election;
pub mod lincheck;
pub mod scenario;
pub mod statemachine;
pub mod units;
pub mod world;

pub use statemachine::{KvCommand, KvStore, StateMachine};
pub use world::config::{
    bench_description, ClientConfig, NetConfig, RunDescription, SimConfig, TimedAction, UserAction,
};
pub use world::monitor::{Property, Violation};
pub use world::views::{MessageView, NodeView};
pub use world::{Narration, SimError, World};
