//! `LeaderElectionConfig` and its validation, with client-go's exact rule and messages.

use serde::Serialize;

/// One second in the model's time unit (µs).
pub const SECOND_US: u64 = 1_000_000;

/// client-go's `JitterFactor`: standbys wait `RetryPeriod × (1 + U[0,1) × 1.2)`, and the
/// renew deadline must exceed `RetryPeriod × 1.2`.
pub const JITTER_FACTOR: f64 = 1.2;

/// The timing of a leader election, in µs. Defaults are the flags of
/// kube-controller-manager and kube-scheduler:
/// `--leader-elect-lease-duration=15s --leader-elect-renew-deadline=10s
/// --leader-elect-retry-period=2s`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LeaderElectionConfig {
    /// How long a standby waits, from its own last observation of a change to the
    /// lease, before it may take the lease over.
    pub lease_duration_us: u64,
    /// How long the leader keeps retrying a failed renewal before it gives up.
    pub renew_deadline_us: u64,
    /// The pause between attempts (jittered up to 1.2× more for standbys).
    pub retry_period_us: u64,
    /// Release the lease (empty holder) on a graceful stop. kube-controller-manager
    /// leaves this off; a crash never releases anything.
    pub release_on_cancel: bool,
}

impl Default for LeaderElectionConfig {
    fn default() -> Self {
        Self {
            lease_duration_us: 15 * SECOND_US,
            renew_deadline_us: 10 * SECOND_US,
            retry_period_us: 2 * SECOND_US,
            release_on_cancel: false,
        }
    }
}

/// Why `NewLeaderElector` refuses a configuration. Checked in client-go's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ConfigError {
    LeaseDurationNotGreaterThanRenewDeadline,
    RenewDeadlineNotGreaterThanRetryPeriodTimesJitter,
    LeaseDurationNotPositive,
    RenewDeadlineNotPositive,
    RetryPeriodNotPositive,
    /// The candidate's identity (the lock's `Identity()`) is empty.
    EmptyIdentity,
}

impl ConfigError {
    /// The error text of client-go's `NewLeaderElector` (English in real life too).
    pub fn client_go_message(self) -> &'static str {
        match self {
            Self::LeaseDurationNotGreaterThanRenewDeadline => {
                "leaseDuration must be greater than renewDeadline"
            }
            Self::RenewDeadlineNotGreaterThanRetryPeriodTimesJitter => {
                "renewDeadline must be greater than retryPeriod*JitterFactor"
            }
            Self::LeaseDurationNotPositive => "leaseDuration must be greater than zero",
            Self::RenewDeadlineNotPositive => "renewDeadline must be greater than zero",
            Self::RetryPeriodNotPositive => "retryPeriod must be greater than zero",
            Self::EmptyIdentity => "Lock identity is empty",
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.client_go_message())
    }
}

impl std::error::Error for ConfigError {}

impl LeaderElectionConfig {
    /// client-go's checks, in its order: `leaseDuration > renewDeadline`, then
    /// `renewDeadline > time.Duration(1.2 × retryPeriod)` (the product truncated to
    /// whole nanoseconds, as Go does), then each one positive.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.lease_duration_us <= self.renew_deadline_us {
            return Err(ConfigError::LeaseDurationNotGreaterThanRenewDeadline);
        }
        let retry_ns = u128::from(self.retry_period_us) * 1000;
        let jittered_ns = (JITTER_FACTOR * retry_ns as f64) as u128;
        if u128::from(self.renew_deadline_us) * 1000 <= jittered_ns {
            return Err(ConfigError::RenewDeadlineNotGreaterThanRetryPeriodTimesJitter);
        }
        if self.lease_duration_us == 0 {
            return Err(ConfigError::LeaseDurationNotPositive);
        }
        if self.renew_deadline_us == 0 {
            return Err(ConfigError::RenewDeadlineNotPositive);
        }
        if self.retry_period_us == 0 {
            return Err(ConfigError::RetryPeriodNotPositive);
        }
        Ok(())
    }

    /// `leaseDurationSeconds` as client-go writes it: `int(LeaseDuration / time.Second)`,
    /// truncated to whole seconds.
    pub fn lease_duration_seconds(&self) -> u32 {
        u32::try_from(self.lease_duration_us / SECOND_US).unwrap_or(u32::MAX)
    }

    /// The longest a standby sleeps between attempts: `RetryPeriod × (1 + 1.2)`.
    pub fn max_retry_wait_us(&self) -> u64 {
        self.retry_period_us
            .saturating_add((JITTER_FACTOR * self.retry_period_us as f64) as u64)
    }
}

