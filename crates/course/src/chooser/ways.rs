//! What the notes and slides say about each way: its family, who does what, where it
//! runs and how well it fits each purpose.

use super::{Category, Place, Purpose, Way, Who};
use crate::text::Text;
use serde::Serialize;

/// The facts about one way, independent of the student's choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WayFacts {
    pub way: Way,
    /// The product name (never translated).
    pub name: &'static str,
    pub category: Category,
    /// What it is, from the notes.
    pub summary: Text,
    pub provisions_vms: Who,
    pub installs_kubernetes: Who,
    pub maintains: Who,
    /// Where it can run.
    pub places: &'static [Place],
    /// Fit for learning, development & testing, production: 0 (not suitable) to 3.
    pub fit: [u8; 3],
}

impl WayFacts {
    pub fn fit_for(&self, purpose: Purpose) -> u8 {
        match purpose {
            Purpose::Learning => self.fit[0],
            Purpose::DevTest => self.fit[1],
            Purpose::Production => self.fit[2],
        }
    }

    pub fn runs_on(&self, place: Place) -> bool {
        self.places.contains(&place)
    }
}

const LAPTOPS: &[Place] = &Place::LAPTOPS;
const ANYWHERE: &[Place] = &Place::ALL;
const AWS: &[Place] = &[Place::Aws];
const GCP: &[Place] = &[Place::Gcp];
const AZURE: &[Place] = &[Place::Azure];
const ON_PREMISES: &[Place] = &[Place::OnPremises];
const DATACENTERS: &[Place] = &[Place::OnPremises, Place::Gcp, Place::Aws, Place::Azure];

