//! The failover experiment behind `quorum experiment leader-election`: in a stacked
//! control plane (one kube-controller-manager and one etcd member per node, the Lease
//! stored in the simulated Raft etcd), crash the active kube-controller-manager at a
//! random instant and measure how long until a standby holds the Lease.

use crate::cluster::{Cluster, ComponentKind, Elected, Failure};
use crate::leader_election::{ConfigError, LeaderElectionConfig, SECOND_US};
use crate::topology::{TopologySpec, MAX_CONTROL_PLANES};
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64;
use serde::Serialize;

/// Limits that keep a run bounded (one candidate per control-plane node).
pub const MAX_CANDIDATES: usize = MAX_CONTROL_PLANES as usize;
pub const MAX_TRIALS: u32 = 100_000;

/// What to run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ExperimentParams {
    pub config: LeaderElectionConfig,
    /// kube-controller-manager instances (one per control-plane node).
    pub candidates: usize,
    pub trials: u32,
    pub seed: u64,
}

impl Default for ExperimentParams {
    fn default() -> Self {
        Self {
            config: LeaderElectionConfig::default(),
            candidates: 3,
            trials: 200,
            seed: 1,
        }
    }
}

/// Why the experiment cannot run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ExperimentError {
    /// The flags break client-go's rule.
    InvalidConfig(ConfigError),
    /// Fewer than 2 or more than [`MAX_CANDIDATES`] candidates.
    CandidatesOutOfRange { candidates: usize },
    /// Zero or more than [`MAX_TRIALS`] trials.
    TrialsOutOfRange { trials: u32 },
}

/// One point of the empirical distribution: a fraction `p` of trials failed over
/// within `s` seconds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CdfPoint {
    pub p: f64,
    pub s: f64,
}

/// The measured failover times, in seconds from the crash until a standby's
/// acquiring write succeeded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExperimentResult {
    pub trials: u32,
    pub mean_s: f64,
    pub min_s: f64,
    pub max_s: f64,
    /// The empirical CDF at p = 0, 0.05, …, 1 (nearest-rank quantiles).
    pub cdf: Vec<CdfPoint>,
    /// What client-go's semantics imply: never before `lease − retry` after the crash
    /// (the last renewal is at most one retry period old, plus its etcd round trip), and
    /// at worst about `lease + 2 × retry × 2.2` (a stale observation plus a full
    /// jittered pause).
    pub expected_min_s: f64,
    pub expected_max_s: f64,
    pub lease_duration_s: f64,
    pub renew_deadline_s: f64,
    pub retry_period_s: f64,
    pub candidates: usize,
    pub seed: u64,
    /// Trials in which no standby took over within the horizon (should be 0).
    pub no_failover: u32,
}

/// Run the experiment. Deterministic for a given `params`.
pub fn run(params: &ExperimentParams) -> Result<ExperimentResult, ExperimentError> {
    params
        .config
        .validate()
        .map_err(ExperimentError::InvalidConfig)?;
    if !(2..=MAX_CANDIDATES).contains(&params.candidates) {
        return Err(ExperimentError::CandidatesOutOfRange {
            candidates: params.candidates,
        });
    }
    if params.trials == 0 || params.trials > MAX_TRIALS {
        return Err(ExperimentError::TrialsOutOfRange {
            trials: params.trials,
        });
    }
    let mut rng = Pcg64::seed_from_u64(params.seed);
    let mut samples = Vec::with_capacity(params.trials as usize);
    let mut no_failover = 0;
    for _ in 0..params.trials {
        match trial(params, rng.next_u64()) {
            Some(us) => samples.push(us),
            None => no_failover += 1,
        }
    }
    Ok(summarise(params, samples, no_failover))
}

/// One trial: a stacked cluster of `candidates` control-plane nodes (no workers)
/// starts; the active controller-manager is crashed at a uniformly random instant in
/// [lease + 10 s, lease + 40 s) after bootstrap, and the first standby to start leading
/// (its acquiring write committed by etcd) ends the measurement.
pub fn trial(params: &ExperimentParams, seed: u64) -> Option<u64> {
    let mut rng = Pcg64::seed_from_u64(seed);
    let config = params.config;
    let candidates = u8::try_from(params.candidates).ok()?;
    let mut cluster =
        Cluster::new(TopologySpec::stacked(candidates, 0), config, rng.next_u64()).ok()?;
    let crash_at = cluster.now_us()
        + config.lease_duration_us
        + 10 * SECOND_US
        + rng.next_u64() % (30 * SECOND_US);
    cluster.run_until(crash_at);
    let leader = cluster.acting_leader(Elected::ControllerManager)?;
    cluster
        .apply(Failure::StopComponent {
            cp: leader,
            component: ComponentKind::ControllerManager,
        })
        .ok()?;
    let horizon = crash_at
        .saturating_add(config.lease_duration_us)
        .saturating_add(10 * config.max_retry_wait_us());
    let new_leader = |c: &Cluster| {
        c.acting_leader(Elected::ControllerManager)
            .is_some_and(|l| l != leader)
    };
    cluster
        .run_while(horizon, new_leader)
        .then(|| cluster.now_us().saturating_sub(crash_at))
}

