//! The shape of an HA control plane: stacked or external etcd, how many control-plane
//! nodes, etcd members and workers, in which zones; host names and addresses; and the
//! kube-apiserver systemd unit each control-plane node would run.

use serde::Serialize;

/// Where etcd runs (kubeadm's two HA topologies).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum EtcdTopology {
    /// One member per control-plane node; each API server talks to its local member
    /// only (`--etcd-servers=https://127.0.0.1:2379`).
    Stacked,
    /// Members on their own hosts; every API server lists all of them.
    External,
}

pub const MAX_CONTROL_PLANES: u8 = 7;
pub const MAX_ETCD_MEMBERS: u8 = 7;
pub const MAX_WORKERS: u8 = 9;
pub const MAX_ZONES: u8 = 3;

/// The topology builder's choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TopologySpec {
    pub etcd: EtcdTopology,
    pub control_planes: u8,
    /// Used for [`EtcdTopology::External`]; stacked etcd has one member per
    /// control-plane node.
    pub external_etcd_members: u8,
    pub workers: u8,
    /// Hosts are spread round-robin over zones `0..zones` (for "partition zones").
    pub zones: u8,
}

impl TopologySpec {
    /// kubeadm's default HA topology: `n` stacked control-plane nodes.
    pub fn stacked(control_planes: u8, workers: u8) -> Self {
        Self {
            etcd: EtcdTopology::Stacked,
            control_planes,
            external_etcd_members: 0,
            workers,
            zones: 3,
        }
    }

    /// `control_planes` control-plane nodes plus `etcd_members` etcd hosts.
    pub fn external(control_planes: u8, etcd_members: u8, workers: u8) -> Self {
        Self {
            etcd: EtcdTopology::External,
            control_planes,
            external_etcd_members: etcd_members,
            workers,
            zones: 3,
        }
    }

    pub fn etcd_members(&self) -> u8 {
        match self.etcd {
            EtcdTopology::Stacked => self.control_planes,
            EtcdTopology::External => self.external_etcd_members,
        }
    }

    pub fn validate(&self) -> Result<(), TopologyError> {
        if !(1..=MAX_CONTROL_PLANES).contains(&self.control_planes) {
            return Err(TopologyError::ControlPlanesOutOfRange {
                control_planes: self.control_planes,
            });
        }
        if !(1..=MAX_ETCD_MEMBERS).contains(&self.etcd_members()) {
            return Err(TopologyError::EtcdMembersOutOfRange {
                members: self.etcd_members(),
            });
        }
        if self.workers > MAX_WORKERS {
            return Err(TopologyError::WorkersOutOfRange {
                workers: self.workers,
            });
        }
        if !(1..=MAX_ZONES).contains(&self.zones) {
            return Err(TopologyError::ZonesOutOfRange { zones: self.zones });
        }
        Ok(())
    }

    /// Every host, the load balancer first.
    pub fn hosts(&self) -> Vec<Host> {
        let zone = |i: u8| i % self.zones.max(1);
        let mut hosts = vec![Host {
            id: HostId::LoadBalancer,
            name: "loadbalancer".to_string(),
            ip: LB_IP.to_string(),
            zone: None,
        }];
        for i in 0..self.control_planes {
            hosts.push(self.host(HostId::ControlPlane(i), Some(zone(i))));
        }
        if self.etcd == EtcdTopology::External {
            for i in 0..self.external_etcd_members {
                hosts.push(self.host(HostId::Etcd(i), Some(zone(i))));
            }
        }
        for i in 0..self.workers {
            hosts.push(self.host(HostId::Worker(i), Some(zone(i))));
        }
        hosts
    }

    fn host(&self, id: HostId, zone: Option<u8>) -> Host {
        Host {
            id,
            name: id.name(),
            ip: id.ip(),
            zone,
        }
    }

    /// The host that runs etcd member `m`.
    pub fn etcd_host(&self, member: u8) -> HostId {
        match self.etcd {
            EtcdTopology::Stacked => HostId::ControlPlane(member),
            EtcdTopology::External => HostId::Etcd(member),
        }
    }

