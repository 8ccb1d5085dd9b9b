//! Driving the Raft nodes: timers, message delivery, the disk (a Ready's messages go out only
//! after its write completes), applying committed entries, snapshots and crashes.

use super::config::SimConfig;
use super::network::{chance, fate, InFlight};
use super::queue::EvKind;
use super::{SimError, World};
use crate::statemachine::StateMachine;
use quorum_raft::{EntryKind, Message, Node, NodeId, PersistedState, Ready, SnapshotData};
use std::collections::VecDeque;

/// A Ready whose disk write is in progress.
#[derive(Clone, Debug)]
pub struct PendingWrite {
    pub ready: Ready,
    pub done_us: u64,
}

/// One server: the Raft node (None while stopped), its disk and its application.
#[derive(Clone)]
pub struct Host<S: StateMachine> {
    pub id: NodeId,
    pub node: Option<Node>,
    /// What survives a crash.
    pub disk: PersistedState,
    pub sm: S,
    /// Highest index applied to `sm` (or restored from a snapshot).
    pub applied: u64,
    /// Bumped at every restart; events of an older incarnation are stale.
    pub incarnation: u32,
    pub timer_at: Option<u64>,
    pub writes: VecDeque<PendingWrite>,
    /// Confirmed reads waiting for the application to catch up: (ctx, index).
    pub reads: Vec<(u64, u64)>,
    pub seed: u64,
}

impl<S: StateMachine + Default> Host<S> {
    pub fn start(
        id: NodeId,
        cfg: &SimConfig,
        seed: u64,
        disk: PersistedState,
        now: u64,
    ) -> Result<Host<S>, SimError> {
        let mut host = Host {
            id,
            node: None,
            disk,
            sm: S::default(),
            applied: 0,
            incarnation: 0,
            timer_at: None,
            writes: VecDeque::new(),
            reads: Vec::new(),
            seed,
        };
        host.boot(cfg, now)?;
        Ok(host)
    }

    /// (Re)creates the node from the disk; the application restarts from the snapshot.
    pub fn boot(&mut self, cfg: &SimConfig, now: u64) -> Result<(), SimError> {
        let seed = self.seed ^ u64::from(self.incarnation).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let node =
            Node::new(self.id, cfg.raft.clone(), self.disk.clone(), seed, now).map_err(|e| {
                SimError::InvalidRaftConfig {
                    detail: e.to_string(),
                }
            })?;
        self.sm = S::default();
        if !self.disk.snapshot.data.is_empty() {
            self.sm.restore(&self.disk.snapshot.data);
        }
        self.applied = self.disk.snapshot.meta.index;
        self.node = Some(node);
        self.timer_at = None;
        self.writes.clear();
        self.reads.clear();
        Ok(())
    }

    pub fn is_up(&self) -> bool {
        self.node.is_some()
    }
}

impl<S: StateMachine + Default> World<S> {
    /// Collects and handles everything the node produced after an input.
    pub(crate) fn drive(&mut self, id: NodeId) {
        loop {
            let Some(host) = self.st.hosts.get_mut(&id) else {
                return;
            };
            let Some(node) = host.node.as_mut() else {
                return;
            };
            if !node.has_ready() {
                break;
            }
            let mut ready = node.take_ready();
            let explanations = std::mem::take(&mut ready.explanations);
            self.narrate(id, explanations);
            self.persist(id, ready);
        }
        self.reschedule_timer(id);
    }

    /// Starts the disk write of a Ready (or finishes it at once when the disk is instant).
    fn persist(&mut self, id: NodeId, ready: Ready) {
        let now = self.st.now;
        let disk_us = self.st.disk_write_us;
        let Some(host) = self.st.hosts.get_mut(&id) else {
            return;
        };
        let writes_something = ready.hard_state.is_some()
            || ready.snapshot.is_some()
            || ready.compacted.is_some()
            || !ready.entries.is_empty();
        if host.writes.is_empty() && (disk_us == 0 || !writes_something) {
            self.finish_ready(id, ready);
            return;
        }
        let start = host.writes.back().map_or(now, |w| w.done_us.max(now));
        let done_us = if writes_something {
            start.saturating_add(disk_us)
        } else {
            start
        };
        host.writes.push_back(PendingWrite { ready, done_us });
        let incarnation = host.incarnation;
        self.st.queue.push(
            done_us,
            EvKind::DiskDone {
                node: id,
                incarnation,
            },
        );
    }

