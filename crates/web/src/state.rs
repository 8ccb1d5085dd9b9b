//! The lab's state as a Yew `Reducible`: the simulated world plus the controls around it.
//! The world is mutated in place (cloning it every frame would be wasteful); each action
//! returns a new `Rc<Lab>` with a fresh `ClusterView`, so views re-render from plain data.
//! User actions go to the simulator as `UserAction`s: the web crate decides nothing itself.

use crate::model::{ClusterView, LabSettings, Preset};
use crate::params::Params;
use crate::permalink;
use crate::view::terminal::Screen;
use crate::world::{self, LabWorld};
use quorum_etcd::{EtcdState, Output, Scenario, Shell, SimBackend};
use quorum_raft::{Bugs, ReadMode};
use quorum_sim::scenario::{self, Figure8Stage, ScenarioError};
use quorum_sim::{NetConfig, RunDescription, SimConfig, SimError, UserAction};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What a user can do to a node (from its menu).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeCommand {
    Stop,
    Restart,
    ForceTimeout,
    Write,
    Read,
    TransferLeadership,
    Remove,
    Promote,
}

pub enum LabAction {
    /// An animation frame: this much wall-clock time passed, in milliseconds.
    Frame(f64),
    TogglePlay,
    SetSpeed(i32),
    StepForward,
    StepBack,
    /// Go to an instant of simulated time (µs).
    Seek(u64),
    /// Go to the state right after event `n` (the safety panel's "go to event").
    SeekEvent(u64),
    Node(u64, NodeCommand),
    /// Start a new server and add it as a voter (or, with `true`, as a learner).
    AddNode(bool),
    /// A client writes `key = value` through the current leader (or S1 when there is none).
    ClientWrite(String, String),
    SelectNode(Option<u64>),
    SelectMessage(Option<u64>),
    DropMessage(u64),
    Partition(Vec<Vec<u64>>),
    Cut(u64, u64),
    Restore(u64, u64),
    Heal,
    Latency(u64, u64),
    Loss(u32),
    Preset(Preset),
    ApplySettings(LabSettings),
    /// Start over with the same settings and seed.
    Reset,
    /// A line typed into the terminal.
    Terminal(String),
    /// Ctrl-C in the terminal.
    Interrupt,
}

#[derive(Clone)]
pub struct Lab {
    world: Rc<RefCell<LabWorld>>,
    pub view: Rc<ClusterView>,
    pub playing: bool,
    pub speed_log2: i32,
    pub seed: u64,
    pub settings: LabSettings,
    /// The latest instant this branch of the run has reached (the timeline's end).
    pub horizon_us: u64,
    pub selected_node: Option<u64>,
    pub selected_message: Option<u64>,
    /// Why the last action was refused, if it was.
    pub refused: Option<SimError>,
    /// A scripted scenario (Figure 8) could not reach its situation with these settings.
    pub scenario_failed: bool,
    /// Client writes sent so far, to make default keys and values distinct.
    pub writes: u64,
    /// The etcd terminal, acting on the same world through etcdctl.
    shell: Rc<RefCell<Shell<SimBackend>>>,
    pub screen: Screen,
}

fn new_shell(world: &Rc<RefCell<LabWorld>>) -> Rc<RefCell<Shell<SimBackend>>> {
    let backend = SimBackend::from_world(world.clone());
    Rc::new(RefCell::new(Shell::new(backend, Scenario::Installed)))
}

pub fn settings_of(config: &SimConfig) -> LabSettings {
    LabSettings {
        nodes: config.nodes as usize,
        election_min_ms: config.raft.election_timeout_min_us / 1000,
        election_max_ms: config.raft.election_timeout_max_us / 1000,
        heartbeat_ms: config.raft.heartbeat_interval_us / 1000,
        pre_vote: config.raft.pre_vote,
        check_quorum: config.raft.check_quorum,
        lease_reads: config.raft.read_mode == ReadMode::LeaseBased,
        bugs: quorum_raft::Bug::ALL
            .iter()
            .copied()
            .filter(|b| config.raft.bugs.is_on(*b))
            .collect(),
    }
}

pub fn config_of(settings: &LabSettings) -> SimConfig {
    let mut config = world::lab_config(settings.nodes.clamp(1, 9));
    config.raft.election_timeout_min_us = settings.election_min_ms * 1000;
    config.raft.election_timeout_max_us = settings.election_max_ms * 1000;
    config.raft.heartbeat_interval_us = settings.heartbeat_ms * 1000;
    config.raft.pre_vote = settings.pre_vote;
    config.raft.check_quorum = settings.check_quorum;
    config.raft.read_mode = if settings.lease_reads {
        ReadMode::LeaseBased
    } else {
        ReadMode::ReadIndex
    };
    let mut bugs = Bugs::default();
    for bug in &settings.bugs {
        bugs.set(*bug, true);
    }
    config.raft.bugs = bugs;
    config
}

