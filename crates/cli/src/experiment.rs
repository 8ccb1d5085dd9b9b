//! `quorum experiment <name>`: `election` (the Raft paper's §9.3, simulated) or
//! `leader-election` (Kubernetes Lease, provided by the k8s crate's module). Text output in
//! English or Korean ([`crate::text::experiment`]); `--json` is the same in both.

use crate::text::experiment::{self as text, Msg, Stats, KOREAN};
use crate::text::{args, Lang};
use clap::Parser;
use quorum_sim::election::{run as run_election, ElectionParams};
use serde_json::json;

#[derive(Parser, Debug)]
#[command(
    name = "quorum experiment election",
    about = "The Raft paper's §9.3 election experiment, simulated"
)]
pub(crate) struct Args {
    /// Cluster size.
    #[arg(long, default_value_t = 5)]
    nodes: u64,
    /// Election timeout range in ms, MIN-MAX (MIN-MIN: no randomness).
    #[arg(long, default_value = "150-300")]
    timeout: String,
    /// One-way network latency range in ms (calibrated against the paper's published
    /// numbers; see quorum_sim::election).
    #[arg(long, default_value = "2-2.5")]
    latency: String,
    /// Disk write latency in ms.
    #[arg(long, default_value_t = 1.0)]
    disk: f64,
    /// Heartbeat interval in ms (default: half the minimum election timeout).
    #[arg(long)]
    heartbeat: Option<f64>,
    /// Servers crashed at once (the leader and K-1 others).
    #[arg(long, default_value_t = 1)]
    crashed: u64,
    /// Number of trials.
    #[arg(long, default_value_t = 1000)]
    trials: u64,
    /// Base seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Stop a trial without a leader after this many simulated seconds (counted as capped).
    #[arg(long, default_value_t = 10.0)]
    cap: f64,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

fn ms_us(flag: &'static str, value: f64) -> Result<u64, Msg> {
    if value.is_finite() && (0.0..=3_600_000.0).contains(&value) {
        Ok((value * 1000.0).round() as u64)
    } else {
        Err(Msg::NotMilliseconds { flag, value })
    }
}

fn range_us(flag: &'static str, text: &str) -> Result<(u64, u64), Msg> {
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let parse = |s: &str| {
        s.trim().parse::<f64>().map_err(|_| Msg::NotRange {
            flag,
            text: text.to_string(),
        })
    };
    let (lo, hi) = (ms_us(flag, parse(a)?)?, ms_us(flag, parse(b)?)?);
    if hi < lo {
        return Err(Msg::MinOverMax { flag });
    }
    Ok((lo, hi))
}

fn params(a: &Args) -> Result<ElectionParams, Msg> {
    let (tmin, tmax) = range_us("timeout", &a.timeout)?;
    let (lmin, lmax) = range_us("latency", &a.latency)?;
    let heartbeat_us = a.heartbeat.map(|h| ms_us("heartbeat", h)).transpose()?;
    if !(a.cap.is_finite() && a.cap > 0.0 && a.cap <= 3600.0) {
        return Err(Msg::CapRange);
    }
    if a.trials > 100_000 {
        return Err(Msg::TooManyTrials);
    }
    let p = ElectionParams {
        nodes: a.nodes,
        timeout_min_us: tmin,
        timeout_max_us: tmax,
        latency_min_us: lmin,
        latency_max_us: lmax,
        disk_us: ms_us("disk", a.disk)?,
        heartbeat_us,
        crashed: a.crashed,
        trials: a.trials,
        seed: a.seed,
        cap_us: (a.cap * 1e6) as u64,
    };
    p.validate().map_err(|e| Msg::Invalid(format!("{e:?}")))?;
    Ok(p)
}

fn election(args: &[String], lang: Lang) -> i32 {
    let a: Args = match args::parse(lang, &KOREAN, args) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let checked = params(&a).and_then(|p| {
        run_election(&p)
            .map(|r| (p, r))
            .map_err(|e| Msg::Invalid(format!("{e:?}")))
    });
    let (p, r) = match checked {
        Ok(x) => x,
        Err(msg) => {
            eprintln!("{}", msg.render(lang));
            return 2;
        }
    };
    if a.json {
        let cdf: Vec<_> = r.cdf.iter().map(|(ms, f)| json!([ms, f])).collect();
        println!(
            "{}",
            json!({
                "trials": r.trials, "mean_ms": r.mean_ms, "median_ms": r.median_ms,
                "p99_ms": r.p99_ms, "p999_ms": r.p999_ms, "max_ms": r.max_ms, "min_ms": r.min_ms,
                "split_vote_rate": r.split_vote_rate, "capped": r.capped, "cdf": cdf,
                "timeout_ms": [p.timeout_min_us as f64 / 1e3, p.timeout_max_us as f64 / 1e3],
                "heartbeat_ms": p.heartbeat() as f64 / 1e3,
            })
        );
    } else {
        let stats = Stats {
            timeout_min: p.timeout_min_us as f64 / 1e3,
            timeout_max: p.timeout_max_us as f64 / 1e3,
            heartbeat: p.heartbeat() as f64 / 1e3,
            trials: r.trials,
            mean: r.mean_ms,
            median: r.median_ms,
            p99: r.p99_ms,
            p999: r.p999_ms,
            max: r.max_ms,
            split_vote_pct: r.split_vote_rate * 100.0,
            capped: r.capped,
            cap_s: p.cap_us as f64 / 1e6,
        };
        println!("{}", text::stats(lang, &stats));
    }
    0
}

pub fn run(args: &[String], lang: Lang) -> i32 {
    match args.split_first() {
        Some((name, rest)) if name == "election" => election(rest, lang),
        Some((name, rest)) if name == "leader-election" => crate::leader_election::run(rest, lang),
        Some((name, _)) if name == "-h" || name == "--help" => {
            println!("{}", text::usage(lang));
            0
        }
        _ => {
            eprintln!("{}", text::usage(lang));
            2
        }
    }
}
