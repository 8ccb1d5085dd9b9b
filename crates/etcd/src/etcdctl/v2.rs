//! etcdctl v2 as shipped with etcd 3.3 (the default there when `ETCDCTL_API` is unset).

use litemap::LiteMap;

use super::goerr::{parse_bool, parse_int, quote};
use super::print::jstr;
use super::stream::{Job, V2WatchJob};
use super::{by_id, resolve, Ctx, Run};
use crate::backend::{BackendError, MemberId};
use crate::request::{Request, Response};
use crate::shell::term::Res;
use crate::v2::{V2Error, V2Node, V2Request, V2Response};

const EXIT_BAD_ARGS: i32 = 1;
const EXIT_BAD_CONNECTION: i32 = 2;
const EXIT_SERVER_ERROR: i32 = 4;
const EXIT_CLUSTER_NOT_HEALTHY: i32 = 5;
const DEFAULT_ENDPOINTS: &str = "http://127.0.0.1:2379,http://127.0.0.1:4001";

/// (name and aliases, takes a value)
type Spec = (&'static [&'static str], bool);

const GLOBAL: &[Spec] = &[
    (&["debug"], false),
    (&["no-sync"], false),
    (&["output", "o"], true),
    (&["discovery-srv", "D"], true),
    (&["insecure-discovery"], false),
    (&["peers", "C"], true),
    (&["endpoint"], true),
    (&["endpoints"], true),
    (&["cert-file"], true),
    (&["key-file"], true),
    (&["ca-file"], true),
    (&["username", "u"], true),
    (&["timeout"], true),
    (&["total-timeout"], true),
    (&["help", "h"], false),
    (&["version", "v"], false),
];

/// Go's `flag` package: flags first, parsing stops at the first argument.
fn parse_flags(
    args: &[String],
    specs: &[Spec],
) -> Result<(LiteMap<String, String>, Vec<String>), String> {
    let mut vals = LiteMap::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            i += 1;
            break;
        }
        if !a.starts_with('-') || a.len() < 2 {
            break;
        }
        i += 1;
        let body = a.trim_start_matches('-');
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        let Some(spec) = specs.iter().find(|s| s.0.contains(&name)) else {
            return Err(format!("flag provided but not defined: -{name}"));
        };
        let canon = spec.0[0].to_string();
        let v = match (inline, spec.1) {
            (Some(v), false) => {
                parse_bool(&v).map_err(|_| {
                    format!(
                        "invalid boolean value {} for -{name}: parse error",
                        quote(&v)
                    )
                })?;
                v
            }
            (Some(v), true) => v,
            (None, false) => "true".into(),
            (None, true) => {
                let v = args
                    .get(i)
                    .ok_or_else(|| format!("flag needs an argument: -{name}"))?;
                i += 1;
                v.clone()
            }
        };
        vals.insert(canon, v);
    }
    Ok((vals, args[i..].to_vec()))
}

/// urfave/cli v1 moves a command's flags before its arguments (`reorderArgs`), taking the
/// word after a flag without `=` as its value, even after a boolean flag.
fn reorder(args: &[String]) -> Vec<String> {
    let (mut flags, mut rest) = (Vec::new(), Vec::new());
    let mut read_value = false;
    for (i, a) in args.iter().enumerate() {
        if a == "--" {
            rest.extend(args[i..].iter().cloned());
            break;
        }
        if read_value && !a.starts_with('-') {
            read_value = false;
            flags.push(a.clone());
            continue;
        }
        read_value = false;
        if a != "-" && a.starts_with('-') {
            flags.push(a.clone());
            read_value = !a.contains('=');
        } else {
            rest.push(a.clone());
        }
    }
    flags.extend(rest);
    flags
}

/// A command's own flags (reordered first, as urfave/cli does).
fn parse_cmd_flags(
    args: &[String],
    specs: &[Spec],
) -> Result<(LiteMap<String, String>, Vec<String>), String> {
    parse_flags(&reorder(args), specs)
}

fn incorrect_usage(e: String) -> Res {
    Res::status(1)
        .out(format!("Incorrect Usage: {e}"))
        .out("")
        .err(e)
}

