//! Long-running etcdctl commands: `watch` and `lease keep-alive`. They keep printing as
//! simulated time passes until Ctrl-C (or `kill`) ends them.

use super::print::lease_hex;
use crate::backend::{EtcdBackend, MemberId, WatchCancel};
use crate::mvcc::{EventKind, KeyRange, StoreError};
use crate::request::{Request, Response};
use crate::shell::term::Line;

#[derive(Clone, Debug)]
pub(crate) struct WatchJob {
    pub member: Option<MemberId>,
    pub key: String,
    pub range: KeyRange,
    pub next_rev: i64,
    pub prev_kv: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct KeepAliveJob {
    pub member: Option<MemberId>,
    pub id: i64,
    pub next_at_us: i64,
}

#[derive(Clone, Debug)]
pub(crate) enum Job {
    Watch(WatchJob),
    KeepAlive(KeepAliveJob),
}

fn value_lines(out: &mut Vec<Line>, v: &str) {
    for l in v.split('\n') {
        out.push(Line::out(l));
    }
}

impl Job {
    /// New output since the last poll; `Some(status)` when the command ended by itself.
    pub fn poll(&mut self, b: &mut dyn EtcdBackend) -> (Vec<Line>, Option<i32>) {
        match self {
            Job::Watch(w) => w.poll(b),
            Job::KeepAlive(k) => k.poll(b),
        }
    }
}

impl WatchJob {
    fn poll(&mut self, b: &mut dyn EtcdBackend) -> (Vec<Line>, Option<i32>) {
        let mut out = Vec::new();
        let Some(m) = self.member.filter(|&m| b.is_running(m)) else {
            // The client keeps retrying the connection; nothing to show.
            return (out, None);
        };
        match b.watch_events(m, self.next_rev, &self.key, &self.range) {
            Ok(events) => {
                for e in events {
                    out.push(Line::out(match e.kind {
                        EventKind::Put => "PUT",
                        EventKind::Delete => "DELETE",
                    }));
                    if self.prev_kv {
                        if let Some(p) = &e.prev_kv {
                            out.push(Line::out(p.key.clone()));
                            value_lines(&mut out, &p.value);
                        }
                    }
                    out.push(Line::out(e.kv.key.clone()));
                    value_lines(&mut out, &e.kv.value);
                    self.next_rev = e.kv.mod_revision.saturating_add(1);
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
                    out.push(Line::out(format!(
                        "lease {} keepalived with TTL({ttl})",
                        lease_hex(self.id)
                    )));
                    let every = ttl.saturating_mul(1_000_000).max(3) / 3;
                    self.next_at_us = b.now_us().saturating_add(every);
                }
                Ok(_) => {
                    out.push(Line::out(format!(
                        "lease {} expired or revoked.",
                        lease_hex(self.id)
                    )));
                    return (out, Some(0));
                }
                // No leader: the client retries a little later.
                Err(_) => self.next_at_us = b.now_us().saturating_add(500_000),
            }
        }
        (out, None)
    }
}
