//! `quorum bench`'s workload on the simulator's KV store, in this browser: the trace hash
//! (compared with the native one), events per second and time travel. Built only with the
//! `bench-hooks` feature (`cargo xtask bench`, and the determinism browser test), so the
//! shipped page compiles the simulator once, for its etcd store.

use crate::testhooks::now_ms;
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
    let start = now_ms();
    world.advance_to(u64::from(seconds) * 1_000_000);
    let elapsed_ms = (now_ms() - start).max(1.0);
    world.event_count() as f64 / (elapsed_ms / 1000.0)
}

/// Time travel in this browser over `quorum bench`'s workload: runs `seconds` of simulated
/// time, goes back to the start, then times a seek to the end and one to the middle (the
/// snapshots + replay of `quorum_sim::world::travel`). Returns JSON with milliseconds.
#[wasm_bindgen]
pub fn bench_seek(seconds: u32) -> String {
    let Ok(mut world) = World::<KvStore>::new(bench_description()) else {
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
