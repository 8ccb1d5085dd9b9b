//! Basic identifiers shared by every module.

/// A node (server) id. `0` is never a valid id (it means "none" in etcd); we use
/// `Option<NodeId>` instead of a sentinel, but still reject `0` in configurations.
pub type NodeId = u64;
/// A Raft term.
pub type Term = u64;
/// A log index. Index 0 is the empty prefix (term 0) every log starts from.
pub type Index = u64;
/// Virtual time in microseconds, always supplied by the caller.
pub type Micros = u64;
