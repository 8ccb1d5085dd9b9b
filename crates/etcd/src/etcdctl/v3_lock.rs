//! `etcdctl lock` and `etcdctl elect <name> <proposal>`: clientv3/concurrency's Mutex and
//! Election campaign as etcdctl 3.5 drives them. Both put `<name>/<lease hex>` under the
//! session's lease, wait until every older key of the prefix is deleted (`waitDeletes`),
//! print the key they hold and keep it until Ctrl-C (or `kill`) releases it. A holder whose
//! lease dies loses the key with it, and the next waiter goes ahead.

use litemap::LiteMap;

use super::flags::Flags;
use super::session::{by_create, call, events, read, Session};
use super::stream::Job;
use super::v3::{pick_member, Global};
use super::v3_kv::print_range;
use super::{exit_err, Ctx, Run, EXIT_BAD_ARGS, EXIT_ERROR};
use crate::backend::{EtcdBackend, MemberId};
use crate::mvcc::*;
use crate::request::{Request, Response};
use crate::shell::term::{Line, Res};

/// What `lock NAME CMD...` (once it holds the lock) or `watch ... -- CMD` (per event)
/// asks the shell to run.
#[derive(Clone, Debug)]
pub(crate) struct ExecReq {
    pub argv: Vec<String>,
    /// Added to the command's environment (`ETCD_LOCK_KEY`, `ETCD_WATCH_VALUE`, ...).
    pub vars: Vec<(String, String)>,
}

#[derive(Clone, Debug)]
enum Phase {
    /// `waitDeletes`: the older key watched for deletion and the revision to watch from;
    /// `None`: look up the newest older key again.
    Wait(Option<(String, i64)>),
    /// The exec-command is due: the shell takes it (`take_exec`) and runs it.
    Exec,
    /// The shell runs the command; then `exec_done` hands back its status, or why it
    /// could not start.
    Ran(Option<Result<i32, String>>),
    Held,
}

/// A mutex (`proposal: None`) or an election candidate waiting for, then holding, its key.
#[derive(Clone, Debug)]
pub(crate) struct LockJob {
    s: Session,
    pfx: String,
    key: String,
    /// The key's create revision: its place in the queue.
    rev: i64,
    proposal: Option<String>,
    /// `lock <name> <command...>`: run once the lock is held, then unlock.
    exec: Vec<String>,
    /// Header revision when the lock was acquired (`ETCD_LOCK_REV`).
    hdr_rev: i64,
    phase: Phase,
    g: Global,
}

pub(crate) fn lock(ctx: &mut Ctx, g: &Global, f: &Flags, pos: &[String]) -> Run {
    if pos.is_empty() {
        return exit_err(
            EXIT_BAD_ARGS,
            "lock takes a lock name argument and an optional command to execute",
        )
        .into();
    }
    start(ctx, g, f.int("ttl"), &pos[0], None, pos[1..].to_vec())
}

/// Prints the response of a Get the way `display.Get` does in the chosen format.
pub(crate) fn show(b: &mut dyn EtcdBackend, g: &Global, m: MemberId, r: &RangeResponse) -> Res {
    let env = LiteMap::new();
    let ctx = Ctx {
        backend: b,
        env: &env,
        local_member: None,
        stdin: None,
        files: None,
    };
    print_range(&ctx, g, m, r, false)
}

fn err_lines(e: &str) -> Vec<Line> {
    vec![Line::err(format!("Error: {e}"))]
}

/// Mutex.tryAcquire / Election.Campaign's first transaction: create the key under the
/// session's lease unless this session already has it, and (mutex) fetch the oldest key.
fn enqueue(key: &str, pfx: &str, value: &str, lease: i64, mutex: bool) -> TxnRequest {
    let get = |k: &str| {
        RequestOp::Range(RangeRequest {
            key: k.to_string(),
            ..Default::default()
        })
    };
    let owner = RequestOp::Range(by_create(pfx, false, 1));
    let put = RequestOp::Put(PutRequest {
        key: key.to_string(),
        value: value.to_string(),
        lease,
        ..Default::default()
    });
    let (mut success, mut failure) = (vec![put], vec![get(key)]);
    if mutex {
        success.push(owner.clone());
        failure.push(owner);
    }
    TxnRequest {
        compare: vec![Compare {
            key: key.to_string(),
            result: CompareResult::Equal,
            target: CompareTarget::Create(0),
        }],
        success,
        failure,
    }
}

