//! What an action points at: Raft servers in the lab, hosts and components in the HA view.

use serde::Serialize;

/// The two control-plane components that elect an active instance through a Lease.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Elected {
    ControllerManager,
    Scheduler,
}

impl Elected {
    pub fn name(self) -> &'static str {
        match self {
            Elected::ControllerManager => "kube-controller-manager",
            Elected::Scheduler => "kube-scheduler",
        }
    }

    pub fn from_name(name: &str) -> Option<Elected> {
        [Elected::ControllerManager, Elected::Scheduler]
            .into_iter()
            .find(|e| e.name() == name)
    }
}

/// Servers are numbered from 1, as the page shows them (S1…S9, cp1…, etcd1…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "target", content = "n")]
pub enum Target {
    /// The current Raft/etcd leader.
    Leader,
    /// One follower (the page picks the lowest-numbered one, deterministically).
    Follower,
    /// Every server (for `restart all`).
    All,
    /// Raft server `S<n>` in the lab (1..=9).
    Server(u8),
    /// Control-plane node `cp<n>` (1..=7).
    ControlPlane(u8),
    /// External etcd host `etcd<n>` (1..=7), or the stacked member on cp<n>.
    EtcdMember(u8),
    /// Worker node `worker<n>` (1..=9).
    Worker(u8),
    /// The API servers' load balancer.
    LoadBalancer,
    /// Zone `zone<n>` (1..=3), for partitions in the HA view.
    Zone(u8),
    /// The instance currently holding the Lease (`active kube-controller-manager`).
    Active(Elected),
}

impl Target {
    /// Parses one word (`active` is handled by the caller, it takes two).
    pub fn from_word(word: &str) -> Option<Target> {
        match word {
            "leader" => return Some(Target::Leader),
            "follower" => return Some(Target::Follower),
            "all" => return Some(Target::All),
            "lb" => return Some(Target::LoadBalancer),
            _ => {}
        }
        type Make = fn(u8) -> Target;
        let numbered: [(&str, u8, Make); 5] = [
            ("S", 9, Target::Server),
            ("cp", 7, Target::ControlPlane),
            ("etcd", 7, Target::EtcdMember),
            ("worker", 9, Target::Worker),
            ("zone", 3, Target::Zone),
        ];
        numbered.into_iter().find_map(|(prefix, max, make)| {
            let digits = word.strip_prefix(prefix)?;
            if digits.len() != 1 {
                return None;
            }
            let n: u8 = digits.parse().ok()?;
            (1..=max).contains(&n).then(|| make(n))
        })
    }

    /// The word as written in lesson files.
    pub fn word(self) -> String {
        match self {
            Target::Leader => "leader".into(),
            Target::Follower => "follower".into(),
            Target::All => "all".into(),
            Target::Server(n) => format!("S{n}"),
            Target::ControlPlane(n) => format!("cp{n}"),
            Target::EtcdMember(n) => format!("etcd{n}"),
            Target::Worker(n) => format!("worker{n}"),
            Target::LoadBalancer => "lb".into(),
            Target::Zone(n) => format!("zone{n}"),
            Target::Active(e) => format!("active {}", e.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for t in [
            Target::Leader,
            Target::Follower,
            Target::All,
            Target::Server(9),
            Target::ControlPlane(1),
            Target::EtcdMember(7),
            Target::Worker(2),
            Target::LoadBalancer,
            Target::Zone(3),
        ] {
            assert_eq!(Target::from_word(&t.word()), Some(t));
        }
        for bad in ["S0", "S10", "cp8", "zone4", "s1", "S", "S01", "etcd"] {
            assert_eq!(Target::from_word(bad), None, "{bad}");
        }
    }
}
