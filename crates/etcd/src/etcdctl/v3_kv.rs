//! put, get, del, txn, compaction, watch.

use super::flags::Flags;
use super::goerr::{parse_int, quote};
use super::print::{arr, kv_json, Obj};
use super::stream::{Job, WatchJob};
use super::txn::TxnInput;
use super::v3::{unsupported, with_member, Format, Global};
use super::v3_fields as fields;
use super::{exit_err, Cont, Ctx, Run, EXIT_BAD_ARGS, EXIT_BAD_FEATURE, EXIT_ERROR};
use crate::backend::MemberId;
use crate::mvcc::*;
use crate::request::{Request, Response};
use crate::shell::term::Res;

/// `{"cluster_id":…,"member_id":…,"revision":…,"raft_term":…}`
pub(crate) fn header(ctx: &Ctx, member: MemberId, revision: i64) -> String {
    Obj::new()
        .num("cluster_id", ctx.backend.cluster_id() as i128)
        .num("member_id", member as i128)
        .num("revision", revision as i128)
        .num("raft_term", ctx.backend.raft_term(member) as i128)
        .build()
}

/// printKV of the simple printer: the key line (unless value-only), then the value line;
/// with `--hex`, each byte as `\x66` (addHexPrefix of the hex encoding).
pub(crate) fn kv_lines(r: Res, kv: &KeyValue, value_only: bool, hex: bool) -> Res {
    let h = |s: &str| match hex {
        true => s.bytes().map(|b| format!("\\x{:02x}", b as u32)).collect(),
        false => s.to_string(),
    };
    let r = if value_only { r } else { r.out(h(&kv.key)) };
    // A value may hold newlines: each becomes its own terminal line.
    h(&kv.value)
        .split('\n')
        .fold(r, |r, l| r.out(l.to_string()))
}

pub(crate) fn key_range(key: &str, end: Option<&String>, prefix: bool, from_key: bool) -> KeyRange {
    if let Some(e) = end {
        return KeyRange::Until(e.clone());
    }
    if prefix && !key.is_empty() {
        KeyRange::Prefix
    } else if prefix || from_key {
        KeyRange::FromKey
    } else {
        KeyRange::Single
    }
}

/// Parses get's options into a request; `Err` is etcdctl's exit.
pub(crate) fn get_request(f: &Flags, pos: &[String]) -> Result<RangeRequest, Res> {
    if pos.is_empty() {
        return Err(exit_err(
            EXIT_BAD_ARGS,
            "get command needs one argument as key and an optional argument as range_end",
        ));
    }
    let (prefix, from_key) = (f.bool("prefix"), f.bool("from-key"));
    if prefix && from_key {
        return Err(exit_err(
            EXIT_BAD_ARGS,
            "`--prefix` and `--from-key` cannot be set at the same time, choose one",
        ));
    }
    if f.bool("keys-only") && f.bool("count-only") {
        return Err(exit_err(
            EXIT_BAD_ARGS,
            "`--keys-only` and `--count-only` cannot be set at the same time, choose one",
        ));
    }
    let c = f.str("consistency");
    if c != "s" && c != "l" {
        return Err(exit_err(
            EXIT_BAD_FEATURE,
            format!("unknown consistency flag {}", quote(&c)),
        ));
    }
    if pos.len() > 1 && (prefix || from_key) {
        return Err(exit_err(
            EXIT_BAD_ARGS,
            "too many arguments, only accept one argument when `--prefix` or `--from-key` is set",
        ));
    }
    let order = match f.str("order").to_ascii_uppercase().as_str() {
        "" => SortOrder::None,
        "ASCEND" => SortOrder::Ascend,
        "DESCEND" => SortOrder::Descend,
        _ => {
            return Err(exit_err(
                EXIT_BAD_FEATURE,
                format!("bad sort order {}", f.str("order")),
            ))
        }
    };
    let target = match f.str("sort-by").to_ascii_uppercase().as_str() {
        "" | "KEY" => SortTarget::Key,
        "CREATE" => SortTarget::Create,
        "MODIFY" => SortTarget::Mod,
        "VALUE" => SortTarget::Value,
        "VERSION" => SortTarget::Version,
        _ => {
            return Err(exit_err(
                EXIT_BAD_FEATURE,
                format!("bad sort target {}", f.str("sort-by")),
            ))
        }
    };
    // The server sorts ascending by default when the target is not the key.
    let order = if order == SortOrder::None && target != SortTarget::Key {
        SortOrder::Ascend
    } else {
        order
    };
    Ok(RangeRequest {
        key: pos[0].clone(),
        range: key_range(&pos[0], pos.get(1), prefix, from_key),
        limit: f.int("limit"),
        revision: f.int("rev"),
        keys_only: f.bool("keys-only"),
        count_only: f.bool("count-only"),
        sort_target: target,
        sort_order: order,
    })
}

