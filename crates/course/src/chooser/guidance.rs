//! The slides' storage and node guidance, and the scale limits for production.

use crate::text::Text;
use serde::Serialize;

/// "If you need X, use Y."
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StorageAdvice {
    pub need: Text,
    pub advice: Text,
}

pub fn storage_guidance() -> Vec<StorageAdvice> {
    let row = |need, advice| StorageAdvice { need, advice };
    vec![
        row(
            Text::new("High performance", "높은 성능"),
            Text::new("SSD-backed storage", "SSD 기반 스토리지"),
        ),
        row(
            Text::new("Many concurrent connections", "많은 동시 연결"),
            Text::new("Network-based storage", "네트워크 기반 스토리지"),
        ),
        row(
            Text::new("Shared access across many pods", "여러 파드의 공유 접근"),
            Text::new("Persistent shared volumes", "영구 공유 볼륨"),
        ),
        row(
            Text::new("Applications that need a given disk type", "특정 디스크 유형이 필요한 애플리케이션"),
            Text::new(
                "Label nodes with their disk types and use node selectors to place the applications on them",
                "노드에 디스크 유형 레이블을 붙이고, 노드 셀렉터로 애플리케이션을 해당 노드에 배치",
            ),
        ),
    ]
}

pub fn node_guidance() -> Vec<Text> {
    vec![
        Text::new(
            "Nodes can be virtual or physical machines.",
            "노드는 가상 머신이어도 물리 머신이어도 됩니다.",
        ),
        Text::new(
            "A minimum of 4 nodes, sized by the workload.",
            "워크로드에 맞춰 최소 4개의 노드를 둡니다.",
        ),
        Text::new(
            "Master nodes host the control plane (etcd, the API server and the others); worker nodes host the workloads.",
            "마스터 노드는 컨트롤 플레인(etcd, API 서버 등)을 호스팅하고, 워커 노드는 워크로드를 호스팅합니다.",
        ),
        Text::new(
            "Nodes run Linux x86_64.",
            "노드는 Linux x86_64 아키텍처를 사용합니다.",
        ),
        Text::new(
            "A master is a node too and can host workloads, but best practice keeps workloads off the masters (kubeadm taints them).",
            "마스터도 노드이므로 워크로드를 호스팅할 수 있지만, 모범 사례는 마스터에 워크로드를 두지 않는 것입니다 (kubeadm은 마스터에 테인트를 설정합니다).",
        ),
        Text::new(
            "Large clusters may move etcd off the master nodes.",
            "대규모 클러스터에서는 etcd를 마스터 노드에서 분리하기도 합니다.",
        ),
    ]
}

/// Kubernetes' documented limits for one cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ScaleLimits {
    pub nodes: u32,
    pub pods: u32,
    pub containers: u32,
    /// The course (and older docs) say 100 pods per node.
    pub pods_per_node_course: u32,
    /// Current docs say 110.
    pub pods_per_node_current: u32,
}

pub const SCALE_LIMITS: ScaleLimits = ScaleLimits {
    nodes: 5_000,
    pods: 150_000,
    containers: 300_000,
    pods_per_node_course: 100,
    pods_per_node_current: 110,
};
