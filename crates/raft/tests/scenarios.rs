//! The numbered scenarios of shared/reference/raft.md, each with its exact outcome.

mod common;
use common::*;
use quorum_raft::*;
use std::collections::BTreeMap;

fn msg(from: NodeId, to: NodeId, term: Term, body: MessageBody) -> Message {
    Message {
        from,
        to,
        term,
        body,
    }
}

/// A single node with log `terms` at hard-state term `term`, in a 3-node config.
fn lone(id: NodeId, term: Term, terms: &[Term], cfg: Config) -> Node {
    let p = PersistedState::with_log([1, 2, 3], term, ents(terms));
    let mut n = Node::new(id, cfg, p, 1, 0).unwrap();
    n.take_ready();
    n
}

fn sent(n: &mut Node) -> (Vec<Message>, Vec<Explain>) {
    let rd = n.take_ready();
    (rd.messages, rd.explanations)
}

#[test]
fn s01_higher_term_makes_follower_lower_term_is_answered() {
    let bodies = vec![
        MessageBody::Heartbeat { commit: 0, seq: 1 },
        MessageBody::AppendEntries {
            prev_index: 0,
            prev_term: 0,
            entries: vec![],
            commit: 0,
        },
        MessageBody::RequestVote {
            last_index: 9,
            last_term: 9,
            transfer: false,
        },
        MessageBody::AppendResp {
            success: true,
            index: 0,
            conflict_term: 0,
            conflict_index: 0,
            last_index: 0,
        },
        MessageBody::RequestVoteResp { granted: false },
        MessageBody::HeartbeatResp { seq: 0 },
    ];
    for body in bodies {
        // A candidate at term 1 ...
        let mut n = lone(1, 0, &[], config());
        n.campaign(0);
        assert_eq!((n.role(), n.term()), (Role::Candidate, 1));
        n.step(msg(2, 1, 2, body.clone()), 1);
        assert_eq!((n.role(), n.term()), (Role::Follower, 2), "{body:?}");
        let (_, ex) = sent(&mut n);
        assert!(ex.iter().any(|e| matches!(
            e,
            Explain::SteppingDown {
                to_term: 2,
                reason: StepDownReason::HigherTerm,
                ..
            }
        )));
    }
    // A lower-term request is answered with the current term and changes nothing.
    let mut n = lone(1, 5, &[1], config());
    n.step(
        msg(
            2,
            1,
            3,
            MessageBody::AppendEntries {
                prev_index: 1,
                prev_term: 1,
                entries: ents(&[1, 3])[1..].to_vec(),
                commit: 2,
            },
        ),
        1,
    );
    assert_eq!((n.term(), n.last_index(), n.commit()), (5, 1, 0));
    let (ms, ex) = sent(&mut n);
    assert!(matches!(
        ms[..],
        [Message {
            to: 2,
            term: 5,
            body: MessageBody::AppendResp { success: false, .. },
            ..
        }]
    ));
    assert!(ex.iter().any(|e| matches!(
        e,
        Explain::StaleMessageAnswered {
            msg_term: 3,
            my_term: 5,
            ..
        }
    )));
    // A lower-term response is ignored with a reason.
    n.step(msg(2, 1, 4, MessageBody::HeartbeatResp { seq: 0 }), 2);
    let (ms, ex) = sent(&mut n);
    assert!(ms.is_empty());
    assert!(matches!(
        ex[..],
        [Explain::MessageIgnored {
            reason: IgnoreReason::StaleTerm {
                msg_term: 4,
                my_term: 5
            },
            ..
        }]
    ));
}

#[test]
fn s02_timeout_makes_candidate_and_requests_votes() {
    let mut n = lone(1, 3, &[1, 2], config());
    let d = n.next_deadline().unwrap();
    assert!(
        (ET..2 * ET).contains(&d),
        "randomized timeout {d} in [ET, 2ET)"
    );
    n.tick(d - 1);
    assert_eq!(n.role(), Role::Follower, "nothing before the deadline");
    n.tick(d);
    assert_eq!(
        (n.role(), n.term(), n.vote()),
        (Role::Candidate, 4, Some(1))
    );
    let (ms, ex) = sent(&mut n);
    let want: Vec<Message> = [2, 3]
        .iter()
        .map(|&to| {
            msg(
                1,
                to,
                4,
                MessageBody::RequestVote {
                    last_index: 2,
                    last_term: 2,
                    transfer: false,
                },
            )
        })
        .collect();
    assert_eq!(ms, want);
    assert!(matches!(
        ex[0],
        Explain::ElectionTimeout {
            term: 3,
            pre_vote: false,
            ..
        }
    ));
    assert!(ex.iter().any(|e| matches!(
        e,
        Explain::CampaignStarted {
            kind: CampaignKind::Election,
            term: 4,
            ..
        }
    )));
}

