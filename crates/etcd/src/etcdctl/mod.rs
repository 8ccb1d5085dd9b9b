//! `etcdctl`: v3 (etcd 3.5 behaviour) and v2 (etcd 3.3 behaviour), chosen by `ETCDCTL_API`
//! as etcd 3.3's binary does.

mod flags;
pub(crate) mod goerr;
pub(crate) mod print;
mod session;
mod stream;
mod tabw;
mod txn;
mod v2;
mod v2_print;
mod v3;
mod v3_cluster;
mod v3_elect;
mod v3_fields;
mod v3_kv;
mod v3_lease;
mod v3_lock;
mod v3_snapshot;

use litemap::LiteMap;

use crate::backend::{EtcdBackend, MemberId};
use crate::shell::term::Res;

pub(crate) use stream::Job;
pub(crate) use txn::TxnInput;

/// etcdctl's exit codes (`cobrautl`).
pub(crate) const EXIT_ERROR: i32 = 1;
pub(crate) const EXIT_BAD_CONNECTION: i32 = 2;
pub(crate) const EXIT_INVALID_INPUT: i32 = 3;
pub(crate) const EXIT_BAD_FEATURE: i32 = 4;
pub(crate) const EXIT_BAD_ARGS: i32 = 128;

/// What etcdctl can reach from where it runs.
pub(crate) struct Ctx<'a> {
    pub backend: &'a mut dyn EtcdBackend,
    pub env: &'a LiteMap<String, String>,
    /// The member running on this machine (`127.0.0.1:2379`), if any.
    pub local_member: Option<MemberId>,
    /// Piped or heredoc input; `None` when stdin is the terminal.
    pub stdin: Option<String>,
    /// The machine's files (`snapshot save` writes there); `None` where etcdctl runs
    /// without a shell around it.
    pub files: Option<Files<'a>>,
}

/// The file system of the machine etcdctl runs on, and the shell's working directory
/// (relative paths are opened from there).
pub(crate) struct Files<'a> {
    pub fs: &'a mut crate::shell::fs::Vfs,
    pub cwd: String,
}

/// A finished run, or one that keeps the terminal (a stream, or `txn` reading lines).
pub(crate) struct Run {
    pub res: Res,
    pub cont: Option<Cont>,
}

pub(crate) enum Cont {
    Job(Job),
    Txn(TxnInput),
}

impl From<Res> for Run {
    fn from(res: Res) -> Run {
        Run { res, cont: None }
    }
}

/// `Error: <msg>` on stderr with an exit code: cobrautl.ExitWithError.
pub(crate) fn exit_err(code: i32, msg: impl std::fmt::Display) -> Res {
    Res::fail(format!("Error: {msg}"), code)
}

pub(crate) fn run(ctx: &mut Ctx, args: &[String]) -> Run {
    let api = ctx.env.get("ETCDCTL_API").cloned().unwrap_or_default();
    match api.as_str() {
        "" | "2" => v2::run(ctx, args, api.is_empty()),
        "3" => v3::run(ctx, args),
        other => Res::fail(format!("unsupported API version {other}"), 1).into(),
    }
}

/// Strips the scheme: `https://10.240.0.10:2379` -> `10.240.0.10:2379`.
/// The server's `RaftCluster.Members()`, which every member list answers with: by ID.
pub(crate) fn by_id(mut ms: Vec<crate::backend::MemberInfo>) -> Vec<crate::backend::MemberInfo> {
    quorum_raft::lite::sort_small_by(&mut ms, |a, b| a.id < b.id);
    ms
}

pub(crate) fn host_port(ep: &str) -> String {
    let s = ep
        .strip_prefix("https://")
        .or_else(|| ep.strip_prefix("http://"))
        .or_else(|| ep.strip_prefix("unix://"))
        .unwrap_or(ep);
    s.trim_end_matches('/').to_string()
}

/// Which member answers at an endpoint, if any does.
pub(crate) fn resolve(ctx: &Ctx, ep: &str) -> Option<MemberId> {
    let hp = host_port(ep);
    let (host, port) = hp.rsplit_once(':').unwrap_or((hp.as_str(), "2379"));
    if port != "2379" {
        return None;
    }
    // Go's dialer reads an empty host (`:2379`) as the local system.
    if host == "127.0.0.1" || host == "localhost" || host.is_empty() {
        return ctx.local_member;
    }
    ctx.backend.members().into_iter().find_map(|m| {
        let mut urls = m.client_urls.iter().chain(m.peer_urls.iter());
        urls.any(|u| {
            let h = host_port(u);
            h.rsplit_once(':').map(|(h, _)| h) == Some(host)
        })
        .then_some(m.id)
    })
}
