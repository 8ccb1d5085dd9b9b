//! Transcript tests (cluster): terminal input -> exact terminal output. Generated from the engine, then reviewed line by line against etcd/etcdctl/bash behaviour.

mod common;
use common::*;

#[test]
fn member_add_promote_remove() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl member list
etcdctl member list -w table
etcdctl member add controlplane-4 --peer-urls=https://10.240.0.13:2380 --learner
etcdctl member list
etcdctl member add controlplane-5 --peer-urls=https://10.240.0.14:2380 --learner
etcdctl member promote 6855ce5643eec108
etcdctl member promote eaeb7f27b54e2401
etcdctl member remove 6855ce5643eec108
etcdctl member remove 6855ce5643eec108
etcdctl member add x
etcdctl member add x https://1.2.3.4:2380
etcdctl member add
etcdctl member remove
etcdctl member remove zz
etcdctl member list -w json
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl member list
2c0e0fedbe2218a8, started, controlplane-2, https://10.240.0.11:2380, https://10.240.0.11:2379, false
89242d2dd9d4a40d, started, controlplane-3, https://10.240.0.12:2380, https://10.240.0.12:2379, false
eaeb7f27b54e2401, started, controlplane-1, https://10.240.0.10:2380, https://10.240.0.10:2379, false
controlplane-1 $ etcdctl member list -w table
+------------------+---------+----------------+--------------------------+--------------------------+------------+
|        ID        | STATUS  |      NAME      |        PEER ADDRS        |       CLIENT ADDRS       | IS LEARNER |
+------------------+---------+----------------+--------------------------+--------------------------+------------+
| 2c0e0fedbe2218a8 | started | controlplane-2 | https://10.240.0.11:2380 | https://10.240.0.11:2379 |      false |
| 89242d2dd9d4a40d | started | controlplane-3 | https://10.240.0.12:2380 | https://10.240.0.12:2379 |      false |
| eaeb7f27b54e2401 | started | controlplane-1 | https://10.240.0.10:2380 | https://10.240.0.10:2379 |      false |
+------------------+---------+----------------+--------------------------+--------------------------+------------+
controlplane-1 $ etcdctl member add controlplane-4 --peer-urls=https://10.240.0.13:2380 --learner
Member 6855ce5643eec108 added to cluster 7b0347b0f67446d0

ETCD_NAME="controlplane-4"
ETCD_INITIAL_CLUSTER="controlplane-2=https://10.240.0.11:2380,controlplane-4=https://10.240.0.13:2380,controlplane-3=https://10.240.0.12:2380,controlplane-1=https://10.240.0.10:2380"
ETCD_INITIAL_ADVERTISE_PEER_URLS="https://10.240.0.13:2380"
ETCD_INITIAL_CLUSTER_STATE="existing"
controlplane-1 $ etcdctl member list
2c0e0fedbe2218a8, started, controlplane-2, https://10.240.0.11:2380, https://10.240.0.11:2379, false
6855ce5643eec108, unstarted, , https://10.240.0.13:2380, , true
89242d2dd9d4a40d, started, controlplane-3, https://10.240.0.12:2380, https://10.240.0.12:2379, false
eaeb7f27b54e2401, started, controlplane-1, https://10.240.0.10:2380, https://10.240.0.10:2379, false
controlplane-1 $ etcdctl member add controlplane-5 --peer-urls=https://10.240.0.14:2380 --learner
2> Error: etcdserver: too many learner members in cluster
[exit 1]
controlplane-1 $ etcdctl member promote 6855ce5643eec108
2> Error: etcdserver: can only promote a learner member which is in sync with leader
[exit 1]
controlplane-1 $ etcdctl member promote eaeb7f27b54e2401
2> Error: etcdserver: can only promote a learner member
[exit 1]
controlplane-1 $ etcdctl member remove 6855ce5643eec108
Member 6855ce5643eec108 removed from cluster 7b0347b0f67446d0
controlplane-1 $ etcdctl member remove 6855ce5643eec108
2> Error: etcdserver: member not found
[exit 1]
controlplane-1 $ etcdctl member add x
2> Error: member peer urls not provided
[exit 128]
controlplane-1 $ etcdctl member add x https://1.2.3.4:2380
2> Error: too many arguments, did you mean --peer-urls=https://1.2.3.4:2380
[exit 128]
controlplane-1 $ etcdctl member add
2> Error: member name not provided
[exit 128]
controlplane-1 $ etcdctl member remove
2> Error: member ID is not provided
[exit 128]
controlplane-1 $ etcdctl member remove zz
2> Error: bad member ID arg (strconv.ParseUint: parsing "zz": invalid syntax), expecting ID in Hex
[exit 128]
controlplane-1 $ etcdctl member list -w json
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"raft_term":2},"members":[{"ID":3174492301114349736,"name":"controlplane-2","peerURLs":["https://10.240.0.11:2380"],"clientURLs":["https://10.240.0.11:2379"]},{"ID":9882073157309080589,"name":"controlplane-3","peerURLs":["https://10.240.0.12:2380"],"clientURLs":["https://10.240.0.12:2379"]},{"ID":16927763432924390401,"name":"controlplane-1","peerURLs":["https://10.240.0.10:2380"],"clientURLs":["https://10.240.0.10:2379"]}]}
"#,
    );
}

