//! Setup actions: what a step does to the world before the student acts.

use super::args::Args;
use super::target::{Elected, Target};
use super::tokens::Token;
use super::{syntax_of, VocabError, ACTIONS};
use crate::chooser::{Place, Purpose};
use crate::lesson::error::ErrorKind;
use crate::view::View;
use quorum_raft::Bug;
use serde::Serialize;

/// kubeadm's two HA topologies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EtcdTopology {
    Stacked,
    External,
}

/// The terminal's machines (the etcd crate's shell scenarios).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Machines {
    /// etcd 3.3.9 installed, configured and running on every machine.
    Installed,
    /// Fresh VMs with the certificates in the home directory and nothing installed.
    Fresh,
}

/// Prepared situations the simulator sets up exactly (they need message-level control
/// that plain actions cannot express).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "scenario", content = "stage")]
pub enum Scenario {
    /// The paper's Figure 8 on five servers, at stage (a)…(d).
    Figure8(char),
}

/// One scripted action. Times are µs of simulated time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Action {
    // World settings: a step with any of these starts from a fresh world (see `Settings`).
    /// Rebuild the world with the settings so far.
    Reset,
    Nodes {
        n: u8,
    },
    Seed {
        seed: u64,
    },
    PreVote {
        on: bool,
    },
    CheckQuorum {
        on: bool,
    },
    ElectionTimeout {
        min_us: u64,
        max_us: u64,
    },
    Heartbeat {
        us: u64,
    },
    /// Turn one of the raft crate's teaching switches on.
    Bug {
        bug: Bug,
    },
    /// Turn every switch off.
    NoBugs,
    Topology {
        etcd: EtcdTopology,
        control_planes: u8,
        etcd_members: u8,
        workers: u8,
    },
    /// Load a prepared scenario (rebuilds the world).
    Scenario {
        scenario: Scenario,
    },
    /// The terminal's machines: fresh (to install etcd) or installed.
    Machines {
        machines: Machines,
    },
    /// kube-controller-manager / kube-scheduler leader-election flags.
    Lease {
        duration_us: u64,
        renew_deadline_us: u64,
        retry_period_us: u64,
    },

    // Script: applied in order to the world.
    Stop {
        target: Target,
    },
    Restart {
        target: Target,
    },
    /// Cut `target` off from everyone else.
    Isolate {
        target: Target,
    },
    /// Split the network; anything not listed forms one more group.
    Partition {
        groups: Vec<Vec<Target>>,
    },
    Heal,
    /// A client writes `key = value` through the leader.
    Write {
        key: String,
        value: String,
    },
    /// Run until some server is leader.
    WaitLeader,
    /// Make this server's election timer fire now.
    Campaign {
        target: Target,
    },
    Advance {
        us: u64,
    },
    /// Membership change: add the next server (S<n+1>) as a voter, or as a learner.
    AddServer,
    AddLearner,
    RemoveServer {
        target: Target,
    },
    Promote {
        target: Target,
    },
    /// A line typed into the terminal, exactly as written (`etcdctl …` or `shell …`).
    Terminal {
        line: String,
    },
    /// Run the §9.3 experiment for one timeout range.
    Experiment {
        min_us: u64,
        max_us: u64,
        trials: u32,
    },

    // Page: what the student sees.
    View {
        view: View,
    },
    Chooser {
        purpose: Purpose,
        place: Place,
    },
}

impl Action {
    /// Settings change how the world is built; a step containing one rebuilds it.
    pub fn is_setting(&self) -> bool {
        matches!(
            self,
            Action::Reset
                | Action::Nodes { .. }
                | Action::Seed { .. }
                | Action::PreVote { .. }
                | Action::CheckQuorum { .. }
                | Action::ElectionTimeout { .. }
                | Action::Heartbeat { .. }
                | Action::Bug { .. }
                | Action::NoBugs
                | Action::Topology { .. }
                | Action::Lease { .. }
                | Action::Machines { .. }
                | Action::Scenario { .. }
        )
    }

