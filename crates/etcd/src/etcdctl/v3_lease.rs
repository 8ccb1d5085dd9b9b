//! lease grant / revoke / timetolive / list / keep-alive.

use super::flags::Flags;
use super::goerr::parse_int;
use super::print::{arr, lease_hex, Obj};
use super::stream::{Job, KeepAliveJob};
use super::v3::{pick_member, unsupported, with_member, Format, Global};
use super::v3_fields as fields;
use super::v3_kv::header;
use super::{exit_err, Ctx, Run, EXIT_BAD_ARGS, EXIT_BAD_CONNECTION, EXIT_ERROR};
use crate::request::{Request, Response};
use crate::shell::term::Res;

fn lease_arg(arg: &str) -> Result<i64, Res> {
    parse_int(arg, 16).map_err(|e| {
        exit_err(
            EXIT_BAD_ARGS,
            format!("bad lease ID arg ({e}), expecting ID in Hex"),
        )
    })
}

/// Sends a lease request through Raft (grant, revoke, keep-alive all reach the leader).
fn lease_call(
    ctx: &mut Ctx,
    g: &Global,
    req: Request,
    linear_read: bool,
) -> Result<(u64, Response), String> {
    with_member(ctx, g, |ctx, m| {
        let r = if linear_read {
            ctx.backend.read_index(m, &req, g.timeout_us)
        } else {
            ctx.backend.propose(m, req, g.timeout_us)
        };
        r.map(|r| (m, r))
    })
    .map_err(|e| e.message().to_string())
    .and_then(|(m, r)| match r {
        Response::Error(e) => Err(e.message().to_string()),
        r => Ok((m, r)),
    })
}

/// A `*pb.ResponseHeader` embedded in a clientv3 struct: its `omitempty` fields inline.
fn flat_header(ctx: &Ctx, m: u64, revision: i64) -> Obj {
    Obj::new()
        .num("cluster_id", ctx.backend.cluster_id() as i128)
        .num("member_id", m as i128)
        .num("revision", revision as i128)
        .num("raft_term", ctx.backend.raft_term(m) as i128)
}

pub(crate) fn grant(ctx: &mut Ctx, g: &Global, _f: &Flags, pos: &[String]) -> Run {
    if pos.len() != 1 {
        return exit_err(EXIT_BAD_ARGS, "lease grant command needs TTL argument").into();
    }
    let ttl = match parse_int(&pos[0], 10) {
        Ok(t) => t,
        Err(e) => return exit_err(EXIT_BAD_ARGS, format!("bad TTL ({e})")).into(),
    };
    match lease_call(ctx, g, Request::LeaseGrant { id: 0, ttl }, false) {
        Ok((m, Response::LeaseGrant { id, ttl, revision })) => match g.format {
            Format::Simple => {
                Res::ok().out(format!("lease {} granted with TTL({ttl}s)", lease_hex(id)))
            }
            // clientv3.LeaseGrantResponse embeds *ResponseHeader: its fields are inlined.
            Format::Json => Res::ok().out(
                flat_header(ctx, m, revision)
                    .raw("ID", id.to_string())
                    .raw("TTL", ttl.to_string())
                    .raw("Error", "\"\"".into())
                    .build(),
            ),
            Format::Fields => {
                let r = fields::header(Res::ok(), ctx, m, revision);
                fields::field(fields::field(r, "ID", id), "TTL", ttl)
            }
            other => unsupported(other).unwrap_or_default(),
        }
        .into(),
        Ok(_) => exit_err(EXIT_ERROR, "unexpected response").into(),
        // The message carries a trailing newline in etcdctl: an empty line follows.
        Err(e) => exit_err(EXIT_ERROR, format!("failed to grant lease ({e})"))
            .err("")
            .into(),
    }
}

pub(crate) fn revoke(ctx: &mut Ctx, g: &Global, _f: &Flags, pos: &[String]) -> Run {
    if pos.len() != 1 {
        return exit_err(EXIT_BAD_ARGS, "lease revoke command needs 1 argument").into();
    }
    let id = match lease_arg(&pos[0]) {
        Ok(i) => i,
        Err(e) => return e.into(),
    };
    match lease_call(ctx, g, Request::LeaseRevoke { id }, false) {
        Ok((m, Response::LeaseRevoke { revision })) => match g.format {
            Format::Simple => Res::ok().out(format!("lease {} revoked", lease_hex(id))),
            Format::Json => {
                Res::ok().out(Obj::new().raw("header", header(ctx, m, revision)).build())
            }
            Format::Fields => fields::header(Res::ok(), ctx, m, revision),
            other => unsupported(other).unwrap_or_default(),
        }
        .into(),
        Ok(_) => exit_err(EXIT_ERROR, "unexpected response").into(),
        Err(e) => exit_err(EXIT_ERROR, format!("failed to revoke lease ({e})"))
            .err("")
            .into(),
    }
}

