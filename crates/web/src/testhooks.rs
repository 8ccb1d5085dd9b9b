//! Functions the browser tests and `cargo xtask bench` call through Trunk's
//! `window.wasmBindings`, to time the page's own code in the browser. They change nothing on
//! the page, except `test_panic`, which exists only so that a browser test can check the panic
//! overlay (`panic.rs`). The hooks that run `quorum bench`'s workload on the simulator's KV
//! store are in `benchhooks.rs`, built only with the `bench-hooks` feature.

use quorum_etcd::EtcdState;
use quorum_sim::election::{run_on, ElectionParams};
use wasm_bindgen::prelude::*;

/// Milliseconds from the page's time origin (sub-millisecond where the browser allows).
pub(crate) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// The Raft paper's Figure 16 timeout ranges in ms (top graph, then bottom graph).
const PAPER_RANGES_MS: [(u64, u64); 11] = [
    (150, 150),
    (150, 151),
    (150, 155),
    (150, 175),
    (150, 200),
    (150, 300),
    (12, 24),
    (25, 50),
    (50, 100),
    (100, 200),
    (150, 300),
];

/// Runs the paper's §9.3 election experiment (`quorum_sim::election::run`, as
/// `quorum experiment election`) over every Figure 16 range with `trials` trials each, as the
/// page does when blocking; returns JSON `{"trials":…,"ranges":[{"range":"150-300","ms":…,
/// "median_ms":…}],"total_ms":…}` with wall-clock times in this browser.
#[wasm_bindgen]
pub fn bench_election_experiment(trials: u32) -> String {
    let mut rows = Vec::new();
    let start = now_ms();
    for (min, max) in PAPER_RANGES_MS {
        let params = ElectionParams {
            timeout_min_us: min * 1000,
            timeout_max_us: max * 1000,
            trials: u64::from(trials.max(1)),
            ..ElectionParams::default()
        };
        let t0 = now_ms();
        let median = run_on::<EtcdState>(&params).map_or(-1.0, |r| r.median_ms);
        rows.push(format!(
            "{{\"range\":\"{min}-{max}\",\"ms\":{:.1},\"median_ms\":{median:.1}}}",
            now_ms() - t0
        ));
    }
    format!(
        "{{\"trials\":{trials},\"ranges\":[{}],\"total_ms\":{:.1}}}",
        rows.join(","),
        now_ms() - start
    )
}

/// Test hook: panics on purpose, so that a browser test can check that the panic overlay
/// appears and that "Restore last good state" and "Reset" work. Nothing on the page calls it.
#[wasm_bindgen]
pub fn test_panic() {
    panic!("deliberate panic from window.wasmBindings.test_panic() (browser test hook)");
}