#[test]
fn s03_votes_needed_and_vote_rules() {
    // 1 of 1: a single node elects itself.
    let mut one = Net::new(&[1], config());
    one.campaign(1);
    assert!(one.node(1).is_leader());
    // 2 of 3 and 3 of 5, counting the candidate's own vote.
    for (n, needed) in [(3u64, 2usize), (5, 3)] {
        let ids: Vec<NodeId> = (1..=n).collect();
        let mut net = Net::new(&ids, config());
        for cut in (needed as u64 + 1)..=n {
            net.isolate(cut);
        }
        // With only needed-1 others reachable it wins; with one fewer it does not.
        net.campaign(1);
        assert!(net.node(1).is_leader(), "{needed} of {n}");
        let mut net = Net::new(&ids, config());
        for cut in (needed as u64)..=n {
            net.isolate(cut);
        }
        net.campaign(1);
        assert_eq!(
            net.node(1).role(),
            Role::Candidate,
            "{} of {n} is not enough",
            needed - 1
        );
    }
    // Vote table: voter's log ends at (2, term 2).
    let table: Vec<((u64, u64), bool)> = vec![
        ((1, 1), false), // older last term
        ((3, 1), false), // older last term even if longer
        ((1, 2), false), // same term, shorter
        ((2, 2), true),
        ((3, 2), true),
        ((1, 3), true), // newer last term wins even if shorter
    ];
    for ((li, lt), grant) in table {
        let mut v = lone(2, 3, &[1, 2], config());
        v.step(
            msg(
                1,
                2,
                4,
                MessageBody::RequestVote {
                    last_index: li,
                    last_term: lt,
                    transfer: false,
                },
            ),
            1,
        );
        let (ms, ex) = sent(&mut v);
        assert_eq!(
            ms[0].body,
            MessageBody::RequestVoteResp { granted: grant },
            "candidate ({li},{lt})"
        );
        if !grant {
            let reason = ex.iter().find_map(|e| match e {
                Explain::VoteRejected { reason, .. } => Some(reason.clone()),
                _ => None,
            });
            let want = if lt < 2 {
                VoteRejectReason::CandidateLastTermOlder {
                    candidate_last_term: lt,
                    my_last_term: 2,
                }
            } else {
                VoteRejectReason::CandidateLogShorter {
                    last_term: 2,
                    candidate_last_index: li,
                    my_last_index: 2,
                }
            };
            assert_eq!(reason, Some(want));
        }
    }
    // One vote per term: after voting for 1 in term 4, 3 is refused in term 4.
    let mut v = lone(2, 3, &[], config());
    v.step(
        msg(
            1,
            2,
            4,
            MessageBody::RequestVote {
                last_index: 0,
                last_term: 0,
                transfer: false,
            },
        ),
        1,
    );
    v.step(
        msg(
            3,
            2,
            4,
            MessageBody::RequestVote {
                last_index: 5,
                last_term: 5,
                transfer: false,
            },
        ),
        1,
    );
    v.step(
        msg(
            1,
            2,
            4,
            MessageBody::RequestVote {
                last_index: 0,
                last_term: 0,
                transfer: false,
            },
        ),
        1,
    );
    let (ms, ex) = sent(&mut v);
    let grants: Vec<bool> = ms
        .iter()
        .map(|m| m.body == MessageBody::RequestVoteResp { granted: true })
        .collect();
    assert_eq!(
        grants,
        vec![true, false, true],
        "re-granting the same candidate is fine"
    );
    assert!(ex.iter().any(|e| matches!(
        e,
        Explain::VoteRejected {
            to: 3,
            reason: VoteRejectReason::AlreadyVoted {
                voted_for: 1,
                term: 4
            },
            ..
        }
    )));
}

