//! Fuzzing the Raft core with arbitrary sequences: messages delivered in any order,
//! duplicated or lost, timers firing at random instants, crashes and restarts, proposals,
//! reads, transfers and membership changes, and (in the second property) forged messages.
//!
//! On an honest but chaotic network Raft's safety holds (one leader per term, applied entries
//! agree); with forged messages only "no panic" and each node's own invariants are promised.
//!
//! Cases: `QUORUM_FUZZ_CASES` (default 256, what CI runs); the seed: `QUORUM_FUZZ_SEED`
//! (default fixed, so CI is deterministic). The count run for the record is in bench/fuzz.md.

mod common;
use common::*;
use proptest::prelude::*;
use quorum_raft::*;
use std::collections::BTreeMap;

fn cases() -> u32 {
    std::env::var("QUORUM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn seed() -> u64 {
    std::env::var("QUORUM_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(9)
}

const IDS: [NodeId; 5] = [1, 2, 3, 4, 5];

#[derive(Clone, Debug)]
enum Op {
    /// Deliver the queued message at this position (modulo the queue's length).
    Deliver(usize),
    Duplicate(usize),
    Drop(usize),
    /// Let time pass and fire this node's timers.
    Tick(usize, u64),
    Crash(usize),
    Restart(usize),
    Propose(usize),
    Read(usize, u64),
    Transfer(usize, usize),
    Campaign(usize),
    ConfChange(usize, u8, NodeId),
    /// A forged message (only in the second property).
    Forge(Message),
}

/// Any forged message between the cluster's ids and a few strangers.
fn forged() -> impl Strategy<Value = Message> {
    forge::message(0..7u64, 0..7u64)
}

fn op(forge: bool) -> impl Strategy<Value = Op> {
    let honest = prop_oneof![
        8 => any::<usize>().prop_map(Op::Deliver),
        1 => any::<usize>().prop_map(Op::Duplicate),
        1 => any::<usize>().prop_map(Op::Drop),
        4 => (0..5usize, 1..150_000u64).prop_map(|(n, dt)| Op::Tick(n, dt)),
        1 => (0..5usize).prop_map(Op::Crash),
        1 => (0..5usize).prop_map(Op::Restart),
        2 => (0..5usize).prop_map(Op::Propose),
        1 => (0..5usize, any::<u64>()).prop_map(|(n, c)| Op::Read(n, c)),
        1 => (0..5usize, 0..5usize).prop_map(|(n, to)| Op::Transfer(n, to)),
        1 => (0..5usize).prop_map(Op::Campaign),
        1 => (0..5usize, 0..4u8, 1..8u64).prop_map(|(n, k, id)| Op::ConfChange(n, k, id)),
    ];
    if forge {
        prop_oneof![6 => honest, 1 => forged().prop_map(Op::Forge)].boxed()
    } else {
        honest.boxed()
    }
}

fn cfg() -> Config {
    Config {
        pre_vote: true,
        check_quorum: true,
        ..config()
    }
}

/// Handles a node's Ready. On an honest network through the harness (which also checks that
/// no index is ever applied with two different entries); with forged messages a node may
/// legitimately be talked into replacing entries it does not know are committed (after a
/// restart its commit index is 0), so only the Ready is consumed and the messages queued.
fn process(net: &mut Net, id: NodeId, honest: bool) {
    if honest {
        net.process(id);
        return;
    }
    let Some(Some(node)) = net.nodes.get_mut(&id) else {
        return;
    };
    let rd = node.take_ready();
    net.disks.entry(id).or_default().apply_ready(&rd);
    net.queue.extend(rd.messages);
}

/// Starts (or restarts) `id` from its disk. A node that never ran starts as a new member does
/// in etcd (`--initial-cluster`): knowing the initial members, not yet one of them. (Started
/// with an empty disk it would derive its membership from the log alone, see bench/fuzz.md.)
fn start(net: &mut Net, id: NodeId, honest: bool) {
    let disk = net
        .disks
        .entry(id)
        .or_insert_with(|| PersistedState::bootstrap(IDS[..3].iter().copied()))
        .clone();
    let node = Node::new(id, net.cfg.clone(), disk, net.seed, net.now).expect("valid config");
    net.nodes.insert(id, Some(node));
    process(net, id, honest);
}

/// Applies one operation to the cluster; never delivers more than one message.
fn apply(net: &mut Net, op: Op, honest: bool) {
    let alive = |net: &Net, i: usize| {
        let id = IDS[i % IDS.len()];
        net.nodes
            .get(&id)
            .is_some_and(|n| n.is_some())
            .then_some(id)
    };
    match op {
        Op::Deliver(i) | Op::Duplicate(i) | Op::Drop(i) if net.queue.is_empty() => {
            let _ = i;
        }
        Op::Deliver(i) => {
            let i = i % net.queue.len();
            if let Some(m) = net.queue.remove(i) {
                let to = m.to;
                if let Some(Some(node)) = net.nodes.get_mut(&to) {
                    node.step(m, net.now);
                    process(net, to, honest);
                }
            }
        }
        Op::Duplicate(i) => {
            let m = net.queue[i % net.queue.len()].clone();
            net.queue.push_back(m);
        }
        Op::Drop(i) => {
            let i = i % net.queue.len();
            net.queue.remove(i);
        }
        Op::Tick(i, dt) => {
            net.now = net.now.saturating_add(dt);
            if let Some(id) = alive(net, i) {
                let now = net.now;
                net.node_mut(id).tick(now);
                process(net, id, honest);
            }
        }
        Op::Crash(i) => net.crash(IDS[i]),
        Op::Restart(i) => {
            if alive(net, i).is_none() {
                start(net, IDS[i], honest);
            }
        }
        Op::Propose(i) => {
            if let Some(id) = alive(net, i) {
                let now = net.now;
                let _ = net.node_mut(id).propose(vec![i as u8], now);
                process(net, id, honest);
            }
        }
        Op::Read(i, ctx) => {
            if let Some(id) = alive(net, i) {
                let now = net.now;
                net.node_mut(id).read_index(ctx, now);
                process(net, id, honest);
            }
        }
        Op::Transfer(i, to) => {
            if let Some(id) = alive(net, i) {
                let now = net.now;
                let _ = net.node_mut(id).transfer_leadership(IDS[to], now);
                process(net, id, honest);
            }
        }
        Op::Campaign(i) => {
            if let Some(id) = alive(net, i) {
                let now = net.now;
                net.node_mut(id).campaign(now);
                process(net, id, honest);
            }
        }
        Op::ConfChange(i, kind, node) => {
            if let Some(id) = alive(net, i) {
                let step = match kind {
                    0 => ConfChangeStep::AddVoter(node),
                    1 => ConfChangeStep::AddLearner(node),
                    2 => ConfChangeStep::PromoteLearner(node),
                    _ => ConfChangeStep::Remove(node),
                };
                let now = net.now;
                let _ = net
                    .node_mut(id)
                    .propose_conf_change(ConfChange::Simple(step), now);
                process(net, id, honest);
            }
        }
        Op::Forge(m) => net.queue.push_back(m),
    }
}

/// Each live node's own invariants, and (on an honest network) one leader per term.
fn check(net: &Net, leaders: &mut BTreeMap<Term, NodeId>, honest: bool) -> Result<(), String> {
    for id in net.alive() {
        let n = net.node(id);
        if n.commit() > n.last_index() {
            return Err(format!(
                "node {id}: commit {} > last {}",
                n.commit(),
                n.last_index()
            ));
        }
        if honest && n.is_leader() {
            if let Some(other) = leaders.insert(n.term(), id) {
                if other != id {
                    return Err(format!(
                        "two leaders in term {}: {other} and {id}",
                        n.term()
                    ));
                }
            }
        }
    }
    if honest {
        if let Some(i) = net.state_machine_conflict() {
            return Err(format!("applied entries differ at index {i}"));
        }
    }
    Ok(())
}

fn run(ops: Vec<Op>, honest: bool) -> Result<(), TestCaseError> {
    let mut net = Net::new(&IDS[..3], cfg());
    let mut leaders = BTreeMap::new();
    for op in ops {
        apply(&mut net, op, honest);
        check(&net, &mut leaders, honest).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed()),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn chaotic_network_keeps_raft_safe(ops in prop::collection::vec(op(false), 1..300)) {
        run(ops, true)?;
    }

    #[test]
    fn forged_messages_never_panic(ops in prop::collection::vec(op(true), 1..300)) {
        run(ops, false)?;
    }
}
