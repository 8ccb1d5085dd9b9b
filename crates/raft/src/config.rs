//! Node configuration. Times are in microseconds of virtual time.

use crate::bugs::Bugs;
use serde::{Deserialize, Serialize};

/// How the leader makes a read linearizable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadMode {
    /// Confirm leadership with a round of heartbeats (thesis §6.4).
    ReadIndex,
    /// Rely on a lease: the leader heard from a quorum within the minimum election
    /// timeout (thesis §6.4.1). Requires `check_quorum`, which keeps voters from
    /// electing someone else inside the lease.
    LeaseBased,
}

/// Everything a node needs to know besides its id and persisted state.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The randomized election timeout is uniform in `[min, max]` (inclusive).
    /// `min == max` means no randomization.
    pub election_timeout_min_us: u64,
    pub election_timeout_max_us: u64,
    /// How often a leader sends heartbeats. Must be below `election_timeout_min_us`.
    pub heartbeat_interval_us: u64,
    /// Thesis §9.6: ask "would you vote for me?" before raising the term.
    pub pre_vote: bool,
    /// Leader steps down without a quorum of responses for an election timeout;
    /// followers with a live leader ignore vote requests.
    pub check_quorum: bool,
    pub read_mode: ReadMode,
    /// Max AppendEntries messages in flight to one follower in Replicate state.
    pub max_inflight: usize,
    /// Max entries batched into one AppendEntries message.
    pub max_entries_per_msg: usize,
    /// Teaching switches (all off by default).
    pub bugs: Bugs,
}

crate::record!(Config {
    election_timeout_min_us,
    election_timeout_max_us,
    heartbeat_interval_us,
    pre_vote,
    check_quorum,
    read_mode,
    max_inflight,
    max_entries_per_msg,
    bugs,
});

impl Default for Config {
    fn default() -> Config {
        Config {
            election_timeout_min_us: 150_000,
            election_timeout_max_us: 300_000,
            heartbeat_interval_us: 50_000,
            pre_vote: true,
            check_quorum: true,
            read_mode: ReadMode::ReadIndex,
            max_inflight: 256,
            max_entries_per_msg: 64,
            bugs: Bugs::default(),
        }
    }
}

/// Why a [`Config`] is unusable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum ConfigError {
    ElectionTimeoutZero,
    ElectionTimeoutRangeInverted {
        min_us: u64,
        max_us: u64,
    },
    HeartbeatZero,
    HeartbeatNotBelowElectionTimeout {
        heartbeat_us: u64,
        election_min_us: u64,
    },
    MaxInflightZero,
    MaxEntriesPerMsgZero,
    LeaseReadsNeedCheckQuorum,
    InvalidNodeId,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Checks that the configuration can run.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.election_timeout_min_us == 0 {
            return Err(ConfigError::ElectionTimeoutZero);
        }
        if self.election_timeout_max_us < self.election_timeout_min_us {
            return Err(ConfigError::ElectionTimeoutRangeInverted {
                min_us: self.election_timeout_min_us,
                max_us: self.election_timeout_max_us,
            });
        }
        if self.heartbeat_interval_us == 0 {
            return Err(ConfigError::HeartbeatZero);
        }
        if self.heartbeat_interval_us >= self.election_timeout_min_us {
            return Err(ConfigError::HeartbeatNotBelowElectionTimeout {
                heartbeat_us: self.heartbeat_interval_us,
                election_min_us: self.election_timeout_min_us,
            });
        }
        if self.max_inflight == 0 {
            return Err(ConfigError::MaxInflightZero);
        }
        if self.max_entries_per_msg == 0 {
            return Err(ConfigError::MaxEntriesPerMsgZero);
        }
        if self.read_mode == ReadMode::LeaseBased && !self.check_quorum {
            return Err(ConfigError::LeaseReadsNeedCheckQuorum);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_valid_and_errors_are_structured() {
        assert_eq!(Config::default().validate(), Ok(()));
        let c = Config {
            election_timeout_max_us: 1,
            ..Config::default()
        };
        assert!(matches!(
            c.validate(),
            Err(ConfigError::ElectionTimeoutRangeInverted { .. })
        ));
        let c = Config {
            heartbeat_interval_us: 150_000,
            ..Config::default()
        };
        assert!(matches!(
            c.validate(),
            Err(ConfigError::HeartbeatNotBelowElectionTimeout { .. })
        ));
        let c = Config {
            read_mode: ReadMode::LeaseBased,
            check_quorum: false,
            ..Config::default()
        };
        assert_eq!(c.validate(), Err(ConfigError::LeaseReadsNeedCheckQuorum));
    }
}
