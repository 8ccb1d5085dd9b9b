//! Parsers for the two reference history formats. Neither ever panics: a line that matches no
//! known form is skipped, and every number is parsed with checked conversions. A line that
//! looks like a client's event but cannot be read (an unknown function, a malformed value) is
//! skipped too, and reported by [`parse_checked`]: dropping an operation can change the
//! verdict, so callers must say so.
//!
//! Besides plain registers and Porcupine's keyed KV maps, both formats accept Jepsen's
//! independent keys (`jepsen.independent`): `:value [k v]` for reads and writes and
//! `[k [old new]]` for cas, which is what Jepsen's etcd register workload records.
//!
//! Instants are event sequence numbers (line order), which is exactly the real-time order the
//! logs record.

use super::history::{Completion, History, HistoryBuilder};
use super::model::{Input, Output, Value};
use super::records::records;

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
        if (l.starts_with('{') && l.contains(":type")) || tuple_event_start(l) {
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
    parse_checked(text, format).history
}

/// A parsed history and the lines that looked like client events but could not be read.
#[derive(Debug)]
pub struct Parsed {
    pub history: History,
    /// 1-based line numbers of the events that were skipped.
    pub not_understood: Vec<usize>,
}

/// Parses a whole file and reports which event lines it had to skip.
pub fn parse_checked(text: &str, format: Format) -> Parsed {
    let line: fn(&str) -> Line = match format {
        Format::Jepsen => jepsen_line,
        Format::Edn => edn_line,
    };
    let mut events = Vec::new();
    let mut not_understood = Vec::new();
    for (n, l) in records(text, format) {
        match line(&l) {
            Line::Event(ev) => events.push((n as u64, ev)),
            Line::NotUnderstood => not_understood.push(n + 1),
            Line::Other => {}
        }
    }
    // Porcupine's KV histories start every key as the empty string; registers start as nil.
    let kv = format == Format::Edn
        && events
            .iter()
            .any(|(_, e)| matches!(e.f.as_str(), "get" | "put" | "append"));
    let mut b = HistoryBuilder::new(if kv { Some(String::new()) } else { None });
    for (at, ev) in events {
        if !apply(&mut b, ev, at) {
            not_understood.push(at as usize + 1);
        }
    }
    not_understood.sort_unstable();
    Parsed {
        history: b.finish(),
        not_understood,
    }
}

/// What one line of a log holds.
enum Line {
    Event(Event),
    /// Looks like a client's event, but cannot be read.
    NotUnderstood,
    /// Not a client's event: blank, a comment, the nemesis.
    Other,
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

/// A parsed operation value: nil, a scalar, a keyword, or a vector of these (nested as
/// deep as Jepsen's independent cas, `[k [old new]]`). Maps, sets and tagged values (an
/// `:error` detail, say) are read past as `Other`: no operation takes one as its value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Val {
    Nil,
    Scalar(Value),
    Vector(Vec<Val>),
    Keyword(String),
    Other,
}

impl Val {
    fn scalar(&self) -> Option<&Value> {
        match self {
            Val::Scalar(v) | Val::Keyword(v) => Some(v),
            _ => None,
        }
    }
}

