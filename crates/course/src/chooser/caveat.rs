//! Caveats and remarks attached to a recommendation or to a whole answer.

use crate::text::Text;
use crate::view::View;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Caveat {
    /// Windows has no native support: run the nodes in a VM.
    WindowsNeedsVm,
    /// Kubernetes nodes are Linux x86_64: on a Mac they are VMs.
    MacNeedsLinuxVms,
    /// On a Linux laptop you can also install the binaries by hand.
    LinuxBinariesByHand,
    /// Minikube relies on virtualization software such as VirtualBox.
    NeedsVirtualization,
    /// One node only: fine to learn, not for production.
    SingleNodeOnly,
    /// kubeadm: the hosts must be provisioned (by you) first.
    ProvisionHostsYourself,
    /// kops targets AWS.
    KopsIsForAws,
    /// You keep maintaining the VMs (turnkey solutions).
    YouMaintainTheVms,
    /// VMware Cloud PKS builds on an existing VMware environment.
    NeedsExistingVmware,
    /// Cloud Foundry Container Runtime deploys with BOSH.
    DeploysWithBosh,
    /// OpenShift Online runs in Red Hat's cloud, not on your machine.
    RunsAtRedHat,
    /// GKE upgrades the cluster in one click.
    OneClickUpgrades,
    /// A laptop cannot host production; rehearse there, deploy elsewhere.
    LaptopIsNotProduction,
    /// Production wants several masters, an odd number, at least 3.
    HaNeedsOddMasters,
}

impl Caveat {
    pub fn text(self) -> Text {
        match self {
            Caveat::WindowsNeedsVm => Text::new(
                "Windows has no native support: run Linux VMs with Hyper-V, VMware Workstation or VirtualBox.",
                "Windows는 기본 지원이 없으므로 Hyper-V, VMware Workstation, VirtualBox 등으로 Linux VM을 띄워야 합니다.",
            ),
            Caveat::MacNeedsLinuxVms => Text::new(
                "Kubernetes nodes run Linux x86_64: on a Mac the nodes are Linux VMs.",
                "쿠버네티스 노드는 Linux x86_64에서 동작하므로 Mac에서는 노드를 Linux VM으로 만들어야 합니다.",
            ),
            Caveat::LinuxBinariesByHand => Text::new(
                "On Linux you can also install the Kubernetes binaries by hand, or use a tool.",
                "Linux에서는 쿠버네티스 바이너리를 직접 설치하거나 도구를 사용할 수 있습니다.",
            ),
            Caveat::NeedsVirtualization => Text::new(
                "Needs virtualization software such as Oracle VirtualBox.",
                "Oracle VirtualBox 같은 가상화 소프트웨어가 필요합니다.",
            ),
            Caveat::SingleNodeOnly => Text::new(
                "A single-node cluster: good for learning, not for production.",
                "단일 노드 클러스터이므로 학습에는 좋지만 프로덕션에는 맞지 않습니다.",
            ),
            Caveat::ProvisionHostsYourself => Text::new(
                "The VMs must be ready first: you provision the hosts yourself, in a supported configuration.",
                "VM이 먼저 준비되어 있어야 합니다. 지원되는 구성으로 호스트를 직접 프로비저닝해야 합니다.",
            ),
            Caveat::KopsIsForAws => Text::new(
                "kops is the notes' tool for deploying Kubernetes on AWS.",
                "kops는 노트에서 AWS에 쿠버네티스를 배포할 때 권하는 도구입니다.",
            ),
            Caveat::YouMaintainTheVms => Text::new(
                "You provision, configure and keep maintaining the VMs; scripts deploy the cluster.",
                "VM의 프로비저닝, 구성, 유지 관리는 사용자가 계속 맡고, 클러스터 배포는 스크립트가 합니다.",
            ),
            Caveat::NeedsExistingVmware => Text::new(
                "Makes sense when you already run a VMware environment.",
                "이미 VMware 환경을 운영하고 있을 때 의미가 있습니다.",
            ),
            Caveat::DeploysWithBosh => Text::new(
                "Deploys and manages highly available clusters with BOSH.",
                "BOSH로 고가용성 클러스터를 배포하고 관리합니다.",
            ),
            Caveat::RunsAtRedHat => Text::new(
                "The cluster runs online at Red Hat, not on your laptop: nothing to install.",
                "클러스터는 노트북이 아니라 Red Hat의 온라인 환경에서 실행되므로 설치할 것이 없습니다.",
            ),
            Caveat::OneClickUpgrades => Text::new(
                "One-click cluster upgrades make the cluster easy to maintain.",
                "클릭 한 번으로 클러스터를 업그레이드할 수 있어 유지 관리가 쉽습니다.",
            ),
            Caveat::LaptopIsNotProduction => Text::new(
                "A laptop cannot host production: rehearse the highly available setup in VMs, then deploy on-premises or in a cloud.",
                "노트북으로는 프로덕션을 호스팅할 수 없습니다. VM에서 고가용성 구성을 연습한 뒤 온프레미스나 클라우드에 배포하세요.",
            ),
            Caveat::HaNeedsOddMasters => Text::new(
                "Production needs a highly available cluster with several masters: an odd number, at least 3.",
                "프로덕션에는 여러 마스터를 둔 고가용성 클러스터가 필요합니다. 마스터 수는 3개 이상의 홀수로 정합니다.",
            ),
        }
    }

    /// The view that explains this caveat further, if any.
    pub fn opens_view(self) -> Option<View> {
        match self {
            Caveat::HaNeedsOddMasters => Some(View::Ha),
            _ => None,
        }
    }
}
