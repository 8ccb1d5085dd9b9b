//! The quorum explorer's arithmetic: majority, failures tolerated, and which side of a
//! network split (if any) still has a majority, with the reason as structured data.
//!
//! Members are numbered `0..members`. Nothing here is English: the page words the
//! results in English or Korean.

use quorum_raft::lite::LiteSet;
use serde::Serialize;

/// The explorer covers clusters of 1 to 9 members.
pub const MIN_MEMBERS: u8 = 1;
pub const MAX_MEMBERS: u8 = 9;

/// ⌊n/2⌋+1: the smallest number of members that any two such sets must share one.
pub fn majority(members: u8) -> u8 {
    members / 2 + 1
}

/// How many members can fail (or be cut off) while the rest still form a majority.
pub fn failures_tolerated(members: u8) -> u8 {
    members.saturating_sub(majority(members))
}

/// One row of the sizing table (etcd's "instances / quorum / fault tolerance").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SizeRow {
    pub members: u8,
    pub majority: u8,
    pub failures_tolerated: u8,
}

/// The sizing table for `MIN_MEMBERS..=MAX_MEMBERS`.
pub fn size_table() -> Vec<SizeRow> {
    (MIN_MEMBERS..=MAX_MEMBERS)
        .map(|members| SizeRow {
            members,
            majority: majority(members),
            failures_tolerated: failures_tolerated(members),
        })
        .collect()
}

/// Why a scenario could not be analysed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ScenarioError {
    /// The size is outside `MIN_MEMBERS..=MAX_MEMBERS`.
    SizeOutOfRange { members: u8 },
    /// A failed member or a group lists a member number `>= members`.
    UnknownMember { member: u8, members: u8 },
    /// A member appears in two groups of the split.
    MemberInTwoGroups { member: u8 },
}

/// A cluster of `members`, some failed, the network split into groups. An empty
/// `groups` means no split. Members left out of every group form one more group
/// together ("the rest"), so a split only needs to name the sides it cares about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scenario {
    pub members: u8,
    pub failed: LiteSet<u8>,
    pub groups: Vec<Vec<u8>>,
}

/// What one side of the split can do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupVerdict {
    /// All members of the group, failed or not, ascending.
    pub members: Vec<u8>,
    /// Members of the group that are up.
    pub alive: Vec<u8>,
    /// Whether the live members reach the majority of the WHOLE cluster.
    pub has_majority: bool,
    /// How many more live members the group would need (0 when it has a majority).
    pub short_by: u8,
}

/// Why no group has a majority.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NoMajorityReason {
    /// Without any split, too few members are up.
    TooManyFailed { alive: u8, needed: u8 },
    /// Enough members are up in total, but the split leaves no side with a majority
    /// (for example a 3/3 split of six).
    SplitLeavesNoMajority {
        alive_total: u8,
        largest_side: u8,
        needed: u8,
    },
    /// Too few are up in total, and the split makes it no better.
    TooManyFailedAndSplit { alive_total: u8, needed: u8 },
}

/// The verdict of a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Outcome {
    /// Group `group` (index into `Analysis::groups`) has `alive` members up, at least
    /// `needed`: it can elect a leader and commit writes; every other side cannot.
    Majority {
        group: usize,
        alive: u8,
        needed: u8,
    },
    NoMajority(NoMajorityReason),
}

/// The full analysis the explorer shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Analysis {
    pub members: u8,
    pub majority: u8,
    pub failures_tolerated: u8,
    pub groups: Vec<GroupVerdict>,
    pub outcome: Outcome,
}

/// Analyse a scenario: which group (if any) holds a majority of the whole cluster.
pub fn analyze(scenario: &Scenario) -> Result<Analysis, ScenarioError> {
    let n = scenario.members;
    if !(MIN_MEMBERS..=MAX_MEMBERS).contains(&n) {
        return Err(ScenarioError::SizeOutOfRange { members: n });
    }
    if let Some(&member) = scenario.failed.iter().find(|&&m| m >= n) {
        return Err(ScenarioError::UnknownMember { member, members: n });
    }
    let groups = normalise_groups(n, &scenario.groups)?;
    let needed = majority(n);
    let verdicts: Vec<GroupVerdict> = groups
        .into_iter()
        .map(|members| verdict(members, &scenario.failed, needed))
        .collect();
    let outcome = decide(&verdicts, needed, scenario.groups.is_empty());
    Ok(Analysis {
        members: n,
        majority: needed,
        failures_tolerated: failures_tolerated(n),
        groups: verdicts,
        outcome,
    })
}

