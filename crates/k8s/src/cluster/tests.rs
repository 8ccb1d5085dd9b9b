use super::*;
use crate::topology::TopologySpec;

fn works(c: &Cluster) -> Vec<(CapabilityKind, bool)> {
    c.what_works().iter().map(|k| (k.kind, k.works)).collect()
}

fn all(ok: [bool; 4]) -> Vec<(CapabilityKind, bool)> {
    vec![
        (CapabilityKind::Read, ok[0]),
        (CapabilityKind::Write, ok[1]),
        (CapabilityKind::ScheduleNewPod, ok[2]),
        (CapabilityKind::RecreateReplicaSetPod, ok[3]),
    ]
}

#[test]
fn a_healthy_cluster_elects_leaders_and_runs_the_sample_deployment() {
    let c = Cluster::started(TopologySpec::stacked(3, 2), 1).unwrap();
    assert!(c.acting_leader(Elected::ControllerManager).is_some());
    assert!(c.acting_leader(Elected::Scheduler).is_some());
    assert!(c.etcd.leader().is_some());
    let running = c
        .objects
        .pods
        .values()
        .filter(|p| p.phase == objects::PodPhase::Running)
        .count();
    assert_eq!(running, 2);
    assert_eq!(works(&c), all([true; 4]));
}

#[test]
fn stacked_three_survives_one_node_and_loses_writes_at_two() {
    let mut c = Cluster::started(TopologySpec::stacked(3, 2), 2).unwrap();
    // Stop the node holding the controller-manager lease: the worst single failure.
    let leader = c.acting_leader(Elected::ControllerManager).unwrap();
    c.apply(Failure::StopHost(HostId::ControlPlane(leader)))
        .unwrap();
    assert_eq!(works(&c), all([true; 4]));
    c.advance(30 * SECOND);
    assert!(c
        .acting_leader(Elected::ControllerManager)
        .is_some_and(|l| l != leader));
    let second = (0..3).find(|&i| i != leader).unwrap();
    c.apply(Failure::StopHost(HostId::ControlPlane(second)))
        .unwrap();
    let w = c.what_works();
    assert!(w.iter().all(|k| !k.works), "{w:?}");
    assert_eq!(w[1].blocker, Some(Blocker::EtcdHasNoQuorum));
    // Restoring one node brings the majority back.
    c.restore(&Failure::StopHost(HostId::ControlPlane(second)));
    c.advance(5 * SECOND);
    assert_eq!(works(&c)[..2], all([true; 4])[..2]);
}

#[test]
fn external_three_plus_three_survives_two_control_plane_failures() {
    let mut c = Cluster::started(TopologySpec::external(3, 3, 2), 3).unwrap();
    c.apply(Failure::StopHost(HostId::ControlPlane(0))).unwrap();
    c.apply(Failure::StopHost(HostId::ControlPlane(1))).unwrap();
    assert_eq!(works(&c), all([true; 4]));
    c.advance(60 * SECOND);
    assert_eq!(c.acting_leader(Elected::ControllerManager), Some(2));
    assert_eq!(c.acting_leader(Elected::Scheduler), Some(2));
    assert!(c.etcd_quorum().as_ref().is_some_and(|q| q.len() == 3));
}

#[test]
fn stacked_loses_etcd_with_the_node_but_external_does_not() {
    let mut s = Cluster::started(TopologySpec::stacked(3, 1), 4).unwrap();
    let mut e = Cluster::started(TopologySpec::external(3, 3, 1), 4).unwrap();
    for c in [&mut s, &mut e] {
        c.apply(Failure::StopHost(HostId::ControlPlane(0))).unwrap();
    }
    assert_eq!(s.etcd_quorum().as_ref().map(Vec::len), Some(2));
    assert_eq!(e.etcd_quorum().as_ref().map(Vec::len), Some(3));
}

