//! Transcript tests (output formats): etcdctl 3.3's `-o simple|extended|json`
//! (ctlv2/command/format.go), `updatedir`, and etcdctl 3.5's `-w fields`
//! (ctlv3/command/printer_fields.go) and the commands added with them.

mod common;
use common::*;

#[test]
fn v2_output_formats() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl set /a 1
etcdctl -o extended get /a
etcdctl -o json get /a
etcdctl -o extended set /a 2
etcdctl --output=json set /a 3
etcdctl -o json mk /b 1
etcdctl -o extended update /b 2
etcdctl -o extended rm /a
etcdctl -o json rm /b
etcdctl -o json set --ttl 10 /t x
sleep 3
etcdctl -o extended get /t
etcdctl -o json get /t
etcdctl -o yaml get /t
etcdctl -o json mkdir /d
etcdctl -o json rm --dir /d
etcdctl -o extended ls
"#,
        r#"
controlplane-1 $ etcdctl set /a 1
1
controlplane-1 $ etcdctl -o extended get /a
Key: /a
Created-Index: 8
Modified-Index: 8
TTL: 0
Index: 8

1
controlplane-1 $ etcdctl -o json get /a
{"action":"get","node":{"key":"/a","value":"1","nodes":null,"createdIndex":8,"modifiedIndex":8},"prevNode":null}
controlplane-1 $ etcdctl -o extended set /a 2
Key: /a
Created-Index: 9
Modified-Index: 9
PrevNode.Value: 1
TTL: 0
Index: 9

2
controlplane-1 $ etcdctl --output=json set /a 3
{"action":"set","node":{"key":"/a","value":"3","nodes":null,"createdIndex":10,"modifiedIndex":10},"prevNode":{"key":"/a","value":"2","nodes":null,"createdIndex":9,"modifiedIndex":9}}
controlplane-1 $ etcdctl -o json mk /b 1
{"action":"create","node":{"key":"/b","value":"1","nodes":null,"createdIndex":11,"modifiedIndex":11},"prevNode":null}
controlplane-1 $ etcdctl -o extended update /b 2
Key: /b
Created-Index: 11
Modified-Index: 12
PrevNode.Value: 1
TTL: 0
Index: 12

2
controlplane-1 $ etcdctl -o extended rm /a
Key: /a
Created-Index: 10
Modified-Index: 13
PrevNode.Value: 3
TTL: 0
Index: 13
controlplane-1 $ etcdctl -o json rm /b
{"action":"delete","node":{"key":"/b","value":"","nodes":null,"createdIndex":11,"modifiedIndex":14},"prevNode":{"key":"/b","value":"2","nodes":null,"createdIndex":11,"modifiedIndex":12}}
controlplane-1 $ etcdctl -o json set --ttl 10 /t x
{"action":"set","node":{"key":"/t","value":"x","nodes":null,"createdIndex":15,"modifiedIndex":15,"expiration":"2018-07-24T00:00:10.0144Z","ttl":10},"prevNode":null}
controlplane-1 $ sleep 3
controlplane-1 $ etcdctl -o extended get /t
Key: /t
Created-Index: 15
Modified-Index: 15
TTL: 7
Index: 15

x
controlplane-1 $ etcdctl -o json get /t
{"action":"get","node":{"key":"/t","value":"x","nodes":null,"createdIndex":15,"modifiedIndex":15,"expiration":"2018-07-24T00:00:10.0144Z","ttl":7},"prevNode":null}
controlplane-1 $ etcdctl -o yaml get /t
2> Unsupported output format: yaml
controlplane-1 $ etcdctl -o json mkdir /d
controlplane-1 $ etcdctl -o json rm --dir /d
controlplane-1 $ etcdctl -o extended ls
/t
"#,
    );
}

/// `updatedir` is a `PUT dir=true&prevExist=true`: the store's Update with an empty value.
#[test]
fn v2_updatedir() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mkdir --ttl 3 /d
etcdctl set /d/f x
etcdctl updatedir --ttl 10 /d
sleep 5
etcdctl ls /d
etcdctl updatedir /d
sleep 10
etcdctl ls
etcdctl updatedir /missing
etcdctl updatedir
etcdctl updatedir --bogus /d
etcdctl updatedir /d/f
etcdctl get /d/f
etcdctl setdir /d
etcdctl setdir /e
etcdctl -o json update /d ""
etcdctl update /d v
"#,
        r#"
