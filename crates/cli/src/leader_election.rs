//! `quorum experiment leader-election`: crash the active kube-controller-manager at a
//! random instant and measure how long until a standby holds the Lease.

use quorum_k8s::experiment::{self, ExperimentError, ExperimentParams, MAX_CANDIDATES, MAX_TRIALS};
use quorum_k8s::leader_election::parse_duration_us;

const USAGE: &str = "\
usage: quorum experiment leader-election [options]

Crash the active kube-controller-manager of a stacked control plane at a random
time and measure until a standby holds the Lease (client-go leader election; the
Lease lives in the simulated Raft etcd; simulated time).

options:
  --lease-duration D   --leader-elect-lease-duration (default 15s)
  --renew-deadline D   --leader-elect-renew-deadline (default 10s)
  --retry-period D     --leader-elect-retry-period (default 2s)
  --candidates N       controller-manager instances, 2-7 (default 3)
  --trials N           crashes to measure, 1-100000 (default 200)
  --seed S             RNG seed (default 1)
  --json               print {trials, mean_s, min_s, max_s, cdf, ...} as JSON

Durations: 15s, 1.5s, 500ms, 1m or a bare number of seconds.
Valid only if lease duration > renew deadline > 1.2 x retry period.";

const NAME: &str = "quorum experiment leader-election";

/// Entry point: exit 0 on success, 2 on bad usage.
pub fn run(args: &[String]) -> i32 {
    let (params, json) = match parse(args) {
        Ok(Some(parsed)) => parsed,
        Ok(None) => {
            println!("{USAGE}");
            return 0;
        }
        Err(message) => {
            eprintln!("{NAME}: {message}\n\n{USAGE}");
            return 2;
        }
    };
    let result = match experiment::run(&params) {
        Ok(result) => result,
        Err(error) => {
            eprintln!("{NAME}: {}", describe(&error, &params));
            return 2;
        }
    };
    if json {
        match serde_json::to_string_pretty(&result) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("{NAME}: cannot encode the result: {error}");
                return 1;
            }
        }
    } else {
        println!(
            "lease duration {}s, renew deadline {}s, retry period {}s, {} candidates, seed {}",
            result.lease_duration_s,
            result.renew_deadline_s,
            result.retry_period_s,
            result.candidates,
            result.seed
        );
        println!(
            "failover after a crash over {} trials: mean {:.2}s, min {:.2}s, max {:.2}s",
            result.trials, result.mean_s, result.min_s, result.max_s
        );
        println!(
            "client-go semantics imply: at least {:.2}s, at most about {:.2}s",
            result.expected_min_s, result.expected_max_s
        );
        for point in result.cdf.iter().step_by(2) {
            println!("  p{:<3} {:>6.2}s", (point.p * 100.0).round(), point.s);
        }
        if result.no_failover > 0 {
            println!("no standby took over in {} trials", result.no_failover);
        }
    }
    0
}

/// `Ok(None)` means help was asked for.
fn parse(args: &[String]) -> Result<Option<(ExperimentParams, bool)>, String> {
    let mut params = ExperimentParams::default();
    let mut json = false;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg, None),
        };
        let mut value = || -> Result<String, String> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| format!("flag {flag} needs a value"))
        };
        match flag {
            "-h" | "--help" => return Ok(None),
            "--json" if inline.is_none() => json = true,
            "--lease-duration" => params.config.lease_duration_us = duration(flag, &value()?)?,
            "--renew-deadline" => params.config.renew_deadline_us = duration(flag, &value()?)?,
            "--retry-period" => params.config.retry_period_us = duration(flag, &value()?)?,
            "--candidates" => params.candidates = number(flag, &value()?)?,
            "--trials" => params.trials = number(flag, &value()?)?,
            "--seed" => params.seed = number(flag, &value()?)?,
            _ => return Err(format!("unknown flag '{arg}'")),
        }
        i += 1;
    }
    Ok(Some((params, json)))
}

fn duration(flag: &str, text: &str) -> Result<u64, String> {
    parse_duration_us(text).map_err(|e| format!("flag {flag}: {e}"))
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("flag {flag}: invalid number \"{text}\""))
}

fn describe(error: &ExperimentError, params: &ExperimentParams) -> String {
    let s = |us: u64| us as f64 / 1e6;
    match error {
        ExperimentError::InvalidConfig(e) => format!(
            "invalid leader election flags: {e} (lease duration {}s, renew deadline {}s, \
             retry period {}s; need lease duration > renew deadline > 1.2 x retry period)",
            s(params.config.lease_duration_us),
            s(params.config.renew_deadline_us),
            s(params.config.retry_period_us)
        ),
        ExperimentError::CandidatesOutOfRange { candidates } => {
            format!("--candidates must be between 2 and {MAX_CANDIDATES}, not {candidates}")
        }
        ExperimentError::TrialsOutOfRange { trials } => {
            format!("--trials must be between 1 and {MAX_TRIALS}, not {trials}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_parse() {
        let (p, json) = parse(&args(&[
            "--lease-duration",
            "20s",
            "--renew-deadline=12s",
            "--retry-period",
            "3",
            "--candidates",
            "5",
            "--trials",
            "10",
            "--seed",
            "9",
            "--json",
        ]))
        .unwrap()
        .unwrap();
        assert!(json);
        assert_eq!(p.config.lease_duration_us, 20_000_000);
        assert_eq!(p.config.renew_deadline_us, 12_000_000);
        assert_eq!(p.config.retry_period_us, 3_000_000);
        assert_eq!((p.candidates, p.trials, p.seed), (5, 10, 9));
    }

    #[test]
    fn bad_usage_exits_2() {
        assert_eq!(run(&args(&["--bogus"])), 2);
        assert_eq!(run(&args(&["--trials"])), 2);
        assert_eq!(run(&args(&["--trials", "x"])), 2);
        assert_eq!(run(&args(&["--lease-duration", "fast"])), 2);
        assert_eq!(run(&args(&["--lease-duration", "10s"])), 2);
        assert_eq!(run(&args(&["--candidates", "1"])), 2);
        assert_eq!(run(&args(&["--candidates", "8"])), 2);
        assert_eq!(run(&args(&["--trials", "5", "--json"])), 0);
    }
}
