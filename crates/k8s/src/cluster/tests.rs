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

/// The control plane writes all the time (Lease renewals); its etcd world is never replayed,
/// so those writes are not kept as actions (each capability probe copies the world).
#[test]
fn the_control_planes_writes_are_not_kept_as_actions() {
    let mut c = Cluster::started(TopologySpec::stacked(3, 2), 1).unwrap();
    c.advance(60_000_000);
    assert!(
        c.etcd().world().st.events > 1_000,
        "{}",
        c.etcd().world().st.events
    );
    assert!(
        c.etcd().world().actions.len() < 10,
        "{}",
        c.etcd().world().actions.len()
    );
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
    // The lone member cannot elect itself (pre-vote finds no majority).
    c.advance(5 * SECOND);
    assert_eq!(c.etcd().leader(), None);
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
    // Writes intact: the lease moved to node 2 in every member, and new writes commit.
    let files = litemap::LiteMap::new();
    let out = c.kubectl_line("kubectl create deployment api --image=nginx", &files);
    assert_eq!(out.status, 0, "{out:?}");
    c.advance(200_000);
    let key = "/registry/leases/kube-system/kube-controller-manager";
    for m in 0..3 {
        let lease = objects::decode_lease(&stored(&c, m, key).unwrap()).unwrap();
        assert!(lease.spec.holder_identity.starts_with("controlplane-3_"));
        assert!(stored(&c, m, "/registry/deployments/default/web").is_some());
        assert!(stored(&c, m, "/registry/deployments/default/api").is_some());
    }
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
/// Found by `no_dual_leadership_with_default_flags`: with every etcd member stopped, a
/// restarted scheduler's lease request hung on its API server for the server's 60 s request
/// timeout, so leaders came back almost a minute after etcd did. The leader-election client
/// gives up after the renew deadline (its HTTP timeout), retries, and both leaders are back
/// within a lease duration and a few retry periods of etcd's recovery.
#[test]
fn leaders_return_soon_after_every_etcd_member_comes_back() {
    let mut c = Cluster::started(TopologySpec::external(3, 3, 1), 0).expect("cluster");
    for (member, wait_s) in [(1u8, 4u64), (2, 13), (0, 9)] {
        c.apply(Failure::StopEtcdMember(member)).expect("stop");
        c.advance(wait_s * SECOND);
    }
    c.restore_all();
    let restored = c.now_us();
    c.advance(30 * SECOND);
    for which in [Elected::ControllerManager, Elected::Scheduler] {
        let back = intervals(&c, which)
            .iter()
            .map(|iv| iv.from_us)
            .find(|&from| from >= restored);
        assert!(
            back.is_some_and(|t| t - restored <= 30 * SECOND),
            "{which:?} leader back {:?} µs after etcd",
            back.map(|t| t - restored)
        );
    }
}

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

// ---- what the simulated etcd holds -------------------------------------------------

/// The value of `key` in member `m`'s applied state (None if stopped or absent).
fn stored(c: &Cluster, m: u8, key: &str) -> Option<quorum_etcd::mvcc::KeyValue> {
    let state = c.etcd().world().state_machine(u64::from(m) + 1)?;
    let req = quorum_etcd::mvcc::RangeRequest {
        key: key.to_string(),
        ..Default::default()
    };
    state.v3.range(&req).ok()?.kvs.into_iter().next()
}

#[test]
fn leases_live_in_the_raft_etcd_with_their_mod_revision() {
    let c = Cluster::started(TopologySpec::stacked(3, 1), 21).unwrap();
    let leader = c.acting_leader(Elected::ControllerManager).unwrap();
    let identity = c
        .instance_view(Elected::ControllerManager, leader)
        .elector
        .unwrap()
        .identity;
    let key = "/registry/leases/kube-system/kube-controller-manager";
    let etcd_leader = c.etcd().leader().unwrap();
    let kv = stored(&c, etcd_leader, key).expect("the lease is in etcd");
    let lease = objects::decode_lease(&kv).unwrap();
    assert_eq!(lease.spec.holder_identity, identity);
    assert_eq!(lease.resource_version, kv.mod_revision as u64);
    // Renewed every 2 s for ~60 s: many revisions, one create.
    assert!(kv.version > 20, "{kv:?}");
    // Every member applied the same writes (give followers a heartbeat to catch up).
    let mut c = c;
    c.advance(200_000);
    let revs: Vec<u64> = (0..3).map(|m| c.etcd().applied_index(m)).collect();
    assert!(revs.windows(2).all(|w| w[0] == w[1]), "{revs:?}");
    // The watch cache is what the freshest member holds.
    let (_, state) = c.etcd().freshest().unwrap();
    assert_eq!(
        objects::Objects::decode(state).leases.all().count(),
        c.objects().leases.all().count()
    );
}

#[test]
fn kubectl_writes_commit_in_etcd_and_fail_after_the_request_timeout_without_quorum() {
    let mut c = Cluster::started(TopologySpec::stacked(3, 1), 22).unwrap();
    let files = litemap::LiteMap::new();
    let out = c.kubectl_line("kubectl create deployment api --image=nginx", &files);
    assert_eq!(out.status, 0, "{out:?}");
    c.advance(200_000);
    for m in 0..3 {
        assert!(stored(&c, m, "/registry/deployments/default/api").is_some());
    }
    let again = c.kubectl_line("kubectl create deployment api --image=nginx", &files);
    assert!(again.stderr().contains("already exists"), "{again:?}");
    // Two nodes down: etcd keeps no leader (check-quorum) and writes time out after 7 s.
    c.apply(Failure::StopHost(HostId::ControlPlane(0))).unwrap();
    c.apply(Failure::StopHost(HostId::ControlPlane(1))).unwrap();
    c.advance(5 * SECOND);
    assert_eq!(c.etcd().leader(), None);
    let before = c.now_us();
    let out = c.kubectl_line("kubectl create deployment db --image=postgres", &files);
    assert_eq!(
        out.stderr().trim(),
        "Error from server: etcdserver: request timed out"
    );
    assert_eq!(
        c.now_us() - before,
        crate::leader_election::ETCD_REQUEST_TIMEOUT_US
    );
    assert!(stored(&c, 2, "/registry/deployments/default/db").is_none());
}

#[test]
fn stopping_the_etcd_leader_elects_another_in_a_higher_term() {
    let mut c = Cluster::started(TopologySpec::external(3, 3, 1), 23).unwrap();
    let old = c.etcd().leader().unwrap();
    let term = c.etcd().term();
    c.apply(Failure::StopEtcdMember(old)).unwrap();
    // etcd's election timeout is randomised in [1 s, 2 s); pre-vote adds a round trip.
    c.advance(3 * SECOND);
    let new = c.etcd().leader().expect("a new leader");
    assert_ne!(new, old);
    assert!(c.etcd().term() > term);
    assert!(c.events().any(|e| matches!(
        e.kind,
        ClusterEventKind::EtcdLeaderElected { member, .. } if member == new
    )));
    assert_eq!(works(&c)[..2], all([true; 4])[..2]);
    // The old member restarts from its disk and catches up.
    c.restore(&Failure::StopEtcdMember(old));
    c.advance(2 * SECOND);
    assert_eq!(c.etcd().applied_index(old), c.etcd().applied_index(new));
}

#[test]
fn a_minority_zone_cannot_commit_and_its_members_know_no_leader() {
    let mut c = Cluster::started(TopologySpec::stacked(3, 0), 24).unwrap();
    c.apply(Failure::PartitionZones(vec![vec![0], vec![1, 2]]))
        .unwrap();
    c.advance(10 * SECOND);
    assert!(!c.etcd().knows_leader(0));
    assert!(matches!(c.etcd().leader(), Some(1 | 2)));
    // The API server in zone 0 uses its local member only: not ready.
    assert!(!c.apiserver_ready(0));
    assert!(c.apiserver_ready(1) && c.apiserver_ready(2));
}

#[test]
fn same_seed_same_raft_run() {
    let run = |seed| {
        let mut c = Cluster::started(TopologySpec::stacked(3, 2), seed).unwrap();
        c.apply(Failure::StopHost(HostId::ControlPlane(1))).unwrap();
        c.advance(20 * SECOND);
        (c.etcd().world().trace_hash(), c.view(), c.events().count())
    };
    assert_eq!(run(31), run(31));
    assert_ne!(run(31).0, run(32).0);
}

#[test]
fn a_failover_is_one_more_lease_transition_in_etcd() {
    let mut c = Cluster::started(TopologySpec::stacked(3, 0), 25).unwrap();
    let key = "/registry/leases/kube-system/kube-controller-manager";
    let lease = |c: &Cluster| {
        let member = c.etcd().leader().unwrap();
        objects::decode_lease(&stored(c, member, key).unwrap()).unwrap()
    };
    let before = lease(&c);
    // The holder renews: renewTime moves, acquireTime and leaseTransitions do not.
    assert!(before.spec.renew_time_us > before.spec.acquire_time_us);
    assert_eq!(before.spec.lease_duration_seconds, 15);
    let old = c.acting_leader(Elected::ControllerManager).unwrap();
    c.apply(Failure::StopComponent {
        cp: old,
        component: ComponentKind::ControllerManager,
    })
    .unwrap();
    c.advance(30 * SECOND);
    let after = lease(&c);
    assert_ne!(after.spec.holder_identity, before.spec.holder_identity);
    assert_eq!(
        after.spec.lease_transitions,
        before.spec.lease_transitions + 1
    );
    assert!(after.spec.acquire_time_us > before.spec.renew_time_us);
    assert!(after.resource_version > before.resource_version);
    // No standby took over before the old record had been unchanged for 15 s.
    assert!(after.spec.acquire_time_us >= before.spec.renew_time_us + 13 * SECOND);
}
