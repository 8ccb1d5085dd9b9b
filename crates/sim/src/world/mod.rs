//! The deterministic world: Raft nodes on a simulated network with simulated disks and
//! clients, one event queue on virtual time (µs), invariant monitors after every event, and
//! time travel (periodic snapshots plus replay).
//!
//! Everything that can change is in [`State`] (cloned for snapshots) except the append-only
//! logs in [`Logs`] (narration, client history, violations, committed entries), which are
//! truncated on restore instead of being cloned.

pub mod actions;
pub mod app;
pub mod clients;
pub mod config;
pub mod hosts;
pub mod monitor;
pub mod network;
pub mod queue;
pub mod travel;
pub mod views;

use crate::lincheck::hash::Fnv64;
use crate::statemachine::{KvStore, StateMachine};
use clients::{Client, HistEvent};
use config::{RunDescription, SimConfig, TimedAction};
use hosts::Host;
use litemap::LiteMap;
use monitor::{Monitor, Violation};
use network::{Flight, Links};
use queue::{EvKind, Queue};
use quorum_raft::{Explain, NodeId};
use rand_core::SeedableRng;
use rand_pcg::Pcg64;
use serde::{Deserialize, Serialize};

/// One line of the narration: a node explains a decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Narration {
    pub time_us: u64,
    pub event: u64,
    pub node: NodeId,
    pub explain: Explain,
}

/// Why a world could not be created or an action refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum SimError {
    InvalidRaftConfig {
        detail: String,
    },
    NoNodes,
    TooManyNodes {
        max: u64,
    },
    TooManyClients {
        max: u32,
    },
    InvalidLatency,
    UnknownNode {
        node: NodeId,
    },
    NodeExists {
        node: NodeId,
    },
    NoLeader,
    /// The node is already running.
    AlreadyRunning {
        node: NodeId,
    },
    ProposalRefused {
        reason: quorum_raft::ProposeError,
    },
    TransferRefused {
        reason: quorum_raft::TransferError,
    },
    UnknownMessage {
        id: u64,
    },
}

/// The most nodes a world may have (ids 1..=MAX_NODES).
pub const MAX_NODES: u64 = 64;
/// The most background clients a world may have (each is scheduled at once; an imported run
/// asking for billions would exhaust memory).
pub const MAX_CLIENTS: u32 = 1_000;

/// Everything that evolves, cloned by time-travel snapshots.
#[derive(Clone)]
pub struct State<S: StateMachine> {
    pub now: u64,
    pub events: u64,
    pub queue: Queue,
    pub rng: Pcg64,
    pub hosts: LiteMap<NodeId, Host<S>>,
    pub links: Links,
    pub net: config::NetConfig,
    pub disk_write_us: u64,
    pub flight: Flight,
    pub next_msg: u64,
    pub clients: Vec<Client>,
    pub next_op: u64,
    pub next_ctx: u64,
    pub next_process: u64,
    pub hclock: u64,
    /// (node, index) -> client op proposed there.
    pub proposals: LiteMap<(NodeId, u64), u64>,
    /// read ctx -> (client, op): reads in flight; ctx only grows, so inserts append.
    pub read_ctx: LiteMap<u64, (usize, u64)>,
    /// Actions processed so far (a prefix of `World::actions`).
    pub actions_done: usize,
    pub monitor: Monitor,
    /// Why the last action was refused (reported by `apply`).
    pub last_action_error: Option<SimError>,
    pub trace: u64,
    pub delivered: u64,
    pub lost: u64,
    /// Results and reads an application layered on the world waits for (see `app`).
    pub app: app::AppHooks,
}

/// Lengths of the append-only logs at a snapshot.
#[derive(Clone, Copy, Debug, Default)]
pub struct LogMarks {
    pub narration_first_event: u64,
    pub history: usize,
    pub violations: usize,
    pub committed: usize,
}

/// Append-only records.
#[derive(Clone, Debug, Default)]
pub struct Logs {
    pub narration: Vec<Narration>,
    pub history: Vec<HistEvent>,
    pub violations: Vec<Violation>,
    /// Committed entries seen anywhere: index-1 -> (term, hash of the entry).
    pub committed: Vec<(u64, u64)>,
}