#[test]
fn load_balancer_failure_blocks_clients_but_not_the_leaders() {
    let mut c = Cluster::started(TopologySpec::stacked(3, 2), 5).unwrap();
    c.apply(Failure::FailLoadBalancer).unwrap();
    let w = c.what_works();
    assert!(!w[0].works && !w[1].works);
    assert_eq!(w[0].blocker, Some(Blocker::LoadBalancerDown));
    c.advance(30 * SECOND);
    // Controller-manager and scheduler talk to their local API server: still leading.
    assert!(c.acting_leader(Elected::ControllerManager).is_some());
    c.restore_all();
    assert!(c.what_works()[1].works);
    // Powering off the load balancer's host is the same failure, and is undone too.
    c.apply(Failure::StopHost(HostId::LoadBalancer)).unwrap();
    assert_eq!(c.what_works()[0].blocker, Some(Blocker::LoadBalancerDown));
    c.restore(&Failure::StopHost(HostId::LoadBalancer));
    assert!(c.what_works()[0].works);
}

#[test]
fn stopping_the_leaders_api_server_moves_the_lease() {
    let mut c = Cluster::started(TopologySpec::stacked(3, 2), 6).unwrap();
    let leader = c.acting_leader(Elected::ControllerManager).unwrap();
    c.apply(Failure::StopComponent {
        cp: leader,
        component: ComponentKind::ApiServer,
    })
    .unwrap();
    c.advance(12 * SECOND + 500_000);
    // It cannot renew: it gives up within RetryPeriod + RenewDeadline.
    assert_ne!(c.acting_leader(Elected::ControllerManager), Some(leader));
    c.advance(40 * SECOND);
    let now = c.acting_leader(Elected::ControllerManager);
    assert!(now.is_some() && now != Some(leader));
    assert!(c.instance_view(Elected::ControllerManager, leader).restarts >= 1);
}

#[test]
fn partition_two_zones_from_one_keeps_the_majority_side() {
    let mut c = Cluster::started(TopologySpec::stacked(3, 3), 7).unwrap();
    c.apply(Failure::PartitionZones(vec![vec![0], vec![1, 2]]))
        .unwrap();
    c.advance(40 * SECOND);
    assert_eq!(c.etcd_quorum(), Some(vec![1, 2]));
    // The LB reaches every zone and prefers ready API servers: clients keep working.
    assert_eq!(works(&c)[..2], all([true; 4])[..2]);
    let kcm = c.acting_leader(Elected::ControllerManager);
    assert!(kcm == Some(1) || kcm == Some(2), "{kcm:?}");
}

#[test]
fn bad_failures_are_errors_and_runs_are_deterministic() {
    let mut c = Cluster::started(TopologySpec::stacked(3, 1), 8).unwrap();
    assert_eq!(
        c.apply(Failure::StopHost(HostId::Etcd(0))),
        Err(FailureError::NoSuchHost(HostId::Etcd(0)))
    );
    assert_eq!(
        c.apply(Failure::StopEtcdMember(3)),
        Err(FailureError::NoSuchEtcdMember(3))
    );
    assert_eq!(
        c.apply(Failure::PartitionZones(vec![vec![5]])),
        Err(FailureError::NoSuchZone(5))
    );
    let a = Cluster::started(TopologySpec::stacked(3, 1), 9).unwrap();
    let b = Cluster::started(TopologySpec::stacked(3, 1), 9).unwrap();
    assert_eq!(a.view(), b.view());
}

