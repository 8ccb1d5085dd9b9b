//! The simulator: elections happen, clients get linearizable answers, runs are deterministic,
//! time travel is exact, run descriptions round-trip.

use quorum_sim::lincheck::check;
use quorum_sim::{ClientConfig, RunDescription, SimConfig, TimedAction, UserAction, World};

fn run(seed: u64, clients: u32) -> RunDescription {
    let config = SimConfig {
        clients: ClientConfig {
            clients,
            ..ClientConfig::default()
        },
        ..SimConfig::default()
    };
    RunDescription {
        config,
        seed,
        actions: Vec::new(),
    }
}

#[test]
fn elects_a_leader_and_serves_clients_linearizably() {
    let mut w: World = World::new(run(1, 4)).expect("world");
    w.advance_to(10_000_000);
    assert!(w.leader().is_some(), "a leader within 10 s");
    assert!(w.violations().is_empty(), "{:?}", w.violations());
    let h = w.history();
    assert!(h.ops.len() > 50, "only {} ops", h.ops.len());
    assert!(h.ops.iter().filter(|o| !o.is_unknown()).count() > 40);
    assert!(check(&h).is_linearizable());
}

#[test]
fn same_run_same_trace_and_json_round_trips() {
    let mut d = run(7, 3);
    d.actions.push(TimedAction {
        at_us: 2_000_000,
        action: UserAction::StopNode { node: 1 },
    });
    d.actions.push(TimedAction {
        at_us: 3_000_000,
        action: UserAction::Partition {
            groups: vec![vec![2, 3], vec![4, 5]],
        },
    });
    d.actions.push(TimedAction {
        at_us: 4_000_000,
        action: UserAction::Heal,
    });
    d.actions.push(TimedAction {
        at_us: 4_500_000,
        action: UserAction::RestartNode { node: 1 },
    });
    let json = d.to_json();
    let back = RunDescription::from_json(&json).expect("parse");
    assert_eq!(back, d);
    assert_eq!(back.to_json(), json);
    let mut a: World = World::new(d.clone()).expect("world");
    let mut b: World = World::new(back).expect("world");
    a.advance_to(6_000_000);
    b.advance_to(6_000_000);
    assert_eq!(a.trace_hash(), b.trace_hash());
    assert_eq!(a.event_count(), b.event_count());
    let mut c: World = World::new(run(8, 3)).expect("world");
    c.advance_to(6_000_000);
    assert_ne!(a.trace_hash(), c.trace_hash());
}

#[test]
fn live_actions_equal_replayed_description() {
    let mut live: World = World::new(run(3, 2)).expect("world");
    live.advance_to(1_500_000);
    live.apply(UserAction::StopNode { node: 2 }).expect("stop");
    live.advance_to(2_000_000);
    live.apply(UserAction::ClientWrite {
        node: 3,
        key: "x".into(),
        value: "1".into(),
    })
    .expect("write");
    live.apply(UserAction::ClientRead {
        node: 4,
        key: "x".into(),
    })
    .expect("read");
    live.advance_to(3_000_000);
    let desc = live.run_description();
    let mut replay: World = World::new(desc).expect("world");
    replay.advance_to(3_000_000);
    assert_eq!(live.trace_hash(), replay.trace_hash());
}

#[test]
fn time_travel_is_exact() {
    let mut w: World = World::new(run(5, 3)).expect("world");
    w.advance_to(5_000_000);
    let (events, hash) = (w.event_count(), w.trace_hash());
    // Step back and forward.
    assert!(w.step_back());
    assert_eq!(w.event_count(), events - 1);
    assert!(w.step());
    assert_eq!(w.trace_hash(), hash);
    // Seek to the past, then return.
    w.seek(1_234_567);
    assert!(w.now() == 1_234_567 && w.event_count() < events);
    let mid = w.trace_hash();
    w.seek(5_000_000);
    assert_eq!((w.event_count(), w.trace_hash()), (events, hash));
    // A fresh run to the same instant agrees.
    let mut f: World = World::new(run(5, 3)).expect("world");
    f.advance_to(1_234_567);
    assert_eq!(f.trace_hash(), mid);
    // Fork: an action in the past discards the old future.
    w.seek(2_000_000);
    w.apply(UserAction::StopNode { node: 1 }).expect("stop");
    w.advance_to(5_000_000);
    assert_ne!(w.trace_hash(), hash);
    let mut g: World = World::new(w.run_description()).expect("world");
    g.advance_to(5_000_000);
    assert_eq!(g.trace_hash(), w.trace_hash());
}

