//! client-go's leader-election tests, ported to the model through its public API.
//!
//! Sources (Kubernetes 1.2x): kubernetes/client-go `tools/leaderelection/leaderelection_test.go`
//! (TestTryAcquireOrRenewLeases, TestLeaseSpecToLeaderElectionRecordRoundTrip,
//! TestReleaseLeaseLeases, TestReleaseOnCancellation_Leases, TestFastPathLeaderElection),
//! `healthzadaptor_test.go` (TestLeaderElectionHealthChecker), `NewLeaderElector`'s checks
//! in `leaderelection.go`, and `resourcelock/leaselock.go` (+ its `leaselock_test.go`).
//!
//! How they are adapted:
//! - client-go's fake clientset with "reactors" becomes [`Script`], a `LeaseStore` that
//!   records every call and answers it later, as a reactor would: a get returns the
//!   object (or NotFound), a create or update stores and echoes the object sent, chosen
//!   updates answer 409 Conflict. The test delivers each answer 1 ms after its call.
//! - client-go's tests set `observedRecord` / `observedTime` on a bare `LeaderElector`.
//!   The model's state is private, so a row's starting observation is reached by an
//!   earlier try on simulated time ("observed long ago" = a try whose record has not
//!   changed since), and `time.Sleep` / `time.Now() ± 1000h` become simulated µs.
//! - Records are compared as `LeaseSpec` values where client-go compares their JSON.
//! - Event-recorder strings ("baz became leader", "baz stopped leading") are the
//!   structured events `StartedLeading` and `Stopped { was_leading: true }`.
//!
//! What cannot be checked here:
//! - ConfigMap, Endpoints and multi-locks (TestTryAcquireOrRenew{Endpoints,ConfigMaps}Leases):
//!   the model only has the Lease lock.
//! - "OnStartedLeading/OnStoppedLeading callback must not be nil" and "Lock must not be
//!   nil.": the Rust types make a missing callback or lock impossible. Likewise
//!   "leaseDuration/renewDeadline must be greater than zero" need negative durations to
//!   be reached after the first two checks, which `u64` durations cannot express.
//! - TestTryCoordinatedRenew, `EndOfTerm`, `PreferredHolder`, `Strategy`, labels
//!   (TestLabelUpdate) and metrics: coordinated leader election is not modelled.
//! - The healthz error text "failed election to renew leadership on lease <name>": the
//!   model returns a bool (core crates return data, not sentences).
//! - MicroTime rounding: simulated time is whole µs, so there is nothing to round.

use quorum_etcd::mvcc::KeyValue;
use quorum_k8s::cluster::objects;
use quorum_k8s::kubectl::format::micro_time;
use quorum_k8s::leader_election::{
    Answer, ConfigError, Elector, ElectorEvent, ElectorEventKind, LeaderElectionConfig, Lease,
    LeaseKey, LeaseOp, LeaseSpec, LeaseStore, Phase, Reply, StopReason, StoreError, SECOND_US,
};

const S: u64 = SECOND_US;
/// Every answer arrives this long after its call.
const LATENCY: u64 = 1_000;

fn key() -> LeaseKey {
    LeaseKey::new("foo", "bar")
}

fn cfg(lease_s: u64, renew_s: u64, retry_s: u64, release: bool) -> LeaderElectionConfig {
    LeaderElectionConfig {
        lease_duration_us: lease_s * S,
        renew_deadline_us: renew_s * S,
        retry_period_us: retry_s * S,
        release_on_cancel: release,
    }
}

fn record(holder: &str, lease_duration_seconds: u32) -> LeaseSpec {
    LeaseSpec {
        holder_identity: holder.to_string(),
        lease_duration_seconds,
        ..LeaseSpec::default()
    }
}

