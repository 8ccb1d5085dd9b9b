//! The world a lesson asks for at a given step: the settings actions folded in order.
//!
//! How the page uses it: entering a step whose setup contains a setting action
//! ([`Action::is_setting`]) builds a fresh world from [`super::Lesson::settings_at`]
//! and then runs the step's other actions; a step without one continues the world as
//! the previous step left it. Jumping straight to a step uses
//! [`super::Lesson::jump_script`].

use super::vocab::{Action, EtcdTopology, Machines, Scenario};
use quorum_raft::{Bugs, Config};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// Raft servers / etcd members (the notes' three by default).
    pub nodes: u8,
    pub seed: u64,
    pub pre_vote: bool,
    pub check_quorum: bool,
    pub election_timeout_min_us: u64,
    pub election_timeout_max_us: u64,
    pub heartbeat_us: u64,
    pub bugs: Bugs,
    /// The HA view's topology: (etcd, control planes, etcd members, workers).
    pub topology: (EtcdTopology, u8, u8, u8),
    /// The terminal's machines.
    pub machines: Machines,
    /// A prepared scenario to load instead of a plain cluster.
    pub scenario: Option<Scenario>,
    /// kube-controller-manager / kube-scheduler lease flags, µs.
    pub lease_duration_us: u64,
    pub renew_deadline_us: u64,
    pub retry_period_us: u64,
}

impl Default for Settings {
    /// The raft crate's defaults; the notes' 3 nodes; kubeadm's stacked 3 control planes
    /// with 2 workers; the client-go lease defaults 15 s / 10 s / 2 s.
    fn default() -> Settings {
        let raft = Config::default();
        Settings {
            nodes: 3,
            seed: 1,
            pre_vote: raft.pre_vote,
            check_quorum: raft.check_quorum,
            election_timeout_min_us: raft.election_timeout_min_us,
            election_timeout_max_us: raft.election_timeout_max_us,
            heartbeat_us: raft.heartbeat_interval_us,
            bugs: raft.bugs,
            topology: (EtcdTopology::Stacked, 3, 3, 2),
            machines: Machines::Installed,
            scenario: None,
            lease_duration_us: 15_000_000,
            renew_deadline_us: 10_000_000,
            retry_period_us: 2_000_000,
        }
    }
}

impl Settings {
    /// Applies one setting action; script and page actions change nothing here.
    pub fn apply(&mut self, action: &Action) {
        match action {
            Action::Nodes { n } => {
                self.nodes = *n;
                self.scenario = None;
            }
            Action::Seed { seed } => self.seed = *seed,
            Action::PreVote { on } => self.pre_vote = *on,
            Action::CheckQuorum { on } => self.check_quorum = *on,
            Action::ElectionTimeout { min_us, max_us } => {
                self.election_timeout_min_us = *min_us;
                self.election_timeout_max_us = *max_us;
            }
            Action::Heartbeat { us } => self.heartbeat_us = *us,
            Action::Bug { bug } => self.bugs.set(*bug, true),
            Action::NoBugs => self.bugs = Bugs::none(),
            Action::Topology {
                etcd,
                control_planes,
                etcd_members,
                workers,
            } => self.topology = (*etcd, *control_planes, *etcd_members, *workers),
            Action::Lease {
                duration_us,
                renew_deadline_us,
                retry_period_us,
            } => {
                self.lease_duration_us = *duration_us;
                self.renew_deadline_us = *renew_deadline_us;
                self.retry_period_us = *retry_period_us;
            }
            Action::Machines { machines } => self.machines = *machines,
            Action::Scenario { scenario } => self.scenario = Some(*scenario),
            _ => {}
        }
    }

    /// A Raft node configuration with these settings over the raft crate's defaults.
    pub fn raft_config(&self) -> Config {
        Config {
            election_timeout_min_us: self.election_timeout_min_us,
            election_timeout_max_us: self.election_timeout_max_us,
            heartbeat_interval_us: self.heartbeat_us,
            pre_vote: self.pre_vote,
            check_quorum: self.check_quorum,
            bugs: self.bugs,
            ..Config::default()
        }
    }
}
