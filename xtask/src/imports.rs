//! Short import names for the page's wasm (≈5 KB gzipped off the page).
//!
//! wasm-bindgen names every function the module imports from its JavaScript glue
//! `__wbg_<name>_<16 hex digits>`, under the module name `./<crate>_bg.js`; each name is
//! written twice, in the wasm's import section and as a key of the glue's import object, and
//! the random hex digits do not compress. After esbuild has minified the glue, this renames
//! each import to `a`, `b`, … in both files at once, and the module to `a`, then updates the
//! two files' Subresource Integrity hashes in `index.html`.
//!
//! It only renames what it can match exactly: an import whose name does not occur exactly
//! once in the glue as a whole word keeps its name (the page still works, only less small).

use std::path::Path;

/// Renames the imports of the one `*_bg.wasm` in `dist` and of its glue `.js`.
pub fn apply(dist: &Path) -> Result<(), String> {
    let wasm_path = only_file(dist, "_bg.wasm")?;
    let js_path = only_file(dist, ".js")?;
    let wasm = std::fs::read(&wasm_path).map_err(|e| format!("cannot read the wasm: {e}"))?;
    let js = std::fs::read_to_string(&js_path).map_err(|e| format!("cannot read the glue: {e}"))?;
    let (new_wasm, new_js, renamed) = shorten(&wasm, &js)?;
    let index_path = dist.join("index.html");
    let mut index =
        std::fs::read_to_string(&index_path).map_err(|e| format!("cannot read index.html: {e}"))?;
    for (old, new) in [
        (&wasm[..], &new_wasm[..]),
        (js.as_bytes(), new_js.as_bytes()),
    ] {
        let (old, new) = (crate::minify::sri(old), crate::minify::sri(new));
        index = crate::minify::replace_integrity(&index, &old, &new)
            .ok_or("index.html has no integrity hash for the wasm or its glue")?;
    }
    std::fs::write(&wasm_path, new_wasm).map_err(|e| format!("cannot write the wasm: {e}"))?;
    std::fs::write(&js_path, new_js).map_err(|e| format!("cannot write the glue: {e}"))?;
    std::fs::write(&index_path, index).map_err(|e| format!("cannot write index.html: {e}"))?;
    eprintln!("==> {renamed} wasm imports renamed to short names");
    Ok(())
}

fn only_file(dist: &Path, suffix: &str) -> Result<std::path::PathBuf, String> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("cannot list dist/: {e}"))?;
    let mut found: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(suffix)))
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(format!("expected one *{suffix} in dist/, found {n}")),
    }
}

/// The wasm and glue with short import names, and how many imports were renamed.
fn shorten(wasm: &[u8], js: &str) -> Result<(Vec<u8>, String, usize), String> {
    let bad = || "the wasm file is malformed".to_string();
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err(bad());
    }
    let mut out = wasm[..8].to_vec();
    let mut js = js.to_string();
    let mut renamed = 0;
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (len, body_at) = leb(wasm, at + 1).ok_or_else(bad)?;
        let body = wasm.get(body_at..body_at + len as usize).ok_or_else(bad)?;
        at = body_at + len as usize;
        let body = if id == 2 {
            let (body, n) = rename_imports(body, &mut js).ok_or_else(bad)?;
            renamed = n;
            body
        } else {
            body.to_vec()
        };
        out.push(id);
        push_leb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
    }
    Ok((out, js, renamed))
}

/// The import section with short names (and the glue edited to match).
fn rename_imports(body: &[u8], js: &mut String) -> Option<(Vec<u8>, usize)> {
    let (count, mut at) = leb(body, 0)?;
    let mut out = Vec::new();
    push_leb(&mut out, count);
    let mut renamed = 0;
    let mut module_renamed: Option<(String, bool)> = None;
    for _ in 0..count {
        let (module, next) = name(body, at)?;
        let (field, next) = name(body, next)?;
        let desc_end = skip_desc(body, next)?;
        // The module is one quoted key of the glue's import object.
        let (first_module, module_ok) = module_renamed.get_or_insert_with(|| {
            let key = format!("\"{module}\":");
            let ok = js.matches(&key).count() == 1;
            if ok {
                *js = js.replacen(&key, "a:", 1);
            }
            (module.to_string(), ok)
        });
        let module_ok = *module_ok && first_module == module;
        push_name(&mut out, if module_ok { "a" } else { module });
        let short = short_name(renamed);
        if replace_word_once(js, field, &short) {
            push_name(&mut out, &short);
            renamed += 1;
        } else {
            push_name(&mut out, field);
        }
        out.extend_from_slice(&body[next..desc_end]);
        at = desc_end;
    }
    Some((out, renamed))
}