/// client-go's fake clientset with reactors for one Lease.
#[derive(Default)]
struct Script {
    object: Option<Lease>,
    revision: u64,
    /// Each call: what it was and the record it sent.
    calls: Vec<(LeaseOp, Option<LeaseSpec>)>,
    /// Answers by token (the call's index), for calls answered later.
    answers: Vec<Result<Lease, StoreError>>,
    /// 1-based numbers of the updates that answer 409 Conflict (and store nothing).
    conflicts: Vec<usize>,
    /// 1-based numbers of the updates that time out in etcd (and store nothing).
    timeouts: Vec<usize>,
    /// Answer at once (`Answer::Ready`) instead of later.
    ready: bool,
}

impl Script {
    fn holding(spec: Option<LeaseSpec>) -> Self {
        let object = spec.map(|spec| Lease {
            key: key(),
            resource_version: 1,
            creation_time_us: 0,
            spec,
        });
        Self {
            object,
            revision: 1,
            ..Self::default()
        }
    }

    fn ops(&self) -> Vec<LeaseOp> {
        self.calls.iter().map(|c| c.0).collect()
    }

    fn last_sent(&self) -> LeaseSpec {
        self.calls.iter().rev().find_map(|c| c.1.clone()).unwrap()
    }

    fn reply(
        &mut self,
        op: LeaseOp,
        sent: Option<&Lease>,
        r: Result<Lease, StoreError>,
    ) -> Answer<Lease> {
        self.calls.push((op, sent.map(|l| l.spec.clone())));
        if self.ready {
            return Answer::Ready(Reply::new(r, LATENCY));
        }
        self.answers.push(r);
        Answer::Pending(self.answers.len() as u64 - 1)
    }

    fn store(&mut self, lease: &Lease) -> Lease {
        self.revision += 1;
        let mut stored = lease.clone();
        stored.resource_version = self.revision;
        self.object = Some(stored.clone());
        stored
    }
}

impl LeaseStore for Script {
    fn get(&mut self, _now_us: u64, _key: &LeaseKey) -> Answer<Lease> {
        let r = self.object.clone().ok_or(StoreError::NotFound);
        self.reply(LeaseOp::Get, None, r)
    }

    fn create(&mut self, _now_us: u64, lease: &Lease) -> Answer<Lease> {
        let r = Ok(self.store(lease));
        self.reply(LeaseOp::Create, Some(lease), r)
    }

    fn update(&mut self, _now_us: u64, lease: &Lease) -> Answer<Lease> {
        let n = 1 + self.calls.iter().filter(|c| c.0 == LeaseOp::Update).count();
        let r = if self.conflicts.contains(&n) {
            Err(StoreError::Conflict)
        } else if self.timeouts.contains(&n) {
            Err(StoreError::EtcdTimeout)
        } else {
            Ok(self.store(lease))
        };
        self.reply(LeaseOp::Update, Some(lease), r)
    }
}

/// Run the candidate's next `tryAcquireOrRenew` (at its scheduled instant) to its end,
/// answering each call `LATENCY` after it was made.
fn try_once(e: &mut Elector, s: &mut Script) -> Vec<ElectorEvent> {
    let mut now = e.next_wake_us().expect("a step is due");
    let mut events = e.tick(now, s);
    while let Some(token) = e.awaited_token() {
        now += LATENCY;
        let answer = s.answers[token as usize].clone();
        events.extend(e.deliver(now, token, answer, s));
    }
    events
}

fn succeeded(events: &[ElectorEvent]) -> bool {
    events.iter().any(|ev| {
        matches!(
            ev.kind,
            ElectorEventKind::StartedLeading | ElectorEventKind::Renewed { .. }
        )
    })
}

/// OnNewLeader: the last holder reported.
fn reported_leader(events: &[ElectorEvent]) -> Option<&str> {
    events.iter().rev().find_map(|ev| match &ev.kind {
        ElectorEventKind::NewLeaderObserved { holder } => Some(holder.as_str()),
        _ => None,
    })
}

