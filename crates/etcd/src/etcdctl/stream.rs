//! Long-running etcdctl commands: `watch` (v3 and v2) and `lease keep-alive`. They keep
//! printing as simulated time passes until Ctrl-C (or `kill`) ends them.

use super::print::{arr, kv_json, lease_hex, Obj};
use super::v3::Format;
use super::v3_elect::ObserveJob;
use super::v3_fields as fields;
use super::v3_kv::kv_lines;
use super::v3_lock::{ExecReq, LockJob};
use super::{Cont, Run};
use crate::backend::{EtcdBackend, MemberId, WatchCancel};
use crate::mvcc::{Event, EventKind, KeyRange, StoreError};
use crate::request::{Request, Response};
use crate::shell::term::{Line, Res};
use crate::v2::{V2ErrorCode, V2Request};
use litemap::LiteMap;

#[derive(Clone, Debug)]
pub(crate) struct WatchJob {
    pub member: Option<MemberId>,
    pub key: String,
    pub range: KeyRange,
    pub next_rev: i64,
    pub prev_kv: bool,
    pub format: Format,
    pub hex: bool,
    /// `watch ... -- CMD`: run once per event, after its response is printed.
    pub exec: Vec<String>,
    /// Commands due (`take_exec`), or `None` for one the shell is running.
    pub pending: Vec<Option<ExecReq>>,
    pub failed: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct KeepAliveJob {
    pub member: Option<MemberId>,
    pub id: i64,
    pub next_at_us: i64,
    pub format: Format,
}

#[derive(Clone, Debug)]
pub(crate) enum Job {
    Watch(WatchJob),
    KeepAlive(KeepAliveJob),
    /// A client blocked with no deadline (`snapshot save` to an endpoint nobody answers:
    /// gRPC waits for the connection until Ctrl-C).
    Stalled,
    /// `lock`, or `elect` campaigning: waiting for the key, then holding it.
    Lock(LockJob),
    /// `elect --listen`.
    Observe(ObserveJob),
    /// etcdctl v2 `watch` / `exec-watch`.
    V2Watch(V2WatchJob),
    /// `watch -i`: the watches typed so far, and the environment they are read in.
    WatchI(Vec<WatchJob>, LiteMap<String, String>),
}

#[derive(Clone, Debug)]
pub(crate) struct V2WatchJob {
    pub member: Option<MemberId>,
    pub key: String,
    pub recursive: bool,
    pub forever: bool,
    /// The etcd index to wait for; 0 until the first answer tells the current one.
    pub next: u64,
    pub output: String,
    /// exec-watch's command, and its runs due as in `WatchJob`.
    pub exec: Vec<String>,
    pub pending: Vec<Option<ExecReq>>,
}

impl Job {
    /// New output since the last poll; `Some(status)` when the command ended by itself.
    pub fn poll(&mut self, b: &mut dyn EtcdBackend) -> (Vec<Line>, Option<i32>) {
        match self {
            Job::Watch(w) => w.poll(b),
            Job::KeepAlive(k) => k.poll(b),
            Job::Lock(l) => l.poll(b),
            Job::Observe(o) => o.poll(b),
            Job::V2Watch(w) => w.poll(b),
            Job::WatchI(ws, _) => {
                let mut out = Vec::new();
                for w in ws {
                    let (lines, end) = w.poll(b);
                    out.extend(lines);
                    if end.is_some() {
                        return (out, end);
                    }
                }
                (out, None)
            }
            Job::Stalled => (Vec::new(), None),
        }
    }

    /// SIGINT or SIGTERM: `Some((output, status))` when the program catches it and exits by
    /// itself; `None` when the signal kills it.
    pub fn stop(&mut self, b: &mut dyn EtcdBackend) -> Option<(Vec<Line>, i32)> {
        match self {
            Job::Lock(l) => l.stop(b),
            // v2 watch catches SIGINT and exits 0 (os.Exit(0)).
            Job::Observe(_) | Job::V2Watch(_) => Some((Vec::new(), 0)),
            _ => None,
        }
    }