/// Fraction of rounds in which the two earliest of 5 timeouts fall in the same
/// tick (a tick = ET/10, as etcd's default election tick is 10).
fn same_tick_fraction(bugs: Bugs) -> f64 {
    let cfg = Config {
        election_timeout_min_us: 150_000,
        election_timeout_max_us: 299_999,
        bugs,
        ..config()
    };
    let rounds = 1000;
    let mut collide = 0;
    for r in 0..rounds {
        let mut ticks: Vec<u64> = (1..=5)
            .map(|id| {
                let n = Node::new(id, cfg.clone(), PersistedState::bootstrap(1..=5), r, 0).unwrap();
                let t = n.randomized_election_timeout();
                assert!((150_000..=299_999).contains(&t));
                t / 15_000
            })
            .collect();
        ticks.sort();
        if ticks[0] == ticks[1] {
            collide += 1;
        }
    }
    collide as f64 / rounds as f64
}

#[test]
fn s04_randomized_timeouts_rarely_collide() {
    let f = same_tick_fraction(Bugs::none());
    assert!(
        f < 1.0 / 3.0,
        "two nodes timed out on the same tick in {f} of rounds"
    );
    assert!(f > 0.0);
    assert_eq!(
        same_tick_fraction(Bugs::only(Bug::NoTimeoutRandomization)),
        1.0
    );
}

#[test]
fn s05_candidate_becomes_follower_on_append() {
    for term in [1, 2] {
        let mut n = lone(1, 0, &[], config());
        n.campaign(0);
        n.step(
            msg(
                2,
                1,
                term,
                MessageBody::AppendEntries {
                    prev_index: 0,
                    prev_term: 0,
                    entries: vec![],
                    commit: 0,
                },
            ),
            1,
        );
        assert_eq!(
            (n.role(), n.term(), n.leader()),
            (Role::Follower, term, Some(2))
        );
    }
}

fn append(prev_index: Index, prev_term: Term, entries: Vec<Entry>) -> MessageBody {
    MessageBody::AppendEntries {
        prev_index,
        prev_term,
        entries,
        commit: 0,
    }
}

#[test]
fn s06_consistency_check_with_hints() {
    // (prev index, prev term) -> None if accepted, else the hint (conflict term, conflict index).
    type Case = ((u64, u64), Option<(u64, u64)>);
    let cases: Vec<Case> = vec![
        ((0, 0), None),
        ((1, 1), None),
        ((2, 2), None),
        ((2, 1), Some((2, 2))), // conflicting term 2 starts at index 2
        ((3, 3), Some((0, 3))), // log too short: next index 3
    ];
    for ((pi, pt), reject) in cases {
        let mut f = lone(2, 2, &[1, 2], config());
        f.step(msg(1, 2, 3, append(pi, pt, vec![])), 1);
        let (ms, ex) = sent(&mut f);
        match (reject, &ms[0].body) {
            (
                None,
                MessageBody::AppendResp {
                    success: true,
                    index,
                    ..
                },
            ) => assert_eq!(*index, pi),
            (
                Some((ct, ci)),
                MessageBody::AppendResp {
                    success: false,
                    index,
                    conflict_term,
                    conflict_index,
                    ..
                },
            ) => {
                assert_eq!((*index, *conflict_term, *conflict_index), (pi, ct, ci));
                assert!(ex.iter().any(
                    |e| matches!(e, Explain::AppendRejected { prev_index, .. } if *prev_index == pi)
                ));
            }
            (want, got) => panic!("prev ({pi},{pt}): want {want:?}, got {got:?}"),
        }
        assert_eq!(terms_of(&f), vec![1, 2], "a check never changes the log");
    }
}

#[test]
fn s07_truncation_only_on_conflict() {
    let mut f = lone(2, 2, &[1, 2], config());
    let new = vec![
        Entry::new(2, 3, EntryKind::Noop),
        Entry::new(3, 4, EntryKind::Noop),
    ];
    f.step(msg(1, 2, 4, append(1, 1, new)), 1);
    assert_eq!(terms_of(&f), vec![1, 3, 4]);
    let rd = f.take_ready();
    assert_eq!(rd.truncated_from, Some(2));
    assert!(rd.explanations.iter().any(|e| matches!(
        e,
        Explain::EntriesTruncated {
            from_index: 2,
            removed: 1,
            ..
        }
    )));

    let mut f = lone(2, 2, &[1, 2], config());
    f.step(msg(1, 2, 2, append(0, 0, ents(&[1]))), 1);
    assert_eq!(terms_of(&f), vec![1, 2]);
    assert_eq!(f.take_ready().truncated_from, None);
}

