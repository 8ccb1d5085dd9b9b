//! A tiny in-process network for tests (like etcd's `network` in raft_test.go):
//! zero-latency delivery in FIFO order, link cuts, crashes and restarts from
//! each node's persisted state. Time only moves when the test says so.
#![allow(dead_code)]

pub mod etcd;
pub mod forge;

use quorum_raft::*;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

pub const ET: u64 = 100_000; // election timeout min (µs)
pub const HB: u64 = 20_000;

pub fn config() -> Config {
    Config {
        election_timeout_min_us: ET,
        election_timeout_max_us: 2 * ET - 1,
        heartbeat_interval_us: HB,
        pre_vote: false,
        check_quorum: false,
        ..Config::default()
    }
}

pub fn ents(terms: &[Term]) -> Vec<Entry> {
    terms
        .iter()
        .enumerate()
        .map(|(i, &t)| Entry::new(i as u64 + 1, t, EntryKind::Normal(vec![i as u8])))
        .collect()
}

pub fn terms_of(n: &Node) -> Vec<Term> {
    n.log_entries().iter().map(|e| e.term).collect()
}

pub struct Net {
    pub cfg: Config,
    pub seed: u64,
    pub now: u64,
    pub nodes: BTreeMap<NodeId, Option<Node>>,
    pub disks: BTreeMap<NodeId, PersistedState>,
    /// Entries each node applied, by index (state machine safety is checked on this).
    pub applied: BTreeMap<NodeId, BTreeMap<Index, Entry>>,
    pub explains: BTreeMap<NodeId, Vec<Explain>>,
    pub reads: BTreeMap<NodeId, Vec<ReadState>>,
    pub read_failures: BTreeMap<NodeId, Vec<ReadFailure>>,
    /// Directed links that drop everything.
    pub cut: BTreeSet<(NodeId, NodeId)>,
    /// Drop only messages of these kinds (any link).
    pub drop_kinds: BTreeSet<MessageKind>,
    pub queue: VecDeque<Message>,
    pub delivered: Vec<Message>,
    /// Drop every message for which this returns true.
    pub filter: Option<fn(&Message) -> bool>,
    /// Alters every message in flight.
    pub rewrite: Option<fn(&mut Message)>,
}

impl Net {
    pub fn new(ids: &[NodeId], cfg: Config) -> Net {
        let disks = ids
            .iter()
            .map(|&id| (id, PersistedState::bootstrap(ids.iter().copied())))
            .collect();
        Net::with_disks(disks, cfg)
    }

    pub fn with_disks(disks: BTreeMap<NodeId, PersistedState>, cfg: Config) -> Net {
        let mut net = Net {
            cfg,
            seed: 7,
            now: 0,
            nodes: BTreeMap::new(),
            disks: BTreeMap::new(),
            applied: BTreeMap::new(),
            explains: BTreeMap::new(),
            reads: BTreeMap::new(),
            read_failures: BTreeMap::new(),
            cut: BTreeSet::new(),
            drop_kinds: BTreeSet::new(),
            queue: VecDeque::new(),
            delivered: Vec::new(),
            filter: None,
            rewrite: None,
        };
        for (id, disk) in disks {
            net.disks.insert(id, disk);
            net.start(id);
        }
        net
    }

    /// Starts (or restarts) `id` from its disk.
    pub fn start(&mut self, id: NodeId) {
        let disk = self.disks.get(&id).cloned().unwrap_or_default();
        let node =
            Node::new(id, self.cfg.clone(), disk, self.seed, self.now).expect("valid config");
        self.nodes.insert(id, Some(node));
        self.applied.entry(id).or_default();
        self.process(id);
    }

    pub fn crash(&mut self, id: NodeId) {
        self.nodes.insert(id, None);
        self.queue.retain(|m| m.to != id);
    }

