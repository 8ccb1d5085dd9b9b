//! Transcript tests (install): terminal input -> exact terminal output. Generated from the engine, then reviewed line by line against etcd/etcdctl/bash behaviour.

mod common;
use common::*;

/// A fresh VM: etcdctl is missing until the notes' install steps put it in /usr/local/bin.
#[test]
fn install_path_of_the_notes() {
    let mut t = fresh();
    check(
        &mut t,
        r#"
etcdctl version
ls
wget -q --https-only "https://github.com/coreos/etcd/releases/download/v3.3.9/etcd-v3.3.9-linux-amd64.tar.gz"
ls
tar -xvf etcd-v3.3.9-linux-amd64.tar.gz
mv etcd-v3.3.9-linux-amd64/etcd* /usr/local/bin/
ls /usr/local/bin
mkdir -p /etc/etcd /var/lib/etcd
cp ca.pem kubernetes-key.pem kubernetes.pem /etc/etcd/
ls /etc/etcd
etcd --version
etcdctl --version
systemctl start etcd
cp etcd.service /etc/systemd/system/
cat /etc/systemd/system/etcd.service
sudo systemctl daemon-reload
sudo systemctl enable etcd
sudo systemctl start etcd
systemctl status etcd
ETCDCTL_API=3 etcdctl put a b
"#,
        r#"
controlplane-1 $ etcdctl version
2> bash: etcdctl: command not found
[exit 127]
controlplane-1 $ ls
ca.pem  etcd.service  kubernetes-key.pem  kubernetes.pem
controlplane-1 $ wget -q --https-only "https://github.com/coreos/etcd/releases/download/v3.3.9/etcd-v3.3.9-linux-amd64.tar.gz"
controlplane-1 $ ls
ca.pem  etcd-v3.3.9-linux-amd64.tar.gz  etcd.service  kubernetes-key.pem  kubernetes.pem
controlplane-1 $ tar -xvf etcd-v3.3.9-linux-amd64.tar.gz
etcd-v3.3.9-linux-amd64/
etcd-v3.3.9-linux-amd64/Documentation/
etcd-v3.3.9-linux-amd64/README-etcdctl.md
etcd-v3.3.9-linux-amd64/README.md
etcd-v3.3.9-linux-amd64/READMEv2-etcdctl.md
etcd-v3.3.9-linux-amd64/etcd
etcd-v3.3.9-linux-amd64/etcdctl
controlplane-1 $ mv etcd-v3.3.9-linux-amd64/etcd* /usr/local/bin/
controlplane-1 $ ls /usr/local/bin
etcd  etcdctl
controlplane-1 $ mkdir -p /etc/etcd /var/lib/etcd
controlplane-1 $ cp ca.pem kubernetes-key.pem kubernetes.pem /etc/etcd/
controlplane-1 $ ls /etc/etcd
ca.pem  kubernetes-key.pem  kubernetes.pem
controlplane-1 $ etcd --version
etcd Version: 3.3.9
Git SHA: fca8add78
Go Version: go1.10.3
Go OS/Arch: linux/amd64
controlplane-1 $ etcdctl --version
etcdctl version: 3.3.9
API version: 2
controlplane-1 $ systemctl start etcd
2> Failed to start etcd.service: Unit etcd.service not found.
[exit 5]
controlplane-1 $ cp etcd.service /etc/systemd/system/
controlplane-1 $ cat /etc/systemd/system/etcd.service
[Unit]
Description=etcd
Documentation=https://github.com/coreos

[Service]
ExecStart=/usr/local/bin/etcd \
  --name controlplane-1 \
  --cert-file=/etc/etcd/kubernetes.pem \
  --key-file=/etc/etcd/kubernetes-key.pem \
  --peer-cert-file=/etc/etcd/kubernetes.pem \
  --peer-key-file=/etc/etcd/kubernetes-key.pem \
  --trusted-ca-file=/etc/etcd/ca.pem \
  --peer-trusted-ca-file=/etc/etcd/ca.pem \
  --peer-client-cert-auth \
  --client-cert-auth \
  --initial-advertise-peer-urls https://10.240.0.10:2380 \
  --listen-peer-urls https://10.240.0.10:2380 \
  --listen-client-urls https://10.240.0.10:2379,https://127.0.0.1:2379 \
  --advertise-client-urls https://10.240.0.10:2379 \
  --initial-cluster-token etcd-cluster-0 \
  --initial-cluster controlplane-1=https://10.240.0.10:2380,controlplane-2=https://10.240.0.11:2380,controlplane-3=https://10.240.0.12:2380 \
  --initial-cluster-state new \
  --data-dir=/var/lib/etcd
Restart=on-failure
RestartSec=5

[Install]
WantedBy=multi-user.target
controlplane-1 $ sudo systemctl daemon-reload
controlplane-1 $ sudo systemctl enable etcd
2> Created symlink /etc/systemd/system/multi-user.target.wants/etcd.service → /etc/systemd/system/etcd.service.
controlplane-1 $ sudo systemctl start etcd
controlplane-1 $ systemctl status etcd
● etcd.service - etcd
     Loaded: loaded (/etc/systemd/system/etcd.service; enabled; vendor preset: enabled)
     Active: active (running)
       Docs: https://github.com/coreos
   Main PID: 2281 (etcd)
controlplane-1 $ ETCDCTL_API=3 etcdctl put a b
2> Error: context deadline exceeded
[exit 1]
"#,
    );
}