#[test]
fn recreating_a_pod_waits_for_the_controller_manager_failover() {
    let mut c = Cluster::started(TopologySpec::stacked(3, 2), 12).unwrap();
    let healthy = c.probe(CapabilityKind::RecreateReplicaSetPod);
    assert!(
        healthy.works && healthy.took_us.unwrap() <= 2 * SECOND,
        "{healthy:?}"
    );
    let leader = c.acting_leader(Elected::ControllerManager).unwrap();
    c.apply(Failure::StopComponent {
        cp: leader,
        component: ComponentKind::ControllerManager,
    })
    .unwrap();
    let after = c.probe(CapabilityKind::RecreateReplicaSetPod);
    // A standby must first wait out the lease (15 s from its last observed renewal).
    let took = after.took_us.unwrap();
    assert!(
        after.works && (12 * SECOND..=26 * SECOND).contains(&took),
        "{after:?}"
    );
}

#[test]
fn side_by_side_two_control_plane_failures() {
    let failures = [
        Failure::StopHost(HostId::ControlPlane(0)),
        Failure::StopHost(HostId::ControlPlane(1)),
    ];
    let cmp = side_by_side(3, 2, &failures, 1).unwrap();
    assert!(cmp.stacked.iter().all(|k| !k.works));
    assert!(cmp.external.iter().all(|k| k.works));
    let bad = side_by_side(3, 2, &[Failure::StopHost(HostId::Etcd(0))], 1);
    assert!(matches!(
        bad,
        Err(CompareError::Failure { stacked: true, .. })
    ));
}

/// Leadership intervals of one elected component, from the cluster's event log.
fn intervals(c: &Cluster, which: Elected) -> Vec<crate::leader_election::LeadershipInterval> {
    let mut out: Vec<crate::leader_election::LeadershipInterval> = Vec::new();
    for ev in c.events() {
        match &ev.kind {
            ClusterEventKind::StartedLeading { elected, cp, .. } if *elected == which => {
                out.push(crate::leader_election::LeadershipInterval {
                    candidate: usize::from(*cp),
                    from_us: ev.at_us,
                    to_us: None,
                })
            }
            ClusterEventKind::StoppedLeading { elected, cp, .. } if *elected == which => {
                if let Some(iv) = out
                    .iter_mut()
                    .rev()
                    .find(|iv| iv.candidate == usize::from(*cp) && iv.to_us.is_none())
                {
                    iv.to_us = Some(ev.at_us);
                }
            }
            _ => {}
        }
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Random failures and repairs of the whole control plane (nodes, API servers,
    /// etcd members, partitions): with the default flags, no two controller-managers
    /// (or schedulers) ever act as leader at the same instant.
    #[test]
    fn no_dual_leadership_with_default_flags(
        seed in 0u64..500,
        external in proptest::bool::ANY,
        script in proptest::collection::vec((0u8..6, 0u8..3, 1u64..40), 1..8),
    ) {
        let spec = if external { TopologySpec::external(3, 3, 1) } else { TopologySpec::stacked(3, 1) };
        let mut c = Cluster::started(spec, seed).unwrap();
        for (what, i, wait_s) in script {
            let f = match what {
                0 => Failure::StopHost(HostId::ControlPlane(i)),
                1 => Failure::StopComponent { cp: i, component: ComponentKind::ApiServer },
                2 => Failure::StopEtcdMember(i),
                3 => Failure::PartitionZones(vec![vec![i]]),
                4 => Failure::StopComponent { cp: i, component: ComponentKind::ControllerManager },
                _ => {
                    c.restore_all();
                    c.advance(wait_s * SECOND);
                    continue;
                }
            };
            let _ = c.apply(f);
            c.advance(wait_s * SECOND);
        }
        c.restore_all();
        c.advance(60 * SECOND);
        for which in [Elected::ControllerManager, Elected::Scheduler] {
            let iv = intervals(&c, which);
            let overlap = crate::leader_election::longest_overlap_us(&iv, c.now_us());
            proptest::prop_assert_eq!(overlap, 0, "{:?} {:?}", which, iv);
        }
        // And after repairs, the control plane has its leaders back.
        proptest::prop_assert!(c.acting_leader(Elected::ControllerManager).is_some());
        proptest::prop_assert!(c.acting_leader(Elected::Scheduler).is_some());
    }
}
