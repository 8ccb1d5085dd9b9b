//! etcdctl v3 (3.5): the cobra command tree, global flags, dispatch, help and usage.

use super::flags::{self, flag, short, FlagSpec, Flags, Kind};
use super::tabw::tabwrite;
use super::{
    exit_err, resolve, v3_cluster, v3_elect, v3_kv, v3_lease, v3_lock, v3_snapshot, Ctx, Run,
    EXIT_BAD_FEATURE,
};
use crate::backend::{BackendError, MemberId};
use crate::shell::term::Res;

pub(crate) const VERSION: &str = "3.5.9";
pub(crate) const API_VERSION: &str = "3.5";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Simple,
    Json,
    Table,
    Fields,
    Protobuf,
}

/// Global options after parsing.
#[derive(Clone, Debug)]
pub(crate) struct Global {
    pub endpoints: Vec<String>,
    pub timeout_us: i64,
    pub format: Format,
    /// `--hex`: the simple printer shows keys and values as `\x66\x6f\x6f`.
    pub hex: bool,
}

type Handler = fn(&mut Ctx, &Global, &Flags, &[String]) -> Run;

pub(crate) struct Cmd {
    pub name: &'static str,
    pub short: &'static str,
    pub use_line: &'static str,
    pub flags: &'static [FlagSpec],
    pub subs: &'static [Cmd],
    pub run: Option<Handler>,
}

const fn cmd(
    name: &'static str,
    use_line: &'static str,
    short: &'static str,
    flags: &'static [FlagSpec],
    run: Handler,
) -> Cmd {
    Cmd {
        name,
        short,
        use_line,
        flags,
        subs: &[],
        run: Some(run),
    }
}

const fn group(
    name: &'static str,
    use_line: &'static str,
    short: &'static str,
    subs: &'static [Cmd],
) -> Cmd {
    Cmd {
        name,
        short,
        use_line,
        flags: &[],
        subs,
        run: None,
    }
}

const GLOBAL_FLAGS: &[FlagSpec] = &[
    flag("cacert", Kind::Str, "", "verify certificates of TLS-enabled secure servers using this CA bundle"),
    flag("cert", Kind::Str, "", "identify secure client using this TLS certificate file"),
    flag("command-timeout", Kind::Duration, "5s", "timeout for short running command (excluding dial timeout)"),
    flag("debug", Kind::Bool, "false", "enable client-side debug logging"),
    flag("dial-timeout", Kind::Duration, "2s", "dial timeout for client connections"),
    short("discovery-srv", 'd', Kind::Str, "", "domain name to query for SRV records describing cluster endpoints"),
    flag("discovery-srv-name", Kind::Str, "", "service name to query when using DNS discovery"),
    flag("endpoints", Kind::List, "[127.0.0.1:2379]", "gRPC endpoints"),
    flag("hex", Kind::Bool, "false", "print byte strings as hex encoded strings"),
    flag("insecure-discovery", Kind::Bool, "true", "accept insecure SRV records describing cluster endpoints"),
    flag("insecure-skip-tls-verify", Kind::Bool, "false", "skip server certificate verification (CAUTION: this option should be enabled only for testing purposes)"),
    flag("insecure-transport", Kind::Bool, "true", "disable transport security for client connections"),
    flag("keepalive-time", Kind::Duration, "2s", "keepalive time for client connections"),
    flag("keepalive-timeout", Kind::Duration, "6s", "keepalive timeout for client connections"),
    flag("key", Kind::Str, "", "identify secure client using this TLS key file"),
    flag("password", Kind::Str, "", "password for authentication (if this option is used, --user option shouldn't include password)"),
    flag("user", Kind::Str, "", "username[:password] for authentication (prompt if password is not supplied)"),
    short("write-out", 'w', Kind::Str, "simple", "set the output format (fields, json, protobuf, simple, table)"),
];

const HELP: FlagSpec = short("help", 'h', Kind::Bool, "false", "help for ");

