//! Chaos runs: a seeded nemesis (crashes, restarts, partitions, one-way cuts, loss,
//! duplication, reordering, membership changes, leadership transfers, compaction) against a
//! cluster under client load; every invariant is monitored after every event and the client
//! history is checked for linearizability at the end.
//!
//! The last quarter of each run is calm (healed network, every node restarted at the same
//! instant) so that a cluster that cannot elect a leader is caught by the liveness monitor.

use crate::lincheck::{decide, Budget, Verdict};
use crate::world::config::{
    ClientConfig, NetConfig, RunDescription, SimConfig, TimedAction, UserAction,
};
use crate::world::monitor::{Property, Violation};
use crate::world::network::{chance, uniform};
use crate::world::World;
use quorum_raft::{Bug, Bugs, NodeId};
use rand_core::SeedableRng;
use rand_pcg::Pcg64;
use serde::Serialize;
use std::collections::BTreeSet;

/// What one chaos run is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChaosOptions {
    pub nodes: u64,
    pub duration_us: u64,
    pub bug: Option<Bug>,
    /// Work budget for the linearizability check of one run's history.
    pub lincheck_steps: u64,
}

impl Default for ChaosOptions {
    fn default() -> Self {
        ChaosOptions {
            nodes: 5,
            duration_us: 20_000_000,
            bug: None,
            lincheck_steps: 20_000_000,
        }
    }
}

/// The outcome of one seeded run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RunReport {
    pub seed: u64,
    pub events: u64,
    pub ops: usize,
    pub violations: Vec<Violation>,
    /// None when the checker ran out of budget.
    pub linearizable: Option<bool>,
    pub trace_hash: u64,
}

/// The simulated cluster chaos runs use; the seed also varies the Raft options (pre-vote,
/// check-quorum, batching, flow control) so every combination gets exercised.
pub fn chaos_config_for(seed: u64, opts: &ChaosOptions) -> SimConfig {
    let mut cfg = chaos_config(opts);
    let mut rng = Pcg64::seed_from_u64(seed ^ 0x434f_4e46_4947);
    cfg.raft.pre_vote = chance(&mut rng, 500_000);
    cfg.raft.check_quorum = chance(&mut rng, 600_000);
    if chance(&mut rng, 300_000) {
        // One entry per message, one message in flight: old-term entries travel alone.
        cfg.raft.max_entries_per_msg = 1;
        cfg.raft.max_inflight = 1;
    }
    cfg
}

/// The base configuration (see [`chaos_config_for`]).
pub fn chaos_config(opts: &ChaosOptions) -> SimConfig {
    let mut cfg = SimConfig {
        nodes: opts.nodes,
        net: NetConfig {
            latency_min_us: 1_000,
            latency_max_us: 10_000,
            ..NetConfig::default()
        },
        disk_write_us: 1_000,
        clients: ClientConfig {
            clients: 4,
            keys: 3,
            think_min_us: 5_000,
            think_max_us: 60_000,
            timeout_us: 800_000,
            retry_us: 15_000,
            read_ppm: 450_000,
            append_ppm: 0,
        },
        compact_every: 40,
        narrate: false,
        snapshot_every_events: 0,
        liveness_window_us: 3_000_000,
        ..SimConfig::default()
    };
    cfg.raft.max_inflight = 8;
    cfg.raft.max_entries_per_msg = 8;
    if let Some(b) = opts.bug {
        cfg.raft.bugs = Bugs::only(b);
    }
    cfg
}

/// The nemesis: a seeded schedule of faults for the first three quarters of the run, then
/// calm.
pub fn nemesis(seed: u64, opts: &ChaosOptions) -> Vec<TimedAction> {
    let mut rng = Pcg64::seed_from_u64(seed ^ 0x004e_454d_4553_4953);
    let mut n = Nemesis {
        members: (1..=opts.nodes).collect(),
        down: BTreeSet::new(),
        next_id: opts.nodes + 1,
        out: Vec::new(),
    };
    let calm_at = opts.duration_us / 4 * 3;
    let mut t = 500_000 + uniform(&mut rng, 0, 500_000);
    while t < calm_at {
        n.fault(&mut rng, t);
        t += uniform(&mut rng, 100_000, 1_200_000);
    }
    n.calm(calm_at);
    // Storms and churn schedule ahead; actions must be in time order (stable for ties).
    n.out.sort_by_key(|a| a.at_us);
    n.out
}

