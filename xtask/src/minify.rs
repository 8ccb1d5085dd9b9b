//! Minifies the page's JavaScript after `trunk build`: wasm-bindgen's glue is the one file
//! Trunk's minifier cannot parse (it warns and leaves it whole). esbuild rewrites it in
//! place, then the `integrity` (Subresource Integrity) hash Trunk wrote for it into
//! `index.html` is replaced by the new file's, or the browser would refuse to load it.

use crate::run;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha384};
use std::path::Path;
use std::process::Command;

/// Minifies every `.js` file of `dist` and updates its SRI hash in `dist/index.html`.
pub fn apply(dist: &Path, esbuild: &Path) -> Result<(), String> {
    let index_path = dist.join("index.html");
    let mut index = read(&index_path)?;
    for name in js_files(dist)? {
        let file = dist.join(&name);
        let old = sri(&std::fs::read(&file).map_err(|e| format!("cannot read {name}: {e}"))?);
        run(
            &format!("minifying {name} (esbuild)"),
            Command::new(esbuild)
                .arg(&file)
                .args([
                    "--minify",
                    "--format=esm",
                    "--allow-overwrite",
                    "--log-level=warning",
                ])
                .arg(format!("--outfile={}", file.display())),
        )?;
        let new = sri(&std::fs::read(&file).map_err(|e| format!("cannot read {name}: {e}"))?);
        index = replace_integrity(&index, &old, &new)
            .ok_or_else(|| format!("index.html has no integrity hash for {name}"))?;
    }
    std::fs::write(&index_path, index).map_err(|e| format!("cannot write index.html: {e}"))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn js_files(dist: &Path) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("cannot list dist/: {e}"))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".js"))
        .collect();
    names.sort();
    Ok(names)
}

/// The `sha384-…` value an `integrity` attribute carries for `bytes`.
pub(crate) fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", STANDARD.encode(Sha384::digest(bytes)))
}

/// `html` with the integrity value `old` replaced by `new`; `None` if `old` is not there.
pub(crate) fn replace_integrity(html: &str, old: &str, new: &str) -> Option<String> {
    html.contains(old).then(|| html.replace(old, new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sri_matches_the_browsers_format() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            sri(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn replaces_only_a_present_hash() {
        let html = "<link href=./a.js integrity=sha384-OLD rel=modulepreload>";
        assert_eq!(
            replace_integrity(html, "sha384-OLD", "sha384-NEW").as_deref(),
            Some("<link href=./a.js integrity=sha384-NEW rel=modulepreload>")
        );
        assert_eq!(replace_integrity(html, "sha384-GONE", "sha384-NEW"), None);
    }
}