    pub fn node(&self, id: NodeId) -> &Node {
        self.nodes[&id].as_ref().expect("node is up")
    }

    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        self.nodes
            .get_mut(&id)
            .and_then(|n| n.as_mut())
            .expect("node is up")
    }

    pub fn alive(&self) -> Vec<NodeId> {
        self.nodes
            .iter()
            .filter(|(_, n)| n.is_some())
            .map(|(id, _)| *id)
            .collect()
    }

    pub fn isolate(&mut self, id: NodeId) {
        for &other in self.nodes.keys() {
            if other != id {
                self.cut.insert((id, other));
                self.cut.insert((other, id));
            }
        }
    }

    pub fn partition(&mut self, a: &[NodeId], b: &[NodeId]) {
        for &x in a {
            for &y in b {
                self.cut.insert((x, y));
                self.cut.insert((y, x));
            }
        }
    }

    pub fn heal(&mut self) {
        self.cut.clear();
        self.drop_kinds.clear();
    }

    /// Handles a node's Ready: persist, record applies, enqueue messages.
    pub fn process(&mut self, id: NodeId) {
        let Some(Some(node)) = self.nodes.get_mut(&id) else {
            return;
        };
        let rd = node.take_ready();
        let disk = self.disks.entry(id).or_default();
        disk.apply_ready(&rd);
        let applied = self.applied.entry(id).or_default();
        if let Some(s) = &rd.snapshot {
            // The state machine is replaced by the snapshot: forget what it covers.
            applied.retain(|i, _| *i > s.meta.index);
        }
        for e in rd.committed_entries {
            if let Some(prev) = applied.get(&e.index) {
                assert_eq!(
                    prev, &e,
                    "node {id} re-applied a different entry at {}",
                    e.index
                );
            }
            applied.insert(e.index, e);
        }
        self.explains.entry(id).or_default().extend(rd.explanations);
        self.reads.entry(id).or_default().extend(rd.read_states);
        self.read_failures
            .entry(id)
            .or_default()
            .extend(rd.read_failures);
        for mut m in rd.messages {
            if let Some(r) = self.rewrite {
                r(&mut m);
            }
            let filtered = self.filter.is_some_and(|f| f(&m));
            if !self.cut.contains(&(m.from, m.to))
                && !self.drop_kinds.contains(&m.kind())
                && !filtered
            {
                self.queue.push_back(m);
            }
        }
    }

    /// Delivers queued messages (and their consequences) until quiet.
    pub fn deliver_all(&mut self) {
        let mut budget = 100_000;
        while let Some(m) = self.queue.pop_front() {
            budget -= 1;
            if budget == 0 {
                let tail: Vec<_> = self.delivered.iter().rev().take(8).collect();
                panic!("message storm: {tail:#?}");
            }
            let to = m.to;
            if let Some(Some(node)) = self.nodes.get_mut(&to) {
                self.delivered.push(m.clone());
                node.step(m, self.now);
                self.process(to);
            }
        }
    }

    /// Injects one message directly and processes the consequences.
    pub fn send(&mut self, m: Message) {
        self.queue.push_back(m);
        self.deliver_all();
    }

    /// Advances time to `t`, firing every timer at its exact deadline.
    pub fn advance_to(&mut self, t: u64) {
        loop {
            let next = self
                .alive()
                .into_iter()
                .filter_map(|id| self.node(id).next_deadline().map(|d| (d, id)))
                .min();
            match next {
                Some((d, id)) if d <= t => {
                    self.now = self.now.max(d);
                    let now = self.now;
                    self.node_mut(id).tick(now);
                    self.process(id);
                    self.deliver_all();
                }
                _ => break,
            }
        }
        self.now = self.now.max(t);
    }

    /// Like `advance_to`, but every node whose timer fires at the same instant
    /// ticks before any message is delivered (simultaneous timeouts).
    pub fn advance_to_batched(&mut self, t: u64) {
        loop {
            let due: Vec<(u64, NodeId)> = self
                .alive()
                .into_iter()
                .filter_map(|id| self.node(id).next_deadline().map(|d| (d, id)))
                .collect();
            let Some(&(d, _)) = due.iter().min() else {
                break;
            };
            if d > t {
                break;
            }
            self.now = self.now.max(d);
            let now = self.now;
            for (_, id) in due.into_iter().filter(|(dd, _)| *dd == d) {
                self.node_mut(id).tick(now);
                self.process(id);
            }
            self.deliver_all();
        }
        self.now = self.now.max(t);
    }

    /// First index at which two nodes applied different entries (State Machine Safety).
    pub fn state_machine_conflict(&self) -> Option<Index> {
        let mut seen: BTreeMap<Index, &Entry> = BTreeMap::new();
        for applied in self.applied.values() {
            for (i, e) in applied {
                match seen.get(i) {
                    Some(prev) if *prev != e => return Some(*i),
                    _ => {
                        seen.insert(*i, e);
                    }
                }
            }
        }
        None
    }

    pub fn advance(&mut self, dt: u64) {
        let t = self.now + dt;
        self.advance_to(t);
    }

    /// Forces `id` to campaign now and delivers everything.
    pub fn campaign(&mut self, id: NodeId) {
        let now = self.now;
        self.node_mut(id).campaign(now);
        self.process(id);
        self.deliver_all();
    }

    pub fn propose(&mut self, id: NodeId, data: &[u8]) -> Result<Index, ProposeError> {
        let now = self.now;
        let r = self.node_mut(id).propose(data.to_vec(), now);
        self.process(id);
        self.deliver_all();
        r
    }

    pub fn conf_change(&mut self, id: NodeId, cc: ConfChange) -> Result<Index, ProposeError> {
        let now = self.now;
        let r = self.node_mut(id).propose_conf_change(cc, now);
        self.process(id);
        self.deliver_all();
        r
    }

    pub fn read(&mut self, id: NodeId, ctx: u64) {
        let now = self.now;
        self.node_mut(id).read_index(ctx, now);
        self.process(id);
        self.deliver_all();
    }

    pub fn leaders(&self) -> Vec<NodeId> {
        self.alive()
            .into_iter()
            .filter(|&id| self.node(id).is_leader())
            .collect()
    }

    /// The single leader with the highest term among live nodes.
    pub fn leader(&self) -> Option<NodeId> {
        self.alive()
            .into_iter()
            .filter(|&id| self.node(id).is_leader())
            .max_by_key(|&id| self.node(id).term())
    }

    pub fn explained(&self, id: NodeId, pred: impl Fn(&Explain) -> bool) -> bool {
        self.explains.get(&id).is_some_and(|v| v.iter().any(pred))
    }

    pub fn clear_explains(&mut self) {
        self.explains.clear();
    }
}

