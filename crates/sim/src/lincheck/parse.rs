//! Parsers for the two reference history formats. Neither ever panics: a line that matches no
//! known form is skipped, and every number is parsed with checked conversions.
//!
//! Instants are event sequence numbers (line order), which is exactly the real-time order the
//! logs record.

use super::history::{Completion, History, HistoryBuilder};
use super::model::{Input, Output, Value};

/// The two supported formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `INFO  jepsen.util - 3 :invoke :read nil` (a single register).
    Jepsen,
    /// `{:process 0, :type :invoke, :f :get, :key "3", :value nil}`.
    Edn,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "jepsen" => Some(Format::Jepsen),
            "edn" => Some(Format::Edn),
            _ => None,
        }
    }
}

/// Guesses the format from the first line that looks like either.
pub fn detect(text: &str) -> Option<Format> {
    text.lines().find_map(|l| {
        let l = l.trim_start();
        if l.starts_with('{') && l.contains(":type") {
            Some(Format::Edn)
        } else if l.contains("jepsen.util") {
            Some(Format::Jepsen)
        } else {
            None
        }
    })
}

/// Parses a whole file in the given format.
pub fn parse(text: &str, format: Format) -> History {
    match format {
        Format::Jepsen => parse_jepsen(text),
        Format::Edn => parse_edn(text),
    }
}

/// The event kinds both formats share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Invoke,
    Ok,
    Fail,
    Info,
}

fn kind(word: &str) -> Option<Kind> {
    match word.trim_start_matches(':') {
        "invoke" => Some(Kind::Invoke),
        "ok" => Some(Kind::Ok),
        "fail" => Some(Kind::Fail),
        "info" => Some(Kind::Info),
        _ => None,
    }
}

/// A parsed operation value: nil, a scalar, or a vector of scalars.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Val {
    Nil,
    Scalar(Value),
    Vector(Vec<Value>),
    Keyword(String),
}

/// Builds the input of an invocation from its function name and value.
fn input_of(f: &str, value: &Val) -> Option<Input> {
    match (f, value) {
        ("read" | "get", _) => Some(Input::Read),
        ("write" | "put", Val::Scalar(v)) => Some(Input::Write(v.clone())),
        ("append", Val::Scalar(v)) => Some(Input::Append(v.clone())),
        ("cas", Val::Vector(v)) if v.len() == 2 => Some(Input::Cas {
            expect: v[0].clone(),
            new: v[1].clone(),
        }),
        _ => None,
    }
}

/// Builds the completion of an `:ok`/`:fail`/`:info` event.
fn completion_of(kind: Kind, f: &str, value: &Val) -> Option<Completion> {
    match kind {
        Kind::Invoke => None,
        Kind::Info => Some(Completion::Unknown),
        // A "failed" read that timed out says nothing; treat every failed read alike.
        Kind::Fail if matches!(value, Val::Keyword(_)) && f != "cas" => Some(Completion::Unknown),
        Kind::Fail => Some(Completion::Failed),
        Kind::Ok => match (f, value) {
            ("read" | "get", Val::Nil) => Some(Completion::Ok(Output::Read(None))),
            ("read" | "get", Val::Scalar(v)) => Some(Completion::Ok(Output::Read(Some(v.clone())))),
            ("read" | "get", _) => Some(Completion::Unknown),
            ("write" | "put" | "append", _) => Some(Completion::Ok(Output::Ok)),
            ("cas", _) => Some(Completion::Ok(Output::Cas(true))),
            _ => None,
        },
    }
}

/// One event in either format.
struct Event {
    process: u64,
    kind: Kind,
    f: String,
    key: String,
    value: Val,
}

fn apply(builder: &mut HistoryBuilder, ev: Event, at: u64) {
    if ev.kind == Kind::Invoke {
        if let Some(input) = input_of(&ev.f, &ev.value) {
            builder.invoke(ev.process, ev.key, input, at);
        }
    } else if let Some(c) = completion_of(ev.kind, &ev.f, &ev.value) {
        builder.complete(ev.process, c, at);
    }
}

// ---------------------------------------------------------------- Jepsen log

/// Parses Jepsen's `jepsen.util` log lines (one register, initially nil).
pub fn parse_jepsen(text: &str) -> History {
    let mut b = HistoryBuilder::new(None);
    for (n, line) in text.lines().enumerate() {
        if let Some(ev) = jepsen_line(line) {
            apply(&mut b, ev, n as u64);
        }
    }
    b.finish()
}

fn jepsen_line(line: &str) -> Option<Event> {
    let rest = &line[line.find("jepsen.util")? + "jepsen.util".len()..];
    let rest = rest.trim_start().strip_prefix('-')?;
    let mut words = rest.split_whitespace();
    let process: u64 = words.next()?.parse().ok()?;
    let kind = kind(words.next()?)?;
    let f = words.next()?.strip_prefix(':')?.to_string();
    let value_text: Vec<&str> = words.collect();
    let value = parse_value_text(&value_text.join(" "))?;
    Some(Event {
        process,
        kind,
        f,
        key: String::new(),
        value,
    })
}

