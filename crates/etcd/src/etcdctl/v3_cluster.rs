//! member, endpoint, move-leader, defrag.

use super::flags::Flags;
use super::goerr::{duration, human_bytes, parse_hex_u64, quote};
use super::print::{arr, id16, jstr, table, Obj};
use super::v3::{unsupported, with_member, Format, Global};
use super::v3_fields as fields;
use super::{by_id, exit_err, resolve, Ctx, Run, EXIT_BAD_ARGS, EXIT_ERROR};
use crate::backend::{BackendError, MemberId, MemberInfo, MemberStatus};
use crate::mvcc::RangeRequest;
use crate::request::{Request, Response};
use crate::shell::term::Res;

fn member_rows(ms: &[MemberInfo]) -> Vec<Vec<String>> {
    ms.iter()
        .map(|m| {
            vec![
                format!("{:x}", m.id),
                if m.name.is_empty() {
                    "unstarted"
                } else {
                    "started"
                }
                .into(),
                m.name.clone(),
                m.peer_urls.join(","),
                m.client_urls.join(","),
                m.is_learner.to_string(),
            ]
        })
        .collect()
}

fn members_json(ctx: &Ctx, via: MemberId, ms: &[MemberInfo]) -> String {
    let list: Vec<String> = ms
        .iter()
        .map(|m| {
            let urls =
                |u: &[String]| (!u.is_empty()).then(|| arr(u.iter().map(|x| jstr(x)).collect()));
            Obj::new()
                .num("ID", m.id as i128)
                .string("name", &m.name)
                .raw_if("peerURLs", urls(&m.peer_urls))
                .raw_if("clientURLs", urls(&m.client_urls))
                .boolean("isLearner", m.is_learner)
                .build()
        })
        .collect();
    Obj::new()
        // ClusterServer.header(): no revision in membership responses.
        .raw("header", super::v3_kv::header(ctx, via, 0))
        .raw("members", arr(list))
        .build()
}

/// printer_json.go's printMemberListWithHexJSON (3.5): IDs as unpadded hex strings, the
/// raft term in bare hex, no revision or isLearner, `clientURLS`, nil lists as `null`.
fn members_hex_json(ctx: &Ctx, via: MemberId, ms: &[MemberInfo]) -> String {
    let b = &ctx.backend;
    let mut s = format!(
        "{{\"header\":{{\"cluster_id\":\"{:x}\",\"member_id\":\"{via:x}\",\"raft_term\":{:x}}}",
        b.cluster_id(),
        b.raft_term(via)
    );
    let urls = |u: &[String]| match u {
        [] => "null".to_string(),
        u => arr(u.iter().map(|x| jstr(x)).collect()),
    };
    for (i, m) in ms.iter().enumerate() {
        s.push_str(if i == 0 { ",\"members\":[" } else { "," });
        s.push_str(&format!(
            "{{\"ID\":\"{:x}\",\"name\":\"{}\",\"peerURLs\":{},\"clientURLS\":{}}}",
            m.id,
            m.name,
            urls(&m.peer_urls),
            urls(&m.client_urls)
        ));
    }
    if !ms.is_empty() {
        s.push(']');
    }
    s + "}"
}

pub(crate) fn member_list(ctx: &mut Ctx, g: &Global, f: &Flags, _pos: &[String]) -> Run {
    let serializable = f.str("consistency") == "s";
    let res = with_member(ctx, g, |ctx, m| {
        if serializable {
            Ok((m, by_id(ctx.backend.members())))
        } else {
            ctx.backend
                .member_list(m, g.timeout_us)
                .map(|l| (m, by_id(l)))
        }
    });
    let (via, ms) = match res {
        Ok(x) => x,
        Err(e) => return exit_err(EXIT_ERROR, e.message()).into(),
    };
    let rows = member_rows(&ms);
    match g.format {
        Format::Simple => rows
            .iter()
            .fold(Res::ok(), |r, row| r.out(row.join(", ")))
            .into(),
        Format::Table => Res::ok()
            .into_lines(table(
                &[
                    "ID",
                    "Status",
                    "Name",
                    "Peer Addrs",
                    "Client Addrs",
                    "Is Learner",
                ],
                &rows,
                true,
            ))
            .into(),
        Format::Json if f.bool("hex") => Res::ok().out(members_hex_json(ctx, via, &ms)).into(),
        Format::Json => Res::ok().out(members_json(ctx, via, &ms)).into(),
        Format::Fields => members_fields(ctx, via, &ms).into(),
        other => unsupported(other).unwrap_or_default().into(),
    }
}