impl Lab {
    pub fn new(params: &Params) -> Lab {
        let restored = params.run.as_deref().and_then(permalink::decode);
        let run = restored.unwrap_or_else(|| RunDescription {
            config: world::lab_config(params.nodes),
            seed: params.seed,
            actions: Vec::new(),
        });
        Lab::from_run(run, params)
    }

    fn from_run(run: RunDescription, params: &Params) -> Lab {
        let settings = settings_of(&run.config);
        let seed = run.seed;
        // A run that the simulator refuses (an edited link) falls back to a fresh default one.
        let mut world = LabWorld::new(run)
            .or_else(|_| world::new_world(params.nodes, params.seed))
            .expect("the default lab world is valid");
        if let Some(t) = params.time_us {
            world.seek(t);
        }
        let horizon_us = world.now();
        let view = Rc::new(world::view_with_horizon(&world, horizon_us));
        let world = Rc::new(RefCell::new(world));
        let shell = new_shell(&world);
        let screen = Screen::new(&shell.borrow());
        Lab {
            world,
            shell,
            screen,
            view,
            playing: !params.paused,
            speed_log2: params.speed_log2,
            seed,
            settings,
            horizon_us,
            selected_node: None,
            selected_message: None,
            refused: None,
            scenario_failed: false,
            writes: 0,
        }
    }

    /// The full message in flight with this id (for the inspector).
    pub fn message_detail(&self, id: u64) -> Option<quorum_raft::Message> {
        self.world.borrow().message(id).map(|f| f.msg.clone())
    }

    /// The run so far, for the permalink and export.
    pub fn run_description(&self) -> RunDescription {
        self.world.borrow().run_description()
    }

    /// Simulated microseconds that correspond to `wall_ms` at the current speed.
    fn simulated_us(&self, wall_ms: f64) -> u64 {
        (wall_ms * 1000.0 * 2f64.powi(self.speed_log2))
            .round()
            .max(0.0) as u64
    }

    /// A copy of this state after `change` was made to the world; the view is rebuilt.
    /// Rebuilds the view from the world; the timeline ends at the latest instant reached.
    fn refresh_view(&mut self) {
        let world = self.world.borrow();
        self.horizon_us = self.horizon_us.max(world.now());
        self.view = Rc::new(world::view_with_horizon(&world, self.horizon_us));
    }

    /// A copy of this state after `change` was made to the world; the view is rebuilt.
    fn after(
        self: Rc<Self>,
        change: impl FnOnce(&mut LabWorld) -> Result<(), SimError>,
    ) -> Rc<Self> {
        let mut next = (*self).clone();
        next.refused = change(&mut next.world.borrow_mut()).err();
        next.refresh_view();
        Rc::new(next)
    }

    /// Like `after`, for a user action: it forks the run, so the old future is gone and the
    /// timeline ends now; the permalink records the action.
    fn act(self: Rc<Self>, change: impl FnOnce(&mut LabWorld) -> Result<(), SimError>) -> Rc<Self> {
        let mut next = (*self).clone();
        next.refused = change(&mut next.world.borrow_mut()).err();
        next.horizon_us = 0;
        next.refresh_view();
        permalink::store(&next.run_description(), next.view.time_us);
        Rc::new(next)
    }

    fn with(self: Rc<Self>, change: impl FnOnce(&mut Lab)) -> Rc<Self> {
        let mut next = (*self).clone();
        change(&mut next);
        Rc::new(next)
    }

    fn restart_with(self: Rc<Self>, config: SimConfig) -> Rc<Self> {
        let run = RunDescription {
            config,
            seed: self.seed,
            actions: Vec::new(),
        };
        match LabWorld::new(run) {
            Ok(world) => self.replace_world(world),
            Err(e) => self.with(|lab| lab.refused = Some(e)),
        }
    }

    /// The lab on a new world (its settings, terminal and timeline follow it).
    fn replace_world(self: Rc<Self>, world: LabWorld) -> Rc<Self> {
        let mut next = (*self).clone();
        next.settings = settings_of(&world.config);
        next.view = Rc::new(world::view(&world));
        next.horizon_us = world.now();
        next.world = Rc::new(RefCell::new(world));
        next.shell = new_shell(&next.world);
        next.refused = None;
        next.scenario_failed = false;
        next.selected_message = None;
        permalink::store(&next.run_description(), next.view.time_us);
        Rc::new(next)
    }

