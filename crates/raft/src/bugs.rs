//! The "break it" switches: named, off-by-default deviations from Raft that show
//! students what each rule protects. Each one has a real effect in the core.

use serde::{Deserialize, Serialize};

/// One named deviation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bug {
    /// Commit an entry of an older term once it is on a majority (ignores §5.4.2 /
    /// Figure 8); also skips the current-term check on followers' commit hints.
    CommitOldTerm,
    /// Grant votes without the "candidate's log is at least as up to date" check (§5.4.1).
    VoteWithoutLogCheck,
    /// Forget the vote on restart: `Node::new` ignores the persisted vote.
    ForgetVoteOnRestart,
    /// Every election timeout equals the minimum: split votes repeat forever.
    NoTimeoutRandomization,
    /// The leader answers reads from its local commit index at once, without
    /// ReadIndex confirmation or a lease: a deposed leader serves stale data.
    StaleLocalReads,
}

impl Bug {
    /// Every switch, in a stable order.
    pub const ALL: [Bug; 5] = [
        Bug::CommitOldTerm,
        Bug::VoteWithoutLogCheck,
        Bug::ForgetVoteOnRestart,
        Bug::NoTimeoutRandomization,
        Bug::StaleLocalReads,
    ];

    /// Stable snake_case name, usable as a CLI flag value.
    pub fn name(self) -> &'static str {
        match self {
            Bug::CommitOldTerm => "commit_old_term",
            Bug::VoteWithoutLogCheck => "vote_without_log_check",
            Bug::ForgetVoteOnRestart => "forget_vote_on_restart",
            Bug::NoTimeoutRandomization => "no_timeout_randomization",
            Bug::StaleLocalReads => "stale_local_reads",
        }
    }

    /// Inverse of [`Bug::name`].
    pub fn from_name(name: &str) -> Option<Bug> {
        Bug::ALL.into_iter().find(|b| b.name() == name)
    }
}

/// The set of switches a node runs with. All false by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bugs {
    pub commit_old_term: bool,
    pub vote_without_log_check: bool,
    pub forget_vote_on_restart: bool,
    pub no_timeout_randomization: bool,
    pub stale_local_reads: bool,
}

crate::record!(Bugs {
    commit_old_term,
    vote_without_log_check,
    forget_vote_on_restart,
    no_timeout_randomization,
    stale_local_reads,
});

impl Bugs {
    /// No deviation at all.
    pub fn none() -> Bugs {
        Bugs::default()
    }

    /// Exactly one switch on.
    pub fn only(bug: Bug) -> Bugs {
        let mut b = Bugs::default();
        b.set(bug, true);
        b
    }

    pub fn is_on(&self, bug: Bug) -> bool {
        match bug {
            Bug::CommitOldTerm => self.commit_old_term,
            Bug::VoteWithoutLogCheck => self.vote_without_log_check,
            Bug::ForgetVoteOnRestart => self.forget_vote_on_restart,
            Bug::NoTimeoutRandomization => self.no_timeout_randomization,
            Bug::StaleLocalReads => self.stale_local_reads,
        }
    }

    pub fn set(&mut self, bug: Bug, on: bool) {
        let slot = match bug {
            Bug::CommitOldTerm => &mut self.commit_old_term,
            Bug::VoteWithoutLogCheck => &mut self.vote_without_log_check,
            Bug::ForgetVoteOnRestart => &mut self.forget_vote_on_restart,
            Bug::NoTimeoutRandomization => &mut self.no_timeout_randomization,
            Bug::StaleLocalReads => &mut self.stale_local_reads,
        };
        *slot = on;
    }

    /// The switches that are on, in [`Bug::ALL`] order.
    pub fn enabled(&self) -> Vec<Bug> {
        Bug::ALL.into_iter().filter(|b| self.is_on(*b)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for b in Bug::ALL {
            assert_eq!(Bug::from_name(b.name()), Some(b));
            assert!(Bugs::only(b).is_on(b));
            assert_eq!(Bugs::only(b).enabled(), vec![b]);
        }
        assert_eq!(Bug::from_name("nope"), None);
        assert!(Bugs::default().enabled().is_empty());
    }
}