/// Check the groups and add "the rest" as a final group when some members are unlisted.
fn normalise_groups(n: u8, groups: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, ScenarioError> {
    let mut seen = LiteSet::new();
    let mut out = Vec::new();
    for group in groups {
        let mut sorted = LiteSet::new();
        for &member in group {
            if member >= n {
                return Err(ScenarioError::UnknownMember { member, members: n });
            }
            if !seen.insert(member) {
                return Err(ScenarioError::MemberInTwoGroups { member });
            }
            sorted.insert(member);
        }
        if !sorted.is_empty() {
            out.push(sorted.into_iter().collect());
        }
    }
    let rest: Vec<u8> = (0..n).filter(|m| !seen.contains(m)).collect();
    if !rest.is_empty() {
        out.push(rest);
    }
    Ok(out)
}

fn verdict(members: Vec<u8>, failed: &LiteSet<u8>, needed: u8) -> GroupVerdict {
    let alive: Vec<u8> = members
        .iter()
        .copied()
        .filter(|m| !failed.contains(m))
        .collect();
    let count = u8::try_from(alive.len()).unwrap_or(u8::MAX);
    GroupVerdict {
        members,
        alive,
        has_majority: count >= needed,
        short_by: needed.saturating_sub(count),
    }
}

fn decide(verdicts: &[GroupVerdict], needed: u8, unsplit: bool) -> Outcome {
    let alive_of = |v: &GroupVerdict| u8::try_from(v.alive.len()).unwrap_or(u8::MAX);
    // Two disjoint groups can never both reach ⌊n/2⌋+1, so at most one matches.
    if let Some((group, v)) = verdicts.iter().enumerate().find(|(_, v)| v.has_majority) {
        return Outcome::Majority {
            group,
            alive: alive_of(v),
            needed,
        };
    }
    let alive_total = verdicts.iter().map(alive_of).fold(0u8, u8::saturating_add);
    let largest_side = verdicts.iter().map(alive_of).max().unwrap_or(0);
    let reason = if unsplit || verdicts.len() <= 1 {
        NoMajorityReason::TooManyFailed {
            alive: alive_total,
            needed,
        }
    } else if alive_total >= needed {
        NoMajorityReason::SplitLeavesNoMajority {
            alive_total,
            largest_side,
            needed,
        }
    } else {
        NoMajorityReason::TooManyFailedAndSplit {
            alive_total,
            needed,
        }
    };
    Outcome::NoMajority(reason)
}

/// The lessons about sizes the explorer teaches, each computed, not asserted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Lesson {
    /// An even size tolerates no more failures than the odd size just below it
    /// (4 is no safer than 3), while its majority is larger.
    EvenSizeAddsNoTolerance {
        even: u8,
        odd_below: u8,
        tolerated: u8,
    },
    /// Split an even cluster in two equal halves: neither half has a majority.
    EvenSplitHasNoMajority { members: u8, half: u8 },
    /// Split an odd cluster as evenly as possible: the larger side keeps a majority.
    OddSplitKeepsMajority {
        members: u8,
        larger: u8,
        smaller: u8,
    },
}

