//! Task goals: conditions the page checks against the simulation (or the chooser) to
//! mark a step's task done. Several goals in one step must all hold.

use super::action::EtcdTopology;
use super::args::Args;
use super::target::Elected;
use super::tokens::Token;
use super::{syntax_of, VocabError, GOALS};
use crate::chooser::{Place, Purpose, Way};
use crate::lesson::error::ErrorKind;
use crate::view::View;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "goal")]
pub enum Goal {
    /// Some server is leader now.
    LeaderElected,
    /// The leader differs from the one when the step began (and there is one).
    LeaderChanged,
    /// The step's starting leader is still leader (pre-vote protects it).
    LeaderUnchanged,
    /// No server is leader now.
    NoLeader,
    /// No majority of members can talk to each other now.
    QuorumLost,
    /// Quorum was lost during the step and a majority works again now.
    QuorumRegained,
    /// `key` has a committed value.
    Committed {
        key: String,
    },
    /// A client write failed or timed out during the step.
    WriteFails,
    /// Some server's term is above `term`.
    TermAbove {
        term: u64,
    },
    /// Every server's term is at most `term`.
    TermAtMost {
        term: u64,
    },
    /// The leader's commit index is above `index`.
    CommitIndexAbove {
        index: u64,
    },
    /// Every running server's log equals the leader's.
    LogsMatch,
    /// An entry that was never committed was overwritten by a newer leader.
    UncommittedOverwritten,
    /// A safety monitor (Figure 3) reported a violation (a bug switch is on).
    SafetyViolation,
    /// At least `n` servers are stopped.
    ServersDown {
        n: u8,
    },
    /// The cluster has `n` voting members.
    EtcdMembers {
        n: u8,
    },
    /// The terminal printed `text` since the step began.
    TerminalOutputContains {
        text: String,
    },
    /// The student typed a command starting with `prefix`.
    Typed {
        prefix: String,
    },
    /// The active kube-controller-manager/kube-scheduler changed.
    ActiveChanged {
        which: Elected,
    },
    /// The HA view shows this topology.
    TopologyIs {
        etcd: EtcdTopology,
    },
    ChooserPicked {
        way: Way,
    },
    ChooserPurpose {
        purpose: Purpose,
    },
    ChooserPlace {
        place: Place,
    },
    /// The student compared two choices side by side.
    ChooserCompared,
    /// At least `n` timeout ranges of the experiment have finished.
    ExperimentRuns {
        n: u32,
    },
    ViewOpened {
        view: View,
    },
}

/// Parses one goal (`term-above 3`).
impl Goal {
    /// The goal's word in lesson files (`term-above`).
    pub fn word(&self) -> &'static str {
        match self {
            Goal::LeaderElected => "leader-elected",
            Goal::LeaderChanged => "leader-changed",
            Goal::LeaderUnchanged => "leader-unchanged",
            Goal::NoLeader => "no-leader",
            Goal::QuorumLost => "quorum-lost",
            Goal::QuorumRegained => "quorum-regained",
            Goal::Committed { .. } => "committed",
            Goal::WriteFails => "write-fails",
            Goal::TermAbove { .. } => "term-above",
            Goal::TermAtMost { .. } => "term-at-most",
            Goal::CommitIndexAbove { .. } => "commit-index-above",
            Goal::LogsMatch => "logs-match",
            Goal::UncommittedOverwritten => "uncommitted-overwritten",
            Goal::SafetyViolation => "safety-violation",
            Goal::ServersDown { .. } => "servers-down",
            Goal::EtcdMembers { .. } => "etcd-members",
            Goal::TerminalOutputContains { .. } => "terminal-output-contains",
            Goal::Typed { .. } => "typed",
            Goal::ActiveChanged { .. } => "active-changed",
            Goal::TopologyIs { .. } => "topology-is",
            Goal::ChooserPicked { .. } => "chooser-picked",
            Goal::ChooserPurpose { .. } => "chooser-purpose",
            Goal::ChooserPlace { .. } => "chooser-place",
            Goal::ChooserCompared => "chooser-compared",
            Goal::ExperimentRuns { .. } => "experiment-runs",
            Goal::ViewOpened { .. } => "view-opened",
        }
    }

    /// The goal as a lesson file writes it (`term-above 3`, `typed "wget -q"`).
    pub fn line(&self) -> String {
        let quoted = |t: &str| format!("{} \"{t}\"", self.word());
        let arg = |a: String| format!("{} {a}", self.word());
        match self {
            Goal::Committed { key } => arg(key.clone()),
            Goal::TermAbove { term } | Goal::TermAtMost { term } => arg(term.to_string()),
            Goal::CommitIndexAbove { index } => arg(index.to_string()),
            Goal::ServersDown { n } | Goal::EtcdMembers { n } => arg(n.to_string()),
            Goal::TerminalOutputContains { text } => quoted(text),
            Goal::Typed { prefix } => quoted(prefix),
            Goal::ActiveChanged { which } => arg(which.name().to_string()),
            Goal::TopologyIs { etcd } => arg(match etcd {
                EtcdTopology::Stacked => "stacked",
                EtcdTopology::External => "external",
            }
            .to_string()),
            Goal::ChooserPicked { way } => arg(way.name().to_string()),
            Goal::ChooserPurpose { purpose } => arg(purpose.name().to_string()),
            Goal::ChooserPlace { place } => arg(place.name().to_string()),
            Goal::ExperimentRuns { n } => arg(n.to_string()),
            Goal::ViewOpened { view } => arg(view.name().to_string()),
            _ => self.word().to_string(),
        }
    }
}