/// `nil`, `4`, `:timed-out`, `[4 0]`.
fn parse_value_text(text: &str) -> Option<Val> {
    let t = text.trim();
    if t.is_empty() || t == "nil" {
        return Some(Val::Nil);
    }
    if let Some(k) = t.strip_prefix(':') {
        return Some(Val::Keyword(k.to_string()));
    }
    if let Some(inner) = t.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        let items = inner.split(|c: char| c.is_whitespace() || c == ',');
        return Some(Val::Vector(
            items
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        ));
    }
    Some(Val::Scalar(t.to_string()))
}

// ---------------------------------------------------------------- EDN

/// Parses one EDN map per line. Keys default to "" (a single register) when absent; if any
/// operation is a KV one (get/put/append), keys start as the empty string, else as nil.
pub fn parse_edn(text: &str) -> History {
    let events: Vec<(u64, Event)> = text
        .lines()
        .enumerate()
        .filter_map(|(n, l)| edn_line(l).map(|e| (n as u64, e)))
        .collect();
    let kv = events
        .iter()
        .any(|(_, e)| matches!(e.f.as_str(), "get" | "put" | "append"));
    let mut b = HistoryBuilder::new(if kv { Some(String::new()) } else { None });
    for (at, ev) in events {
        apply(&mut b, ev, at);
    }
    b.finish()
}

fn edn_line(line: &str) -> Option<Event> {
    let mut toks = Tokens {
        s: line.trim(),
        pos: 0,
    };
    if toks.next()? != Tok::Open('{') {
        return None;
    }
    let (mut process, mut kind_v, mut f, mut key, mut value) = (None, None, None, None, Val::Nil);
    loop {
        let k = match toks.next()? {
            Tok::Close('}') => break,
            Tok::Keyword(k) => k,
            _ => return None,
        };
        let v = toks.value()?;
        match (k.as_str(), v) {
            ("process", Val::Scalar(p)) => process = p.parse::<u64>().ok(),
            ("type", Val::Keyword(t)) => kind_v = kind(&t),
            ("f", Val::Keyword(name)) => f = Some(name),
            ("key", Val::Scalar(s)) => key = Some(s),
            ("value", v) => value = v,
            _ => {}
        }
    }
    Some(Event {
        process: process?,
        kind: kind_v?,
        f: f?,
        key: key.unwrap_or_default(),
        value,
    })
}

#[derive(Debug, PartialEq, Eq)]
enum Tok {
    Open(char),
    Close(char),
    Keyword(String),
    Str(String),
    Atom(String),
}

/// A tiny tokenizer for the flat EDN maps Jepsen prints (commas are whitespace in EDN).
struct Tokens<'a> {
    s: &'a str,
    pos: usize,
}

impl Tokens<'_> {
    fn next(&mut self) -> Option<Tok> {
        let rest = self.s.get(self.pos..)?;
        let skip = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
                .len();
        self.pos += skip;
        let rest = self.s.get(self.pos..)?;
        let c = rest.chars().next()?;
        match c {
            '{' | '[' | '(' => {
                self.pos += 1;
                Some(Tok::Open(c))
            }
            '}' | ']' | ')' => {
                self.pos += 1;
                Some(Tok::Close(c))
            }
            '"' => self.string(),
            _ => {
                let end = rest
                    .find(|c: char| c.is_whitespace() || ",{}[]()\"".contains(c))
                    .unwrap_or(rest.len());
                self.pos += end;
                let word = &rest[..end];
                Some(match word.strip_prefix(':') {
                    Some(k) => Tok::Keyword(k.to_string()),
                    None => Tok::Atom(word.to_string()),
                })
            }
        }
    }

    fn string(&mut self) -> Option<Tok> {
        let mut out = String::new();
        let mut chars = self.s.get(self.pos + 1..)?.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos += 1 + i + 1;
                    return Some(Tok::Str(out));
                }
                '\\' => match chars.next()?.1 {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    other => out.push(other),
                },
                _ => out.push(c),
            }
        }
        None
    }

    /// One value: nil, a scalar, a keyword, a string, or a flat vector/list of scalars.
    fn value(&mut self) -> Option<Val> {
        match self.next()? {
            Tok::Atom(a) if a == "nil" => Some(Val::Nil),
            Tok::Atom(a) => Some(Val::Scalar(a)),
            Tok::Str(s) => Some(Val::Scalar(s)),
            Tok::Keyword(k) => Some(Val::Keyword(k)),
            Tok::Open('{') => None,
            Tok::Open(_) => {
                let mut items = Vec::new();
                loop {
                    match self.next()? {
                        Tok::Close(_) => return Some(Val::Vector(items)),
                        Tok::Atom(a) | Tok::Str(a) => items.push(a),
                        Tok::Keyword(k) => items.push(k),
                        Tok::Open(_) => return None,
                    }
                }
            }
            Tok::Close(_) => None,
        }
    }
}