    /// The Raft servers this action names (for checking them against the cluster size).
    pub fn servers(&self) -> Vec<u8> {
        let one = |t: &Target| match t {
            Target::Server(n) => Some(*n),
            _ => None,
        };
        match self {
            Action::Stop { target }
            | Action::Restart { target }
            | Action::Isolate { target }
            | Action::RemoveServer { target }
            | Action::Promote { target }
            | Action::Campaign { target } => one(target).into_iter().collect(),
            Action::Partition { groups } => groups.iter().flatten().filter_map(one).collect(),
            _ => Vec::new(),
        }
    }
}

/// Parses one command (`stop leader`); `command` is its text, `tokens` its words.
pub fn parse_action(command: &str, tokens: &[Token]) -> Result<Action, VocabError> {
    let Some((first, rest)) = tokens.split_first() else {
        return Err(VocabError {
            offset: 0,
            kind: ErrorKind::ExpectedKeyValue,
        });
    };
    let word = first.text.as_str();
    let Some(syntax) = syntax_of(ACTIONS, word) else {
        return Err(VocabError {
            offset: first.offset,
            kind: ErrorKind::UnknownAction {
                word: word.to_string(),
                expected: super::word_list(ACTIONS),
            },
        });
    };
    let end = first.offset + command.chars().count();
    let mut a = Args::new(word, syntax, rest, end);
    let action = match word {
        "reset" => Action::Reset,
        "nodes" => Action::Nodes { n: a.number(1, 9)? },
        "seed" => Action::Seed {
            seed: a.number(0, u64::MAX)?,
        },
        "prevote" => Action::PreVote { on: a.on_off()? },
        "check-quorum" => Action::CheckQuorum { on: a.on_off()? },
        "election-timeout" => {
            let (min_us, max_us) = a.range()?;
            Action::ElectionTimeout { min_us, max_us }
        }
        "heartbeat" => Action::Heartbeat { us: a.duration()? },
        "bug" => parse_bug(&mut a)?,
        "topology" => parse_topology(&mut a)?,
        "machines" => {
            let t = a.next()?;
            let machines = match t.text.as_str() {
                "fresh" => Machines::Fresh,
                "installed" => Machines::Installed,
                _ => return Err(a.bad(t)),
            };
            Action::Machines { machines }
        }
        "lease" => Action::Lease {
            duration_us: a.duration()?,
            renew_deadline_us: a.duration()?,
            retry_period_us: a.duration()?,
        },
        "stop" => Action::Stop {
            target: target(&mut a)?,
        },
        "restart" => Action::Restart {
            target: target(&mut a)?,
        },
        "isolate" => Action::Isolate {
            target: target(&mut a)?,
        },
        "partition" => Action::Partition {
            groups: partition(&mut a)?,
        },
        "heal" => Action::Heal,
        "write" => Action::Write {
            key: a.next()?.text.clone(),
            value: a.next()?.text.clone(),
        },
        "wait-leader" => Action::WaitLeader,
        "campaign" => Action::Campaign {
            target: target(&mut a)?,
        },
        "scenario" => {
            let name = a.next()?;
            if name.text != "figure8" {
                return Err(a.bad(name));
            }
            let stage = a.next()?;
            let c = match stage.text.as_str() {
                "a" | "b" | "c" | "d" => stage.text.chars().next().unwrap_or('a'),
                _ => return Err(a.bad(stage)),
            };
            Action::Scenario {
                scenario: Scenario::Figure8(c),
            }
        }
        "advance" => Action::Advance { us: a.duration()? },
        "add-server" => Action::AddServer,
        "add-learner" => Action::AddLearner,
        "remove-server" => Action::RemoveServer {
            target: target(&mut a)?,
        },
        "promote" => Action::Promote {
            target: target(&mut a)?,
        },
        "etcdctl" | "shell" => terminal(word, command, &mut a)?,
        "experiment" => {
            let (min_us, max_us) = a.range()?;
            Action::Experiment {
                min_us,
                max_us,
                trials: a.number(1, 10_000)?,
            }
        }
        "view" => {
            let t = a.next()?;
            Action::View {
                view: View::from_name(&t.text).ok_or_else(|| a.bad(t))?,
            }
        }
        "chooser" => {
            let p = a.next()?;
            let purpose = Purpose::from_name(&p.text).ok_or_else(|| a.bad(p))?;
            let q = a.next()?;
            let place = Place::from_name(&q.text).ok_or_else(|| a.bad(q))?;
            Action::Chooser { purpose, place }
        }
        _ => unreachable_word(word, first.offset)?,
    };
    a.done()?;
    Ok(action)
}

