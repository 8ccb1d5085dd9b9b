//! What the elected controller-manager and scheduler, and the kubelets, do each round.

use super::objects::{key, NodeRole, Pod, PodPhase, ReplicaSet};
use super::route::{Client, ReqKind};
use super::{Cluster, ClusterEventKind, Elected, NODE_GRACE_US};
use crate::topology::HostId;

impl Cluster {
    /// One round of the acting leaders' work.
    pub(crate) fn reconcile(&mut self, at: u64) {
        if let Some(cp) = self.acting_leader(Elected::ControllerManager) {
            let _ = self
                .node_lifecycle(cp, at)
                .and_then(|_| self.deployments(cp, at))
                .and_then(|_| self.replicasets(cp, at));
        }
        if let Some(cp) = self.acting_leader(Elected::Scheduler) {
            let _ = self.schedule(cp, at);
        }
    }

    /// Send a write from the leader on `cp`; `Err` ends the round.
    fn write_from(&mut self, cp: u8, at: u64) -> Result<(), ()> {
        let trace = self.route(Client::Local(cp), ReqKind::Write, at);
        match trace.result {
            Ok(()) => {
                self.objects.bump();
                Ok(())
            }
            Err(_) => Err(()),
        }
    }

    fn node_lifecycle(&mut self, cp: u8, at: u64) -> Result<(), ()> {
        let stale: Vec<String> = self
            .objects
            .nodes
            .values()
            .filter(|n| n.ready && at.saturating_sub(n.last_heartbeat_us) > NODE_GRACE_US)
            .map(|n| n.name.clone())
            .collect();
        for name in stale {
            self.write_from(cp, at)?;
            if let Some(n) = self.objects.nodes.get_mut(&name) {
                n.ready = false;
            }
            self.log(at, ClusterEventKind::NodeNotReady { node: name });
        }
        Ok(())
    }

    fn deployments(&mut self, cp: u8, at: u64) -> Result<(), ()> {
        let deployments: Vec<_> = self.objects.deployments.values().cloned().collect();
        for d in deployments {
            let existing = self
                .objects
                .replicasets
                .values()
                .find(|rs| rs.namespace == d.namespace && rs.deployment == d.name)
                .cloned();
            match existing {
                None => {
                    self.write_from(cp, at)?;
                    let name = format!("{}-{}", d.name, self.suffix(10));
                    self.objects.replicasets.insert(
                        key(&d.namespace, &name),
                        ReplicaSet {
                            namespace: d.namespace.clone(),
                            name,
                            deployment: d.name.clone(),
                            image: d.image.clone(),
                            replicas: d.replicas,
                            created_us: at,
                        },
                    );
                }
                Some(rs) if rs.replicas != d.replicas || rs.image != d.image => {
                    self.write_from(cp, at)?;
                    if let Some(r) = self
                        .objects
                        .replicasets
                        .get_mut(&key(&rs.namespace, &rs.name))
                    {
                        r.replicas = d.replicas;
                        r.image = d.image.clone();
                    }
                }
                Some(_) => {}
            }
        }
        // ReplicaSets whose Deployment is gone are garbage-collected.
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
            .map(|rs| key(&rs.namespace, &rs.name))
            .collect();
        for k in orphans {
            self.write_from(cp, at)?;
            self.objects.replicasets.remove(&k);
            self.objects
                .pods
                .retain(|_, p| !(p.namespace == k.0 && p.owner.as_deref() == Some(k.1.as_str())));
        }
        Ok(())
    }

    fn replicasets(&mut self, cp: u8, at: u64) -> Result<(), ()> {
        let sets: Vec<_> = self.objects.replicasets.values().cloned().collect();
        for rs in sets {
            let have = self.objects.pods_of(&rs.namespace, &rs.name).len();
            let want = rs.replicas as usize;
            for _ in have..want {
                self.write_from(cp, at)?;
                let name = format!("{}-{}", rs.name, self.suffix(5));
                self.objects.pods.insert(
                    key(&rs.namespace, &name),
                    Pod {
                        namespace: rs.namespace.clone(),
                        name: name.clone(),
                        image: rs.image.clone(),
                        owner: Some(rs.name.clone()),
                        node: None,
                        phase: PodPhase::Pending,
                        created_us: at,
                    },
                );
                self.log(
                    at,
                    ClusterEventKind::PodCreated {
                        namespace: rs.namespace.clone(),
                        name,
                    },
                );
            }
            let extra: Vec<_> = self
                .objects
                .pods_of(&rs.namespace, &rs.name)
                .iter()
                .skip(want)
                .map(|p| key(&p.namespace, &p.name))
                .collect();
            for k in extra {
                self.write_from(cp, at)?;
                self.objects.pods.remove(&k);
            }
        }
        Ok(())
    }

    /// Bind pending pods to the Ready worker with the fewest pods (control-plane
    /// nodes carry kubeadm's NoSchedule taint).
    fn schedule(&mut self, cp: u8, at: u64) -> Result<(), ()> {
        let pending: Vec<_> = self
            .objects
            .pods
            .values()
            .filter(|p| p.node.is_none())
            .map(|p| key(&p.namespace, &p.name))
            .collect();
        for k in pending {
            let Some(node) = self.least_loaded_worker() else {
                return Ok(());
            };
            self.write_from(cp, at)?;
            if let Some(p) = self.objects.pods.get_mut(&k) {
                p.node = Some(node.clone());
            }
            self.log(at, ClusterEventKind::PodScheduled { name: k.1, node });
        }
        Ok(())
    }

    pub(crate) fn least_loaded_worker(&self) -> Option<String> {
        self.objects
            .nodes
            .values()
            .filter(|n| n.role == NodeRole::Worker && n.ready)
            .min_by_key(|n| {
                self.objects
                    .pods
                    .values()
                    .filter(|p| p.node.as_deref() == Some(n.name.as_str()))
                    .count()
            })
            .map(|n| n.name.clone())
    }

    /// Every running kubelet posts its node status through the load balancer and
    /// reports the pods bound to it as running.
    pub(crate) fn heartbeats(&mut self, at: u64) {
        let hosts: Vec<HostId> = (0..self.spec.control_planes)
            .map(HostId::ControlPlane)
            .chain((0..self.spec.workers).map(HostId::Worker))
            .filter(|&h| self.host_up(h))
            .collect();
        for host in hosts {
            let trace = self.route(Client::Kubelet(host), ReqKind::Write, at);
            if trace.result.is_err() {
                continue;
            }
            self.objects.bump();
            let name = host.name();
            let mut became_ready = false;
            if let Some(n) = self.objects.nodes.get_mut(&name) {
                n.last_heartbeat_us = at;
                became_ready = !n.ready;
                n.ready = true;
            }
            if became_ready {
                self.log(at, ClusterEventKind::NodeReady { node: name.clone() });
            }
            for p in self.objects.pods.values_mut() {
                if p.node.as_deref() == Some(name.as_str()) {
                    p.phase = PodPhase::Running;
                }
            }
        }
    }
}
