//! `quorum bench [--json]`: simulator throughput on a fixed workload, and time-travel seek
//! cost in a 10-minute run.
//!
//! Workload: the lab's default world (5 nodes, narration and time-travel snapshots on) with 4
//! clients, seed 42, 10 simulated minutes; then 200 seeks to pseudo-random instants.
//! The text line is English or Korean ([`crate::text::bench`]); `--json` is the same in both.

use crate::text::bench::{self as text, Summary, KOREAN};
use crate::text::{args, Lang};
use clap::Parser;
use quorum_sim::{bench_description, World};
use serde_json::json;
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(
    name = "quorum bench",
    about = "Simulator throughput on a fixed workload"
)]
pub(crate) struct Args {
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// Simulated seconds (default: 600, a 10-minute run).
    #[arg(long, default_value_t = 600)]
    seconds: u64,
    /// Number of random seeks to time.
    #[arg(long, default_value_t = 200)]
    seeks: u32,
}

pub fn run(args: &[String], lang: Lang) -> i32 {
    let a: Args = match args::parse(lang, &KOREAN, args) {
        Ok(a) => a,
        Err(code) => return code,
    };
    if a.seconds == 0 || a.seconds > 36_000 {
        eprintln!("{}", text::bad_seconds(lang));
        return 2;
    }
    let run = bench_description();
    let mut world: World = match World::new(run) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}", text::no_world(lang, &format!("{e:?}")));
            return 2;
        }
    };
    let end = a.seconds * 1_000_000;
    let start = Instant::now();
    world.advance_to(end);
    let run_s = start.elapsed().as_secs_f64();
    let events = world.event_count();
    // The hash of the run itself (before seeking around), for native-vs-wasm comparison.
    let trace_hash = format!("{:016x}", world.trace_hash());
    // Seeks to instants spread over the run (a fixed LCG, so the workload is identical).
    let mut x: u64 = 12345;
    let mut times = Vec::new();
    for _ in 0..a.seeks {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let t = (x >> 11) % end;
        let s = Instant::now();
        world.seek(t);
        times.push(s.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|p, q| p.total_cmp(q));
    let mean = times.iter().fold(0.0, |a, b| a + b) / times.len().max(1) as f64;
    let max = times.last().copied().unwrap_or(0.0);
    let eps = events as f64 / run_s.max(1e-9);
    if a.json {
        println!(
            "{}",
            json!({
                "events": events, "simulated_s": a.seconds, "wall_s": run_s, "events_per_sec": eps,
                "seeks": times.len(), "seek_ms_mean": mean, "seek_ms_max": max,
                "snapshots": world.snapshot_count(), "trace_hash": trace_hash,
            })
        );
    } else {
        let summary = Summary {
            events,
            wall_s: run_s,
            events_per_s: eps,
            simulated_s: a.seconds,
            seeks: times.len(),
            seek_mean_ms: mean,
            seek_max_ms: max,
            snapshots: world.snapshot_count(),
            trace_hash: &trace_hash,
        };
        println!("{}", text::summary(lang, &summary));
    }
    0
}
