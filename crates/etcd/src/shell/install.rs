//! The machines of the notes' cluster and the etcd 3.3.9 install path: the release
//! tarball, the certificates, the systemd unit.

use super::fs::Vfs;
use super::{Machine, Scenario, HOME};
use crate::backend::MemberInfo;

pub const ETCD_VERSION: &str = "3.3.9";
pub const TARBALL: &str = "etcd-v3.3.9-linux-amd64.tar.gz";
pub const TAR_DIR: &str = "etcd-v3.3.9-linux-amd64";
pub const UNIT_PATH: &str = "/etc/systemd/system/etcd.service";
/// The release URL of the notes.
pub const URLS: &[&str] = &[
    "https://github.com/coreos/etcd/releases/download/v3.3.9/etcd-v3.3.9-linux-amd64.tar.gz",
    "https://github.com/etcd-io/etcd/releases/download/v3.3.9/etcd-v3.3.9-linux-amd64.tar.gz",
];

/// What `tar -xvf` of the release prints and creates. The top level is the real archive's;
/// the contents of `Documentation/` are not reproduced.
pub const TAR_ENTRIES: &[&str] = &[
    "etcd-v3.3.9-linux-amd64/",
    "etcd-v3.3.9-linux-amd64/Documentation/",
    "etcd-v3.3.9-linux-amd64/README-etcdctl.md",
    "etcd-v3.3.9-linux-amd64/README.md",
    "etcd-v3.3.9-linux-amd64/READMEv2-etcdctl.md",
    "etcd-v3.3.9-linux-amd64/etcd",
    "etcd-v3.3.9-linux-amd64/etcdctl",
];

pub const CERTS: &[&str] = &["ca.pem", "kubernetes-key.pem", "kubernetes.pem"];

fn ip_of(m: &MemberInfo) -> String {
    m.peer_urls
        .first()
        .map(|u| {
            let hp = crate::etcdctl::host_port(u);
            hp.rsplit_once(':')
                .map_or(hp.clone(), |(h, _)| h.to_string())
        })
        .unwrap_or_else(|| "127.0.0.1".into())
}

/// `--initial-cluster name=https://ip:2380,...`
pub fn initial_cluster(members: &[MemberInfo]) -> String {
    members
        .iter()
        .map(|m| format!("{}={}", m.name, m.peer_urls.join(",")))
        .collect::<Vec<_>>()
        .join(",")
}

/// The unit file of the notes, with a machine's name and IP filled in.
pub fn unit_file(name: &str, ip: &str, members: &[MemberInfo]) -> String {
    format!(
        "[Unit]
Description=etcd
Documentation=https://github.com/coreos

[Service]
ExecStart=/usr/local/bin/etcd \\
  --name {name} \\
  --cert-file=/etc/etcd/kubernetes.pem \\
  --key-file=/etc/etcd/kubernetes-key.pem \\
  --peer-cert-file=/etc/etcd/kubernetes.pem \\
  --peer-key-file=/etc/etcd/kubernetes-key.pem \\
  --trusted-ca-file=/etc/etcd/ca.pem \\
  --peer-trusted-ca-file=/etc/etcd/ca.pem \\
  --peer-client-cert-auth \\
  --client-cert-auth \\
  --initial-advertise-peer-urls https://{ip}:2380 \\
  --listen-peer-urls https://{ip}:2380 \\
  --listen-client-urls https://{ip}:2379,https://127.0.0.1:2379 \\
  --advertise-client-urls https://{ip}:2379 \\
  --initial-cluster-token etcd-cluster-0 \\
  --initial-cluster {} \\
  --initial-cluster-state new \\
  --data-dir=/var/lib/etcd
Restart=on-failure
RestartSec=5

[Install]
WantedBy=multi-user.target
",
        initial_cluster(members)
    )
}

fn cert(name: &str) -> String {
    format!("-----BEGIN CERTIFICATE-----\n(simulated {name})\n-----END CERTIFICATE-----\n")
}

fn base_fs() -> Vfs {
    let mut fs = Vfs::new();
    for d in [
        HOME,
        "/etc/systemd/system",
        "/usr/local/bin",
        "/var/lib",
        "/tmp",
        "/dev",
    ] {
        // Fixed paths: creating them cannot fail on an empty tree.
        let _ = fs.mkdir_p(d);
    }
    for c in CERTS {
        let _ = fs.write(&format!("{HOME}/{c}"), &cert(c), false);
    }
    fs
}

/// The binaries as `tar` unpacks them (the real ones are Go executables).
pub fn binary(name: &str) -> String {
    format!("\u{7f}ELF (etcd {ETCD_VERSION} {name}, linux/amd64)\n")
}

pub fn machines(members: &[MemberInfo], scenario: Scenario) -> Vec<Machine> {
    members
        .iter()
        .map(|m| {
            let ip = ip_of(m);
            let mut fs = base_fs();
            let unit = unit_file(&m.name, &ip, members);
            match scenario {
                Scenario::Fresh => {
                    let _ = fs.write(&format!("{HOME}/etcd.service"), &unit, false);
                }
                Scenario::Installed => {
                    let _ = fs.mkdir_p("/etc/etcd");
                    let _ = fs.mkdir_p("/var/lib/etcd");
                    for c in CERTS {
                        let _ = fs.write(&format!("/etc/etcd/{c}"), &cert(c), false);
                    }
                    for b in ["etcd", "etcdctl"] {
                        let _ = fs.write(&format!("/usr/local/bin/{b}"), &binary(b), true);
                    }
                    let _ = fs.write(UNIT_PATH, &unit, false);
                }
            }
            Machine {
                name: m.name.clone(),
                ip,
                fs,
                member: Some(m.id),
            }
        })
        .collect()
}
