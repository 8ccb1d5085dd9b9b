//! Chaos runs are clean without bugs and catch every break-it switch.

use quorum_raft::Bug;
use quorum_sim::chaos::{run_one, ChaosOptions};

#[test]
fn clean_runs_have_no_violation_and_are_linearizable() {
    let opts = ChaosOptions {
        duration_us: 12_000_000,
        ..ChaosOptions::default()
    };
    for seed in 0..4 {
        let r = run_one(seed, &opts);
        assert!(r.violations.is_empty(), "seed {seed}: {:?}", r.violations);
        assert_eq!(r.linearizable, Some(true), "seed {seed}");
        assert!(r.ops > 50 && r.events > 1_000, "seed {seed}: {r:?}");
        assert_eq!(
            run_one(seed, &opts).trace_hash,
            r.trace_hash,
            "deterministic"
        );
    }
}

/// Scans seeds until one run shows a violation.
fn caught(bug: Bug, max_seeds: u64) -> Option<u64> {
    let opts = ChaosOptions {
        bug: Some(bug),
        ..ChaosOptions::default()
    };
    (0..max_seeds).find(|&s| !run_one(s, &opts).violations.is_empty())
}

#[test]
fn break_it_switches_are_caught() {
    for bug in [
        Bug::VoteWithoutLogCheck,
        Bug::StaleLocalReads,
        Bug::NoTimeoutRandomization,
    ] {
        assert!(caught(bug, 120).is_some(), "{} not caught", bug.name());
    }
}
