//! A lesson's script on the lesson's own simulated world: building the world from the
//! lesson's settings (over the lab's slowed-down network) and mapping each course `Action`
//! onto `quorum_sim::UserAction`s; `scenario figure8 x` loads `quorum_sim::scenario`'s
//! scripted world. Actions that need parts the lesson player does not drive yet are
//! reported as skipped rather than faked.

use crate::world::{self, LabWorld};
use quorum_course::lesson::{Action, EtcdTopology, Scenario, Settings, Target};
use quorum_course::View;
use quorum_raft::NodeId;
use quorum_sim::scenario::{self, Figure8Stage, ScenarioError};
use quorum_sim::{RunDescription, UserAction, World};

/// The most simulated time `wait-leader` runs for before giving up.
const WAIT_LEADER_US: u64 = 30_000_000;

/// Which model a step runs on: the lesson's Raft world, or (`view ha`) the control-plane
/// model of `ha.rs` with stacked or external etcd.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Raft,
    Stacked,
    External,
}

/// The view a step shows: the last `view` action of the steps so far.
pub fn view_at(lesson: &quorum_course::lesson::Lesson, step: usize) -> View {
    lesson
        .steps
        .iter()
        .take(step.saturating_add(1))
        .flat_map(|s| s.setup.iter())
        .filter_map(|a| match a {
            Action::View { view } => Some(*view),
            _ => None,
        })
        .next_back()
        .unwrap_or(View::Lab)
}

pub fn stage(view: View, settings: &Settings) -> Stage {
    match (view, settings.topology.0) {
        (View::Ha, EtcdTopology::Stacked) => Stage::Stacked,
        (View::Ha, EtcdTopology::External) => Stage::External,
        _ => Stage::Raft,
    }
}

/// A fresh world for `settings`: the lab's configuration and timings, with the lesson's
/// Raft switches; the lesson's timeouts replace the lab's only when the lesson sets them.
/// A `scenario` setting loads the scripted situation instead of a plain cluster.
pub fn build(settings: &Settings) -> Result<LabWorld, ScenarioError> {
    let lab = world::new_world(usize::from(settings.nodes.clamp(1, 9)), settings.seed)?;
    let mut config = lab.config.clone();
    let defaults = Settings::default();
    config.raft.pre_vote = settings.pre_vote;
    config.raft.check_quorum = settings.check_quorum;
    config.raft.bugs = settings.bugs;
    if (
        settings.election_timeout_min_us,
        settings.election_timeout_max_us,
    ) != (
        defaults.election_timeout_min_us,
        defaults.election_timeout_max_us,
    ) {
        config.raft.election_timeout_min_us = settings.election_timeout_min_us;
        config.raft.election_timeout_max_us = settings.election_timeout_max_us;
    }
    if settings.heartbeat_us != defaults.heartbeat_us {
        config.raft.heartbeat_interval_us = settings.heartbeat_us;
    }
    if let Some(Scenario::Figure8(letter)) = settings.scenario {
        // The parser accepts only a–d, so an unknown letter cannot reach here; (c) if it did.
        let at = Figure8Stage::from_letter(letter).unwrap_or(Figure8Stage::C);
        return scenario::figure8(&config, settings.seed, at);
    }
    Ok(World::new(RunDescription {
        config,
        seed: settings.seed,
        actions: Vec::new(),
    })?)
}

/// What running one action did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// The simulator refused it (e.g. no leader to stop); the lesson goes on.
    Refused,
    /// A client write was refused at once (it counts as a failed write).
    WriteRefused,
    /// The lesson player cannot run this yet; the words say which.
    Skipped(String),
    /// A page action (view, chooser) for the player itself.
    Page,
}

fn up(world: &LabWorld) -> Vec<NodeId> {
    world
        .nodes()
        .into_iter()
        .filter(|n| n.up)
        .map(|n| n.id)
        .collect()
}

/// The lowest-numbered running server that is not the leader.
fn follower(world: &LabWorld) -> Option<NodeId> {
    let leader = world.leader();
    up(world).into_iter().find(|id| Some(*id) != leader)
}

/// The servers a target names on this world (empty: nothing here matches).
fn resolve(world: &LabWorld, target: &Target, stopped: bool) -> Vec<NodeId> {
    let exists = |n: u8| {
        let id = NodeId::from(n);
        world.node_ids().contains(&id).then_some(id)
    };
    match target {
        Target::Leader => world.leader().into_iter().collect(),
        Target::Follower if stopped => world
            .nodes()
            .into_iter()
            .find(|n| !n.up)
            .map(|n| n.id)
            .into_iter()
            .collect(),
        Target::Follower => follower(world).into_iter().collect(),
        Target::All => world.node_ids(),
        Target::Server(n) => exists(*n).into_iter().collect(),
        // Control-plane hosts, etcd hosts, zones and Lease holders are HA targets (`ha.rs`).
        _ => Vec::new(),
    }
}

