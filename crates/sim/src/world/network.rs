//! Links between nodes: partitions into groups, one-way cuts, and the per-message fate
//! (latency, loss, duplication, reordering) drawn from the world's RNG.

use super::config::{NetConfig, PPM};
use litemap::LiteMap;
use quorum_raft::lite::LiteSet;
use quorum_raft::{Message, NodeId};
use rand_core::RngCore;
use serde::{Deserialize, Serialize};

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
