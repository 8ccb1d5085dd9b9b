//! What the elected controller-manager and scheduler, and the kubelets, do each round.
//! They read the watch cache and write through their API server into etcd; a write
//! takes effect (and its event is logged) once etcd committed it. A leader whose
//! previous round's writes are still in flight skips the round, so nothing is written
//! twice while etcd is slow or has no quorum.

use super::objects::{key, pod_key, replicaset_key, NodeRole, Obj, Pod, PodPhase, ReplicaSet};
use super::route::{Client, Writer};
use super::{writes, Cluster, ClusterEventKind, Elected, NODE_GRACE_US};
use crate::topology::HostId;
use litemap::LiteMap;

impl Cluster {
    /// One round of the acting leaders' work.
    pub(crate) fn reconcile(&mut self, at: u64) {
        if let Some(cp) = self.acting_leader(Elected::ControllerManager) {
            if !self.is_busy(Writer::Leader(Elected::ControllerManager)) {
                let _ = self
                    .node_lifecycle(cp, at)
                    .and_then(|_| self.deployments(cp, at))
                    .and_then(|_| self.replicasets(cp, at));
            }
        }
        if let Some(cp) = self.acting_leader(Elected::Scheduler) {
            if !self.is_busy(Writer::Leader(Elected::Scheduler)) {
                let _ = self.schedule(cp);
            }
        }
    }

    /// Send a write from the leader of `which` on `cp`; `Err` ends the round.
    fn write_from(
        &mut self,
        which: Elected,
        cp: u8,
        req: quorum_etcd::Request,
        then: Vec<ClusterEventKind>,
    ) -> Result<(), ()> {
        if self.send_write(Client::Local(cp), Writer::Leader(which), req, then) {
            Ok(())
        } else {
            Err(())
        }
    }

    fn node_lifecycle(&mut self, cp: u8, at: u64) -> Result<(), ()> {
        let stale: Vec<_> = self
            .objects
            .nodes
            .values()
            .filter(|n| n.ready && at.saturating_sub(n.last_heartbeat_us) > NODE_GRACE_US)
            .cloned()
            .collect();
        for mut node in stale {
            node.ready = false;
            let then = vec![ClusterEventKind::NodeNotReady {
                node: node.name.clone(),
            }];
            let req = writes::put(&[Obj::Node(node)]);
            self.write_from(Elected::ControllerManager, cp, req, then)?;
        }
        Ok(())
    }

    fn deployments(&mut self, cp: u8, at: u64) -> Result<(), ()> {
        let kcm = Elected::ControllerManager;
        let deployments: Vec<_> = self.objects.deployments.values().cloned().collect();
        for d in deployments {
            let existing = self
                .objects
                .replicasets
                .values()
                .find(|rs| rs.namespace == d.namespace && rs.deployment == d.name)
                .cloned();
            let write = match existing {
                None => Some(ReplicaSet {
                    namespace: d.namespace.clone(),
                    name: format!("{}-{}", d.name, self.suffix(10)),
                    deployment: d.name.clone(),
                    image: d.image.clone(),
                    replicas: d.replicas,
                    created_us: at,
                }),
                Some(rs) if rs.replicas != d.replicas || rs.image != d.image => Some(ReplicaSet {
                    replicas: d.replicas,
                    image: d.image.clone(),
                    ..rs
                }),
                Some(_) => None,
            };
            if let Some(rs) = write {
                self.write_from(kcm, cp, writes::put(&[Obj::ReplicaSet(rs)]), Vec::new())?;
            }
        }
        // ReplicaSets whose Deployment is gone are garbage-collected with their pods.
        let orphans: Vec<_> = self
            .objects
            .replicasets
            .values()
            .filter(|rs| {
                !self
                    .objects
                    .deployments
                    .contains_key(&key(&rs.namespace, &rs.deployment))
            })
            .cloned()
            .collect();
        for rs in orphans {
            let mut keys: Vec<String> = self
                .objects
                .pods_of(&rs.namespace, &rs.name)
                .iter()
                .map(|p| pod_key(&p.namespace, &p.name))
                .collect();
            keys.push(replicaset_key(&rs.namespace, &rs.name));
            self.write_from(kcm, cp, writes::delete(keys), Vec::new())?;
        }
        Ok(())
    }

