//! `quorum experiment leader-election`: crash the active kube-controller-manager at a
//! random instant and measure how long until a standby holds the Lease. Its own small flag
//! parser (Go-style durations); texts in English or Korean ([`crate::text::leader_election`]),
//! `--json` the same in both.

use crate::text::leader_election::{self as text, Msg, NAME};
use crate::text::Lang;
use quorum_k8s::experiment::{self, ExperimentParams};
use quorum_k8s::leader_election::parse_duration_us;

/// Entry point: exit 0 on success, 2 on bad usage.
pub fn run(args: &[String], lang: Lang) -> i32 {
    let usage = text::usage(lang);
    let (params, json) = match parse(args) {
        Ok(Some(parsed)) => parsed,
        Ok(None) => {
            println!("{usage}");
            return 0;
        }
        Err(message) => {
            eprintln!("{NAME}: {}\n\n{usage}", message.render(lang));
            return 2;
        }
    };
    let result = match experiment::run(&params) {
        Ok(result) => result,
        Err(error) => {
            let s = |us: u64| us as f64 / 1e6;
            let c = &params.config;
            let (lease, renew, retry) = (
                s(c.lease_duration_us),
                s(c.renew_deadline_us),
                s(c.retry_period_us),
            );
            let why = text::rejected(lang, &error, lease, renew, retry);
            eprintln!("{NAME}: {why}");
            return 2;
        }
    };
    if json {
        match serde_json::to_string_pretty(&result) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("{}", text::cannot_encode(lang, &error.to_string()));
                return 1;
            }
        }
    } else {
        let r = &result;
        let (lease, renew, retry) = (r.lease_duration_s, r.renew_deadline_s, r.retry_period_s);
        println!(
            "{}",
            text::settings(lang, lease, renew, retry, r.candidates, r.seed)
        );
        println!(
            "{}",
            text::failover(lang, r.trials, r.mean_s, r.min_s, r.max_s)
        );
        println!(
            "{}",
            text::expected(lang, r.expected_min_s, r.expected_max_s)
        );
        for point in r.cdf.iter().step_by(2) {
            println!("  p{:<3} {:>6.2}s", (point.p * 100.0).round(), point.s);
        }
        if r.no_failover > 0 {
            println!("{}", text::no_failover(lang, r.no_failover));
        }
    }
    0
}

/// `Ok(None)` means help was asked for.
fn parse(args: &[String]) -> Result<Option<(ExperimentParams, bool)>, Msg> {
    let mut params = ExperimentParams::default();
    let mut json = false;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg, None),
        };
        let mut value = || -> Result<String, Msg> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            i += 1;
            args.get(i).cloned().ok_or_else(|| Msg::NeedsValue {
                flag: flag.to_string(),
            })
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
            _ => {
                return Err(Msg::UnknownFlag {
                    arg: arg.to_string(),
                })
            }
        }
        i += 1;
    }
    Ok(Some((params, json)))
}

fn duration(flag: &str, text: &str) -> Result<u64, Msg> {
    parse_duration_us(text).map_err(|error| Msg::BadDuration {
        flag: flag.to_string(),
        error,
    })
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, Msg> {
    text.parse().map_err(|_| Msg::BadNumber {
        flag: flag.to_string(),
        text: text.to_string(),
    })
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

    /// The exit status, which must not depend on the language.
    fn run_en(args: &[String]) -> i32 {
        let code = run(args, Lang::En);
        assert_eq!(run(args, Lang::Ko), code, "{args:?}");
        code
    }

    #[test]
    fn bad_usage_exits_2() {
        assert_eq!(run_en(&args(&["--bogus"])), 2);
        assert_eq!(run_en(&args(&["--trials"])), 2);
        assert_eq!(run_en(&args(&["--trials", "x"])), 2);
        assert_eq!(run_en(&args(&["--lease-duration", "fast"])), 2);
        assert_eq!(run_en(&args(&["--lease-duration", "10s"])), 2);
        assert_eq!(run_en(&args(&["--candidates", "1"])), 2);
        assert_eq!(run_en(&args(&["--candidates", "8"])), 2);
        assert_eq!(run_en(&args(&["--trials", "5", "--json"])), 0);
    }
}