    /// `lock NAME CMD...` holding its lock: the command for the shell to run, and the
    /// variables to add to its environment.
    pub fn take_exec(&mut self) -> Option<ExecReq> {
        match self {
            Job::Lock(l) => l.take_exec(),
            Job::Watch(WatchJob { pending, .. }) | Job::V2Watch(V2WatchJob { pending, .. }) => {
                pending.first_mut().and_then(Option::take)
            }
            Job::WatchI(ws, _) => ws
                .iter_mut()
                .find_map(|w| w.pending.first_mut().and_then(Option::take)),
            _ => None,
        }
    }

    pub fn exec_done(&mut self, r: Result<i32, String>) {
        match self {
            Job::Lock(l) => l.exec_done(r),
            // exec-watch starts each command in a goroutine and ignores how it ends.
            Job::V2Watch(w) if !w.pending.is_empty() => {
                w.pending.remove(0);
            }
            Job::Watch(w) => w.exec_done(r),
            // The watch whose command ran: its first pending run was taken.
            Job::WatchI(ws, _) => {
                if let Some(w) = ws
                    .iter_mut()
                    .find(|w| matches!(w.pending.first(), Some(None)))
                {
                    w.exec_done(r)
                }
            }
            _ => {}
        }
    }

    /// A line typed while the program runs: only `watch -i` reads them
    /// (watchInteractiveFunc); `None` for a program that ignores its input.
    pub fn feed(
        &mut self,
        backend: &mut dyn EtcdBackend,
        local_member: Option<MemberId>,
        line: &str,
    ) -> Option<(Vec<Line>, Option<i32>)> {
        let Job::WatchI(ws, env) = self else {
            return None;
        };
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        let invalid = |why: &str| {
            Some((
                vec![Line::err(format!("Invalid command {line} ({why})"))],
                None,
            ))
        };
        match args.first().map(String::as_str) {
            Some("watch") if args.len() > 1 || env.contains_key("ETCDCTL_WATCH_KEY") => {
                let mut ctx = super::Ctx {
                    backend,
                    env,
                    local_member,
                    stdin: None,
                    files: None,
                };
                let run = super::v3::run(&mut ctx, &args);
                match run.cont {
                    Some(super::Cont::Job(Job::Watch(w))) => ws.push(w),
                    // parseWatchArgs' errors end etcdctl.
                    _ if run.res.status != 0 => return Some((run.res.lines, Some(run.res.status))),
                    _ => {}
                }
                Some((run.res.lines, None))
            }
            Some("watch") => invalid("command type or key is not provided"),
            // Each watch receives the progress notification of the stream.
            Some("progress") => Some((
                ws.iter()
                    .filter_map(|w| w.member.and_then(|m| backend.local_revision(m)))
                    .map(|r| Line::out(format!("progress notify: {r}")))
                    .collect(),
                None,
            )),
            _ => invalid("only support watch"),
        }
    }

    /// Polls once after `lines` and keeps the terminal unless the command already ended.
    pub fn start(mut self, b: &mut dyn EtcdBackend, mut lines: Vec<Line>) -> Run {
        let (more, end) = self.poll(b);
        lines.extend(more);
        Run {
            res: Res {
                lines,
                status: end.unwrap_or(0),
            },
            cont: end.is_none().then_some(Cont::Job(self)),
        }
    }
}

impl WatchJob {
    fn exec_done(&mut self, r: Result<i32, String>) {
        if self.pending.is_empty() {
            return;
        }
        self.pending.remove(0);
        // printWatchCh: a failing command ends etcdctl (exit 1).
        if let Err(e) | Ok(Err(e)) = r.map(|s| match s {
            0 => Ok(()),
            s => Err(format!("exit status {s}")),
        }) {
            let argv: Vec<String> = self.exec.iter().map(|a| super::goerr::quote(a)).collect();
            self.failed = Some(format!("command [{}] error ({e})", argv.join(" ")));
        }
    }