/// One row of client-go's `testTryAcquireOrRenew` table.
struct Row {
    name: &'static str,
    /// What the get reactor returns (`None`: NotFound).
    stored: Option<LeaseSpec>,
    /// Tries run first to reach the row's observedRecord/observedTime (not counted).
    earlier_tries: usize,
    /// Tries allowed for the row (2 where client-go retries after `retryAfter`).
    tries: usize,
    ops: &'static [LeaseOp],
    expect_success: bool,
    transition_leader: bool,
    out_holder: &'static str,
}

use LeaseOp::{Create, Get, Update};

/// TestTryAcquireOrRenewLeases: the eight rows of `testTryAcquireOrRenew` for the Lease
/// lock, identity "baz", LeaseDuration 10 s. Adapted: RetryPeriod is 3 s so that the
/// row with `retryAfter: 3s` gets its second try at least 3 s after the first; the
/// "observedTime: past" row observes the record in an earlier try; client-go's
/// "observedTime: future" rows start from a fresh candidate (the first get changes the
/// observation anyway); "renew already acquired object" (observedRecord baz) is a
/// restarted "baz" whose first get shows itself as holder, which makes it the leader as
/// in client-go (its fast path has no object yet: no call, as with "lease not
/// initialized"). The records client-go builds have leaseDurationSeconds 0 unless set:
/// such a lease is still valid for the call's latency after it is observed, exactly as
/// `observedTime.Add(0).After(now)` holds in client-go because its clock moved on.
#[test]
fn try_acquire_or_renew_leases() {
    let rows = [
        Row {
            name: "acquire from no object",
            stored: None,
            earlier_tries: 0,
            tries: 1,
            ops: &[Get, Create],
            expect_success: true,
            transition_leader: false,
            out_holder: "baz",
        },
        Row {
            name: "acquire from object without annotations",
            stored: Some(LeaseSpec::default()),
            earlier_tries: 0,
            tries: 1,
            ops: &[Get, Update],
            expect_success: true,
            transition_leader: true,
            out_holder: "baz",
        },
        Row {
            name: "acquire from led object with the lease duration seconds",
            stored: Some(record("bing", 3)),
            earlier_tries: 0,
            tries: 2,
            ops: &[Get, Get, Update],
            expect_success: true,
            transition_leader: true,
            out_holder: "baz",
        },
        Row {
            name: "acquire from unled object",
            stored: Some(record("", 0)),
            earlier_tries: 0,
            tries: 1,
            ops: &[Get, Update],
            expect_success: true,
            transition_leader: true,
            out_holder: "baz",
        },
        Row {
            name: "acquire from led, unacked object",
            stored: Some(record("bing", 0)),
            earlier_tries: 1,
            tries: 1,
            ops: &[Get, Update],
            expect_success: true,
            transition_leader: true,
            out_holder: "baz",
        },
        Row {
            name: "acquire from empty led, acked object",
            stored: Some(record("", 0)),
            earlier_tries: 0,
            tries: 1,
            ops: &[Get, Update],
            expect_success: true,
            transition_leader: true,
            out_holder: "baz",
        },
        Row {
            name: "don't acquire from led, acked object",
            stored: Some(record("bing", 0)),
            earlier_tries: 0,
            tries: 1,
            ops: &[Get],
            expect_success: false,
            transition_leader: false,
            out_holder: "bing",
        },
        Row {
            name: "renew already acquired object",
            stored: Some(record("baz", 0)),
            earlier_tries: 0,
            tries: 1,
            ops: &[Get, Update],
            expect_success: true,
            transition_leader: false,
            out_holder: "baz",
        },
    ];
    for row in rows {
        let mut s = Script::holding(row.stored.clone());
        let mut e = Elector::new("baz", key(), cfg(10, 8, 3, false), 1, 0).unwrap();
        let mut events = Vec::new();
        for _ in 0..row.earlier_tries {
            let ev = try_once(&mut e, &mut s);
            assert!(!succeeded(&ev), "{}: the earlier try must fail", row.name);
            events.extend(ev);
        }
        let counted_from = s.calls.len();
        let mut success = false;
        let mut try_start = 0;
        for _ in 0..row.tries {
            try_start = e.next_wake_us().unwrap();
            let ev = try_once(&mut e, &mut s);
            success = succeeded(&ev);
            events.extend(ev);
            if success {
                break;
            }
        }
        let name = row.name;
        assert_eq!(success, row.expect_success, "{name}");
        assert_eq!(
            &s.ops()[counted_from..],
            row.ops,
            "{name}: api interactions"
        );
        assert_eq!(e.view().observed_holder, row.out_holder, "{name}");
        assert_eq!(e.is_leader(), row.out_holder == "baz", "{name}");
        let observed = if success {
            s.last_sent()
        } else {
            row.stored.clone().unwrap()
        };
        let transitions = u32::from(row.transition_leader);
        assert_eq!(
            observed.lease_transitions, transitions,
            "{name}: transitions"
        );
        if success {
            // renewTime is when the try began; acquireTime too unless renewing.
            assert_eq!(observed.renew_time_us, try_start, "{name}");
            let stored_acquire = row.stored.as_ref().map(|r| r.acquire_time_us);
            let acquire = if row.out_holder == "baz" && !row.transition_leader {
                stored_acquire.unwrap_or(try_start)
            } else {
                try_start
            };
            assert_eq!(observed.acquire_time_us, acquire, "{name}");
            assert_eq!(observed.lease_duration_seconds, 10, "{name}");
        }
        assert_eq!(
            reported_leader(&events),
            Some(row.out_holder),
            "{name}: OnNewLeader"
        );
    }
}