const GET_FLAGS: &[FlagSpec] = &[
    flag(
        "consistency",
        Kind::Str,
        "l",
        "Linearizable(l) or Serializable(s)",
    ),
    flag("count-only", Kind::Bool, "false", "Get only the count"),
    flag(
        "from-key",
        Kind::Bool,
        "false",
        "Get keys that are greater than or equal to the given key using byte compare",
    ),
    flag("keys-only", Kind::Bool, "false", "Get only the keys"),
    flag("limit", Kind::Int, "0", "Maximum number of results"),
    flag(
        "order",
        Kind::Str,
        "",
        "Order of results; ASCEND or DESCEND (ASCEND by default)",
    ),
    flag(
        "prefix",
        Kind::Bool,
        "false",
        "Get keys with matching prefix",
    ),
    flag(
        "print-value-only",
        Kind::Bool,
        "false",
        "Only write values when using the \"simple\" output format",
    ),
    flag("rev", Kind::Int, "0", "Specify the kv revision"),
    flag(
        "sort-by",
        Kind::Str,
        "",
        "Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION",
    ),
];

const PUT_FLAGS: &[FlagSpec] = &[
    flag(
        "ignore-lease",
        Kind::Bool,
        "false",
        "updates the key using its current lease",
    ),
    flag(
        "ignore-value",
        Kind::Bool,
        "false",
        "updates the key using its current value",
    ),
    flag(
        "lease",
        Kind::Str,
        "0",
        "lease ID (in hexadecimal) to attach to the key",
    ),
    flag(
        "prev-kv",
        Kind::Bool,
        "false",
        "return the previous key-value pair before modification",
    ),
];

const DEL_FLAGS: &[FlagSpec] = &[
    flag(
        "from-key",
        Kind::Bool,
        "false",
        "delete keys that are greater than or equal to the given key using byte compare",
    ),
    flag(
        "prefix",
        Kind::Bool,
        "false",
        "delete keys with matching prefix",
    ),
    flag(
        "prev-kv",
        Kind::Bool,
        "false",
        "return deleted key-value pairs",
    ),
    flag("range", Kind::Bool, "false", "delete range of keys"),
];

const WATCH_FLAGS: &[FlagSpec] = &[
    short("interactive", 'i', Kind::Bool, "false", "Interactive mode"),
    flag(
        "prefix",
        Kind::Bool,
        "false",
        "Watch on a prefix if prefix is set",
    ),
    flag(
        "prev-kv",
        Kind::Bool,
        "false",
        "get the previous key-value pair before the event happens",
    ),
    flag(
        "progress-notify",
        Kind::Bool,
        "false",
        "get periodic watch progress notification from server",
    ),
    flag("rev", Kind::Int, "0", "Revision to start watching"),
];

const TXN_FLAGS: &[FlagSpec] = &[short(
    "interactive",
    'i',
    Kind::Bool,
    "false",
    "Input transaction in interactive mode",
)];

const LOCK_FLAGS: &[FlagSpec] = &[flag("ttl", Kind::Int, "10", "timeout for session")];

const ELECT_FLAGS: &[FlagSpec] = &[short(
    "listen",
    'l',
    Kind::Bool,
    "false",
    "observation mode",
)];

const COMPACTION_FLAGS: &[FlagSpec] = &[flag(
    "physical",
    Kind::Bool,
    "false",
    "'true' to wait for compaction to physically remove all old revisions",
)];

const CLUSTER_FLAG: &[FlagSpec] = &[flag(
    "cluster",
    Kind::Bool,
    "false",
    "use all endpoints from the cluster member list",
)];

const MEMBER_ADD_FLAGS: &[FlagSpec] = &[
    flag(
        "learner",
        Kind::Bool,
        "false",
        "indicates if the new member is raft learner",
    ),
    flag(
        "peer-urls",
        Kind::Str,
        "",
        "comma separated peer URLs for the new member.",
    ),
];

const MEMBER_LIST_FLAGS: &[FlagSpec] = &[flag(
    "consistency",
    Kind::Str,
    "l",
    "Linearizable(l) or Serializable(s)",
)];

