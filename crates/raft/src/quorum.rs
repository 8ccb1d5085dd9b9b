//! Majority arithmetic for plain and joint configurations (etcd `quorum/`).

use crate::confchange::Membership;
use crate::lite::LiteSet;
use crate::types::{Index, NodeId};

use litemap::LiteMap;

/// Outcome of a vote count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoteResult {
    Won,
    Lost,
    Pending,
}

/// Size of a majority of `n` voters.
pub fn majority(n: usize) -> usize {
    n / 2 + 1
}

/// The largest index that a majority of `voters` has reached. An empty set
/// imposes no constraint (so a joint config with no outgoing half is plain).
fn majority_index(voters: &LiteSet<NodeId>, matched: &impl Fn(NodeId) -> Index) -> Index {
    if voters.is_empty() {
        return Index::MAX;
    }
    let mut idx: Vec<Index> = voters.iter().map(|&v| matched(v)).collect();
    // Ascending (the same sort as every other `u64` sort in the page): the majority-th
    // largest is counted from the end.
    idx.sort_unstable();
    idx[idx.len() - majority(idx.len())]
}

/// The largest index committed by a (joint) quorum, given each voter's match.
pub fn committed_index(m: &Membership, matched: impl Fn(NodeId) -> Index) -> Index {
    let a = majority_index(&m.voters, &matched);
    let b = majority_index(&m.outgoing, &matched);
    let c = a.min(b);
    if c == Index::MAX {
        0
    } else {
        c
    }
}

fn majority_vote(voters: &LiteSet<NodeId>, votes: &LiteMap<NodeId, bool>) -> VoteResult {
    if voters.is_empty() {
        return VoteResult::Won;
    }
    let (mut yes, mut missing) = (0, 0);
    for v in voters {
        match votes.get(v) {
            Some(true) => yes += 1,
            Some(false) => {}
            None => missing += 1,
        }
    }
    let q = majority(voters.len());
    if yes >= q {
        VoteResult::Won
    } else if yes + missing >= q {
        VoteResult::Pending
    } else {
        VoteResult::Lost
    }
}

/// Tally of an election in a (joint) configuration: both halves must win.
pub fn vote_result(m: &Membership, votes: &LiteMap<NodeId, bool>) -> VoteResult {
    let a = majority_vote(&m.voters, votes);
    let b = majority_vote(&m.outgoing, votes);
    match (a, b) {
        (VoteResult::Won, VoteResult::Won) => VoteResult::Won,
        (VoteResult::Lost, _) | (_, VoteResult::Lost) => VoteResult::Lost,
        _ => VoteResult::Pending,
    }
}

/// Whether `active` nodes form a quorum of `m`.
pub fn is_quorum(m: &Membership, active: &LiteSet<NodeId>) -> bool {
    let votes =
        crate::lite::collect_map(m.all_nodes().into_iter().map(|n| (n, active.contains(&n))));
    vote_result(m, &votes) == VoteResult::Won
}

/// Number of votes needed to win, for explanations (the larger half when joint).
pub fn votes_needed(m: &Membership) -> usize {
    let a = majority(m.voters.len());
    if m.outgoing.is_empty() {
        a
    } else {
        a.max(majority(m.outgoing.len()))
    }
}

/// Number of distinct voters in a (joint) configuration.
pub fn voter_count(m: &Membership) -> usize {
    let only_outgoing = m.outgoing.iter().filter(|v| !m.voters.contains(*v)).count();
    m.voters.len() + only_outgoing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lite::collect_map;

    #[test]
    fn scenario_03_votes_needed() {
        assert_eq!(majority(1), 1);
        assert_eq!(majority(3), 2);
        assert_eq!(majority(5), 3);
        assert_eq!(majority(4), 3);
    }

    #[test]
    fn commit_index_plain_and_joint() {
        let m = Membership::with_voters([1, 2, 3]);
        let matched = |n: NodeId| [0, 5, 3, 1][n as usize];
        assert_eq!(committed_index(&m, matched), 3);
        let mut j = Membership::with_voters([3, 4, 5]);
        j.outgoing = [1, 2, 3].into();
        let matched = |n: NodeId| [0, 9, 9, 9, 1, 1][n as usize];
        assert_eq!(
            committed_index(&j, matched),
            1,
            "incoming half holds it back"
        );
    }

    #[test]
    fn joint_vote_needs_both_halves() {
        let mut j = Membership::with_voters([3, 4, 5]);
        j.outgoing = [1, 2, 3].into();
        let votes = collect_map([(1, true), (2, true), (3, true)]);
        assert_eq!(vote_result(&j, &votes), VoteResult::Pending);
        let votes = collect_map([(1, true), (2, true), (3, true), (4, false), (5, false)]);
        assert_eq!(vote_result(&j, &votes), VoteResult::Lost);
        let votes = collect_map([(1, true), (3, true), (4, true)]);
        assert_eq!(vote_result(&j, &votes), VoteResult::Won);
    }
}
