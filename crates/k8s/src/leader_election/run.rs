//! Several candidates competing for one Lease over one store: the leader-election
//! timeline view, the failover experiment and the tests drive this.

use super::config::{ConfigError, LeaderElectionConfig};
use super::elector::{Elector, ElectorEvent, ElectorEventKind, ElectorView};
use super::lease::LeaseKey;
use super::store::LeaseStore;
use serde::Serialize;

/// One event of one candidate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub candidate: usize,
    pub event: ElectorEvent,
}

/// A stretch of time during which a candidate acted as leader (its controllers ran).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LeadershipInterval {
    pub candidate: usize,
    pub from_us: u64,
    /// `None` while it still leads.
    pub to_us: Option<u64>,
}

/// Candidates, a store and a clock. Steps are taken in time order; candidates due at
/// the same instant go in index order.
pub struct Election<S: LeaseStore> {
    pub store: S,
    key: LeaseKey,
    config: LeaderElectionConfig,
    seed: u64,
    electors: Vec<Elector>,
    now_us: u64,
    timeline: Vec<TimelineEntry>,
    intervals: Vec<LeadershipInterval>,
}

impl<S: LeaseStore> Election<S> {
    /// An election for `key`; fails on an invalid configuration (client-go's rule).
    pub fn new(
        store: S,
        key: LeaseKey,
        config: LeaderElectionConfig,
        seed: u64,
    ) -> Result<Self, ConfigError> {
        config.validate()?;
        Ok(Self {
            store,
            key,
            config,
            seed,
            electors: Vec::new(),
            now_us: 0,
            timeline: Vec::new(),
            intervals: Vec::new(),
        })
    }

    /// Start a candidate whose first attempt is at `start_us`; returns its index.
    pub fn add_candidate(&mut self, identity: &str, start_us: u64) -> usize {
        let index = self.electors.len();
        let seed = self
            .seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(index as u64 + 1);
        // The configuration was validated in `new`: only an empty identity (client-go:
        // "Lock identity is empty") fails here, and then no candidate is added.
        if let Ok(elector) = Elector::new(identity, self.key.clone(), self.config, seed, start_us) {
            self.electors.push(elector);
        }
        index
    }

    pub fn now_us(&self) -> u64 {
        self.now_us
    }

    pub fn config(&self) -> &LeaderElectionConfig {
        &self.config
    }

    pub fn candidates(&self) -> &[Elector] {
        &self.electors
    }

    pub fn views(&self) -> Vec<ElectorView> {
        self.electors.iter().map(Elector::view).collect()
    }

    pub fn timeline(&self) -> &[TimelineEntry] {
        &self.timeline
    }

    pub fn leadership_intervals(&self) -> &[LeadershipInterval] {
        &self.intervals
    }

    /// Candidates acting as leader now.
    pub fn acting_leaders(&self) -> Vec<usize> {
        (0..self.electors.len())
            .filter(|&i| self.electors[i].is_acting_leader())
            .collect()
    }

    /// The earliest pending step of any candidate.
    pub fn next_event_us(&self) -> Option<u64> {
        self.electors.iter().filter_map(Elector::next_wake_us).min()
    }

    /// Advance the clock to `until_us`, running every step due on the way.
    pub fn run_until(&mut self, until_us: u64) {
        while let Some((index, wake)) = self.next_due(until_us) {
            self.now_us = self.now_us.max(wake);
            self.store.set_caller(index);
            let events = self.electors[index].tick(wake, &mut self.store);
            self.record(index, events);
        }
        self.now_us = self.now_us.max(until_us);
    }

