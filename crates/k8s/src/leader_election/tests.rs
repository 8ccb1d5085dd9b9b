use super::*;

const S: u64 = SECOND_US;

fn election(n: usize, config: LeaderElectionConfig, seed: u64) -> Election<MemoryLeaseStore> {
    let mut e = Election::new(
        MemoryLeaseStore::new(2_000),
        LeaseKey::controller_manager(),
        config,
        seed,
    )
    .unwrap();
    for i in 0..n {
        e.add_candidate(&format!("controlplane-{i}"), i as u64 * 100_000);
    }
    e
}

fn lease(e: &Election<MemoryLeaseStore>) -> Lease {
    e.store.peek(&LeaseKey::controller_manager()).unwrap()
}

#[test]
fn first_candidate_creates_the_lease_and_others_stand_by() {
    let mut e = election(3, LeaderElectionConfig::default(), 1);
    e.run_until(60 * S);
    assert_eq!(e.acting_leaders(), vec![0]);
    let l = lease(&e);
    assert_eq!(l.spec.holder_identity, "controlplane-0");
    assert_eq!(l.spec.lease_duration_seconds, 15);
    assert_eq!(l.spec.lease_transitions, 0);
    assert_eq!(l.spec.acquire_time_us, 0);
    // Renewed every retry period (plus the call's latency) since.
    assert!(l.spec.renew_time_us > 57 * S, "{:?}", l.spec);
    let renewals = e
        .timeline()
        .iter()
        .filter(|t| matches!(t.event.kind, ElectorEventKind::Renewed { .. }))
        .count();
    assert!((29..=31).contains(&renewals), "{renewals}");
    // Standbys saw the holder and wait.
    for v in &e.views()[1..] {
        assert_eq!(v.phase, Phase::Standby);
        assert_eq!(v.observed_holder, "controlplane-0");
    }
}

#[test]
fn crash_fails_over_within_the_client_go_bounds() {
    let config = LeaderElectionConfig::default();
    let mut e = election(2, config, 7);
    e.run_until(30 * S + 700_000);
    let last_renew = lease(&e).spec.renew_time_us;
    let crash_at = e.now_us();
    e.crash(0);
    let took_over = e.run_until_condition(120 * S, |e, _| !e.acting_leaders().is_empty());
    assert!(took_over);
    let failover = e.now_us() - crash_at;
    let since_renew = crash_at - last_renew;
    // At least the lease duration after the last renewal, at most lease duration plus
    // two maximal jittered pauses (plus call latencies).
    assert!(failover + since_renew >= 15 * S, "{failover} {since_renew}");
    assert!(
        failover <= 15 * S + 2 * config.max_retry_wait_us() + 10_000,
        "{failover}"
    );
    let l = lease(&e);
    assert_eq!(l.spec.holder_identity, "controlplane-1");
    assert_eq!(l.spec.lease_transitions, 1);
    // acquireTime is when the winning try began, after the crash.
    assert!(l.spec.acquire_time_us > crash_at && l.spec.acquire_time_us < e.now_us());
}

#[test]
fn without_quorum_the_leader_steps_down_after_the_renew_deadline() {
    let config = LeaderElectionConfig::default();
    let mut e = election(3, config, 3);
    e.run_until(20 * S);
    let leader = e.acting_leaders()[0];
    e.store.available = false;
    let outage = e.now_us();
    e.run_until(outage + 60 * S);
    assert!(e.acting_leaders().is_empty(), "nobody can renew or acquire");
    let stop = e
        .timeline()
        .iter()
        .find_map(|t| match t.event.kind {
            ElectorEventKind::Stopped { reason, .. } if t.candidate == leader => {
                Some((reason, t.event.at_us))
            }
            _ => None,
        })
        .unwrap();
    assert_eq!(stop.0, StopReason::RenewDeadlineExceeded);
    // The last renewal finished at most one retry period before the outage; the poll
    // after it began RetryPeriod later and gave up RenewDeadline after that.
    assert!(
        stop.1 > outage + 8 * S && stop.1 <= outage + 12 * S,
        "{}",
        stop.1 - outage
    );
    // Quorum back: a candidate that is still running takes over.
    e.store.available = true;
    e.run_until(outage + 120 * S);
    assert_eq!(e.acting_leaders().len(), 1);
    assert_ne!(e.acting_leaders()[0], leader);
}

#[test]
fn graceful_release_lets_a_standby_in_at_its_next_poll() {
    let config = LeaderElectionConfig {
        release_on_cancel: true,
        ..LeaderElectionConfig::default()
    };
    let mut e = election(2, config, 11);
    e.run_until(20 * S);
    let at = e.now_us();
    e.cancel(0);
    assert_eq!(lease(&e).spec.holder_identity, "");
    e.run_until_condition(60 * S, |e, _| !e.acting_leaders().is_empty());
    assert!(e.now_us() - at <= config.max_retry_wait_us() + 10_000);
}

