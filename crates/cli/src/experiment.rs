//! `quorum experiment <name>`: `election` (the Raft paper's §9.3, simulated) or
//! `leader-election` (Kubernetes Lease, provided by the k8s crate's module).

use clap::Parser;
use quorum_sim::election::{run as run_election, ElectionParams};
use serde_json::json;

const USAGE: &str = "\
usage: quorum experiment <election|leader-election> [options]

  election          the Raft paper's §9.3 leader-crash experiment (see --help)
  leader-election   Kubernetes controller-manager Lease failover";

#[derive(Parser, Debug)]
#[command(
    name = "quorum experiment election",
    about = "The Raft paper's §9.3 election experiment, simulated"
)]
struct Args {
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

fn ms_us(flag: &str, v: f64) -> Result<u64, String> {
    if v.is_finite() && (0.0..=3_600_000.0).contains(&v) {
        Ok((v * 1000.0).round() as u64)
    } else {
        Err(format!(
            "--{flag}: expected a number of milliseconds, got {v}"
        ))
    }
}

fn range_us(flag: &str, text: &str) -> Result<(u64, u64), String> {
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let parse = |s: &str| {
        s.trim()
            .parse::<f64>()
            .map_err(|_| format!("--{flag}: expected MIN-MAX in ms, got '{text}'"))
    };
    let (lo, hi) = (ms_us(flag, parse(a)?)?, ms_us(flag, parse(b)?)?);
    if hi < lo {
        return Err(format!("--{flag}: MIN must not exceed MAX"));
    }
    Ok((lo, hi))
}

fn params(a: &Args) -> Result<ElectionParams, String> {
    let (tmin, tmax) = range_us("timeout", &a.timeout)?;
    let (lmin, lmax) = range_us("latency", &a.latency)?;
    let heartbeat_us = a.heartbeat.map(|h| ms_us("heartbeat", h)).transpose()?;
    if !(a.cap.is_finite() && a.cap > 0.0 && a.cap <= 3600.0) {
        return Err("--cap must be between 0 and 3600 seconds".into());
    }
    if a.trials > 100_000 {
        return Err("--trials must be at most 100000".into());
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
    p.validate()
        .map_err(|e| format!("invalid parameters: {e:?}"))?;
    Ok(p)
}

fn election(args: &[String]) -> i32 {
    let argv =
        std::iter::once("quorum experiment election".to_string()).chain(args.iter().cloned());
    let a = match Args::try_parse_from(argv) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let p = match params(&a) {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("quorum experiment election: {msg}");
            return 2;
        }
    };
    let r = match run_election(&p) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("quorum experiment election: invalid parameters: {e:?}");
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
        println!(
            "election timeout {}-{} ms, heartbeat {} ms, {} trials: mean {:.1} ms, median {:.1} ms, \
             p99 {:.1} ms, p99.9 {:.1} ms, max {:.1} ms; split votes {:.1}%; {} hit the {:.0} s cap",
            p.timeout_min_us as f64 / 1e3,
            p.timeout_max_us as f64 / 1e3,
            p.heartbeat() as f64 / 1e3,
            r.trials,
            r.mean_ms,
            r.median_ms,
            r.p99_ms,
            r.p999_ms,
            r.max_ms,
            r.split_vote_rate * 100.0,
            r.capped,
            p.cap_us as f64 / 1e6
        );
    }
    0
}

pub fn run(args: &[String]) -> i32 {
    match args.split_first() {
        Some((name, rest)) if name == "election" => election(rest),
        Some((name, rest)) if name == "leader-election" => crate::leader_election::run(rest),
        Some((name, _)) if name == "-h" || name == "--help" => {
            println!("{USAGE}");
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    }
}