const TTL_FLAGS: &[FlagSpec] = &[flag(
    "keys",
    Kind::Bool,
    "false",
    "Get keys attached to this lease",
)];
const KEEPALIVE_FLAGS: &[FlagSpec] = &[flag(
    "once",
    Kind::Bool,
    "false",
    "Resets the keep-alive time to its original value and cobrautl.Exits immediately",
)];

const LEASE_CMDS: &[Cmd] = &[
    cmd(
        "grant",
        "grant <ttl>",
        "Creates leases",
        &[],
        v3_lease::grant,
    ),
    cmd(
        "keep-alive",
        "keep-alive [options] <leaseID>",
        "Keeps leases alive (renew)",
        KEEPALIVE_FLAGS,
        v3_lease::keep_alive,
    ),
    cmd(
        "list",
        "list",
        "List all active leases",
        &[],
        v3_lease::list,
    ),
    cmd(
        "revoke",
        "revoke <leaseID>",
        "Revokes leases",
        &[],
        v3_lease::revoke,
    ),
    cmd(
        "timetolive",
        "timetolive <leaseID> [options]",
        "Get lease information",
        TTL_FLAGS,
        v3_lease::timetolive,
    ),
];

const MEMBER_CMDS: &[Cmd] = &[
    cmd(
        "add",
        "add <memberName> [options]",
        "Adds a member into the cluster",
        MEMBER_ADD_FLAGS,
        v3_cluster::member_add,
    ),
    cmd(
        "list",
        "list",
        "Lists all members in the cluster",
        MEMBER_LIST_FLAGS,
        v3_cluster::member_list,
    ),
    cmd(
        "promote",
        "promote <memberID>",
        "Promotes a non-voting member in the cluster",
        &[],
        v3_cluster::member_promote,
    ),
    cmd(
        "remove",
        "remove <memberID>",
        "Removes a member from the cluster",
        &[],
        v3_cluster::member_remove,
    ),
    cmd(
        "update",
        "update <memberID> [options]",
        "Updates a member in the cluster",
        &[flag(
            "peer-urls",
            Kind::Str,
            "",
            "comma separated peer URLs for the updated member.",
        )],
        not_simulated,
    ),
];

const HASHKV_FLAGS: &[FlagSpec] = &[
    flag(
        "cluster",
        Kind::Bool,
        "false",
        "use all endpoints from the cluster member list",
    ),
    flag(
        "rev",
        Kind::Int,
        "0",
        "maximum revision to hash (default: all revisions)",
    ),
];

const ALARM_CMDS: &[Cmd] = &[
    cmd(
        "disarm",
        "disarm",
        "Disarms all alarms",
        &[],
        v3_cluster::alarm_disarm,
    ),
    cmd(
        "list",
        "list",
        "Lists all alarms",
        &[],
        v3_cluster::alarm_list,
    ),
];

const ENDPOINT_CMDS: &[Cmd] = &[
    cmd(
        "hashkv",
        "hashkv",
        "Prints the KV history hash for each endpoint in --endpoints",
        HASHKV_FLAGS,
        v3_cluster::endpoint_hashkv,
    ),
    cmd(
        "health",
        "health",
        "Checks the healthiness of endpoints specified in `--endpoints` flag",
        CLUSTER_FLAG,
        v3_cluster::endpoint_health,
    ),
    cmd(
        "status",
        "status",
        "Prints out the status of endpoints specified in `--endpoints` flag",
        CLUSTER_FLAG,
        v3_cluster::endpoint_status,
    ),
];