    fn replicasets(&mut self, cp: u8, at: u64) -> Result<(), ()> {
        let kcm = Elected::ControllerManager;
        let sets: Vec<_> = self.objects.replicasets.values().cloned().collect();
        for rs in sets {
            let have = self.objects.pods_of(&rs.namespace, &rs.name).len();
            let want = rs.replicas as usize;
            for _ in have..want {
                let name = format!("{}-{}", rs.name, self.suffix(5));
                let pod = Pod {
                    namespace: rs.namespace.clone(),
                    name: name.clone(),
                    image: rs.image.clone(),
                    owner: Some(rs.name.clone()),
                    node: None,
                    phase: PodPhase::Pending,
                    created_us: at,
                };
                let then = vec![ClusterEventKind::PodCreated {
                    namespace: rs.namespace.clone(),
                    name,
                }];
                self.write_from(kcm, cp, writes::put(&[Obj::Pod(pod)]), then)?;
            }
            let extra: Vec<String> = self
                .objects
                .pods_of(&rs.namespace, &rs.name)
                .iter()
                .skip(want)
                .map(|p| pod_key(&p.namespace, &p.name))
                .collect();
            if !extra.is_empty() {
                self.write_from(kcm, cp, writes::delete(extra), Vec::new())?;
            }
        }
        Ok(())
    }

    /// Bind pending pods to the Ready worker with the fewest pods (control-plane
    /// nodes carry kubeadm's NoSchedule taint).
    fn schedule(&mut self, cp: u8) -> Result<(), ()> {
        let pending: Vec<Pod> = self
            .objects
            .pods
            .values()
            .filter(|p| p.node.is_none())
            .cloned()
            .collect();
        // Bindings sent this round count before etcd has them.
        let mut bound: LiteMap<String, usize> = LiteMap::new();
        for mut pod in pending {
            let Some(node) = self.least_loaded_worker_with(&bound) else {
                return Ok(());
            };
            *bound.entry(node.clone()).or_insert(0) += 1;
            let then = vec![ClusterEventKind::PodScheduled {
                name: pod.name.clone(),
                node: node.clone(),
            }];
            pod.node = Some(node);
            let req = writes::put(&[Obj::Pod(pod)]);
            self.write_from(Elected::Scheduler, cp, req, then)?;
        }
        Ok(())
    }

    pub(crate) fn least_loaded_worker(&self) -> Option<String> {
        self.least_loaded_worker_with(&LiteMap::new())
    }

    fn least_loaded_worker_with(&self, extra: &LiteMap<String, usize>) -> Option<String> {
        self.objects
            .nodes
            .values()
            .filter(|n| n.role == NodeRole::Worker && n.ready)
            .min_by_key(|n| {
                let bound = self
                    .objects
                    .pods
                    .values()
                    .filter(|p| p.node.as_deref() == Some(n.name.as_str()))
                    .count();
                bound + extra.get(&n.name).copied().unwrap_or(0)
            })
            .map(|n| n.name.clone())
    }

    /// Every running kubelet posts its node status through the load balancer and
    /// reports the pods bound to it as running (one transaction).
    pub(crate) fn heartbeats(&mut self, at: u64) {
        let hosts: Vec<HostId> = (0..self.spec.control_planes)
            .map(HostId::ControlPlane)
            .chain((0..self.spec.workers).map(HostId::Worker))
            .filter(|&h| self.host_up(h))
            .collect();
        for host in hosts {
            if self.is_busy(Writer::Kubelet(host)) {
                continue;
            }
            let name = host.name();
            let Some(mut node) = self.objects.nodes.get(&name).cloned() else {
                continue;
            };
            let then = if node.ready {
                Vec::new()
            } else {
                vec![ClusterEventKind::NodeReady { node: name.clone() }]
            };
            node.last_heartbeat_us = at;
            node.ready = true;
            let mut objs = vec![Obj::Node(node)];
            objs.extend(
                self.objects
                    .pods
                    .values()
                    .filter(|p| p.node.as_deref() == Some(name.as_str()))
                    .filter(|p| p.phase != PodPhase::Running)
                    .map(|p| {
                        Obj::Pod(Pod {
                            phase: PodPhase::Running,
                            ..p.clone()
                        })
                    }),
            );
            let req = writes::put(&objs);
            self.send_write(Client::Kubelet(host), Writer::Kubelet(host), req, then);
        }
    }
}
