//! Chaos runs are clean without bugs and catch every break-it switch.

use quorum_raft::Bug;
use quorum_sim::chaos::{description, run_one, ChaosOptions};
use quorum_sim::World;

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

/// Seed 9090 on three servers shrinks the cluster to the single voter S3, whose leader counts
/// its own copy of an entry (and so commits it) when it appends, before its disk write ends,
/// as etcd's Raft does. Nothing outside S3 sees that commit before the write ends, so the
/// monitors must not take the entry as committed (and missing from a majority's disks) yet.
#[test]
fn a_single_voter_committing_before_its_write_ends_is_no_violation() {
    let opts = ChaosOptions {
        nodes: 3,
        duration_us: 30_000_000,
        ..ChaosOptions::default()
    };
    let r = run_one(9090, &opts);
    assert!(r.violations.is_empty(), "{:?}", r.violations);
    assert_eq!(r.linearizable, Some(true));
}

/// Scans seeds until one run shows a violation.
/// Seed 1103 on three servers: S3, cut off as leader of term 18 with the configuration
/// {S1, S2, S3}, is still the only leader when S2 (leader of term 20) steps down, after
/// {S2, S4} of {S2, S3, S4} committed S1's removal at index 357. S3's quorums say nothing
/// about an entry of a later term than its own; the quorum monitor must judge that entry by
/// a leader at least as recent, not by the deposed one.
#[test]
fn a_deposed_leaders_old_configuration_is_no_violation() {
    let opts = ChaosOptions {
        nodes: 3,
        duration_us: 30_000_000,
        ..ChaosOptions::default()
    };
    let r = run_one(1103, &opts);
    assert!(r.violations.is_empty(), "{:?}", r.violations);
    assert_eq!(r.linearizable, Some(true));
}

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
        Bug::ForgetVoteOnRestart,
    ] {
        assert!(caught(bug, 120).is_some(), "{} not caught", bug.name());
    }
}

/// Figure 8 needs a rare interleaving: about one seed in a thousand or two reaches it. Seed
/// 2296 is one (found by `quorum chaos --seeds 5000 --bug commit_old_term`; it was 582 until
/// the leader freed a full in-flight window on heartbeat answers, then 211 until the leader
/// sent a lagging follower the commit index at once, as etcd's `sentCommit` does); if the
/// Raft core's behaviour changes, re-run that command to find another.
#[test]
fn commit_old_term_is_caught_on_a_known_seed() {
    let bug = ChaosOptions {
        bug: Some(Bug::CommitOldTerm),
        ..ChaosOptions::default()
    };
    let r = run_one(2296, &bug);
    assert!(
        !r.violations.is_empty(),
        "seed 2296 no longer shows the Figure 8 loss"
    );
    assert!(run_one(2296, &ChaosOptions::default())
        .violations
        .is_empty());
}

/// A violation names its event: replaying the description to that event shows it.
#[test]
fn a_violation_can_be_replayed_to_its_event() {
    let opts = ChaosOptions {
        bug: Some(Bug::VoteWithoutLogCheck),
        ..ChaosOptions::default()
    };
    let seed = caught(Bug::VoteWithoutLogCheck, 120).expect("caught");
    let v = run_one(seed, &opts).violations[0].clone();
    let mut w: World = World::new(description(seed, &opts)).expect("world");
    w.seek_event(v.event - 1);
    assert!(w.violations().is_empty(), "nothing before the event");
    w.step();
    assert_eq!(w.event_count(), v.event);
    assert_eq!(w.violations().first().map(|x| x.property), Some(v.property));
}
