//! Functions the browser tests call through Trunk's `window.wasmBindings`, to compare the
//! simulator compiled to wasm with the native one. They change nothing on the page.

use quorum_sim::world::config::bench_description;
use quorum_sim::{KvStore, World};
use wasm_bindgen::prelude::*;

/// The trace hash of `quorum bench`'s fixed workload after `seconds` of simulated time, as
/// 16 hex digits: `quorum bench --seconds N --seeks 0 --json` prints the native one.
#[wasm_bindgen]
pub fn bench_trace_hash(seconds: u32) -> String {
    match World::<KvStore>::new(bench_description()) {
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
    let Ok(mut world) = World::<KvStore>::new(bench_description()) else {
        return 0.0;
    };
    let start = js_sys::Date::now();
    world.advance_to(u64::from(seconds) * 1_000_000);
    let elapsed_ms = (js_sys::Date::now() - start).max(1.0);
    world.event_count() as f64 / (elapsed_ms / 1000.0)
}