controlplane-1 $ etcdctl mkdir --ttl 3 /d
controlplane-1 $ etcdctl set /d/f x
x
controlplane-1 $ etcdctl updatedir --ttl 10 /d
controlplane-1 $ sleep 5
controlplane-1 $ etcdctl ls /d
/d/f
controlplane-1 $ etcdctl updatedir /d
controlplane-1 $ sleep 10
controlplane-1 $ etcdctl ls
/d
controlplane-1 $ etcdctl updatedir /missing
2> Error:  100: Key not found (/missing) [11]
[exit 4]
controlplane-1 $ etcdctl updatedir
2> Error:  key required
[exit 1]
controlplane-1 $ etcdctl updatedir --bogus /d
Incorrect Usage: flag provided but not defined: -bogus

2> flag provided but not defined: -bogus
[exit 1]
controlplane-1 $ etcdctl updatedir /d/f
controlplane-1 $ etcdctl get /d/f

controlplane-1 $ etcdctl setdir /d
2> Error:  102: Not a file (/d) [12]
[exit 4]
controlplane-1 $ etcdctl setdir /e
controlplane-1 $ etcdctl -o json update /d ""
{"action":"update","node":{"key":"/d","dir":true,"value":"","nodes":null,"createdIndex":8,"modifiedIndex":14},"prevNode":{"key":"/d","dir":true,"value":"","nodes":null,"createdIndex":8,"modifiedIndex":11}}
controlplane-1 $ etcdctl update /d v
2> Error:  102: Not a file (/d) [14]
[exit 4]
"#,
    );
}

#[test]
fn v3_fields_kv() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put a 1 -w fields
etcdctl put a "x\"y" --prev-kv -w fields
etcdctl put b -w fields <<EOF
two
lines
EOF
etcdctl get a --prefix -w fields
etcdctl get a b --count-only -w fields
etcdctl get nothing --keys-only -w fields
etcdctl del a --prev-kv -w fields
etcdctl txn -w fields <<EOF
value("b") = "nope"

put c 3

get b
del b

EOF
etcdctl compaction 2 -w fields
etcdctl watch --prefix c --prev-kv -w fields
@put 2 c 4
@tick 1
^C
etcdctl watch c -w json
@put 2 c 5
@tick 1
^C
etcdctl watch c -w table
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put a 1 -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 2
"RaftTerm" : 2
controlplane-1 $ etcdctl put a "x\"y" --prev-kv -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 3
"RaftTerm" : 2
"PrevKey" : "a"
"PrevCreateRevision" : 2
"PrevModRevision" : 2
"PrevVersion" : 1
"PrevValue" : "1"
"PrevLease" : 0
controlplane-1 $ etcdctl put b -w fields <<EOF
> two
> lines
> EOF
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 4
"RaftTerm" : 2
controlplane-1 $ etcdctl get a --prefix -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 4
"RaftTerm" : 2
"Key" : "a"
"CreateRevision" : 2
"ModRevision" : 3
"Version" : 2
"Value" : "x\"y"
"Lease" : 0
"More" : false
"Count" : 1
controlplane-1 $ etcdctl get a b --count-only -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 4
"RaftTerm" : 2
"More" : false
"Count" : 1
controlplane-1 $ etcdctl get nothing --keys-only -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 4
"RaftTerm" : 2
"More" : false
"Count" : 0
controlplane-1 $ etcdctl del a --prev-kv -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 5
"RaftTerm" : 2
"Deleted" : 1
"PrevKey" : "a"
"PrevCreateRevision" : 2
"PrevModRevision" : 3
"PrevVersion" : 2
"PrevValue" : "x\"y"
"PrevLease" : 0
controlplane-1 $ etcdctl txn -w fields <<EOF
> value("b") = "nope"
> 
> put c 3
> 
> get b
> del b
> 
> EOF
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 6
"RaftTerm" : 2
"Succeeded" : false
"ClusterID" : 0
"MemberID" : 0
"Revision" : 6
"RaftTerm" : 0
"Key" : "b"
"CreateRevision" : 4
"ModRevision" : 4
"Version" : 1
"Value" : "two\nlines\n"
"Lease" : 0
"More" : false
"Count" : 1
"ClusterID" : 0
"MemberID" : 0
"Revision" : 6
"RaftTerm" : 0
"Deleted" : 1
controlplane-1 $ etcdctl compaction 2 -w fields
compacted revision 2
controlplane-1 $ etcdctl watch --prefix c --prev-kv -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 7
"RaftTerm" : 2
"Type" : PUT
"Key" : "c"
"CreateRevision" : 7
"ModRevision" : 7
"Version" : 1
"Value" : "4"
"Lease" : 0
^C
[exit 130]
controlplane-1 $ etcdctl watch c -w json
{"Header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":8,"raft_term":2},"Events":[{"kv":{"key":"Yw==","create_revision":7,"mod_revision":8,"version":2,"value":"NQ=="}}],"CompactRevision":0,"Canceled":false,"Created":false}
^C
[exit 130]
controlplane-1 $ etcdctl watch c -w table
2> Error: table not supported as output format
[exit 4]
"#,
    );
}

