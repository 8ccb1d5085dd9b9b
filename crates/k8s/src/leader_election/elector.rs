//! One candidate of a leader election: client-go's `LeaderElector` as a deterministic,
//! time-driven state machine. The host calls [`Elector::tick`] at (or after)
//! [`Elector::next_wake_us`]; all times are µs of simulated time.
//!
//! The loops follow client-go (`tools/leaderelection/leaderelection.go`):
//! - `acquire`: `wait.JitterUntil(tryAcquireOrRenew, RetryPeriod, 1.2, sliding)`: an
//!   attempt, then a pause of `RetryPeriod × (1 + U[0,1) × 1.2)` after it finishes.
//! - `renew`: `wait.Until(poll, RetryPeriod)`, where `poll` retries `tryAcquireOrRenew`
//!   every `RetryPeriod` under a context that ends `RenewDeadline` after the poll began.
//!   It starts right after acquiring. If the poll's deadline passes without a success,
//!   the candidate stops leading (kube-controller-manager then exits).
//! - The observed-time rule: a candidate only trusts its own clock. It notes when it
//!   last saw the Lease record *change*, and treats the lease as expired once
//!   `leaseDurationSeconds` have passed since then on its clock.
//!
//! A try is a sequence of store calls (update on the fast path; else get, then create or
//! update), each made when the previous one's answer arrived. A store answers at once
//! with a latency ([`Answer::Ready`]) or later ([`Answer::Pending`]: the host hands the
//! result over with [`Elector::deliver`], as the cluster does when the simulated etcd
//! committed or timed out); a call still unanswered at the renew deadline is abandoned.

use super::config::{ConfigError, LeaderElectionConfig, JITTER_FACTOR, SECOND_US};
use super::lease::{Lease, LeaseKey, LeaseSpec};
use super::store::{Answer, LeaseStore, StoreError};
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg32;
use serde::Serialize;

/// Where a candidate is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Phase {
    /// In the acquire loop: not leading, retrying with jitter.
    Standby,
    /// Holding the lease (between OnStartedLeading and OnStoppedLeading). The current
    /// renew poll began at `poll_start_us` and gives up at `deadline_us`.
    Leading {
        poll_start_us: u64,
        deadline_us: u64,
    },
    /// The loop has ended.
    Stopped(StopReason),
}

/// Why a candidate stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum StopReason {
    /// The renew deadline passed without a successful renewal ("leaderelection lost").
    RenewDeadlineExceeded,
    /// The process died (no release, no further calls).
    Crashed,
    /// Stopped gracefully (releases the lease when `release_on_cancel`).
    Cancelled,
}

/// Which call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum LeaseOp {
    Get,
    Create,
    Update,
}

/// Something a candidate did or saw, for the timeline view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ElectorEventKind {
    /// A try began (a request leaves for the API server).
    AttemptStarted {
        renewing: bool,
    },
    /// The Lease record differs from the last one seen: the observed time restarts.
    ObservedChange {
        holder: String,
        renew_time_us: u64,
        transitions: u32,
    },
    /// OnNewLeader: the holder differs from the last reported one.
    NewLeaderObserved {
        holder: String,
    },
    /// "lock is held by X and has not yet expired": nothing to do until `expires_at_us`
    /// on this candidate's clock.
    HeldByOther {
        holder: String,
        expires_at_us: u64,
    },
    CallFailed {
        op: LeaseOp,
        error: StoreError,
    },
    /// This candidate wrote itself as holder; `transitions` is the new leaseTransitions.
    Acquired {
        transitions: u32,
    },
    /// OnStartedLeading.
    StartedLeading,
    Renewed {
        renew_time_us: u64,
    },
    /// The loop ended; `was_leading` tells whether OnStoppedLeading meant losing the lead.
    Stopped {
        reason: StopReason,
        was_leading: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ElectorEvent {
    pub at_us: u64,
    pub kind: ElectorEventKind,
}

/// What the timeline shows for one candidate at an instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ElectorView {
    pub identity: String,
    pub phase: Phase,
    /// Holder in this candidate's last observed record ("" if none).
    pub observed_holder: String,
    pub observed_time_us: u64,
    /// When this candidate will consider the lease expired (observed time +
    /// observed leaseDurationSeconds).
    pub lease_expires_at_us: u64,
    /// When the leader gives up if no renewal succeeds (leading only).
    pub renew_deadline_at_us: Option<u64>,
    /// The next attempt (or the end of the request in flight).
    pub next_wake_us: Option<u64>,
    pub request_in_flight: bool,
}

