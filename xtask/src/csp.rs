//! The built page's Content-Security-Policy: nothing beyond the page's own files.
//!
//! Trunk 0.21 writes an inline `<script type="module">` that loads the wasm; it has no option
//! to move it to a file, and its nonce option needs a server that fills the nonce in per
//! request. So after `trunk build` the policy is put into `dist/index.html` as a `<meta>`
//! with the SHA-256 hash of each inline script, computed from the file as written.
//! (`frame-ancestors` cannot be set from a `<meta>`; the page is meant to be embeddable.)

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The text of every inline `<script>` (one without `src=`), exactly as between the tags.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let after_open = &rest[open..];
        let Some(tag_end) = after_open.find('>') else {
            break;
        };
        let tag = &after_open[..tag_end];
        let body_and_rest = &after_open[tag_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        if !tag.contains("src=") {
            scripts.push(&body_and_rest[..close]);
        }
        rest = &body_and_rest[close..];
    }
    scripts
}

/// The policy for a page whose inline scripts are `scripts`.
pub fn policy(scripts: &[&str]) -> String {
    let hashes: String = scripts
        .iter()
        .map(|s| {
            format!(
                " 'sha256-{}'",
                STANDARD.encode(Sha256::digest(s.as_bytes()))
            )
        })
        .collect();
    // 'wasm-unsafe-eval' lets the page compile its own wasm (fetched under connect-src);
    // it allows no JavaScript eval.
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'"
    )
}

/// `html` with the policy's `<meta>` right after `<meta charset>` (before any script).
pub fn with_policy(html: &str) -> Result<String, String> {
    if html.contains("Content-Security-Policy") {
        return Err("index.html already carries a Content-Security-Policy".into());
    }
    let meta = format!(
        "\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        policy(&inline_scripts(html))
    );
    // As written in www/index.html, or as Trunk's minifier leaves it (release builds).
    let at = ["<meta charset=\"utf-8\">", "<meta charset=utf-8>"]
        .iter()
        .find_map(|anchor| html.find(anchor).map(|at| at + anchor.len()))
        .ok_or("index.html has no <meta charset=\"utf-8\"> to put the policy after")?;
    Ok(format!("{}{meta}{}", &html[..at], &html[at..]))
}

/// Adds the policy to `dist/index.html`.
pub fn apply(dist: &Path) -> Result<(), String> {
    let path = dist.join("index.html");
    let html = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let out = with_policy(&html)?;
    std::fs::write(&path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!("==> Content-Security-Policy added to dist/index.html");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><head><meta charset=\"utf-8\">\n\
        <script type=\"module\">\nimport init from './a.js';\n</script>\
        <script src=\"b.js\"></script></head>";

    #[test]
    fn hashes_only_inline_scripts() {
        assert_eq!(inline_scripts(PAGE), vec!["\nimport init from './a.js';\n"]);
        let p = policy(&inline_scripts(PAGE));
        let expected = STANDARD.encode(Sha256::digest(b"\nimport init from './a.js';\n"));
        assert!(p.contains(&format!("'sha256-{expected}'")), "{p}");
        assert!(p.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' "));
    }

    #[test]
    fn a_minified_page_gets_the_policy_too() {
        let minified = PAGE.replace("<meta charset=\"utf-8\">", "<meta charset=utf-8>");
        let out = with_policy(&minified).unwrap();
        assert!(out.find("Content-Security-Policy").unwrap() < out.find("<script").unwrap());
    }

    #[test]
    fn the_meta_comes_before_the_scripts_and_only_once() {
        let out = with_policy(PAGE).unwrap();
        let meta = out.find("Content-Security-Policy").unwrap();
        assert!(meta < out.find("<script").unwrap());
        assert!(with_policy(&out).is_err());
    }
}