/// The world. `S` is the replicated application (the built-in KV store by default).
pub struct World<S: StateMachine + Default = KvStore> {
    pub config: SimConfig,
    pub seed: u64,
    pub actions: Vec<TimedAction>,
    pub st: State<S>,
    pub logs: Logs,
    pub travel: travel::Snapshots<S>,
    /// Whether what an application does (`app_*`) is recorded as actions (the default, so
    /// time travel and permalinks replay it). A world that is never replayed (the control
    /// plane's etcd) turns it off so its action log does not grow with every write.
    pub record_app_actions: bool,
    /// Actions recorded so far by `apply` (a fork keeps counting), so a caller can tell
    /// cheaply whether something it ran recorded one.
    pub actions_recorded: u64,
}

impl<S: StateMachine + Default> World<S> {
    /// Builds the world of a run description (its actions are replayed as time advances).
    pub fn new(run: RunDescription) -> Result<World<S>, SimError> {
        let cfg = run.config.clone();
        cfg.raft
            .validate()
            .map_err(|e| SimError::InvalidRaftConfig {
                detail: e.to_string(),
            })?;
        if cfg.nodes == 0 {
            return Err(SimError::NoNodes);
        }
        if cfg.nodes > MAX_NODES {
            return Err(SimError::TooManyNodes { max: MAX_NODES });
        }
        if cfg.net.latency_max_us < cfg.net.latency_min_us {
            return Err(SimError::InvalidLatency);
        }
        if cfg.clients.clients > MAX_CLIENTS {
            return Err(SimError::TooManyClients { max: MAX_CLIENTS });
        }
        let mut st = State {
            now: 0,
            events: 0,
            queue: Queue::default(),
            rng: Pcg64::seed_from_u64(run.seed ^ 0x5157_4f52_4c44),
            hosts: LiteMap::new(),
            links: Links::default(),
            net: cfg.net.clone(),
            disk_write_us: cfg.disk_write_us,
            flight: Flight::default(),
            next_msg: 1,
            clients: Vec::new(),
            next_op: 1,
            next_ctx: 1,
            next_process: 0,
            hclock: 0,
            proposals: LiteMap::new(),
            read_ctx: LiteMap::new(),
            actions_done: 0,
            monitor: Monitor::default(),
            last_action_error: None,
            trace: Fnv64::new().value(),
            delivered: 0,
            lost: 0,
            app: app::AppHooks::default(),
        };
        let voters: Vec<NodeId> = (1..=cfg.nodes).collect();
        for &id in &voters {
            let host = Host::start(
                id,
                &cfg,
                run.seed,
                quorum_raft::PersistedState::bootstrap(voters.clone()),
                0,
            )?;
            st.hosts.insert(id, host);
        }
        let mut world = World {
            config: cfg,
            seed: run.seed,
            actions: Vec::new(),
            st,
            logs: Logs::default(),
            travel: travel::Snapshots::default(),
            record_app_actions: true,
            actions_recorded: 0,
        };
        for id in voters {
            world.reschedule_timer(id);
        }
        world.start_clients();
        for a in run.actions {
            world.push_action(a);
        }
        world.st.monitor.calm_since = Some(0);
        world.take_snapshot();
        Ok(world)
    }

    /// The run so far: replaying it reproduces this world exactly.
    pub fn run_description(&self) -> RunDescription {
        RunDescription {
            config: self.config.clone(),
            seed: self.seed,
            actions: self.actions.clone(),
        }
    }

    fn push_action(&mut self, a: TimedAction) {
        self.actions.push(a);
    }

    // ------------------------------------------------------------------ the event loop
    //
    // User actions are not in the queue: the next one (`actions[actions_done]`) runs as soon
    // as the queue has nothing strictly earlier, i.e. after every simulation event of the same
    // instant. Live `apply` and replay from a description therefore order them identically,
    // and forking only needs to truncate the action list.

    /// Time of the next thing to happen, if any.
    pub fn next_time(&self) -> Option<u64> {
        let act = self.actions.get(self.st.actions_done).map(|a| a.at_us);
        match (act, self.st.queue.peek_time()) {
            (Some(a), Some(q)) => Some(a.min(q)),
            (a, q) => a.or(q),
        }
    }

    /// Processes the next event. Returns false when nothing is left to do.
    pub fn step(&mut self) -> bool {
        self.step_until(u64::MAX)
    }

