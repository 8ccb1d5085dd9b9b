//! `etcdctl txn`: compares, success ops and failure ops read line by line (from the terminal
//! with `-i` prompts, or from piped input), then committed as one transaction.

use super::flags::{self, Flags};
use super::goerr::{parse_int, quote};
use super::print::{arr, Obj};
use super::v3::{unsupported, with_member, Format, Global};
use super::v3_kv::{del_lines, del_request, get_request, header, kv_lines, put_lines, put_request};
use super::{exit_err, Ctx, EXIT_ERROR, EXIT_INVALID_INPUT};
use crate::mvcc::*;
use crate::request::{Request, Response};
use crate::shell::term::Res;

#[derive(Clone, Debug)]
pub(crate) struct TxnInput {
    global: Global,
    pub interactive: bool,
    stage: u8,
    compares: Vec<Compare>,
    success: Vec<RequestOp>,
    failure: Vec<RequestOp>,
}

/// One input line's effect: output so far, and whether the command finished.
pub(crate) struct Step {
    pub res: Res,
    pub done: bool,
}

impl TxnInput {
    pub fn new(global: Global, interactive: bool) -> TxnInput {
        TxnInput {
            global,
            interactive,
            stage: 0,
            compares: Vec::new(),
            success: Vec::new(),
            failure: Vec::new(),
        }
    }

    pub fn feed(&mut self, ctx: &mut Ctx, line: &str) -> Step {
        let line = line.trim();
        if line.is_empty() {
            self.stage += 1;
            let prompt = match self.stage {
                1 => "success requests (get, put, del):",
                2 => "failure requests (get, put, del):",
                _ => {
                    return Step {
                        res: self.commit(ctx),
                        done: true,
                    }
                }
            };
            let res = if self.interactive {
                Res::ok().out(prompt)
            } else {
                Res::ok()
            };
            return Step { res, done: false };
        }
        let parsed = if self.stage == 0 {
            parse_compare(line).map(|c| self.compares.push(c))
        } else {
            parse_op(line).map(|op| {
                if self.stage == 1 {
                    self.success.push(op)
                } else {
                    self.failure.push(op)
                }
            })
        };
        match parsed {
            Ok(()) => Step {
                res: Res::ok(),
                done: false,
            },
            Err(res) => Step { res, done: true },
        }
    }

    /// Input ended before the transaction did (`bufio.Reader` returns EOF).
    pub fn eof(&self, mut res: Res) -> Res {
        let e = exit_err(EXIT_INVALID_INPUT, "EOF");
        res.lines.extend(e.lines);
        res.status = e.status;
        res
    }

    fn commit(&mut self, ctx: &mut Ctx) -> Res {
        let req = TxnRequest {
            compare: std::mem::take(&mut self.compares),
            success: std::mem::take(&mut self.success),
            failure: std::mem::take(&mut self.failure),
        };
        let g = self.global.clone();
        let res = with_member(ctx, &g, |ctx, m| {
            ctx.backend
                .propose(m, Request::Txn(req), g.timeout_us)
                .map(|r| (m, r))
        });
        match res {
            Ok((m, Response::Txn(t))) => match g.format {
                Format::Simple => txn_lines(&t, g.hex),
                Format::Json => Res::ok().out(txn_json(ctx, m, &t)),
                Format::Fields => super::v3_fields::txn(
                    super::v3_fields::header(Res::ok(), ctx, m, t.revision),
                    t.revision,
                    t.succeeded,
                    &t.responses,
                ),
                other => unsupported(other).unwrap_or_default(),
            },
            Ok((_, Response::Error(e))) => exit_err(EXIT_ERROR, e.message()),
            Ok(_) => exit_err(EXIT_ERROR, "unexpected response"),
            Err(e) => exit_err(EXIT_ERROR, e.message()),
        }
    }
}

