//! Transcript tests (lease): terminal input -> exact terminal output. Generated from the engine, then reviewed line by line against etcd/etcdctl/bash behaviour.

mod common;
use common::*;

/// Keys attached to a lease disappear in one revision when it expires.
#[test]
fn lease_lifecycle_and_expiry() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lease grant 10
etcdctl put a 1 --lease=5a3f75087e35752e
etcdctl put b 2 --lease=5a3f75087e35752e
etcdctl lease timetolive 5a3f75087e35752e
etcdctl lease timetolive 5a3f75087e35752e --keys
etcdctl lease list
etcdctl watch --prefix "" &
sleep 4
etcdctl lease timetolive 5a3f75087e35752e
sleep 7
etcdctl get "" --prefix
etcdctl lease timetolive 5a3f75087e35752e
etcdctl get a -w json
kill %1
etcdctl lease list
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lease grant 10
lease 5a3f75087e35752e granted with TTL(10s)
controlplane-1 $ etcdctl put a 1 --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl put b 2 --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e
lease 5a3f75087e35752e granted with TTL(10s), remaining(9s)
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e --keys
lease 5a3f75087e35752e granted with TTL(10s), remaining(9s), attached keys([a b])
controlplane-1 $ etcdctl lease list
found 1 leases
5a3f75087e35752e
controlplane-1 $ etcdctl watch --prefix "" &
[1] 2288
controlplane-1 $ sleep 4
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e
lease 5a3f75087e35752e granted with TTL(10s), remaining(5s)
controlplane-1 $ sleep 7
DELETE
a

DELETE
b

controlplane-1 $ etcdctl get "" --prefix
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e
lease 5a3f75087e35752e already expired
controlplane-1 $ etcdctl get a -w json
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":4,"raft_term":2}}
controlplane-1 $ kill %1
[1]+  Terminated              etcdctl watch --prefix ''
controlplane-1 $ etcdctl lease list
found 0 leases
"#,
    );
}

#[test]
fn lease_revoke_and_keep_alive() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lease grant 60
etcdctl put k v --lease=5a3f75087e35752e
etcdctl lease keep-alive --once 5a3f75087e35752e
etcdctl lease keep-alive 5a3f75087e35752e
@tick 45
^C
etcdctl lease timetolive 5a3f75087e35752e
etcdctl lease revoke 5a3f75087e35752e
etcdctl get k
etcdctl lease revoke 5a3f75087e35752e
etcdctl lease keep-alive 5a3f75087e35752e
etcdctl lease grant 1
etcdctl lease grant abc
etcdctl lease grant
etcdctl lease revoke xyz
etcdctl lease timetolive
etcdctl put a b --lease=zz
etcdctl put a b --lease=123
etcdctl lease grant 60 -w json
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lease grant 60
lease 5a3f75087e35752e granted with TTL(60s)
controlplane-1 $ etcdctl put k v --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl lease keep-alive --once 5a3f75087e35752e
lease 5a3f75087e35752e keepalived with TTL(60)
controlplane-1 $ etcdctl lease keep-alive 5a3f75087e35752e
lease 5a3f75087e35752e keepalived with TTL(60)
lease 5a3f75087e35752e keepalived with TTL(60)
lease 5a3f75087e35752e keepalived with TTL(60)
^C
[exit 130]
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e
lease 5a3f75087e35752e granted with TTL(60s), remaining(54s)
controlplane-1 $ etcdctl lease revoke 5a3f75087e35752e
lease 5a3f75087e35752e revoked
controlplane-1 $ etcdctl get k
controlplane-1 $ etcdctl lease revoke 5a3f75087e35752e
2> Error: failed to revoke lease (etcdserver: requested lease not found)
2> 
[exit 1]
controlplane-1 $ etcdctl lease keep-alive 5a3f75087e35752e
lease 5a3f75087e35752e expired or revoked.
controlplane-1 $ etcdctl lease grant 1
lease 7032b25097d368e4 granted with TTL(2s)
controlplane-1 $ etcdctl lease grant abc
2> Error: bad TTL (strconv.ParseInt: parsing "abc": invalid syntax)
[exit 128]
controlplane-1 $ etcdctl lease grant
2> Error: lease grant command needs TTL argument
[exit 128]
controlplane-1 $ etcdctl lease revoke xyz
2> Error: bad lease ID arg (strconv.ParseInt: parsing "xyz": invalid syntax), expecting ID in Hex
[exit 128]
controlplane-1 $ etcdctl lease timetolive
2> Error: lease timetolive command needs lease ID as argument
[exit 128]
controlplane-1 $ etcdctl put a b --lease=zz
2> Error: bad lease ID (strconv.ParseInt: parsing "zz": invalid syntax), expecting ID in Hex
[exit 128]
controlplane-1 $ etcdctl put a b --lease=123
2> Error: etcdserver: requested lease not found
[exit 1]
controlplane-1 $ etcdctl lease grant 60 -w json
{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":3,"raft_term":2,"ID":2795075118807005870,"TTL":60,"Error":""}
"#,
    );
}