const RESTORE_FLAGS: &[FlagSpec] = &[
    flag("data-dir", Kind::Str, "", "Path to the data directory"),
    flag(
        "initial-advertise-peer-urls",
        Kind::Str,
        "http://localhost:2380",
        "List of this member's peer URLs to advertise to the rest of the cluster",
    ),
    flag(
        "initial-cluster",
        Kind::Str,
        "default=http://localhost:2380",
        "Initial cluster configuration for restore bootstrap",
    ),
    flag(
        "initial-cluster-token",
        Kind::Str,
        "etcd-cluster",
        "Initial cluster token for the etcd cluster during restore bootstrap",
    ),
    flag(
        "name",
        Kind::Str,
        "default",
        "Human-readable name for this member",
    ),
    flag(
        "skip-hash-check",
        Kind::Bool,
        "false",
        "Ignore snapshot integrity hash value (required if copied from data directory)",
    ),
    flag(
        "wal-dir",
        Kind::Str,
        "",
        "Path to the WAL directory (use --data-dir if none given)",
    ),
];

/// cobra lists subcommands by name.
const SNAPSHOT_CMDS: &[Cmd] = &[
    cmd(
        "restore",
        "restore <filename> [options]",
        "Restores an etcd member snapshot to an etcd directory",
        RESTORE_FLAGS,
        not_simulated,
    ),
    cmd(
        "save",
        "save <filename>",
        "Stores an etcd node backend snapshot to a given file",
        &[],
        v3_snapshot::save,
    ),
    cmd(
        "status",
        "status <filename>",
        "[deprecated] Gets backend snapshot status of a given file",
        &[],
        v3_snapshot::status,
    ),
];

pub(crate) const COMMANDS: &[Cmd] = &[
    group(
        "alarm",
        "alarm <subcommand>",
        "Alarm related commands",
        ALARM_CMDS,
    ),
    cmd(
        "auth",
        "auth <enable or disable>",
        "Enable or disable authentication",
        &[],
        not_simulated,
    ),
    cmd(
        "check",
        "check <subcommand>",
        "commands for checking properties of the etcd cluster",
        &[],
        not_simulated,
    ),
    cmd(
        "compaction",
        "compaction [options] <revision>",
        "Compacts the event history in etcd",
        COMPACTION_FLAGS,
        v3_kv::compaction,
    ),
    cmd(
        "defrag",
        "defrag",
        "Defragments the storage of the etcd members with given endpoints",
        CLUSTER_FLAG,
        v3_cluster::defrag,
    ),
    cmd(
        "del",
        "del [options] <key> [range_end]",
        "Removes the specified key or range of keys [key, range_end)",
        DEL_FLAGS,
        v3_kv::del,
    ),
    cmd(
        "downgrade",
        "downgrade <TARGET_VERSION>",
        "Downgrade related commands",
        &[],
        not_simulated,
    ),
    cmd(
        "elect",
        "elect <election-name> [proposal]",
        "Observes and participates in leader election",
        ELECT_FLAGS,
        v3_elect::elect,
    ),
    group(
        "endpoint",
        "endpoint <subcommand>",
        "Endpoint related commands",
        ENDPOINT_CMDS,
    ),
    cmd(
        "get",
        "get [options] <key> [range_end]",
        "Gets the key or a range of keys",
        GET_FLAGS,
        v3_kv::get,
    ),
    group(
        "lease",
        "lease <subcommand>",
        "Lease related commands",
        LEASE_CMDS,
    ),
    cmd(
        "lock",
        "lock <lockname> [exec-command arg1 arg2 ...]",
        "Acquires a named lock",
        LOCK_FLAGS,
        v3_lock::lock,
    ),
    cmd(
        "make-mirror",
        "make-mirror [options] <destination>",
        "Makes a mirror at the destination etcd cluster",
        &[],
        not_simulated,
    ),
    group(
        "member",
        "member <subcommand>",
        "Membership related commands",
        MEMBER_CMDS,
    ),
    cmd(
        "move-leader",
        "move-leader <transferee-member-id>",
        "Transfers leadership to another etcd cluster member.",
        &[],
        v3_cluster::move_leader,
    ),
    cmd(
        "put",
        "put [options] <key> <value> (<value> can also be given from stdin)",
        "Puts the given key into the store",
        PUT_FLAGS,
        v3_kv::put,
    ),
    cmd(
        "role",
        "role <subcommand>",
        "Role related commands",
        &[],
        not_simulated,
    ),
    group(
        "snapshot",
        "snapshot <subcommand>",
        "Manages etcd node snapshots",
        SNAPSHOT_CMDS,
    ),
    cmd(
        "txn",
        "txn [options]",
        "Txn processes all the requests in one transaction",
        TXN_FLAGS,
        v3_kv::txn,
    ),
    cmd(
        "user",
        "user <subcommand>",
        "User related commands",
        &[],
        not_simulated,
    ),
    cmd(
        "version",
        "version",
        "Prints the version of etcdctl",
        &[],
        version,
    ),
    cmd(
        "watch",
        "watch [options] [key or prefix] [range_end] [--] [exec-command arg1 arg2 ...]",
        "Watches events stream on keys or prefixes",
        WATCH_FLAGS,
        v3_kv::watch,
    ),
];