fn members_fields(ctx: &Ctx, via: MemberId, ms: &[MemberInfo]) -> Res {
    let r = fields::header(Res::ok(), ctx, via, 0);
    ms.iter().fold(r, |r, m| {
        let r = fields::field(r, "ID", m.id);
        let r = fields::qfield(r, "Name", &m.name);
        let r = m
            .peer_urls
            .iter()
            .fold(r, |r, u| fields::qfield(r, "PeerURL", u));
        let r = m
            .client_urls
            .iter()
            .fold(r, |r, u| fields::qfield(r, "ClientURL", u));
        fields::field(r, "IsLearner", m.is_learner).out("")
    })
}

/// Member add/remove/promote and move-leader print through printers that only the simple
/// and JSON formats implement: the change is made, then etcdctl exits with this error.
fn only_simple_or_json(format: Format) -> Option<Res> {
    match format {
        Format::Simple | Format::Json => None,
        other => unsupported(other),
    }
}

pub(crate) fn member_add(ctx: &mut Ctx, g: &Global, f: &Flags, pos: &[String]) -> Run {
    let Some(name) = pos.first() else {
        return exit_err(EXIT_BAD_ARGS, "member name not provided").into();
    };
    if pos.len() > 1 {
        let mut ev = String::from("too many arguments");
        for s in &pos[1..] {
            if s.to_ascii_lowercase().starts_with("http") {
                ev.push_str(&format!(", did you mean --peer-urls={s}"));
            }
        }
        return exit_err(EXIT_BAD_ARGS, ev).into();
    }
    let urls: Vec<String> = f
        .str("peer-urls")
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if urls.is_empty() {
        return exit_err(EXIT_BAD_ARGS, "member peer urls not provided").into();
    }
    let learner = f.bool("learner");
    let res = with_member(ctx, g, |ctx, m| {
        ctx.backend
            .member_add(m, name, urls.clone(), learner, g.timeout_us)
            .map(|(new, all)| (m, (new, by_id(all))))
    });
    let (via, (new, all)) = match res {
        Ok(x) => x,
        Err(e) => return exit_err(EXIT_ERROR, e.message()).into(),
    };
    let cid = ctx.backend.cluster_id();
    if g.format == Format::Json {
        return Res::ok().out(members_json(ctx, via, &all)).into();
    }
    if let Some(e) = only_simple_or_json(g.format) {
        return e.into();
    }
    let head = format!("Member {} added to cluster {}", id16(new.id), id16(cid));
    added(head, name, new.id, &all, Some(&urls)).into()
}

/// What `member add` prints after its first line (v3's member_command.go and v2's
/// member_commands.go): the new member's environment, its peers in the server's order.
pub(crate) fn added(
    head: String,
    name: &str,
    new: MemberId,
    all: &[MemberInfo],
    urls: Option<&[String]>,
) -> Res {
    let conf: Vec<String> = all
        .iter()
        .flat_map(|m| {
            let n = if m.id == new { name } else { &m.name };
            m.peer_urls.iter().map(move |u| format!("{n}={u}"))
        })
        .collect();
    let r = Res::ok()
        .out(head)
        .out("")
        .out(format!("ETCD_NAME={}", quote(name)))
        .out(format!("ETCD_INITIAL_CLUSTER={}", quote(&conf.join(","))));
    let r = match urls {
        Some(u) => r.out(format!(
            "ETCD_INITIAL_ADVERTISE_PEER_URLS={}",
            quote(&u.join(","))
        )),
        None => r,
    };
    r.out("ETCD_INITIAL_CLUSTER_STATE=\"existing\"")
}

fn member_id_arg(pos: &[String]) -> Result<MemberId, Res> {
    let Some(a) = pos.first() else {
        return Err(exit_err(EXIT_BAD_ARGS, "member ID is not provided"));
    };
    parse_hex_u64(a).map_err(|e| {
        exit_err(
            EXIT_BAD_ARGS,
            format!("bad member ID arg ({e}), expecting ID in Hex"),
        )
    })
}