/// Starting etcd on a majority of controllers gives the cluster a leader.
#[test]
fn install_on_every_controller_then_use() {
    let mut t = fresh();
    check(
        &mut t,
        r#"
ETCD_NAME=$(hostname -s)
INTERNAL_IP=10.240.0.10
cat <<EOF | sudo tee unit.txt
  --name ${ETCD_NAME} \\
  --initial-advertise-peer-urls https://${INTERNAL_IP}:2380
EOF
cat <<'EOF' > literal.txt
--name ${ETCD_NAME}
EOF
cat literal.txt
wget -q "https://github.com/coreos/etcd/releases/download/v3.3.9/etcd-v3.3.9-linux-amd64.tar.gz" && tar -xf etcd-v3.3.9-linux-amd64.tar.gz && sudo mv etcd-v3.3.9-linux-amd64/etcd* /usr/local/bin/
sudo cp etcd.service /etc/systemd/system/ && sudo systemctl start etcd
ssh controlplane-2
wget -q "https://github.com/coreos/etcd/releases/download/v3.3.9/etcd-v3.3.9-linux-amd64.tar.gz" && tar -xf etcd-v3.3.9-linux-amd64.tar.gz && sudo mv etcd-v3.3.9-linux-amd64/etcd* /usr/local/bin/
sudo cp etcd.service /etc/systemd/system/ && sudo systemctl start etcd
export ETCDCTL_API=3
etcdctl put name john
etcdctl get name
exit
etcdctl get name
ETCDCTL_API=3 etcdctl get name
"#,
        r#"
controlplane-1 $ ETCD_NAME=$(hostname -s)
controlplane-1 $ INTERNAL_IP=10.240.0.10
controlplane-1 $ cat <<EOF | sudo tee unit.txt
>   --name ${ETCD_NAME} \\
>   --initial-advertise-peer-urls https://${INTERNAL_IP}:2380
> EOF
  --name controlplane-1 \
  --initial-advertise-peer-urls https://10.240.0.10:2380
controlplane-1 $ cat <<'EOF' > literal.txt
> --name ${ETCD_NAME}
> EOF
controlplane-1 $ cat literal.txt
--name ${ETCD_NAME}
controlplane-1 $ wget -q "https://github.com/coreos/etcd/releases/download/v3.3.9/etcd-v3.3.9-linux-amd64.tar.gz" && tar -xf etcd-v3.3.9-linux-amd64.tar.gz && sudo mv etcd-v3.3.9-linux-amd64/etcd* /usr/local/bin/
controlplane-1 $ sudo cp etcd.service /etc/systemd/system/ && sudo systemctl start etcd
controlplane-1 $ ssh controlplane-2
controlplane-2 $ wget -q "https://github.com/coreos/etcd/releases/download/v3.3.9/etcd-v3.3.9-linux-amd64.tar.gz" && tar -xf etcd-v3.3.9-linux-amd64.tar.gz && sudo mv etcd-v3.3.9-linux-amd64/etcd* /usr/local/bin/
controlplane-2 $ sudo cp etcd.service /etc/systemd/system/ && sudo systemctl start etcd
controlplane-2 $ export ETCDCTL_API=3
controlplane-2 $ etcdctl put name john
OK
controlplane-2 $ etcdctl get name
name
john
controlplane-2 $ exit
logout
2> Connection to controlplane-2 closed.
controlplane-1 $ etcdctl get name
2> Error:  100: Key not found (/name) [7]
[exit 4]
controlplane-1 $ ETCDCTL_API=3 etcdctl get name
name
john
"#,
    );
}