/// Builds the input of an invocation from its function name and value.
fn input_of(f: &str, value: &Val) -> Option<Input> {
    match (f, value) {
        ("read" | "get", _) => Some(Input::Read),
        ("write" | "put", Val::Scalar(v)) => Some(Input::Write(v.clone())),
        ("append", Val::Scalar(v)) => Some(Input::Append(v.clone())),
        ("cas", Val::Vector(v)) if v.len() == 2 => Some(Input::Cas {
            expect: v[0].scalar()?.clone(),
            new: v[1].scalar()?.clone(),
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

/// Feeds one event to the builder; false if its function or value makes no sense.
fn apply(builder: &mut HistoryBuilder, ev: Event, at: u64) -> bool {
    let ev = split_independent_key(ev);
    if ev.kind == Kind::Invoke {
        let Some(input) = input_of(&ev.f, &ev.value) else {
            return false;
        };
        builder.invoke(ev.process, ev.key, input, at);
    } else {
        let Some(c) = completion_of(ev.kind, &ev.f, &ev.value) else {
            return false;
        };
        builder.complete(ev.process, c, at);
    }
    true
}

/// Jepsen's independent keys: a read or write of `[k v]`, or a cas of `[k [old new]]`, is
/// the operation `v` (or `[old new]`) on key `k`. A plain cas `[old new]` stays as it is.
fn split_independent_key(mut ev: Event) -> Event {
    if !ev.key.is_empty() {
        return ev;
    }
    let Val::Vector(items) = &ev.value else {
        return ev;
    };
    let [key, inner] = items.as_slice() else {
        return ev;
    };
    let keyed = match ev.f.as_str() {
        "cas" => matches!(inner, Val::Vector(_)),
        "read" | "write" | "get" | "put" | "append" => !matches!(inner, Val::Vector(_)),
        _ => false,
    };
    if let (true, Some(k)) = (keyed, key.scalar()) {
        ev.key = k.clone();
        ev.value = inner.clone();
    }
    ev
}

// ---------------------------------------------------------------- Jepsen log

/// Parses Jepsen's `jepsen.util` log lines (one register, initially nil).
pub fn parse_jepsen(text: &str) -> History {
    parse(text, Format::Jepsen)
}

fn jepsen_line(line: &str) -> Line {
    let Some(at) = line.find("jepsen.util") else {
        return Line::Other;
    };
    let rest = &line[at + "jepsen.util".len()..];
    let Some(rest) = rest.trim_start().strip_prefix('-') else {
        return Line::Other;
    };
    let mut words = rest.split_whitespace();
    let (Some(process), Some(kind)) = (words.next(), words.next().and_then(kind)) else {
        return Line::Other;
    };
    if process.starts_with(':') {
        return Line::Other; // the nemesis
    }
    let event = (|| {
        let process: u64 = process.parse().ok()?;
        let f = words.next()?.strip_prefix(':')?.to_string();
        let value_text: Vec<&str> = words.collect();
        let value = value_and_fields(&value_text.join(" "))?;
        Some(Event {
            process,
            kind,
            f,
            key: String::new(),
            value,
        })
    })();
    event.map_or(Line::NotUnderstood, Line::Event)
}

/// The value of a log line, `nil`, `4`, `:timed-out`, `[4 0]` or `[3 [4 0]]`, and what
/// may follow it: Jepsen's `log-op` prints an error after the value (`[4 0] :timed-out`),
/// and Porcupine's newer etcd logs a `:hint N`. Those fields say nothing the checker uses;
/// anything else after the value (`4 5`, `[4 0] 1`) means it was not one value.
fn value_and_fields(text: &str) -> Option<Val> {
    if text.trim().is_empty() {
        return Some(Val::Nil);
    }
    let mut toks = Tokens { s: text, pos: 0 };
    let value = toks.value()?;
    match toks.next() {
        None => Some(value),
        Some(Tok::Keyword(_)) => Some(value),
        Some(_) => None,
    }
}

// ---------------------------------------------------------------- EDN

/// Parses one EDN map per line (a history printed as one vector, `[{...}\n {...}]`, too).
/// Keys default to "" (a single register) when absent; if any operation is a KV one
/// (get/put/append), keys start as the empty string, else as nil.
pub fn parse_edn(text: &str) -> History {
    parse(text, Format::Edn)
}

/// One record (see `records`): an event map, an event tuple, or anything else.
fn edn_line(line: &str) -> Line {
    let line = line.trim();
    let event = if line.starts_with('{') && line.contains(":type") {
        edn_map(line)
    } else if tuple_event_start(line) {
        edn_tuple(line)
    } else {
        return Line::Other;
    };
    match event {
        Some(Some(ev)) => Line::Event(ev),
        Some(None) => Line::Other,
        None => Line::NotUnderstood,
    }
}

/// Whether `line` opens an old-style Knossos event tuple, `[process :type :f value ...]`
/// (possibly as the first element of a whole-history vector, `[[...`).
fn tuple_event_start(line: &str) -> bool {
    let t = line.trim_start();
    let t = match t.strip_prefix('[').map(str::trim_start) {
        Some(inner) if inner.starts_with('[') => inner,
        _ => t,
    };
    let mut toks = Tokens { s: t, pos: 0 };
    toks.next() == Some(Tok::Open('['))
        && matches!(toks.next(), Some(Tok::Atom(_) | Tok::Keyword(_)))
        && matches!(toks.next(), Some(Tok::Keyword(k)) if kind(&k).is_some())
}

/// The event of one tuple `[process :type :f value ...]` (extra elements, such as an error
/// keyword, are ignored); `Some(None)` for the nemesis's.
fn edn_tuple(line: &str) -> Option<Option<Event>> {
    let mut toks = Tokens { s: line, pos: 0 };
    let Val::Vector(items) = toks.value()? else {
        return None;
    };
    let mut items = items.into_iter();
    let process = match items.next()? {
        Val::Keyword(_) => return Some(None),
        Val::Scalar(p) => p.parse::<u64>().ok()?,
        _ => return None,
    };
    let Val::Keyword(t) = items.next()? else {
        return None;
    };
    let Val::Keyword(f) = items.next()? else {
        return None;
    };
    Some(Some(Event {
        process,
        kind: kind(&t)?,
        f,
        key: String::new(),
        value: items.next().unwrap_or(Val::Nil),
    }))
}

/// The event of one EDN map; `Some(None)` for the nemesis's (a keyword process).
fn edn_map(line: &str) -> Option<Option<Event>> {
    let mut toks = Tokens { s: line, pos: 0 };
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
            ("process", Val::Keyword(_)) => return Some(None),
            ("process", Val::Scalar(p)) => process = p.parse::<u64>().ok(),
            ("type", Val::Keyword(t)) => kind_v = kind(&t),
            ("f", Val::Keyword(name)) => f = Some(name),
            ("key", Val::Scalar(s)) => key = Some(s),
            // No operation takes a map, set or tagged value: not an event we can read.
            ("value", Val::Other) => return None,
            ("value", v) => value = v,
            _ => {}
        }
    }
    Some(Some(Event {
        process: process?,
        kind: kind_v?,
        f: f?,
        key: key.unwrap_or_default(),
        value,
    }))
}

#[derive(Debug, PartialEq, Eq)]
enum Tok {
    Open(char),
    Close(char),
    Keyword(String),
    Str(String),
    Atom(String),
}

/// How deeply values may nest: enough for any Jepsen event, and a bound on recursion.
const MAX_DEPTH: usize = 8;

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

    /// One value: nil, a scalar, a keyword, a string, or a vector/list of values, nested at
    /// most a few levels (Jepsen's deepest is `[k [old new]]`, an `:error` detail a little
    /// deeper). A map, a set (`#{...}`) or a tagged value (`#inst "..."`) is read past as
    /// [`Val::Other`].
    fn value(&mut self) -> Option<Val> {
        self.value_at(0)
    }

    fn value_at(&mut self, depth: usize) -> Option<Val> {
        match self.next()? {
            Tok::Atom(a) if a == "nil" => Some(Val::Nil),
            // A tag or the `#` of a set: the value is the form that follows.
            Tok::Atom(a) if a.starts_with('#') && depth < MAX_DEPTH => {
                self.value_at(depth + 1).map(|_| Val::Other)
            }
            Tok::Atom(a) | Tok::Str(a) => Some(Val::Scalar(a)),
            Tok::Keyword(k) => Some(Val::Keyword(k)),
            Tok::Open(open) if depth < MAX_DEPTH => {
                let mut items = Vec::new();
                loop {
                    let at = self.pos;
                    if let Tok::Close(_) = self.next()? {
                        break;
                    }
                    self.pos = at;
                    items.push(self.value_at(depth + 1)?);
                }
                Some(if open == '{' {
                    Val::Other
                } else {
                    Val::Vector(items)
                })
            }
            Tok::Open(_) | Tok::Close(_) => None,
        }
    }
}
