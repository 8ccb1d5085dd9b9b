//! The size budget of the built page: every file in `dist/` gzipped, and their total.
//! Sizes are deterministic for a given build, so the test command enforces the budget.

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::Path;

/// Total gzipped bytes allowed for everything in `dist/`.
///
/// Issue 9 asks for 250 KB; the page is still about 2.6 times that (Yew plus the Raft,
/// simulator, etcd, Kubernetes and course crates and every bilingual string; bench/size.md
/// says what the wasm is made of and what was done). History: 768 KiB at first; raised once
/// to 780 KiB when Kubernetes moved onto the simulated Raft etcd and the experiment view,
/// Figure 8 and the lesson player's steps landed (page ≈790 KB). Then (session 12) etcd's
/// Raft entries in bincode instead of JSON, small maps as sorted Vecs instead of B-trees,
/// no Unicode case tables, no float parser, no libm, fewer std sort instantiations, views
/// without state as plain functions instead of components, and two wasm-opt assumptions took
/// it to 647,706 B, and the budget came down to 636 KiB, just above. Session 13 added
/// etcdctl's missing outputs (v2 `-o`, v3 `-w fields`, hashkv, alarms, snapshots, v2
/// compare-and-swap) and still took the page to ≈638,000 B (membership sets, in-flight
/// messages, the MVCC index and the v2 tree without B-trees, fewer std sorts, minified
/// CSS): 626 KiB. Session 14 added etcdctl `lock` and `elect` (+8.3 KB) and still took the
/// page to ≈632,500 B (wasm-bindgen's JavaScript minified by esbuild; the election experiment
/// on the page's own `EtcdState` and the KV-store bench hooks in a separate build, so the
/// simulator is compiled once): 619 KiB. Session 15 added etcd's and client-go's own tests
/// and the fixes they found (etcdctl 3.5 watch, v2 store and client, MVCC, Raft, Lease
/// election; ≈+5 KB) and MVCC histories shared between time-travel copies (a 10-minute
/// run with clients held 17 GB), and still ended at ≈633,300 B: wasm-bindgen's imports
/// renamed to short names in the wasm and its glue (−4.9 KB), crates.io paths remapped in
/// panic locations and two custom sections stripped (−0.6 KB). It went up to 621 KiB in
/// the middle of that session and is back at 619 KiB. Session 16 added etcdctl v2 `watch`
/// and `exec-watch`, `watch -i`, v2 member add/remove and what porting etcd's documented
/// examples found, and still ended at 627,712 B: talc instead of dlmalloc (−2.5 KB), one
/// small base64 codec instead of the crate (−2.6 KB), the configuration structs and a run's
/// actions through one shared serde reader instead of derived ones (−4.2 KB), no 128-bit
/// division (−0.3 KB), two more views as plain functions (−1.1 KB): 614 KiB.
/// Session 17 raised it once, to 626 KiB (page 640,437 B): the lab now checks the client
/// history's linearizability live and lists the operations that cannot be ordered, which
/// issue 4 asked of the page and which the "stale local reads" switch needs to be seen
/// (+12.5 KB, after putting every sort of the checker through the page's one u64 sort).
/// bench/size.md (session 17) says why 250 KB needs a smaller scope, not a smaller build.
pub const BUDGET_BYTES: u64 = 626 * 1024;

pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub gzipped: u64,
}

pub fn gzipped_len(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .expect("writing to memory cannot fail");
    encoder.finish().map(|v| v.len() as u64).unwrap_or(u64::MAX)
}

fn collect(dir: &Path, prefix: &str, out: &mut Vec<FileSize>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.filter_map(|e| e.ok()) {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let path = entry.path();
        if path.is_dir() {
            collect(&path, &format!("{name}/"), out)?;
        } else {
            let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {name}: {e}"))?;
            out.push(FileSize {
                name,
                raw: bytes.len() as u64,
                gzipped: gzipped_len(&bytes),
            });
        }
    }
    Ok(())
}

pub fn sizes(dist: &Path) -> Result<Vec<FileSize>, String> {
    let mut files = Vec::new();
    collect(dist, "", &mut files)?;
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// Prints the size table and fails when the total is over budget.
pub fn check(dist: &Path) -> Result<(), String> {
    let files = sizes(dist)?;
    let total: u64 = files.iter().map(|f| f.gzipped).sum();
    eprintln!("==> size of dist/ (gzipped)");
    for file in &files {
        eprintln!(
            "    {:>9} B  {:>9} B gz  {}",
            file.raw, file.gzipped, file.name
        );
    }
    eprintln!("    total {total} B gzipped, budget {BUDGET_BYTES} B");
    if total > BUDGET_BYTES {
        return Err(format!(
            "the page is {total} B gzipped, over its budget of {BUDGET_BYTES} B"
        ));
    }
    Ok(())
}

/// The size part of the benchmark report, as JSON.
pub fn size_report(dist: &Path) -> Result<String, String> {
    let files = sizes(dist)?;
    let total: u64 = files.iter().map(|f| f.gzipped).sum();
    let rows: Vec<String> = files
        .iter()
        .map(|f| {
            format!(
                "{{\"file\":{:?},\"bytes\":{},\"gzip_bytes\":{}}}",
                f.name, f.raw, f.gzipped
            )
        })
        .collect();
    Ok(format!(
        "{{\"dist\":[{}],\"total_gzip_bytes\":{total},\"budget_gzip_bytes\":{BUDGET_BYTES}}}\n",
        rows.join(",")
    ))
}
