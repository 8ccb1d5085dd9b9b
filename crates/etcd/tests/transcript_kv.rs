//! Transcript tests (kv): terminal input -> exact terminal output. Generated from the engine, then reviewed line by line against etcd/etcdctl/bash behaviour.

mod common;
use common::*;

#[test]
fn put_get_del_options() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put foo bar
etcdctl put foo baz --prev-kv
etcdctl get foo --print-value-only
etcdctl put foo1 a
etcdctl put foo2 b
etcdctl put goo c
etcdctl get foo --prefix
etcdctl get foo --prefix --limit=2
etcdctl get foo goo
etcdctl get foo1 --from-key --keys-only
etcdctl get foo --prefix --sort-by=VALUE --order=DESCEND
etcdctl get foo --rev=2
etcdctl get foo -w json
etcdctl get nothing -w json
etcdctl get foo --prefix --limit=1 -w json
etcdctl get foo -w table
etcdctl del foo --prefix --prev-kv
etcdctl del nothing
etcdctl put '<b>html</b>' "it's \"quoted\""
etcdctl get '<b>html</b>'
etcdctl get '<b>html</b>' -w json
echo hello | etcdctl put piped
etcdctl get piped
etcdctl put k -- -dash
etcdctl get k
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put foo bar
OK
controlplane-1 $ etcdctl put foo baz --prev-kv
OK
foo
bar
controlplane-1 $ etcdctl get foo --print-value-only
baz
controlplane-1 $ etcdctl put foo1 a
OK
controlplane-1 $ etcdctl put foo2 b
OK
controlplane-1 $ etcdctl put goo c
OK
controlplane-1 $ etcdctl get foo --prefix
foo
baz
foo1
a
foo2
b
controlplane-1 $ etcdctl get foo --prefix --limit=2
foo
baz
foo1
a
controlplane-1 $ etcdctl get foo goo
foo
baz
foo1
a
foo2
b
controlplane-1 $ etcdctl get foo1 --from-key --keys-only
foo1

foo2

goo

controlplane-1 $ etcdctl get foo --prefix --sort-by=VALUE --order=DESCEND
foo
baz
foo2
b
foo1
a
controlplane-1 $ etcdctl get foo --rev=2
foo
bar
controlplane-1 $ etcdctl get foo -w json
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":6,"raft_term":2},"kvs":[{"key":"Zm9v","create_revision":2,"mod_revision":3,"version":2,"value":"YmF6"}],"count":1}
controlplane-1 $ etcdctl get nothing -w json
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":6,"raft_term":2}}
controlplane-1 $ etcdctl get foo --prefix --limit=1 -w json
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":6,"raft_term":2},"kvs":[{"key":"Zm9v","create_revision":2,"mod_revision":3,"version":2,"value":"YmF6"}],"more":true,"count":3}
controlplane-1 $ etcdctl get foo -w table
2> Error: table not supported as output format
[exit 4]
controlplane-1 $ etcdctl del foo --prefix --prev-kv
3
foo
baz
foo1
a
foo2
b
controlplane-1 $ etcdctl del nothing
0
controlplane-1 $ etcdctl put '<b>html</b>' "it's \"quoted\""
OK
controlplane-1 $ etcdctl get '<b>html</b>'
<b>html</b>
it's "quoted"
controlplane-1 $ etcdctl get '<b>html</b>' -w json
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":8,"raft_term":2},"kvs":[{"key":"PGI+aHRtbDwvYj4=","create_revision":8,"mod_revision":8,"version":1,"value":"aXQncyAicXVvdGVkIg=="}],"count":1}
controlplane-1 $ echo hello | etcdctl put piped
OK
controlplane-1 $ etcdctl get piped
piped
hello

controlplane-1 $ etcdctl put k -- -dash
OK
controlplane-1 $ etcdctl get k
k
-dash
"#,
    );
}

#[test]
fn txn_interactive_and_piped() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put key1 1
etcdctl txn -i
mod("key1") > "0"

put key1 "overwrote-key1"
get key1

put key1 "created-key1"
put key2 "some extra key"

etcdctl txn -i
val("key1") = "nope"

del key1

put key2 "x"
get key2 --prefix

etcdctl get key -w json --prefix
etcdctl txn -w json <<EOF
version("key1") = "2"

get key1


EOF
etcdctl txn <<EOF
bogus
EOF
etcdctl txn <<EOF
c("key1") = "x"
EOF
etcdctl txn <<EOF
foo("key1") = "1"
EOF
etcdctl txn -i
ver("key1") == "1"
etcdctl txn -i

frob key1
etcdctl txn -i

put only-key
etcdctl txn -i

put dup 1
put dup 2


echo done
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put key1 1
OK
controlplane-1 $ etcdctl txn -i
compares:
mod("key1") > "0"

success requests (get, put, del):
put key1 "overwrote-key1"
get key1

failure requests (get, put, del):
put key1 "created-key1"
put key2 "some extra key"

SUCCESS

OK

key1
overwrote-key1
controlplane-1 $ etcdctl txn -i
compares:
val("key1") = "nope"

success requests (get, put, del):
del key1

failure requests (get, put, del):
put key2 "x"
get key2 --prefix

FAILURE

OK