pub fn parse_goal(command: &str, tokens: &[Token]) -> Result<Goal, VocabError> {
    let Some((first, rest)) = tokens.split_first() else {
        return Err(VocabError {
            offset: 0,
            kind: ErrorKind::ExpectedKeyValue,
        });
    };
    let word = first.text.as_str();
    let Some(syntax) = syntax_of(GOALS, word) else {
        return Err(VocabError {
            offset: first.offset,
            kind: ErrorKind::UnknownGoal {
                word: word.to_string(),
                expected: super::word_list(GOALS),
            },
        });
    };
    let end = first.offset + command.chars().count();
    let mut a = Args::new(word, syntax, rest, end);
    let goal = match word {
        "leader-elected" => Goal::LeaderElected,
        "leader-changed" => Goal::LeaderChanged,
        "leader-unchanged" => Goal::LeaderUnchanged,
        "no-leader" => Goal::NoLeader,
        "quorum-lost" => Goal::QuorumLost,
        "quorum-regained" => Goal::QuorumRegained,
        "committed" => Goal::Committed {
            key: a.next()?.text.clone(),
        },
        "write-fails" => Goal::WriteFails,
        "term-above" => Goal::TermAbove {
            term: a.number(0, u64::MAX)?,
        },
        "term-at-most" => Goal::TermAtMost {
            term: a.number(0, u64::MAX)?,
        },
        "commit-index-above" => Goal::CommitIndexAbove {
            index: a.number(0, u64::MAX)?,
        },
        "logs-match" => Goal::LogsMatch,
        "uncommitted-overwritten" => Goal::UncommittedOverwritten,
        "safety-violation" => Goal::SafetyViolation,
        "servers-down" => Goal::ServersDown { n: a.number(1, 9)? },
        "etcd-members" => Goal::EtcdMembers { n: a.number(1, 9)? },
        "terminal-output-contains" => Goal::TerminalOutputContains {
            text: a.next()?.text.clone(),
        },
        "typed" => Goal::Typed {
            prefix: a.next()?.text.clone(),
        },
        "active-changed" => {
            let t = a.next()?;
            Goal::ActiveChanged {
                which: Elected::from_name(&t.text).ok_or_else(|| a.bad(t))?,
            }
        }
        "topology-is" => {
            let t = a.next()?;
            let etcd = match t.text.as_str() {
                "stacked" => EtcdTopology::Stacked,
                "external" => EtcdTopology::External,
                _ => return Err(a.bad(t)),
            };
            Goal::TopologyIs { etcd }
        }
        "chooser-picked" => {
            let t = a.next()?;
            Goal::ChooserPicked {
                way: Way::from_name(&t.text).ok_or_else(|| a.bad(t))?,
            }
        }
        "chooser-purpose" => {
            let t = a.next()?;
            Goal::ChooserPurpose {
                purpose: Purpose::from_name(&t.text).ok_or_else(|| a.bad(t))?,
            }
        }
        "chooser-place" => {
            let t = a.next()?;
            Goal::ChooserPlace {
                place: Place::from_name(&t.text).ok_or_else(|| a.bad(t))?,
            }
        }
        "chooser-compared" => Goal::ChooserCompared,
        "experiment-runs" => Goal::ExperimentRuns {
            n: a.number(1, 100)?,
        },
        "view-opened" => {
            let t = a.next()?;
            Goal::ViewOpened {
                view: View::from_name(&t.text).ok_or_else(|| a.bad(t))?,
            }
        }
        _ => {
            return Err(VocabError {
                offset: first.offset,
                kind: ErrorKind::UnknownGoal {
                    word: word.to_string(),
                    expected: super::word_list(GOALS),
                },
            })
        }
    };
    a.done()?;
    Ok(goal)
}
