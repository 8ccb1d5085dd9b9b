//! Output helpers shared by the etcdctl printers: base64, JSON building, tablewriter tables,
//! and Go's `%016x` / `%16x` forms of IDs.

use crate::mvcc::KeyValue;

/// Standard base64, as Go's encoding/json writes `[]byte` fields.
pub fn base64(s: &str) -> String {
    quorum_sim::base64::encode(s, quorum_sim::base64::STANDARD, true)
}

/// A JSON string literal (as Go's encoding/json writes it, HTML-escaping `<>&`).
pub fn jstr(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            '<' => o.push_str("\\u003c"),
            '>' => o.push_str("\\u003e"),
            '&' => o.push_str("\\u0026"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// Builds a JSON object field by field, leaving out zero values (`omitempty`).
#[derive(Default)]
pub struct Obj {
    fields: Vec<String>,
}

impl Obj {
    pub fn new() -> Obj {
        Obj::default()
    }
    pub fn num(mut self, k: &str, v: i128) -> Obj {
        if v != 0 {
            self.fields.push(format!("\"{k}\":{v}"));
        }
        self
    }
    pub fn boolean(mut self, k: &str, v: bool) -> Obj {
        if v {
            self.fields.push(format!("\"{k}\":true"));
        }
        self
    }
    pub fn string(mut self, k: &str, v: &str) -> Obj {
        if !v.is_empty() {
            self.fields.push(format!("\"{k}\":{}", jstr(v)));
        }
        self
    }
    /// A raw JSON value (always written).
    pub fn raw(mut self, k: &str, v: String) -> Obj {
        self.fields.push(format!("\"{k}\":{v}"));
        self
    }
    pub fn raw_if(self, k: &str, v: Option<String>) -> Obj {
        match v {
            Some(v) => self.raw(k, v),
            None => self,
        }
    }
    pub fn build(self) -> String {
        format!("{{{}}}", self.fields.join(","))
    }
}

pub fn arr(items: Vec<String>) -> String {
    format!("[{}]", items.join(","))
}

pub fn kv_json(kv: &KeyValue) -> String {
    Obj::new()
        .string("key", &base64(&kv.key))
        .num("create_revision", kv.create_revision as i128)
        .num("mod_revision", kv.mod_revision as i128)
        .num("version", kv.version as i128)
        .string("value", &base64(&kv.value))
        .num("lease", kv.lease as i128)
        .build()
}

/// Go `%016x` of an int64 (sign first, then zero padding to 16 characters in all).
pub fn lease_hex(id: i64) -> String {
    if id < 0 {
        format!("-{:015x}", id.unsigned_abs())
    } else {
        format!("{id:016x}")
    }
}

/// Go `%16x` of a uint64: space padded.
pub fn id16(id: u64) -> String {
    format!("{id:>16x}")
}

/// olekukonko/tablewriter as etcdctl configures it: centered upper-case headers, cells
/// aligned right (member list, endpoint status) or left.
pub fn table(headers: &[&str], rows: &[Vec<String>], align_right: bool) -> Vec<String> {
    let n = headers.len();
    let mut w: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let sep = format!(
        "+{}+",
        w.iter()
            .map(|x| "-".repeat(x + 2))
            .collect::<Vec<_>>()
            .join("+")
    );
    let mut out = vec![sep.clone()];
    let head: Vec<String> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = h.to_ascii_uppercase();
            let gap = w[i] - h.chars().count();
            let left = gap / 2;
            format!(" {}{}{} ", " ".repeat(left), h, " ".repeat(gap - left))
        })
        .collect();
    out.push(format!("|{}|", head.join("|")));
    out.push(sep.clone());
    for r in rows {
        let cells: Vec<String> = (0..n)
            .map(|i| {
                let c = r.get(i).map(String::as_str).unwrap_or("");
                let pad = " ".repeat(w[i] - c.chars().count());
                if align_right {
                    format!(" {pad}{c} ")
                } else {
                    format!(" {c}{pad} ")
                }
            })
            .collect();
        out.push(format!("|{}|", cells.join("|")));
    }
    out.push(sep);
    out
}