/// The "retryAfter" row's rule in detail: a lease held by another candidate is valid
/// until exactly `observedTime + leaseDurationSeconds` on this candidate's clock
/// (`After` is strict), whatever the record's own times say, and every try before
/// that is "held by bing and not yet expired".
#[test]
fn lease_expires_leaseduration_after_the_candidates_own_observation() {
    let mut held = record("bing", 15);
    held.renew_time_us = 900 * S; // a far-future renewTime changes nothing
    let mut s = Script::holding(Some(held));
    let mut e = Elector::new("baz", key(), cfg(15, 10, 2, false), 3, 0).unwrap();
    let first = try_once(&mut e, &mut s);
    let observed_at = LATENCY;
    assert!(first.iter().any(|ev| ev.kind
        == ElectorEventKind::HeldByOther {
            holder: "bing".into(),
            expires_at_us: observed_at + 15 * S
        }));
    loop {
        let start = e.next_wake_us().unwrap();
        let ev = try_once(&mut e, &mut s);
        if succeeded(&ev) {
            assert!(start >= observed_at + 15 * S, "took over early at {start}");
            assert!(start < observed_at + 15 * S + 5 * S, "retry is ≤ 4.4 s");
            break;
        }
        assert!(start < observed_at + 15 * S, "still held at {start}");
    }
    assert_eq!(s.last_sent().lease_transitions, 1);
}

/// TestLeaseSpecToLeaderElectionRecordRoundTrip: a Lease spec survives its trip through
/// storage. The model stores Leases as etcd values (`objects::lease_value` /
/// `objects::decode_lease`, as the API server does in the simulated etcd) and keeps
/// MicroTime's µs precision, which `kubectl get lease -o yaml` prints as RFC 3339.
#[test]
fn lease_spec_round_trip() {
    let spec = LeaseSpec {
        holder_identity: "foo".into(),
        lease_duration_seconds: 10,
        acquire_time_us: 5_123_456,
        renew_time_us: 7_000_001,
        lease_transitions: 1,
    };
    let lease = Lease {
        key: key(),
        resource_version: 7,
        creation_time_us: 1_000_000,
        spec,
    };
    let kv = KeyValue {
        key: objects::lease_key(&lease.key),
        create_revision: 2,
        mod_revision: 7,
        version: 3,
        value: objects::lease_value(&lease),
        lease: 0,
    };
    assert_eq!(kv.key, "/registry/leases/foo/bar");
    let back = objects::decode_lease(&kv).unwrap();
    assert_eq!(back, lease);
    assert_eq!(
        micro_time(back.spec.acquire_time_us),
        "2024-05-01T09:00:05.123456Z"
    );
    assert_eq!(
        micro_time(back.spec.renew_time_us),
        "2024-05-01T09:00:07.000001Z"
    );
}