pub(crate) fn get(ctx: &mut Ctx, g: &Global, f: &Flags, pos: &[String]) -> Run {
    let req = match get_request(f, pos) {
        Ok(r) => r,
        Err(e) => return e.into(),
    };
    let serializable = f.str("consistency") == "s";
    let req = Request::Range(req);
    let res = with_member(ctx, g, |ctx, m| {
        let r = if serializable {
            ctx.backend.read_local(m, &req)
        } else {
            ctx.backend.read_index(m, &req, g.timeout_us)
        };
        r.map(|r| (m, r))
    });
    let (m, resp) = match res {
        Ok((m, Response::Range(r))) => (m, r),
        Ok((_, Response::Error(e))) => return exit_err(EXIT_ERROR, e.message()).into(),
        Ok(_) => return exit_err(EXIT_ERROR, "unexpected response").into(),
        Err(e) => return exit_err(EXIT_ERROR, e.message()).into(),
    };
    if f.bool("count-only") && g.format != Format::Fields {
        return exit_err(
            EXIT_BAD_ARGS,
            "--count-only is only for `--write-out=fields`",
        )
        .into();
    }
    let value_only = f.bool("print-value-only");
    if value_only && g.format != Format::Simple {
        return exit_err(
            EXIT_BAD_ARGS,
            "print-value-only is only for `--write-out=simple`",
        )
        .into();
    }
    print_range(ctx, g, m, &resp, value_only).into()
}

pub(crate) fn print_range(
    ctx: &Ctx,
    g: &Global,
    m: MemberId,
    r: &RangeResponse,
    value_only: bool,
) -> Res {
    match g.format {
        Format::Simple => r
            .kvs
            .iter()
            .fold(Res::ok(), |acc, kv| kv_lines(acc, kv, value_only, g.hex)),
        Format::Json => Res::ok().out(range_json(ctx, m, r)),
        Format::Fields => fields::get(fields::header(Res::ok(), ctx, m, r.revision), r),
        other => unsupported(other).unwrap_or_default(),
    }
}

pub(crate) fn range_json(ctx: &Ctx, m: MemberId, r: &RangeResponse) -> String {
    let kvs = (!r.kvs.is_empty()).then(|| arr(r.kvs.iter().map(kv_json).collect()));
    Obj::new()
        .raw("header", header(ctx, m, r.revision))
        .raw_if("kvs", kvs)
        .boolean("more", r.more)
        .num("count", r.count as i128)
        .build()
}

pub(crate) fn put_request(
    f: &Flags,
    pos: &[String],
    stdin: Option<&String>,
) -> Result<PutRequest, Res> {
    let needs = || {
        exit_err(
            EXIT_BAD_ARGS,
            "put command needs 1 argument and input from stdin or 2 arguments",
        )
    };
    let key = pos.first().ok_or_else(needs)?;
    let ignore_value = f.bool("ignore-value");
    if ignore_value && pos.len() > 1 {
        return Err(exit_err(
            EXIT_BAD_ARGS,
            "value should not be provided when ignore-value is set",
        ));
    }
    let value = match (pos.get(1), stdin) {
        (Some(v), _) => v.clone(),
        (None, Some(s)) if !s.is_empty() => s.clone(),
        _ if ignore_value => String::new(),
        _ => return Err(needs()),
    };
    let lease = parse_int(&f.str("lease"), 16).map_err(|e| {
        exit_err(
            EXIT_BAD_ARGS,
            format!("bad lease ID ({e}), expecting ID in Hex"),
        )
    })?;
    Ok(PutRequest {
        key: key.clone(),
        value,
        lease,
        prev_kv: f.bool("prev-kv"),
        ignore_value,
        ignore_lease: f.bool("ignore-lease"),
    })
}

