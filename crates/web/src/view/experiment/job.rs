//! A run of the §9.3 experiment over several timeout ranges, advanced a slice of simulator
//! events at a time so the page can spread it over animation frames (even one long trial). Every trial is the simulator's own
//! `election::trial` with the seed `election::trial_seed` gives, so a range's report is the one
//! `quorum experiment election --timeout MIN-MAX --trials N --seed S` prints.

use quorum_etcd::EtcdState;
use quorum_sim::election::{summarize, trial_seed, ElectionError, ElectionParams, Trial, TrialRun};

pub use quorum_sim::election::ElectionReport;

/// The most trials per range the page accepts (the CLI allows more; a browser tab should not).
pub const MAX_TRIALS: u32 = 10_000;

/// Why a job cannot start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobError {
    NoRanges,
    TooManyTrials,
    /// The simulator refused range number `range` (0-based).
    Range {
        range: usize,
        error: ElectionError,
    },
}

/// The experiment's parameters for one timeout range (µs); everything else is the paper's
/// setup as `ElectionParams::default()` has it, exactly as the CLI's defaults.
pub fn params(range: (u64, u64), trials: u32, seed: u64) -> ElectionParams {
    ElectionParams {
        timeout_min_us: range.0,
        timeout_max_us: range.1,
        trials: u64::from(trials),
        seed,
        ..ElectionParams::default()
    }
}

/// Checks one range as the simulator would, before anything runs.
pub fn check_range(range: (u64, u64), trials: u32, seed: u64) -> Result<(), ElectionError> {
    params(range, trials, seed).validate()
}

pub struct Job {
    params: Vec<ElectionParams>,
    /// Trials of the range in progress (`reports.len()` is its index).
    partial: Vec<Trial>,
    /// One report per finished range, in order.
    reports: Vec<ElectionReport>,
    /// The trial in progress, if one has started.
    /// On the etcd store the lab already carries (see `quorum_sim::election::trial_on`).
    current: Option<TrialRun<EtcdState>>,
}

impl Job {
    pub fn new(ranges: &[(u64, u64)], trials: u32, seed: u64) -> Result<Job, JobError> {
        if ranges.is_empty() {
            return Err(JobError::NoRanges);
        }
        if trials > MAX_TRIALS {
            return Err(JobError::TooManyTrials);
        }
        let params: Vec<ElectionParams> = ranges.iter().map(|&r| params(r, trials, seed)).collect();
        for (range, p) in params.iter().enumerate() {
            p.validate()
                .map_err(|error| JobError::Range { range, error })?;
        }
        Ok(Job {
            params,
            partial: Vec::new(),
            reports: Vec::new(),
            current: None,
        })
    }

    /// Runs the next trial to its end; returns true when it finished a range.
    pub fn step(&mut self) -> bool {
        while !self.finished() {
            if let Some(range_done) = self.step_events(u64::MAX) {
                return range_done;
            }
        }
        false
    }

    /// Runs at most `events` simulator events of the trial in progress (starting the next
    /// one if needed). `None` while that trial goes on; once it ends, whether it finished a
    /// range.
    pub fn step_events(&mut self, events: u64) -> Option<bool> {
        let p = self.params.get(self.reports.len())?;
        let index = self.partial.len() as u64;
        let run = self
            .current
            .get_or_insert_with(|| TrialRun::new(p, trial_seed(p.seed, index)));
        let t = run.advance(events)?;
        self.current = None;
        self.partial.push(t);
        if self.partial.len() as u64 >= p.trials {
            self.reports.push(summarize(&self.partial));
            self.partial.clear();
            return Some(true);
        }
        Some(false)
    }

    pub fn finished(&self) -> bool {
        self.reports.len() >= self.params.len()
    }

    pub fn ranges(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.params
            .iter()
            .map(|p| (p.timeout_min_us, p.timeout_max_us))
    }

    pub fn range_count(&self) -> usize {
        self.params.len()
    }