/// TestReleaseLeaseLeases ("release acquired lock from no object"): acquire by create,
/// then release: one update that empties the holder (leaseDurationSeconds 1, both times
/// now, leaseTransitions kept); afterwards the candidate observes no holder. Adapted:
/// `release()` runs through `cancel` with `release_on_cancel`, the only way our public
/// API releases; OnNewLeader("") is not reported because client-go only reports it
/// when the test calls `maybeReportTransition` by hand (Run never does after release).
#[test]
fn release_lease_leases() {
    let mut s = Script::holding(None);
    let mut e = Elector::new("baz", key(), cfg(10, 8, 2, true), 1, 0).unwrap();
    let events = try_once(&mut e, &mut s);
    assert!(succeeded(&events));
    assert_eq!(reported_leader(&events), Some("baz"));
    s.ready = true; // release() waits for its update's answer
    let now = e.next_wake_us().unwrap();
    let events = e.cancel(now, &mut s);
    assert_eq!(s.ops(), [Get, Create, Update]);
    let released = s.last_sent();
    assert_eq!(
        released,
        LeaseSpec {
            holder_identity: String::new(),
            lease_duration_seconds: 1,
            acquire_time_us: now,
            renew_time_us: now,
            lease_transitions: 0,
        }
    );
    assert_eq!(e.view().observed_holder, "");
    assert!(!e.is_leader());
    assert!(events.iter().any(|ev| ev.kind
        == ElectorEventKind::Stopped {
            reason: StopReason::Cancelled,
            was_leading: true
        }));
}

/// TestReleaseOnCancellation_Leases, both rows (LeaseDuration 15 s, RenewDeadline 2 s,
/// RetryPeriod 1 s, ReleaseOnCancel): the leader is cancelled while a renewal's update
/// (row 1) or get (row 2, after a fast-path conflict) is in flight; the lock is still
/// released over the last object it held, and the events are "became leader" then
/// "stopped leading". Adapted: the call in flight is simply never answered (client-go's
/// reactor returns context.Canceled); an answer arriving later is ignored.
#[test]
fn release_on_cancellation_leases() {
    for (name, conflicts, in_flight) in [
        (
            "release acquired lock on cancellation of update",
            vec![],
            Update,
        ),
        ("release acquired lock on cancellation of get", vec![2], Get),
    ] {
        let mut s = Script::holding(None);
        s.conflicts = conflicts;
        let mut e = Elector::new("baz", key(), cfg(15, 2, 1, true), 1, 0).unwrap();
        let mut events = try_once(&mut e, &mut s); // get, create
        events.extend(try_once(&mut e, &mut s)); // the first renewal
        assert!(succeeded(&events), "{name}");
        let renewed = s.object.clone().unwrap();
        // The next renew poll: its call stays in flight.
        let at = e.next_wake_us().unwrap();
        events.extend(e.tick(at, &mut s));
        if in_flight == Get {
            let token = e.awaited_token().unwrap();
            let conflict = s.answers[token as usize].clone();
            events.extend(e.deliver(at + LATENCY, token, conflict, &mut s));
        }
        assert_eq!(s.calls.last().unwrap().0, in_flight, "{name}");
        let pending = e.awaited_token().unwrap();
        events.extend(e.cancel(at + 2 * LATENCY, &mut s));
        let released = s.last_sent();
        assert_eq!(s.calls.last().unwrap().0, Update, "{name}: the release");
        assert_eq!(released.holder_identity, "", "{name}");
        assert_eq!(released.lease_duration_seconds, 1, "{name}");
        assert_eq!(
            s.object.as_ref().unwrap().spec,
            released,
            "{name}: released"
        );
        let kinds: Vec<_> = events
            .iter()
            .filter(|ev| {
                matches!(
                    ev.kind,
                    ElectorEventKind::StartedLeading | ElectorEventKind::Stopped { .. }
                )
            })
            .map(|ev| ev.kind.clone())
            .collect();
        assert_eq!(
            kinds,
            [
                ElectorEventKind::StartedLeading,
                ElectorEventKind::Stopped {
                    reason: StopReason::Cancelled,
                    was_leading: true
                }
            ],
            "{name}"
        );
        let late = e.deliver(at + 3 * LATENCY, pending, Ok(renewed), &mut s);
        assert!(late.is_empty(), "{name}");
    }
}