#[test]
fn s08_figure7_leader_brings_every_follower_log_to_its_own() {
    let leader_log = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
    let followers: [&[Term]; 6] = [
        &[1, 1, 1, 4, 4, 5, 5, 6, 6],          // (a)
        &[1, 1, 1, 4],                         // (b)
        &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6],    // (c)
        &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7], // (d)
        &[1, 1, 1, 4, 4, 4, 4],                // (e)
        &[1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],    // (f)
    ];
    let ids: Vec<NodeId> = (1..=7).collect();
    let mut disks = BTreeMap::new();
    disks.insert(
        1,
        PersistedState::with_log(ids.clone(), 7, ents(&leader_log)),
    );
    for (i, f) in followers.iter().enumerate() {
        disks.insert(
            i as u64 + 2,
            PersistedState::with_log(ids.clone(), 7, ents(f)),
        );
    }
    let mut net = Net::with_disks(
        disks,
        Config {
            max_entries_per_msg: 3,
            ..config()
        },
    );
    net.campaign(1);
    assert!(net.node(1).is_leader());
    assert_eq!(net.node(1).term(), 8);
    net.advance(HB);
    let mut want = leader_log.to_vec();
    want.push(8); // the leader's no-op
    for id in 1..=7 {
        assert_eq!(terms_of(net.node(id)), want, "follower {id}");
        assert_eq!(net.node(id).commit(), 11);
    }
    // (c) and (d) had extra entries removed; (f) lost its terms 2 and 3.
    assert!(net.explained(4, |e| matches!(
        e,
        Explain::EntriesTruncated { from_index: 11, .. }
    )));
    assert!(net.explained(5, |e| matches!(
        e,
        Explain::EntriesTruncated { from_index: 11, .. }
    )));
    assert!(net.explained(7, |e| matches!(
        e,
        Explain::EntriesTruncated { from_index: 4, .. }
    )));
}

#[test]
fn s09_figure8_old_term_entry_not_committed_by_counting() {
    let mut net = figure8_until_c(Bugs::none());
    // S1 restarted (commit is volatile) and cannot count the term-2 entry.
    assert_eq!(
        net.node(1).commit(),
        0,
        "on a majority but from term 2: not committed"
    );
    assert!(net.explained(1, |e| matches!(
        e,
        Explain::CommitBlockedOldTerm {
            index: 3,
            entry_term: 2,
            current_term: 4,
            count: 3,
            ..
        }
    )));
    // (d) S1 crashes; S5 can be elected (S2, S3, S4) and overwrites index 3.
    let mut d = figure8_until_c(Bugs::none());
    d.crash(1);
    d.rewrite = None;
    d.start(5);
    while !d.node(5).is_leader() {
        d.campaign(5);
    }
    d.advance(HB);
    for id in [2, 3, 4, 5] {
        assert_eq!(
            d.node(id).term_at(3),
            Some(3),
            "S{id}: index 3 overwritten by term 3"
        );
    }
    assert_eq!(
        d.state_machine_conflict(),
        None,
        "nobody had applied the term-2 entry"
    );
    // (e) instead, S1 replicates its term-4 entry to a majority: both commit.
    net.rewrite = None;
    net.advance(HB);
    assert_eq!(net.node(1).commit(), 4);
    assert!(net.explained(1, |e| matches!(
        e,
        Explain::EntryCommitted {
            first_index: 1,
            index: 4,
            term: 4,
            ..
        }
    )));
    // ... and now S5 cannot win: its last term 3 is older than the majority's 4.
    net.crash(1);
    net.start(5);
    net.campaign(5);
    net.campaign(5);
    assert!(!net.node(5).is_leader());
}