    pub fn reports(&self) -> &[ElectionReport] {
        &self.reports
    }

    /// The range in progress so far, for drawing its curve as it grows (None between ranges).
    pub fn partial_report(&self) -> Option<ElectionReport> {
        (!self.partial.is_empty()).then(|| summarize(&self.partial))
    }

    /// Trials per range.
    pub fn trials(&self) -> u64 {
        self.params.first().map_or(0, |p| p.trials)
    }

    /// Trials done in range `i`.
    pub fn done_in(&self, i: usize) -> u64 {
        match i.cmp(&self.reports.len()) {
            std::cmp::Ordering::Less => self.trials(),
            std::cmp::Ordering::Equal => self.partial.len() as u64,
            std::cmp::Ordering::Greater => 0,
        }
    }

    /// Trials done over all ranges.
    pub fn done(&self) -> u64 {
        (self.reports.len() as u64)
            .saturating_mul(self.trials())
            .saturating_add(self.partial.len() as u64)
    }

    pub fn total(&self) -> u64 {
        (self.params.len() as u64).saturating_mul(self.trials())
    }
}

/// Runs a whole job at once, through the same `Job::step` the page uses: the function the
/// benchmark hooks time (trials per second in wasm) and the native tests compare with the CLI.
/// Until `testhooks.rs` calls it, only the tests do.
#[allow(dead_code)]
pub fn run_blocking(
    ranges: &[(u64, u64)],
    trials: u32,
    seed: u64,
) -> Result<Vec<ElectionReport>, JobError> {
    let mut job = Job::new(ranges, trials, seed)?;
    while !job.finished() {
        job.step();
    }
    Ok(job.reports)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quorum_sim::election::run;

    #[test]
    fn a_job_reports_what_the_simulator_run_reports() {
        let ranges = [(12_000, 24_000), (25_000, 50_000)];
        let reports = run_blocking(&ranges, 8, 3).expect("valid");
        assert_eq!(reports.len(), 2);
        for (range, report) in ranges.iter().zip(&reports) {
            assert_eq!(run(&params(*range, 8, 3)).as_ref(), Ok(report));
        }
    }

    #[test]
    fn progress_counts_trials_per_range() {
        let mut job = Job::new(&[(12_000, 24_000), (12_000, 24_000)], 2, 1).expect("valid");
        assert_eq!((job.done(), job.total()), (0, 4));
        assert_eq!(job.partial_report(), None);
        assert!(!job.step());
        assert_eq!(job.partial_report().map(|r| r.trials), Some(1));
        assert!(job.step());
        assert_eq!((job.done_in(0), job.done_in(1), job.done()), (2, 0, 2));
        job.step();
        assert_eq!(job.done_in(1), 1);
        assert!(job.step() && job.finished());
        assert!(!job.step());
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert_eq!(Job::new(&[], 5, 1).err(), Some(JobError::NoRanges));
        assert_eq!(
            Job::new(&[(1, 1)], MAX_TRIALS + 1, 1).err(),
            Some(JobError::TooManyTrials)
        );
        assert_eq!(
            Job::new(&[(150_000, 300_000), (200, 100)], 5, 1).err(),
            Some(JobError::Range {
                range: 1,
                error: ElectionError::BadTimeout
            })
        );
        assert_eq!(
            Job::new(&[(150_000, 300_000)], 0, 1).err(),
            Some(JobError::Range {
                range: 0,
                error: ElectionError::NoTrials
            })
        );
    }

    #[test]
    fn small_slices_end_in_the_same_reports() {
        let ranges = [(150_000, 150_000), (12_000, 24_000)];
        let mut job = Job::new(&ranges, 2, 5).expect("valid");
        let mut calls = 0;
        while !job.finished() {
            job.step_events(500);
            calls += 1;
        }
        assert!(
            calls > 20,
            "a capped trial spans many slices ({calls} calls)"
        );
        assert_eq!(Ok(job.reports), run_blocking(&ranges, 2, 5));
    }
}
