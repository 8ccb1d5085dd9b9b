//! `cargo xtask <command>`: the project's own build tool.
//!
//! - `serve`: build the playground and serve it on http://127.0.0.1:8080
//! - `test`:  every check CI runs, failing on the first problem
//! - `dist`:  build the static site into `dist/`
//! - `bench`: benchmarks and budget report (see `bench.rs`)
//!
//! Each command first installs what it needs and is missing (`tools.rs`), once.

mod bench;
mod budget;
mod csp;
mod disk;
mod imports;
mod minify;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{exit, Command};

const USAGE: &str = "usage: cargo xtask <serve|test|dist|bench>

  serve   build the playground and serve it on http://127.0.0.1:8080
  test    fmt, clippy, native tests, release build of the page, browser tests
  dist    build the static site into dist/ (for hosting or embedding)
  bench   run the benchmarks and write bench/report.md and bench/report.json";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    std::env::set_current_dir(&root).expect("cannot enter the project root");
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&root),
        Some("test") => test(&root),
        Some("dist") => dist(&root).map(|_| ()),
        Some("bench") => bench(&root),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            exit(2);
        }
    };
    if let Err(message) = result {
        eprintln!("xtask: {message}");
        exit(1);
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the root")
        .to_path_buf()
}

/// Runs a command, streaming its output; an error names the step that failed.
pub fn run(step: &str, command: &mut Command) -> Result<(), String> {
    eprintln!("==> {step}");
    let status = command
        .status()
        .map_err(|e| format!("{step}: cannot start {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{step} failed ({status})"))
    }
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn serve(root: &Path) -> Result<(), String> {
    let tools = tools::ensure_page_tools(root)?;
    eprintln!("==> serving the playground on http://127.0.0.1:8080 (Ctrl-C stops)");
    run(
        "trunk serve",
        tools.trunk().args([
            "serve",
            "--release",
            "--address",
            "127.0.0.1",
            "--port",
            "8080",
        ]),
    )
}

fn dist(root: &Path) -> Result<PathBuf, String> {
    // QUORUM_DIST builds elsewhere (agents sharing one tree; tests/support.mjs reads it too).
    let dist = std::env::var_os("QUORUM_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("dist"));
    build_page(root, dist, None)
}

/// The page with the `bench-hooks` feature (quorum bench's workload in wasm), for the
/// benchmarks and the determinism test only; never shipped, never size-checked.
fn hooks_dist(root: &Path) -> Result<PathBuf, String> {
    let dist = std::env::var_os("QUORUM_HOOKS_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("dist-bench-hooks"));
    build_page(root, dist, Some("bench-hooks"))
}

fn build_page(root: &Path, dist: PathBuf, features: Option<&str>) -> Result<PathBuf, String> {
    let tools = tools::ensure_page_tools(root)?;
    let mut trunk = tools.trunk();
    trunk.args(["build", "--release", "--dist"]).arg(&dist);
    if let Some(features) = features {
        trunk.args(["--features", features]);
    }
    let step = match features {
        None => "release build of the page (trunk build --release)".to_string(),
        Some(f) => format!("release build of the page with --features {f}"),
    };
    run(&step, &mut trunk)?;
    minify::apply(&dist, &tools.esbuild)?;
    imports::apply(&dist)?;
    csp::apply(&dist)?;
    eprintln!("==> the static site is in {}", dist.display());
    Ok(dist)
}

fn test(root: &Path) -> Result<(), String> {
    disk::warn_if_low(&bench::target_dir(root));
    run(
        "cargo fmt --check",
        cargo().args(["fmt", "--all", "--", "--check"]),
    )?;
    tools::ensure_wasm_target()?;
    run(
        "cargo clippy (native crates)",
        cargo()
            .args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--exclude",
                "quorum-web",
            ])
            .args(["--", "-D", "warnings"]),
    )?;
    run(
        "cargo clippy (web crate, wasm32, with the bench hooks)",
        cargo()
            .args([
                "clippy",
                "-p",
                "quorum-web",
                "--all-features",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .args(["--", "-D", "warnings"]),
    )?;
    run(
        "cargo test (every crate, natively)",
        cargo().args(["test", "--workspace"]),
    )?;
    let dist = dist(root)?;
    // Checked now, reported after the browser tests: a page over budget still gets tested.
    let size = budget::check(&dist);
    let hooks = hooks_dist(root)?;
    let tools = tools::ensure_browser_tools(root)?;
    run(
        "browser tests (headless Chromium)",
        tools.node_tests(root).env("QUORUM_HOOKS_DIST", &hooks),
    )?;
    size
}

fn bench(root: &Path) -> Result<(), String> {
    let native = bench::native(root)?;
    let dist = dist(root)?;
    let hooks = hooks_dist(root)?;
    let tools = tools::ensure_browser_tools(root)?;
    bench::browser(root, &dist, &hooks, &native, &tools)
}