fn summarise(
    params: &ExperimentParams,
    mut samples: Vec<u64>,
    no_failover: u32,
) -> ExperimentResult {
    samples.sort_unstable();
    let to_s = |us: u64| us as f64 / SECOND_US as f64;
    let n = samples.len();
    let mean_s = if n == 0 {
        0.0
    } else {
        samples.iter().map(|&us| to_s(us)).sum::<f64>() / n as f64
    };
    let cdf = (0..=20)
        .filter(|_| n > 0)
        .map(|k| {
            let p = f64::from(k) / 20.0;
            let rank = ((p * n as f64).ceil() as usize).clamp(1, n);
            CdfPoint {
                p,
                s: to_s(samples[rank - 1]),
            }
        })
        .collect();
    let c = &params.config;
    let lease_s = f64::from(c.lease_duration_seconds());
    ExperimentResult {
        trials: params.trials,
        mean_s,
        min_s: samples.first().map_or(0.0, |&us| to_s(us)),
        max_s: samples.last().map_or(0.0, |&us| to_s(us)),
        cdf,
        expected_min_s: lease_s - to_s(c.retry_period_us),
        expected_max_s: lease_s + 2.0 * to_s(c.max_retry_wait_us()),
        lease_duration_s: to_s(c.lease_duration_us),
        renew_deadline_s: to_s(c.renew_deadline_us),
        retry_period_s: to_s(c.retry_period_us),
        candidates: params.candidates,
        seed: params.seed,
        no_failover,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_failover_falls_in_the_client_go_range() {
        let r = run(&ExperimentParams {
            trials: 40,
            ..ExperimentParams::default()
        })
        .unwrap();
        assert_eq!(r.no_failover, 0);
        assert_eq!(r.trials, 40);
        // lease − retry ≤ failover ≤ lease + 2 × 4.4 s (plus etcd round trips).
        assert!(r.min_s >= 15.0 - 2.0 - 0.1, "{r:?}");
        assert!(r.max_s <= 15.0 + 2.0 * 4.4 + 0.1, "{r:?}");
        // "About 15 s": the bulk lies a little above the lease duration.
        assert!(r.mean_s > 14.0 && r.mean_s < 20.0, "{r:?}");
        assert_eq!(r.cdf.len(), 21);
        assert!(r.cdf.windows(2).all(|w| w[0].s <= w[1].s));
        assert_eq!(r.cdf[20].s, r.max_s);
    }

    #[test]
    fn shorter_leases_fail_over_faster_and_runs_are_deterministic() {
        let fast = ExperimentParams {
            config: LeaderElectionConfig {
                lease_duration_us: 4 * SECOND_US,
                renew_deadline_us: 3 * SECOND_US,
                retry_period_us: SECOND_US,
                release_on_cancel: false,
            },
            trials: 20,
            ..ExperimentParams::default()
        };
        let a = run(&fast).unwrap();
        assert_eq!(a.no_failover, 0);
        assert!(a.min_s >= 4.0 - 1.0 - 0.1, "{a:?}");
        assert!(a.max_s <= 4.0 + 2.0 * 2.2 + 0.1, "{a:?}");
        assert_eq!(a, run(&fast).unwrap());
        let other_seed = run(&ExperimentParams { seed: 2, ..fast }).unwrap();
        assert_ne!(a.cdf, other_seed.cdf);
    }

    #[test]
    fn bad_parameters_are_errors() {
        let bad = ExperimentParams {
            config: LeaderElectionConfig {
                retry_period_us: 9 * SECOND_US,
                ..LeaderElectionConfig::default()
            },
            ..ExperimentParams::default()
        };
        assert_eq!(
            run(&bad),
            Err(ExperimentError::InvalidConfig(
                ConfigError::RenewDeadlineNotGreaterThanRetryPeriodTimesJitter
            ))
        );
        let one = ExperimentParams {
            candidates: 1,
            ..ExperimentParams::default()
        };
        assert!(matches!(
            run(&one),
            Err(ExperimentError::CandidatesOutOfRange { .. })
        ));
        let zero = ExperimentParams {
            trials: 0,
            ..ExperimentParams::default()
        };
        assert!(matches!(
            run(&zero),
            Err(ExperimentError::TrialsOutOfRange { .. })
        ));
    }
}