    /// Processes the next event if it happens at or before `limit`. Stale queue entries
    /// (timers of a crashed node, deliveries of dropped messages) are skipped without
    /// counting, but never past `limit`: `advance_to(t)` must not run an event after `t`.
    pub fn step_until(&mut self, limit: u64) -> bool {
        loop {
            if self.next_time().is_none_or(|t| t > limit) {
                return false;
            }
            let act = self.actions.get(self.st.actions_done).map(|a| a.at_us);
            let queued = self.st.queue.peek_time();
            let action_first = match (act, queued) {
                (Some(a), Some(q)) => a < q,
                (Some(_), None) => true,
                _ => false,
            };
            let (time, kind) = if action_first {
                let idx = self.st.actions_done;
                self.st.actions_done += 1;
                (act.unwrap_or(self.st.now), EvKind::Action(idx))
            } else if let Some(ev) = self.st.queue.pop() {
                (ev.time, ev.kind)
            } else {
                return false;
            };
            self.st.now = self.st.now.max(time);
            if self.process(kind.clone()) {
                self.st.events += 1;
                self.mix_trace(time, &kind);
                self.after_event();
                return true;
            }
        }
    }

    /// Processes every event up to and including instant `t`, then sets the clock to `t`.
    pub fn advance_to(&mut self, t: u64) {
        while self.step_until(t) {}
        self.st.now = self.st.now.max(t);
    }

    /// Runs until `t` or until `stop` says so (checked after each event).
    pub fn run_until(&mut self, t: u64, mut stop: impl FnMut(&World<S>) -> bool) {
        while self.step_until(t) {
            if stop(self) {
                return;
            }
        }
        self.st.now = self.st.now.max(t);
    }

    /// Handles one event; false if it turned out to be stale (not counted).
    fn process(&mut self, kind: EvKind) -> bool {
        match kind {
            EvKind::Deliver(id) => self.deliver(id),
            EvKind::Timer { node, incarnation } => self.fire_timer(node, incarnation),
            EvKind::DiskDone { node, incarnation } => self.disk_done(node, incarnation),
            EvKind::ClientWake { client, token } => self.client_wake(client, token),
            EvKind::ClientTimeout { client, op } => self.client_timeout(client, op),
            EvKind::Action(i) => self.run_action(i),
        }
    }

    fn mix_trace(&mut self, time: u64, kind: &EvKind) {
        let (code, a, b) = kind.code();
        let mut h = Fnv64::from_value(self.st.trace);
        h.write_u64_le(time);
        h.write_u64_le(u64::from(code));
        h.write_u64_le(a);
        h.write_u64_le(b);
        self.st.trace = h.value();
    }

    fn after_event(&mut self) {
        let event = self.st.events;
        let now = self.st.now;
        let found = self.st.monitor.check_all(
            &self.st.hosts,
            &mut self.logs.committed,
            &self.st.links,
            now,
            event,
            &self.config,
        );
        for v in found {
            if self.logs.violations.len() < 1_000 {
                self.logs.violations.push(v);
            }
        }
        if self.config.snapshot_every_events > 0
            && event.is_multiple_of(self.config.snapshot_every_events)
        {
            self.take_snapshot();
        }
    }

    pub(crate) fn narrate(&mut self, node: NodeId, explanations: Vec<Explain>) {
        if !self.config.narrate {
            return;
        }
        let (time_us, event) = (self.st.now, self.st.events + 1);
        self.logs
            .narration
            .extend(explanations.into_iter().map(|explain| Narration {
                time_us,
                event,
                node,
                explain,
            }));
        // Saturating: an imported run may ask for an unbounded log (cap = u64::MAX).
        let cap = self.config.narration_cap.max(1);
        if self.logs.narration.len() > cap.saturating_add(cap / 4) {
            let excess = self.logs.narration.len() - cap;
            self.logs.narration.drain(..excess);
        }
    }

    // ------------------------------------------------------------------ accessors

    pub fn now(&self) -> u64 {
        self.st.now
    }

    pub fn event_count(&self) -> u64 {
        self.st.events
    }

    /// FNV-1a over every processed event (time, kind, ids): equal runs have equal hashes on
    /// every platform.
    pub fn trace_hash(&self) -> u64 {
        self.st.trace
    }

    pub fn violations(&self) -> &[Violation] {
        &self.logs.violations
    }

    /// The narration kept so far (bounded by `narration_cap`).
    pub fn narration(&self) -> &[Narration] {
        &self.logs.narration
    }

    /// The raw client history (invocations and completions in order).
    pub fn history_events(&self) -> &[HistEvent] {
        &self.logs.history
    }

    /// The client history as the linearizability checker takes it.
    pub fn history(&self) -> crate::lincheck::History {
        clients::build_history(&self.logs.history)
    }

    /// Messages delivered and lost so far.
    pub fn message_counts(&self) -> (u64, u64) {
        (self.st.delivered, self.st.lost)
    }
}
