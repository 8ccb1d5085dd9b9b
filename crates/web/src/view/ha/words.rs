//! English and Korean wording for the model's structured results: capabilities,
//! blockers, failures and the elected components.

use crate::i18n::{tr, Lang};
use quorum_k8s::cluster::{Blocker, CapabilityKind, ComponentKind, Elected, Failure};
use quorum_k8s::topology::HostId;

pub fn capability_code(kind: CapabilityKind) -> &'static str {
    match kind {
        CapabilityKind::Read => "read",
        CapabilityKind::Write => "write",
        CapabilityKind::ScheduleNewPod => "schedule",
        CapabilityKind::RecreateReplicaSetPod => "recreate",
    }
}

pub fn capability_name(lang: Lang, kind: CapabilityKind) -> &'static str {
    match kind {
        CapabilityKind::Read => tr(lang, "kubectl get pods (a read)", "kubectl get pods (읽기)"),
        CapabilityKind::Write => tr(lang, "kubectl apply (a write)", "kubectl apply (쓰기)"),
        CapabilityKind::ScheduleNewPod => tr(
            lang,
            "a new pod gets scheduled",
            "새 파드가 노드에 스케줄링됨",
        ),
        CapabilityKind::RecreateReplicaSetPod => tr(
            lang,
            "a deleted pod of a ReplicaSet is recreated",
            "삭제된 ReplicaSet 파드가 다시 만들어짐",
        ),
    }
}

pub fn elected_name(lang: Lang, which: Elected) -> &'static str {
    match which {
        Elected::ControllerManager => {
            tr(lang, "kube-controller-manager", "kube-controller-manager")
        }
        Elected::Scheduler => tr(lang, "kube-scheduler", "kube-scheduler"),
    }
}

pub fn blocker_text(lang: Lang, blocker: Blocker) -> &'static str {
    match blocker {
        Blocker::LoadBalancerDown => tr(
            lang,
            "the load balancer is down, so nothing reaches an API server",
            "로드 밸런서가 멈춰서 어떤 요청도 API 서버에 닿지 못합니다",
        ),
        Blocker::NoApiServerRunning => tr(
            lang,
            "no API server is running",
            "실행 중인 API 서버가 없습니다",
        ),
        Blocker::EtcdHasNoQuorum => tr(
            lang,
            "etcd has no quorum: no majority of members is up and connected",
            "etcd에 쿼럼이 없습니다: 과반수의 멤버가 살아서 연결되어 있지 않습니다",
        ),
        Blocker::ApiServerCutOffFromQuorum => tr(
            lang,
            "the API server used cannot reach the etcd majority",
            "사용한 API 서버가 etcd 과반수에 닿지 못합니다",
        ),
        Blocker::NoSchedulerLeader => tr(
            lang,
            "no kube-scheduler holds the lease",
            "리스를 가진 kube-scheduler가 없습니다",
        ),
        Blocker::NoControllerManagerLeader => tr(
            lang,
            "no kube-controller-manager holds the lease",
            "리스를 가진 kube-controller-manager가 없습니다",
        ),
        Blocker::LeaderApiServerDown(Elected::Scheduler) => tr(
            lang,
            "the scheduler leader's local API server is down",
            "스케줄러 리더의 로컬 API 서버가 멈췄습니다",
        ),
        Blocker::LeaderApiServerDown(Elected::ControllerManager) => tr(
            lang,
            "the controller-manager leader's local API server is down",
            "컨트롤러 매니저 리더의 로컬 API 서버가 멈췄습니다",
        ),
        Blocker::NoReadyWorker => tr(
            lang,
            "no node is Ready to run the pod",
            "파드를 실행할 Ready 상태의 노드가 없습니다",
        ),
    }
}

pub fn component_name(component: ComponentKind) -> &'static str {
    match component {
        ComponentKind::ApiServer => "kube-apiserver",
        ComponentKind::ControllerManager => "kube-controller-manager",
        ComponentKind::Scheduler => "kube-scheduler",
    }
}

/// Zone numbers are shown as letters: zone a, b, c.
pub fn zone_letter(zone: u8) -> char {
    char::from(b'a'.saturating_add(zone))
}

pub fn zones_text(zones: &[u8]) -> String {
    zones
        .iter()
        .map(|&z| zone_letter(z).to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// A failure as a short sentence ("stopped controlplane-1").
pub fn failure_text(lang: Lang, failure: &Failure) -> String {
    match failure {
        Failure::StopHost(HostId::LoadBalancer) | Failure::FailLoadBalancer => {
            tr(lang, "load balancer failed", "로드 밸런서 장애").to_string()
        }
        Failure::StopHost(h) => match lang {
            Lang::En => format!("powered off {}", h.name()),
            Lang::Ko => format!("{} 전원 꺼짐", h.name()),
        },
        Failure::StopComponent { cp, component } => {
            let (name, host) = (component_name(*component), HostId::ControlPlane(*cp).name());
            match lang {
                Lang::En => format!("stopped {name} on {host}"),
                Lang::Ko => format!("{host}의 {name} 중지됨"),
            }
        }
        Failure::StopEtcdMember(m) => match lang {
            Lang::En => format!("stopped etcd member {}", u16::from(*m) + 1),
            Lang::Ko => format!("etcd 멤버 {} 중지됨", u16::from(*m) + 1),
        },
        Failure::PartitionZones(groups) => {
            let sides: Vec<String> = groups.iter().map(|g| zones_text(g)).collect();
            format!(
                "{} {}",
                tr(
                    lang,
                    "network split between zones",
                    "존 사이 네트워크 분할:"
                ),
                sides.join(" | ")
            )
        }
    }
}

/// A duration for people: milliseconds below a second, else seconds with one decimal.
pub fn secs(us: u64) -> String {
    if us < 1_000_000 {
        format!("{} ms", us / 1000)
    } else {
        format!("{:.1} s", us as f64 / 1e6)
    }
}

/// Seconds with one decimal, always (countdowns and instants keep a steady width).
pub fn secs_fixed(us: u64) -> String {
    format!("{:.1} s", us as f64 / 1e6)
}
