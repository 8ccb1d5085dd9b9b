//! Transcript tests (quorum): terminal input -> exact terminal output. Generated from the engine, then reviewed line by line against etcd/etcdctl/bash behaviour.

mod common;
use common::*;

/// Two of three members stopped: writes and ReadIndex reads hit the 5 s timeout; serializable reads answer locally.
#[test]
fn quorum_loss_writes_and_linearizable_reads_time_out() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
ssh controlplane-2
sudo systemctl stop etcd
exit
ssh 10.240.0.12
systemctl stop etcd
systemctl status etcd
exit
etcdctl put foo baz
etcdctl get foo
etcdctl get foo --consistency=s
etcdctl member list
etcdctl endpoint health
etcdctl endpoint health --cluster
etcdctl endpoint status
etcdctl watch foo
etcdctl lease grant 60
etcdctl txn <<EOF
val("foo") = "bar"

put foo new


EOF
ssh controlplane-3
systemctl start etcd
exit
etcdctl put foo baz
etcdctl get foo
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ ssh controlplane-2
controlplane-2 $ sudo systemctl stop etcd
controlplane-2 $ exit
logout
2> Connection to controlplane-2 closed.
controlplane-1 $ ssh 10.240.0.12
controlplane-3 $ systemctl stop etcd
controlplane-3 $ systemctl status etcd
○ etcd.service - etcd
     Loaded: loaded (/etc/systemd/system/etcd.service; enabled; vendor preset: enabled)
     Active: inactive (dead)
       Docs: https://github.com/coreos
[exit 3]
controlplane-3 $ exit
logout
2> Connection to controlplane-3 closed.
controlplane-1 $ etcdctl put foo baz
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ etcdctl get foo
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ etcdctl get foo --consistency=s
foo
bar
controlplane-1 $ etcdctl member list
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ etcdctl endpoint health
2> 127.0.0.1:2379 is unhealthy: failed to commit proposal: context deadline exceeded
2> Error: unhealthy cluster
[exit 1]
controlplane-1 $ etcdctl endpoint health --cluster
2> Error: failed to fetch endpoints from etcd cluster member list: context deadline exceeded
[exit 1]
controlplane-1 $ etcdctl endpoint status
127.0.0.1:2379, eaeb7f27b54e2401, 3.5.9, 25 kB, false, false, 2, 10, 10, etcdserver: no leader
controlplane-1 $ etcdctl watch foo
watch was canceled (etcdserver: no leader)
2> Error: watch is canceled by the server
[exit 2]
controlplane-1 $ etcdctl lease grant 60
2> Error: failed to grant lease (context deadline exceeded)
2> 
[exit 1]
controlplane-1 $ etcdctl txn <<EOF
> val("foo") = "bar"
> 
> put foo new
> 
> 
> EOF
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ ssh controlplane-3
controlplane-3 $ systemctl start etcd
controlplane-3 $ exit
logout
2> Connection to controlplane-3 closed.
controlplane-1 $ etcdctl put foo baz
OK
controlplane-1 $ etcdctl get foo
foo
baz
"#,
    );
}

/// v2 gets are served locally unless --quorum; v2 writes time out. etcdctl v2 first syncs
/// (lists the members, then uses their client URLs; etcd shuffles them, the simulation keeps
/// member order), and when no endpoint answers that sync it exits 2 (ExitBadConnection).
#[test]
fn v2_under_quorum_loss() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl set /k v
ssh controlplane-2
systemctl stop etcd
exit
ssh controlplane-3
systemctl stop etcd
exit
etcdctl get /k
etcdctl get --quorum /k
etcdctl set /k w
etcdctl cluster-health
etcdctl --endpoints=https://10.240.0.11:2379 get /k
"#,
        r#"