fn skipped(words: String) -> Outcome {
    Outcome::Skipped(words)
}

fn applied(world: &mut LabWorld, actions: Vec<UserAction>) -> Outcome {
    let mut outcome = Outcome::Done;
    for a in actions {
        if world.apply(a).is_err() {
            outcome = Outcome::Refused;
        }
    }
    outcome
}

/// Runs one script action on the world.
pub fn run(world: &mut LabWorld, action: &Action) -> Outcome {
    match action {
        a if a.is_setting() => Outcome::Done,
        Action::Stop { target } => {
            let ids = resolve(world, target, false);
            if ids.is_empty() {
                return skipped(format!("stop {}", target.word()));
            }
            let live = up(world);
            let acts = ids
                .into_iter()
                .filter(|id| live.contains(id))
                .map(|node| UserAction::StopNode { node })
                .collect();
            applied(world, acts)
        }
        Action::Restart { target } => {
            let ids = resolve(world, target, true);
            if ids.is_empty() {
                return skipped(format!("restart {}", target.word()));
            }
            let live = up(world);
            let acts = ids
                .into_iter()
                .filter(|id| !live.contains(id))
                .map(|node| UserAction::RestartNode { node })
                .collect();
            applied(world, acts)
        }
        Action::Isolate { target } => match resolve(world, target, false).first() {
            Some(&id) => {
                let rest = world.node_ids().into_iter().filter(|n| *n != id).collect();
                applied(
                    world,
                    vec![UserAction::Partition {
                        groups: vec![vec![id], rest],
                    }],
                )
            }
            None => skipped(format!("isolate {}", target.word())),
        },
        Action::Partition { groups } => {
            let mut listed: Vec<Vec<NodeId>> = Vec::new();
            for g in groups {
                let ids: Vec<NodeId> = g.iter().flat_map(|t| resolve(world, t, false)).collect();
                if ids.is_empty() {
                    return skipped("partition".into());
                }
                listed.push(ids);
            }
            // Unlisted servers form one more group (the simulator would leave them alone).
            let rest: Vec<NodeId> = world
                .node_ids()
                .into_iter()
                .filter(|n| !listed.iter().flatten().any(|m| m == n))
                .collect();
            if !rest.is_empty() {
                listed.push(rest);
            }
            applied(world, vec![UserAction::Partition { groups: listed }])
        }
        Action::Heal => applied(world, vec![UserAction::Heal]),
        Action::Write { key, value } => write(world, key, value),
        Action::WaitLeader => {
            let until = world.now().saturating_add(WAIT_LEADER_US);
            world.run_until(until, |w| w.leader().is_some());
            Outcome::Done
        }
        Action::Campaign { target } => match resolve(world, target, false).first() {
            Some(&node) => applied(world, vec![UserAction::ForceTimeout { node }]),
            None => skipped(format!("campaign {}", target.word())),
        },
        Action::Advance { us } => {
            let until = world.now().saturating_add(*us);
            world.advance_to(until);
            Outcome::Done
        }
        Action::AddServer => {
            let node = next_id(world);
            applied(world, vec![UserAction::AddNode { node }])
        }
        Action::AddLearner => {
            let node = next_id(world);
            applied(world, vec![UserAction::AddLearner { node }])
        }
        Action::RemoveServer { target } => match resolve(world, target, false).first() {
            Some(&node) => applied(world, vec![UserAction::RemoveNode { node }]),
            None => skipped(format!("remove-server {}", target.word())),
        },
        Action::Promote { target } => match resolve(world, target, false).first() {
            Some(&node) => applied(world, vec![UserAction::PromoteLearner { node }]),
            None => skipped(format!("promote {}", target.word())),
        },
        // The player runs these itself (its terminal and experiment panel).
        Action::Terminal { line } => skipped(line.clone()),
        Action::Experiment {
            min_us,
            max_us,
            trials,
        } => skipped(format!(
            "experiment {}-{}ms {trials}",
            min_us / 1000,
            max_us / 1000
        )),
        Action::View { .. } | Action::Chooser { .. } => Outcome::Page,
        // Settings are handled when the world is built.
        _ => Outcome::Done,
    }
}

/// The id the next added server gets.
pub fn next_id(world: &LabWorld) -> NodeId {
    world
        .node_ids()
        .into_iter()
        .max()
        .unwrap_or(0)
        .saturating_add(1)
}

/// A client write through the leader (or the lowest running server when there is none, so
/// the client waits and times out as a real one would).
pub fn write(world: &mut LabWorld, key: &str, value: &str) -> Outcome {
    let node = world.leader().or_else(|| up(world).first().copied());
    let Some(node) = node else {
        return Outcome::WriteRefused;
    };
    let action = UserAction::ClientWrite {
        node,
        key: key.to_string(),
        value: value.to_string(),
    };
    match world.apply(action) {
        Ok(()) => Outcome::Done,
        Err(_) => Outcome::WriteRefused,
    }
}