fn server_error(msg: impl std::fmt::Display) -> Res {
    Res::fail(format!("Error:  {msg}"), EXIT_SERVER_ERROR)
}

/// handleError for an error from the store: with `-o json`, the v2 client's `Error` as
/// encoding/json writes it, else its text.
pub(super) fn store_error(e: &V2Error, output: &str) -> Res {
    if output != "json" {
        return server_error(e);
    }
    let json = format!(
        "{{\"errorCode\":{},\"message\":{},\"cause\":{},\"index\":{}}}",
        e.code as u16,
        jstr(e.code.message()),
        jstr(&e.cause),
        e.index
    );
    Res::fail(json, EXIT_SERVER_ERROR)
}

struct V2Ctx<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    endpoints: Vec<String>,
    total_timeout_us: i64,
    /// The global `-o/--output` format.
    output: String,
    no_sync: bool,
}

/// The v2 client's `ClusterError`: `client: etcd cluster is unavailable or misconfigured;
/// error #0: ...`, one error per endpoint tried.
fn cluster_error_text(errs: &[String]) -> String {
    let mut head = String::from("client: etcd cluster is unavailable or misconfigured");
    for (i, e) in errs.iter().enumerate() {
        head.push_str(&format!("; error #{i}: {e}"));
    }
    head
}

fn refused(ep: &str) -> String {
    format!(
        "dial tcp {}: getsockopt: connection refused",
        super::host_port(ep)
    )
}

/// Why no endpoint could serve a request, as handleError prints a `ClusterError`: the error,
/// then its `Detail()`, one line per endpoint.
fn cluster_error(v: &V2Ctx, timed_out: Option<&str>) -> Res {
    let errs: Vec<String> = v
        .endpoints
        .iter()
        .map(|ep| {
            if Some(ep.as_str()) == timed_out {
                format!("client: endpoint {ep} exceeded header timeout")
            } else {
                refused(ep)
            }
        })
        .collect();
    let mut r = server_error(cluster_error_text(&errs));
    for (i, e) in errs.iter().enumerate() {
        r = r.err(format!("error #{i}: {e}"));
    }
    r.err("")
}

impl V2Ctx<'_, '_> {
    /// `newClient`, then (with `sync`, unless `--no-sync`) `mustNewClient`'s `Sync`: a
    /// member list through the given endpoints whose client URLs become the endpoints. etcd
    /// shuffles them; the simulation keeps member order so that runs repeat.
    fn connect(&mut self, sync: bool) -> Result<(), Res> {
        // url.Parse (Go 1.10) finds no scheme in `10.240.0.10:2379`, and a colon in a path's
        // first segment is an error.
        for ep in &self.endpoints {
            let head = ep.split('/').next().unwrap_or_default();
            if ep.starts_with(|c: char| c.is_ascii_digit()) && head.contains(':') {
                let e = format!("parse {ep}: first path segment in URL cannot contain colon");
                return Err(Res::fail(e, EXIT_BAD_ARGS));
            }
        }
        if !sync || self.no_sync {
            return Ok(());
        }
        if self.member().is_none() {
            return Err(cluster_error(self, None).with_status(EXIT_BAD_CONNECTION));
        }
        let members = self.ctx.backend.members();
        self.endpoints = members.into_iter().flat_map(|m| m.client_urls).collect();
        Ok(())
    }

    /// The first endpoint with a running member, as the v2 client tries them in order.
    fn member(&self) -> Option<(MemberId, String)> {
        self.endpoints.iter().find_map(|ep| {
            resolve(self.ctx, ep)
                .filter(|&m| self.ctx.backend.is_running(m))
                .map(|m| (m, ep.clone()))
        })
    }

    fn call(&mut self, req: V2Request, quorum: bool) -> Result<V2Response, Res> {
        let Some((m, ep)) = self.member() else {
            return Err(cluster_error(self, None));
        };
        let is_read = req.is_read();
        let req = Request::V2(req);
        let r = if is_read && !quorum {
            self.ctx.backend.read_local(m, &req)
        } else if is_read {
            self.ctx.backend.read_index(m, &req, self.total_timeout_us)
        } else {
            self.ctx.backend.propose(m, req, self.total_timeout_us)
        };
        match r {
            Ok(Response::V2(x)) => Ok(x),
            Ok(Response::V2Error(e)) => Err(store_error(&e, &self.output)),
            Ok(_) => Err(server_error("unexpected response")),
            Err(BackendError::DeadlineExceeded) => Err(cluster_error(self, Some(&ep))),
            Err(e) => Err(server_error(e.message())),
        }
    }
}