/// Which call of a try is outstanding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// The leader's optimistic update of its cached object.
    FastUpdate,
    Get,
    Create,
    Update,
}

impl Stage {
    fn op(self) -> LeaseOp {
        match self {
            Self::Get => LeaseOp::Get,
            Self::Create => LeaseOp::Create,
            Self::FastUpdate | Self::Update => LeaseOp::Update,
        }
    }
}

/// How the outstanding call's answer comes back.
#[derive(Clone, Debug)]
enum Outstanding {
    /// Known already; it arrives at `at_us`.
    Arrives {
        at_us: u64,
        result: Result<Lease, StoreError>,
    },
    /// The host delivers it with this token.
    Token(u64),
}

/// One `tryAcquireOrRenew` in progress.
#[derive(Clone, Debug)]
struct Try {
    started_us: u64,
    deadline_us: Option<u64>,
    /// Whether this candidate was the observed holder when the try began.
    was_holder: bool,
    /// The record this candidate wants to write.
    record: LeaseSpec,
    stage: Stage,
    /// The object being created or updated.
    lease: Option<Lease>,
    call: Outstanding,
}

/// One candidate (one kube-controller-manager or kube-scheduler process).
#[derive(Clone, Debug)]
pub struct Elector {
    identity: String,
    key: LeaseKey,
    config: LeaderElectionConfig,
    rng: Pcg32,
    observed: LeaseSpec,
    observed_time_us: u64,
    /// The record the last successful get returned (client-go's `observedRawRecord`):
    /// the observed time restarts only when a get differs from it, not from what this
    /// candidate wrote since.
    last_read: Option<LeaseSpec>,
    cached: Option<Lease>,
    reported_leader: String,
    phase: Phase,
    next_wake_us: Option<u64>,
    attempt: Option<Try>,
}

impl Elector {
    /// A candidate that makes its first attempt at `start_us`. Fails like client-go's
    /// `NewLeaderElector` on an invalid configuration or an empty identity.
    pub fn new(
        identity: &str,
        key: LeaseKey,
        config: LeaderElectionConfig,
        seed: u64,
        start_us: u64,
    ) -> Result<Self, ConfigError> {
        config.validate()?;
        if identity.is_empty() {
            return Err(ConfigError::EmptyIdentity);
        }
        Ok(Self {
            identity: identity.to_string(),
            key,
            config,
            rng: Pcg32::seed_from_u64(seed),
            observed: LeaseSpec::default(),
            observed_time_us: 0,
            last_read: None,
            cached: None,
            reported_leader: String::new(),
            phase: Phase::Standby,
            next_wake_us: Some(start_us),
            attempt: None,
        })
    }

    pub fn identity(&self) -> &str {
        &self.identity
    }

    pub fn key(&self) -> &LeaseKey {
        &self.key
    }

