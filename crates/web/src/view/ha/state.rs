//! The HA view's state: one `quorum_k8s::cluster::Cluster` advanced by the view's clock,
//! plus plain-data snapshots of it (view, what still works, recent traces and events)
//! that the components render. The cluster is mutated in place behind a `RefCell`;
//! every action returns a fresh `Rc<Ha>` holding fresh snapshots.

use crate::view::terminal::{Screen, TermLine};
use litemap::LiteMap;
use quorum_k8s::cluster::{
    BuildError, Capability, Cluster, ClusterEvent, ClusterView, Failure, FailureError, RequestTrace,
};
use quorum_k8s::kubectl::{KubectlOutput, APISERVER_UNIT_PATH};
use quorum_k8s::leader_election::LeaderElectionConfig;
use quorum_k8s::topology::{HostId, TopologySpec};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// How long (simulated µs) a request takes to cross the diagram: real requests take a
/// few ms, far too fast to see, so the drawing stretches them.
pub const ANIM_US: u64 = 700_000;
/// How much history the timeline shows.
pub const HISTORY_US: u64 = 60_000_000;
/// Recompute "what still works" at least this often while time runs.
const WORKS_EVERY_US: u64 = 1_000_000;
/// When a fresh cluster starts (it has run this long: leaders elected, pods running).
pub const WARM_UP_US: u64 = 60_000_000;

pub struct Ha {
    cluster: Rc<RefCell<Cluster>>,
    pub spec: TopologySpec,
    pub config: LeaderElectionConfig,
    pub seed: u64,
    pub view: ClusterView,
    pub works: Rc<Vec<Capability>>,
    works_at_us: u64,
    /// Requests sent within the last `ANIM_US`, oldest first.
    pub traces: Rc<Vec<RequestTrace>>,
    /// Events within the last `HISTORY_US`, oldest first.
    pub events: Rc<Vec<ClusterEvent>>,
    pub failures: Rc<Vec<Failure>>,
    pub playing: bool,
    pub speed_log2: i32,
    pub problem: Option<Problem>,
    pub terminal: Screen,
    /// How many writes the "send a request" button has made (for unique names).
    writes_sent: u32,
}

/// Something the user asked for that the model refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Build(BuildError),
    Failure(FailureError),
}

pub enum HaAction {
    /// An animation frame: this much wall-clock time passed, in milliseconds.
    Frame(f64),
    TogglePlay,
    SetSpeed(i32),
    /// Rebuild with a new topology (failures are cleared).
    SetSpec(TopologySpec),
    /// Rebuild with new leader-election flags (already validated by the caller).
    SetConfig(LeaderElectionConfig),
    /// Apply the failure, or restore it when it is applied.
    Toggle(Failure),
    RestoreAll,
    /// Run one terminal line (`kubectl …` or `cat <path>`).
    Run(String),
    /// Send one kubectl request from the client: a read or a write.
    Send {
        write: bool,
    },
}

fn build(
    spec: TopologySpec,
    config: LeaderElectionConfig,
    seed: u64,
) -> Result<Cluster, BuildError> {
    let mut cluster = Cluster::new(spec, config, seed)?;
    cluster.run_until(WARM_UP_US);
    Ok(cluster)
}

impl Ha {
    /// A view of `spec` with `config` (from the URL, already checked); if the model
    /// refuses them anyway, the default cluster.
    pub fn new(
        seed: u64,
        speed_log2: i32,
        playing: bool,
        spec: TopologySpec,
        config: LeaderElectionConfig,
    ) -> Ha {
        let (spec, config, cluster) = match build(spec, config, seed) {
            Ok(cluster) => (spec, config, cluster),
            Err(_) => {
                let spec = TopologySpec::stacked(3, 2);
                let config = LeaderElectionConfig::default();
                // The default topology and flags are valid, so this cannot fail; fall
                // back to the smallest cluster rather than panic if the model disagrees.
                let cluster = build(spec, config, seed)
                    .or_else(|_| build(TopologySpec::stacked(1, 0), config, seed))
                    .unwrap_or_else(|_| unreachable_cluster());
                (spec, config, cluster)
            }
        };
        let mut ha = Ha {
            cluster: Rc::new(RefCell::new(cluster)),
            spec,
            config,
            seed,
            view: ClusterView {
                now_us: 0,
                hosts: Vec::new(),
                etcd_members: 0,
                etcd_majority: 0,
                etcd_leader: None,
                etcd_term: 0,
                etcd_quorum: None,
                etcd_raft: Vec::new(),
                controller_manager_leader: None,
                scheduler_leader: None,
                leases: Vec::new(),
            },
            works: Rc::default(),
            works_at_us: 0,
            traces: Rc::default(),
            events: Rc::default(),
            failures: Rc::default(),
            playing,
            speed_log2,
            problem: None,
            terminal: Screen::default(),
            writes_sent: 0,
        };
        ha.refresh(true);
        ha
    }

    fn next(&self) -> Ha {
        Ha {
            cluster: self.cluster.clone(),
            spec: self.spec,
            config: self.config,
            seed: self.seed,
            view: self.view.clone(),
            works: self.works.clone(),
            works_at_us: self.works_at_us,
            traces: self.traces.clone(),
            events: self.events.clone(),
            failures: self.failures.clone(),
            playing: self.playing,
            speed_log2: self.speed_log2,
            problem: self.problem.clone(),
            terminal: self.terminal.clone(),
            writes_sent: self.writes_sent,
        }
    }

