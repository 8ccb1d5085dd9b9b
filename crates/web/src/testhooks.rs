//! Functions the browser tests and `cargo xtask bench` call through Trunk's
//! `window.wasmBindings`, to compare the simulator compiled to wasm with the native one and to
//! time it in the browser. They change nothing on the page, except `test_panic`, which exists
//! only so that a browser test can check the panic overlay (`panic.rs`).

use quorum_etcd::EtcdState;
use quorum_sim::election::{run_on, ElectionParams};
use quorum_sim::world::config::bench_description;
use quorum_sim::World;
use wasm_bindgen::prelude::*;

/// Milliseconds from the page's time origin (sub-millisecond where the browser allows).
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// The trace hash of `quorum bench`'s fixed workload after `seconds` of simulated time, as
/// 16 hex digits: `quorum bench --seconds N --seeks 0 --json` prints the native one.
#[wasm_bindgen]
pub fn bench_trace_hash(seconds: u32) -> String {
    match World::<EtcdState>::new(bench_description()) {
        Ok(mut world) => {
            world.advance_to(u64::from(seconds) * 1_000_000);
            format!("{:016x}", world.trace_hash())
        }
        Err(e) => format!("error: {e:?}"),
    }
}

/// Events per second of the same workload in this browser, for the benchmark report.
#[wasm_bindgen]
pub fn bench_events_per_second(seconds: u32) -> f64 {
    let Ok(mut world) = World::<EtcdState>::new(bench_description()) else {
        return 0.0;
    };
    let start = now_ms();
    world.advance_to(u64::from(seconds) * 1_000_000);
    let elapsed_ms = (now_ms() - start).max(1.0);
    world.event_count() as f64 / (elapsed_ms / 1000.0)
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

/// Time travel in this browser over `quorum bench`'s workload: runs `seconds` of simulated
/// time, goes back to the start, then times a seek to the end and one to the middle (the
/// snapshots + replay of `quorum_sim::world::travel`). Returns JSON with milliseconds.
#[wasm_bindgen]
pub fn bench_seek(seconds: u32) -> String {
    let Ok(mut world) = World::<EtcdState>::new(bench_description()) else {
        return "{\"error\":\"bench description rejected\"}".into();
    };
    let end = u64::from(seconds.max(2)) * 1_000_000;
    let t0 = now_ms();
    world.advance_to(end);
    let run_ms = now_ms() - t0;
    let (events, snapshots) = (world.event_count(), world.snapshot_count());
    let t1 = now_ms();
    world.seek(0);
    let start_ms = now_ms() - t1;
    let t2 = now_ms();
    world.seek(end);
    let end_ms = now_ms() - t2;
    let t3 = now_ms();
    world.seek(end / 2);
    let middle_ms = now_ms() - t3;
    format!(
        "{{\"simulated_s\":{},\"events\":{},\"snapshots\":{},\"run_ms\":{run_ms:.1},\
         \"seek_start_ms\":{start_ms:.2},\"seek_end_ms\":{end_ms:.2},\"seek_middle_ms\":{middle_ms:.2}}}",
        end / 1_000_000,
        events,
        snapshots
    )
}

/// Test hook: panics on purpose, so that a browser test can check that the panic overlay
/// appears and that "Restore last good state" and "Reset" work. Nothing on the page calls it.
#[wasm_bindgen]
pub fn test_panic() {
    panic!("deliberate panic from window.wasmBindings.test_panic() (browser test hook)");
}