fn txn_lines(t: &TxnResponse, hex: bool) -> Res {
    let mut r = Res::ok().out(if t.succeeded { "SUCCESS" } else { "FAILURE" });
    for op in &t.responses {
        r = r.out("");
        r = match op {
            ResponseOp::Put(p) => put_lines(r, p, hex),
            ResponseOp::Range(g) => g
                .kvs
                .iter()
                .fold(r, |acc, kv| kv_lines(acc, kv, false, hex)),
            ResponseOp::DeleteRange(d) => del_lines(r, d, hex),
        };
    }
    r
}

fn txn_json(ctx: &Ctx, m: u64, t: &TxnResponse) -> String {
    let inner_header = Obj::new().num("revision", t.revision as i128).build();
    let ops: Vec<String> = t
        .responses
        .iter()
        .map(|op| {
            let (name, body) = match op {
                ResponseOp::Put(p) => (
                    "response_put",
                    Obj::new()
                        .raw("header", inner_header.clone())
                        .raw_if("prev_kv", p.prev_kv.as_ref().map(super::print::kv_json))
                        .build(),
                ),
                ResponseOp::Range(g) => (
                    "response_range",
                    Obj::new()
                        .raw("header", inner_header.clone())
                        .raw_if(
                            "kvs",
                            (!g.kvs.is_empty())
                                .then(|| arr(g.kvs.iter().map(super::print::kv_json).collect())),
                        )
                        .boolean("more", g.more)
                        .num("count", g.count as i128)
                        .build(),
                ),
                ResponseOp::DeleteRange(d) => (
                    "response_delete_range",
                    Obj::new()
                        .raw("header", inner_header.clone())
                        .num("deleted", d.deleted as i128)
                        .build(),
                ),
            };
            Obj::new()
                .raw("Response", Obj::new().raw(name, body).build())
                .build()
        })
        .collect();
    Obj::new()
        .raw("header", header(ctx, m, t.revision))
        .boolean("succeeded", t.succeeded)
        .raw_if("responses", (!ops.is_empty()).then(|| arr(ops)))
        .build()
}

/// Reads a Go-quoted string (`"..."` or `` `...` ``) after optional spaces.
fn scan_quoted(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let mut chars = s.char_indices();
    let (_, q) = chars.next()?;
    if q == '`' {
        let end = s[1..].find('`')? + 1;
        return Some((s[1..end].to_string(), &s[end + 1..]));
    }
    if q != '"' {
        return None;
    }
    let body = &s[1..];
    let mut out = String::new();
    let mut rest = body.char_indices();
    while let Some((i, c)) = rest.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => {
                let (_, e) = rest.next()?;
                let (ch, used) = go_escape(e, rest.as_str())?;
                out.push(ch);
                for _ in 0..used {
                    rest.next();
                }
            }
            '\n' => return None,
            c => out.push(c),
        }
    }
    None
}

/// One escape of a Go double-quoted string (`strconv.Unquote`) after its backslash: the
/// character and how many more characters of `after` it used. Unknown escapes fail, as
/// `%q` does. A `\x`/octal byte above 0x7f is kept as the character of that code point.
fn go_escape(e: char, after: &str) -> Option<(char, usize)> {
    let digits = |n: usize, radix: u32| -> Option<u32> {
        let d = after.get(..n)?;
        if d.chars().all(|c| c.is_digit(radix)) {
            u32::from_str_radix(d, radix).ok()
        } else {
            None
        }
    };
    let simple = match e {
        'a' => '\u{7}',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\u{b}',
        '\\' => '\\',
        '"' => '"',
        'x' => return Some((char::from_u32(digits(2, 16)?)?, 2)),
        'u' => return Some((char::from_u32(digits(4, 16)?)?, 4)),
        'U' => return Some((char::from_u32(digits(8, 16)?)?, 8)),
        '0'..='7' => {
            let v = e.to_digit(8)? * 64 + digits(2, 8)?;
            return Some((char::from_u32(v).filter(|_| v <= 0xff)?, 2));
        }
        _ => return None,
    };
    Some((simple, 0))
}