#[test]
fn s10_which_groups_can_elect() {
    for pair in [[1, 2], [1, 3], [2, 3]] {
        let mut net = Net::new(&[1, 2, 3], config());
        let other = 6 - pair[0] - pair[1];
        net.isolate(other);
        net.advance(3 * ET);
        let l = net.leader().expect("two of three elect a leader");
        assert!(pair.contains(&l));
        // The isolated one stays candidate (without pre-vote).
        assert_eq!(net.node(other).role(), Role::Candidate);
    }
    // With pre-vote the lone node stays pre-candidate at its old term.
    let mut net = Net::new(
        &[1, 2, 3],
        Config {
            pre_vote: true,
            ..config()
        },
    );
    net.isolate(3);
    net.advance(5 * ET);
    assert_eq!(
        (net.node(3).role(), net.node(3).term()),
        (Role::PreCandidate, 0)
    );
    // 5 nodes: 3 suffice, 2 of 4 reachable do not.
    let mut net = Net::new(&[1, 2, 3, 4, 5], config());
    net.partition(&[1, 2, 3], &[4, 5]);
    net.advance(3 * ET);
    assert!(net.leader().is_some_and(|l| l <= 3));
    let mut net = Net::new(&[1, 2, 3, 4], config());
    net.partition(&[1, 2], &[3, 4]);
    net.advance(10 * ET);
    assert_eq!(net.leader(), None);
}

#[test]
fn s11_partitioned_old_leader_loses_uncommitted_entries() {
    let mut net = Net::new(&[1, 2, 3, 4, 5], config());
    net.campaign(1);
    let committed = net.propose(1, b"before").unwrap();
    net.partition(&[1, 2], &[3, 4, 5]);
    let lost = net.propose(1, b"lost").unwrap();
    net.advance(HB);
    assert!(net.node(1).commit() < lost, "never commits in the minority");
    net.campaign(3);
    assert!(net.node(3).is_leader());
    let kept = net.propose(3, b"new").unwrap();
    assert_eq!(net.node(3).commit(), kept);
    net.heal();
    net.advance(HB);
    assert!(!net.node(1).is_leader());
    for id in 1..=5 {
        let n = net.node(id);
        assert_eq!(
            n.entry(committed).and_then(|e| e.data()),
            Some(&b"before"[..]),
            "committed entry survives on {id}"
        );
        assert!(
            n.log_entries()
                .iter()
                .all(|e| e.data() != Some(&b"lost"[..])),
            "overwritten on {id}"
        );
        assert_eq!(n.entry(kept).and_then(|e| e.data()), Some(&b"new"[..]));
    }
}

#[test]
fn s12_check_quorum() {
    let cfg = Config {
        check_quorum: true,
        ..config()
    };
    let mut net = Net::new(&[1, 2, 3], cfg);
    net.campaign(1);
    net.isolate(1);
    // Checks run every ET over the activity of the previous ET (as etcd), so
    // the step-down comes within two timeouts of the last response.
    net.advance(ET);
    assert!(
        net.node(1).is_leader(),
        "peers were active during the first window"
    );
    net.advance(ET);
    assert!(
        !net.node(1).is_leader(),
        "no responses for an election timeout: step down"
    );
    assert!(net.explained(1, |e| matches!(
        e,
        Explain::CheckQuorumFailed {
            needed: 2,
            voters: 3,
            ..
        }
    )));
    // A follower that heard from the leader within ET ignores vote requests.
    let mut net = Net::new(&[1, 2, 3], cfg_cq());
    net.campaign(1);
    net.advance(HB);
    net.send(msg(
        3,
        2,
        5,
        MessageBody::RequestVote {
            last_index: 99,
            last_term: 99,
            transfer: false,
        },
    ));
    assert_eq!(net.node(2).term(), 1);
    assert_eq!(net.node(2).vote(), Some(1));
    assert!(net.explained(2, |e| matches!(
        e,
        Explain::MessageIgnored {
            reason: IgnoreReason::InLease { leader: 1, .. },
            ..
        }
    )));
    assert!(net.node(1).is_leader());
}

fn cfg_cq() -> Config {
    Config {
        check_quorum: true,
        ..config()
    }
}

