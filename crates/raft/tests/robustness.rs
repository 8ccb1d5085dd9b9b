//! Any message, however stale, duplicated or nonsensical, is handled without
//! panic, and a node that received garbage keeps its basic invariants.

mod common;
use common::*;
use proptest::prelude::*;
use quorum_raft::*;

fn num() -> impl Strategy<Value = u64> {
    prop_oneof![0..6u64, Just(u64::MAX), Just(u64::MAX - 1), any::<u64>()]
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        num(),
        num(),
        prop_oneof![Just(EntryKind::Noop), Just(EntryKind::Normal(vec![1]))],
    )
        .prop_map(|(i, t, k)| Entry::new(i, t, k))
}

fn body() -> impl Strategy<Value = MessageBody> {
    prop_oneof![
        (num(), num()).prop_map(|(last_index, last_term)| MessageBody::PreVote {
            last_index,
            last_term
        }),
        any::<bool>().prop_map(|granted| MessageBody::PreVoteResp { granted }),
        (num(), num(), any::<bool>()).prop_map(|(last_index, last_term, transfer)| {
            MessageBody::RequestVote {
                last_index,
                last_term,
                transfer,
            }
        }),
        any::<bool>().prop_map(|granted| MessageBody::RequestVoteResp { granted }),
        (num(), num(), prop::collection::vec(entry(), 0..4), num()).prop_map(
            |(prev_index, prev_term, entries, commit)| MessageBody::AppendEntries {
                prev_index,
                prev_term,
                entries,
                commit
            }
        ),
        (num(), num(), any::<bool>(), num()).prop_map(|(prev_index, prev_term, _, commit)| {
            // A well-formed batch after an arbitrary prefix.
            let entries = (1..3)
                .filter_map(|k| prev_index.checked_add(k))
                .map(|i| Entry::new(i, prev_term, EntryKind::Noop))
                .collect();
            MessageBody::AppendEntries {
                prev_index,
                prev_term,
                entries,
                commit,
            }
        }),
        (any::<bool>(), num(), num(), num(), num()).prop_map(
            |(success, index, conflict_term, conflict_index, last_index)| {
                MessageBody::AppendResp {
                    success,
                    index,
                    conflict_term,
                    conflict_index,
                    last_index,
                }
            }
        ),
        (num(), num()).prop_map(|(commit, seq)| MessageBody::Heartbeat { commit, seq }),
        num().prop_map(|seq| MessageBody::HeartbeatResp { seq }),
        (num(), num()).prop_map(|(index, term)| MessageBody::InstallSnapshot {
            snapshot: Snapshot {
                meta: SnapshotMeta {
                    index,
                    term,
                    membership: Membership::with_voters([1, 2, 3])
                },
                data: vec![]
            }
        }),
        Just(MessageBody::TimeoutNow),
        num().prop_map(|ctx| MessageBody::ReadIndex { ctx }),
        (num(), proptest::option::of(num()))
            .prop_map(|(ctx, index)| MessageBody::ReadIndexResp { ctx, index }),
    ]
}

