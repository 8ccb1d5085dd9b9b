//! Snapshots of the model for the topology view.

use super::{Cluster, ComponentKind, Elected, Instance};
use crate::leader_election::{ElectorView, Lease};
use crate::quorum::majority;
use crate::topology::{Host, HostId};
use serde::Serialize;

/// A member's Raft role, read from the simulated node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EtcdMemberRole {
    /// A Raft leader (a deposed one cut off from the majority stays leader until
    /// check-quorum makes it step down).
    Leader,
    /// A follower that knows a leader.
    Follower,
    /// Running but knows no leader (an election is under way, or it is cut off).
    NoLeader,
    Stopped,
}

/// One running etcd member's Raft state, read from the simulated node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct EtcdMemberRaft {
    pub member: u8,
    pub term: u64,
    pub commit: u64,
    pub applied: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ComponentState {
    /// `ready`: its etcd check passes (the load balancer sends it traffic).
    ApiServer {
        running: bool,
        ready: bool,
    },
    ControllerManager(InstanceView),
    Scheduler(InstanceView),
    Etcd {
        member: u8,
        role: EtcdMemberRole,
    },
    Kubelet {
        running: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InstanceView {
    pub cp: u8,
    pub running: bool,
    pub acting_leader: bool,
    pub restarts: u32,
    /// The candidate's own view of the lease (None while not running).
    pub elector: Option<ElectorView>,
    /// When the kubelet restarts it, if it exited.
    pub restart_at_us: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HostView {
    pub host: Host,
    pub up: bool,
    pub components: Vec<ComponentState>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClusterView {
    pub now_us: u64,
    pub hosts: Vec<HostView>,
    pub etcd_members: u8,
    pub etcd_majority: u8,
    /// The Raft leader with the highest term, and the highest term of a running member.
    pub etcd_leader: Option<u8>,
    pub etcd_term: u64,
    /// The running members that can reach a majority, if a side can.
    pub etcd_quorum: Option<Vec<u8>>,
    /// Each running member's term, commit and applied index.
    pub etcd_raft: Vec<EtcdMemberRaft>,
    pub controller_manager_leader: Option<u8>,
    pub scheduler_leader: Option<u8>,
    pub leases: Vec<Lease>,
}

impl Cluster {
    pub fn view(&self) -> ClusterView {
        ClusterView {
            now_us: self.now_us,
            hosts: self
                .spec
                .hosts()
                .into_iter()
                .map(|h| self.host_view(h))
                .collect(),
            etcd_members: self.spec.etcd_members(),
            etcd_majority: majority(self.spec.etcd_members()),
            etcd_leader: self.etcd.leader(),
            etcd_term: self.etcd.term(),
            etcd_quorum: self.etcd_quorum(),
            etcd_raft: (0..self.spec.etcd_members())
                .filter_map(|member| {
                    let (term, commit) = self.etcd.raft_state(member)?;
                    Some(EtcdMemberRaft {
                        member,
                        term,
                        commit,
                        applied: self.etcd.applied_index(member),
                    })
                })
                .collect(),
            controller_manager_leader: self.acting_leader(Elected::ControllerManager),
            scheduler_leader: self.acting_leader(Elected::Scheduler),
            leases: self.objects.leases.all().cloned().collect(),
        }
    }

    fn host_view(&self, host: Host) -> HostView {
        let up = self.host_up(host.id);
        let mut components = Vec::new();
        match host.id {
            HostId::ControlPlane(cp) => {
                components.push(ComponentState::ApiServer {
                    running: self.component_running(cp, ComponentKind::ApiServer),
                    ready: self.apiserver_ready(cp),
                });
                components.push(ComponentState::ControllerManager(
                    self.instance_view(Elected::ControllerManager, cp),
                ));
                components.push(ComponentState::Scheduler(
                    self.instance_view(Elected::Scheduler, cp),
                ));
                if self.spec.etcd == crate::topology::EtcdTopology::Stacked {
                    components.push(self.etcd_state(cp));
                }
                components.push(ComponentState::Kubelet { running: up });
            }
            HostId::Etcd(m) => components.push(self.etcd_state(m)),
            HostId::Worker(_) => components.push(ComponentState::Kubelet { running: up }),
            HostId::LoadBalancer => {}
        }
        HostView {
            host,
            up,
            components,
        }
    }

    fn etcd_state(&self, member: u8) -> ComponentState {
        let role = if !self.etcd.is_running(member) {
            EtcdMemberRole::Stopped
        } else if self.etcd.is_leader(member) {
            EtcdMemberRole::Leader
        } else if self.etcd.knows_leader(member) {
            EtcdMemberRole::Follower
        } else {
            EtcdMemberRole::NoLeader
        };
        ComponentState::Etcd { member, role }
    }

    pub fn instance_view(&self, which: Elected, cp: u8) -> InstanceView {
        let slot: Option<&Instance> = self.instances(which).get(usize::from(cp));
        let elector = slot.and_then(|s| s.elector.as_ref());
        InstanceView {
            cp,
            running: elector.is_some(),
            acting_leader: elector.is_some_and(|e| e.is_acting_leader()),
            restarts: slot.map_or(0, |s| s.restarts),
            elector: elector.map(|e| e.view()),
            restart_at_us: slot.and_then(|s| s.restart_at_us),
        }
    }
}