    /// The zone of a host (`None` for the load balancer, which spans zones).
    pub fn zone_of(&self, host: HostId) -> Option<u8> {
        let zones = self.zones.max(1);
        match host {
            HostId::LoadBalancer => None,
            HostId::ControlPlane(i) | HostId::Etcd(i) | HostId::Worker(i) => Some(i % zones),
        }
    }

    /// The etcd members API server `cp` may use, by member number.
    pub fn etcd_endpoints(&self, cp: u8) -> Vec<u8> {
        match self.etcd {
            EtcdTopology::Stacked => vec![cp],
            EtcdTopology::External => (0..self.external_etcd_members).collect(),
        }
    }

    /// The value of kube-apiserver's `--etcd-servers` on a control-plane node (the
    /// same on every node: stacked members are reached on the loopback address).
    pub fn etcd_servers_flag(&self, _cp: u8) -> String {
        match self.etcd {
            EtcdTopology::Stacked => "https://127.0.0.1:2379".to_string(),
            EtcdTopology::External => (0..self.external_etcd_members)
                .map(|m| format!("https://{}:2379", HostId::Etcd(m).ip()))
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// `/etc/systemd/system/kube-apiserver.service` on control-plane node `cp`, in the
    /// layout of Kubernetes the Hard Way, with this topology's `--etcd-servers`.
    pub fn apiserver_unit(&self, cp: u8) -> String {
        let ip = HostId::ControlPlane(cp).ip();
        let flags = [
            format!("--advertise-address={ip}"),
            "--allow-privileged=true".to_string(),
            format!("--apiserver-count={}", self.control_planes),
            "--audit-log-maxage=30".to_string(),
            "--audit-log-maxbackup=3".to_string(),
            "--audit-log-maxsize=100".to_string(),
            "--audit-log-path=/var/log/audit.log".to_string(),
            "--authorization-mode=Node,RBAC".to_string(),
            "--bind-address=0.0.0.0".to_string(),
            "--client-ca-file=/var/lib/kubernetes/ca.pem".to_string(),
            "--enable-admission-plugins=NamespaceLifecycle,NodeRestriction,LimitRanger,ServiceAccount,DefaultStorageClass,ResourceQuota".to_string(),
            "--etcd-cafile=/var/lib/kubernetes/ca.pem".to_string(),
            "--etcd-certfile=/var/lib/kubernetes/kubernetes.pem".to_string(),
            "--etcd-keyfile=/var/lib/kubernetes/kubernetes-key.pem".to_string(),
            format!("--etcd-servers={}", self.etcd_servers_flag(cp)),
            "--event-ttl=1h".to_string(),
            "--encryption-provider-config=/var/lib/kubernetes/encryption-config.yaml".to_string(),
            "--kubelet-certificate-authority=/var/lib/kubernetes/ca.pem".to_string(),
            "--kubelet-client-certificate=/var/lib/kubernetes/kubernetes.pem".to_string(),
            "--kubelet-client-key=/var/lib/kubernetes/kubernetes-key.pem".to_string(),
            "--runtime-config='api/all=true'".to_string(),
            "--service-account-key-file=/var/lib/kubernetes/service-account.pem".to_string(),
            "--service-account-signing-key-file=/var/lib/kubernetes/service-account-key.pem".to_string(),
            format!("--service-account-issuer=https://{LB_IP}:6443"),
            "--service-cluster-ip-range=10.32.0.0/24".to_string(),
            "--service-node-port-range=30000-32767".to_string(),
            "--tls-cert-file=/var/lib/kubernetes/kubernetes.pem".to_string(),
            "--tls-private-key-file=/var/lib/kubernetes/kubernetes-key.pem".to_string(),
            "--v=2".to_string(),
        ];
        let mut unit = String::from(
            "[Unit]\nDescription=Kubernetes API Server\nDocumentation=https://github.com/kubernetes/kubernetes\n\n[Service]\nExecStart=/usr/local/bin/kube-apiserver \\\n",
        );
        let last = flags.len() - 1;
        for (i, flag) in flags.iter().enumerate() {
            unit.push_str("  ");
            unit.push_str(flag);
            unit.push_str(if i == last { "\n" } else { " \\\n" });
        }
        unit.push_str(
            "Restart=on-failure\nRestartSec=5\n\n[Install]\nWantedBy=multi-user.target\n",
        );
        unit
    }
}

/// Why a topology cannot be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TopologyError {
    ControlPlanesOutOfRange { control_planes: u8 },
    EtcdMembersOutOfRange { members: u8 },
    WorkersOutOfRange { workers: u8 },
    ZonesOutOfRange { zones: u8 },
}

/// The address clients and kubelets use: the load balancer in front of the API servers.
pub const LB_IP: &str = "10.240.0.100";

/// A machine of the cluster. Numbers are 0-based; names are 1-based like kubeadm docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum HostId {
    LoadBalancer,
    ControlPlane(u8),
    /// An external etcd host.
    Etcd(u8),
    Worker(u8),
}