    pub fn config(&self) -> &LeaderElectionConfig {
        &self.config
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Acting as leader: between OnStartedLeading and OnStoppedLeading, when the
    /// controllers run.
    pub fn is_acting_leader(&self) -> bool {
        matches!(self.phase, Phase::Leading { .. })
    }

    /// client-go's `IsLeader()`: the last observed holder is this candidate.
    pub fn is_leader(&self) -> bool {
        self.observed.holder_identity == self.identity
    }

    pub fn next_wake_us(&self) -> Option<u64> {
        self.next_wake_us
    }

    /// client-go's `Check(maxTolerableExpiredLease)`, behind the `/healthz` leader
    /// election check (`HealthzAdaptor`, 20 s in kube-controller-manager): unhealthy
    /// only if this candidate is the observed holder and more than the configured
    /// LeaseDuration plus the tolerance passed since it last observed the record.
    pub fn healthy(&self, now_us: u64, max_tolerable_expired_us: u64) -> bool {
        let limit = self
            .config
            .lease_duration_us
            .saturating_add(max_tolerable_expired_us);
        !self.is_leader() || now_us.saturating_sub(self.observed_time_us) <= limit
    }

    pub fn view(&self) -> ElectorView {
        let renew_deadline_at_us = match self.phase {
            Phase::Leading { deadline_us, .. } => Some(deadline_us),
            _ => None,
        };
        ElectorView {
            identity: self.identity.clone(),
            phase: self.phase,
            observed_holder: self.observed.holder_identity.clone(),
            observed_time_us: self.observed_time_us,
            lease_expires_at_us: self.lease_expiry_us(),
            renew_deadline_at_us,
            next_wake_us: self.next_wake_us,
            request_in_flight: self.attempt.is_some(),
        }
    }

    fn lease_expiry_us(&self) -> u64 {
        let duration = u64::from(self.observed.lease_duration_seconds) * SECOND_US;
        self.observed_time_us.saturating_add(duration)
    }

    /// Run every step due at or before `now_us`. Returns what happened, in time order.
    pub fn tick(&mut self, now_us: u64, store: &mut dyn LeaseStore) -> Vec<ElectorEvent> {
        let mut events = Vec::new();
        while let Some(wake) = self.next_wake_us.filter(|&w| w <= now_us) {
            self.step(wake, store, &mut events);
        }
        events
    }

    /// The token of the call whose answer the host must deliver, if one is outstanding.
    pub fn awaited_token(&self) -> Option<u64> {
        match self.attempt.as_ref().map(|t| &t.call) {
            Some(Outstanding::Token(token)) => Some(*token),
            _ => None,
        }
    }

    /// The answer to the call the store left pending with `token` arrived at `at_us`.
    /// Answers to abandoned calls (renew deadline passed, process restarted) are ignored.
    pub fn deliver(
        &mut self,
        at_us: u64,
        token: u64,
        result: Result<Lease, StoreError>,
        store: &mut dyn LeaseStore,
    ) -> Vec<ElectorEvent> {
        let mut events = self.tick(at_us, store);
        if self.awaited_token() != Some(token) {
            return events;
        }
        if let Some(attempt) = self.attempt.take() {
            self.on_result(attempt, at_us, result, store, &mut events);
        }
        events
    }

    /// The process dies: no release, no more calls. A request in flight may still
    /// have been applied by the store.
    pub fn crash(&mut self, now_us: u64) -> Vec<ElectorEvent> {
        self.stop(now_us, StopReason::Crashed)
    }

    /// A graceful stop. A leader ends its renew loop, so with `release_on_cancel` it
    /// releases the lease (see [`Self::release`]); a standby just stops.
    pub fn cancel(&mut self, now_us: u64, store: &mut dyn LeaseStore) -> Vec<ElectorEvent> {
        let mut events = Vec::new();
        if self.is_acting_leader() {
            self.report_transition(now_us, &mut events);
            self.release(now_us, store);
        }
        events.extend(self.stop(now_us, StopReason::Cancelled));
        events
    }

    /// client-go's `release()`, run with `ReleaseOnCancel` whenever the renew loop
    /// ends (cancelled or lost): if the last observed holder is this candidate, write
    /// an empty holder, leaseDurationSeconds 1 and both times now over the cached
    /// object. The release is sent; a store that answers later applies it without
    /// anyone waiting.
    fn release(&mut self, now_us: u64, store: &mut dyn LeaseStore) {
        if !self.config.release_on_cancel || !self.is_leader() {
            return;
        }
        // No cached object: client-go fails with "lease not initialized".
        let Some(mut lease) = self.cached.clone() else {
            return;
        };
        lease.spec = LeaseSpec {
            holder_identity: String::new(),
            lease_duration_seconds: 1,
            acquire_time_us: now_us,
            renew_time_us: now_us,
            lease_transitions: self.observed.lease_transitions,
        };
        if let Answer::Ready(reply) = store.update(now_us, &lease) {
            if reply.result.is_ok() {
                self.observed = lease.spec;
                self.observed_time_us = now_us;
            }
        }
    }

    fn stop(&mut self, now_us: u64, reason: StopReason) -> Vec<ElectorEvent> {
        if matches!(self.phase, Phase::Stopped(_)) {
            return Vec::new();
        }
        let was_leading = self.is_acting_leader();
        self.phase = Phase::Stopped(reason);
        self.next_wake_us = None;
        self.attempt = None;
        vec![ElectorEvent {
            at_us: now_us,
            kind: ElectorEventKind::Stopped {
                reason,
                was_leading,
            },
        }]
    }

    fn step(&mut self, now_us: u64, store: &mut dyn LeaseStore, events: &mut Vec<ElectorEvent>) {
        if let Some(attempt) = self.attempt.take() {
            // Woken for an answer that arrived, or at the renew deadline.
            let deadline = attempt.deadline_us.unwrap_or(u64::MAX);
            let (at, result) = match &attempt.call {
                Outstanding::Arrives { at_us, result } if *at_us <= deadline => {
                    (*at_us, result.clone())
                }
                _ => (deadline, Err(StoreError::ContextDeadlineExceeded)),
            };
            self.on_result(attempt, at.min(now_us), result, store, events);
            return;
        }
        match self.phase {
            Phase::Standby => self.start_attempt(now_us, None, store, events),
            Phase::Leading { deadline_us, .. } if now_us >= deadline_us => {
                // The poll failed: report the holder seen, release, stop leading.
                self.report_transition(deadline_us, events);
                self.release(deadline_us, store);
                events.extend(self.stop(deadline_us, StopReason::RenewDeadlineExceeded));
            }
            Phase::Leading { deadline_us, .. } => {
                self.start_attempt(now_us, Some(deadline_us), store, events)
            }
            Phase::Stopped(_) => self.next_wake_us = None,
        }
    }

    /// client-go's `tryAcquireOrRenew` begins: the fast path if this candidate holds a
    /// valid lease it has cached, else a get.
    fn start_attempt(
        &mut self,
        now_us: u64,
        deadline_us: Option<u64>,
        store: &mut dyn LeaseStore,
        events: &mut Vec<ElectorEvent>,
    ) {
        events.push(ElectorEvent {
            at_us: now_us,
            kind: ElectorEventKind::AttemptStarted {
                renewing: deadline_us.is_some(),
            },
        });
        let record = LeaseSpec {
            holder_identity: self.identity.clone(),
            lease_duration_seconds: self.config.lease_duration_seconds(),
            acquire_time_us: now_us,
            renew_time_us: now_us,
            lease_transitions: 0,
        };
        let mut attempt = Try {
            started_us: now_us,
            deadline_us,
            was_holder: self.is_leader(),
            record,
            stage: Stage::Get,
            lease: None,
            call: Outstanding::Token(0),
        };
        // 1. Fast path: the leader updates its cached object optimistically.
        if self.is_leader() && self.is_valid(now_us) {
            if let Some(mut lease) = self.cached.clone() {
                attempt.record.acquire_time_us = self.observed.acquire_time_us;
                attempt.record.lease_transitions = self.observed.lease_transitions;
                lease.spec = attempt.record.clone();
                attempt.lease = Some(lease);
                return self.issue(attempt, Stage::FastUpdate, now_us, store, events);
            }
        }
        // 2. Get the record (or create it).
        self.issue(attempt, Stage::Get, now_us, store, events)
    }

    fn is_valid(&self, now_us: u64) -> bool {
        self.lease_expiry_us() > now_us
    }

    /// Make the try's next call at `at_us`, honouring the renew deadline.
    fn issue(
        &mut self,
        mut attempt: Try,
        stage: Stage,
        at_us: u64,
        store: &mut dyn LeaseStore,
        events: &mut Vec<ElectorEvent>,
    ) {
        attempt.stage = stage;
        if attempt.deadline_us.is_some_and(|d| at_us >= d) {
            let result = Err(StoreError::ContextDeadlineExceeded);
            return self.on_result(attempt, at_us, result, store, events);
        }
        let answer = match (stage, attempt.lease.as_ref()) {
            (Stage::Get, _) => store.get(at_us, &self.key),
            (Stage::Create, Some(lease)) => store.create(at_us, lease),
            (Stage::FastUpdate | Stage::Update, Some(lease)) => store.update(at_us, lease),
            // Every write stage is issued with its object.
            (_, None) => {
                Answer::Ready(super::store::Reply::new(Err(StoreError::NotInitialized), 0))
            }
        };
        attempt.call = match answer {
            Answer::Ready(reply) => Outstanding::Arrives {
                at_us: at_us.saturating_add(reply.latency_us),
                result: reply.result,
            },
            Answer::Pending(token) => Outstanding::Token(token),
        };
        self.next_wake_us = match (&attempt.call, attempt.deadline_us) {
            (Outstanding::Arrives { at_us, .. }, d) => Some(d.map_or(*at_us, |d| d.min(*at_us))),
            (Outstanding::Token(_), d) => d,
        };
        self.attempt = Some(attempt);
    }

    /// The outstanding call's answer is known at `at_us`: go on with the try.
    fn on_result(
        &mut self,
        mut attempt: Try,
        at_us: u64,
        result: Result<Lease, StoreError>,
        store: &mut dyn LeaseStore,
        events: &mut Vec<ElectorEvent>,
    ) {
        if let Err(error) = &result {
            if *error != StoreError::NotFound {
                events.push(ElectorEvent {
                    at_us,
                    kind: ElectorEventKind::CallFailed {
                        op: attempt.stage.op(),
                        error: error.clone(),
                    },
                });
            }
        }
        match (attempt.stage, result) {
            (Stage::FastUpdate | Stage::Create | Stage::Update, Ok(written)) => {
                self.set_observed(at_us, attempt.record.clone(), written);
                self.finish(&attempt, at_us, true, events);
            }
            (Stage::FastUpdate, Err(StoreError::ContextDeadlineExceeded)) => {
                self.finish(&attempt, at_us, false, events)
            }
            // The fast path failed: fall back to the slow path.
            (Stage::FastUpdate, Err(_)) => self.issue(attempt, Stage::Get, at_us, store, events),
            (Stage::Get, Err(StoreError::NotFound)) => {
                attempt.lease = Some(Lease {
                    key: self.key.clone(),
                    resource_version: 0,
                    creation_time_us: at_us,
                    spec: attempt.record.clone(),
                });
                self.issue(attempt, Stage::Create, at_us, store, events)
            }
            (Stage::Get, Ok(current)) => self.after_get(attempt, at_us, current, store, events),
            (_, Err(_)) => self.finish(&attempt, at_us, false, events),
        }
    }

    /// Step 3 and 4 of `tryAcquireOrRenew`: the observed-time rule, then take over (or
    /// renew on the slow path) unless someone else holds a valid lease.
    fn after_get(
        &mut self,
        mut attempt: Try,
        at_us: u64,
        current: Lease,
        store: &mut dyn LeaseStore,
        events: &mut Vec<ElectorEvent>,
    ) {
        if self.last_read.as_ref() != Some(&current.spec) {
            self.observed = current.spec.clone();
            self.last_read = Some(current.spec.clone());
            self.observed_time_us = at_us;
            events.push(ElectorEvent {
                at_us,
                kind: ElectorEventKind::ObservedChange {
                    holder: current.spec.holder_identity.clone(),
                    renew_time_us: current.spec.renew_time_us,
                    transitions: current.spec.lease_transitions,
                },
            });
        }
        self.cached = Some(current.clone());
        let now_us = attempt.started_us;
        if !current.spec.holder_identity.is_empty() && self.is_valid(now_us) && !self.is_leader() {
            events.push(ElectorEvent {
                at_us,
                kind: ElectorEventKind::HeldByOther {
                    holder: current.spec.holder_identity.clone(),
                    expires_at_us: self.lease_expiry_us(),
                },
            });
            return self.finish(&attempt, at_us, false, events);
        }
        if self.is_leader() {
            attempt.record.acquire_time_us = current.spec.acquire_time_us;
            attempt.record.lease_transitions = current.spec.lease_transitions;
        } else {
            attempt.record.lease_transitions = current.spec.lease_transitions.saturating_add(1);
        }
        let mut lease = current;
        lease.spec = attempt.record.clone();
        attempt.lease = Some(lease);
        self.issue(attempt, Stage::Update, at_us, store, events)
    }

    /// `setObservedRecord` after a successful write: the observed time is when the
    /// write's answer arrived.
    fn set_observed(&mut self, at_us: u64, record: LeaseSpec, lease: Lease) {
        self.observed = record;
        self.observed_time_us = at_us;
        self.cached = Some(lease);
    }

    /// The try ended at `at_us`: change phase and schedule the next step.
    fn finish(&mut self, attempt: &Try, at_us: u64, success: bool, events: &mut Vec<ElectorEvent>) {
        self.attempt = None;
        // OnNewLeader is checked after each acquire try, but only once a renew poll
        // ends (success here, or its deadline in `step`).
        if success || !self.is_acting_leader() {
            self.report_transition(at_us, events);
        }
        match self.phase {
            Phase::Standby if success => {
                let transitions = self.observed.lease_transitions;
                if !attempt.was_holder {
                    events.push(ElectorEvent {
                        at_us,
                        kind: ElectorEventKind::Acquired { transitions },
                    });
                }
                events.push(ElectorEvent {
                    at_us,
                    kind: ElectorEventKind::StartedLeading,
                });
                // renew() starts at once: wait.Until runs its first poll immediately.
                self.begin_poll(at_us);
            }
            Phase::Standby => {
                let pause = self.jittered_retry_period();
                self.next_wake_us = Some(at_us.saturating_add(pause));
            }
            Phase::Leading { .. } if success => {
                events.push(ElectorEvent {
                    at_us,
                    kind: ElectorEventKind::Renewed {
                        renew_time_us: self.observed.renew_time_us,
                    },
                });
                // wait.Until is sliding: the next poll starts RetryPeriod after this one.
                self.begin_poll(at_us.saturating_add(self.config.retry_period_us));
            }
            Phase::Leading { deadline_us, .. } => {
                // The poll's timer restarts before each try: the next try is one
                // RetryPeriod after this one began, or at once if it took longer.
                let next = attempt
                    .started_us
                    .saturating_add(self.config.retry_period_us)
                    .max(at_us);
                self.next_wake_us = Some(next.min(deadline_us));
            }
            Phase::Stopped(_) => self.next_wake_us = None,
        }
    }

    fn begin_poll(&mut self, poll_start_us: u64) {
        self.phase = Phase::Leading {
            poll_start_us,
            deadline_us: poll_start_us.saturating_add(self.config.renew_deadline_us),
        };
        self.next_wake_us = Some(poll_start_us);
    }

    fn report_transition(&mut self, at_us: u64, events: &mut Vec<ElectorEvent>) {
        if self.observed.holder_identity != self.reported_leader {
            self.reported_leader = self.observed.holder_identity.clone();
            events.push(ElectorEvent {
                at_us,
                kind: ElectorEventKind::NewLeaderObserved {
                    holder: self.reported_leader.clone(),
                },
            });
        }
    }

    /// `wait.Jitter(RetryPeriod, 1.2)`: `RetryPeriod + U[0,1) × 1.2 × RetryPeriod`.
    fn jittered_retry_period(&mut self) -> u64 {
        let unit = (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let period = self.config.retry_period_us;
        period.saturating_add((unit * JITTER_FACTOR * period as f64) as u64)
    }
}