fn first_kv(op: Option<&ResponseOp>) -> Option<&KeyValue> {
    match op {
        Some(ResponseOp::Range(r)) => r.kvs.first(),
        _ => None,
    }
}

/// `lock` and `elect <name> <proposal>` up to the first wait: session, then the queue.
pub(crate) fn start(
    ctx: &mut Ctx,
    g: &Global,
    ttl: i64,
    name: &str,
    proposal: Option<String>,
    exec: Vec<String>,
) -> Run {
    // gRPC waits for a connection with no deadline: the command hangs until Ctrl-C.
    let Some(m) = pick_member(ctx, g) else {
        return Job::Stalled.start(ctx.backend, Vec::new());
    };
    let s = match Session::grant(ctx.backend, m, ttl, g.timeout_us) {
        Ok(s) => s,
        Err(e) => return exit_err(EXIT_ERROR, e).into(),
    };
    let pfx = format!("{name}/");
    // Go's `%x` of the int64 lease ID (a sign, not two's complement, if it were negative).
    let sign = if s.lease < 0 { "-" } else { "" };
    let key = format!("{pfx}{sign}{:x}", s.lease.unsigned_abs());
    let value = proposal.clone().unwrap_or_default();
    let txn = enqueue(&key, &pfx, &value, s.lease, proposal.is_none());
    let t = match call(ctx.backend, m, Request::Txn(txn), g.timeout_us) {
        Ok(Response::Txn(t)) => t,
        Ok(_) => return exit_err(EXIT_ERROR, "unexpected response").into(),
        Err(e) => return exit_err(EXIT_ERROR, e).into(),
    };
    // The key exists already only if this very session made it; a fresh etcdctl never
    // re-uses a lease, so Campaign's Proclaim of a changed value cannot happen here.
    let rev = match (t.succeeded, first_kv(t.responses.first())) {
        (false, Some(kv)) => kv.create_revision,
        _ => t.revision,
    };
    let owner = first_kv(t.responses.get(1)).map(|kv| kv.create_revision);
    let mut job = LockJob {
        s,
        pfx,
        key,
        rev,
        proposal,
        exec,
        hdr_rev: t.revision,
        phase: Phase::Wait(None),
        g: g.clone(),
    };
    // The mutex's uncontended path holds the lock after one round trip.
    if job.proposal.is_none() && owner.is_none_or(|r| r == rev) {
        let (lines, end) = job.acquired(ctx.backend, false);
        return match end {
            Some(status) => Res { lines, status }.into(),
            None => Job::Lock(job).start(ctx.backend, lines),
        };
    }
    Job::Lock(job).start(ctx.backend, Vec::new())
}

impl LockJob {
    pub fn poll(&mut self, b: &mut dyn EtcdBackend) -> (Vec<Line>, Option<i32>) {
        let alive = self.s.alive(b);
        match self.phase {
            Phase::Held if !alive => {
                let e = match self.proposal {
                    None => "session expired",
                    Some(_) => "elect: session expired",
                };
                (err_lines(e), Some(EXIT_ERROR))
            }
            Phase::Ran(Some(ref r)) => {
                let r = r.clone();
                let unlocked = self.release(b);
                let e = match r {
                    Ok(0) => unlocked.err(),
                    Ok(n) => Some(format!("exit status {n}")),
                    Err(e) => Some(e),
                };
                match e {
                    None => (Vec::new(), Some(0)),
                    Some(e) => (err_lines(&e), Some(EXIT_ERROR)),
                }
            }
            Phase::Wait(_) => match self.wait(b) {
                Ok(false) => (Vec::new(), None),
                Ok(true) => self.acquired(b, true),
                Err(e) => {
                    let _ = self.release(b);
                    (err_lines(&e), Some(EXIT_ERROR))
                }
            },
            _ => (Vec::new(), None),
        }
    }

    /// `waitDeletes(pfx, rev-1)`: `Ok(true)` once no older key is left.
    fn wait(&mut self, b: &mut dyn EtcdBackend) -> Result<bool, String> {
        let m = self.s.member;
        // Each turn either finishes, waits, or sees one older key go: it ends.
        loop {
            let Phase::Wait(on) = &self.phase else {
                return Ok(true);
            };
            match on {
                None => {
                    let Some(r) = read(b, m, by_create(&self.pfx, true, 0)) else {
                        return Ok(false);
                    };
                    let older = r.kvs.iter().find(|kv| kv.create_revision < self.rev);
                    match older {
                        None => return Ok(true),
                        Some(kv) => self.phase = Phase::Wait(Some((kv.key.clone(), r.revision))),
                    }
                }
                Some((k, from)) => {
                    let Some(evs) = events(b, m, *from, k, &KeyRange::Single)? else {
                        return Ok(false);
                    };
                    if evs.iter().any(|e| e.kind == EventKind::Delete) {
                        self.phase = Phase::Wait(None);
                        continue;
                    }
                    let next = evs
                        .last()
                        .map_or(*from, |e| e.kv.mod_revision.saturating_add(1));
                    self.phase = Phase::Wait(Some((k.clone(), next)));
                    return Ok(false);
                }
            }
        }
    }