#[test]
fn v3_fields_lease_and_cluster() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lease grant 60 -w fields
etcdctl lease grant 60 -w json
etcdctl put k v --lease=5a3f75087e35752e
etcdctl lease list -w fields
etcdctl lease list -w json
etcdctl lease keep-alive --once 5a3f75087e35752e -w fields
etcdctl lease keep-alive --once 5a3f75087e35752e -w json
etcdctl lease timetolive 5a3f75087e35752e --keys -w fields
etcdctl lease revoke 5a3f75087e35752e -w fields
etcdctl lease keep-alive 5a3f75087e35752e -w table
etcdctl member list -w fields
etcdctl endpoint status -w fields
etcdctl endpoint health -w fields
etcdctl endpoint health --endpoints=10.240.0.10:2379,10.9.9.9:2379 -w fields
etcdctl endpoint health -w table
etcdctl member add x --peer-urls=https://10.240.0.13:2380 -w fields
etcdctl member list
etcdctl move-leader 2c0e0fedbe2218a8 -w fields
etcdctl move-leader eaeb7f27b54e2401 -w json --endpoints=10.240.0.11:2379
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lease grant 60 -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 1
"RaftTerm" : 2
"ID" : 6503045066283906350
"TTL" : 60
controlplane-1 $ etcdctl lease grant 60 -w json
{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":1,"raft_term":2,"ID":8084720340297804004,"TTL":60,"Error":""}
controlplane-1 $ etcdctl put k v --lease=5a3f75087e35752e
OK
controlplane-1 $ etcdctl lease list -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 2
"RaftTerm" : 2
"ID" : 6503045066283906350
"ID" : 8084720340297804004
controlplane-1 $ etcdctl lease list -w json
{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":2,"raft_term":2,"leases":[{"id":6503045066283906350},{"id":8084720340297804004}]}
controlplane-1 $ etcdctl lease keep-alive --once 5a3f75087e35752e -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 2
"RaftTerm" : 2
"ID" : 6503045066283906350
"TTL" : 60
controlplane-1 $ etcdctl lease keep-alive --once 5a3f75087e35752e -w json
{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":2,"raft_term":2,"ID":6503045066283906350,"TTL":60}
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e --keys -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 2
"RaftTerm" : 2
"ID" : 6503045066283906350
"TTL" : 59
"GrantedTTL" : 60
"Key" : "k"
controlplane-1 $ etcdctl lease revoke 5a3f75087e35752e -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 3
"RaftTerm" : 2
controlplane-1 $ etcdctl lease keep-alive 5a3f75087e35752e -w table
2> Error: table not supported as output format
[exit 4]
controlplane-1 $ etcdctl member list -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 0
"RaftTerm" : 2
"ID" : 3174492301114349736
"Name" : "controlplane-2"
"PeerURL" : "https://10.240.0.11:2380"
"ClientURL" : "https://10.240.0.11:2379"
"IsLearner" : false

"ID" : 9882073157309080589
"Name" : "controlplane-3"
"PeerURL" : "https://10.240.0.12:2380"
"ClientURL" : "https://10.240.0.12:2379"
"IsLearner" : false

"ID" : 16927763432924390401
"Name" : "controlplane-1"
"PeerURL" : "https://10.240.0.10:2380"
"ClientURL" : "https://10.240.0.10:2379"
"IsLearner" : false

controlplane-1 $ etcdctl endpoint status -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 3
"RaftTerm" : 2
"Version" : "3.5.9"
"DBSize" : 24576
"Leader" : 16927763432924390401
"IsLearner" : false
"RaftIndex" : 15
"RaftTerm" : 2
"RaftAppliedIndex" : 15
"Errors" : []
"Endpoint" : "127.0.0.1:2379"

controlplane-1 $ etcdctl endpoint health -w fields
"Endpoint" : "127.0.0.1:2379"
"Health" : true
"Took" : 1.8ms
"Error" : 

controlplane-1 $ etcdctl endpoint health --endpoints=10.240.0.10:2379,10.9.9.9:2379 -w fields
"Endpoint" : "10.240.0.10:2379"
"Health" : true
"Took" : 1.8ms
"Error" : 

"Endpoint" : "10.9.9.9:2379"
"Health" : false
"Took" : 5s
"Error" : context deadline exceeded

2> Error: unhealthy cluster
[exit 1]
controlplane-1 $ etcdctl endpoint health -w table
+----------------+--------+-------+-------+
|    ENDPOINT    | HEALTH | TOOK  | ERROR |
+----------------+--------+-------+-------+
| 127.0.0.1:2379 |   true | 1.8ms |       |
+----------------+--------+-------+-------+
controlplane-1 $ etcdctl member add x --peer-urls=https://10.240.0.13:2380 -w fields
2> Error: fields not supported as output format
[exit 4]
controlplane-1 $ etcdctl member list
2c0e0fedbe2218a8, started, controlplane-2, https://10.240.0.11:2380, https://10.240.0.11:2379, false
89242d2dd9d4a40d, started, controlplane-3, https://10.240.0.12:2380, https://10.240.0.12:2379, false
eaeb7f27b54e2401, started, controlplane-1, https://10.240.0.10:2380, https://10.240.0.10:2379, false
f8c632ff416764a8, unstarted, , https://10.240.0.13:2380, , false
controlplane-1 $ etcdctl move-leader 2c0e0fedbe2218a8 -w fields
2> Error: fields not supported as output format
[exit 4]
controlplane-1 $ etcdctl move-leader eaeb7f27b54e2401 -w json --endpoints=10.240.0.11:2379
{"header":{"cluster_id":8864007316969899728,"member_id":3174492301114349736,"revision":3,"raft_term":4}}
"#,
    );
}

#[test]
fn v3_alarm_and_hashkv() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl alarm list
etcdctl alarm disarm
etcdctl alarm list -w json
etcdctl alarm list -w fields
etcdctl alarm list -w table
etcdctl alarm list extra
etcdctl put a 1
etcdctl put b 2
etcdctl endpoint hashkv --cluster
etcdctl endpoint hashkv --cluster -w table
etcdctl endpoint hashkv -w json
etcdctl endpoint hashkv -w fields
etcdctl endpoint hashkv --rev=2
etcdctl endpoint hashkv --rev=9
@isolate 3
etcdctl put c 3
etcdctl endpoint hashkv --cluster
@heal 3
@tick 2
etcdctl endpoint hashkv --cluster
etcdctl compaction 3
etcdctl endpoint hashkv --rev=3
etcdctl endpoint hashkv --rev=2
etcdctl endpoint hashkv --endpoints=10.9.9.9:2379
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl alarm list
controlplane-1 $ etcdctl alarm disarm
controlplane-1 $ etcdctl alarm list -w json
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":1,"raft_term":2}}
controlplane-1 $ etcdctl alarm list -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 1
"RaftTerm" : 2
controlplane-1 $ etcdctl alarm list -w table
2> Error: table not supported as output format
[exit 4]
controlplane-1 $ etcdctl alarm list extra
2> Error: alarm list command accepts no arguments
[exit 128]
controlplane-1 $ etcdctl put a 1
OK
controlplane-1 $ etcdctl put b 2
OK
controlplane-1 $ etcdctl endpoint hashkv --cluster
https://10.240.0.11:2379, 1827592406
https://10.240.0.12:2379, 1827592406
https://10.240.0.10:2379, 1827592406
controlplane-1 $ etcdctl endpoint hashkv --cluster -w table
+--------------------------+------------+
|         ENDPOINT         |    HASH    |
+--------------------------+------------+
| https://10.240.0.11:2379 | 1827592406 |
| https://10.240.0.12:2379 | 1827592406 |
| https://10.240.0.10:2379 | 1827592406 |
+--------------------------+------------+
controlplane-1 $ etcdctl endpoint hashkv -w json
[{"Endpoint":"127.0.0.1:2379","HashKV":{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":3,"raft_term":2},"hash":1827592406,"compact_revision":-1,"hash_revision":3}}]
controlplane-1 $ etcdctl endpoint hashkv -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 3
"RaftTerm" : 2
"Endpoint" : "127.0.0.1:2379"
"Hash" : 1827592406

controlplane-1 $ etcdctl endpoint hashkv --rev=2
127.0.0.1:2379, 2587454935
controlplane-1 $ etcdctl endpoint hashkv --rev=9
2> {"level":"warn","msg":"failed to get the hash of endpoint","endpoint":"127.0.0.1:2379","error":"etcdserver: mvcc: required revision is a future revision"}
2> Error: etcdserver: mvcc: required revision is a future revision
[exit 1]
controlplane-1 $ etcdctl put c 3
OK
controlplane-1 $ etcdctl endpoint hashkv --cluster
https://10.240.0.11:2379, 962318141
https://10.240.0.12:2379, 1827592406
https://10.240.0.10:2379, 962318141
controlplane-1 $ etcdctl endpoint hashkv --cluster
https://10.240.0.11:2379, 962318141
https://10.240.0.12:2379, 962318141
https://10.240.0.10:2379, 962318141
controlplane-1 $ etcdctl compaction 3
compacted revision 3
controlplane-1 $ etcdctl endpoint hashkv --rev=3
127.0.0.1:2379, 1827592406
controlplane-1 $ etcdctl endpoint hashkv --rev=2
2> {"level":"warn","msg":"failed to get the hash of endpoint","endpoint":"127.0.0.1:2379","error":"etcdserver: mvcc: required revision has been compacted"}
2> Error: etcdserver: mvcc: required revision has been compacted
[exit 1]
controlplane-1 $ etcdctl endpoint hashkv --endpoints=10.9.9.9:2379
2> {"level":"warn","msg":"failed to get the hash of endpoint","endpoint":"10.9.9.9:2379","error":"context deadline exceeded"}
2> Error: context deadline exceeded
[exit 1]
"#,
    );
}

#[test]
fn v2_compare_and_swap_and_delete() {
    // etcd 3.3's store.CompareAndSwap / CompareAndDelete behind `set --swap-with-*` and
    // `rm --with-*`; the failure's cause is getCompareFailCause.
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl set /a 1
etcdctl set /a 2 --swap-with-value 1
etcdctl set /a 3 --swap-with-value 1
etcdctl set /a 3 --swap-with-index 3
etcdctl set /a 3 --swap-with-value x --swap-with-index 3
etcdctl -o json set /a 5 --swap-with-index 9
etcdctl set /nope 1 --swap-with-value 1
etcdctl rm /a --with-value 9
etcdctl -o json rm /a --with-value 5
etcdctl mkdir /d
etcdctl rm /d --with-index 1
"#,
        r#"
controlplane-1 $ etcdctl set /a 1
1
controlplane-1 $ etcdctl set /a 2 --swap-with-value 1
2
controlplane-1 $ etcdctl set /a 3 --swap-with-value 1
2> Error:  101: Compare failed ([1 != 2]) [9]
[exit 4]
controlplane-1 $ etcdctl set /a 3 --swap-with-index 3
2> Error:  101: Compare failed ([3 != 9]) [9]
[exit 4]
controlplane-1 $ etcdctl set /a 3 --swap-with-value x --swap-with-index 3
2> Error:  101: Compare failed ([x != 2] [3 != 9]) [9]
[exit 4]
controlplane-1 $ etcdctl -o json set /a 5 --swap-with-index 9
{"action":"compareAndSwap","node":{"key":"/a","value":"5","nodes":null,"createdIndex":8,"modifiedIndex":10},"prevNode":{"key":"/a","value":"2","nodes":null,"createdIndex":8,"modifiedIndex":9}}
controlplane-1 $ etcdctl set /nope 1 --swap-with-value 1
2> Error:  100: Key not found (/nope) [10]
[exit 4]
controlplane-1 $ etcdctl rm /a --with-value 9
2> Error:  101: Compare failed ([9 != 5]) [10]
[exit 4]
controlplane-1 $ etcdctl -o json rm /a --with-value 5
{"action":"compareAndDelete","node":{"key":"/a","value":"","nodes":null,"createdIndex":8,"modifiedIndex":11},"prevNode":{"key":"/a","value":"5","nodes":null,"createdIndex":8,"modifiedIndex":10}}
controlplane-1 $ etcdctl mkdir /d
controlplane-1 $ etcdctl rm /d --with-index 1
2> Error:  102: Not a file (/d) [12]
[exit 4]
"#,
    );
}