/// A word listed in ACTIONS without a parser arm: a bug caught by the vocabulary test.
fn unreachable_word(word: &str, offset: usize) -> Result<Action, VocabError> {
    Err(VocabError {
        offset,
        kind: ErrorKind::UnknownAction {
            word: word.to_string(),
            expected: super::word_list(ACTIONS),
        },
    })
}

fn parse_bug(a: &mut Args) -> Result<Action, VocabError> {
    let t = a.next()?;
    if t.text == "none" {
        return Ok(Action::NoBugs);
    }
    Bug::from_name(&t.text)
        .map(|bug| Action::Bug { bug })
        .ok_or_else(|| a.bad(t))
}

fn parse_topology(a: &mut Args) -> Result<Action, VocabError> {
    let kind = a.next()?;
    let etcd = match kind.text.as_str() {
        "stacked" => EtcdTopology::Stacked,
        "external" => EtcdTopology::External,
        _ => return Err(a.bad(kind)),
    };
    let control_planes = a.number(1, 7)?;
    let etcd_members = match etcd {
        EtcdTopology::Stacked => control_planes,
        EtcdTopology::External => a.number(1, 7)?,
    };
    let workers = match a.optional() {
        None => 2,
        Some(t) => t
            .text
            .parse::<u8>()
            .ok()
            .filter(|w| *w <= 9)
            .ok_or_else(|| a.bad(t))?,
    };
    Ok(Action::Topology {
        etcd,
        control_planes,
        etcd_members,
        workers,
    })
}

fn target(a: &mut Args) -> Result<Target, VocabError> {
    let t = a.next()?;
    if t.text == "active" {
        let which = a.next()?;
        return Elected::from_name(&which.text)
            .map(Target::Active)
            .ok_or_else(|| a.bad(which));
    }
    Target::from_word(&t.text).ok_or_else(|| a.bad(t))
}

/// `S1,S2 | S3,S4,S5` (spaces optional). Every group non-empty, no target twice.
fn partition(a: &mut Args) -> Result<Vec<Vec<Target>>, VocabError> {
    let rest = a.rest();
    if rest.is_empty() {
        a.next()?;
    }
    // Re-split the words into items at `|` and `,`, keeping offsets.
    let mut groups: Vec<Vec<Target>> = vec![Vec::new()];
    for token in rest {
        let mut item = String::new();
        let mut item_at = token.offset;
        for (i, c) in token.text.chars().chain(std::iter::once(',')).enumerate() {
            if c == ',' || c == '|' {
                if !item.is_empty() {
                    let t = Target::from_word(&item).ok_or_else(|| a.bad_text(item_at, &item))?;
                    if groups.iter().flatten().any(|seen| *seen == t) {
                        return Err(VocabError {
                            offset: item_at,
                            kind: ErrorKind::ServerInTwoGroups {
                                server: item.clone(),
                            },
                        });
                    }
                    if let Some(g) = groups.last_mut() {
                        g.push(t);
                    }
                }
                if c == '|' {
                    groups.push(Vec::new());
                }
                item.clear();
                item_at = token.offset + i + 1;
            } else {
                item.push(c);
            }
        }
    }
    if groups.iter().any(|g| g.is_empty()) {
        let at = rest.first().map_or(0, |t| t.offset);
        return Err(a.bad_text(at, &words_of(rest)));
    }
    Ok(groups)
}