pub(crate) fn help(warn: bool) -> Vec<String> {
    let mut l: Vec<String> = vec![
        "NAME:".into(),
        "   etcdctl - A simple command line client for etcd.".into(),
        String::new(),
    ];
    if warn {
        l.extend([
            "WARNING:".into(),
            "   Environment variable ETCDCTL_API is not set; defaults to etcdctl v2.".into(),
            "   Set environment variable ETCDCTL_API=3 to use v3 API or ETCDCTL_API=2 to use v2 API.".into(),
            String::new(),
        ]);
    }
    let rest = "USAGE:
   etcdctl [global options] command [command options] [arguments...]

VERSION:
   3.3.9

COMMANDS:
     backup          backup an etcd directory
     cluster-health  check the health of the etcd cluster
     mk              make a new key with a given value
     mkdir           make a new directory
     rm              remove a key or a directory
     rmdir           removes the key if it is an empty directory or a key-value pair
     get             retrieve the value of a key
     ls              retrieve a directory
     set             set the value of a key
     setdir          create a new directory or update an existing directory TTL
     update          update an existing key with a given value
     updatedir       update an existing directory
     watch           watch a key for changes
     exec-watch      watch a key for changes and exec an executable
     member          member add, remove and list subcommands
     user            user add, grant and revoke subcommands
     role            role add, grant and revoke subcommands
     auth            overall auth controls
     help, h         Shows a list of commands or help for one command

GLOBAL OPTIONS:
   --debug                          output cURL commands which can be used to reproduce the request
   --no-sync                        don't synchronize cluster information before sending request
   --output simple, -o simple       output response in the given format (simple, `extended` or `json`) (default: \"simple\")
   --discovery-srv value, -D value  domain name to query for SRV records describing cluster endpoints
   --insecure-discovery             accept insecure SRV records describing cluster endpoints
   --peers value, -C value          DEPRECATED - \"--endpoints\" should be used instead
   --endpoint value                 DEPRECATED - \"--endpoints\" should be used instead
   --endpoints value                a comma-delimited list of machine addresses in the cluster (default: \"http://127.0.0.1:2379,http://127.0.0.1:4001\")
   --cert-file value                identify HTTPS client using this SSL certificate file
   --key-file value                 identify HTTPS client using this SSL key file
   --ca-file value                  verify certificates of HTTPS-enabled servers using this CA bundle
   --username value, -u value       provide username[:password] and prompt if password is not supplied.
   --timeout value                  connection timeout per request (default: 2s)
   --total-timeout value            timeout for the command execution (except watch) (default: 5s)
   --help, -h                       show help
   --version, -v                    print the version";
    l.extend(rest.lines().map(String::from));
    l
}

pub(crate) fn run(ctx: &mut Ctx, args: &[String], api_unset: bool) -> Run {
    let (g, rest) = match parse_flags(args, GLOBAL) {
        Ok(x) => x,
        Err(e) => return incorrect_usage(e).into(),
    };
    if g.contains_key("version") {
        return Res::ok()
            .out("etcdctl version: 3.3.9")
            .out("API version: 2")
            .into();
    }
    let (Some((cmd, cargs)), false) = (rest.split_first(), g.contains_key("help")) else {
        return Res::ok().into_lines(help(api_unset)).into();
    };
    // getPeersFlagValue: each flag before its environment variable, the first non-empty wins.
    let endpoints = [
        ("endpoints", "ETCDCTL_ENDPOINTS"),
        ("endpoint", "ETCDCTL_ENDPOINT"),
        ("peers", "ETCDCTL_PEERS"),
    ]
    .iter()
    .flat_map(|(f, e)| [g.get(*f), ctx.env.get(*e)])
    .flatten()
    .find(|s| !s.is_empty())
    .cloned()
    .unwrap_or_else(|| DEFAULT_ENDPOINTS.into());
    let total = g
        .get("total-timeout")
        .and_then(|t| super::goerr::parse_duration(t).ok())
        .unwrap_or(5_000_000);
    let stdin = ctx.stdin.clone();
    let mut v = V2Ctx {
        ctx,
        endpoints: endpoints
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        total_timeout_us: total,
        output: g.get("output").cloned().unwrap_or_else(|| "simple".into()),
        no_sync: g.contains_key("no-sync"),
    };
    match cmd.as_str() {
        "watch" => return watch(&mut v, cargs, false),
        "exec-watch" => return watch(&mut v, cargs, true),
        "set" => write_cmd(&mut v, cargs, stdin, Kind::Set),
        "mk" => write_cmd(&mut v, cargs, stdin, Kind::Mk),
        "update" => write_cmd(&mut v, cargs, stdin, Kind::Update),
        "mkdir" => write_cmd(&mut v, cargs, None, Kind::Mkdir),
        "setdir" => write_cmd(&mut v, cargs, None, Kind::Setdir),
        "updatedir" => write_cmd(&mut v, cargs, None, Kind::Updatedir),
        "get" => get(&mut v, cargs),
        "ls" => ls(&mut v, cargs),
        "rm" => rm(&mut v, cargs, false),
        "rmdir" => rm(&mut v, cargs, true),
        "cluster-health" => cluster_health(&mut v),
        "member" => member(&mut v, cargs),
        "help" | "h" => Res::ok().into_lines(help(api_unset)),
        "backup" | "user" | "role" | "auth" => Res::fail(
            "Error:  this command is not available in the simulated cluster",
            EXIT_BAD_ARGS,
        ),
        other => Res::fail(format!("No help topic for '{other}'"), 3),
    }
    .into()
}

/// watch_command.go and exec_watch_command.go (3.3): the next change (`--forever`: every
/// change) to the key, or under it with `--recursive`; exec-watch runs a command per change.
fn watch(v: &mut V2Ctx, args: &[String], exec: bool) -> Run {
    let specs: &[Spec] = &[
        (&["forever", "f"], false),
        (&["after-index"], true),
        (&["recursive", "r"], false),
    ];
    let (f, pos) = match parse_cmd_flags(args, &specs[usize::from(exec)..]) {
        Ok(x) => x,
        Err(e) => return incorrect_usage(e).into(),
    };
    if let Err(r) = v.connect(true) {
        return r.into();
    }
    // exec-watch: `KEY -- CMD...`, or without `--` the command first and the key last.
    let (key, cmd) = match (exec, pos.len()) {
        (false, 1..) => (pos[0].clone(), Vec::new()),
        (true, 2..) if pos[1..].iter().any(|a| a == "--") => (pos[0].clone(), pos[2..].to_vec()),
        (true, n @ 2..) => (pos[n - 1].clone(), pos[..n - 1].to_vec()),
        (false, _) => return Res::fail("Error:  key required", EXIT_BAD_ARGS).into(),
        (true, _) => {
            return Res::fail("Error:  key and command to exec required", EXIT_BAD_ARGS).into()
        }
    };
    let after = match int_flag(&f, "after-index") {
        Ok(i) => i as u64,
        Err(r) => return r.into(),
    };
    let job = V2WatchJob {
        member: v.member().map(|(m, _)| m),
        key,
        recursive: f.contains_key("recursive"),
        forever: f.contains_key("forever"),
        next: if after > 0 {
            after.saturating_add(1)
        } else {
            0
        },
        output: v.output.clone(),
        exec: cmd,
        pending: Vec::new(),
    };
    Job::V2Watch(job).start(v.ctx.backend, Vec::new())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Set,
    Mk,
    Update,
    Mkdir,
    Setdir,
    Updatedir,
}

/// An integer flag (urfave/cli's `IntFlag`), 0 when absent.
fn int_flag(f: &LiteMap<String, String>, name: &str) -> Result<i64, Res> {
    match f.get(name) {
        None => Ok(0),
        Some(t) => parse_int(t, 10).map_err(|e| {
            incorrect_usage(format!("invalid value {} for flag -{name}: {e}", quote(t)))
        }),
    }
}

fn ttl_of(f: &LiteMap<String, String>) -> Result<i64, Res> {
    int_flag(f, "ttl")
}

/// The `--swap-with-value`/`--with-value` and `--swap-with-index`/`--with-index` pair:
/// `Some` when either asks for a comparison (the server then compares and swaps/deletes).
fn comparison(
    f: &LiteMap<String, String>,
    value_flag: &str,
    index_flag: &str,
) -> Result<Option<(String, u64)>, Res> {
    let prev_value = f.get(value_flag).cloned().unwrap_or_default();
    // Go converts the int flag with uint64(...): a negative index wraps around.
    let prev_index = int_flag(f, index_flag)? as u64;
    Ok((!prev_value.is_empty() || prev_index > 0).then_some((prev_value, prev_index)))
}

fn write_cmd(v: &mut V2Ctx, args: &[String], stdin: Option<String>, kind: Kind) -> Res {
    // Each command's own flags (set_command.go, mk_command.go, update_command.go, ...).
    let specs: &[Spec] = match kind {
        Kind::Set => &[
            (&["ttl"], true),
            (&["swap-with-value"], true),
            (&["swap-with-index"], true),
        ],
        Kind::Mk => &[(&["in-order"], false), (&["ttl"], true)],
        _ => &[(&["ttl"], true)],
    };
    let (f, pos) = match parse_cmd_flags(args, specs) {
        Ok(x) => x,
        Err(e) => return incorrect_usage(e),
    };
    if let Err(r) = v.connect(true) {
        return r;
    }
    let Some(key) = pos.first().cloned() else {
        return Res::fail("Error:  key required", EXIT_BAD_ARGS);
    };
    let ttl = match ttl_of(&f) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let dir = matches!(kind, Kind::Mkdir | Kind::Setdir | Kind::Updatedir);
    let value = match (pos.get(1), stdin) {
        // Directory commands send no value.
        _ if dir => String::new(),
        (Some(val), _) => val.clone(),
        (None, Some(s)) if !s.is_empty() => s,
        _ => return Res::fail("Error:  value required", EXIT_BAD_ARGS),
    };
    let swap = match kind {
        Kind::Set => match comparison(&f, "swap-with-value", "swap-with-index") {
            Ok(c) => c,
            Err(r) => return r,
        },
        _ => None,
    };
    let req = match (kind, swap) {
        (Kind::Set, Some((prev_value, prev_index))) => V2Request::CompareAndSwap {
            key,
            value,
            ttl,
            prev_value,
            prev_index,
        },
        (Kind::Set | Kind::Setdir, _) => V2Request::Set {
            key,
            value,
            ttl,
            dir,
        },
        (Kind::Mk, _) if f.contains_key("in-order") => V2Request::CreateInOrder { key, value, ttl },
        (Kind::Mk | Kind::Mkdir, _) => V2Request::Create {
            key,
            value,
            ttl,
            dir,
        },
        // updatedir is a `PUT dir=true&prevExist=true`, which the server applies as the
        // store's Update with an empty value (a file's value is emptied too).
        (Kind::Update | Kind::Updatedir, _) => V2Request::Update { key, value, ttl },
    };
    match v.call(req, true) {
        Ok(r) if !dir => v.print(&r),
        // mkdir, setdir and updatedir print nothing, whatever the output format.
        Ok(_) => Res::ok(),
        Err(e) => e,
    }
}

impl V2Ctx<'_, '_> {
    fn print(&self, r: &V2Response) -> Res {
        super::v2_print::response(r, &self.output, self.ctx.backend.now_us())
    }
}

fn get(v: &mut V2Ctx, args: &[String]) -> Res {
    let specs: &[Spec] = &[(&["sort"], false), (&["quorum", "q"], false)];
    let (f, pos) = match parse_cmd_flags(args, specs) {
        Ok(x) => x,
        Err(e) => return incorrect_usage(e),
    };
    if let Err(r) = v.connect(true) {
        return r;
    }
    let Some(key) = pos.first().cloned() else {
        return Res::fail("Error:  key required", EXIT_BAD_ARGS);
    };
    match v.call(
        V2Request::Get {
            key,
            recursive: false,
        },
        f.contains_key("quorum"),
    ) {
        Ok(r) if r.node.dir => Res::fail(format!("{}: is a directory", r.node.key), 1),
        Ok(r) => v.print(&r),
        Err(e) => e,
    }
}

fn ls(v: &mut V2Ctx, args: &[String]) -> Res {
    let specs: &[Spec] = &[
        (&["sort"], false),
        (&["recursive", "r"], false),
        (&["p"], false),
        (&["quorum", "q"], false),
    ];
    let (f, pos) = match parse_cmd_flags(args, specs) {
        Ok(x) => x,
        Err(e) => return incorrect_usage(e),
    };
    if let Err(r) = v.connect(true) {
        return r;
    }
    let key = pos.first().cloned().unwrap_or_else(|| "/".into());
    let recursive = f.contains_key("recursive");
    let slash = f.contains_key("p");
    match v.call(V2Request::Get { key, recursive }, f.contains_key("quorum")) {
        Ok(r) => {
            let name = |n: &V2Node| {
                if slash && n.dir {
                    format!("{}/", n.key)
                } else {
                    n.key.clone()
                }
            };
            if !r.node.dir {
                return Res::ok().out(name(&r.node));
            }
            r.children.iter().fold(Res::ok(), |acc, n| acc.out(name(n)))
        }
        Err(e) => e,
    }
}

fn rm(v: &mut V2Ctx, args: &[String], rmdir: bool) -> Res {
    // rmdir_command.go defines no flags of its own.
    let specs: &[Spec] = if rmdir {
        &[]
    } else {
        &[
            (&["dir"], false),
            (&["recursive", "r"], false),
            (&["with-value"], true),
            (&["with-index"], true),
        ]
    };
    let (f, pos) = match parse_cmd_flags(args, specs) {
        Ok(x) => x,
        Err(e) => return incorrect_usage(e),
    };
    if let Err(r) = v.connect(true) {
        return r;
    }
    let Some(key) = pos.first().cloned() else {
        return Res::fail("Error:  key required", EXIT_BAD_ARGS);
    };
    let compare = match comparison(&f, "with-value", "with-index") {
        Ok(c) => c,
        Err(r) => return r,
    };
    let req = match compare {
        Some((prev_value, prev_index)) => V2Request::CompareAndDelete {
            key,
            prev_value,
            prev_index,
        },
        None => V2Request::Delete {
            key,
            dir: rmdir || f.contains_key("dir"),
            recursive: !rmdir && f.contains_key("recursive"),
        },
    };
    match v.call(req, true) {
        // A deleted directory prints nothing, in every output format.
        Ok(r) if r.node.dir => Res::ok(),
        Ok(r) => v.print(&r),
        Err(e) => e,
    }
}

fn cluster_health(v: &mut V2Ctx) -> Res {
    // mustNewClientNoSync: the members are listed through the endpoints as given.
    if let Err(r) = v.connect(false) {
        return r;
    }
    if v.member().is_none() {
        let r = Res::ok().out("cluster may be unhealthy: failed to list members");
        let e = cluster_error(v, None);
        return Res {
            lines: r.lines.into_iter().chain(e.lines).collect(),
            status: EXIT_SERVER_ERROR,
        };
    }
    let mut r = Res::ok();
    let members = by_id(v.ctx.backend.members());
    let mut healthy = 0;
    for m in &members {
        let id = format!("{:x}", m.id);
        if m.client_urls.is_empty() {
            r = r.out(format!(
                "member {id} is unreachable: no available published client urls"
            ));
            continue;
        }
        let url = &m.client_urls[0];
        if !v.ctx.backend.is_running(m.id) {
            r = r
                .out(format!(
                    "failed to check the health of member {id} on {url}: Get {url}/health: {}",
                    refused(url)
                ))
                .out(format!(
                    "member {id} is unreachable: [{}] are all unreachable",
                    m.client_urls.join(" ")
                ));
        } else if v.ctx.backend.has_leader(m.id) {
            healthy += 1;
            r = r.out(format!(
                "member {id} is healthy: got healthy result from {url}"
            ));
        } else {
            r = r.out(format!(
                "member {id} is unhealthy: got unhealthy result from {url}"
            ));
        }
    }
    if healthy == members.len() {
        r.out("cluster is healthy")
    } else if healthy > 0 {
        r.out("cluster is degraded")
    } else {
        r.out("cluster is unavailable")
            .with_status(EXIT_CLUSTER_NOT_HEALTHY)
    }
}

fn member(v: &mut V2Ctx, args: &[String]) -> Res {
    match args.first().map(String::as_str) {
        // member_commands.go prints these errors bare and exits 1.
        Some("list") if args.len() > 1 => Res::fail("No arguments accepted", 1),
        Some("list") => {
            if let Err(r) = v.connect(true) {
                return r;
            }
            // mAPI.Leader: a member without a leader answers 503, and the client tries the
            // next endpoint.
            let mut errs = Vec::new();
            let mut leader = None;
            for ep in &v.endpoints {
                match resolve(v.ctx, ep).filter(|&m| v.ctx.backend.is_running(m)) {
                    Some(m) if v.ctx.backend.has_leader(m) => {
                        leader = v.ctx.backend.status(m).map(|s| s.leader).ok();
                        break;
                    }
                    Some(_) => errs.push(format!("client: etcd member {ep} has no leader")),
                    None => errs.push(refused(ep)),
                }
            }
            let Some(leader) = leader else {
                let e = cluster_error_text(&errs);
                return Res::fail(format!("Failed to get leader:  {e}"), 1);
            };
            by_id(v.ctx.backend.members())
                .iter()
                .fold(Res::ok(), |r, m| {
                    if m.name.is_empty() {
                        r.out(format!(
                            "{:x}[unstarted]: peerURLs={}",
                            m.id,
                            m.peer_urls.join(",")
                        ))
                    } else {
                        r.out(format!(
                            "{:x}: name={} peerURLs={} clientURLs={} isLeader={}",
                            m.id,
                            m.name,
                            m.peer_urls.join(","),
                            m.client_urls.join(","),
                            m.id == leader
                        ))
                    }
                })
        }
        Some("add") if args.len() != 3 => {
            Res::fail("Provide a name and a single member peerURL", 1)
        }
        Some("remove") if args.len() != 2 => Res::fail("Provide a single member ID", 1),
        Some(c @ ("add" | "remove")) => {
            if let Err(r) = v.connect(true) {
                return r;
            }
            let Some((via, _)) = v.member() else {
                return cluster_error(v, None).with_status(1);
            };
            let (t, arg) = (v.total_timeout_us, &args[1]);
            let b = &mut v.ctx.backend;
            if c == "add" {
                return match b.member_add(via, arg, vec![args[2].clone()], false, t) {
                    Ok((new, all)) => {
                        let head =
                            format!("Added member named {arg} with ID {:x} to cluster", new.id);
                        super::v3_cluster::added(head, arg, new.id, &by_id(all), None)
                    }
                    // The v2 members API answers 409 with membership's own error.
                    Err(BackendError::PeerUrlExists) => Res::fail("membership: peerURL exists", 1),
                    Err(e) => Res::fail(e.message(), 1),
                };
            }
            let Some(id) = b
                .members()
                .iter()
                .map(|m| m.id)
                .find(|id| format!("{id:x}") == *arg)
            else {
                return Res::fail(
                    format!("Couldn't find a member in the cluster with an ID of {arg}."),
                    1,
                );
            };
            match b.member_remove(via, id, t) {
                Ok(_) => Res::ok().out(format!("Removed member {arg} from cluster")),
                Err(e) => Res::fail(
                    format!(
                        "Received an error trying to remove member {arg}: {}",
                        e.message()
                    ),
                    1,
                ),
            }
        }
        Some("update") => Res::fail(
            "Error:  this command is not available in the simulated cluster",
            EXIT_BAD_ARGS,
        ),
        _ => Res::ok()
            .out("NAME:")
            .out("   etcdctl member - member add, remove and list subcommands")
            .out("")
            .out("USAGE:")
            .out("   etcdctl member command [command options] [arguments...]")
            .out("")
            .out("COMMANDS:")
            .out("     list    enumerate existing cluster members")
            .out("     add     add a new member to the etcd cluster")
            .out("     remove  remove an existing member from the etcd cluster")
            .out("     update  update an existing member in the etcd cluster")
            .out("")
            .out("OPTIONS:")
            .out("   --help, -h  show help"),
    }
}