controlplane-1 $ etcdctl set /k v
v
controlplane-1 $ ssh controlplane-2
controlplane-2 $ systemctl stop etcd
controlplane-2 $ exit
logout
2> Connection to controlplane-2 closed.
controlplane-1 $ ssh controlplane-3
controlplane-3 $ systemctl stop etcd
controlplane-3 $ exit
logout
2> Connection to controlplane-3 closed.
controlplane-1 $ etcdctl get /k
v
controlplane-1 $ etcdctl get --quorum /k
2> Error:  client: etcd cluster is unavailable or misconfigured; error #0: client: endpoint https://10.240.0.10:2379 exceeded header timeout; error #1: dial tcp 10.240.0.11:2379: getsockopt: connection refused; error #2: dial tcp 10.240.0.12:2379: getsockopt: connection refused
2> error #0: client: endpoint https://10.240.0.10:2379 exceeded header timeout
2> error #1: dial tcp 10.240.0.11:2379: getsockopt: connection refused
2> error #2: dial tcp 10.240.0.12:2379: getsockopt: connection refused
2> 
[exit 4]
controlplane-1 $ etcdctl set /k w
2> Error:  client: etcd cluster is unavailable or misconfigured; error #0: client: endpoint https://10.240.0.10:2379 exceeded header timeout; error #1: dial tcp 10.240.0.11:2379: getsockopt: connection refused; error #2: dial tcp 10.240.0.12:2379: getsockopt: connection refused
2> error #0: client: endpoint https://10.240.0.10:2379 exceeded header timeout
2> error #1: dial tcp 10.240.0.11:2379: getsockopt: connection refused
2> error #2: dial tcp 10.240.0.12:2379: getsockopt: connection refused
2> 
[exit 4]
controlplane-1 $ etcdctl cluster-health
failed to check the health of member 2c0e0fedbe2218a8 on https://10.240.0.11:2379: Get https://10.240.0.11:2379/health: dial tcp 10.240.0.11:2379: getsockopt: connection refused
member 2c0e0fedbe2218a8 is unreachable: [https://10.240.0.11:2379] are all unreachable
failed to check the health of member 89242d2dd9d4a40d on https://10.240.0.12:2379: Get https://10.240.0.12:2379/health: dial tcp 10.240.0.12:2379: getsockopt: connection refused
member 89242d2dd9d4a40d is unreachable: [https://10.240.0.12:2379] are all unreachable
member eaeb7f27b54e2401 is unhealthy: got unhealthy result from https://10.240.0.10:2379
cluster is unavailable
[exit 5]
controlplane-1 $ etcdctl --endpoints=https://10.240.0.11:2379 get /k
2> Error:  client: etcd cluster is unavailable or misconfigured; error #0: dial tcp 10.240.0.11:2379: getsockopt: connection refused
2> error #0: dial tcp 10.240.0.11:2379: getsockopt: connection refused
2> 
[exit 2]
"#,
    );
}

/// controlplane-1 is cut off; the majority moves on; only --consistency=s answers, with old data.
#[test]
fn serializable_read_on_isolated_minority_is_stale() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put color red
@isolate 1
@put 2 color blue
etcdctl get color
etcdctl get color --consistency=s
etcdctl --endpoints=10.240.0.11:2379 get color
etcdctl endpoint status
@heal 1
etcdctl get color
etcdctl get color --consistency=s
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put color red
OK
controlplane-1 $ etcdctl get color
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ etcdctl get color --consistency=s
color
red
controlplane-1 $ etcdctl --endpoints=10.240.0.11:2379 get color
color
blue
controlplane-1 $ etcdctl endpoint status
127.0.0.1:2379, eaeb7f27b54e2401, 3.5.9, 25 kB, false, false, 2, 10, 10, etcdserver: no leader
controlplane-1 $ etcdctl get color
color
blue
controlplane-1 $ etcdctl get color --consistency=s
color
blue
"#,
    );
}

#[test]
fn endpoints_choose_the_answering_member() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
ssh controlplane-2
systemctl stop etcd
exit
etcdctl --endpoints=https://10.240.0.11:2379 put k v
etcdctl --endpoints=https://10.240.0.11:2379,https://10.240.0.12:2379 put k v
etcdctl --endpoints=10.240.0.99:2379 get k
etcdctl endpoint status --cluster -w table
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ ssh controlplane-2
controlplane-2 $ systemctl stop etcd
controlplane-2 $ exit
logout
2> Connection to controlplane-2 closed.
controlplane-1 $ etcdctl --endpoints=https://10.240.0.11:2379 put k v
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ etcdctl --endpoints=https://10.240.0.11:2379,https://10.240.0.12:2379 put k v
OK
controlplane-1 $ etcdctl --endpoints=10.240.0.99:2379 get k
2> Error: context deadline exceeded
[exit 1]
controlplane-1 $ etcdctl endpoint status --cluster -w table
2> {"level":"warn","msg":"failed to get the status of endpoint","endpoint":"https://10.240.0.11:2379","error":"context deadline exceeded"}
+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
|         ENDPOINT         |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |
+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
| https://10.240.0.12:2379 | 89242d2dd9d4a40d |   3.5.9 |   25 kB |     false |      false |         2 |         10 |                 10 |        |
| https://10.240.0.10:2379 | eaeb7f27b54e2401 |   3.5.9 |   25 kB |      true |      false |         2 |         10 |                 10 |        |
+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
[exit 1]
"#,
    );
}