    /// The key is ours: Get it and print it (or hand the exec-command to the shell).
    fn acquired(&mut self, b: &mut dyn EtcdBackend, waited: bool) -> (Vec<Line>, Option<i32>) {
        let m = self.s.member;
        let get = Request::Range(RangeRequest {
            key: self.key.clone(),
            ..Default::default()
        });
        let r = match call(b, m, get, self.g.timeout_us) {
            Ok(Response::Range(r)) => r,
            Ok(_) => return (err_lines("unexpected response"), Some(EXIT_ERROR)),
            Err(e) => {
                // Mutex.Lock gives its place up when its check fails.
                if waited && self.proposal.is_none() {
                    let _ = self.release(b);
                }
                return (err_lines(&e), Some(EXIT_ERROR));
            }
        };
        if self.proposal.is_none() && r.kvs.is_empty() {
            // After a wait the mutex notices its lease died meanwhile (ErrSessionExpired).
            let e = if waited {
                "mutex: session is expired"
            } else {
                "lock lost on init"
            };
            return (err_lines(e), Some(EXIT_ERROR));
        }
        if waited {
            self.hdr_rev = r.revision;
        }
        if !self.exec.is_empty() {
            self.phase = Phase::Exec;
            return (Vec::new(), None);
        }
        self.phase = Phase::Held;
        let shown = show(b, &self.g, m, &r);
        let end = (shown.status != 0).then_some(shown.status);
        (shown.lines, end)
    }

    /// Mutex.Unlock (delete the key) or Election.Resign (delete it if still ours).
    fn release(&mut self, b: &mut dyn EtcdBackend) -> Result<(), String> {
        let del = DeleteRangeRequest {
            key: self.key.clone(),
            ..Default::default()
        };
        let req = match self.proposal {
            None => Request::DeleteRange(del),
            Some(_) => Request::Txn(TxnRequest {
                compare: vec![Compare {
                    key: self.key.clone(),
                    result: CompareResult::Equal,
                    target: CompareTarget::Create(self.rev),
                }],
                success: vec![RequestOp::DeleteRange(del)],
                failure: Vec::new(),
            }),
        };
        call(b, self.s.member, req, self.g.timeout_us).map(|_| ())
    }

    /// SIGINT/SIGTERM: etcdctl catches them. Waiting, it gives its place up and fails with
    /// the cancelled context; holding, it releases the key and exits 0.
    pub fn stop(&mut self, b: &mut dyn EtcdBackend) -> Option<(Vec<Line>, i32)> {
        match self.phase {
            Phase::Wait(_) => {
                let _ = self.release(b);
                Some((err_lines("context canceled"), EXIT_ERROR))
            }
            Phase::Held => match self.release(b) {
                Ok(()) => Some((Vec::new(), 0)),
                Err(e) => Some((err_lines(&e), EXIT_ERROR)),
            },
            // The signal reaches the command too; etcdctl still waits for it.
            Phase::Exec | Phase::Ran(_) => None,
        }
    }
}

impl LockJob {
    /// The exec-command once the lock is held, with `ETCD_LOCK_KEY` and `ETCD_LOCK_REV`
    /// for its environment (given out once).
    pub fn take_exec(&mut self) -> Option<ExecReq> {
        if !matches!(self.phase, Phase::Exec) {
            return None;
        }
        self.phase = Phase::Ran(None);
        let vars = vec![
            ("ETCD_LOCK_KEY".to_string(), self.key.clone()),
            ("ETCD_LOCK_REV".to_string(), self.hdr_rev.to_string()),
        ];
        Some(ExecReq {
            argv: self.exec.clone(),
            vars,
        })
    }

    /// The command ended (`Ok(status)`) or could not start (`Err(Go's error text)`): the
    /// next poll unlocks and exits.
    pub fn exec_done(&mut self, r: Result<i32, String>) {
        if matches!(self.phase, Phase::Ran(None)) {
            self.phase = Phase::Ran(Some(r));
        }
    }
}