/// TestFastPathLeaderElection, both rows (15 s / 2 s / 1 s): once leading, a renewal is
/// a single optimistic update of the cached object; when it fails (409) the same try
/// falls back to get + update. Adapted: client-go cancels from inside the reactor of
/// the last update; here the candidate is cancelled after that try.
#[test]
fn fast_path_leader_election() {
    let rows: [(&str, Vec<usize>, usize, &[LeaseOp]); 2] = [
        (
            "Exercise fast path after lock acquired",
            vec![],
            3,
            &[Get, Create, Update, Update],
        ),
        (
            "Fallback to slow path after fast path fails",
            vec![2],
            4,
            &[Get, Create, Update, Update, Get, Update, Update],
        ),
    ];
    for (name, conflicts, tries, ops) in rows {
        let mut s = Script::holding(None);
        s.conflicts = conflicts;
        let mut e = Elector::new("baz", key(), cfg(15, 2, 1, false), 1, 0).unwrap();
        for _ in 0..tries {
            assert!(succeeded(&try_once(&mut e, &mut s)), "{name}");
        }
        let now = e.next_wake_us().unwrap();
        e.cancel(now, &mut s);
        assert_eq!(s.ops(), ops, "{name}");
        let spec = &s.object.as_ref().unwrap().spec;
        assert_eq!(
            (spec.holder_identity.as_str(), spec.lease_transitions),
            ("baz", 0)
        );
        assert_eq!(
            spec.acquire_time_us, 0,
            "{name}: acquireTime kept by renewals"
        );
    }
}

/// TestLeaderElectionHealthChecker: the `/healthz` adaptor (timeout 20 s, LeaseDuration
/// 1 min) fails only when this candidate is the observed holder and its observation is
/// more than LeaseDuration + timeout old. Adapted: `observedTime` is when the candidate
/// last saw its record (here: its create's answer), the fake clock is the `now` passed
/// in, and the adaptor without an elector is `None`.
#[test]
fn leader_election_health_checker() {
    let check = |e: Option<&Elector>, now: u64| e.is_none_or(|e| e.healthy(now, 20 * S));
    let config = cfg(60, 40, 2, false);
    let mut s = Script::holding(None);
    let mut leader = Elector::new("healthTest", key(), config, 1, 0).unwrap();
    try_once(&mut leader, &mut s);
    let mut s = Script::holding(Some(record("otherServer", 60)));
    let mut standby = Elector::new("healthTest", key(), config, 1, 0).unwrap();
    try_once(&mut standby, &mut s);
    // The leader observed its record at its create's answer (get, then create).
    let current = 2 * LATENCY;
    let rows = [
        (
            "call check before leader elector initialized",
            None,
            current,
            true,
        ),
        (
            "call check when the lease is far expired",
            Some(&leader),
            current + 3600 * S,
            false,
        ),
        (
            "call check when the lease is far expired but held by another server",
            Some(&standby),
            current + 3600 * S,
            true,
        ),
        (
            "call check when the lease is not expired",
            Some(&leader),
            current,
            true,
        ),
        (
            "call check when the lease is expired but inside the timeout",
            Some(&leader),
            current + 61 * S,
            true,
        ),
        (
            "(boundary) exactly lease + timeout",
            Some(&leader),
            current + 80 * S,
            true,
        ),
        (
            "(boundary) 1 µs past lease + timeout",
            Some(&leader),
            current + 80 * S + 1,
            false,
        ),
    ];
    for (name, elector, now, healthy) in rows {
        assert_eq!(check(elector, now), healthy, "{name}");
    }
}