/// Why a duration flag value could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum DurationError {
    Empty,
    Invalid { text: String },
    TooLarge { text: String },
}

impl std::fmt::Display for DurationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => f.write_str("invalid duration \"\""),
            Self::Invalid { text } => write!(f, "invalid duration \"{text}\""),
            Self::TooLarge { text } => write!(f, "duration \"{text}\" is too large"),
        }
    }
}

/// Parse a flag value the way Go's `time.ParseDuration` reads it (`15s`, `1.5s`, `500ms`,
/// `2m`, `1m30s`, `250us`), plus a bare number meaning seconds; exact to the microsecond.
pub fn parse_duration_us(text: &str) -> Result<u64, DurationError> {
    use quorum_sim::units::{parse_decimal, parse_go_duration};
    let text = text.trim();
    if text.is_empty() {
        return Err(DurationError::Empty);
    }
    let us = match parse_decimal(text, 6) {
        Some(us) => Some(us),
        None => match parse_go_duration(text) {
            // Nanoseconds to the nearest µs, half up; past u64 it is too large anyway (and
            // no 128-bit division reaches the page).
            Ok((false, ns)) => u64::try_from(ns)
                .ok()
                .map(|ns| ns / 1000 + u64::from(ns % 1000 >= 500)),
            _ => {
                return Err(DurationError::Invalid {
                    text: text.to_string(),
                })
            }
        },
    };
    match us {
        Some(us) if us <= MAX_DURATION_US => Ok(us),
        _ => Err(DurationError::TooLarge {
            text: text.to_string(),
        }),
    }
}

/// About 31 years: longer is surely a typo.
const MAX_DURATION_US: u64 = 1_000_000_000_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(ld: f64, rd: f64, rp: f64) -> LeaderElectionConfig {
        LeaderElectionConfig {
            lease_duration_us: (ld * 1e6) as u64,
            renew_deadline_us: (rd * 1e6) as u64,
            retry_period_us: (rp * 1e6) as u64,
            release_on_cancel: false,
        }
    }

    #[test]
    fn defaults_are_valid() {
        assert_eq!(LeaderElectionConfig::default().validate(), Ok(()));
        assert_eq!(LeaderElectionConfig::default().lease_duration_seconds(), 15);
        assert_eq!(
            LeaderElectionConfig::default().max_retry_wait_us(),
            4_400_000
        );
    }

    #[test]
    fn the_client_go_rule_and_messages() {
        let e = cfg(10.0, 10.0, 2.0).validate().unwrap_err();
        assert_eq!(
            e.to_string(),
            "leaseDuration must be greater than renewDeadline"
        );
        // 2.4 s is exactly 1.2 × 2 s: not greater.
        let e = cfg(15.0, 2.4, 2.0).validate().unwrap_err();
        assert_eq!(
            e.to_string(),
            "renewDeadline must be greater than retryPeriod*JitterFactor"
        );
        assert_eq!(cfg(15.0, 2.5, 2.0).validate(), Ok(()));
        // Zero everything trips the first rule first, as in client-go.
        assert_eq!(
            cfg(0.0, 0.0, 0.0).validate(),
            Err(ConfigError::LeaseDurationNotGreaterThanRenewDeadline)
        );
        assert_eq!(
            cfg(15.0, 10.0, 0.0).validate(),
            Err(ConfigError::RetryPeriodNotPositive)
        );
    }

    #[test]
    fn durations_parse_like_go_flags() {
        assert_eq!(parse_duration_us("15s"), Ok(15_000_000));
        assert_eq!(parse_duration_us("15"), Ok(15_000_000));
        assert_eq!(parse_duration_us("1.5s"), Ok(1_500_000));
        assert_eq!(parse_duration_us("500ms"), Ok(500_000));
        assert_eq!(parse_duration_us("1m30s"), Ok(90_000_000));
        assert!(parse_duration_us("").is_err());
        assert!(parse_duration_us("abc").is_err());
        assert!(parse_duration_us("-3").is_err());
        assert!(parse_duration_us("5x").is_err());
        assert!(parse_duration_us("1e300").is_err());
    }
}
