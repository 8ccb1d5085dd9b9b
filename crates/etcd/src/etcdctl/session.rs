//! clientv3/concurrency's `Session` for `lock` and `elect`: a lease the client keeps alive
//! in the background for as long as the command runs, plus the small request helpers the
//! mutex and the election share.

use crate::backend::{EtcdBackend, MemberId, WatchCancel};
use crate::mvcc::{Event, KeyRange, RangeRequest, RangeResponse, SortOrder, SortTarget};
use crate::request::{Request, Response};

/// clientv3 gives a fresh keep-alive this long for its first answer (dial timeout + 1 s).
const FIRST_ANSWER_US: i64 = 3_000_000;
/// How long a background request (keep-alive, watch set-up read) may take before retrying.
const RETRY_US: i64 = 500_000;

/// A lease kept alive through member `member` (the client's connection).
#[derive(Clone, Debug)]
pub(crate) struct Session {
    pub member: MemberId,
    pub lease: i64,
    next_us: i64,
    /// Past this, with no keep-alive answered, the client gives the lease up
    /// (`Session.Done()`); `i64::MIN` once the server said the lease is gone.
    deadline_us: i64,
}

/// One request through member `m`: writes through Raft, reads linearizable (ReadIndex).
/// `Err` carries the message etcdctl prints after `Error: `.
pub(crate) fn call(
    b: &mut dyn EtcdBackend,
    m: MemberId,
    req: Request,
    timeout_us: i64,
) -> Result<Response, String> {
    let r = if req.is_read_only() {
        b.read_index(m, &req, timeout_us)
    } else {
        b.propose(m, req, timeout_us)
    };
    match r {
        Ok(Response::Error(e)) => Err(e.message().to_string()),
        Ok(r) => Ok(r),
        Err(e) => Err(e.message().to_string()),
    }
}

/// `Get(prefix, WithFirstCreate())` (oldest first, limit 1) or, with `newest`, every key
/// newest first (`WithLastCreate`; the caller applies `WithMaxCreateRev`). The prefix is
/// never empty: it ends with `/`.
pub(crate) fn by_create(key: &str, newest: bool, limit: i64) -> RangeRequest {
    RangeRequest {
        key: key.to_string(),
        range: KeyRange::Prefix,
        limit,
        sort_target: SortTarget::Create,
        sort_order: if newest {
            SortOrder::Descend
        } else {
            SortOrder::Ascend
        },
        ..Default::default()
    }
}

/// A linearizable read for a background step: `None` means not now (no leader, member
/// down); the client keeps retrying as gRPC does.
pub(crate) fn read(
    b: &mut dyn EtcdBackend,
    m: MemberId,
    req: RangeRequest,
) -> Option<RangeResponse> {
    if !b.is_running(m) {
        return None;
    }
    match b.read_index(m, &Request::Range(req), RETRY_US) {
        Ok(Response::Range(r)) => Some(r),
        _ => None,
    }
}

/// New watch events on `key` from `from`: `Ok(None)` while the member cannot serve the
/// watch (a watch without `WithRequireLeader` just waits), `Err` once it is cancelled.
pub(crate) fn events(
    b: &dyn EtcdBackend,
    m: MemberId,
    from: i64,
    key: &str,
    range: &KeyRange,
) -> Result<Option<Vec<Event>>, String> {
    if !b.is_running(m) {
        return Ok(None);
    }
    match b.watch_events(m, from, key, range) {
        Ok(evs) => Ok(Some(evs)),
        Err(WatchCancel::NoLeader) => Ok(None),
        Err(WatchCancel::Compacted(_)) => {
            Err(crate::mvcc::StoreError::Compacted.message().to_string())
        }
    }
}

impl Session {
    /// `concurrency.NewSession`: grants the lease (TTL <= 0 means the default 60 s).
    pub fn grant(
        b: &mut dyn EtcdBackend,
        m: MemberId,
        ttl: i64,
        timeout_us: i64,
    ) -> Result<Session, String> {
        let ttl = if ttl > 0 { ttl } else { 60 };
        match call(b, m, Request::LeaseGrant { id: 0, ttl }, timeout_us)? {
            Response::LeaseGrant { id, .. } => {
                let now = b.now_us();
                Ok(Session {
                    member: m,
                    lease: id,
                    next_us: now,
                    deadline_us: now.saturating_add(FIRST_ANSWER_US),
                })
            }
            _ => Err("unexpected response".into()),
        }
    }

    /// Sends the keep-alive that is due; `false` once the session is over: the server
    /// answered that the lease is gone, or no answer came for a whole TTL.
    pub fn alive(&mut self, b: &mut dyn EtcdBackend) -> bool {
        let now = b.now_us();
        if now > self.deadline_us {
            self.deadline_us = i64::MIN;
            return false;
        }
        if now < self.next_us {
            return true;
        }
        if !b.is_running(self.member) {
            self.next_us = now.saturating_add(RETRY_US);
            return true;
        }
        let req = Request::LeaseKeepAlive { id: self.lease };
        match b.propose(self.member, req, 1_000_000) {
            Ok(Response::LeaseKeepAlive { ttl, .. }) if ttl > 0 => {
                let now = b.now_us();
                let ttl_us = ttl.saturating_mul(1_000_000);
                self.next_us = now.saturating_add(ttl_us / 3);
                self.deadline_us = now.saturating_add(ttl_us);
                true
            }
            Ok(_) => {
                self.deadline_us = i64::MIN;
                false
            }
            Err(_) => {
                self.next_us = b.now_us().saturating_add(RETRY_US);
                true
            }
        }
    }
}
