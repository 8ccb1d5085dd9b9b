//! Each "break it" switch causes a detectable violation in a targeted run, and
//! the same run without the switch is safe.

mod common;
use common::*;
use quorum_raft::*;

#[test]
fn commit_old_term_loses_a_committed_entry_figure8() {
    for bug in [false, true] {
        let bugs = if bug {
            Bugs::only(Bug::CommitOldTerm)
        } else {
            Bugs::none()
        };
        let mut net = figure8_until_c(bugs);
        let s1_applied = net.applied[&1].get(&3).cloned();
        assert_eq!(
            s1_applied.is_some(),
            bug,
            "only the bug commits index 3 by counting"
        );
        if bug {
            assert!(net.explained(1, |e| matches!(
                e,
                Explain::OldTermCommittedByCounting {
                    index: 3,
                    entry_term: 2,
                    current_term: 4
                }
            )));
        }
        // (d): S1 crashes, S5 is elected and overwrites index 3.
        net.crash(1);
        net.rewrite = None;
        net.start(5);
        while !net.node(5).is_leader() {
            net.campaign(5);
        }
        net.advance(HB);
        let lost = s1_applied.is_some_and(|e| net.node(5).entry(3) != Some(&e));
        // Leader Completeness: a committed (applied!) entry is missing from a later leader.
        assert_eq!(lost, bug);
    }
}

#[test]
fn vote_without_log_check_elects_a_leader_missing_committed_entries() {
    for bug in [false, true] {
        let bugs = if bug {
            Bugs::only(Bug::VoteWithoutLogCheck)
        } else {
            Bugs::none()
        };
        let mut net = Net::new(&[1, 2, 3], Config { bugs, ..config() });
        net.campaign(1);
        net.isolate(3);
        let x = net.propose(1, b"x").unwrap();
        assert_eq!(net.node(1).commit(), x);
        net.crash(1);
        net.heal();
        net.campaign(3);
        assert_eq!(net.node(3).is_leader(), bug);
        if bug {
            assert!(
                net.node(3)
                    .entry(x)
                    .is_none_or(|e| e.data() != Some(&b"x"[..])),
                "Leader Completeness violated"
            );
        } else {
            assert!(net.explained(2, |e| matches!(e, Explain::VoteRejected { to: 3, .. })));
        }
    }
}

#[test]
fn forget_vote_on_restart_allows_two_leaders_in_one_term() {
    for bug in [false, true] {
        let bugs = if bug {
            Bugs::only(Bug::ForgetVoteOnRestart)
        } else {
            Bugs::none()
        };
        let mut net = Net::new(&[1, 2, 3], Config { bugs, ..config() });
        net.partition(&[1], &[3]);
        net.drop_kinds.insert(MessageKind::AppendEntries);
        net.campaign(1);
        assert!(net.node(1).is_leader());
        net.crash(2);
        net.start(2);
        assert_eq!(net.node(2).vote(), if bug { None } else { Some(1) });
        net.campaign(3);
        let both = net.node(1).is_leader()
            && net.node(3).is_leader()
            && net.node(1).term() == net.node(3).term();
        assert_eq!(both, bug, "Election Safety violated only with the bug");
    }
}

#[test]
fn no_timeout_randomization_split_votes_forever() {
    for bug in [false, true] {
        let bugs = if bug {
            Bugs::only(Bug::NoTimeoutRandomization)
        } else {
            Bugs::none()
        };
        let mut net = Net::new(&[1, 2, 3, 4, 5], Config { bugs, ..config() });
        net.advance_to_batched(20 * ET);
        assert_eq!(net.leader().is_none(), bug);
        if bug {
            assert!(net.node(1).term() >= 10, "a new split vote every timeout");
        }
    }
}

#[test]
fn stale_local_reads_return_stale_data_from_a_deposed_leader() {
    for bug in [false, true] {
        let bugs = if bug {
            Bugs::only(Bug::StaleLocalReads)
        } else {
            Bugs::none()
        };
        let mut net = Net::new(&[1, 2, 3], Config { bugs, ..config() });
        net.campaign(1);
        net.isolate(1);
        net.campaign(2);
        let w = net.propose(2, b"w").unwrap();
        assert_eq!(net.node(2).commit(), w);
        assert!(net.node(1).is_leader(), "the old leader does not know yet");
        net.read(1, 7);
        let stale = net.reads[&1].iter().any(|r| r.ctx == 7 && r.index < w);
        assert_eq!(
            stale, bug,
            "a read that misses a write committed before it began"
        );
        assert_eq!(net.reads[&1].iter().any(|r| r.ctx == 7), bug);
    }
}