    /// Run until `stop` says so after some step, or until `until_us`. Returns whether
    /// `stop` fired.
    pub fn run_until_condition(
        &mut self,
        until_us: u64,
        mut stop: impl FnMut(&Self, &[TimelineEntry]) -> bool,
    ) -> bool {
        while let Some((index, wake)) = self.next_due(until_us) {
            self.now_us = self.now_us.max(wake);
            self.store.set_caller(index);
            let events = self.electors[index].tick(wake, &mut self.store);
            let first_new = self.timeline.len();
            self.record(index, events);
            if stop(self, &self.timeline[first_new..]) {
                return true;
            }
        }
        self.now_us = self.now_us.max(until_us);
        false
    }

    /// Kill candidate `index` now (no release).
    pub fn crash(&mut self, index: usize) {
        let now = self.now_us;
        if let Some(elector) = self.electors.get_mut(index) {
            let events = elector.crash(now);
            self.record(index, events);
        }
    }

    /// Stop candidate `index` gracefully now.
    pub fn cancel(&mut self, index: usize) {
        let now = self.now_us;
        if let Some(elector) = self.electors.get_mut(index) {
            self.store.set_caller(index);
            let events = elector.cancel(now, &mut self.store);
            self.record(index, events);
        }
    }

    fn next_due(&self, until_us: u64) -> Option<(usize, u64)> {
        self.electors
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.next_wake_us().map(|w| (i, w)))
            .filter(|&(_, w)| w <= until_us)
            .min_by_key(|&(i, w)| (w, i))
    }

    fn record(&mut self, candidate: usize, events: Vec<ElectorEvent>) {
        for event in events {
            match event.kind {
                ElectorEventKind::StartedLeading => self.intervals.push(LeadershipInterval {
                    candidate,
                    from_us: event.at_us,
                    to_us: None,
                }),
                ElectorEventKind::Stopped {
                    was_leading: true, ..
                } => {
                    if let Some(open) = self
                        .intervals
                        .iter_mut()
                        .rev()
                        .find(|iv| iv.candidate == candidate && iv.to_us.is_none())
                    {
                        open.to_us = Some(event.at_us);
                    }
                }
                _ => {}
            }
            self.timeline.push(TimelineEntry { candidate, event });
        }
    }
}

/// The longest time two candidates can both act as leader, by client-go's semantics,
/// with one clock rate for everyone and store calls taking at most `max_latency_us`.
///
/// Why: the old leader's last successful renewal was written at some instant `w`; its
/// next renew poll starts `RetryPeriod` after that write's answer (at most
/// `w + latency + RetryPeriod`) and it gives up `RenewDeadline` later. A standby can
/// only have observed that record at or after `w`, and takes over no earlier than
/// `leaseDurationSeconds` after its observation. So the overlap is at most
/// `latency + RetryPeriod + RenewDeadline − leaseDurationSeconds`, and none at all with
/// the defaults (2 + 10 < 15). client-go's own validation (`lease > renew > 1.2 ×
/// retry`) does NOT exclude an overlap (e.g. 11 s / 10 s / 2 s), and nothing fences a
/// deposed leader: client-go documents that it "does not guarantee that only one
/// client is acting as a leader".
pub fn max_dual_leadership_us(config: &LeaderElectionConfig, max_latency_us: u64) -> u64 {
    let lease_us = u64::from(config.lease_duration_seconds()) * super::config::SECOND_US;
    max_latency_us
        .saturating_add(config.retry_period_us)
        .saturating_add(config.renew_deadline_us)
        .saturating_sub(lease_us)
}

/// The longest overlap between leadership intervals of different candidates, with
/// open intervals closed at `now_us`.
pub fn longest_overlap_us(intervals: &[LeadershipInterval], now_us: u64) -> u64 {
    let mut longest = 0;
    for (i, a) in intervals.iter().enumerate() {
        for b in &intervals[i + 1..] {
            if a.candidate == b.candidate {
                continue;
            }
            let start = a.from_us.max(b.from_us);
            let end = a.to_us.unwrap_or(now_us).min(b.to_us.unwrap_or(now_us));
            longest = longest.max(end.saturating_sub(start));
        }
    }
    longest
}
