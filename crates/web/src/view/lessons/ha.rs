//! The HA steps of a lesson (`view ha`) on the real control-plane model: a
//! `quorum_k8s::cluster::Cluster` (API servers, controller managers and schedulers electing
//! leaders by Lease, over the simulator's Raft etcd), built from the lesson's `topology` and
//! `lease` settings. Script actions and the student's buttons become the model's failures;
//! the HA goals (servers down, quorum lost, etcd leader, topology, Lease takeover) are read
//! from it; its terminal runs `kubectl` and `cat` of the API server's unit.

use super::goals::Check;
use super::script::Outcome;
use crate::view::terminal::TermLine;
use quorum_course::lesson::{Action, Elected, EtcdTopology, Goal, Settings, Target};
use quorum_k8s::cluster::{BuildError, Cluster, ComponentKind, Failure};
use quorum_k8s::kubectl::APISERVER_UNIT_PATH;
use quorum_k8s::leader_election::LeaderElectionConfig;
use quorum_k8s::topology::{HostId, TopologySpec};

/// A new cluster has run this long when the step starts: etcd and both leases have
/// leaders and the sample deployment runs (as on the HA page).
pub const WARM_UP_US: u64 = 60_000_000;
/// The most `wait-leader` runs the model for.
const WAIT_LEADER_US: u64 = 30_000_000;

/// The step's cluster: the lesson's topology and lease flags, warmed up.
pub fn build(settings: &Settings) -> Result<Cluster, BuildError> {
    let (etcd, control_planes, etcd_members, workers) = settings.topology;
    let spec = match etcd {
        EtcdTopology::Stacked => TopologySpec::stacked(control_planes, workers),
        EtcdTopology::External => TopologySpec::external(control_planes, etcd_members, workers),
    };
    let config = LeaderElectionConfig {
        lease_duration_us: settings.lease_duration_us,
        renew_deadline_us: settings.renew_deadline_us,
        retry_period_us: settings.retry_period_us,
        ..LeaderElectionConfig::default()
    };
    let mut cluster = Cluster::new(spec, config, settings.seed)?;
    cluster.run_until(WARM_UP_US);
    Ok(cluster)
}

fn component(which: Elected) -> ComponentKind {
    match which {
        Elected::ControllerManager => ComponentKind::ControllerManager,
        Elected::Scheduler => ComponentKind::Scheduler,
    }
}

fn elected(which: Elected) -> quorum_k8s::cluster::Elected {
    match which {
        Elected::ControllerManager => quorum_k8s::cluster::Elected::ControllerManager,
        Elected::Scheduler => quorum_k8s::cluster::Elected::Scheduler,
    }
}

/// The failure that stopping `target` means here (`None`: nothing by that name).
fn stop_failure(c: &Cluster, target: &Target) -> Option<Failure> {
    let spec = c.spec();
    let exists = |host: HostId| spec.hosts().iter().any(|h| h.id == host);
    let host = |id: HostId| exists(id).then_some(Failure::StopHost(id));
    match *target {
        Target::ControlPlane(n) => host(HostId::ControlPlane(n.checked_sub(1)?)),
        Target::Worker(n) => host(HostId::Worker(n.checked_sub(1)?)),
        Target::EtcdMember(n) => {
            let member = n.checked_sub(1)?;
            (member < spec.etcd_members()).then_some(Failure::StopEtcdMember(member))
        }
        Target::LoadBalancer => Some(Failure::FailLoadBalancer),
        Target::Leader => c.view().etcd_leader.map(Failure::StopEtcdMember),
        Target::Active(which) => c
            .acting_leader(elected(which))
            .map(|cp| Failure::StopComponent {
                cp,
                component: component(which),
            }),
        _ => None,
    }
}