/// Runs to `until`, reading every node's Raft snapshot every 50 ms, as a run whose followers
/// keep needing InstallSnapshot would: reading makes the bytes of a lazy snapshot.
fn advance_reading_snapshots(w: &mut World, until: u64) {
    let mut t = w.now();
    while t < until {
        t = (t + 50_000).min(until);
        w.advance_to(t);
        for id in w.node_ids() {
            let _ = w.disk(id).map(|d| d.snapshot.data.len());
        }
    }
}

#[test]
fn raft_snapshots_are_made_only_when_read() {
    // Every 10 applied entries each node compacts its log. Only the few snapshots that are
    // read (InstallSnapshot to a follower that fell behind the leader's compaction) are
    // serialized; a run that reads every one of them behaves exactly the same.
    let mut d = run(11, 4);
    d.config.compact_every = 10;
    let mut w: World = World::new(d.clone()).expect("world");
    w.advance_to(30_000_000);
    let mut reading: World = World::new(d).expect("world");
    advance_reading_snapshots(&mut reading, 30_000_000);
    assert_eq!(w.trace_hash(), reading.trace_hash());
    assert!(
        w.snapshot_bytes() * 10 < reading.snapshot_bytes(),
        "{} bytes made, {} when all are read",
        w.snapshot_bytes(),
        reading.snapshot_bytes()
    );
    let leader = w.leader().expect("a leader");
    let disk = w.disk(leader).expect("leader's disk").clone();
    assert!(disk.snapshot.meta.index > 0, "the leader compacted its log");
    assert_eq!(disk.snapshot.data.made_len(), 0, "nobody read it");
    // Made now, the bytes hold the state machine as it was at the snapshot's index.
    let mut restored = quorum_sim::KvStore::default();
    quorum_sim::StateMachine::restore(&mut restored, &disk.snapshot.data);
    assert!(disk.snapshot.data.made_len() > 0);
    assert_eq!(
        quorum_sim::StateMachine::snapshot(&restored),
        disk.snapshot.data.to_vec()
    );
}

#[test]
fn time_travel_thins_to_its_byte_budget_and_stays_exact() {
    // Snapshot every 10 applied entries so each node's Raft snapshot changes often, and read
    // them all so their bytes are made.
    let mut d = run(11, 4);
    d.config.compact_every = 10;
    let budget = 4_000;
    let mut w: World = World::new(d.clone()).expect("world");
    w.set_snapshot_byte_budget(budget);
    advance_reading_snapshots(&mut w, 30_000_000);
    let mut unbounded: World = World::new(d.clone()).expect("world");
    advance_reading_snapshots(&mut unbounded, 30_000_000);
    assert!(
        unbounded.snapshot_bytes() > budget,
        "the run must hold more than the budget without it"
    );
    assert!(
        w.snapshot_bytes() <= budget || w.snapshot_count() <= 2,
        "{} bytes in {} snapshots",
        w.snapshot_bytes(),
        w.snapshot_count()
    );
    assert!(w.snapshot_count() < unbounded.snapshot_count());
    assert_eq!(w.trace_hash(), unbounded.trace_hash());
    // Seeking through the thinned snapshots lands exactly where a fresh run does.
    for t in [1_500_000, 12_345_678, 29_000_000] {
        w.seek(t);
        let mut fresh: World = World::new(d.clone()).expect("world");
        fresh.advance_to(t);
        assert_eq!(w.trace_hash(), fresh.trace_hash(), "at {t} µs");
    }
}

/// A follower cut off while clients keep writing fills its in-flight window with appends
/// that are all lost. Once the partition heals it must catch up: its heartbeat answers free
/// a slot of the full window (as in etcd), the next append exposes the gap, and probing
/// brings it back. It used to stay behind for good.
#[test]
fn a_follower_partitioned_under_load_catches_up_after_healing() {
    let mut w: World = World::new(quorum_sim::bench_description()).expect("world");
    w.advance_to(3_000_000);
    let leader = w.leader().expect("a leader within 3 s");
    let cut = if leader == 5 { 4 } else { 5 };
    let rest: Vec<u64> = (1..=5).filter(|&n| n != cut).collect();
    w.apply(UserAction::Partition {
        groups: vec![rest, vec![cut]],
    })
    .expect("partition");
    w.advance_to(13_000_000);
    let applied = |w: &World, id: u64| w.nodes().iter().find(|n| n.id == id).map(|n| n.applied);
    let behind = applied(&w, cut).unwrap_or(0);
    w.apply(UserAction::Heal).expect("heal");
    w.advance_to(16_000_000);
    let leader = w.leader().expect("a leader after healing");
    let (lead, caught) = (applied(&w, leader), applied(&w, cut));
    assert!(
        lead > Some(behind + 300),
        "the majority went on: {lead:?} vs {behind}"
    );
    assert!(
        caught.zip(lead).is_some_and(|(c, l)| c + 20 >= l),
        "the healed follower is at {caught:?}, the leader at {lead:?}"
    );
}