    /// Take fresh snapshots of the cluster; `works` forces "what still works" now.
    fn refresh(&mut self, works: bool) {
        let c = self.cluster.borrow();
        let now = c.now_us();
        self.view = c.view();
        self.traces = Rc::new(
            c.traces()
                .filter(|t| t.at_us.saturating_add(ANIM_US) > now)
                .cloned()
                .collect(),
        );
        self.events = Rc::new(
            c.events()
                .filter(|e| e.at_us.saturating_add(HISTORY_US) > now)
                .cloned()
                .collect(),
        );
        self.failures = Rc::new(c.failures().cloned().collect());
        if works || now.saturating_sub(self.works_at_us) >= WORKS_EVERY_US {
            self.works = Rc::new(c.what_works());
            self.works_at_us = now;
        }
    }

    /// Simulated microseconds that correspond to `wall_ms` at the current speed.
    fn simulated_us(&self, wall_ms: f64) -> u64 {
        (wall_ms * 1000.0 * 2f64.powi(self.speed_log2))
            .round()
            .max(0.0) as u64
    }

    fn rebuild(&mut self, spec: TopologySpec, config: LeaderElectionConfig) {
        match build(spec, config, self.seed) {
            Ok(cluster) => {
                self.cluster = Rc::new(RefCell::new(cluster));
                self.spec = spec;
                self.config = config;
                self.problem = None;
                self.terminal = Screen::default();
            }
            Err(e) => self.problem = Some(Problem::Build(e)),
        }
    }

    fn toggle(&mut self, failure: Failure) {
        let mut c = self.cluster.borrow_mut();
        let applied = c.failures().any(|f| *f == failure);
        if applied {
            c.restore(&failure);
            self.problem = None;
            return;
        }
        // Only one partition at a time: a new one replaces the old.
        if matches!(failure, Failure::PartitionZones(_)) {
            c.restore_partitions();
        }
        self.problem = c.apply(failure).err().map(Problem::Failure);
    }

    fn run_line(&mut self, line: &str) {
        let mut out = vec![TermLine::echo(format!("$ {line}"))];
        match execute(&mut self.cluster.borrow_mut(), line) {
            Some(lines) => out.extend(lines),
            None => {
                self.terminal = Screen::default();
                return;
            }
        }
        self.terminal.push(out);
    }
}

/// What the control-plane terminal prints for `line`: `kubectl` runs against the model
/// (advancing its clock by the time the command took); `cat` reads the API server's unit on
/// the first control-plane node; `None` for `clear`. The HA view and the lesson player's HA
/// steps both use it.
pub fn execute(c: &mut Cluster, line: &str) -> Option<Vec<TermLine>> {
    let words: Vec<&str> = line.split_whitespace().collect();
    Some(match words.as_slice() {
        [] => Vec::new(),
        ["clear"] => return None,
        ["cat", path] => match c.read_file(HostId::ControlPlane(0), path) {
            Some(text) => text.lines().map(|l| TermLine::out(l.to_string())).collect(),
            None => vec![TermLine::err(format!(
                "cat: {path}: No such file or directory"
            ))],
        },
        ["kubectl", ..] => lines_of(&c.kubectl_line(line, &LiteMap::new())),
        [cmd, ..] => vec![TermLine::err(format!("bash: {cmd}: command not found"))],
    })
}

fn lines_of(out: &KubectlOutput) -> Vec<TermLine> {
    out.lines
        .iter()
        .map(|l| match l.stream {
            quorum_k8s::kubectl::Stream::Stdout => TermLine::out(l.text.clone()),
            quorum_k8s::kubectl::Stream::Stderr => TermLine::err(l.text.clone()),
        })
        .collect()
}

/// The path the terminal suggests for `cat`.
pub fn unit_path() -> &'static str {
    APISERVER_UNIT_PATH
}

/// Only reachable if the model rejects even a one-node cluster with default flags.
fn unreachable_cluster() -> Cluster {
    panic!("quorum-k8s rejected the default one-node topology")
}

impl Reducible for Ha {
    type Action = HaAction;

    fn reduce(self: Rc<Self>, action: HaAction) -> Rc<Self> {
        let mut next = self.next();
        match action {
            HaAction::Frame(wall_ms) if self.playing => {
                let step = self.simulated_us(wall_ms);
                next.cluster.borrow_mut().advance(step);
                next.refresh(false);
            }
            HaAction::Frame(_) => return self,
            HaAction::TogglePlay => next.playing = !next.playing,
            HaAction::SetSpeed(s) => next.speed_log2 = s,
            HaAction::SetSpec(spec) => {
                next.rebuild(spec, next.config);
                next.refresh(true);
            }
            HaAction::SetConfig(config) => {
                next.rebuild(next.spec, config);
                next.refresh(true);
            }
            HaAction::Toggle(failure) => {
                next.toggle(failure);
                next.refresh(true);
            }
            HaAction::RestoreAll => {
                next.cluster.borrow_mut().restore_all();
                next.problem = None;
                next.refresh(true);
            }
            HaAction::Run(line) => {
                next.run_line(line.trim());
                next.refresh(true);
            }
            HaAction::Send { write } => {
                let line = if write {
                    next.writes_sent = next.writes_sent.saturating_add(1);
                    format!(
                        "kubectl create deployment demo-{} --image=nginx",
                        next.writes_sent
                    )
                } else {
                    "kubectl get pods".to_string()
                };
                next.run_line(&line);
                next.refresh(true);
            }
        }
        Rc::new(next)
    }
}

impl Ha {
    /// `cat /etc/systemd/system/kube-apiserver.service` on control-plane node `cp`.
    pub fn unit_text(&self, cp: u8) -> Option<String> {
        self.cluster
            .borrow()
            .read_file(HostId::ControlPlane(cp), APISERVER_UNIT_PATH)
    }
}