struct Nemesis {
    members: Vec<NodeId>,
    down: BTreeSet<NodeId>,
    next_id: NodeId,
    out: Vec<TimedAction>,
}

impl Nemesis {
    fn at(&mut self, at_us: u64, action: UserAction) {
        self.out.push(TimedAction { at_us, action });
    }

    fn pick(&self, rng: &mut Pcg64) -> NodeId {
        let i = uniform(rng, 0, self.members.len().saturating_sub(1) as u64) as usize;
        self.members.get(i).copied().unwrap_or(1)
    }

    fn fault(&mut self, rng: &mut Pcg64, t: u64) {
        let minority = (self.members.len().saturating_sub(1)) / 2;
        match uniform(rng, 0, 15) {
            0 | 1 if self.down.len() < minority => {
                let v = self.pick(rng);
                if self.down.insert(v) {
                    self.at(t, UserAction::StopNode { node: v });
                }
            }
            0..=2 => {
                if let Some(&v) = self.down.iter().next() {
                    self.down.remove(&v);
                    self.at(t, UserAction::RestartNode { node: v });
                }
            }
            3 => {
                let mut a = Vec::new();
                let mut b = Vec::new();
                for &m in &self.members {
                    if chance(rng, 500_000) {
                        a.push(m)
                    } else {
                        b.push(m)
                    }
                }
                self.at(t, UserAction::Partition { groups: vec![a, b] });
            }
            4 => {
                // Isolate one node (often the leader: the nemesis does not know who it is).
                let v = self.pick(rng);
                let rest = self.members.iter().copied().filter(|&m| m != v).collect();
                self.at(
                    t,
                    UserAction::Partition {
                        groups: vec![vec![v], rest],
                    },
                );
            }
            5 => {
                let (from, to) = (self.pick(rng), self.pick(rng));
                if from != to {
                    self.at(t, UserAction::CutLink { from, to });
                }
            }
            6 => self.at(t, UserAction::Heal),
            7 => {
                let net = NetConfig {
                    latency_min_us: uniform(rng, 500, 5_000),
                    latency_max_us: uniform(rng, 5_000, 40_000),
                    loss_ppm: uniform(rng, 0, 150_000) as u32,
                    duplicate_ppm: uniform(rng, 0, 80_000) as u32,
                    reorder_ppm: uniform(rng, 0, 150_000) as u32,
                    reorder_delay_us: uniform(rng, 10_000, 300_000),
                };
                self.at(t, UserAction::SetNetwork { net });
            }
            8 => {
                let to = self.pick(rng);
                self.at(t, UserAction::TransferLeadership { to });
            }
            9 => self.membership(rng, t),
            10 => {
                let v = self.pick(rng);
                self.at(t, UserAction::Compact { node: v });
            }
            11 => {
                let us = uniform(rng, 0, 5_000);
                self.at(t, UserAction::SetDiskLatency { us });
            }
            12 => self.leader_churn(rng, t),
            15 => self.isolation_flapping(rng, t),
            13 => {
                self.at(t, UserAction::IsolateLeader);
                self.restart_storm(rng, t);
            }
            _ => self.restart_storm(rng, t),
        }
    }

    /// Crash the leader and bring it back soon, several times (Figure 8 territory: entries of
    /// old terms left on minorities).
    fn leader_churn(&mut self, rng: &mut Pcg64, t: u64) {
        let mut at = t;
        for _ in 0..uniform(rng, 2, 6) {
            self.at(at, UserAction::StopLeader);
            at += uniform(rng, 50_000, 400_000);
            for m in self.members.clone() {
                if !self.down.contains(&m) {
                    self.at(at, UserAction::RestartNode { node: m });
                }
            }
            at += uniform(rng, 100_000, 500_000);
        }
    }

