//! Links between nodes: partitions into groups, one-way cuts, and the per-message fate
//! (latency, loss, duplication, reordering) drawn from the world's RNG.

use super::config::{NetConfig, PPM};
use litemap::LiteMap;
use quorum_raft::lite::LiteSet;
use quorum_raft::{Message, NodeId};
use rand_core::RngCore;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Which links are up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    /// Group of each node while partitioned (empty: no partition). Unlisted nodes are alone.
    #[serde(with = "quorum_raft::lite::map_serde")]
    pub groups: LiteMap<NodeId, u32>,
    pub partitioned: bool,
    /// One-way cuts (from, to).
    pub cuts: LiteSet<(NodeId, NodeId)>,
}

impl Links {
    pub fn can_send(&self, from: NodeId, to: NodeId) -> bool {
        if self.cuts.contains(&(from, to)) {
            return false;
        }
        if !self.partitioned {
            return true;
        }
        match (self.groups.get(&from), self.groups.get(&to)) {
            (Some(a), Some(b)) => a == b,
            _ => from == to,
        }
    }

    pub fn partition(&mut self, groups: &[Vec<NodeId>]) {
        self.groups.clear();
        for (g, members) in groups.iter().enumerate() {
            for &n in members {
                self.groups.insert(n, g as u32);
            }
        }
        self.partitioned = true;
    }

    pub fn heal(&mut self) {
        self.groups.clear();
        self.partitioned = false;
        self.cuts.clear();
    }

    pub fn is_healthy(&self) -> bool {
        !self.partitioned && self.cuts.is_empty()
    }
}

/// A message on its way, as the page draws it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InFlight {
    pub id: u64,
    pub msg: Message,
    pub sent_us: u64,
    pub deliver_us: u64,
    /// It will not arrive (lost, cut link, or dropped by the user).
    pub dropped: bool,
    /// This is the extra copy of a duplicated message.
    pub duplicate: bool,
}

/// The messages in flight, in the order they were sent (their ids only grow). A deque,
/// since they mostly arrive in the order they left, so a delivery removes near the front;
/// a `BTreeMap` did the same and cost the page ≈8 KB of wasm.
#[derive(Clone, Debug, Default)]
pub struct Flight(VecDeque<InFlight>);

impl Flight {
    fn position(&self, id: u64) -> Result<usize, usize> {
        self.0.binary_search_by_key(&id, |f| f.id)
    }

    /// Adds a message (at the back: ids are handed out in order).
    pub fn insert(&mut self, message: InFlight) {
        match self.position(message.id) {
            Ok(at) => self.0[at] = message,
            Err(at) => self.0.insert(at, message),
        }
    }

    pub fn get(&self, id: u64) -> Option<&InFlight> {
        self.position(id).ok().and_then(|at| self.0.get(at))
    }

    pub fn get_mut(&mut self, id: u64) -> Option<&mut InFlight> {
        self.position(id).ok().and_then(|at| self.0.get_mut(at))
    }

    pub fn remove(&mut self, id: u64) -> Option<InFlight> {
        self.position(id).ok().and_then(|at| self.0.remove(at))
    }

    /// Oldest first.
    pub fn values(&self) -> impl Iterator<Item = &InFlight> {
        self.0.iter()
    }
}

/// Uniform integer in [lo, hi].
pub fn uniform(rng: &mut impl RngCore, lo: u64, hi: u64) -> u64 {
    if hi <= lo {
        return lo;
    }
    let span = hi - lo;
    if span == u64::MAX {
        return rng.next_u64();
    }
    lo + rng.next_u64() % (span + 1)
}

/// True with probability `ppm` / 1e6.
pub fn chance(rng: &mut impl RngCore, ppm: u32) -> bool {
    ppm > 0 && (rng.next_u32() % PPM) < ppm
}

/// One copy's fate: (delay, lost).
pub fn fate(rng: &mut impl RngCore, net: &NetConfig) -> (u64, bool) {
    let mut delay = uniform(
        rng,
        net.latency_min_us,
        net.latency_max_us.max(net.latency_min_us),
    );
    if chance(rng, net.reorder_ppm) {
        delay = delay.saturating_add(uniform(rng, 0, net.reorder_delay_us));
    }
    let lost = chance(rng, net.loss_ppm);
    (delay.max(1), lost)
}

#[cfg(test)]
mod flight_tests {
    use super::*;

    fn message(id: u64) -> InFlight {
        InFlight {
            id,
            msg: Message {
                from: 1,
                to: 2,
                term: 1,
                body: quorum_raft::MessageBody::TimeoutNow,
            },
            sent_us: 0,
            deliver_us: 0,
            dropped: false,
            duplicate: false,
        }
    }

    #[test]
    fn flight_keeps_id_order_and_finds_by_id() {
        let mut flight = Flight::default();
        for id in [1, 2, 5, 3] {
            flight.insert(message(id));
        }
        let ids = |f: &Flight| f.values().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(ids(&flight), vec![1, 2, 3, 5]);
        assert!(flight.get(4).is_none());
        flight.get_mut(3).expect("in flight").dropped = true;
        assert!(flight.get(3).expect("in flight").dropped);
        assert_eq!(flight.remove(2).map(|m| m.id), Some(2));
        assert!(flight.remove(2).is_none());
        assert_eq!(ids(&flight), vec![1, 3, 5]);
    }
}