    pub(crate) fn disk_done(&mut self, id: NodeId, incarnation: u32) -> bool {
        let now = self.st.now;
        let Some(host) = self.st.hosts.get_mut(&id) else {
            return false;
        };
        if host.incarnation != incarnation || !host.is_up() {
            return false;
        }
        let due = host.writes.front().is_some_and(|w| w.done_us <= now);
        if !due {
            return false;
        }
        let Some(w) = host.writes.pop_front() else {
            return false;
        };
        self.finish_ready(id, w.ready);
        self.drive(id);
        true
    }

    /// The write is durable: persist, send, apply, serve reads (etcd's order).
    fn finish_ready(&mut self, id: NodeId, ready: Ready) {
        let now = self.st.now;
        let Some(host) = self.st.hosts.get_mut(&id) else {
            return;
        };
        host.disk.apply_ready(&ready);
        if let Some(snap) = &ready.snapshot {
            host.sm.restore(&snap.data);
            host.applied = host.applied.max(snap.meta.index);
            self.st.monitor.on_restore(id, snap.meta.index);
        }
        let Ready {
            messages,
            committed_entries,
            read_states,
            read_failures,
            ..
        } = ready;
        self.st.app.on_reads(id, &read_states, &read_failures);
        for m in messages {
            self.send(m);
        }
        let mut applied_ops = Vec::new();
        if let Some(host) = self.st.hosts.get_mut(&id) {
            for e in &committed_entries {
                if e.index <= host.applied {
                    continue;
                }
                let out = match &e.kind {
                    EntryKind::Normal(data) => host.sm.apply(data, now),
                    _ => Vec::new(),
                };
                self.st.app.on_applied(id, e.index, e.term, out);
                host.applied = e.index;
                applied_ops.push((
                    e.index,
                    e.data().map(crate::statemachine::KvCommand::decode),
                ));
            }
            host.reads
                .extend(read_states.iter().map(|r| (r.ctx, r.index)));
        }
        self.st.monitor.on_apply(
            id,
            &committed_entries,
            &mut self.logs.committed,
            now,
            self.st.events + 1,
            &mut self.logs.violations,
        );
        for (index, cmd) in applied_ops {
            self.on_applied(id, index, cmd.flatten().map(|c| c.op()));
        }
        for f in read_failures {
            self.on_read_failed(f.ctx, f.leader);
        }
        self.serve_reads(id);
        self.maybe_compact(id);
    }

    /// Log compaction: once `compact_every` applied entries sit above the snapshot, snapshot
    /// the application at exactly what it has applied.
    fn maybe_compact(&mut self, id: NodeId) {
        let every = self.config.compact_every;
        let Some(host) = self.st.hosts.get_mut(&id) else {
            return;
        };
        let snap_index = host.disk.snapshot.meta.index;
        if every == 0 || host.applied.saturating_sub(snap_index) < every {
            return;
        }
        let applied = host.applied;
        let data = lazy_snapshot(&host.sm);
        if let Some(node) = host.node.as_mut() {
            if applied >= node.first_index() && node.applied() >= applied {
                let _ = node.compact(applied, data);
            }
        }
    }

    /// Compacts the node's log at exactly what its application has applied.
    pub(crate) fn compact_now(&mut self, id: NodeId) {
        let Some(host) = self.st.hosts.get_mut(&id) else {
            return;
        };
        let data = lazy_snapshot(&host.sm);
        let applied = host.applied;
        if let Some(node) = host.node.as_mut() {
            if applied >= node.first_index() && node.applied() >= applied {
                let _ = node.compact(applied, data);
            }
        }
        self.drive(id);
    }

    /// Puts a message on the network.
    pub(crate) fn send(&mut self, msg: Message) {
        let now = self.st.now;
        let (from, to) = (msg.from, msg.to);
        if !self.st.hosts.contains_key(&to) {
            return;
        }
        let cut = !self.st.links.can_send(from, to);
        let copies = if chance(&mut self.st.rng, self.st.net.duplicate_ppm) {
            2
        } else {
            1
        };
        for copy in 0..copies {
            let (delay, lost) = fate(&mut self.st.rng, &self.st.net);
            let id = self.st.next_msg;
            self.st.next_msg += 1;
            let deliver_us = now.saturating_add(delay);
            let m = if copy + 1 == copies {
                None
            } else {
                Some(msg.clone())
            };
            self.st.flight.insert(InFlight {
                id,
                msg: m.unwrap_or_else(|| msg.clone()),
                sent_us: now,
                deliver_us,
                dropped: lost || cut,
                duplicate: copy == 1,
            });
            self.st.queue.push(deliver_us, EvKind::Deliver(id));
        }
    }

