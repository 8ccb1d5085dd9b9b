//! Any message, however stale, duplicated or nonsensical, is handled without
//! panic, and a node that received garbage keeps its basic invariants.

mod common;
use common::*;
use proptest::prelude::*;
use quorum_raft::*;

fn message() -> impl Strategy<Value = Message> {
    forge::message(
        prop_oneof![0..5u64, Just(u64::MAX)],
        prop_oneof![Just(1u64), 0..4u64],
    )
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