fn words_of(tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `etcdctl put k v` keeps the whole line (quotes as typed); `shell export X=3` drops
/// the word `shell`.
fn terminal(word: &str, command: &str, a: &mut Args) -> Result<Action, VocabError> {
    let rest = a.rest();
    if rest.is_empty() && word == "shell" {
        a.next()?;
    }
    let after = command.trim_start().get(word.len()..).unwrap_or("").trim();
    let line = if word == "etcdctl" {
        format!("etcdctl {after}").trim_end().to_string()
    } else {
        after.to_string()
    };
    Ok(Action::Terminal { line })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::words;
    use super::*;

    fn parse(text: &str) -> Result<Action, VocabError> {
        parse_action(text, &words(text, 0).expect("quotes"))
    }

    #[test]
    fn actions_parse_into_their_enums() {
        assert_eq!(parse("nodes 5"), Ok(Action::Nodes { n: 5 }));
        assert_eq!(
            parse("stop leader"),
            Ok(Action::Stop {
                target: Target::Leader
            })
        );
        assert_eq!(
            parse("stop S3"),
            Ok(Action::Stop {
                target: Target::Server(3)
            })
        );
        assert_eq!(
            parse("stop active kube-scheduler"),
            Ok(Action::Stop {
                target: Target::Active(Elected::Scheduler)
            })
        );
        assert_eq!(
            parse("partition S1,S2 | S3,S4,S5"),
            Ok(Action::Partition {
                groups: vec![
                    vec![Target::Server(1), Target::Server(2)],
                    vec![Target::Server(3), Target::Server(4), Target::Server(5)],
                ]
            })
        );
        assert_eq!(parse("partition S1|S2"), parse("partition S1 | S2"));
        assert_eq!(parse("advance 2s"), Ok(Action::Advance { us: 2_000_000 }));
        assert_eq!(
            parse("bug commit_old_term"),
            Ok(Action::Bug {
                bug: Bug::CommitOldTerm
            })
        );
        assert_eq!(
            parse("etcdctl put name \"john doe\""),
            Ok(Action::Terminal {
                line: "etcdctl put name \"john doe\"".into()
            })
        );
        assert_eq!(
            parse("shell export ETCDCTL_API=3"),
            Ok(Action::Terminal {
                line: "export ETCDCTL_API=3".into()
            })
        );
        assert_eq!(
            parse("topology external 3 3"),
            Ok(Action::Topology {
                etcd: EtcdTopology::External,
                control_planes: 3,
                etcd_members: 3,
                workers: 2
            })
        );
        assert_eq!(
            parse("experiment 150-155ms 1000"),
            Ok(Action::Experiment {
                min_us: 150_000,
                max_us: 155_000,
                trials: 1000
            })
        );
    }

    #[test]
    fn mistakes_point_at_the_word() {
        let e = parse("stop S12").unwrap_err();
        assert_eq!(e.offset, 5);
        assert!(matches!(e.kind, ErrorKind::BadArgument { .. }));
        let e = parse("nodes").unwrap_err();
        assert!(matches!(e.kind, ErrorKind::MissingArgument { .. }));
        let e = parse("heal now").unwrap_err();
        assert_eq!(e.offset, 5);
        assert!(matches!(e.kind, ErrorKind::ExtraArgument { .. }));
        let e = parse("stpo leader").unwrap_err();
        assert!(matches!(e.kind, ErrorKind::UnknownAction { .. }));
        let e = parse("partition S1,S2 | S2").unwrap_err();
        assert_eq!(e.offset, 18);
        assert!(matches!(e.kind, ErrorKind::ServerInTwoGroups { .. }));
        assert!(parse("partition S1 |").is_err());
        assert!(parse("partition").is_err());
        assert!(parse("nodes 10").is_err());
        assert!(parse("bug nope").is_err());
    }
}