/// Runs one script action on the cluster.
pub fn run(c: &mut Cluster, action: &Action) -> Outcome {
    match action {
        a if a.is_setting() => Outcome::Done,
        Action::Stop { target } => match stop_failure(c, target) {
            Some(f) => c.apply(f).map_or(Outcome::Refused, |_| Outcome::Done),
            None => Outcome::Skipped(format!("stop {}", target.word())),
        },
        Action::Restart {
            target: Target::All,
        } => {
            c.restore_all();
            Outcome::Done
        }
        // Heal the network only: stopped hosts stay stopped.
        Action::Heal => {
            c.restore_partitions();
            Outcome::Done
        }
        Action::Restart { target } => {
            let down: Vec<Failure> = c.failures().cloned().collect();
            let wanted = stop_failure(c, target);
            match down.into_iter().find(|f| Some(f) == wanted.as_ref()) {
                Some(f) => {
                    c.restore(&f);
                    Outcome::Done
                }
                None => Outcome::Skipped(format!("restart {}", target.word())),
            }
        }
        Action::Advance { us } => {
            c.advance(*us);
            Outcome::Done
        }
        Action::WaitLeader => {
            let until = c.now_us().saturating_add(WAIT_LEADER_US);
            while c.view().etcd_leader.is_none() && c.now_us() < until {
                c.advance(100_000);
            }
            Outcome::Done
        }
        Action::View { .. } | Action::Chooser { .. } => Outcome::Page,
        // Raft-lab actions (writes, partitions of servers, membership) have no meaning on
        // the control-plane model.
        _ => Outcome::Skipped("(an action of the Raft lab)".into()),
    }
}

/// Hosts that are powered off (the load balancer is not a server).
pub fn hosts_down(c: &Cluster) -> usize {
    c.spec()
        .hosts()
        .iter()
        .filter(|h| h.id != HostId::LoadBalancer && !c.host_up(h.id))
        .count()
}

/// Who holds each Lease now (controller manager, scheduler).
pub fn holders(c: &Cluster) -> (Option<String>, Option<String>) {
    let view = c.view();
    let holder = |name: &str| {
        view.leases
            .iter()
            .find(|l| l.key.name == name)
            .map(|l| l.spec.holder_identity.clone())
            .filter(|h| !h.is_empty())
    };
    (
        holder(Elected::ControllerManager.name()),
        holder(Elected::Scheduler.name()),
    )
}

/// The HA goals, read from the cluster; `None` for goals about something else.
pub fn check(goal: &Goal, c: &Cluster, start: &(Option<String>, Option<String>)) -> Option<Check> {
    let met = |b: bool| if b { Check::Met } else { Check::NotYet };
    let view = c.view();
    Some(match goal {
        Goal::ServersDown { n } => met(hosts_down(c) >= usize::from(*n)),
        Goal::QuorumLost => met(view.etcd_quorum.is_none()),
        Goal::LeaderElected => met(view.etcd_leader.is_some()),
        Goal::TopologyIs { etcd } => met(match etcd {
            EtcdTopology::Stacked => c.spec().etcd == quorum_k8s::topology::EtcdTopology::Stacked,
            EtcdTopology::External => c.spec().etcd == quorum_k8s::topology::EtcdTopology::External,
        }),
        Goal::ActiveChanged { which } => {
            let now = holders(c);
            let (before, after) = match which {
                Elected::ControllerManager => (&start.0, now.0),
                Elected::Scheduler => (&start.1, now.1),
            };
            met(after.is_some() && after.as_ref() != before.as_ref())
        }
        _ => return None,
    })
}

/// One line of the HA terminal (the HA view's own: `kubectl`, `cat` of the API server's unit),
/// as the lesson's terminal draws it; `clear` prints nothing here.
pub fn terminal_line(c: &mut Cluster, line: &str) -> Vec<TermLine> {
    crate::view::ha::state::execute(c, line).unwrap_or_default()
}

/// The path the HA terminal suggests.
pub fn unit_path() -> &'static str {
    APISERVER_UNIT_PATH
}