/// The facts for `way`.
pub fn way_facts(way: Way) -> WayFacts {
    use Who::*;
    let (name, category, summary, who, places, fit) = match way {
        Way::Minikube => (
            "Minikube",
            Category::Local,
            Text::new(
                "Relies on virtualization software (e.g. Oracle VirtualBox) to deploy a single-node cluster easily; it creates the VM itself.",
                "Oracle VirtualBox 같은 가상화 소프트웨어에 의존해 단일 노드 클러스터를 쉽게 배포합니다. VM도 직접 만들어 줍니다.",
            ),
            [ToolRunByYou, ToolRunByYou, You],
            LAPTOPS,
            [3, 1, 0],
        ),
        Way::Kubeadm => (
            "kubeadm",
            Category::DeployTool,
            Text::new(
                "Deploys single-node or multi-node clusters really quickly, but you must provision the required hosts yourself, in a supported configuration.",
                "단일 노드나 다중 노드 클러스터를 정말 빠르게 배포하지만, 필요한 호스트는 지원되는 구성으로 직접 프로비저닝해야 합니다.",
            ),
            [You, ToolRunByYou, You],
            ANYWHERE,
            [2, 3, 2],
        ),
        Way::Kops => (
            "kops",
            Category::Turnkey,
            Text::new(
                "A good tool to deploy Kubernetes on AWS.",
                "AWS에 쿠버네티스 클러스터를 배포하기 좋은 도구입니다.",
            ),
            [ToolRunByYou, ToolRunByYou, You],
            AWS,
            [1, 3, 3],
        ),
        Way::OpenShift => (
            "OpenShift",
            Category::Turnkey,
            Text::new(
                "An open-source container application platform built on Kubernetes.",
                "쿠버네티스 위에 구축된 오픈 소스 컨테이너 애플리케이션 플랫폼입니다.",
            ),
            [You, ToolRunByYou, You],
            DATACENTERS,
            [1, 2, 2],
        ),
        Way::CloudFoundry => (
            "Cloud Foundry Container Runtime",
            Category::Turnkey,
            Text::new(
                "Open source; manages highly available Kubernetes clusters with the open-source tool BOSH.",
                "오픈 소스 프로젝트로, 오픈 소스 도구 BOSH를 사용해 고가용성 쿠버네티스 클러스터를 관리합니다.",
            ),
            [You, ToolRunByYou, You],
            DATACENTERS,
            [0, 1, 2],
        ),
        Way::VmwarePks => (
            "VMware Cloud PKS",
            Category::Turnkey,
            Text::new(
                "For running Kubernetes on an existing VMware environment.",
                "기존 VMware 환경을 활용해 쿠버네티스를 운영하려는 경우에 적합합니다.",
            ),
            [You, ToolRunByYou, You],
            ON_PREMISES,
            [0, 1, 2],
        ),
        Way::Vagrant => (
            "Vagrant",
            Category::Turnkey,
            Text::new(
                "Provides a set of useful scripts to bring up the VMs and deploy a cluster.",
                "VM을 띄우고 클러스터를 배포하는 데 유용한 스크립트 모음을 제공합니다.",
            ),
            [ToolRunByYou, ToolRunByYou, You],
            LAPTOPS,
            [2, 2, 0],
        ),
        Way::Gke => (
            "Google Kubernetes Engine (GKE)",
            Category::Hosted,
            Text::new(
                "Kubernetes as a service on Google Cloud Platform, with one-click cluster upgrades: the cluster is easy to maintain.",
                "Google Cloud Platform의 서비스형 쿠버네티스로, 클릭 한 번으로 클러스터를 업그레이드할 수 있어 유지 관리가 매우 쉽습니다.",
            ),
            [Provider, Provider, Provider],
            GCP,
            [2, 3, 3],
        ),
        Way::OpenShiftOnline => (
            "OpenShift Online",
            Category::Hosted,
            Text::new(
                "Access to a fully functional Kubernetes cluster online, from Red Hat.",
                "Red Hat이 제공하는, 온전한 기능을 갖춘 쿠버네티스 클러스터에 온라인으로 접속할 수 있습니다.",
            ),
            [Provider, Provider, Provider],
            LAPTOPS,
            [2, 1, 0],
        ),
        Way::Aks => (
            "Azure Kubernetes Service (AKS)",
            Category::Hosted,
            Text::new(
                "Hosted Kubernetes on Azure: Microsoft runs and maintains the cluster.",
                "Azure에서 호스팅되는 쿠버네티스로, 클러스터 운영과 유지 관리를 Microsoft가 맡습니다.",
            ),
            [Provider, Provider, Provider],
            AZURE,
            [2, 3, 3],
        ),
        Way::Eks => (
            "Amazon Elastic Kubernetes Service (EKS)",
            Category::Hosted,
            Text::new(
                "Amazon's hosted Kubernetes offering on AWS.",
                "Amazon이 AWS에서 호스팅하는 쿠버네티스 제품입니다.",
            ),
            [Provider, Provider, Provider],
            AWS,
            [1, 2, 2],
        ),
    };
    WayFacts {
        way,
        name,
        category,
        summary,
        provisions_vms: who[0],
        installs_kubernetes: who[1],
        maintains: who[2],
        places,
        fit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_does_what_follows_the_slides() {
        for way in Way::ALL {
            let f = way_facts(way);
            match f.category {
                // Hosted: the provider provisions, installs and maintains.
                Category::Hosted => {
                    assert_eq!(
                        [f.provisions_vms, f.installs_kubernetes, f.maintains],
                        [Who::Provider; 3]
                    )
                }
                // Everything else: you maintain the VMs.
                _ => assert_eq!(f.maintains, Who::You, "{way:?}"),
            }
            assert!(!f.places.is_empty());
        }
        // kubeadm needs the VMs to be ready; minikube deploys its VM itself.
        assert_eq!(way_facts(Way::Kubeadm).provisions_vms, Who::You);
        assert_eq!(way_facts(Way::Minikube).provisions_vms, Who::ToolRunByYou);
        assert_eq!(way_facts(Way::Kops).places, &[Place::Aws]);
    }
}