impl HostId {
    pub fn name(self) -> String {
        match self {
            Self::LoadBalancer => "loadbalancer".to_string(),
            Self::ControlPlane(i) => format!("controlplane-{}", u16::from(i) + 1),
            Self::Etcd(i) => format!("etcd-{}", u16::from(i) + 1),
            Self::Worker(i) => format!("node{:02}", u16::from(i) + 1),
        }
    }

    pub fn ip(self) -> String {
        match self {
            Self::LoadBalancer => LB_IP.to_string(),
            Self::ControlPlane(i) => format!("10.240.0.{}", 10 + u16::from(i)),
            Self::Etcd(i) => format!("10.240.0.{}", 30 + u16::from(i)),
            Self::Worker(i) => format!("10.240.0.{}", 50 + u16::from(i)),
        }
    }
}

/// A host as the topology view draws it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Host {
    pub id: HostId,
    pub name: String,
    pub ip: String,
    /// `None` for the load balancer (it spans the zones).
    pub zone: Option<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etcd_servers_follow_the_topology() {
        let stacked = TopologySpec::stacked(3, 2);
        assert_eq!(stacked.etcd_servers_flag(1), "https://127.0.0.1:2379");
        assert_eq!(stacked.etcd_endpoints(1), vec![1]);
        let external = TopologySpec::external(3, 3, 2);
        assert_eq!(
            external.etcd_servers_flag(0),
            "https://10.240.0.30:2379,https://10.240.0.31:2379,https://10.240.0.32:2379"
        );
        let unit = external.apiserver_unit(0);
        assert!(unit.contains(
            "  --etcd-servers=https://10.240.0.30:2379,https://10.240.0.31:2379,https://10.240.0.32:2379 \\\n"
        ));
        assert!(unit.starts_with("[Unit]\nDescription=Kubernetes API Server\n"));
        assert!(unit.contains("  --advertise-address=10.240.0.10 \\\n"));
        assert!(unit.contains("  --v=2\nRestart=on-failure\n"));
        assert!(stacked
            .apiserver_unit(2)
            .contains("--etcd-servers=https://127.0.0.1:2379 \\"));
    }

    #[test]
    fn hosts_and_validation() {
        let external = TopologySpec::external(3, 5, 2);
        let hosts = external.hosts();
        assert_eq!(hosts.len(), 1 + 3 + 5 + 2);
        assert_eq!(hosts[1].name, "controlplane-1");
        assert_eq!(hosts[4].name, "etcd-1");
        assert_eq!(hosts[9].name, "node01");
        assert_eq!(TopologySpec::stacked(3, 0).hosts().len(), 4);
        assert!(TopologySpec::stacked(0, 1).validate().is_err());
        assert!(TopologySpec::stacked(8, 1).validate().is_err());
        assert!(TopologySpec::external(3, 0, 1).validate().is_err());
        assert!(TopologySpec::external(7, 7, 9).validate().is_ok());
    }
}
