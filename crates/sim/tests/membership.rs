//! Servers added while the cluster runs learn the whole configuration and become members.

use quorum_sim::{RunDescription, SimConfig, UserAction, World};

fn world(nodes: u64) -> World {
    let config = SimConfig {
        nodes,
        ..SimConfig::default()
    };
    let mut world = World::new(RunDescription {
        config,
        seed: 3,
        actions: Vec::new(),
    })
    .unwrap();
    world.run_until(10_000_000, |w| w.leader().is_some());
    assert!(world.leader().is_some(), "a leader within 10 s");
    // Let the new leader commit its first entry, as it must before any membership change.
    world.advance_to(world.now() + 1_000_000);
    world
}

#[test]
fn an_added_voter_learns_the_configuration_and_catches_up() {
    let mut world = world(3);
    world.apply(UserAction::AddNode { node: 4 }).unwrap();
    world.advance_to(world.now() + 3_000_000);
    let node = world.node(4).expect("S4 runs");
    let voters: Vec<u64> = node.membership().voters.iter().copied().collect();
    assert_eq!(voters, vec![1, 2, 3, 4]);
    let leader = world.leader().unwrap();
    let leader_commit = world.node(leader).unwrap().commit();
    assert_eq!(node.commit(), leader_commit);
    // S4 now counts: with two of the original three stopped, S4 and the last one are not a
    // majority of four, but with one stopped, three of four still commit.
    let other = [1, 2, 3].into_iter().find(|&n| n != leader).unwrap();
    world.apply(UserAction::StopNode { node: other }).unwrap();
    let before = world.node(leader).map(|n| n.commit()).unwrap_or(0);
    world
        .apply(UserAction::ClientWrite {
            node: leader,
            key: "k".into(),
            value: "v".into(),
        })
        .unwrap();
    world.advance_to(world.now() + 2_000_000);
    let after = world
        .leader()
        .and_then(|l| world.node(l))
        .map(|n| n.commit())
        .unwrap_or(0);
    assert!(after > before, "a write commits with 3 of 4 voters");
    assert!(world.violations().is_empty(), "{:?}", world.violations());
}

#[test]
fn a_refused_addition_leaves_no_server_behind() {
    let config = SimConfig {
        nodes: 3,
        ..SimConfig::default()
    };
    let mut world: World = World::new(RunDescription {
        config,
        seed: 3,
        actions: Vec::new(),
    })
    .unwrap();
    assert!(
        world.apply(UserAction::AddNode { node: 4 }).is_err(),
        "no leader yet"
    );
    assert!(!world.node_ids().contains(&4));
}

#[test]
fn an_added_learner_replicates_without_voting() {
    let mut world = world(3);
    world.apply(UserAction::AddLearner { node: 4 }).unwrap();
    world.advance_to(world.now() + 3_000_000);
    let node = world.node(4).expect("S4 runs");
    assert!(node.membership().learners.contains(&4));
    assert!(!node.membership().voters.contains(&4));
    let leader = world.leader().unwrap();
    assert_eq!(node.commit(), world.node(leader).unwrap().commit());
    world.apply(UserAction::PromoteLearner { node: 4 }).unwrap();
    world.advance_to(world.now() + 3_000_000);
    assert!(world.node(4).unwrap().membership().voters.contains(&4));
    assert!(world.violations().is_empty(), "{:?}", world.violations());
}