/// Figure 8 up to (c): returns the net with S1 leading in term 4 and the
/// term-2 entry at index 3 on S1, S2 and S3.
pub fn figure8_until_c(bugs: Bugs) -> Net {
    let cfg = Config {
        max_entries_per_msg: 1,
        bugs,
        ..config()
    };
    let ids = [1, 2, 3, 4, 5];
    let disks = ids
        .iter()
        .map(|&i| (i, PersistedState::with_log(ids, 1, ents(&[1]))))
        .collect();
    let mut net = Net::with_disks(disks, cfg);
    // (a) S1 leads term 2 (its no-op commits at index 2); index 3 reaches only S2.
    net.campaign(1);
    assert_eq!((net.node(1).term(), net.node(1).commit()), (2, 2));
    net.partition(&[1, 2], &[3, 4, 5]);
    net.propose(1, b"x").unwrap();
    assert_eq!(terms_of(net.node(2)), vec![1, 2, 2]);
    // (b) S1 crashes; S5 wins term 3 with S3, S4 and appends index 3 locally.
    net.crash(1);
    net.heal();
    net.drop_kinds.insert(MessageKind::AppendEntries);
    net.drop_kinds.insert(MessageKind::Heartbeat);
    net.campaign(5);
    assert!(net.node(5).is_leader());
    assert_eq!(
        (net.node(5).term(), terms_of(net.node(5))),
        (3, vec![1, 2, 3])
    );
    // (c) S5 crashes; S1 restarts and wins term 4; index 3 (term 2) reaches S3 but
    // the term-4 no-op does not.
    net.crash(5);
    net.heal();
    net.start(1);
    // The network loses the term-4 entries (only them) from every AppendEntries.
    net.rewrite = Some(|m| {
        if let MessageBody::AppendEntries { entries, .. } = &mut m.body {
            entries.retain(|e| e.term != 4);
        }
    });
    while !net.node(1).is_leader() {
        net.campaign(1);
    }
    assert_eq!(net.node(1).term(), 4);
    for id in [1, 2, 3] {
        assert_eq!(
            net.node(id).term_at(3),
            Some(2),
            "S{id} holds index 3 of term 2"
        );
    }
    net
}