#[test]
fn invalid_config_is_rejected() {
    let bad = LeaderElectionConfig {
        renew_deadline_us: 15 * S,
        ..LeaderElectionConfig::default()
    };
    let err = Election::new(MemoryLeaseStore::default(), LeaseKey::scheduler(), bad, 1)
        .err()
        .unwrap();
    assert_eq!(
        err.to_string(),
        "leaseDuration must be greater than renewDeadline"
    );
}

#[test]
fn same_seed_same_timeline() {
    let run = |seed| {
        let mut e = election(3, LeaderElectionConfig::default(), seed);
        e.run_until(10 * S);
        e.crash(0);
        e.run_until(60 * S);
        e.timeline().to_vec()
    };
    assert_eq!(run(5), run(5));
    assert_ne!(run(5), run(6));
}

#[test]
fn defaults_never_overlap_and_the_bound_is_tight_enough() {
    assert_eq!(
        max_dual_leadership_us(&LeaderElectionConfig::default(), 2_000),
        0
    );
    let risky = LeaderElectionConfig {
        lease_duration_us: 11 * S,
        renew_deadline_us: 10 * S,
        retry_period_us: 2 * S,
        release_on_cancel: false,
    };
    assert_eq!(risky.validate(), Ok(()));
    assert_eq!(max_dual_leadership_us(&risky, 0), S);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Random valid flags, random outages of the store and random crashes: two
    /// candidates never act as leader at the same time for longer than client-go's
    /// timing allows (zero whenever lease ≥ retry + renew + latency).
    #[test]
    fn dual_leadership_stays_within_the_semantics(
        seed in 0u64..1_000,
        lease_s in 2u64..30,
        renew_frac in 0.05f64..0.95,
        retry_frac in 0.1f64..0.8,
        outages in proptest::collection::vec((0u64..200, 1u64..30, 0usize..4), 0..4),
        crash_at in proptest::option::of(0u64..200),
    ) {
        let lease_us = lease_s * S;
        let renew_us = ((lease_us as f64) * renew_frac) as u64;
        let retry_us = ((renew_us as f64 / 1.2) * retry_frac) as u64;
        let config = LeaderElectionConfig {
            lease_duration_us: lease_us,
            renew_deadline_us: renew_us,
            retry_period_us: retry_us,
            release_on_cancel: false,
        };
        proptest::prop_assume!(config.validate().is_ok());
        let mut e = election(3, config, seed);
        // (time, candidate cut off or 3 = everyone, whether the cut starts)
        let mut cuts: Vec<(u64, usize, bool)> = Vec::new();
        for (start, len, who) in outages {
            cuts.push((start * S, who, true));
            cuts.push(((start + len) * S, who, false));
        }
        if let Some(c) = crash_at { cuts.push((c * S, 9, false)); }
        cuts.sort();
        let mut crashed = false;
        for (at, who, cut) in cuts {
            e.run_until(at);
            match (who, cut) {
                (3, _) => e.store.available = !cut,
                (9, _) => {}
                (_, true) => { e.store.isolated.insert(who); }
                (_, false) => { e.store.isolated.remove(&who); }
            }
            if Some(at) == crash_at.map(|c| c * S) && !crashed {
                if let Some(&l) = e.acting_leaders().first() { e.crash(l); crashed = true; }
            }
        }
        e.store.available = true;
        e.store.isolated.clear();
        e.run_until(300 * S);
        let overlap = longest_overlap_us(e.leadership_intervals(), e.now_us());
        let allowed = max_dual_leadership_us(&config, 2 * 2_000);
        proptest::prop_assert!(overlap <= allowed, "overlap {} allowed {}", overlap, allowed);
        proptest::prop_assert!(e.acting_leaders().len() <= 1 || allowed > 0);
    }
}