pub(crate) fn timetolive(ctx: &mut Ctx, g: &Global, f: &Flags, pos: &[String]) -> Run {
    if pos.len() != 1 {
        return exit_err(
            EXIT_BAD_ARGS,
            "lease timetolive command needs lease ID as argument",
        )
        .into();
    }
    let id = match lease_arg(&pos[0]) {
        Ok(i) => i,
        Err(e) => return e.into(),
    };
    let t = match lease_call(ctx, g, Request::LeaseTimeToLive { id }, true) {
        Ok((m, Response::LeaseTimeToLive(t))) => (m, t),
        Ok(_) => return exit_err(EXIT_BAD_CONNECTION, "unexpected response").into(),
        Err(e) => return exit_err(EXIT_BAD_CONNECTION, e).into(),
    };
    let (m, mut t) = t;
    // The server attaches the keys only when `--keys` asks for them (WithAttachedKeys).
    if !f.bool("keys") {
        t.keys.clear();
    }
    let rev = ctx.backend.local_revision(m).unwrap_or(0);
    match g.format {
        Format::Simple => {
            if t.granted_ttl == 0 && t.ttl == -1 {
                return Res::ok()
                    .out(format!("lease {} already expired", lease_hex(id)))
                    .into();
            }
            let mut s = format!(
                "lease {} granted with TTL({}s), remaining({}s)",
                lease_hex(id),
                t.granted_ttl,
                t.ttl
            );
            if f.bool("keys") {
                s.push_str(&format!(", attached keys([{}])", t.keys.join(" ")));
            }
            Res::ok().out(s).into()
        }
        Format::Json => Res::ok()
            .out(
                Obj::new()
                    .raw("cluster_id", ctx.backend.cluster_id().to_string())
                    .raw("member_id", m.to_string())
                    .raw("revision", rev.to_string())
                    .raw("raft_term", ctx.backend.raft_term(m).to_string())
                    .raw("id", id.to_string())
                    .raw("ttl", t.ttl.to_string())
                    .raw("granted-ttl", t.granted_ttl.to_string())
                    .raw(
                        "keys",
                        if t.keys.is_empty() {
                            "null".into()
                        } else {
                            arr(t
                                .keys
                                .iter()
                                .map(|k| super::print::jstr(&super::print::base64(k)))
                                .collect())
                        },
                    )
                    .build(),
            )
            .into(),
        Format::Fields => {
            let r = fields::header(Res::ok(), ctx, m, rev);
            let r = fields::field(r, "ID", id);
            let r = fields::field(r, "TTL", t.ttl);
            let r = fields::field(r, "GrantedTTL", t.granted_ttl);
            t.keys
                .iter()
                .fold(r, |r, k| fields::qfield(r, "Key", k))
                .into()
        }
        other => unsupported(other).unwrap_or_default().into(),
    }
}

pub(crate) fn list(ctx: &mut Ctx, g: &Global, _f: &Flags, _pos: &[String]) -> Run {
    match lease_call(ctx, g, Request::LeaseLeases, true) {
        Ok((m, Response::LeaseLeases { ids })) => match g.format {
            Format::Simple => ids.iter().fold(
                Res::ok().out(format!("found {} leases", ids.len())),
                |r, id| r.out(lease_hex(*id)),
            ),
            Format::Json => {
                let rev = ctx.backend.local_revision(m).unwrap_or(0);
                // clientv3.LeaseLeasesResponse: inlined header, `leases` of `{"id":…}`.
                Res::ok().out(
                    flat_header(ctx, m, rev)
                        .raw(
                            "leases",
                            arr(ids
                                .iter()
                                .map(|i| Obj::new().raw("id", i.to_string()).build())
                                .collect()),
                        )
                        .build(),
                )
            }
            Format::Fields => {
                let rev = ctx.backend.local_revision(m).unwrap_or(0);
                let r = fields::header(Res::ok(), ctx, m, rev);
                ids.iter().fold(r, |r, id| fields::field(r, "ID", id))
            }
            other => unsupported(other).unwrap_or_default(),
        }
        .into(),
        Ok(_) => exit_err(EXIT_BAD_CONNECTION, "unexpected response").into(),
        Err(e) => exit_err(EXIT_BAD_CONNECTION, e).into(),
    }
}

pub(crate) fn keep_alive(ctx: &mut Ctx, g: &Global, f: &Flags, pos: &[String]) -> Run {
    if pos.len() != 1 {
        return exit_err(
            EXIT_BAD_ARGS,
            "lease keep-alive command needs lease ID as argument",
        )
        .into();
    }
    let id = match lease_arg(&pos[0]) {
        Ok(i) => i,
        Err(e) => return e.into(),
    };
    if f.bool("once") {
        return match lease_call(ctx, g, Request::LeaseKeepAlive { id }, false) {
            Ok((m, Response::LeaseKeepAlive { ttl, .. })) => match g.format {
                Format::Fields => {
                    let rev = ctx.backend.local_revision(m).unwrap_or(0);
                    let r = fields::header(Res::ok(), ctx, m, rev);
                    fields::field(fields::field(r, "ID", id), "TTL", ttl)
                }
                Format::Json => {
                    let rev = ctx.backend.local_revision(m).unwrap_or(0);
                    Res::ok().out(
                        flat_header(ctx, m, rev)
                            .raw("ID", id.to_string())
                            .raw("TTL", ttl.to_string())
                            .build(),
                    )
                }
                Format::Simple => Res::ok().out(format!(
                    "lease {} keepalived with TTL({ttl})",
                    lease_hex(id)
                )),
                other => unsupported(other).unwrap_or_default(),
            }
            .into(),
            Ok(_) => exit_err(EXIT_BAD_CONNECTION, "unexpected response").into(),
            Err(e) => exit_err(EXIT_BAD_CONNECTION, e).into(),
        };
    }
    if let Some(e) = unsupported(g.format).filter(|_| g.format != Format::Fields) {
        return e.into();
    }
    let job = Job::KeepAlive(KeepAliveJob {
        member: pick_member(ctx, g),
        id,
        next_at_us: ctx.backend.now_us(),
        format: g.format,
    });
    job.start(ctx.backend, Vec::new())
}