pub(crate) fn put(ctx: &mut Ctx, g: &Global, f: &Flags, pos: &[String]) -> Run {
    let req = match put_request(f, pos, ctx.stdin.as_ref()) {
        Ok(r) => r,
        Err(e) => return e.into(),
    };
    let res = with_member(ctx, g, |ctx, m| {
        ctx.backend
            .propose(m, Request::Put(req), g.timeout_us)
            .map(|r| (m, r))
    });
    match res {
        Ok((m, Response::Put(p))) => match g.format {
            Format::Simple => put_lines(Res::ok(), &p, g.hex),
            Format::Json => Res::ok().out(put_json(ctx, m, &p)),
            Format::Fields => fields::put(fields::header(Res::ok(), ctx, m, p.revision), &p),
            other => unsupported(other).unwrap_or_default(),
        }
        .into(),
        Ok((_, Response::Error(e))) => exit_err(EXIT_ERROR, e.message()).into(),
        Ok(_) => exit_err(EXIT_ERROR, "unexpected response").into(),
        Err(e) => exit_err(EXIT_ERROR, e.message()).into(),
    }
}

pub(crate) fn put_lines(r: Res, p: &PutResponse, hex: bool) -> Res {
    let r = r.out("OK");
    match &p.prev_kv {
        Some(kv) => kv_lines(r, kv, false, hex),
        None => r,
    }
}

pub(crate) fn put_json(ctx: &Ctx, m: MemberId, p: &PutResponse) -> String {
    Obj::new()
        .raw("header", header(ctx, m, p.revision))
        .raw_if("prev_kv", p.prev_kv.as_ref().map(kv_json))
        .build()
}

pub(crate) fn del_request(f: &Flags, pos: &[String]) -> Result<DeleteRangeRequest, Res> {
    if pos.is_empty() {
        return Err(exit_err(
            EXIT_BAD_ARGS,
            "del command needs one argument as key and an optional argument as range_end",
        ));
    }
    let (prefix, from_key) = (f.bool("prefix"), f.bool("from-key"));
    if prefix && from_key {
        return Err(exit_err(
            EXIT_BAD_ARGS,
            "`--prefix` and `--from-key` cannot be set at the same time, choose one",
        ));
    }
    if pos.len() > 1 && (prefix || from_key) {
        return Err(exit_err(
            EXIT_BAD_ARGS,
            "too many arguments, only accept one argument when `--prefix` or `--from-key` is set",
        ));
    }
    Ok(DeleteRangeRequest {
        key: pos[0].clone(),
        range: key_range(&pos[0], pos.get(1), prefix, from_key),
        prev_kv: f.bool("prev-kv"),
    })
}

pub(crate) fn del(ctx: &mut Ctx, g: &Global, f: &Flags, pos: &[String]) -> Run {
    let req = match del_request(f, pos) {
        Ok(r) => r,
        Err(e) => return e.into(),
    };
    let res = with_member(ctx, g, |ctx, m| {
        ctx.backend
            .propose(m, Request::DeleteRange(req), g.timeout_us)
            .map(|r| (m, r))
    });
    match res {
        Ok((m, Response::DeleteRange(d))) => match g.format {
            Format::Simple => del_lines(Res::ok(), &d, g.hex),
            Format::Json => Res::ok().out(del_json(ctx, m, &d)),
            Format::Fields => fields::del(fields::header(Res::ok(), ctx, m, d.revision), &d),
            other => unsupported(other).unwrap_or_default(),
        }
        .into(),
        Ok((_, Response::Error(e))) => exit_err(EXIT_ERROR, e.message()).into(),
        Ok(_) => exit_err(EXIT_ERROR, "unexpected response").into(),
        Err(e) => exit_err(EXIT_ERROR, e.message()).into(),
    }
}

pub(crate) fn del_lines(r: Res, d: &DeleteRangeResponse, hex: bool) -> Res {
    let r = r.out(d.deleted.to_string());
    d.prev_kvs
        .iter()
        .fold(r, |acc, kv| kv_lines(acc, kv, false, hex))
}

pub(crate) fn del_json(ctx: &Ctx, m: MemberId, d: &DeleteRangeResponse) -> String {
    let prev = (!d.prev_kvs.is_empty()).then(|| arr(d.prev_kvs.iter().map(kv_json).collect()));
    Obj::new()
        .raw("header", header(ctx, m, d.revision))
        .num("deleted", d.deleted as i128)
        .raw_if("prev_kvs", prev)
        .build()
}

