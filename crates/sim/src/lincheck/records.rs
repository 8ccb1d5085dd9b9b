//! Splits a history file into records, one per event, before the parsers read them.
//!
//! Jepsen logs are one event a line. EDN histories usually are too, but not always: Clojure's
//! pretty-printer (which Jepsen and Knossos use to save histories) breaks a long map over
//! several lines, a history may be a list `(...)` as well as a vector `[...]`, comments (`;`)
//! sit between events, and older Knossos files hold `[process type f value]` tuples instead of
//! maps. An EDN record is therefore one balanced `{...}` or `[...]` form starting on a line,
//! with comments removed; its line number is the line it starts on.

use super::parse::Format;
use std::borrow::Cow;

/// A record that has not closed after this many lines is not one (an unbalanced bracket):
/// it is read as its first line alone, which the parser then reports as not understood.
const MAX_RECORD_LINES: usize = 64;

/// The records of `text` with their 0-based starting line.
pub(super) fn records(text: &str, format: Format) -> Vec<(usize, Cow<'_, str>)> {
    let lines: Vec<&str> = text.lines().collect();
    match format {
        Format::Jepsen => lines
            .into_iter()
            .enumerate()
            .map(|(n, l)| (n, Cow::Borrowed(l)))
            .collect(),
        Format::Edn => edn_records(&lines),
    }
}

fn edn_records<'a>(lines: &[&'a str]) -> Vec<(usize, Cow<'a, str>)> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let body = strip_container(lines[i]);
        if !(body.starts_with('{') || body.starts_with('[')) {
            out.push((i, Cow::Borrowed(lines[i])));
            i += 1;
            continue;
        }
        let mut scan = Scan::default();
        let kept = scan.feed(body);
        if let Some(end) = scan.end {
            out.push((i, Cow::Borrowed(&body[..end])));
            i += 1;
            continue;
        }
        let mut record = kept.to_string();
        let mut j = i + 1;
        while scan.end.is_none() && j < lines.len() && j - i < MAX_RECORD_LINES {
            record.push('\n');
            scan.offset = record.len();
            let kept = scan.feed(lines[j]);
            record.push_str(kept);
            j += 1;
        }
        match scan.end {
            Some(end) => {
                record.truncate(end);
                out.push((i, Cow::Owned(record)));
                i = j;
            }
            None => {
                out.push((i, Cow::Borrowed(body)));
                i += 1;
            }
        }
    }
    out
}

/// Drops the opening of a whole-history vector or list (`[{`, `({`, `[[`), so that the first
/// event on that line is a record of its own.
fn strip_container(line: &str) -> &str {
    let t = line.trim();
    for open in ['[', '('] {
        if let Some(rest) = t.strip_prefix(open) {
            let rest = rest.trim_start();
            if rest.starts_with('{') || rest.starts_with('[') {
                return rest;
            }
        }
    }
    t
}

/// Bracket balance across lines, outside strings and comments.
#[derive(Default)]
struct Scan {
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// Length of the record text before the line being fed.
    offset: usize,
    /// Where the record ends (just after its closing bracket), once it has.
    end: Option<usize>,
}

impl Scan {
    /// Feeds one line; returns the part of it that belongs to the record (a comment and
    /// anything after the closing bracket are left out).
    fn feed<'l>(&mut self, line: &'l str) -> &'l str {
        for (i, c) in line.char_indices() {
            if self.in_string {
                match (self.escaped, c) {
                    (true, _) => self.escaped = false,
                    (false, '\\') => self.escaped = true,
                    (false, '"') => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => self.in_string = true,
                ';' => return &line[..i],
                '{' | '[' | '(' => self.depth += 1,
                '}' | ']' | ')' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        let end = i + c.len_utf8();
                        self.end = Some(self.offset + end);
                        return &line[..end];
                    }
                }
                _ => {}
            }
        }
        line
    }
}