#[test]
fn shell_file_errors() {
    let mut t = fresh();
    check(
        &mut t,
        r#"
mkdir /home/student
mkdir a/b
cp nope.pem /tmp
cp ca.pem
cp ca.pem kubernetes.pem missing-dir/
cat nope
cat /tmp
tar -xvf nope.tar.gz
tar -xvf ca.pem
wget http://example.com/x
wget -q http://example.com/x
ssh nowhere
systemctl status etcd
systemctl start nginx
cd /nowhere
cd /etc && pwd
ls /nonexistent; echo after
mv etcd* /tmp
"#,
        r#"
controlplane-1 $ mkdir /home/student
2> mkdir: cannot create directory ‘/home/student’: File exists
[exit 1]
controlplane-1 $ mkdir a/b
2> mkdir: cannot create directory ‘a/b’: No such file or directory
[exit 1]
controlplane-1 $ cp nope.pem /tmp
2> cp: cannot stat 'nope.pem': No such file or directory
[exit 1]
controlplane-1 $ cp ca.pem
2> cp: missing destination file operand after 'ca.pem'
2> Try 'cp --help' for more information.
[exit 1]
controlplane-1 $ cp ca.pem kubernetes.pem missing-dir/
2> cp: target 'missing-dir/' is not a directory
[exit 1]
controlplane-1 $ cat nope
2> cat: nope: No such file or directory
[exit 1]
controlplane-1 $ cat /tmp
2> cat: /tmp: Is a directory
[exit 1]
controlplane-1 $ tar -xvf nope.tar.gz
2> tar: nope.tar.gz: Cannot open: No such file or directory
2> tar: Error is not recoverable: exiting now
[exit 2]
controlplane-1 $ tar -xvf ca.pem
2> gzip: stdin: not in gzip format
2> tar: Child returned status 1
2> tar: Error is not recoverable: exiting now
[exit 2]
controlplane-1 $ wget http://example.com/x
2> wget: unable to resolve host address ‘example.com’
[exit 4]
controlplane-1 $ wget -q http://example.com/x
[exit 4]
controlplane-1 $ ssh nowhere
2> ssh: Could not resolve hostname nowhere: Name or service not known
[exit 255]
controlplane-1 $ systemctl status etcd
2> Unit etcd.service could not be found.
[exit 4]
controlplane-1 $ systemctl start nginx
2> Unit nginx.service could not be found.
[exit 4]
controlplane-1 $ cd /nowhere
2> bash: cd: /nowhere: No such file or directory
[exit 1]
controlplane-1 $ cd /etc && pwd
/etc
controlplane-1 $ ls /nonexistent; echo after
2> ls: cannot access '/nonexistent': No such file or directory
after
controlplane-1 $ mv etcd* /tmp
2> mv: cannot stat 'etcd*': No such file or directory
[exit 1]
"#,
    );
}