/// The bound is not vacuous: with valid but risky flags (lease 11 s, renew 10 s, retry
/// 2 s) a leader cut off from etcd right after renewing keeps acting while a standby
/// that saw that renewal early takes over; never longer than the bound.
#[test]
fn risky_flags_can_overlap_but_only_within_the_bound() {
    let risky = LeaderElectionConfig {
        lease_duration_us: 11 * S,
        renew_deadline_us: 10 * S,
        retry_period_us: 2 * S,
        release_on_cancel: false,
    };
    let bound = max_dual_leadership_us(&risky, 2 * 2_000);
    let mut overlaps = 0;
    for seed in 0..40 {
        let mut e = election(2, risky, seed);
        e.run_until_condition(60 * S, |_, new| {
            new.iter().any(|t| {
                t.candidate == 0
                    && matches!(t.event.kind, ElectorEventKind::Renewed { .. })
                    && t.event.at_us > 20 * S
            })
        });
        e.store.isolated.insert(0);
        e.run_until(120 * S);
        let o = longest_overlap_us(e.leadership_intervals(), e.now_us());
        assert!(o <= bound, "seed {seed}: {o} > {bound}");
        if o > 0 {
            overlaps += 1;
        }
    }
    assert!(overlaps > 0, "expected some overlap with risky flags");
    // The defaults never overlap in the same scenario.
    for seed in 0..40 {
        let mut e = election(2, LeaderElectionConfig::default(), seed);
        e.run_until(21 * S);
        e.store.isolated.insert(0);
        e.run_until(120 * S);
        assert_eq!(longest_overlap_us(e.leadership_intervals(), e.now_us()), 0);
    }
}

/// A store whose every call is answered later by the test (as etcd does in the
/// cluster): it records the calls and hands out tokens.
#[derive(Default)]
struct LaterStore {
    calls: Vec<(u64, LeaseOp, u64)>,
}

impl LaterStore {
    fn pending(&mut self, at: u64, op: LeaseOp) -> Answer<Lease> {
        let token = self.calls.len() as u64 + 100;
        self.calls.push((at, op, token));
        Answer::Pending(token)
    }
}

impl LeaseStore for LaterStore {
    fn get(&mut self, now_us: u64, _key: &LeaseKey) -> Answer<Lease> {
        self.pending(now_us, LeaseOp::Get)
    }
    fn create(&mut self, now_us: u64, _lease: &Lease) -> Answer<Lease> {
        self.pending(now_us, LeaseOp::Create)
    }
    fn update(&mut self, now_us: u64, _lease: &Lease) -> Answer<Lease> {
        self.pending(now_us, LeaseOp::Update)
    }
}

fn stored(holder: &str, rv: u64, at: u64) -> Lease {
    Lease {
        key: LeaseKey::controller_manager(),
        resource_version: rv,
        creation_time_us: 0,
        spec: LeaseSpec {
            holder_identity: holder.to_string(),
            lease_duration_seconds: 15,
            acquire_time_us: at,
            renew_time_us: at,
            lease_transitions: 0,
        },
    }
}

#[test]
fn answers_that_come_later_drive_the_try_and_late_ones_are_ignored() {
    let config = LeaderElectionConfig::default();
    let mut store = LaterStore::default();
    let mut e = Elector::new("cp-1", LeaseKey::controller_manager(), config, 7, 0).unwrap();
    assert!(e.tick(0, &mut store).iter().any(|ev| matches!(
        ev.kind,
        ElectorEventKind::AttemptStarted { renewing: false }
    )));
    // Waiting for the get: nothing to wake for (no deadline while acquiring).
    assert_eq!(e.next_wake_us(), None);
    assert_eq!(e.awaited_token(), Some(100));
    // A stale token changes nothing.
    assert!(e
        .deliver(10, 99, Err(StoreError::NotFound), &mut store)
        .is_empty());
    // Not found at 20 ms: the create goes out then; it commits at 45 ms.
    e.deliver(20_000, 100, Err(StoreError::NotFound), &mut store);
    assert_eq!(store.calls[1], (20_000, LeaseOp::Create, 101));
    let events = e.deliver(45_000, 101, Ok(stored("cp-1", 2, 20_000)), &mut store);
    assert!(events
        .iter()
        .any(|ev| ev.kind == ElectorEventKind::StartedLeading && ev.at_us == 45_000));
    assert!(e.is_acting_leader());
    // The first renew poll starts at once: an optimistic update, answered never.
    e.tick(45_000, &mut store);
    assert_eq!(store.calls[2], (45_000, LeaseOp::Update, 102));
    // The poll gives up at its renew deadline (10 s after it began)...
    assert_eq!(e.next_wake_us(), Some(45_000 + 10 * S));
    let events = e.tick(45_000 + 10 * S, &mut store);
    assert!(events.iter().any(|ev| matches!(
        ev.kind,
        ElectorEventKind::CallFailed {
            op: LeaseOp::Update,
            error: StoreError::ContextDeadlineExceeded
        }
    )));
    assert!(events.iter().any(|ev| matches!(
        ev.kind,
        ElectorEventKind::Stopped {
            reason: StopReason::RenewDeadlineExceeded,
            was_leading: true
        }
    )));
    // ... and the answer arriving afterwards is ignored.
    assert!(e
        .deliver(
            45_000 + 11 * S,
            102,
            Ok(stored("cp-1", 3, 45_000)),
            &mut store
        )
        .is_empty());
    assert!(!e.is_acting_leader());
}
