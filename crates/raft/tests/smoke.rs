mod common;
use common::*;
use quorum_raft::*;

#[test]
fn three_nodes_elect_and_commit() {
    let mut net = Net::new(&[1, 2, 3], config());
    net.advance(2 * ET);
    let l = net.leader().expect("a leader");
    assert_eq!(net.leaders().len(), 1);
    let idx = net.propose(l, b"x").unwrap();
    for id in [1, 2, 3] {
        assert_eq!(net.node(id).commit(), idx, "node {id}");
    }
    net.advance(HB);
    for id in [1, 2, 3] {
        assert!(net.applied[&id].contains_key(&idx));
    }
}

#[test]
fn five_nodes_prevote_checkquorum_elect_and_commit() {
    let cfg = Config {
        pre_vote: true,
        check_quorum: true,
        ..config()
    };
    let mut net = Net::new(&[1, 2, 3, 4, 5], cfg);
    net.advance(2 * ET);
    let l = net.leader().expect("a leader");
    let idx = net.propose(l, b"x").unwrap();
    for id in 1..=5 {
        assert_eq!(net.node(id).commit(), idx, "node {id}");
    }
    net.advance(10 * ET);
    assert_eq!(net.leader(), Some(l));
    assert_eq!(net.node(l).term(), 1);
}