fn version(_: &mut Ctx, _: &Global, _: &Flags, _: &[String]) -> Run {
    Res::ok()
        .out(format!("etcdctl version: {VERSION}"))
        .out(format!("API version: {API_VERSION}"))
        .into()
}

/// Commands of the real etcdctl that this simulation does not model.
fn not_simulated(_: &mut Ctx, _: &Global, _: &Flags, _: &[String]) -> Run {
    exit_err(1, "this command is not available in the simulated cluster").into()
}

/// cobra's prefix matching: an exact name, or the only command the prefix fits.
fn find<'a>(subs: &'a [Cmd], name: &str) -> Option<&'a Cmd> {
    if let Some(c) = subs.iter().find(|c| c.name == name) {
        return Some(c);
    }
    let mut it = subs.iter().filter(|c| c.name.starts_with(name));
    match (it.next(), it.next()) {
        (Some(c), None) if !name.is_empty() => Some(c),
        _ => None,
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_ascii_lowercase().chars().collect();
    let b: Vec<char> = b.to_ascii_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

fn unknown_command(name: &str) -> Res {
    let mut sugg: Vec<&str> = COMMANDS
        .iter()
        .map(|c| c.name)
        .chain(std::iter::once("help"))
        .filter(|c| {
            levenshtein(name, c) <= 2
                || c.to_ascii_lowercase()
                    .starts_with(&name.to_ascii_lowercase())
        })
        .collect();
    quorum_raft::lite::sort_small_by(&mut sugg, |a, b| a < b);
    let mut r = Res::status(1).err(format!(
        "Error: unknown command {} for \"etcdctl\"",
        super::goerr::quote(name)
    ));
    if !sugg.is_empty() {
        r = r.err("").err("Did you mean this?");
        for s in sugg {
            r = r.err(format!("\t{s}"));
        }
        r = r.err("");
    }
    r.err("Run 'etcdctl --help' for usage.")
}

pub(crate) fn run(ctx: &mut Ctx, args: &[String]) -> Run {
    let mut path: Vec<&Cmd> = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    let mut level: &[Cmd] = COMMANDS;
    let mut looking = true;
    let mut help_cmd = false;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            rest.extend(args[i - 1..].iter().cloned());
            break;
        }
        if a.starts_with('-') && a.len() > 1 {
            rest.push(a.clone());
            let local = path.last().map_or(&[][..], |c| c.flags);
            let all: Vec<FlagSpec> = GLOBAL_FLAGS.iter().chain(local).copied().collect();
            if flags::takes_value(a, &all) && i < args.len() {
                rest.push(args[i].clone());
                i += 1;
            }
            continue;
        }
        if looking && path.is_empty() && a == "help" && !help_cmd {
            help_cmd = true;
            continue;
        }
        if looking && !level.is_empty() {
            match find(level, a) {
                Some(c) => {
                    path.push(c);
                    level = c.subs;
                    continue;
                }
                None if path.is_empty() => return unknown_command(a).into(),
                None => {}
            }
        }
        looking = false;
        rest.push(a.clone());
    }
    let Some(cmd) = path.last().copied() else {
        if help_cmd {
            return Res::ok().into_lines(root_help()).into();
        }
        return parse_root_only(&rest);
    };
    let specs: Vec<FlagSpec> = cmd
        .flags
        .iter()
        .copied()
        .chain(std::iter::once(HELP))
        .chain(GLOBAL_FLAGS.iter().copied())
        .collect();
    let (f, pos) = match flags::parse(&rest, &specs) {
        Ok(x) => x,
        Err(e) => {
            return Res::status(1)
                .err(format!("Error: {e}"))
                .into_err_lines(usage(&path))
                .into()
        }
    };
    if help_cmd || f.bool("help") || cmd.run.is_none() {
        return Res::ok().into_lines(usage(&path)).into();
    }
    let global = match global(ctx, &f) {
        Ok(g) => g,
        Err(r) => return r.into(),
    };
    match cmd.run {
        Some(h) => h(ctx, &global, &f, &pos),
        None => Res::ok().into(),
    }
}