    pub(crate) fn deliver(&mut self, id: u64) -> bool {
        let now = self.st.now;
        let Some(f) = self.st.flight.remove(id) else {
            return false;
        };
        let to = f.msg.to;
        let up = self.st.hosts.get(&to).is_some_and(|h| h.is_up());
        if f.dropped || !up || !self.st.links.can_send(f.msg.from, to) {
            self.st.lost += 1;
            return true;
        }
        self.st.delivered += 1;
        if let Some(node) = self.st.hosts.get_mut(&to).and_then(|h| h.node.as_mut()) {
            node.step(f.msg, now);
        }
        self.drive(to);
        true
    }

    pub(crate) fn fire_timer(&mut self, id: NodeId, incarnation: u32) -> bool {
        let now = self.st.now;
        let Some(host) = self.st.hosts.get_mut(&id) else {
            return false;
        };
        if host.incarnation != incarnation || host.timer_at != Some(now) {
            return false;
        }
        host.timer_at = None;
        let Some(node) = host.node.as_mut() else {
            return false;
        };
        node.tick(now);
        self.drive(id);
        true
    }

    /// Keeps exactly one live timer event per node, at its `next_deadline`.
    pub(crate) fn reschedule_timer(&mut self, id: NodeId) {
        let now = self.st.now;
        let Some(host) = self.st.hosts.get_mut(&id) else {
            return;
        };
        let deadline = host
            .node
            .as_ref()
            .and_then(|n| n.next_deadline())
            .map(|d| d.max(now));
        if deadline != host.timer_at {
            host.timer_at = deadline;
            if let Some(d) = deadline {
                let incarnation = host.incarnation;
                self.st.queue.push(
                    d,
                    EvKind::Timer {
                        node: id,
                        incarnation,
                    },
                );
            }
        }
    }

    /// Crash: the node and its unfinished writes vanish; the disk stays.
    pub(crate) fn crash(&mut self, id: NodeId) -> Result<(), SimError> {
        let host = self
            .st
            .hosts
            .get_mut(&id)
            .ok_or(SimError::UnknownNode { node: id })?;
        host.node = None;
        host.writes.clear();
        host.reads.clear();
        host.timer_at = None;
        host.incarnation = host.incarnation.wrapping_add(1);
        self.st.monitor.on_crash(id);
        self.st.monitor.calm_since = None;
        Ok(())
    }

    pub(crate) fn restart(&mut self, id: NodeId) -> Result<(), SimError> {
        let now = self.st.now;
        let cfg = self.config.clone();
        let host = self
            .st
            .hosts
            .get_mut(&id)
            .ok_or(SimError::UnknownNode { node: id })?;
        if host.is_up() {
            return Err(SimError::AlreadyRunning { node: id });
        }
        host.incarnation = host.incarnation.wrapping_add(1);
        host.boot(&cfg, now)?;
        self.drive(id);
        self.update_calm();
        Ok(())
    }

    /// Adds a brand-new empty node (it waits for a leader to contact it).
    /// Whether a server with this id could be added.
    pub(crate) fn can_add_host(&self, id: NodeId) -> Result<(), SimError> {
        if id == 0 || id > super::MAX_NODES {
            return Err(SimError::UnknownNode { node: id });
        }
        if self.st.hosts.contains_key(&id) {
            return Err(SimError::NodeExists { node: id });
        }
        Ok(())
    }

    pub(crate) fn add_host(&mut self, id: NodeId) -> Result<(), SimError> {
        self.can_add_host(id)?;
        // Like an etcd member started with `--initial-cluster-state existing`, a new server
        // knows the cluster's initial members; the log (or a snapshot) then brings it every
        // membership change since. With an empty configuration it could never apply the
        // entries that make it a member.
        let initial = PersistedState::bootstrap(1..=self.config.nodes);
        let host = Host::start(id, &self.config, self.seed, initial, self.st.now)?;
        self.st.hosts.insert(id, host);
        self.drive(id);
        Ok(())
    }

    /// "Calm": every node up and no partition or cut (the liveness monitor's precondition).
    pub(crate) fn update_calm(&mut self) {
        let calm = self.st.links.is_healthy() && self.st.hosts.values().all(|h| h.is_up());
        match (calm, self.st.monitor.calm_since) {
            (true, None) => self.st.monitor.calm_since = Some(self.st.now),
            (false, _) => self.st.monitor.calm_since = None,
            _ => {}
        }
    }
}

/// The application's state at this point, serialized only if the snapshot is ever read
/// (sent to a lagging follower, restored after a restart). Most are replaced unread by the
/// next compaction; serializing each one made long runs quadratic in their history.
fn lazy_snapshot<S: StateMachine>(sm: &S) -> SnapshotData {
    let frozen = sm.clone();
    SnapshotData::lazy(move || frozen.snapshot())
}