fn message() -> impl Strategy<Value = Message> {
    (
        prop_oneof![0..5u64, Just(u64::MAX)],
        prop_oneof![Just(1u64), 0..4u64],
        prop_oneof![0..4u64, num()],
        body(),
    )
        .prop_map(|(from, to, term, body)| Message {
            from,
            to,
            term,
            body,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn garbage_never_panics(leader in any::<bool>(), msgs in prop::collection::vec(message(), 1..40)) {
        let mut net = Net::new(&[1, 2, 3], Config { pre_vote: true, check_quorum: true, ..config() });
        if leader {
            net.campaign(1);
            net.propose(1, b"a").unwrap();
        }
        let mut last_term = net.node(1).term();
        let mut last_commit = net.node(1).commit();
        let mut t = 1_000;
        for m in msgs {
            t += 5_000;
            let n = net.node_mut(1);
            n.step(m, t);
            n.tick(t);
            let _ = n.propose(vec![9], t);
            n.read_index(3, t);
            let rd = n.take_ready();
            prop_assert!(!rd.explanations.is_empty());
            prop_assert!(n.term() >= last_term);
            prop_assert!(n.commit() >= last_commit);
            prop_assert!(n.applied() <= n.commit());
            prop_assert!(n.commit() <= n.last_index());
            if let Some(d) = n.next_deadline() {
                prop_assert!(d >= t || n.is_leader());
            }
            last_term = n.term();
            last_commit = n.commit();
        }
    }
}

#[test]
fn unknown_sender_and_wrong_recipient_are_explained() {
    let mut net = Net::new(&[1, 2, 3], config());
    net.campaign(1);
    let n = net.node_mut(1);
    n.take_ready();
    n.step(
        Message {
            from: 9,
            to: 1,
            term: 1,
            body: MessageBody::HeartbeatResp { seq: 1 },
        },
        10,
    );
    n.step(
        Message {
            from: 2,
            to: 7,
            term: 1,
            body: MessageBody::HeartbeatResp { seq: 1 },
        },
        10,
    );
    n.step(
        Message {
            from: 2,
            to: 1,
            term: 1,
            body: MessageBody::AppendResp {
                success: true,
                index: 99,
                conflict_term: 0,
                conflict_index: 0,
                last_index: 99,
            },
        },
        10,
    );
    let ex = n.take_ready().explanations;
    assert!(matches!(
        ex[0],
        Explain::MessageIgnored {
            from: 9,
            reason: IgnoreReason::UnknownSender,
            ..
        }
    ));
    assert!(matches!(
        ex[1],
        Explain::MessageIgnored {
            reason: IgnoreReason::WrongRecipient { to: 7 },
            ..
        }
    ));
    assert!(matches!(
        ex[2],
        Explain::MessageIgnored {
            reason: IgnoreReason::NonsensicalIndex {
                index: 99,
                last_index: 1
            },
            ..
        }
    ));
}

#[test]
fn restart_keeps_term_vote_log_but_not_commit() {
    let mut net = Net::new(&[1, 2, 3], config());
    net.campaign(1);
    let x = net.propose(1, b"x").unwrap();
    net.advance(HB);
    assert_eq!(net.node(2).commit(), x);
    net.crash(2);
    net.start(2);
    let n = net.node(2);
    assert_eq!((n.term(), n.vote(), n.last_index()), (1, Some(1), x));
    assert_eq!(n.commit(), 0, "commit is volatile (paper Figure 2)");
    net.advance(HB);
    assert_eq!(net.node(2).commit(), x, "relearned from the leader");
}

#[test]
fn config_and_bugs_serde_round_trip() {
    let c = Config {
        bugs: Bugs::only(Bug::StaleLocalReads),
        ..Config::default()
    };
    let s = serde_json::to_string(&c).unwrap();
    assert!(s.contains("stale_local_reads"));
    assert_eq!(serde_json::from_str::<Config>(&s).unwrap(), c);
    let m = Message {
        from: 1,
        to: 2,
        term: 3,
        body: MessageBody::TimeoutNow,
    };
    assert_eq!(
        serde_json::from_str::<Message>(&serde_json::to_string(&m).unwrap()).unwrap(),
        m
    );
    assert_eq!(m.body.kind_name(), "timeout_now");
}

#[test]
fn same_seed_same_run() {
    let run = || {
        let mut net = Net::new(
            &[1, 2, 3, 4, 5],
            Config {
                pre_vote: true,
                ..config()
            },
        );
        net.advance(5 * ET);
        let l = net.leader().unwrap();
        net.propose(l, b"a").unwrap();
        net.advance(ET);
        (
            l,
            net.delivered.clone(),
            net.node(1).randomized_election_timeout(),
        )
    };
    assert_eq!(run(), run());
}