/// `etcdctl` with no command: flags are checked, then the help is shown.
fn parse_root_only(rest: &[String]) -> Run {
    let specs: Vec<FlagSpec> = std::iter::once(HELP)
        .chain(GLOBAL_FLAGS.iter().copied())
        .collect();
    match flags::parse(rest, &specs) {
        Err(e) => Res::status(1)
            .err(format!("Error: {e}"))
            .into_err_lines(root_help())
            .into(),
        Ok((_, pos)) => match pos.first() {
            Some(p) => unknown_command(p).into(),
            None => Res::ok().into_lines(root_help()).into(),
        },
    }
}

fn global(ctx: &Ctx, f: &Flags) -> Result<Global, Res> {
    let eps = if f.changed("endpoints") {
        f.str("endpoints")
    } else {
        ctx.env
            .get("ETCDCTL_ENDPOINTS")
            .cloned()
            .unwrap_or_else(|| "127.0.0.1:2379".into())
    };
    let endpoints: Vec<String> = eps
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let out = if f.changed("write-out") {
        f.str("write-out")
    } else {
        ctx.env
            .get("ETCDCTL_WRITE_OUT")
            .cloned()
            .unwrap_or_else(|| "simple".into())
    };
    let format = match out.as_str() {
        "simple" => Format::Simple,
        "json" => Format::Json,
        "table" => Format::Table,
        "fields" => Format::Fields,
        "protobuf" => Format::Protobuf,
        _ => return Err(exit_err(EXIT_BAD_FEATURE, "unsupported output format")),
    };
    Ok(Global {
        endpoints,
        timeout_us: f.duration("command-timeout"),
        format,
        hex: f.bool("hex"),
    })
}

/// The member the client ends up talking to: the first endpoint with a running member.
/// `None` means no endpoint answers: the request will hit the deadline.
pub(crate) fn pick_member(ctx: &Ctx, g: &Global) -> Option<MemberId> {
    g.endpoints
        .iter()
        .filter_map(|e| resolve(ctx, e))
        .find(|&m| ctx.backend.is_running(m))
}

/// Runs `f` on the chosen member, or waits out the deadline when none answers.
pub(crate) fn with_member<T>(
    ctx: &mut Ctx,
    g: &Global,
    f: impl FnOnce(&mut Ctx, MemberId) -> Result<T, BackendError>,
) -> Result<T, BackendError> {
    match pick_member(ctx, g) {
        Some(m) => f(ctx, m),
        None => {
            ctx.backend.advance(g.timeout_us);
            Err(BackendError::DeadlineExceeded)
        }
    }
}

/// The table/fields/protobuf printers etcdctl has no method for.
pub(crate) fn unsupported(format: Format) -> Option<Res> {
    let name = match format {
        Format::Table => "table",
        Format::Protobuf => "protobuf",
        Format::Fields => "fields",
        _ => return None,
    };
    Some(exit_err(
        EXIT_BAD_FEATURE,
        format!("{name} not supported as output format"),
    ))
}