pub(crate) fn member_remove(ctx: &mut Ctx, g: &Global, _f: &Flags, pos: &[String]) -> Run {
    let id = match member_id_arg(pos) {
        Ok(i) => i,
        Err(e) => return e.into(),
    };
    match with_member(ctx, g, |ctx, m| {
        ctx.backend
            .member_remove(m, id, g.timeout_us)
            .map(|l| (m, l))
    }) {
        Ok((via, l)) if g.format == Format::Json => {
            Res::ok().out(members_json(ctx, via, &l)).into()
        }
        Ok(_) if only_simple_or_json(g.format).is_some() => {
            only_simple_or_json(g.format).unwrap_or_default().into()
        }
        Ok(_) => Res::ok()
            .out(format!(
                "Member {} removed from cluster {}",
                id16(id),
                id16(ctx.backend.cluster_id())
            ))
            .into(),
        Err(e) => exit_err(EXIT_ERROR, e.message()).into(),
    }
}

pub(crate) fn member_promote(ctx: &mut Ctx, g: &Global, _f: &Flags, pos: &[String]) -> Run {
    let id = match member_id_arg(pos) {
        Ok(i) => i,
        Err(e) => return e.into(),
    };
    match with_member(ctx, g, |ctx, m| {
        ctx.backend
            .member_promote(m, id, g.timeout_us)
            .map(|l| (m, l))
    }) {
        Ok((via, l)) if g.format == Format::Json => {
            Res::ok().out(members_json(ctx, via, &l)).into()
        }
        Ok(_) if only_simple_or_json(g.format).is_some() => {
            only_simple_or_json(g.format).unwrap_or_default().into()
        }
        Ok(_) => Res::ok()
            .out(format!(
                "Member {} promoted in cluster {}",
                id16(id),
                id16(ctx.backend.cluster_id())
            ))
            .into(),
        Err(e) => exit_err(EXIT_ERROR, e.message()).into(),
    }
}

/// `--endpoints`, or with `--cluster` every member's client URLs (a linearizable
/// member list first).
fn endpoints(ctx: &mut Ctx, g: &Global, f: &Flags) -> Result<Vec<String>, Res> {
    if !f.bool("cluster") {
        return Ok(g.endpoints.clone());
    }
    match with_member(ctx, g, |ctx, m| ctx.backend.member_list(m, g.timeout_us)) {
        Ok(ms) => Ok(by_id(ms).into_iter().flat_map(|m| m.client_urls).collect()),
        Err(e) => Err(exit_err(
            EXIT_ERROR,
            format!(
                "failed to fetch endpoints from etcd cluster member list: {}",
                e.message()
            ),
        )),
    }
}

/// The member at an endpoint if it is up; otherwise the dial runs into the deadline.
fn dial(ctx: &mut Ctx, g: &Global, ep: &str) -> Result<MemberId, BackendError> {
    match resolve(ctx, ep).filter(|&m| ctx.backend.is_running(m)) {
        Some(m) => Ok(m),
        None => {
            ctx.backend.advance(g.timeout_us);
            Err(BackendError::DeadlineExceeded)
        }
    }
}