/// `fmt.Sscanf(rest, "%q) %s %q", &key, &op, &val)`: how many were read, and the values.
fn scan_compare(rest: &str) -> (usize, String, String, String) {
    let Some((key, r)) = scan_quoted(rest) else {
        return (0, String::new(), String::new(), String::new());
    };
    let Some(r) = r.strip_prefix(')') else {
        return (1, key, String::new(), String::new());
    };
    let r = r.trim_start();
    let end = r.find(char::is_whitespace).unwrap_or(r.len());
    let op = r[..end].to_string();
    if op.is_empty() {
        return (1, key, op, String::new());
    }
    match scan_quoted(&r[end..]) {
        Some((val, _)) => (3, key, op, val),
        None => (2, key, op, String::new()),
    }
}

fn parse_compare(line: &str) -> Result<Compare, Res> {
    let bad = |m: String| exit_err(EXIT_INVALID_INPUT, m);
    let Some((target, rest)) = line.split_once('(') else {
        return Err(bad(format!("malformed comparison: {line}")));
    };
    let (n, key, op, val) = scan_compare(rest);
    if n != 3 {
        return Err(bad(format!(
            "malformed comparison: {line}; got {target}({}) {op} {}",
            quote(&key),
            quote(&val)
        )));
    }
    let num = |base| {
        parse_int(&val, base).map_err(|e| bad(format!("invalid txn compare request: {line} ({e})")))
    };
    let t = match target {
        "ver" | "version" => CompareTarget::Version(num(10)?),
        "c" | "create" => CompareTarget::Create(num(10)?),
        "m" | "mod" => CompareTarget::Mod(num(10)?),
        "val" | "value" => CompareTarget::Value(val.clone()),
        "lease" => CompareTarget::Lease(num(16)?),
        _ => {
            return Err(bad(format!(
                "malformed comparison: {line} (unknown target {target})"
            )))
        }
    };
    let result = match op.as_str() {
        "=" => CompareResult::Equal,
        "!=" => CompareResult::NotEqual,
        "<" => CompareResult::Less,
        ">" => CompareResult::Greater,
        // clientv3.Compare panics on any other operator, taking etcdctl down with it.
        _ => {
            return Err(Res::status(2)
                .err("panic: Unknown result op")
                .err("")
                .err("goroutine 1 [running]:"))
        }
    };
    Ok(Compare {
        key,
        result,
        target: t,
    })
}

/// etcdctl's `Argify`: double-quoted (Go escapes), single-quoted, or bare words.
fn argify(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if rest.starts_with('"') {
            match scan_quoted(rest) {
                Some((v, r)) => {
                    out.push(v);
                    rest = r;
                }
                None => {
                    out.push(rest.to_string());
                    rest = "";
                }
            }
        } else if let Some(r) = rest.strip_prefix('\'') {
            let end = r.find('\'').unwrap_or(r.len());
            out.push(r[..end].to_string());
            rest = r.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
        rest = rest.trim_start();
    }
    out
}

fn parse_op(line: &str) -> Result<RequestOp, Res> {
    let args = argify(line);
    if args.len() < 2 {
        return Err(exit_err(
            EXIT_INVALID_INPUT,
            format!("invalid txn compare request: {line}"),
        ));
    }
    let invalid = || exit_err(EXIT_INVALID_INPUT, format!("invalid txn request: {line}"));
    let names = ["del", "get", "put"];
    let name = names
        .iter()
        .find(|n| **n == args[0])
        .or_else(|| {
            let m: Vec<&&str> = names.iter().filter(|n| n.starts_with(&args[0])).collect();
            (m.len() == 1).then(|| m[0])
        })
        .ok_or_else(invalid)?;
    let specs = match *name {
        "put" => super::v3::put_flags(),
        "get" => super::v3::get_flags(),
        _ => super::v3::del_flags(),
    };
    let (f, pos): (Flags, Vec<String>) = flags::parse(&args[1..], specs).map_err(|_| invalid())?;
    match *name {
        "put" => put_request(&f, &pos, None).map(RequestOp::Put),
        "get" => get_request(&f, &pos).map(RequestOp::Range),
        _ => del_request(&f, &pos).map(RequestOp::DeleteRange),
    }
}