    fn poll(&mut self, b: &mut dyn EtcdBackend) -> (Vec<Line>, Option<i32>) {
        let mut out = Vec::new();
        if let Some(e) = self.failed.take() {
            return (vec![Line::err(e)], Some(1));
        }
        if !self.pending.is_empty() {
            return (out, None);
        }
        let Some(m) = self.member.filter(|&m| b.is_running(m)) else {
            // The client keeps retrying the connection; nothing to show.
            return (out, None);
        };
        match b.watch_events(m, self.next_rev, &self.key, &self.range) {
            Ok(events) => {
                // One watch response per revision (a transaction's events travel together).
                let mut i = 0;
                while i < events.len() {
                    let rev = events[i].kv.mod_revision;
                    let n = events[i..]
                        .iter()
                        .take_while(|e| e.kv.mod_revision == rev)
                        .count();
                    out.extend(self.response(b, m, rev, &events[i..i + n]));
                    self.next_rev = rev.saturating_add(1);
                    if !self.exec.is_empty() {
                        // Each command runs before the next response is printed.
                        self.pending = events[i..i + n]
                            .iter()
                            .map(|e| Some(self.exec_req(rev, e)))
                            .collect();
                        break;
                    }
                    i += n;
                }
                (out, None)
            }
            Err(c) => {
                let why = match c {
                    WatchCancel::Compacted(_) => StoreError::Compacted.message(),
                    WatchCancel::NoLeader => "etcdserver: no leader",
                };
                out.push(Line::out(format!("watch was canceled ({why})")));
                out.push(Line::err("Error: watch is canceled by the server"));
                (out, Some(super::EXIT_BAD_CONNECTION))
            }
        }
    }
}

impl V2WatchJob {
    fn poll(&mut self, b: &mut dyn EtcdBackend) -> (Vec<Line>, Option<i32>) {
        let mut out = Vec::new();
        while self.pending.is_empty() {
            let Some(m) = self.member.filter(|&m| b.is_running(m)) else {
                break;
            };
            let req = Request::V2(V2Request::Watch {
                key: self.key.clone(),
                recursive: self.recursive,
                since: if self.next == 0 { u64::MAX } else { self.next },
            });
            let e = match b.read_local(m, &req) {
                Ok(Response::V2(e)) => e,
                Ok(Response::V2Error(e)) if e.code == V2ErrorCode::EventIndexCleared => {
                    let res = super::v2::store_error(&e, &self.output);
                    out.extend(res.lines);
                    return (out, Some(res.status));
                }
                Ok(Response::V2Error(e)) if self.next == 0 => {
                    self.next = e.index.saturating_add(1);
                    continue;
                }
                _ => break,
            };
            self.next = e.index.saturating_add(1);
            if e.node.dir {
                if !self.exec.is_empty() {
                    out.push(Line::err(format!("Ignored dir {} change", e.node.key)));
                }
            } else if !self.exec.is_empty() {
                // environResponse: the command's environment describes the change.
                let vars = [
                    ("ACTION", e.action.clone()),
                    ("VALUE", e.node.value.clone()),
                    ("MODIFIED_INDEX", e.node.modified_index.to_string()),
                    ("KEY", e.node.key.clone()),
                ];
                let vars = vars.map(|(k, v)| (format!("ETCD_WATCH_{k}"), v));
                self.pending.push(Some(ExecReq {
                    argv: self.exec.clone(),
                    vars: vars.to_vec(),
                }));
            } else {
                if self.recursive {
                    out.push(Line::out(format!("[{}] {}", e.action, e.node.key)));
                }
                out.extend(super::v2_print::response(&e, &self.output, b.now_us()).lines);
                if !self.forever {
                    return (out, Some(0));
                }
            }
        }
        (out, None)
    }
}

impl WatchJob {
    /// printWatchCh's command for one event: Go's `%q` of type, key and value.
    fn exec_req(&self, rev: i64, e: &Event) -> ExecReq {
        let q = super::goerr::quote;
        let kind = if e.kind == EventKind::Put {
            "PUT"
        } else {
            "DELETE"
        };
        let vars = vec![
            ("ETCD_WATCH_REVISION".to_string(), rev.to_string()),
            ("ETCD_WATCH_EVENT_TYPE".to_string(), q(kind)),
            ("ETCD_WATCH_KEY".to_string(), q(&e.kv.key)),
            ("ETCD_WATCH_VALUE".to_string(), q(&e.kv.value)),
        ];
        ExecReq {
            argv: self.exec.clone(),
            vars,
        }
    }