pub(crate) fn endpoint_health(ctx: &mut Ctx, g: &Global, f: &Flags, _pos: &[String]) -> Run {
    let eps = match endpoints(ctx, g, f) {
        Ok(e) => e,
        Err(r) => return r.into(),
    };
    let mut rows: Vec<(String, Result<i64, String>)> = Vec::new();
    for ep in &eps {
        let start = ctx.backend.now_us();
        let probe = Request::Range(RangeRequest {
            key: "health".into(),
            ..Default::default()
        });
        let r = dial(ctx, g, ep)
            .and_then(|m| ctx.backend.read_index(m, &probe, g.timeout_us))
            .map(|_| ctx.backend.now_us() - start)
            .map_err(|e| e.message().to_string());
        rows.push((ep.clone(), r));
    }
    let unhealthy = rows.iter().any(|(_, r)| r.is_err());
    let mut res = match g.format {
        Format::Json => Res::ok().out(arr(rows
            .iter()
            .map(|(ep, r)| {
                let o = Obj::new()
                    .raw("endpoint", jstr(ep))
                    .raw("health", r.is_ok().to_string());
                match r {
                    Ok(t) => o.raw("took", jstr(&duration(*t))),
                    Err(e) => o
                        .raw("took", jstr(&duration(g.timeout_us)))
                        .raw("error", jstr(e)),
                }
                .build()
            })
            .collect())),
        Format::Table => Res::ok().into_lines(table(
            &["endpoint", "health", "took", "error"],
            &rows
                .iter()
                .map(|(ep, r)| match r {
                    Ok(t) => vec![ep.clone(), "true".into(), duration(*t), String::new()],
                    Err(e) => vec![
                        ep.clone(),
                        "false".into(),
                        duration(g.timeout_us),
                        e.clone(),
                    ],
                })
                .collect::<Vec<_>>(),
            true,
        )),
        Format::Fields => rows.iter().fold(Res::ok(), |acc, (ep, r)| {
            let (took, err) = match r {
                Ok(t) => (duration(*t), ""),
                Err(e) => (duration(g.timeout_us), e.as_str()),
            };
            let acc = fields::qfield(acc, "Endpoint", ep);
            let acc = fields::field(acc, "Health", r.is_ok());
            let acc = fields::field(acc, "Took", took);
            fields::field(acc, "Error", err).out("")
        }),
        _ => rows.iter().fold(Res::ok(), |acc, (ep, r)| match r {
            Ok(t) => acc.err(format!(
                "{ep} is healthy: successfully committed proposal: took = {}",
                duration(*t)
            )),
            Err(e) => acc.err(format!("{ep} is unhealthy: failed to commit proposal: {e}")),
        }),
    };
    if unhealthy {
        res = res.err("Error: unhealthy cluster").with_status(EXIT_ERROR);
    }
    res.into()
}

fn status_row(ep: &str, s: &MemberStatus) -> Vec<String> {
    vec![
        ep.to_string(),
        format!("{:x}", s.id),
        s.version.clone(),
        human_bytes(s.db_size),
        (s.leader == s.id).to_string(),
        s.is_learner.to_string(),
        s.raft_term.to_string(),
        s.raft_index.to_string(),
        s.raft_applied_index.to_string(),
        s.errors.join(", "),
    ]
}

pub(crate) fn endpoint_status(ctx: &mut Ctx, g: &Global, f: &Flags, _pos: &[String]) -> Run {
    let eps = match endpoints(ctx, g, f) {
        Ok(e) => e,
        Err(r) => return r.into(),
    };
    let mut res = Res::ok();
    let mut list: Vec<(String, MemberStatus)> = Vec::new();
    let mut failed = false;
    for ep in &eps {
        match dial(ctx, g, ep).and_then(|m| ctx.backend.status(m)) {
            Ok(s) => list.push((ep.clone(), s)),
            Err(e) => {
                failed = true;
                res = res.err(format!(
                    "{{\"level\":\"warn\",\"msg\":\"failed to get the status of endpoint\",\"endpoint\":{},\"error\":{}}}",
                    jstr(ep),
                    jstr(e.message())
                ));
            }
        }
    }
    let rows: Vec<Vec<String>> = list.iter().map(|(ep, s)| status_row(ep, s)).collect();
    res = match g.format {
        Format::Simple => rows.iter().fold(res, |r, row| r.out(row.join(", "))),
        Format::Table => res.into_lines(table(
            &[
                "endpoint",
                "ID",
                "version",
                "db size",
                "is leader",
                "is learner",
                "raft term",
                "raft index",
                "raft applied index",
                "errors",
            ],
            &rows,
            true,
        )),
        Format::Json => {
            let items = list
                .iter()
                .map(|(ep, s)| {
                    let rev = ctx.backend.local_revision(s.id).unwrap_or(0);
                    let st = Obj::new()
                        .raw("header", super::v3_kv::header(ctx, s.id, rev))
                        .string("version", &s.version)
                        .num("dbSize", s.db_size as i128)
                        .num("leader", s.leader as i128)
                        .num("raftIndex", s.raft_index as i128)
                        .num("raftTerm", s.raft_term as i128)
                        .num("raftAppliedIndex", s.raft_applied_index as i128)
                        .num("dbSizeInUse", s.db_size as i128)
                        .build();
                    Obj::new()
                        .raw("Endpoint", jstr(ep))
                        .raw("Status", st)
                        .build()
                })
                .collect();
            res.out(arr(items))
        }
        Format::Fields => list.iter().fold(res, |r, (ep, s)| {
            let rev = ctx.backend.local_revision(s.id).unwrap_or(0);
            let r = fields::header(r, ctx, s.id, rev);
            let r = fields::qfield(r, "Version", &s.version);
            let r = fields::field(r, "DBSize", s.db_size);
            let r = fields::field(r, "Leader", s.leader);
            let r = fields::field(r, "IsLearner", s.is_learner);
            let r = fields::field(r, "RaftIndex", s.raft_index);
            let r = fields::field(r, "RaftTerm", s.raft_term);
            let r = fields::field(r, "RaftAppliedIndex", s.raft_applied_index);
            let r = fields::field(r, "Errors", fields::go_slice(&s.errors));
            fields::qfield(r, "Endpoint", ep).out("")
        }),
        other => unsupported(other).unwrap_or_default(),
    };
    if failed {
        res.status = EXIT_ERROR;
    }
    res.into()
}