/// Compute the lessons for every size of the explorer.
pub fn lessons() -> Vec<Lesson> {
    let mut out = Vec::new();
    for even in (2..=MAX_MEMBERS).step_by(2) {
        let odd_below = even - 1;
        if failures_tolerated(even) == failures_tolerated(odd_below) {
            out.push(Lesson::EvenSizeAddsNoTolerance {
                even,
                odd_below,
                tolerated: failures_tolerated(even),
            });
        }
    }
    for members in 2..=MAX_MEMBERS {
        let smaller = members / 2;
        let larger = members - smaller;
        let split = Scenario {
            members,
            failed: LiteSet::new(),
            groups: vec![(0..larger).collect()],
        };
        let Ok(analysis) = analyze(&split) else {
            continue;
        };
        match analysis.outcome {
            Outcome::NoMajority(_) if larger == smaller => {
                out.push(Lesson::EvenSplitHasNoMajority {
                    members,
                    half: smaller,
                })
            }
            Outcome::Majority { .. } if larger > smaller => {
                out.push(Lesson::OddSplitKeepsMajority {
                    members,
                    larger,
                    smaller,
                })
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(members: u8, failed: &[u8], groups: &[&[u8]]) -> Scenario {
        Scenario {
            members,
            failed: failed.iter().copied().collect(),
            groups: groups.iter().map(|g| g.to_vec()).collect(),
        }
    }

    #[test]
    fn table_matches_etcd_docs() {
        // etcd.md "Sizing and timing": members, majority, failures tolerated.
        let expected = [
            (1, 1, 0),
            (2, 2, 0),
            (3, 2, 1),
            (4, 3, 1),
            (5, 3, 2),
            (6, 4, 2),
            (7, 4, 3),
        ];
        let table = size_table();
        assert_eq!(table.len(), 9);
        for (row, (m, q, f)) in table.iter().zip(expected) {
            assert_eq!(
                (row.members, row.majority, row.failures_tolerated),
                (m, q, f)
            );
        }
        assert_eq!((majority(8), failures_tolerated(8)), (5, 3));
        assert_eq!((majority(9), failures_tolerated(9)), (5, 4));
    }

    #[test]
    fn losing_one_of_three_keeps_quorum_two_does_not() {
        let one = analyze(&scenario(3, &[0], &[])).unwrap();
        assert_eq!(
            one.outcome,
            Outcome::Majority {
                group: 0,
                alive: 2,
                needed: 2
            }
        );
        let two = analyze(&scenario(3, &[0, 1], &[])).unwrap();
        assert_eq!(
            two.outcome,
            Outcome::NoMajority(NoMajorityReason::TooManyFailed {
                alive: 1,
                needed: 2
            })
        );
    }

    #[test]
    fn four_is_no_safer_than_three() {
        // Two failures: both lose quorum.
        for n in [3, 4] {
            let a = analyze(&scenario(n, &[0, 1], &[])).unwrap();
            assert!(matches!(a.outcome, Outcome::NoMajority(_)), "n={n}");
        }
        assert!(lessons().contains(&Lesson::EvenSizeAddsNoTolerance {
            even: 4,
            odd_below: 3,
            tolerated: 1
        }));
    }

    #[test]
    fn three_three_split_has_no_majority_four_three_does() {
        let six = analyze(&scenario(6, &[], &[&[0, 1, 2]])).unwrap();
        assert_eq!(
            six.outcome,
            Outcome::NoMajority(NoMajorityReason::SplitLeavesNoMajority {
                alive_total: 6,
                largest_side: 3,
                needed: 4
            })
        );
        assert_eq!(six.groups[1].members, vec![3, 4, 5]);
        assert_eq!(six.groups[0].short_by, 1);
        let seven = analyze(&scenario(7, &[], &[&[0, 1, 2, 3]])).unwrap();
        assert_eq!(
            seven.outcome,
            Outcome::Majority {
                group: 0,
                alive: 4,
                needed: 4
            }
        );
        let l = lessons();
        assert!(l.contains(&Lesson::EvenSplitHasNoMajority {
            members: 6,
            half: 3
        }));
        assert!(l.contains(&Lesson::OddSplitKeepsMajority {
            members: 7,
            larger: 4,
            smaller: 3
        }));
    }

    #[test]
    fn failures_inside_the_larger_side_count() {
        // 5 members split 3/2, one failure on the 3-side: 2 vs 2, no majority (needs 3).
        let a = analyze(&scenario(5, &[0], &[&[0, 1, 2]])).unwrap();
        assert_eq!(
            a.outcome,
            Outcome::NoMajority(NoMajorityReason::SplitLeavesNoMajority {
                alive_total: 4,
                largest_side: 2,
                needed: 3
            })
        );
        let b = analyze(&scenario(5, &[0, 3, 4], &[&[0, 1, 2]])).unwrap();
        assert_eq!(
            b.outcome,
            Outcome::NoMajority(NoMajorityReason::TooManyFailedAndSplit {
                alive_total: 2,
                needed: 3
            })
        );
    }

    #[test]
    fn bad_input_is_an_error() {
        assert_eq!(
            analyze(&scenario(0, &[], &[])),
            Err(ScenarioError::SizeOutOfRange { members: 0 })
        );
        assert_eq!(
            analyze(&scenario(10, &[], &[])),
            Err(ScenarioError::SizeOutOfRange { members: 10 })
        );
        assert_eq!(
            analyze(&scenario(3, &[3], &[])),
            Err(ScenarioError::UnknownMember {
                member: 3,
                members: 3
            })
        );
        assert_eq!(
            analyze(&scenario(3, &[], &[&[0, 1], &[1, 2]])),
            Err(ScenarioError::MemberInTwoGroups { member: 1 })
        );
    }

    proptest::proptest! {
        /// A split never leaves two sides with a majority (no split brain).
        #[test]
        fn at_most_one_side_has_a_majority(
            n in 1u8..=9,
            assign in proptest::collection::vec(0usize..4, 9),
            fail in proptest::collection::vec(proptest::bool::ANY, 9),
        ) {
            let mut groups = vec![Vec::new(); 4];
            for m in 0..n {
                groups[assign[m as usize]].push(m);
            }
            let failed = (0..n).filter(|&m| fail[m as usize]).collect();
            let a = analyze(&Scenario { members: n, failed, groups }).unwrap();
            let sides = a.groups.iter().filter(|g| g.has_majority).count();
            proptest::prop_assert!(sides <= 1);
            let alive: usize = a.groups.iter().map(|g| g.alive.len()).sum();
            if a.groups.len() == 1 {
                proptest::prop_assert_eq!(sides == 1, alive >= majority(n) as usize);
            }
        }
    }
}
