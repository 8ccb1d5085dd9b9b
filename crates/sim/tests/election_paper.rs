//! The §9.3 experiment with its default setup stays close to the paper's published numbers
//! (Figure 16): no randomness means split votes for over 10 s; 5 ms of randomness a median of
//! about 287 ms; 12–24 ms an average of 35 ms with a worst case of 152 ms. Fewer trials than
//! the paper's 1000 keep the test quick, so the bounds are loose around the published values.

use quorum_sim::election::{run, ElectionParams};

fn with(min_ms: u64, max_ms: u64, trials: u64) -> ElectionParams {
    ElectionParams {
        timeout_min_us: min_ms * 1000,
        timeout_max_us: max_ms * 1000,
        trials,
        ..ElectionParams::default()
    }
}

#[test]
fn no_randomness_splits_votes_for_over_ten_seconds() {
    let r = run(&with(150, 150, 10)).expect("valid");
    assert!(r.capped >= 9, "{r:?}");
}

#[test]
fn five_ms_of_randomness_gives_a_median_near_287_ms() {
    let r = run(&with(150, 155, 200)).expect("valid");
    assert!((200.0..450.0).contains(&r.median_ms), "{r:?}");
    assert_eq!(r.capped, 0);
}

#[test]
fn twelve_to_24_ms_averages_near_35_ms() {
    let r = run(&with(12, 24, 300)).expect("valid");
    assert!((20.0..50.0).contains(&r.mean_ms), "{r:?}");
    assert!(r.max_ms < 300.0, "{r:?}");
}

#[test]
fn fifty_ms_of_randomness_keeps_the_worst_case_under_a_second() {
    let r = run(&with(150, 200, 300)).expect("valid");
    assert!(r.max_ms < 1_000.0, "{r:?}");
    assert!(r.median_ms < 200.0, "{r:?}");
}