    /// The paper's Figure 8, stage (c), on the lab's settings, paused so the student
    /// chooses what happens next.
    fn load_figure8(self: Rc<Self>) -> Rc<Self> {
        let base = config_of(&self.settings);
        match scenario::figure8::<EtcdState>(&base, self.seed, Figure8Stage::C) {
            Ok(world) => {
                let mut next = self.replace_world(world);
                Rc::make_mut(&mut next).playing = false;
                next
            }
            Err(ScenarioError::Sim(e)) => self.with(|lab| lab.refused = Some(e)),
            Err(ScenarioError::StageNotReached { .. }) => {
                self.with(|lab| lab.scenario_failed = true)
            }
        }
    }
}

impl Lab {
    /// Runs the terminal: `run` gets the shell; the world may have moved on meanwhile
    /// (a blocked etcdctl waits in simulated time), so the view is rebuilt.
    fn in_terminal(
        self: Rc<Self>,
        echo: Option<String>,
        run: impl FnOnce(&mut Shell<SimBackend>) -> Output,
    ) -> Rc<Self> {
        let mut next = (*self).clone();
        let recorded = |lab: &Lab| lab.world.borrow().actions_recorded;
        let before = recorded(&next);
        let out = run(&mut next.shell.borrow_mut());
        next.screen.show(&next.shell.borrow(), echo, out);
        // What the terminal did (a put, a stop, a lease revoke) is a run action like a
        // button's: it forked the run there, and the permalink records it.
        let acted = recorded(&next) != before;
        if acted {
            next.horizon_us = 0;
        }
        next.refresh_view();
        if acted {
            permalink::store(&next.run_description(), next.view.time_us);
        }
        Rc::new(next)
    }
}

fn node_action(node: u64, command: NodeCommand, writes: u64) -> UserAction {
    match command {
        NodeCommand::Stop => UserAction::StopNode { node },
        NodeCommand::Restart => UserAction::RestartNode { node },
        NodeCommand::ForceTimeout => UserAction::ForceTimeout { node },
        NodeCommand::Write => UserAction::ClientWrite {
            node,
            key: format!("k{}", writes % 3),
            value: format!("v{writes}"),
        },
        NodeCommand::Read => UserAction::ClientRead {
            node,
            key: format!("k{}", writes % 3),
        },
        NodeCommand::TransferLeadership => UserAction::TransferLeadership { to: node },
        NodeCommand::Remove => UserAction::RemoveNode { node },
        NodeCommand::Promote => UserAction::PromoteLearner { node },
    }
}

/// The user actions of a preset, given the world as it is now.
fn preset_actions(world: &LabWorld, preset: Preset) -> Vec<UserAction> {
    let ids = world.node_ids();
    let leader = world.leader();
    let followers: Vec<u64> = ids.iter().copied().filter(|&n| Some(n) != leader).collect();
    match preset {
        // Without a leader, two servers whose timers fire at once split the vote.
        Preset::SplitVote => {
            let mut actions = vec![UserAction::StopLeader];
            actions.extend(
                followers
                    .iter()
                    .take(2)
                    .map(|&node| UserAction::ForceTimeout { node }),
            );
            actions
        }
        Preset::PartitionLeader => vec![UserAction::IsolateLeader],
        // A new world rather than actions on this one (see `Lab::load_figure8`).
        Preset::Figure8 => Vec::new(),
        Preset::MinoritySide => {
            let minority_size = ids.len().saturating_sub(1) / 2;
            let mut minority: Vec<u64> = leader.into_iter().collect();
            minority.extend(
                followers
                    .iter()
                    .copied()
                    .take(minority_size.saturating_sub(minority.len())),
            );
            let majority = ids
                .iter()
                .copied()
                .filter(|n| !minority.contains(n))
                .collect();
            vec![UserAction::Partition {
                groups: vec![minority, majority],
            }]
        }
    }
}

impl Reducible for Lab {
    type Action = LabAction;