#[test]
fn s13_prevote_stops_the_disruptive_server() {
    for pre_vote in [false, true] {
        let mut net = Net::new(
            &[1, 2, 3],
            Config {
                pre_vote,
                ..config()
            },
        );
        net.campaign(1);
        net.isolate(3);
        net.advance(10 * ET);
        let t3 = net.node(3).term();
        if pre_vote {
            assert_eq!(t3, 1, "pre-vote: the isolated node does not raise its term");
        } else {
            assert!(t3 > 1, "without pre-vote its term keeps rising");
        }
        net.heal();
        net.advance(HB);
        net.advance(3 * ET);
        if pre_vote {
            assert!(net.node(1).is_leader());
            assert_eq!(net.node(1).term(), 1, "the leader was not deposed");
        } else {
            assert!(
                net.node(1).term() > 1,
                "the rejoining node deposed the leader"
            );
            assert!(net.explained(1, |e| matches!(
                e,
                Explain::SteppingDown {
                    seen_from: Some(3),
                    ..
                }
            )));
        }
    }
}

#[test]
fn s14_read_index_is_linearizable() {
    for mode in [ReadMode::ReadIndex, ReadMode::LeaseBased] {
        let mut net = Net::new(
            &[1, 2, 3],
            Config {
                check_quorum: true,
                read_mode: mode,
                ..config()
            },
        );
        net.campaign(1);
        let w = net.propose(1, b"w").unwrap();
        net.advance(HB);
        net.read(1, 42);
        let rs = &net.reads[&1];
        assert_eq!(rs.len(), 1, "{mode:?}");
        assert!(rs[0].index >= w && rs[0].ctx == 42);
        // From a follower: forwarded to the leader.
        net.read(2, 43);
        assert!(net.reads[&2].iter().any(|r| r.ctx == 43 && r.index >= w));
        // A leader cut off from the majority cannot serve one.
        net.isolate(1);
        // (Within the lease a read would still be safe; wait until it expired.)
        net.advance(ET + HB);
        assert!(net.node(1).is_leader(), "check-quorum has not fired yet");
        net.read(1, 44);
        assert!(
            !net.reads[&1].iter().any(|r| r.ctx == 44),
            "{mode:?}: no read without a quorum"
        );
        net.advance(2 * ET);
        assert!(
            net.read_failures[&1].iter().any(|f| f.ctx == 44),
            "failed once leadership is lost"
        );
    }
}

#[test]
fn s15_leadership_transfer() {
    let mut net = Net::new(&[1, 2, 3], config());
    net.campaign(1);
    net.propose(1, b"a").unwrap();
    let now = net.now;
    net.node_mut(1).transfer_leadership(2, now).unwrap();
    net.process(1);
    net.deliver_all();
    assert!(
        net.node(2).is_leader(),
        "up-to-date target takes over at once"
    );
    assert_eq!(net.node(2).term(), 2);
    assert!(net.explained(1, |e| matches!(e, Explain::TransferCompleted { to: 2, .. })));
    // To an unreachable node: abandoned after one election timeout.
    net.isolate(3);
    let now = net.now;
    net.node_mut(2).transfer_leadership(3, now).unwrap();
    net.process(2);
    assert_eq!(
        net.propose(2, b"b"),
        Err(ProposeError::TransferInProgress { to: 3 })
    );
    net.advance(ET);
    assert!(net.explained(2, |e| matches!(
        e,
        Explain::TransferAborted {
            to: 3,
            reason: TransferAbortReason::Timeout
        }
    )));
    assert!(net.node(2).is_leader());
    assert!(net.propose(2, b"c").is_ok());
}

