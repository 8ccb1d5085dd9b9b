//! The paper's Figure 8, scripted with user actions (`quorum_sim::scenario`): every stage is
//! reached for many seeds and two timing profiles, the correct commit rule keeps index 3
//! uncommitted in (c), the `commit_old_term` switch loses a committed entry in (d), and the
//! run replays from its description.

use quorum_sim::scenario::{figure8, Figure8Stage};
use quorum_sim::{KvStore, Property, RunDescription, SimConfig, World};

/// The lab's slowed-down timings (the page's Raft lab uses these).
fn lab() -> SimConfig {
    let mut c = SimConfig::default();
    c.net.latency_min_us = 20_000;
    c.net.latency_max_us = 40_000;
    c.raft.heartbeat_interval_us = 100_000;
    c.raft.election_timeout_min_us = 600_000;
    c.raft.election_timeout_max_us = 1_200_000;
    c
}

fn profiles() -> Vec<SimConfig> {
    vec![lab(), SimConfig::default()]
}

fn with_bug(mut c: SimConfig) -> SimConfig {
    c.raft.bugs.commit_old_term = true;
    c
}

fn run(config: &SimConfig, seed: u64, stage: Figure8Stage) -> World<KvStore> {
    figure8(config, seed, stage).unwrap_or_else(|e| panic!("seed {seed} stage {stage:?}: {e:?}"))
}

/// The term of index 3 on each of the five servers (from disk when stopped).
fn column3(w: &World<KvStore>) -> Vec<Option<u64>> {
    (1..=5)
        .map(|n| match w.node(n) {
            Some(node) => node.term_at(3),
            None => w
                .disk(n)
                .and_then(|d| d.entries.iter().find(|e| e.index == 3))
                .map(|e| e.term),
        })
        .collect()
}

fn term(w: &World<KvStore>, n: u64) -> u64 {
    w.node(n).map_or(0, |x| x.term())
}

#[test]
fn every_stage_matches_the_paper_for_many_seeds() {
    let mut paper_terms = 0;
    for config in profiles() {
        for seed in 0..25 {
            let a = run(&config, seed, Figure8Stage::A);
            assert_eq!(a.leader(), Some(1));
            let ta = term(&a, 1);
            assert_eq!(column3(&a), vec![Some(ta), Some(ta), None, None, None]);

            let b = run(&config, seed, Figure8Stage::B);
            assert_eq!(b.leader(), Some(5));
            let tb = term(&b, 5);
            assert!(tb > ta);
            assert_eq!(column3(&b), vec![Some(ta), Some(ta), None, None, Some(tb)]);

            let c = run(&config, seed, Figure8Stage::C);
            assert_eq!(c.leader(), Some(1));
            let tc = term(&c, 1);
            assert!(tc > tb);
            assert_eq!(
                column3(&c),
                vec![Some(ta), Some(ta), Some(ta), Some(ta), Some(tb)]
            );
            assert!(
                c.node(1).is_some_and(|n| n.commit() < 3),
                "seed {seed}: on a majority, but from an old term: not committed by counting"
            );
            for n in 2..=4 {
                assert_eq!(
                    c.node(n).and_then(|x| x.term_at(4)),
                    None,
                    "no-op kept local"
                );
            }

            let d = run(&config, seed, Figure8Stage::D);
            assert_eq!(d.leader(), Some(5));
            let td = term(&d, 5);
            assert!(td > tc);
            assert_eq!(column3(&d)[1..], [Some(tb), Some(tb), Some(tb), Some(tb)]);
            assert!(
                d.violations().is_empty(),
                "seed {seed}: nothing committed was lost: {:?}",
                d.violations()
            );
            if (ta, tb, tc, td) == (2, 3, 4, 5) {
                paper_terms += 1;
            }
        }
    }
    assert!(
        paper_terms >= 25,
        "most seeds give the paper's terms: {paper_terms} of 50"
    );
}

/// The lesson `raft-figure8` uses seed 1 on the lab's timings and quotes the paper's terms.
#[test]
fn the_lesson_seed_gives_the_papers_terms() {
    let d = run(&lab(), 1, Figure8Stage::D);
    let c = run(&lab(), 1, Figure8Stage::C);
    assert_eq!((term(&c, 1), term(&d, 5)), (4, 5));
}

#[test]
fn left_alone_after_c_the_leader_commits_index_3_with_its_own_entry() {
    for seed in 0..10 {
        let mut c = run(&lab(), seed, Figure8Stage::C);
        let later = c.now() + 2_000_000;
        c.advance_to(later);
        let s1 = c.node(1).expect("S1 runs");
        assert!(s1.is_leader());
        assert!(
            s1.commit() >= 4,
            "seed {seed}: (e) commits 3 and 4 together"
        );
        assert_eq!(s1.term_at(3), Some(2));
        assert!(c.violations().is_empty());
    }
}

#[test]
fn with_commit_old_term_a_committed_entry_is_overwritten() {
    for config in profiles() {
        for seed in 0..25 {
            let c = run(&with_bug(config.clone()), seed, Figure8Stage::C);
            let s1 = c.node(1).expect("S1 runs");
            assert!(
                s1.commit() >= 3,
                "seed {seed}: the bug counts the old entry"
            );
            assert!(s1.applied() >= 3, "seed {seed}: and applies it");

            let d = run(&with_bug(config.clone()), seed, Figure8Stage::D);
            let broken: Vec<Property> = d.violations().iter().map(|v| v.property).collect();
            assert!(
                broken.contains(&Property::LeaderCompleteness)
                    || broken.contains(&Property::StateMachineSafety),
                "seed {seed}: {broken:?}"
            );
        }
    }
}

#[test]
fn the_scenario_is_an_ordinary_run_that_replays() {
    for stage in Figure8Stage::ALL {
        let w = run(&lab(), 7, stage);
        let description: RunDescription = w.run_description();
        let json = description.to_json();
        let mut again: World<KvStore> =
            World::new(RunDescription::from_json(&json).expect("round trip")).expect("world");
        again.advance_to(w.now());
        assert_eq!(again.trace_hash(), w.trace_hash(), "{stage:?}");
        assert_eq!(column3(&again), column3(&w));
    }
}

#[test]
fn stage_letters_round_trip() {
    for s in Figure8Stage::ALL {
        assert_eq!(Figure8Stage::from_letter(s.letter()), Some(s));
    }
    assert_eq!(Figure8Stage::from_letter('e'), None);
}
