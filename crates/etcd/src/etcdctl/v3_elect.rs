//! `etcdctl elect`: campaigning (see `v3_lock`) or, with `-l`, observing an election as
//! clientv3/concurrency's `Election.Observe` does: print the current leader's key and
//! value, then every new value and every next leader, until Ctrl-C.

use super::flags::Flags;
use super::session::{by_create, events, read, Session};
use super::stream::Job;
use super::v3::{pick_member, Global};
use super::v3_lock::{show, start};
use super::{exit_err, Ctx, Run, EXIT_BAD_ARGS, EXIT_ERROR};
use crate::backend::EtcdBackend;
use crate::mvcc::{EventKind, KeyRange, KeyValue, RangeResponse};
use crate::shell::term::Line;

#[derive(Clone, Debug)]
enum Seen {
    /// Ask who leads (Get with `WithFirstCreate`).
    Nobody,
    /// No candidate yet: watch the prefix from this revision for the first put.
    Empty(i64),
    /// Follow this leader key from this revision until it is deleted.
    Leader(String, i64),
}

#[derive(Clone, Debug)]
pub(crate) struct ObserveJob {
    /// Observe opens a session too (its lease is never used for a key).
    s: Session,
    pfx: String,
    seen: Seen,
    g: Global,
}

pub(crate) fn elect(ctx: &mut Ctx, g: &Global, f: &Flags, pos: &[String]) -> Run {
    let bad = |m: &str| exit_err(EXIT_BAD_ARGS, m).into();
    if pos.is_empty() || pos.len() > 2 {
        return bad("elect takes one election name argument and an optional proposal argument");
    }
    let listen = f.bool("listen");
    match pos.get(1) {
        None if !listen => bad("no proposal argument but -l not set"),
        None => observe(ctx, g, &pos[0]),
        Some(_) if listen => bad("proposal given but -l is set"),
        Some(p) => start(ctx, g, 0, &pos[0], Some(p.clone()), Vec::new()),
    }
}

fn observe(ctx: &mut Ctx, g: &Global, name: &str) -> Run {
    let Some(m) = pick_member(ctx, g) else {
        return Job::Stalled.start(ctx.backend, Vec::new());
    };
    let s = match Session::grant(ctx.backend, m, 0, g.timeout_us) {
        Ok(s) => s,
        Err(e) => return exit_err(EXIT_ERROR, e).into(),
    };
    let job = ObserveJob {
        s,
        pfx: format!("{name}/"),
        seen: Seen::Nobody,
        g: g.clone(),
    };
    Job::Observe(job).start(ctx.backend, Vec::new())
}

/// A leader as Observe hands it out: one key at the revision it was written.
fn one(kv: &KeyValue) -> RangeResponse {
    RangeResponse {
        revision: kv.mod_revision,
        kvs: vec![kv.clone()],
        more: false,
        count: 0,
    }
}

impl ObserveJob {
    pub fn poll(&mut self, b: &mut dyn EtcdBackend) -> (Vec<Line>, Option<i32>) {
        // The session is only kept alive; observing goes on if it ends.
        self.s.alive(b);
        let mut out = Vec::new();
        match self.step(b, &mut out) {
            Ok(()) => (out, None),
            // The watch was cancelled: the channel closes with the context still live.
            Err(_) => {
                out.push(Line::err("Error: elect: observer lost"));
                (out, Some(EXIT_ERROR))
            }
        }
    }

    fn print(&self, b: &mut dyn EtcdBackend, r: &RangeResponse, out: &mut Vec<Line>) {
        out.extend(show(b, &self.g, self.s.member, r).lines);
    }

    /// Runs the observe loop as far as the cluster's state allows now.
    fn step(&mut self, b: &mut dyn EtcdBackend, out: &mut Vec<Line>) -> Result<(), String> {
        let m = self.s.member;
        // Each turn prints or waits; a leader's deletion leads back to one Get.
        loop {
            match self.seen.clone() {
                Seen::Nobody => {
                    let Some(r) = read(b, m, by_create(&self.pfx, false, 1)) else {
                        return Ok(());
                    };
                    match r.kvs.first() {
                        None => self.seen = Seen::Empty(r.revision),
                        Some(kv) => {
                            self.seen = Seen::Leader(kv.key.clone(), r.revision.saturating_add(1));
                            self.print(b, &r, out);
                        }
                    }
                }
                Seen::Empty(from) => {
                    let Some(evs) = events(b, m, from, &self.pfx, &KeyRange::Prefix)? else {
                        return Ok(());
                    };
                    // Only a put elects someone; deletes are skipped.
                    match evs.iter().find(|e| e.kind == EventKind::Put) {
                        Some(e) => {
                            self.seen =
                                Seen::Leader(e.kv.key.clone(), e.kv.mod_revision.saturating_add(1));
                            self.print(b, &one(&e.kv), out);
                        }
                        None => {
                            let next = evs
                                .last()
                                .map_or(from, |e| e.kv.mod_revision.saturating_add(1));
                            self.seen = Seen::Empty(next);
                            return Ok(());
                        }
                    }
                }
                Seen::Leader(key, from) => {
                    let Some(evs) = events(b, m, from, &key, &KeyRange::Single)? else {
                        return Ok(());
                    };
                    for e in &evs {
                        if e.kind == EventKind::Delete {
                            self.seen = Seen::Nobody;
                            break;
                        }
                        // The leader proclaimed a new value.
                        self.print(b, &one(&e.kv), out);
                        self.seen = Seen::Leader(key.clone(), e.kv.mod_revision.saturating_add(1));
                    }
                    if !matches!(self.seen, Seen::Nobody) {
                        return Ok(());
                    }
                }
            }
        }
    }
}