/// Replaces `word` by `new` if it occurs exactly once in `js` as a whole identifier.
fn replace_word_once(js: &mut String, word: &str, new: &str) -> bool {
    let ident =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    let whole: Vec<usize> = js
        .match_indices(word)
        .map(|(i, _)| i)
        .filter(|&i| {
            !ident(js[..i].chars().next_back()) && !ident(js[i + word.len()..].chars().next())
        })
        .collect();
    if let [i] = whole[..] {
        js.replace_range(i..i + word.len(), new);
        true
    } else {
        false
    }
}

/// `a`…`z`, `A`…`Z`, then `aa`, `ab`, …: none can clash with a wasm-bindgen name (`__wb…`).
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut s = Vec::new();
    loop {
        s.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// End of an import description (function, table, memory, global or tag) starting at `at`.
fn skip_desc(b: &[u8], at: usize) -> Option<usize> {
    let limits = |at: usize| -> Option<usize> {
        let flags = *b.get(at)?;
        let (_, at) = leb(b, at + 1)?;
        if flags & 1 == 1 {
            leb(b, at).map(|(_, at)| at)
        } else {
            Some(at)
        }
    };
    match *b.get(at)? {
        0 => leb(b, at + 1).map(|(_, at)| at),
        1 => limits(at + 2),
        2 => limits(at + 1),
        3 => Some(at + 3),
        4 => leb(b, at + 2).map(|(_, at)| at),
        _ => None,
    }
}

fn name(b: &[u8], at: usize) -> Option<(&str, usize)> {
    let (len, at) = leb(b, at)?;
    let end = at.checked_add(len as usize)?;
    Some((std::str::from_utf8(b.get(at..end)?).ok()?, end))
}

fn push_name(out: &mut Vec<u8>, s: &str) {
    push_leb(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn leb(b: &[u8], mut at: usize) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *b.get(at)?;
        at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some((value, at));
        }
    }
    None
}

fn push_leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two functions and a memory from the glue.
    fn module() -> Vec<u8> {
        let mut imports = Vec::new();
        push_leb(&mut imports, 3);
        for (field, desc) in [
            ("__wbg_log_0123456789abcdef", &[0u8, 0][..]),
            ("__wbg_now_fedcba9876543210", &[0, 1]),
            ("memory", &[2, 1, 17, 100]),
        ] {
            push_name(&mut imports, "./page_bg.js");
            push_name(&mut imports, field);
            imports.extend_from_slice(desc);
        }
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: one () -> ()
        m.push(2);
        push_leb(&mut m, imports.len() as u64);
        m.extend_from_slice(&imports);
        m
    }

    #[test]
    fn renames_in_both_files_and_keeps_what_it_cannot_match() {
        let js = r#"return{"./page_bg.js":{__wbg_log_0123456789abcdef:function(){},__wbg_now_fedcba9876543210:x,y:__wbg_now_fedcba9876543210}}"#;
        let (wasm, js, renamed) = shorten(&module(), js).expect("valid module");
        // `now` occurs twice in the glue, `memory` not at all: both keep their names.
        assert_eq!(renamed, 1);
        assert_eq!(
            js,
            r#"return{a:{a:function(){},__wbg_now_fedcba9876543210:x,y:__wbg_now_fedcba9876543210}}"#
        );
        let (_, at) = leb(&wasm, 8 + 6 + 1).unwrap();
        let (count, mut at) = leb(&wasm, at).unwrap();
        let mut seen = Vec::new();
        for _ in 0..count {
            let (m, next) = name(&wasm, at).unwrap();
            let (f, next) = name(&wasm, next).unwrap();
            seen.push(format!("{m}.{f}"));
            at = skip_desc(&wasm, next).unwrap();
        }
        assert_eq!(seen, ["a.a", "a.__wbg_now_fedcba9876543210", "a.memory"]);
        assert_eq!(at, wasm.len());
    }

    #[test]
    fn short_names_are_distinct_letters() {
        let names: Vec<String> = (0..52 * 53).map(short_name).collect();
        assert_eq!(
            (&names[0][..], &names[51][..], &names[52][..]),
            ("a", "Z", "aa")
        );
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }

    #[test]
    fn malformed_modules_are_refused() {
        assert!(shorten(b"not wasm", "").is_err());
        let mut m = module();
        m.truncate(m.len() - 3);
        assert!(shorten(&m, "").is_err());
    }
}