    /// Isolate whoever leads, again and again at short intervals: new leaders are cut off
    /// right after their election, with entries of their term that nobody else has, and
    /// earlier leaders rejoin the majority (the Figure 8 pattern).
    fn isolation_flapping(&mut self, rng: &mut Pcg64, t: u64) {
        let mut at = t;
        let end = t + uniform(rng, 500_000, 2_000_000);
        while at < end {
            self.at(at, UserAction::IsolateLeader);
            at += uniform(rng, 3_000, 40_000);
        }
        self.at(end, UserAction::Heal);
    }

    /// While an election is likely under way, bounce random nodes (crash and restart at
    /// once): a node must remember whom it voted for.
    fn restart_storm(&mut self, rng: &mut Pcg64, t: u64) {
        let start = t + uniform(rng, 100_000, 250_000);
        for k in 0..30u64 {
            let v = self.pick(rng);
            if self.down.contains(&v) {
                continue;
            }
            let at = start + k * uniform(rng, 3_000, 12_000);
            self.at(at, UserAction::StopNode { node: v });
            self.at(at + 1, UserAction::RestartNode { node: v });
        }
    }

    /// Adds a fresh node as a learner then promotes it, or removes a member (never below 3).
    fn membership(&mut self, rng: &mut Pcg64, t: u64) {
        if self.members.len() > 3 && chance(rng, 500_000) {
            let v = self.pick(rng);
            self.members.retain(|&m| m != v);
            self.down.remove(&v);
            self.at(t, UserAction::RemoveNode { node: v });
            // The removed server is shut down a little later, as an operator would.
            self.at(t + 400_000, UserAction::StopNode { node: v });
        } else if self.members.len() < 7 {
            let v = self.next_id;
            self.next_id += 1;
            self.at(t, UserAction::AddLearner { node: v });
            self.at(t + 300_000, UserAction::PromoteLearner { node: v });
            self.members.push(v);
        }
    }

    /// Heal everything, then crash and restart every member at the same instant.
    fn calm(&mut self, t: u64) {
        self.at(t, UserAction::Heal);
        // A uniform network: with identical timeouts nothing would break the symmetry of the
        // restart below, which is what randomized timeouts are for.
        self.at(
            t,
            UserAction::SetNetwork {
                net: NetConfig {
                    latency_min_us: 5_000,
                    latency_max_us: 5_000,
                    ..NetConfig::default()
                },
            },
        );
        self.at(t, UserAction::SetDiskLatency { us: 1_000 });
        let members = self.members.clone();
        for &m in &members {
            self.at(t + 1, UserAction::StopNode { node: m });
        }
        for &m in &members {
            self.at(t + 2, UserAction::RestartNode { node: m });
        }
        self.down.clear();
    }
}

/// The run description of one chaos seed (load it in the page to replay a violation).
pub fn description(seed: u64, opts: &ChaosOptions) -> RunDescription {
    RunDescription {
        config: chaos_config_for(seed, opts),
        seed,
        actions: nemesis(seed, opts),
    }
}

/// Runs one seed to completion and checks it.
pub fn run_one(seed: u64, opts: &ChaosOptions) -> RunReport {
    let run = description(seed, opts);
    let mut world: World = match World::new(run) {
        Ok(w) => w,
        Err(_) => {
            return RunReport {
                seed,
                events: 0,
                ops: 0,
                violations: Vec::new(),
                linearizable: None,
                trace_hash: 0,
            };
        }
    };
    world.advance_to(opts.duration_us);
    let history = world.history();
    let mut violations = world.violations().to_vec();
    let verdict = decide(&history, &mut Budget::steps(opts.lincheck_steps));
    let linearizable = match verdict {
        Verdict::Linearizable => Some(true),
        Verdict::NotLinearizable(_) => {
            violations.push(Violation {
                property: Property::Linearizability,
                nodes: Vec::new(),
                event: world.event_count(),
                time_us: world.now(),
                term: None,
                index: None,
            });
            Some(false)
        }
        Verdict::Unknown => None,
    };
    RunReport {
        seed,
        events: world.event_count(),
        ops: history.ops.len(),
        violations,
        linearizable,
        trace_hash: world.trace_hash(),
    }
}