pub(crate) fn move_leader(ctx: &mut Ctx, g: &Global, _f: &Flags, pos: &[String]) -> Run {
    if pos.len() != 1 {
        return exit_err(EXIT_BAD_ARGS, "move-leader command needs 1 argument").into();
    }
    let target = match parse_hex_u64(&pos[0]) {
        Ok(t) => t,
        Err(e) => {
            return exit_err(
                EXIT_BAD_ARGS,
                format!("bad leader ID arg ({e}), expecting ID in Hex"),
            )
            .into()
        }
    };
    let mut leader = None;
    for ep in &g.endpoints {
        match dial(ctx, g, ep).and_then(|m| ctx.backend.status(m)) {
            Ok(s) if s.leader == s.id => {
                leader = Some(s.id);
                break;
            }
            Ok(_) => {}
            Err(e) => return exit_err(EXIT_ERROR, e.message()).into(),
        }
    }
    let Some(from) = leader else {
        return exit_err(
            EXIT_BAD_ARGS,
            format!("no leader endpoint given at [{}]", g.endpoints.join(" ")),
        )
        .into();
    };
    match ctx.backend.move_leader(from, target, g.timeout_us) {
        Ok(()) if g.format == Format::Json => {
            let rev = ctx.backend.local_revision(from).unwrap_or(0);
            let h = super::v3_kv::header(ctx, from, rev);
            Res::ok().out(Obj::new().raw("header", h).build()).into()
        }
        Ok(()) if only_simple_or_json(g.format).is_some() => {
            only_simple_or_json(g.format).unwrap_or_default().into()
        }
        Ok(()) => Res::ok()
            .out(format!(
                "Leadership transferred from {from:x} to {target:x}"
            ))
            .into(),
        Err(e) => exit_err(EXIT_ERROR, e.message()).into(),
    }
}

pub(crate) fn defrag(ctx: &mut Ctx, g: &Global, f: &Flags, _pos: &[String]) -> Run {
    let eps = match endpoints(ctx, g, f) {
        Ok(e) => e,
        Err(r) => return r.into(),
    };
    let mut res = Res::ok();
    for ep in &eps {
        match dial(ctx, g, ep) {
            Ok(_) => res = res.out(format!("Finished defragmenting etcd member[{ep}]")),
            Err(e) => {
                res = res
                    .err(format!(
                        "Failed to defragment etcd member[{ep}] ({})",
                        e.message()
                    ))
                    .with_status(EXIT_ERROR)
            }
        }
    }
    res.into()
}

pub(crate) fn alarm_list(ctx: &mut Ctx, g: &Global, _f: &Flags, pos: &[String]) -> Run {
    alarm(ctx, g, "list", pos)
}

pub(crate) fn alarm_disarm(ctx: &mut Ctx, g: &Global, _f: &Flags, pos: &[String]) -> Run {
    alarm(ctx, g, "disarm", pos)
}