    fn reduce(self: Rc<Self>, action: LabAction) -> Rc<Self> {
        match action {
            // Time passes through the shell, so running `watch` streams print and the
            // etcd leader revokes expired leases, as a real cluster would.
            LabAction::Frame(wall_ms) if self.playing => {
                let step = self.simulated_us(wall_ms) as i64;
                self.in_terminal(None, |shell| shell.tick(step))
            }
            LabAction::Frame(_) => self,
            LabAction::TogglePlay => self.with(|lab| lab.playing = !lab.playing),
            LabAction::SetSpeed(speed) => self.with(|lab| lab.speed_log2 = speed),
            LabAction::StepForward => self.with(|lab| lab.playing = false).after(|world| {
                world.step();
                Ok(())
            }),
            LabAction::StepBack => self.with(|lab| lab.playing = false).after(|world| {
                world.step_back();
                Ok(())
            }),
            LabAction::Seek(t) => self.after(|world| {
                world.seek(t);
                Ok(())
            }),
            LabAction::SeekEvent(n) => self.with(|lab| lab.playing = false).after(|world| {
                world.seek_event(n);
                Ok(())
            }),
            LabAction::Node(node, command) => {
                let action = node_action(node, command, self.writes);
                self.with(|lab| lab.writes += 1)
                    .act(|world| world.apply(action))
            }
            LabAction::AddNode(learner) => self.act(|world| {
                let node = world.node_ids().into_iter().max().unwrap_or(0) + 1;
                world.apply(if learner {
                    UserAction::AddLearner { node }
                } else {
                    UserAction::AddNode { node }
                })
            }),
            LabAction::ClientWrite(key, value) => self.with(|lab| lab.writes += 1).act(|world| {
                let node = world
                    .leader()
                    .or_else(|| world.node_ids().first().copied())
                    .unwrap_or(1);
                world.apply(UserAction::ClientWrite { node, key, value })
            }),
            LabAction::SelectNode(node) => self.with(|lab| lab.selected_node = node),
            LabAction::SelectMessage(id) => self.with(|lab| lab.selected_message = id),
            LabAction::DropMessage(id) => {
                self.act(|world| world.apply(UserAction::DropMessage { id }))
            }
            LabAction::Partition(groups) => {
                self.act(|world| world.apply(UserAction::Partition { groups }))
            }
            LabAction::Cut(from, to) => {
                self.act(|world| world.apply(UserAction::CutLink { from, to }))
            }
            LabAction::Restore(from, to) => {
                self.act(|world| world.apply(UserAction::RestoreLink { from, to }))
            }
            LabAction::Heal => self.act(|world| world.apply(UserAction::Heal)),
            LabAction::Latency(min_us, max_us) => self.act(|world| {
                let net = NetConfig {
                    latency_min_us: min_us.min(max_us),
                    latency_max_us: max_us.max(min_us),
                    ..world.network().0.clone()
                };
                world.apply(UserAction::SetNetwork { net })
            }),
            LabAction::Loss(loss_ppm) => self.act(|world| {
                let net = NetConfig {
                    loss_ppm: loss_ppm.min(1_000_000),
                    ..world.network().0.clone()
                };
                world.apply(UserAction::SetNetwork { net })
            }),
            LabAction::Preset(Preset::Figure8) => self.load_figure8(),
            LabAction::Preset(preset) => self.act(|world| {
                preset_actions(world, preset)
                    .into_iter()
                    .try_for_each(|a| world.apply(a))
            }),
            LabAction::ApplySettings(settings) => self.restart_with(config_of(&settings)),
            LabAction::Terminal(line) => {
                self.in_terminal(Some(line.clone()), |shell| shell.input(&line))
            }
            LabAction::Interrupt => self.in_terminal(None, |shell| shell.interrupt()),
            LabAction::Reset => {
                let config = config_of(&self.settings);
                self.restart_with(config)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_the_simulator_config() {
        let settings = LabSettings {
            nodes: 7,
            election_min_ms: 300,
            election_max_ms: 500,
            heartbeat_ms: 50,
            pre_vote: false,
            check_quorum: true,
            lease_reads: true,
            bugs: vec![quorum_raft::Bug::ALL[0]],
        };
        assert_eq!(settings_of(&config_of(&settings)), settings);
    }

    #[test]
    fn minority_preset_puts_the_leader_on_the_smaller_side() {
        let mut world = world::new_world(5, 3).unwrap();
        world.run_until(20_000_000, |w| w.leader().is_some());
        let leader = world.leader().expect("a leader within 20 s");
        let actions = preset_actions(&world, Preset::MinoritySide);
        let UserAction::Partition { groups } = &actions[0] else {
            panic!("a partition")
        };
        assert_eq!(groups[0].len(), 2);
        assert!(groups[0].contains(&leader));
        assert_eq!(groups[1].len(), 3);
    }

    #[test]
    fn figure8_preset_reaches_stage_c_on_the_labs_etcd_world() {
        let base = config_of(&settings_of(&world::lab_config(7)));
        for seed in 0..10 {
            let world = scenario::figure8::<EtcdState>(&base, seed, Figure8Stage::C)
                .unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
            assert_eq!(world.leader(), Some(1));
            assert_eq!(world.node_ids(), vec![1, 2, 3, 4, 5]);
            let s1 = world.node(1).expect("S1 runs");
            assert!(s1.commit() < 3, "index 3 is not committed by counting");
            assert!(world.violations().is_empty());
        }
    }
}