#[test]
fn s16_membership_changes() {
    let mut disks: BTreeMap<NodeId, PersistedState> = (1..=3)
        .map(|i| (i, PersistedState::bootstrap([1, 2, 3])))
        .collect();
    disks.insert(4, PersistedState::joining());
    disks.insert(5, PersistedState::joining());
    let mut net = Net::with_disks(
        disks,
        Config {
            pre_vote: true,
            check_quorum: true,
            ..config()
        },
    );
    net.campaign(1);
    net.advance(ET * 3);
    assert_eq!(net.node(4).role(), Role::Follower);
    assert_eq!(
        net.node(4).next_deadline(),
        None,
        "a joining node never campaigns"
    );
    for id in [4, 5] {
        net.conf_change(1, ConfChange::Simple(ConfChangeStep::AddVoter(id)))
            .unwrap();
        net.advance(HB);
        assert!(net.node(id).membership().is_voter(id));
        assert_eq!(
            net.node(id).last_index(),
            net.node(1).last_index(),
            "caught up"
        );
    }
    // One change at a time.
    net.partition(&[1, 2], &[3, 4, 5]);
    let i = net
        .conf_change(1, ConfChange::Simple(ConfChangeStep::Remove(5)))
        .unwrap();
    assert_eq!(
        net.conf_change(1, ConfChange::Simple(ConfChangeStep::Remove(4))),
        Err(ProposeError::ConfChangePending { index: i })
    );
    assert_eq!(
        net.conf_change(
            1,
            ConfChange::EnterJoint {
                steps: vec![ConfChangeStep::AddVoter(4), ConfChangeStep::AddVoter(5)],
                auto_leave: false
            }
        ),
        Err(ProposeError::ConfChangePending { index: i })
    );
    net.heal();
    net.advance(HB);
    assert_eq!(net.node(1).membership().voters, [1, 2, 3, 4].into());
    assert!(net.node(1).commit() >= i);
    // Learners and promotion.
    net.conf_change(1, ConfChange::Simple(ConfChangeStep::AddLearner(5)))
        .unwrap();
    net.advance(HB);
    assert!(net.node(5).is_learner());
    assert_eq!(net.node(5).next_deadline(), None);
    net.conf_change(1, ConfChange::Simple(ConfChangeStep::PromoteLearner(5)))
        .unwrap();
    net.advance(HB);
    assert!(!net.node(5).is_learner() && net.node(5).membership().is_voter(5));
    // Removing the leader: it steps down after committing its removal.
    let r = net
        .conf_change(1, ConfChange::Simple(ConfChangeStep::Remove(1)))
        .unwrap();
    assert!(!net.node(1).is_leader());
    assert!(net.node(1).commit() >= r);
    assert!(net.explained(1, |e| matches!(
        e,
        Explain::SteppingDown {
            reason: StepDownReason::RemovedFromConfig,
            ..
        }
    )));
    net.advance(3 * ET);
    let l = net.leader().expect("the rest elect a leader");
    assert_ne!(l, 1);
    // Joint consensus: replace 2 and 3 by 1 and 3... in one step, leaving automatically.
    let before = net.node(l).membership().voters.clone();
    let steps = vec![
        ConfChangeStep::AddVoter(1),
        ConfChangeStep::Remove(*before.iter().find(|&&v| v != l).unwrap()),
    ];
    net.conf_change(
        l,
        ConfChange::EnterJoint {
            steps,
            auto_leave: true,
        },
    )
    .unwrap();
    net.advance(HB);
    let m = net.node(l).membership().clone();
    assert!(!m.is_joint(), "auto-left the joint configuration: {m:?}");
    assert!(m.voters.contains(&1));
    assert!(net.explained(l, |e| matches!(e, Explain::LeaveJointProposed { .. })));
    // Never two leaders in a term, throughout.
    let mut leaders: BTreeMap<Term, NodeId> = BTreeMap::new();
    for (id, ex) in &net.explains {
        for e in ex {
            if let Explain::BecameLeader { term, .. } = e {
                assert_eq!(*leaders.entry(*term).or_insert(*id), *id);
            }
        }
    }
}

#[test]
fn s17_snapshot_catch_up() {
    let mut net = Net::new(&[1, 2, 3], config());
    net.campaign(1);
    net.isolate(3);
    for i in 0..10u8 {
        net.propose(1, &[i]).unwrap();
    }
    net.advance(HB);
    let applied = net.node(1).applied();
    net.node_mut(1).compact(applied, b"state".to_vec()).unwrap();
    net.process(1);
    assert_eq!(net.node(1).first_index(), applied + 1);
    net.heal();
    net.advance(HB);
    assert!(net.explained(1, |e| matches!(e, Explain::SnapshotSent { to: 3, .. })));
    assert!(net.explained(3, |e| matches!(
        e,
        Explain::SnapshotInstalled { from: 1, .. }
    )));
    assert_eq!(&*net.disks[&3].snapshot.data, b"state");
    // ... then ordinary replication.
    net.propose(1, b"after").unwrap();
    net.advance(HB);
    assert_eq!(net.node(3).last_index(), net.node(1).last_index());
    assert_eq!(net.node(3).commit(), net.node(1).commit());
    assert!(net
        .node(1)
        .progress()
        .iter()
        .all(|p| p.state == ProgressState::Replicate || p.id == 1));
}