/// `alarm list` / `alarm disarm`: the Alarm RPC goes through Raft (it needs a leader and a
/// quorum). The simulated cluster never raises an alarm (no NOSPACE, no CORRUPT), so the
/// answer is an empty list, which the simple printer shows as nothing.
fn alarm(ctx: &mut Ctx, g: &Global, sub: &str, pos: &[String]) -> Run {
    if !pos.is_empty() {
        let msg = format!("alarm {sub} command accepts no arguments");
        return exit_err(EXIT_BAD_ARGS, msg).into();
    }
    let probe = Request::Range(RangeRequest {
        key: "alarm".into(),
        count_only: true,
        ..Default::default()
    });
    let m = match with_member(ctx, g, |ctx, m| {
        ctx.backend.read_index(m, &probe, g.timeout_us).map(|_| m)
    }) {
        Ok(m) => m,
        Err(e) => return exit_err(EXIT_ERROR, e.message()).into(),
    };
    let rev = ctx.backend.local_revision(m).unwrap_or(0);
    match g.format {
        Format::Simple => Res::ok(),
        Format::Json => {
            let h = super::v3_kv::header(ctx, m, rev);
            Res::ok().out(Obj::new().raw("header", h).build())
        }
        Format::Fields => fields::header(Res::ok(), ctx, m, rev),
        other => unsupported(other).unwrap_or_default(),
    }
    .into()
}

/// `endpoint hashkv`: each endpoint's member hashes its own store (no Raft round).
pub(crate) fn endpoint_hashkv(ctx: &mut Ctx, g: &Global, f: &Flags, _pos: &[String]) -> Run {
    let eps = match endpoints(ctx, g, f) {
        Ok(e) => e,
        Err(r) => return r.into(),
    };
    let req = Request::HashKv {
        revision: f.int("rev"),
    };
    let mut res = Res::ok();
    let mut failed: Option<String> = None;
    // (endpoint, member, header revision, hash, compact revision, hash revision)
    let mut list: Vec<(String, MemberId, i64, u32, i64, i64)> = Vec::new();
    for ep in &eps {
        let answer = dial(ctx, g, ep).and_then(|m| ctx.backend.read_local(m, &req).map(|r| (m, r)));
        let err = match answer {
            Ok((
                m,
                Response::HashKv {
                    hash,
                    compact_revision,
                    hash_revision,
                },
            )) => {
                let rev = ctx.backend.local_revision(m).unwrap_or(0);
                list.push((ep.clone(), m, rev, hash, compact_revision, hash_revision));
                continue;
            }
            Ok((_, Response::Error(e))) => e.message().to_string(),
            Ok(_) => "unexpected response".to_string(),
            Err(e) => e.message().to_string(),
        };
        res = res.err(format!(
            "{{\"level\":\"warn\",\"msg\":\"failed to get the hash of endpoint\",\"endpoint\":{},\"error\":{}}}",
            jstr(ep),
            jstr(&err)
        ));
        failed = Some(err);
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|(ep, _, _, h, _, _)| vec![ep.clone(), h.to_string()])
        .collect();
    res = match g.format {
        Format::Simple => rows.iter().fold(res, |r, row| r.out(row.join(", "))),
        Format::Table => res.into_lines(table(&["endpoint", "hash"], &rows, true)),
        Format::Json => {
            let items = list
                .iter()
                .map(|(ep, m, rev, hash, compact, hrev)| {
                    let hk = Obj::new()
                        .raw("header", super::v3_kv::header(ctx, *m, *rev))
                        .num("hash", i128::from(*hash))
                        .num("compact_revision", i128::from(*compact))
                        .num("hash_revision", i128::from(*hrev))
                        .build();
                    Obj::new()
                        .raw("Endpoint", jstr(ep))
                        .raw("HashKV", hk)
                        .build()
                })
                .collect();
            res.out(arr(items))
        }
        Format::Fields => list.iter().fold(res, |r, (ep, m, rev, hash, _, _)| {
            let r = fields::header(r, ctx, *m, *rev);
            let r = fields::qfield(r, "Endpoint", ep);
            fields::field(r, "Hash", hash).out("")
        }),
        other => unsupported(other).unwrap_or_default(),
    };
    match failed {
        Some(e) => res
            .err(format!("Error: {e}"))
            .with_status(EXIT_ERROR)
            .into(),
        None => res.into(),
    }
}
