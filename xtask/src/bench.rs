//! `cargo xtask bench`: every benchmark, written to `bench/report.json` and `bench/report.md`.
//!
//! Native numbers come from the `quorum` CLI built with the `native` profile (what a user
//! runs); the browser numbers from `tests/bench.mjs` driving Chromium against the built
//! `dist/` (the same harness as the browser tests). This file gathers the native side and the
//! build's sizes into `target/bench-input.json`; the script adds the browser side and writes
//! the report. Benchmarks are measurements, not tests: only the size budget and the idle
//! timers (deterministic) fail `cargo xtask test`.

use crate::tools::BrowserTools;
use crate::{budget, cargo, run};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The election experiment's ranges timed natively (the page times the same, see
/// `testhooks::bench_election_experiment`), with this many trials per range.
pub const ELECTION_TRIALS: u32 = 100;
const PAPER_RANGES: [&str; 11] = [
    "150-150", "150-151", "150-155", "150-175", "150-200", "150-300", "12-24", "25-50", "50-100",
    "100-200", "150-300",
];

pub fn target_dir(root: &Path) -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

fn output(step: &str, command: &mut Command) -> Result<String, String> {
    eprintln!("==> {step}");
    let out = command
        .output()
        .map_err(|e| format!("{step}: cannot start: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{step} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Native measurements as a JSON object: `quorum bench --json` (10 simulated minutes and 200
/// seeks) and the wall time of the election experiment over the paper's ranges.
pub fn native(root: &Path) -> Result<String, String> {
    run(
        "build the quorum CLI (native profile)",
        cargo().args(["build", "-q", "--profile", "native", "-p", "quorum-cli"]),
    )?;
    let quorum = target_dir(root).join("native").join("quorum");
    let bench = output(
        "quorum bench --json (native)",
        Command::new(&quorum).args(["bench", "--json"]),
    )?;
    let trials = ELECTION_TRIALS.to_string();
    let start = Instant::now();
    for range in PAPER_RANGES {
        output(
            &format!("quorum experiment election --timeout {range} (native)"),
            Command::new(&quorum).args([
                "experiment",
                "election",
                "--timeout",
                range,
                "--trials",
                &trials,
                "--json",
            ]),
        )?;
    }
    let election_ms = start.elapsed().as_secs_f64() * 1000.0;
    Ok(format!(
        "{{\"bench\":{bench},\"election\":{{\"trials\":{trials},\"ranges\":{},\"total_ms\":{election_ms:.1}}}}}",
        PAPER_RANGES.len()
    ))
}

fn leb128(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// The wasm module's sections and their sizes, as JSON rows (custom sections by name).
pub fn wasm_sections(wasm: &[u8]) -> Result<String, String> {
    const NAMES: [&str; 13] = [
        "custom",
        "type",
        "import",
        "function",
        "table",
        "memory",
        "global",
        "export",
        "start",
        "element",
        "code",
        "data",
        "datacount",
    ];
    if wasm.get(..4) != Some(b"\0asm") {
        return Err("not a wasm module".into());
    }
    let mut rows = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = leb128(wasm, &mut at).ok_or("truncated section header")? as usize;
        let body = wasm.get(at..at + size).ok_or("section runs past the end")?;
        let mut name = NAMES.get(id as usize).unwrap_or(&"unknown").to_string();
        if id == 0 {
            let mut p = 0;
            let len = leb128(body, &mut p).unwrap_or(0) as usize;
            let custom = body.get(p..p + len).unwrap_or_default();
            name = format!("custom:{}", String::from_utf8_lossy(custom));
        }
        rows.push(format!(
            "{{\"section\":{name:?},\"bytes\":{size},\"gzip_bytes\":{}}}",
            budget::gzipped_len(body)
        ));
        at += size;
    }
    Ok(format!("[{}]", rows.join(",")))
}

/// Runs the browser benchmarks and writes the report.
/// Sizes come from the shipped `dist`; the page measured in Chromium is `hooks`, the same
/// page built with the `bench-hooks` feature (the KV-store workload's hooks).
pub fn browser(
    root: &Path,
    dist: &Path,
    hooks: &Path,
    native: &str,
    tools: &BrowserTools,
) -> Result<(), String> {
    let sizes = budget::size_report(dist)?;
    let wasm_file = budget::sizes(dist)?
        .into_iter()
        .find(|f| f.name.ends_with(".wasm"))
        .ok_or("dist/ has no .wasm file")?;
    let wasm = std::fs::read(dist.join(&wasm_file.name)).map_err(|e| e.to_string())?;
    let sections = wasm_sections(&wasm)?;
    let input = format!(
        "{{\"native\":{native},\"sizes\":{},\"wasm_sections\":{sections}}}\n",
        sizes.trim()
    );
    let target = target_dir(root);
    std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
    let input_path = target.join("bench-input.json");
    std::fs::write(&input_path, input).map_err(|e| e.to_string())?;
    let out_dir = root.join("bench");
    run(
        "browser benchmarks (tests/bench.mjs, headless Chromium)",
        tools
            .node_script(root, "bench.mjs")
            .env("QUORUM_DIST", hooks)
            .arg(&input_path)
            .arg(&out_dir),
    )?;
    eprintln!(
        "==> report written to {} and {}",
        out_dir.join("report.md").display(),
        out_dir.join("report.json").display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_section_sizes() {
        // magic, version, a type section of 1 byte and a custom section "name" of 6 bytes.
        let module = [
            0, b'a', b's', b'm', 1, 0, 0, 0, 1, 1, 0, 0, 6, 4, b'n', b'a', b'm', b'e', 9,
        ];
        let json = wasm_sections(&module).unwrap();
        assert!(json.contains("\"section\":\"type\",\"bytes\":1"), "{json}");
        assert!(
            json.contains("\"section\":\"custom:name\",\"bytes\":6"),
            "{json}"
        );
        assert!(wasm_sections(b"nope").is_err());
    }
}