/// `NewLeaderElector`'s checks, in client-go's order and with its messages.
#[test]
fn new_leader_elector_rejects_bad_config() {
    let rows: [(LeaderElectionConfig, &str, Option<&str>); 6] = [
        (
            cfg(10, 10, 2, false),
            "baz",
            Some("leaseDuration must be greater than renewDeadline"),
        ),
        (
            cfg(0, 0, 0, false),
            "baz",
            Some("leaseDuration must be greater than renewDeadline"),
        ),
        (
            LeaderElectionConfig {
                renew_deadline_us: 2_400_000, // exactly 1.2 × 2 s
                ..cfg(15, 0, 2, false)
            },
            "baz",
            Some("renewDeadline must be greater than retryPeriod*JitterFactor"),
        ),
        (
            cfg(15, 10, 0, false),
            "baz",
            Some("retryPeriod must be greater than zero"),
        ),
        (cfg(15, 10, 2, false), "", Some("Lock identity is empty")),
        (cfg(15, 10, 2, false), "baz", None),
    ];
    for (config, identity, expected) in rows {
        let got = Elector::new(identity, key(), config, 1, 0).err();
        assert_eq!(
            got.map(|e| e.to_string()).as_deref(),
            expected,
            "{config:?}"
        );
    }
    assert_eq!(
        ConfigError::EmptyIdentity.client_go_message(),
        "Lock identity is empty"
    );
}

/// `resourcelock/leaselock.go` (TestGetError, TestCreateError, TestUpdateError of its
/// `leaselock_test.go`): a get of a missing Lease is NotFound, a second create is
/// AlreadyExists, and an update must present the resourceVersion it read (409
/// otherwise). Checked on the in-memory store the timeline uses.
#[test]
fn lease_lock_store_errors() {
    use quorum_k8s::leader_election::MemoryLeaseStore;
    let ready = |a: Answer<Lease>| match a {
        Answer::Ready(reply) => reply.result,
        Answer::Pending(_) => panic!("the memory store answers at once"),
    };
    let mut m = MemoryLeaseStore::new(LATENCY);
    assert_eq!(ready(m.get(0, &key())), Err(StoreError::NotFound));
    let lease = Lease {
        key: key(),
        resource_version: 0,
        creation_time_us: 0,
        spec: record("test-identity", 15),
    };
    let created = ready(m.create(0, &lease)).unwrap();
    assert_eq!(ready(m.create(0, &lease)), Err(StoreError::AlreadyExists));
    assert_eq!(ready(m.get(0, &key())), Ok(created.clone()));
    let mut next = created.clone();
    next.spec.lease_transitions = 1;
    let updated = ready(m.update(0, &next)).unwrap();
    assert!(updated.resource_version > created.resource_version);
    assert_eq!(
        ready(m.update(0, &next)),
        Err(StoreError::Conflict),
        "stale version"
    );
}

/// client-go's `renew()` runs `release()` whenever the renew loop ends, so with
/// ReleaseOnCancel a leader whose renew deadline passed also tries to release (its
/// update was cut off by the deadline; the release is sent without a deadline).
#[test]
fn release_on_cancel_also_releases_after_the_renew_deadline() {
    let mut s = Script::holding(None);
    let mut e = Elector::new("baz", key(), cfg(15, 2, 1, true), 1, 0).unwrap();
    assert!(succeeded(&try_once(&mut e, &mut s)));
    let poll = e.next_wake_us().unwrap();
    e.tick(poll, &mut s); // the renewal's update: never answered
    let events = e.tick(poll + 2 * S, &mut s);
    assert!(events.iter().any(|ev| ev.kind
        == ElectorEventKind::Stopped {
            reason: StopReason::RenewDeadlineExceeded,
            was_leading: true
        }));
    assert_eq!(s.ops(), [Get, Create, Update, Update]);
    assert_eq!(s.last_sent().holder_identity, "");
    assert_eq!(e.phase(), Phase::Stopped(StopReason::RenewDeadlineExceeded));
}

