//! Bundles the lessons: reads `www/lessons/index` (one lesson id per line, `#` comments)
//! and writes `$OUT_DIR/bundle.rs` with an `include_str!` of each `<id>.lesson`, in
//! index order. Adding a lesson is: drop the file in `www/lessons/`, add its id to the
//! index. A listed file that is missing is skipped with a warning (the crate's tests
//! then fail, but the workspace build does not).

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = manifest.join("../../www/lessons");
    let index = dir.join("index");
    println!("cargo:rerun-if-changed={}", index.display());
    println!("cargo:rerun-if-changed={}", dir.display());
    let text = std::fs::read_to_string(&index).unwrap_or_else(|_| {
        println!("cargo:warning=no lesson index at {}", index.display());
        String::new()
    });
    let mut code = String::from("/// (id, source) of every bundled lesson, in index order.\npub const BUNDLE: &[(&str, &str)] = &[\n");
    for id in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let valid = id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let path = dir.join(format!("{id}.lesson"));
        if !valid || !path.is_file() {
            println!(
                "cargo:warning=lesson `{id}` listed in the index has no file {}",
                path.display()
            );
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            code,
            "    ({id:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("bundle.rs");
    if let Err(e) = std::fs::write(&out, code) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}
