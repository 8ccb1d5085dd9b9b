//! Runs the `quorum` binary's chaos, experiment and bench commands: exit codes and JSON shape.

use serde_json::Value;
use std::process::Command;

fn quorum(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quorum"))
        // English whatever the machine's locale (tests/lang.rs covers Korean).
        .env("LC_ALL", "C")
        .args(args)
        .output()
        .expect("run quorum");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(out: &str) -> Value {
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

#[test]
fn chaos_clean_runs_exit_zero_with_json_fields() {
    let (code, out, err) = quorum(&["chaos", "--seeds", "2", "--duration", "8", "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let v = json(&out);
    assert_eq!(v["runs"], 2);
    assert!(v["events"].as_u64().unwrap_or(0) > 1000);
    assert!(v["ops"].as_u64().unwrap_or(0) > 10);
    assert_eq!(v["violations"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["linearizable"], true);
}

#[test]
fn chaos_with_a_bug_finds_a_violation_and_exits_one() {
    let (code, out, _) = quorum(&[
        "chaos",
        "--seeds",
        "30",
        "--bug",
        "vote_without_log_check",
        "--json",
    ]);
    assert_eq!(code, 1, "{out}");
    let v = json(&out);
    let first = &v["violations"][0];
    assert!(
        first["seed"].is_u64() && first["event"].is_u64() && first["property"].is_string(),
        "{v}"
    );
}

#[test]
fn chaos_bad_usage_exits_two() {
    assert_eq!(
        quorum(&["chaos", "--seeds", "1", "--bug", "no_such_bug"]).0,
        2
    );
    assert_eq!(quorum(&["chaos", "--seeds", "0"]).0, 2);
    assert_eq!(quorum(&["chaos"]).0, 2);
    assert_eq!(quorum(&["chaos", "--seeds", "1", "--nodes", "1"]).0, 2);
}

#[test]
fn election_experiment_reports_statistics() {
    let (code, out, err) = quorum(&["experiment", "election", "--trials", "12", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["trials"], 12);
    for k in [
        "mean_ms",
        "median_ms",
        "p99_ms",
        "p999_ms",
        "max_ms",
        "split_vote_rate",
    ] {
        assert!(v[k].is_number(), "{k} missing: {v}");
    }
    let median = v["median_ms"].as_f64().unwrap_or(0.0);
    assert!(median > 100.0 && median < 1000.0, "median {median}");
    assert!(v["cdf"].as_array().is_some_and(|c| !c.is_empty()));
    assert_eq!(v["capped"], 0);
    // Without randomness, split votes repeat and trials hit the cap.
    let (code, out, _) = quorum(&[
        "experiment",
        "election",
        "--timeout",
        "150-150",
        "--trials",
        "3",
        "--cap",
        "1",
        "--json",
    ]);
    assert_eq!(code, 0);
    assert!(json(&out)["capped"].as_u64().unwrap_or(0) >= 1, "{out}");
}

#[test]
fn experiment_bad_usage_exits_two() {
    assert_eq!(
        quorum(&["experiment", "election", "--timeout", "300-150"]).0,
        2
    );
    assert_eq!(quorum(&["experiment", "election", "--crashed", "3"]).0, 2);
    assert_eq!(quorum(&["experiment", "election", "--latency", "x"]).0, 2);
    assert_eq!(quorum(&["experiment", "nope"]).0, 2);
    assert_eq!(quorum(&["experiment"]).0, 2);
}

#[test]
fn bench_reports_throughput() {
    let (code, out, err) = quorum(&["bench", "--json", "--seconds", "5", "--seeks", "5"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert!(v["events"].as_u64().unwrap_or(0) > 1000);
    assert!(v["events_per_sec"].as_f64().unwrap_or(0.0) > 0.0);
    assert_eq!(v["seeks"], 5);
    assert_eq!(quorum(&["bench", "--seconds", "0"]).0, 2);
}

/// A reader that stops early (`quorum … | head`) ends the command quietly, not with a panic.
#[test]
fn a_closed_stdout_ends_quietly() {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_quorum"))
        // English whatever the machine's locale (tests/lang.rs covers Korean).
        .env("LC_ALL", "C")
        .arg("help")
        .stdout(writer)
        .output()
        .expect("run quorum");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(141), "{err}");
}