pub(crate) fn compaction(ctx: &mut Ctx, g: &Global, _f: &Flags, pos: &[String]) -> Run {
    if pos.len() != 1 {
        return exit_err(EXIT_BAD_ARGS, "compaction command needs 1 argument").into();
    }
    let rev = match parse_int(&pos[0], 10) {
        Ok(r) => r,
        Err(e) => return exit_err(EXIT_ERROR, e).into(),
    };
    let res = with_member(ctx, g, |ctx, m| {
        ctx.backend
            .propose(m, Request::Compaction { revision: rev }, g.timeout_us)
    });
    match res {
        Ok(Response::Compaction { .. }) => {
            Res::ok().out(format!("compacted revision {rev}")).into()
        }
        Ok(Response::Error(e)) => exit_err(EXIT_ERROR, e.message()).into(),
        Ok(_) => exit_err(EXIT_ERROR, "unexpected response").into(),
        Err(e) => exit_err(EXIT_ERROR, e.message()).into(),
    }
}

pub(crate) fn txn(ctx: &mut Ctx, g: &Global, f: &Flags, pos: &[String]) -> Run {
    if !pos.is_empty() {
        return exit_err(EXIT_BAD_ARGS, "txn command does not accept argument").into();
    }
    let mut input = TxnInput::new(g.clone(), f.bool("interactive"));
    let mut res = Res::ok();
    if input.interactive {
        res = res.out("compares:");
    }
    // Piped or heredoc input: the whole transaction is already there.
    if let Some(stdin) = ctx.stdin.clone() {
        let mut lines: Vec<&str> = stdin.split('\n').collect();
        if stdin.ends_with('\n') {
            lines.pop();
        }
        for l in lines {
            let step = input.feed(ctx, l);
            res.lines.extend(step.res.lines);
            if step.done {
                res.status = step.res.status;
                return res.into();
            }
        }
        // stdin ran out before the transaction ended: bufio.Reader returns io.EOF.
        return input.eof(res).into();
    }
    Run {
        res,
        cont: Some(Cont::Txn(input)),
    }
}

pub(crate) fn watch(ctx: &mut Ctx, g: &Global, f: &Flags, pos: &[String]) -> Run {
    if f.bool("interactive") {
        return Job::WatchI(Vec::new(), ctx.env.clone()).start(ctx.backend, Vec::new());
    }
    // watch_command.go's parseWatchArgs/getWatchChan: the key may come from
    // ETCDCTL_WATCH_KEY (and ETCDCTL_WATCH_RANGE_END); words after `--` are a command.
    let env = |k: &str| ctx.env.get(k).cloned().unwrap_or_default();
    let (env_key, env_range) = (env("ETCDCTL_WATCH_KEY"), env("ETCDCTL_WATCH_RANGE_END"));
    let bad = |m: String| Run::from(exit_err(EXIT_BAD_ARGS, m));
    if env_key.is_empty() && !env_range.is_empty() {
        return bad(format!(
            "ETCDCTL_WATCH_KEY is empty but got ETCDCTL_WATCH_RANGE_END={}",
            super::goerr::quote(&env_range)
        ));
    }
    let (mut args, exec) = pos.split_at(f.dash.unwrap_or(pos.len()));
    if f.dash.is_some() && exec.is_empty() {
        return bad("bad number of arguments (found separator --, but no commands)".into());
    }
    let from_env: Vec<String>;
    if !env_key.is_empty() {
        if !args.is_empty() {
            return bad("bad number of arguments (found conflicting environment key)".into());
        }
        from_env = [env_key, env_range]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        args = &from_env;
    }
    let prefix = f.bool("prefix");
    if args.is_empty() {
        return bad("bad number of arguments".into());
    }
    // A third argument and more are ignored.
    if prefix && args.len() == 2 {
        return bad("`range_end` and `--prefix` are mutually exclusive".into());
    }
    // The table and protobuf printers have no Watch: etcdctl exits at the first response
    // (here before waiting for one).
    if let Some(e) = super::v3::unsupported(g.format) {
        if g.format != Format::Fields {
            return e.into();
        }
    }
    let range = key_range(
        &args[0],
        args.get(1).filter(|_| args.len() == 2),
        prefix,
        false,
    );
    let member = super::v3::pick_member(ctx, g);
    let start = match f.int("rev") {
        r if r > 0 => r,
        _ => member
            .and_then(|m| ctx.backend.local_revision(m))
            .map_or(1, |r| r + 1),
    };
    let job = WatchJob {
        member,
        key: args[0].clone(),
        range,
        next_rev: start,
        prev_kv: f.bool("prev-kv"),
        format: g.format,
        hex: g.hex,
        exec: exec.to_vec(),
        pending: Vec::new(),
        failed: None,
    };
    Job::Watch(job).start(ctx.backend, Vec::new())
}