fn flag_lines(specs: &[FlagSpec], help_for: Option<&str>) -> Vec<String> {
    let mut all: Vec<FlagSpec> = specs.to_vec();
    if help_for.is_some() {
        all.push(HELP);
    }
    quorum_raft::lite::sort_small_by(&mut all, |a, b| a.name < b.name);
    all.iter()
        .map(|s| {
            let head = match s.short {
                Some(c) => format!("  -{c}, --{}", s.name),
                None => format!("      --{}", s.name),
            };
            let value = match s.kind {
                Kind::Bool => format!("[={}]", s.default),
                Kind::Str => format!("={}", super::goerr::quote(s.default)),
                _ => format!("={}", s.default),
            };
            let usage = if s.name == "help" {
                format!("help for {}", help_for.unwrap_or("etcdctl"))
            } else {
                s.usage.to_string()
            };
            format!("{head}{value}\t{usage}")
        })
        .collect()
}

/// etcdctl's usage template for a command.
pub(crate) fn usage(path: &[&Cmd]) -> Vec<String> {
    let Some(cmd) = path.last() else {
        return root_help();
    };
    let name: Vec<&str> = path.iter().map(|c| c.name).collect();
    let name = name.join(" ");
    let parent = &name[..name.len() - cmd.name.len()];
    let mut use_line = format!("etcdctl {parent}{}", cmd.use_line);
    if !use_line.contains("[flags]") {
        use_line.push_str(" [flags]");
    }
    let mut l = vec![
        "NAME:".to_string(),
        format!("\t{name} - {}", cmd.short),
        String::new(),
        "USAGE:".into(),
        format!("\t{use_line}"),
    ];
    if !cmd.subs.is_empty() {
        l.extend([
            String::new(),
            "API VERSION:".into(),
            format!("\t{API_VERSION}"),
        ]);
        l.extend([String::new(), "COMMANDS:".into()]);
        for s in cmd.subs {
            l.push(format!("\t{}\t{}", s.name, s.short));
        }
    }
    l.extend([String::new(), "OPTIONS:".into()]);
    l.extend(flag_lines(cmd.flags, Some(cmd.name)));
    l.extend([String::new(), "GLOBAL OPTIONS:".into()]);
    l.extend(flag_lines(GLOBAL_FLAGS, None));
    tabwrite(&l)
}

pub(crate) fn root_help() -> Vec<String> {
    let mut l = vec![
        "NAME:".to_string(),
        "\tetcdctl - A simple command line client for etcd3.".into(),
        String::new(),
        "USAGE:".into(),
        "\tetcdctl [flags]".into(),
        String::new(),
        "VERSION:".into(),
        format!("\t{VERSION}"),
        String::new(),
        "API VERSION:".into(),
        format!("\t{API_VERSION}"),
        String::new(),
        String::new(),
        "COMMANDS:".into(),
    ];
    for c in COMMANDS {
        if c.run.is_some() {
            l.push(format!("\t{}\t{}", c.name, c.short));
        }
        for s in c.subs {
            l.push(format!("\t{} {}\t{}", c.name, s.name, s.short));
        }
    }
    l.push("\thelp\tHelp about any command".into());
    l.extend([String::new(), "OPTIONS:".into()]);
    l.extend(flag_lines(GLOBAL_FLAGS, Some("etcdctl")));
    tabwrite(&l)
}

impl Res {
    pub(crate) fn into_lines(mut self, lines: Vec<String>) -> Res {
        for l in lines {
            self = self.out(l);
        }
        self
    }
    pub(crate) fn into_err_lines(mut self, lines: Vec<String>) -> Res {
        for l in lines {
            self = self.err(l);
        }
        self
    }
}

pub(crate) fn put_flags() -> &'static [FlagSpec] {
    PUT_FLAGS
}
pub(crate) fn get_flags() -> &'static [FlagSpec] {
    GET_FLAGS
}
pub(crate) fn del_flags() -> &'static [FlagSpec] {
    DEL_FLAGS
}
