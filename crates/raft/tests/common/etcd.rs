//! What the tests ported from etcd-io/raft share: one µs of our time stands for one etcd
//! tick (election timeout 10 ticks, randomized up to 19; heartbeat every tick), and
//! messages built by hand as etcd's tests build them.

use quorum_raft::*;

/// etcd's test election timeout, in ticks (µs here).
pub const ET: Micros = 10;

/// etcd's `newTestConfig`: election timeout 10–19 ticks, heartbeat 1 tick, no pre-vote or
/// check-quorum unless a test turns them on.
pub fn cfg() -> Config {
    Config {
        election_timeout_min_us: ET,
        election_timeout_max_us: 2 * ET - 1,
        heartbeat_interval_us: 1,
        pre_vote: false,
        check_quorum: false,
        ..Config::default()
    }
}

/// A message as etcd's tests write one (`pb.Message{From, To, Term, ...}`).
pub fn msg(from: NodeId, to: NodeId, term: Term, body: MessageBody) -> Message {
    Message {
        from,
        to,
        term,
        body,
    }
}