#[test]
fn move_leader_and_endpoint_status() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl endpoint status --cluster
etcdctl move-leader 89242d2dd9d4a40d --endpoints=10.240.0.12:2379
etcdctl move-leader 89242d2dd9d4a40d
etcdctl endpoint status --cluster -w table
etcdctl endpoint status -w json
etcdctl endpoint health -w table
etcdctl endpoint health -w json
etcdctl move-leader
etcdctl move-leader xyz
etcdctl defrag
etcdctl version
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl endpoint status --cluster
https://10.240.0.11:2379, 2c0e0fedbe2218a8, 3.5.9, 20 kB, false, false, 2, 9, 9, 
https://10.240.0.12:2379, 89242d2dd9d4a40d, 3.5.9, 20 kB, false, false, 2, 9, 9, 
https://10.240.0.10:2379, eaeb7f27b54e2401, 3.5.9, 20 kB, true, false, 2, 9, 9, 
controlplane-1 $ etcdctl move-leader 89242d2dd9d4a40d --endpoints=10.240.0.12:2379
2> Error: no leader endpoint given at [10.240.0.12:2379]
[exit 128]
controlplane-1 $ etcdctl move-leader 89242d2dd9d4a40d
Leadership transferred from eaeb7f27b54e2401 to 89242d2dd9d4a40d
controlplane-1 $ etcdctl endpoint status --cluster -w table
+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
|         ENDPOINT         |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |
+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
| https://10.240.0.11:2379 | 2c0e0fedbe2218a8 |   3.5.9 |   20 kB |     false |      false |         3 |         10 |                 10 |        |
| https://10.240.0.12:2379 | 89242d2dd9d4a40d |   3.5.9 |   20 kB |      true |      false |         3 |         10 |                 10 |        |
| https://10.240.0.10:2379 | eaeb7f27b54e2401 |   3.5.9 |   20 kB |     false |      false |         3 |         10 |                 10 |        |
+--------------------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
controlplane-1 $ etcdctl endpoint status -w json
[{"Endpoint":"127.0.0.1:2379","Status":{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":1,"raft_term":3},"version":"3.5.9","dbSize":20480,"leader":9882073157309080589,"raftIndex":10,"raftTerm":3,"raftAppliedIndex":10,"dbSizeInUse":20480}}]
controlplane-1 $ etcdctl endpoint health -w table
+----------------+--------+-------+-------+
|    ENDPOINT    | HEALTH | TOOK  | ERROR |
+----------------+--------+-------+-------+
| 127.0.0.1:2379 |   true | 1.8ms |       |
+----------------+--------+-------+-------+
controlplane-1 $ etcdctl endpoint health -w json
[{"endpoint":"127.0.0.1:2379","health":true,"took":"1.8ms"}]
controlplane-1 $ etcdctl move-leader
2> Error: move-leader command needs 1 argument
[exit 128]
controlplane-1 $ etcdctl move-leader xyz
2> Error: bad leader ID arg (strconv.ParseUint: parsing "xyz": invalid syntax), expecting ID in Hex
[exit 128]
controlplane-1 $ etcdctl defrag
Finished defragmenting etcd member[127.0.0.1:2379]
controlplane-1 $ etcdctl version
etcdctl version: 3.5.9
API version: 3.5
"#,
    );
}
