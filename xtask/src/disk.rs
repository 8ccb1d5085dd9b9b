//! A warning before a long run when the disk the build writes to is nearly full: a linker that
//! runs out of space dies with a bus error or "No space left on device", which does not say
//! what to do. Never fails the run: an incremental build may need little.

use std::path::Path;
use std::process::Command;

/// What a clean `cargo xtask test` writes (measured: the target directory ends near 3 GB).
const NEEDED_BYTES: u64 = 4_000_000_000;

/// Prints a warning when less than a clean run needs is free where `dir` lives.
pub fn warn_if_low(dir: &Path) {
    let Some(free) = free_bytes(existing_ancestor(dir)) else {
        return;
    };
    if free < NEEDED_BYTES {
        eprintln!(
            "xtask: warning: only {:.1} GB free on the disk of {}; a clean run needs about {} GB. \
             If a link fails with \"No space left on device\" or a bus error, free some space \
             (for example `cargo clean`) and run again.",
            free as f64 / 1e9,
            dir.display(),
            NEEDED_BYTES / 1_000_000_000
        );
    }
}

fn existing_ancestor(dir: &Path) -> &Path {
    dir.ancestors()
        .find(|d| d.exists())
        .unwrap_or(Path::new("/"))
}

/// Free bytes from POSIX `df -Pk` (no libc binding needed for one number).
fn free_bytes(dir: &Path) -> Option<u64> {
    let out = Command::new("df").arg("-Pk").arg(dir).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().nth(1)?;
    let available_kib: u64 = line.split_whitespace().nth(3)?.parse().ok()?;
    Some(available_kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_free_space_and_finds_an_existing_parent() {
        assert!(free_bytes(Path::new("/")).is_some_and(|b| b > 0));
        let missing = Path::new("/tmp/quorum-no-such-dir/deeper");
        assert!(existing_ancestor(missing).exists());
    }
}