/// Words naming a setting the lesson player does not simulate (for the "not simulated
/// here" note); None for settings it does.
pub fn unsimulated_setting(action: &Action) -> Option<String> {
    match action {
        Action::Lease { .. } => Some("lease".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::lessons::goals::quorum_lost;
    use quorum_course::lesson::bundle;

    fn lesson(id: &str) -> quorum_course::lesson::Lesson {
        bundle()
            .into_iter()
            .flatten()
            .find(|l| l.id == id)
            .expect("bundled lesson")
    }

    /// Jumping to a step builds the step's world and replays its script on the simulator.
    fn jump(l: &quorum_course::lesson::Lesson, step: usize) -> LabWorld {
        let settings = l.settings_at(step);
        let mut world = build(&settings).expect("world");
        for a in l.jump_script(step) {
            assert!(!matches!(run(&mut world, &a), Outcome::Skipped(_)), "{a:?}");
        }
        world
    }

    #[test]
    fn etcd_quorum_steps_map_onto_the_simulator() {
        let l = lesson("etcd-quorum");
        let w = jump(&l, 1);
        assert_eq!(w.nodes().iter().filter(|n| !n.up).count(), 1);
        assert!(!quorum_lost(&w));
        let mut w = jump(&l, 2);
        assert_eq!(w.nodes().iter().filter(|n| !n.up).count(), 2);
        assert!(quorum_lost(&w));
        let down = w
            .nodes()
            .into_iter()
            .find(|n| !n.up)
            .map(|n| n.id)
            .unwrap_or(0);
        assert!(w.apply(UserAction::RestartNode { node: down }).is_ok());
        assert!(!quorum_lost(&w));
        assert_eq!(jump(&l, 3).node_ids().len(), 4);
    }

    #[test]
    fn partitions_put_unlisted_servers_in_one_more_group() {
        let l = lesson("etcd-quorum");
        let mut w = jump(&l, 4);
        let partition = l.steps[4].predict.as_ref().map(|p| p.reveal[0].clone());
        let partition = partition.expect("the step reveals a partition");
        assert_eq!(run(&mut w, &partition), Outcome::Done);
        // S1,S2 | S3,S4,S5: the majority side still forms a quorum.
        assert!(!quorum_lost(&w));
        assert!(!w.network().1.can_send(1, 3));
        assert!(w.network().1.can_send(3, 5));
    }

    #[test]
    fn parts_not_simulated_here_are_reported_not_faked() {
        let mut w = build(&Settings::default()).expect("world");
        let line = Action::Terminal {
            line: "etcdctl get name".into(),
        };
        assert_eq!(
            run(&mut w, &line),
            Outcome::Skipped("etcdctl get name".into())
        );
        let cp = Action::Stop {
            target: Target::ControlPlane(1),
        };
        // Control-plane hosts exist only on the HA model (`ha.rs`), not in the Raft world.
        assert!(matches!(run(&mut w, &cp), Outcome::Skipped(_)));
        assert_eq!(w.nodes().iter().filter(|n| !n.up).count(), 0);
    }

    /// The Figure 8 lesson on the real scripted world: the paper's terms at seed 1, (e) when
    /// left alone, (d) without loss, and the broken rule caught by the monitors once the
    /// step's reveal has run.
    #[test]
    fn figure8_lesson_replays_the_paper_on_the_simulator() {
        let l = lesson("raft-figure8");
        let b = jump(&l, 1);
        assert_eq!(b.leader(), Some(5));
        assert_eq!(b.node(5).map(|n| n.term()), Some(3));

        let mut c = jump(&l, 2);
        assert_eq!(
            c.node(1).map(|n| (n.term(), n.commit() < 3)),
            Some((4, true))
        );
        let later = c.now() + 2_000_000;
        c.advance_to(later);
        assert!(
            c.node(1).is_some_and(|n| n.commit() > 3),
            "(e) commits index 3"
        );

        let d = jump(&l, 3);
        assert_eq!(d.leader(), Some(5));
        assert_eq!(d.node(5).map(|n| n.term()), Some(5));
        assert!(d.violations().is_empty());

        let mut broken = jump(&l, 4);
        assert!(broken.node(1).is_some_and(|n| n.commit() >= 3));
        assert!(
            broken.violations().is_empty(),
            "nothing is lost before the reveal"
        );
        let reveal = l.steps[4].predict.as_ref().map(|p| p.reveal.clone());
        for a in reveal.expect("the step reveals (d)") {
            assert_eq!(run(&mut broken, &a), Outcome::Done, "{a:?}");
        }
        assert_eq!(broken.leader(), Some(5));
        assert!(
            !broken.violations().is_empty(),
            "the monitors catch the lost entry"
        );
    }
}
