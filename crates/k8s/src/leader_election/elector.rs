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
//! A try's store calls are applied at the moment the try starts (in host order); the
//! candidate learns the results and changes phase when their latencies have elapsed.

use super::config::{ConfigError, LeaderElectionConfig, JITTER_FACTOR, SECOND_US};
use super::lease::{Lease, LeaseKey, LeaseSpec};
use super::store::{LeaseStore, Reply, StoreError};
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

/// The part of a candidate's state a try changes; applied when the try completes.
#[derive(Clone, Debug)]
struct Scratch {
    observed: LeaseSpec,
    observed_time_us: u64,
    cached: Option<Lease>,
    elapsed_us: u64,
    events: Vec<ElectorEvent>,
}

#[derive(Clone, Debug)]
struct InFlight {
    started_us: u64,
    done_us: u64,
    success: bool,
    scratch: Scratch,
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
    cached: Option<Lease>,
    reported_leader: String,
    phase: Phase,
    next_wake_us: Option<u64>,
    in_flight: Option<InFlight>,
}

impl Elector {
    /// A candidate that makes its first attempt at `start_us`. Fails like client-go's
    /// `NewLeaderElector` on an invalid configuration.
    pub fn new(
        identity: &str,
        key: LeaseKey,
        config: LeaderElectionConfig,
        seed: u64,
        start_us: u64,
    ) -> Result<Self, ConfigError> {
        config.validate()?;
        Ok(Self {
            identity: identity.to_string(),
            key,
            config,
            rng: Pcg32::seed_from_u64(seed),
            observed: LeaseSpec::default(),
            observed_time_us: 0,
            cached: None,
            reported_leader: String::new(),
            phase: Phase::Standby,
            next_wake_us: Some(start_us),
            in_flight: None,
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
            request_in_flight: self.in_flight.is_some(),
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

    /// The process dies: no release, no more calls. A request in flight may still
    /// have been applied by the store.
    pub fn crash(&mut self, now_us: u64) -> Vec<ElectorEvent> {
        self.stop(now_us, StopReason::Crashed)
    }

    /// A graceful stop; with `release_on_cancel`, a leader empties the holder first
    /// (client-go's `release()`: leaseDurationSeconds 1, times set to now).
    pub fn cancel(&mut self, now_us: u64, store: &mut dyn LeaseStore) -> Vec<ElectorEvent> {
        if self.config.release_on_cancel && self.is_leader() {
            if let Some(mut lease) = self.cached.clone() {
                lease.spec = LeaseSpec {
                    holder_identity: String::new(),
                    lease_duration_seconds: 1,
                    acquire_time_us: now_us,
                    renew_time_us: now_us,
                    lease_transitions: self.observed.lease_transitions,
                };
                if store.update(now_us, &lease).result.is_ok() {
                    self.observed = lease.spec;
                    self.observed_time_us = now_us;
                }
            }
        }
        self.stop(now_us, StopReason::Cancelled)
    }

    fn stop(&mut self, now_us: u64, reason: StopReason) -> Vec<ElectorEvent> {
        if matches!(self.phase, Phase::Stopped(_)) {
            return Vec::new();
        }
        let was_leading = self.is_acting_leader();
        self.phase = Phase::Stopped(reason);
        self.next_wake_us = None;
        self.in_flight = None;
        vec![ElectorEvent {
            at_us: now_us,
            kind: ElectorEventKind::Stopped {
                reason,
                was_leading,
            },
        }]
    }

    fn step(&mut self, now_us: u64, store: &mut dyn LeaseStore, events: &mut Vec<ElectorEvent>) {
        if let Some(done) = self.in_flight.take() {
            self.finish(done, events);
            return;
        }
        match self.phase {
            Phase::Standby => self.start_attempt(now_us, None, store, events),
            Phase::Leading { deadline_us, .. } if now_us >= deadline_us => {
                events.extend(self.stop(deadline_us, StopReason::RenewDeadlineExceeded));
            }
            Phase::Leading { deadline_us, .. } => {
                self.start_attempt(now_us, Some(deadline_us), store, events)
            }
            Phase::Stopped(_) => self.next_wake_us = None,
        }
    }

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
        let mut scratch = Scratch {
            observed: self.observed.clone(),
            observed_time_us: self.observed_time_us,
            cached: self.cached.clone(),
            elapsed_us: 0,
            events: Vec::new(),
        };
        let success = self.try_acquire_or_renew(now_us, deadline_us, store, &mut scratch);
        let done_us = now_us.saturating_add(scratch.elapsed_us);
        self.in_flight = Some(InFlight {
            started_us: now_us,
            done_us,
            success,
            scratch,
        });
        self.next_wake_us = Some(done_us);
    }

    /// client-go's `tryAcquireOrRenew`, step by step, against `scratch`.
    fn try_acquire_or_renew(
        &self,
        now_us: u64,
        deadline_us: Option<u64>,
        store: &mut dyn LeaseStore,
        s: &mut Scratch,
    ) -> bool {
        let mut record = LeaseSpec {
            holder_identity: self.identity.clone(),
            lease_duration_seconds: self.config.lease_duration_seconds(),
            acquire_time_us: now_us,
            renew_time_us: now_us,
            lease_transitions: 0,
        };
        let is_leader = |s: &Scratch| s.observed.holder_identity == self.identity;
        let is_valid = |s: &Scratch| {
            let duration = u64::from(s.observed.lease_duration_seconds) * SECOND_US;
            s.observed_time_us.saturating_add(duration) > now_us
        };

        // 1. Fast path: the leader updates its cached object optimistically.
        if is_leader(s) && is_valid(s) {
            if let Some(mut lease) = s.cached.clone() {
                record.acquire_time_us = s.observed.acquire_time_us;
                record.lease_transitions = s.observed.lease_transitions;
                lease.spec = record.clone();
                match call(now_us, deadline_us, s, LeaseOp::Update, |at| {
                    store.update(at, &lease)
                }) {
                    Ok(updated) => {
                        set_observed(s, now_us, record, Some(updated));
                        return true;
                    }
                    Err(StoreError::ContextDeadlineExceeded) => return false,
                    Err(_) => {} // fall back to the slow path
                }
            }
        }

        // 2. Get the record, or create it.
        let current = match call(now_us, deadline_us, s, LeaseOp::Get, |at| {
            store.get(at, &self.key)
        }) {
            Ok(lease) => lease,
            Err(StoreError::NotFound) => {
                let lease = Lease {
                    key: self.key.clone(),
                    resource_version: 0,
                    creation_time_us: now_us,
                    spec: record.clone(),
                };
                return match call(now_us, deadline_us, s, LeaseOp::Create, |at| {
                    store.create(at, &lease)
                }) {
                    Ok(created) => {
                        set_observed(s, now_us, record, Some(created));
                        true
                    }
                    Err(_) => false,
                };
            }
            Err(_) => return false,
        };

        // 3. The observed-time rule: only a change of the record restarts the clock.
        if current.spec != s.observed {
            s.observed = current.spec.clone();
            s.observed_time_us = now_us.saturating_add(s.elapsed_us);
            s.events.push(ElectorEvent {
                at_us: s.observed_time_us,
                kind: ElectorEventKind::ObservedChange {
                    holder: current.spec.holder_identity.clone(),
                    renew_time_us: current.spec.renew_time_us,
                    transitions: current.spec.lease_transitions,
                },
            });
        }
        s.cached = Some(current.clone());
        if !current.spec.holder_identity.is_empty() && is_valid(s) && !is_leader(s) {
            let duration = u64::from(s.observed.lease_duration_seconds) * SECOND_US;
            s.events.push(ElectorEvent {
                at_us: now_us.saturating_add(s.elapsed_us),
                kind: ElectorEventKind::HeldByOther {
                    holder: current.spec.holder_identity.clone(),
                    expires_at_us: s.observed_time_us.saturating_add(duration),
                },
            });
            return false;
        }

        // 4. Take over (or renew on the slow path).
        if is_leader(s) {
            record.acquire_time_us = current.spec.acquire_time_us;
            record.lease_transitions = current.spec.lease_transitions;
        } else {
            record.lease_transitions = current.spec.lease_transitions.saturating_add(1);
        }
        let mut lease = current;
        lease.spec = record.clone();
        match call(now_us, deadline_us, s, LeaseOp::Update, |at| {
            store.update(at, &lease)
        }) {
            Ok(updated) => {
                set_observed(s, now_us, record, Some(updated));
                true
            }
            Err(_) => false,
        }
    }

    /// The try's results become visible: apply them and schedule the next step.
    fn finish(&mut self, done: InFlight, events: &mut Vec<ElectorEvent>) {
        let was_holder = self.is_leader();
        self.observed = done.scratch.observed;
        self.observed_time_us = done.scratch.observed_time_us;
        self.cached = done.scratch.cached;
        events.extend(done.scratch.events);
        self.report_transition(done.done_us, events);
        let at_us = done.done_us;
        match self.phase {
            Phase::Standby if done.success => {
                let transitions = self.observed.lease_transitions;
                if !was_holder {
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
            Phase::Leading { .. } if done.success => {
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
                let next = done
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

/// Make one store call at the try's current instant, honouring the renew deadline:
/// a call still running at the deadline is abandoned there (its effect may remain).
fn call(
    now_us: u64,
    deadline_us: Option<u64>,
    s: &mut Scratch,
    op: LeaseOp,
    f: impl FnOnce(u64) -> Reply<Lease>,
) -> Result<Lease, StoreError> {
    let at = now_us.saturating_add(s.elapsed_us);
    let result = match deadline_us {
        Some(deadline) if at >= deadline => Err(StoreError::ContextDeadlineExceeded),
        _ => {
            let reply = f(at);
            let end = at.saturating_add(reply.latency_us);
            match deadline_us {
                Some(deadline) if end > deadline => {
                    s.elapsed_us = deadline.saturating_sub(now_us);
                    Err(StoreError::ContextDeadlineExceeded)
                }
                _ => {
                    s.elapsed_us = s.elapsed_us.saturating_add(reply.latency_us);
                    reply.result
                }
            }
        }
    };
    if let Err(error) = &result {
        if *error != StoreError::NotFound {
            s.events.push(ElectorEvent {
                at_us: now_us.saturating_add(s.elapsed_us),
                kind: ElectorEventKind::CallFailed {
                    op,
                    error: error.clone(),
                },
            });
        }
    }
    result
}

/// `setObservedRecord` after a successful write: the observed time is when the
/// write's answer arrived.
fn set_observed(s: &mut Scratch, now_us: u64, record: LeaseSpec, lease: Option<Lease>) {
    s.observed = record;
    s.observed_time_us = now_us.saturating_add(s.elapsed_us);
    if lease.is_some() {
        s.cached = lease;
    }
}