key2
x
controlplane-1 $ etcdctl get key -w json --prefix
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":4,"raft_term":2},"kvs":[{"key":"a2V5MQ==","create_revision":2,"mod_revision":3,"version":2,"value":"b3Zlcndyb3RlLWtleTE="},{"key":"a2V5Mg==","create_revision":4,"mod_revision":4,"version":1,"value":"eA=="}],"count":2}
controlplane-1 $ etcdctl txn -w json <<EOF
> version("key1") = "2"
> 
> get key1
> 
> 
> EOF
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":4,"raft_term":2},"succeeded":true,"responses":[{"Response":{"response_range":{"header":{"revision":4},"kvs":[{"key":"a2V5MQ==","create_revision":2,"mod_revision":3,"version":2,"value":"b3Zlcndyb3RlLWtleTE="}],"count":1}}}]}
controlplane-1 $ etcdctl txn <<EOF
> bogus
> EOF
2> Error: malformed comparison: bogus
[exit 3]
controlplane-1 $ etcdctl txn <<EOF
> c("key1") = "x"
> EOF
2> Error: invalid txn compare request: c("key1") = "x" (strconv.ParseInt: parsing "x": invalid syntax)
[exit 3]
controlplane-1 $ etcdctl txn <<EOF
> foo("key1") = "1"
> EOF
2> Error: malformed comparison: foo("key1") = "1" (unknown target foo)
[exit 3]
controlplane-1 $ etcdctl txn -i
compares:
ver("key1") == "1"
2> panic: Unknown result op
2> 
2> goroutine 1 [running]:
[exit 2]
controlplane-1 $ etcdctl txn -i
compares:

success requests (get, put, del):
frob key1
2> Error: invalid txn request: frob key1
[exit 3]
controlplane-1 $ etcdctl txn -i
compares:

success requests (get, put, del):
put only-key
2> Error: put command needs 1 argument and input from stdin or 2 arguments
[exit 128]
controlplane-1 $ etcdctl txn -i
compares:

success requests (get, put, del):
put dup 1
put dup 2

failure requests (get, put, del):

2> Error: etcdserver: duplicate key given in txn request
[exit 1]
controlplane-1 $ echo done
done
"#,
    );
}

#[test]
fn compaction_and_revisions() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put k v1
etcdctl put k v2
etcdctl put k v3
etcdctl get k -w json
etcdctl compaction 3
etcdctl get k --rev=2
etcdctl get k --rev=3
etcdctl get k --rev=99
etcdctl compaction 3
etcdctl compaction 100
etcdctl compaction abc
etcdctl compaction
etcdctl watch k --rev=2
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put k v1
OK
controlplane-1 $ etcdctl put k v2
OK
controlplane-1 $ etcdctl put k v3
OK
controlplane-1 $ etcdctl get k -w json
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":4,"raft_term":2},"kvs":[{"key":"aw==","create_revision":2,"mod_revision":4,"version":3,"value":"djM="}],"count":1}
controlplane-1 $ etcdctl compaction 3
compacted revision 3
controlplane-1 $ etcdctl get k --rev=2
2> Error: etcdserver: mvcc: required revision has been compacted
[exit 1]
controlplane-1 $ etcdctl get k --rev=3
k
v2
controlplane-1 $ etcdctl get k --rev=99
2> Error: etcdserver: mvcc: required revision is a future revision
[exit 1]
controlplane-1 $ etcdctl compaction 3
2> Error: etcdserver: mvcc: required revision has been compacted
[exit 1]
controlplane-1 $ etcdctl compaction 100
2> Error: etcdserver: mvcc: required revision is a future revision
[exit 1]
controlplane-1 $ etcdctl compaction abc
2> Error: strconv.ParseInt: parsing "abc": invalid syntax
[exit 1]
controlplane-1 $ etcdctl compaction
2> Error: compaction command needs 1 argument
[exit 128]
controlplane-1 $ etcdctl watch k --rev=2
watch was canceled (etcdserver: mvcc: required revision has been compacted)
2> Error: watch is canceled by the server
[exit 2]
"#,
    );
}

#[test]
fn watch_streams_until_ctrl_c() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put k v1
etcdctl watch k --rev=2 --prev-kv
@put 2 k v2
@tick 1
^C
etcdctl watch --prefix k
@put 3 k1 a
@put 3 other b
@tick 1
^C
etcdctl watch k &
etcdctl put k v3
etcdctl del k
jobs
kill %1
jobs
etcdctl watch
etcdctl watch a b --prefix
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put k v1
OK
controlplane-1 $ etcdctl watch k --rev=2 --prev-kv
PUT
k
v1
PUT
k
v1
k
v2
^C
[exit 130]
controlplane-1 $ etcdctl watch --prefix k
PUT
k1
a
^C
[exit 130]
controlplane-1 $ etcdctl watch k &
[1] 2288
controlplane-1 $ etcdctl put k v3
OK
PUT
k
v3
controlplane-1 $ etcdctl del k
1
DELETE
k

controlplane-1 $ jobs
[1]+  Running                 etcdctl watch k &
controlplane-1 $ kill %1
[1]+  Terminated              etcdctl watch k
controlplane-1 $ jobs
controlplane-1 $ etcdctl watch
2> Error: bad number of arguments
[exit 128]
controlplane-1 $ etcdctl watch a b --prefix
2> Error: `range_end` and `--prefix` are mutually exclusive
[exit 128]
"#,
    );
}

#[test]
fn watch_cancelled_when_member_loses_leader() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl watch k
@isolate 1
@tick 1
etcdctl watch k
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl watch k
watch was canceled (etcdserver: no leader)
2> Error: watch is canceled by the server
[exit 2]
controlplane-1 $ etcdctl watch k
watch was canceled (etcdserver: no leader)
2> Error: watch is canceled by the server
[exit 2]
"#,
    );
}