    /// One watch response in the chosen format (printer.go's Watch methods).
    fn response(&self, b: &dyn EtcdBackend, m: MemberId, rev: i64, evs: &[Event]) -> Vec<Line> {
        let shown = |e: &Event| e.prev_kv.clone().filter(|_| self.prev_kv);
        let kind = |e: &Event| match e.kind {
            EventKind::Put => "PUT",
            EventKind::Delete => "DELETE",
        };
        match self.format {
            Format::Fields => {
                let r = fields::hdr(Res::ok(), b.cluster_id(), m, rev, b.raft_term(m));
                evs.iter()
                    .fold(r, |r, e| {
                        let r = fields::field(r, "Type", kind(e));
                        let r = match shown(e) {
                            Some(p) => fields::kv(r, "Prev", &p),
                            None => r,
                        };
                        fields::kv(r, "", &e.kv)
                    })
                    .lines
            }
            // clientv3.WatchResponse has no JSON tags: Go's field names, nothing omitted.
            Format::Json => {
                let h = Obj::new()
                    .num("cluster_id", b.cluster_id() as i128)
                    .num("member_id", m as i128)
                    .num("revision", rev as i128)
                    .num("raft_term", b.raft_term(m) as i128)
                    .build();
                let evs = evs
                    .iter()
                    .map(|e| {
                        Obj::new()
                            .num("type", i128::from(e.kind == EventKind::Delete))
                            .raw("kv", kv_json(&e.kv))
                            .raw_if("prev_kv", shown(e).as_ref().map(kv_json))
                            .build()
                    })
                    .collect();
                let j = format!(
                    "{{\"Header\":{h},\"Events\":{},\"CompactRevision\":0,\"Canceled\":false,\"Created\":false}}",
                    arr(evs)
                );
                vec![Line::out(j)]
            }
            _ => {
                evs.iter()
                    .fold(Res::ok(), |r, e| {
                        let r = r.out(kind(e));
                        let r = match shown(e) {
                            Some(p) => kv_lines(r, &p, false, self.hex),
                            None => r,
                        };
                        kv_lines(r, &e.kv, false, self.hex)
                    })
                    .lines
            }
        }
    }
}

impl KeepAliveJob {
    /// One keep-alive response (printer.go's KeepAlive methods).
    fn response(&self, b: &dyn EtcdBackend, m: MemberId, ttl: i64) -> Vec<Line> {
        let rev = b.local_revision(m).unwrap_or(0);
        match self.format {
            Format::Fields => {
                let r = fields::hdr(Res::ok(), b.cluster_id(), m, rev, b.raft_term(m));
                fields::field(fields::field(r, "ID", self.id), "TTL", ttl).lines
            }
            Format::Json => vec![Line::out(
                Obj::new()
                    .num("cluster_id", b.cluster_id() as i128)
                    .num("member_id", m as i128)
                    .num("revision", rev as i128)
                    .num("raft_term", b.raft_term(m) as i128)
                    .raw("ID", self.id.to_string())
                    .raw("TTL", ttl.to_string())
                    .build(),
            )],
            _ => vec![Line::out(format!(
                "lease {} keepalived with TTL({ttl})",
                lease_hex(self.id)
            ))],
        }
    }
}

impl KeepAliveJob {
    fn poll(&mut self, b: &mut dyn EtcdBackend) -> (Vec<Line>, Option<i32>) {
        let mut out = Vec::new();
        while b.now_us() >= self.next_at_us {
            let Some(m) = self.member.filter(|&m| b.is_running(m)) else {
                self.next_at_us = b.now_us().saturating_add(500_000);
                break;
            };
            match b.propose(m, Request::LeaseKeepAlive { id: self.id }, 1_000_000) {
                Ok(Response::LeaseKeepAlive { ttl, .. }) => {
                    out.extend(self.response(b, m, ttl));
                    let every = ttl.saturating_mul(1_000_000).max(3) / 3;
                    self.next_at_us = b.now_us().saturating_add(every);
                }
                Ok(_) => {
                    // Only the simple printer says so; the others just stop.
                    if self.format == Format::Simple {
                        out.push(Line::out(format!(
                            "lease {} expired or revoked.",
                            lease_hex(self.id)
                        )));
                    }
                    return (out, Some(0));
                }
                // No leader: the client retries a little later.
                Err(_) => self.next_at_us = b.now_us().saturating_add(500_000),
            }
        }
        (out, None)
    }
}
