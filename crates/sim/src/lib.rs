//! quorum-sim: the deterministic world the playground shows.
//!
//! - [`lincheck`]: linearizability checking of client histories.

pub mod lincheck;