/// `renew()` calls `maybeReportTransition` once per renew poll, not per try: a leader
/// that sees someone else holding the lease keeps polling and reports the new leader
/// (OnNewLeader) when the poll gives up at its deadline, right before it stops.
#[test]
fn on_new_leader_is_reported_when_the_renew_poll_ends() {
    let mut s = Script::holding(None);
    let mut e = Elector::new("baz", key(), cfg(15, 2, 1, false), 1, 0).unwrap();
    assert!(succeeded(&try_once(&mut e, &mut s)));
    // Someone else took the lease: the fast path conflicts, the get shows "bing".
    s.object = Some(Lease {
        key: key(),
        resource_version: 50,
        creation_time_us: 0,
        spec: record("bing", 15),
    });
    s.conflicts = vec![1];
    let mut events = Vec::new();
    while !matches!(e.phase(), Phase::Stopped(_)) {
        events.extend(try_once(&mut e, &mut s));
    }
    let deadline = 2 * LATENCY + 2 * S; // the poll began when the create was answered
    let reports: Vec<_> = events
        .iter()
        .filter_map(|ev| match &ev.kind {
            ElectorEventKind::NewLeaderObserved { holder } => Some((holder.as_str(), ev.at_us)),
            _ => None,
        })
        .collect();
    assert_eq!(reports, [("bing", deadline)]);
    assert!(
        events
            .iter()
            .filter(|ev| matches!(ev.kind, ElectorEventKind::HeldByOther { .. }))
            .count()
            >= 2
    );
}

/// client-go compares each get with the last record it *read* (`observedRawRecord`),
/// not with what it wrote since: a leader whose renewal timed out and whose get then
/// returns its own earlier write restarts its observed time at that get.
#[test]
fn observed_time_restarts_on_a_get_that_differs_from_the_last_read() {
    let mut s = Script::holding(None);
    s.timeouts = vec![2, 3];
    let mut e = Elector::new("baz", key(), cfg(15, 10, 2, false), 1, 0).unwrap();
    assert!(succeeded(&try_once(&mut e, &mut s))); // get (404), create
    assert!(succeeded(&try_once(&mut e, &mut s))); // update 1
    let written_at = e.view().observed_time_us;
    let poll = e.next_wake_us().unwrap();
    // update 2 times out, the get returns update 1's record, update 3 times out.
    let events = try_once(&mut e, &mut s);
    assert!(!succeeded(&events));
    assert_eq!(s.ops()[3..], [Update, Get, Update]);
    let get_answer = poll + 2 * LATENCY;
    assert!(get_answer > written_at);
    assert_eq!(e.view().observed_time_us, get_answer);
    assert_eq!(e.view().lease_expires_at_us, get_answer + 15 * S);
}

/// `release()` only runs when the renew loop ends: a candidate cancelled while still
/// acquiring releases nothing, even if its last get showed itself as holder (a
/// restarted "baz").
#[test]
fn cancel_while_acquiring_releases_nothing() {
    let mut s = Script::holding(Some(record("baz", 15)));
    let mut e = Elector::new("baz", key(), cfg(15, 10, 2, true), 1, 0).unwrap();
    e.tick(0, &mut s);
    let token = e.awaited_token().unwrap();
    let got = s.answers[token as usize].clone();
    e.deliver(LATENCY, token, got, &mut s); // its update is now in flight
    assert!(e.is_leader() && !e.is_acting_leader());
    e.cancel(2 * LATENCY, &mut s);
    assert_eq!(s.ops(), [Get, Update]);
    assert_eq!(e.phase(), Phase::Stopped(StopReason::Cancelled));
}
