//! The infrastructure chooser: "why and where are you deploying?" → the ways the notes
//! and the course slides recommend, ranked, with who does what and the resulting cluster.
//!
//! Everything is data plus pure functions: [`recommend`] ranks, [`describe`] explains one
//! way for a purpose and place, [`compare`] lists what differs between two of them,
//! [`master_size`] looks up the master node sizing table; [`storage_guidance`],
//! [`node_guidance`] and [`SCALE_LIMITS`] carry the slides' advice.

mod caveat;
mod compare;
mod guidance;
mod rank;
mod shape;
mod sizing;
mod ways;

pub use caveat::Caveat;
pub use compare::{compare, Difference, Field};
pub use guidance::{node_guidance, storage_guidance, ScaleLimits, StorageAdvice, SCALE_LIMITS};
pub use rank::{describe, recommend, Advice, Recommendation};
pub use shape::ClusterShape;
pub use sizing::{master_size, size_table, Machine, SizeRow, SizingError};
pub use ways::{way_facts, WayFacts};

use crate::text::Text;
use serde::Serialize;

/// Why the cluster is being deployed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Learning,
    DevTest,
    Production,
}

impl Purpose {
    pub const ALL: [Purpose; 3] = [Purpose::Learning, Purpose::DevTest, Purpose::Production];

    /// The word used in lesson files and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Purpose::Learning => "learning",
            Purpose::DevTest => "dev-test",
            Purpose::Production => "production",
        }
    }

    pub fn from_name(name: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.name() == name)
    }

    pub fn label(self) -> Text {
        match self {
            Purpose::Learning => Text::new("Learning", "학습"),
            Purpose::DevTest => Text::new("Development and testing", "개발 및 테스트"),
            Purpose::Production => Text::new("Production applications", "프로덕션 애플리케이션"),
        }
    }

    /// The slides' recommendation for this purpose, in one sentence.
    pub fn summary(self) -> Text {
        match self {
            Purpose::Learning => Text::new(
                "Minikube, or a single-node cluster with kubeadm, or a small cluster on GCP or AWS.",
                "Minikube, 또는 kubeadm으로 만든 단일 노드 클러스터, 또는 GCP나 AWS의 작은 클러스터를 사용합니다.",
            ),
            Purpose::DevTest => Text::new(
                "A multi-node cluster with a single master and several workers: kubeadm, or quick provisioning on GCP, AWS or Azure (AKS).",
                "마스터 1개와 여러 워커로 된 다중 노드 클러스터: kubeadm을 쓰거나 GCP, AWS, Azure(AKS)에서 빠르게 프로비저닝합니다.",
            ),
            Purpose::Production => Text::new(
                "A highly available multi-node cluster with several master nodes: kubeadm, GKE on GCP, kops on AWS, or another supported platform.",
                "여러 마스터 노드를 가진 고가용성 다중 노드 클러스터: kubeadm, GCP의 GKE, AWS의 kops 또는 다른 지원 플랫폼을 사용합니다.",
            ),
        }
    }
}

/// Where the cluster runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    LaptopLinux,
    LaptopWindows,
    LaptopMacos,
    OnPremises,
    Gcp,
    Aws,
    Azure,
}

impl Place {
    pub const ALL: [Place; 7] = [
        Place::LaptopLinux,
        Place::LaptopWindows,
        Place::LaptopMacos,
        Place::OnPremises,
        Place::Gcp,
        Place::Aws,
        Place::Azure,
    ];
    pub const LAPTOPS: [Place; 3] = [Place::LaptopLinux, Place::LaptopWindows, Place::LaptopMacos];
    pub const CLOUDS: [Place; 3] = [Place::Gcp, Place::Aws, Place::Azure];

    pub fn name(self) -> &'static str {
        match self {
            Place::LaptopLinux => "laptop-linux",
            Place::LaptopWindows => "laptop-windows",
            Place::LaptopMacos => "laptop-macos",
            Place::OnPremises => "on-premises",
            Place::Gcp => "gcp",
            Place::Aws => "aws",
            Place::Azure => "azure",
        }
    }

    pub fn from_name(name: &str) -> Option<Place> {
        Place::ALL.into_iter().find(|p| p.name() == name)
    }

    pub fn is_laptop(self) -> bool {
        Place::LAPTOPS.contains(&self)
    }

    pub fn label(self) -> Text {
        match self {
            Place::LaptopLinux => Text::new("Laptop (Linux)", "노트북 (Linux)"),
            Place::LaptopWindows => Text::new("Laptop (Windows)", "노트북 (Windows)"),
            Place::LaptopMacos => Text::new("Laptop (macOS)", "노트북 (macOS)"),
            Place::OnPremises => Text::new("On-premises", "온프레미스"),
            Place::Gcp => Text::new("Google Cloud Platform (GCP)", "Google Cloud Platform (GCP)"),
            Place::Aws => Text::new("Amazon Web Services (AWS)", "Amazon Web Services (AWS)"),
            Place::Azure => Text::new("Microsoft Azure", "Microsoft Azure"),
        }
    }
}

/// Every way the notes and slides name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Way {
    Minikube,
    Kubeadm,
    Kops,
    OpenShift,
    CloudFoundry,
    VmwarePks,
    Vagrant,
    Gke,
    OpenShiftOnline,
    Aks,
    Eks,
}

impl Way {
    pub const ALL: [Way; 11] = [
        Way::Minikube,
        Way::Kubeadm,
        Way::Kops,
        Way::OpenShift,
        Way::CloudFoundry,
        Way::VmwarePks,
        Way::Vagrant,
        Way::Gke,
        Way::OpenShiftOnline,
        Way::Aks,
        Way::Eks,
    ];

    /// The word used in lesson files (`chooser-picked kubeadm`) and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Way::Minikube => "minikube",
            Way::Kubeadm => "kubeadm",
            Way::Kops => "kops",
            Way::OpenShift => "openshift",
            Way::CloudFoundry => "cfcr",
            Way::VmwarePks => "vmware-pks",
            Way::Vagrant => "vagrant",
            Way::Gke => "gke",
            Way::OpenShiftOnline => "openshift-online",
            Way::Aks => "aks",
            Way::Eks => "eks",
        }
    }

    pub fn from_name(name: &str) -> Option<Way> {
        Way::ALL.into_iter().find(|w| w.name() == name)
    }
}

/// The four families of the slides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Minikube: one machine, the tool makes the VM.
    Local,
    /// kubeadm: a deployment tool on hosts you prepared.
    DeployTool,
    /// You provision the VMs; tools or scripts deploy the cluster.
    Turnkey,
    /// Kubernetes as a service: the provider does everything.
    Hosted,
}

impl Category {
    pub fn label(self) -> Text {
        match self {
            Category::Local => Text::new("Local single-node tool", "로컬 단일 노드 도구"),
            Category::DeployTool => Text::new("Deployment tool", "배포 도구"),
            Category::Turnkey => Text::new("Turnkey solution", "턴키 솔루션"),
            Category::Hosted => Text::new(
                "Hosted solution (Kubernetes as a service)",
                "호스팅 솔루션 (서비스형 쿠버네티스)",
            ),
        }
    }
}

/// Who does a job (provisioning VMs, installing Kubernetes, maintaining the VMs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    You,
    /// A tool or script does it, but you run it.
    ToolRunByYou,
    Provider,
}

impl Who {
    pub fn label(self) -> Text {
        match self {
            Who::You => Text::new("you", "사용자가 직접"),
            Who::ToolRunByYou => Text::new("a tool you run", "사용자가 실행하는 도구"),
            Who::Provider => Text::new("the provider", "공급자"),
        }
    }
}
