//! Installs, once, what the page and the browser tests need, from the package registries only:
//! rustup's wasm32 target, trunk and wasm-bindgen-cli from crates.io, wasm-opt (npm `binaryen`),
//! esbuild (npm, to minify wasm-bindgen's JavaScript) and playwright-core + axe-core inside the project, Chromium from Debian's packages.

use crate::run;
use std::path::{Path, PathBuf};
use std::process::Command;

const TRUNK_VERSION: &str = "0.21.14";
/// Debian's binaryen is too old for today's rustc output; npm's is current.
const BINARYEN_VERSION: &str = "132.0.0";
/// Minifies wasm-bindgen's glue, which Trunk's own minifier cannot parse.
const ESBUILD_VERSION: &str = "0.25.12";

pub struct PageTools {
    /// `.tools/bin`, prepended to PATH so trunk finds wasm-bindgen and wasm-opt offline.
    path: String,
    /// `.tools/node_modules/.bin/esbuild`.
    pub esbuild: PathBuf,
}

impl PageTools {
    pub fn trunk(&self) -> Command {
        let mut command = Command::new("trunk");
        command.env("PATH", &self.path);
        if let Some(flags) = registry_remap_flags() {
            command.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", flags);
        }
        command
    }
}

pub struct BrowserTools {
    path: String,
}

impl BrowserTools {
    /// `node SCRIPT ARGS…` run from tests/, with the same PATH as the browser tests.
    pub fn node_script(&self, root: &Path, script: &str) -> Command {
        let mut command = Command::new("node");
        command
            .current_dir(root.join("tests"))
            .env("PATH", &self.path)
            .arg(script);
        command
    }

    /// `node --test` over tests/*.test.mjs against the built dist/.
    pub fn node_tests(&self, root: &Path) -> Command {
        let mut command = Command::new("node");
        command
            .current_dir(root.join("tests"))
            .env("PATH", &self.path)
            .args(["--test", "--test-concurrency=1"]);
        let mut files: Vec<String> = std::fs::read_dir(root.join("tests"))
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| name.ends_with(".test.mjs"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        command.args(files);
        command
    }
}

fn succeeds(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn cargo_bin() -> PathBuf {
    let home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
        });
    home.join("bin")
}

fn path_with(extra: &[PathBuf]) -> String {
    let mut parts: Vec<String> = extra.iter().map(|p| p.display().to_string()).collect();
    parts.push(cargo_bin().display().to_string());
    parts.push(std::env::var("PATH").unwrap_or_default());
    parts.join(":")
}

pub fn ensure_wasm_target() -> Result<(), String> {
    let installed = succeeds("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(
        "installing the wasm32-unknown-unknown target",
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
    )
}

fn ensure_trunk() -> Result<(), String> {
    let version = succeeds("trunk", &["--version"]).unwrap_or_default();
    if version.contains(TRUNK_VERSION) {
        return Ok(());
    }
    run(
        "installing trunk (first time only, about 11 minutes)",
        Command::new("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]),
    )
}

/// The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = ")) {
                return Ok(version.trim_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn ensure_wasm_bindgen(root: &Path) -> Result<(), String> {
    let wanted = locked_wasm_bindgen_version(root)?;
    let version = succeeds("wasm-bindgen", &["--version"]).unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(wanted.as_str()) {
        return Ok(());
    }
    // Not --locked: one of its pinned dependencies is missing from the registry.
    run(
        &format!("installing wasm-bindgen-cli {wanted} (first time only)"),
        Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &wanted,
            "--force",
        ]),
    )
}

fn npm_install_in(dir: &Path, step: &str, packages: &[&str]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    run(
        step,
        Command::new("npm")
            .current_dir(dir)
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "--prefix",
                ".",
            ])
            .args(packages),
    )
}

/// wasm-opt and esbuild from npm into `.tools/`, in one install: npm removes packages a
/// later `--no-save` install does not name.
fn ensure_npm_tools(root: &Path) -> Result<PathBuf, String> {
    let tools = root.join(".tools");
    let bin = tools.join("node_modules").join(".bin");
    let has = |tool: &str, version: &str| {
        succeeds(&bin.join(tool).display().to_string(), &["--version"])
            .is_some_and(|v| v.contains(version))
    };
    if !has("wasm-opt", "132") || !has("esbuild", ESBUILD_VERSION) {
        let binaryen = format!("binaryen@{BINARYEN_VERSION}");
        let esbuild = format!("esbuild@{ESBUILD_VERSION}");
        npm_install_in(
            &tools,
            "installing wasm-opt (npm binaryen) and esbuild into .tools/",
            &[&binaryen, &esbuild],
        )?;
    }
    Ok(bin)
}

pub fn ensure_page_tools(root: &Path) -> Result<PageTools, String> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen(root)?;
    let npm_bin = ensure_npm_tools(root)?;
    Ok(PageTools {
        esbuild: npm_bin.join("esbuild"),
        path: path_with(&[npm_bin]),
    })
}

fn ensure_chromium() -> Result<(), String> {
    let needed = [
        "/usr/bin/chromium",
        "/usr/bin/chromedriver",
        // Korean text in screenshots needs a CJK font.
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ];
    if needed.iter().all(|file| Path::new(file).exists()) {
        return Ok(());
    }
    run("apt-get update", Command::new("apt-get").arg("update"))?;
    run(
        "installing Chromium from Debian's packages",
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "--no-install-recommends"])
            .args(["chromium", "chromium-driver", "fonts-noto-cjk"]),
    )
}

pub fn ensure_browser_tools(root: &Path) -> Result<BrowserTools, String> {
    ensure_chromium()?;
    let tests = root.join("tests");
    let installed = |package: &str| tests.join("node_modules").join(package).exists();
    if !installed("playwright-core") || !installed("axe-core") {
        run(
            "installing the browser-test packages (npm ci in tests/)",
            Command::new("npm")
                .current_dir(&tests)
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
                .args(["ci", "--no-audit", "--no-fund"]),
        )?;
    }
    Ok(BrowserTools {
        path: path_with(&[]),
    })
}

/// `--remap-path-prefix` for each crates.io source directory: panic locations in the page then
/// read `crates.io/yew-0.23.0/src/…` instead of this machine's
/// `/root/.cargo/registry/src/index.crates.io-<hash>/…`, so the shipped wasm names no local
/// path and is the same whoever builds it (and ≈0.3 KB smaller gzipped).
fn registry_remap_flags() -> Option<String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let mut flags: Vec<String> = std::fs::read_dir(home.join("registry").join("src"))
        .ok()?
        .flatten()
        .filter_map(|e| e.path().to_str().map(str::to_string))
        .filter(|p| !p.contains(char::is_whitespace))
        .map(|p| format!("--remap-path-prefix={p}=crates.io"))
        .collect();
    flags.sort();
    (!flags.is_empty()).then(|| flags.join(" "))
}
