//! `quorum chaos --seeds N [--nodes K] [--duration SECS] [--bug NAME] [--json]`: seeded runs
//! with every fault on; checks every invariant after every event and the linearizability of
//! the client history. Exit 0 when all is well, 1 when a violation (or a non-linearizable
//! history) is found, 2 on bad usage. Text output in English or Korean
//! ([`crate::text::chaos`]); `--json` is the same in both.

use crate::text::chaos::{self as text, Msg, Summary, KOREAN};
use crate::text::{args, Lang};
use clap::Parser;
use quorum_raft::Bug;
use quorum_sim::chaos::{run_one, ChaosOptions, RunReport};
use serde_json::json;
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(
    name = "quorum chaos",
    about = "Seeded fault-injection runs with invariant and linearizability checks"
)]
pub(crate) struct Args {
    /// Number of seeded runs.
    #[arg(long)]
    seeds: u64,
    /// First seed (runs use seeds FIRST..FIRST+N).
    #[arg(long, default_value_t = 0)]
    first_seed: u64,
    /// Initial cluster size (3-9).
    #[arg(long, default_value_t = 5)]
    nodes: u64,
    /// Simulated seconds per run.
    #[arg(long, default_value_t = 20.0)]
    duration: f64,
    /// Turn on one of the Raft core's break-it switches.
    #[arg(long)]
    bug: Option<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

fn parse(args: &[String], lang: Lang) -> Result<(Args, ChaosOptions), i32> {
    let a: Args = args::parse(lang, &KOREAN, args)?;
    let usage = |msg: Msg| {
        eprintln!("{}", msg.render(lang));
        2
    };
    if a.seeds == 0 {
        return Err(usage(Msg::SeedsZero));
    }
    if !(3..=9).contains(&a.nodes) {
        return Err(usage(Msg::NodesRange));
    }
    if !(a.duration.is_finite() && (2.0..=3600.0).contains(&a.duration)) {
        return Err(usage(Msg::DurationRange));
    }
    let bug = match a.bug.as_deref() {
        None => None,
        Some(name) => Some(Bug::from_name(name).ok_or_else(|| {
            usage(Msg::UnknownBug {
                name: name.to_string(),
                names: Bug::ALL.iter().map(|b| b.name()).collect(),
            })
        })?),
    };
    let opts = ChaosOptions {
        nodes: a.nodes,
        duration_us: (a.duration * 1e6) as u64,
        bug,
        ..ChaosOptions::default()
    };
    Ok((a, opts))
}

pub fn run(args: &[String], lang: Lang) -> i32 {
    let (a, opts) = match parse(args, lang) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let start = Instant::now();
    let mut reports: Vec<RunReport> = Vec::new();
    for seed in a.first_seed..a.first_seed.saturating_add(a.seeds) {
        let r = run_one(seed, &opts);
        if !a.json && !r.violations.is_empty() {
            for v in &r.violations {
                let nodes = format!("{:?}", v.nodes);
                let t_s = v.time_us as f64 / 1e6;
                let line = text::violation(lang, seed, v.property.name(), v.event, t_s, &nodes);
                println!("{line}");
            }
        }
        reports.push(r);
    }
    let events: u64 = reports.iter().map(|r| r.events).sum();
    let ops: usize = reports.iter().map(|r| r.ops).sum();
    let violations: Vec<_> = reports
        .iter()
        .flat_map(|r| {
            r.violations.iter().map(
                move |v| json!({"seed": r.seed, "event": v.event, "property": v.property.name()}),
            )
        })
        .collect();
    let non_lin = reports
        .iter()
        .filter(|r| r.linearizable == Some(false))
        .count();
    let undecided = reports.iter().filter(|r| r.linearizable.is_none()).count();
    let secs = start.elapsed().as_secs_f64();
    if a.json {
        let out = json!({
            "runs": reports.len(),
            "events": events,
            "ops": ops,
            "violations": violations,
            "linearizable": non_lin == 0 && undecided == 0,
            "lincheck_unknown": undecided,
            "bug": opts.bug.map(|b| b.name()),
            "seconds": secs,
        });
        println!("{out}");
    } else {
        let summary = Summary {
            runs: reports.len(),
            events,
            ops,
            violations: violations.len(),
            non_linearizable: non_lin,
            undecided,
            seconds: secs,
        };
        println!("{}", text::summary(lang, &summary));
    }
    i32::from(!violations.is_empty())
}
