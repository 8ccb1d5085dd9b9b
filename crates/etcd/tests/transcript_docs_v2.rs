//! Transcript tests ported from the examples of etcdctl v2's own documentation:
//! `etcdctl/READMEv2.md` of etcd-io/etcd (stored copy at commit 5bec2e08, the text of
//! release-3.3/3.4), and the v2 `member` examples of the website's v3.5
//! `op-guide/runtime-configuration.md`. etcdctl 3.3 defaults to the v2 API, so
//! `ETCDCTL_API` stays unset.
//!
//! The doc's examples are independent snippets; here they run in one cluster in the doc's
//! order, so each output is the one etcd 3.3 gives after the commands before it. A fresh
//! cluster's etcd index is 7 (membership writes), so the first write gets index 8; an extra
//! write sets `/foo/bar`'s modified index to 12 for the `--swap-with-index 12` example.
//!
//! Where the doc is stale against etcdctl 3.3's source (`etcdctl/ctlv2/command/*.go`), the
//! test follows 3.3: `-o extended` prints `Created-Index` and `Index` (no Raft-Index or
//! Raft-Term lines); `mk --in-order` prints the value like `mk`; `rm` of a file prints
//! `PrevNode.Value: …`; `rm --with-value` / `--with-index` (action compareAndDelete) print
//! the deleted node's empty value, an empty line. `ls` in 3.3 lists a directory in the
//! server's (Go map) order unless `--sort`; the simulation lists in key order, which is what
//! `--sort` gives, so `/adir` comes before `/akey`.
//!
//! "Watching for changes": another client's write is `@v2set N KEY VALUE` (`_` for a space
//! in the value) through controlplane-N, then `@tick 1`. 3.3 has no `--index` flag (it was
//! renamed `--after-index`), so that example fails as 3.3 does and is then run with
//! `--after-index 12`. The `sh -c "env | grep ETCD"` command is `printenv` of the same
//! variables (no `sh` or `grep` in the simulated shell), in environResponse's order. v2 watch
//! exits 0 on Ctrl-C (it catches SIGINT and calls `os.Exit(0)`).
//!
//! Not ported: `member update` (peer URL changes), `--debug`'s cURL lines, TLS flags,
//! `--username` (no auth: the request goes through as if unauthenticated) and
//! `--discovery-srv` (no DNS: the default endpoint is used).

mod common;
use common::*;

/// READMEv2.md, "Setting Key Values" (every example).
#[test]
fn setting_key_values() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl set /foo/bar "Hello world"
etcdctl set /foo/bar "Hello world" --ttl 60
etcdctl set /foo/bar "Goodbye world" --swap-with-value "Hello world"
etcdctl mk /foo/new_bar "Hello world"
etcdctl set /foo/bar "Hello world"
etcdctl set /foo/bar "Goodbye world" --swap-with-index 12
etcdctl mk /foo/new_bar "Hello world"
etcdctl mkdir /fooDir
etcdctl mk --in-order /fooDir "Hello world"
etcdctl mkdir /fooDir
etcdctl update /foo/bar "Hola mundo"
etcdctl update /foo/nothing "Hola mundo"
etcdctl setdir /mydir
etcdctl ls --recursive
"#,
        r#"
controlplane-1 $ etcdctl set /foo/bar "Hello world"
Hello world
controlplane-1 $ etcdctl set /foo/bar "Hello world" --ttl 60
Hello world
controlplane-1 $ etcdctl set /foo/bar "Goodbye world" --swap-with-value "Hello world"
Goodbye world
controlplane-1 $ etcdctl mk /foo/new_bar "Hello world"
Hello world
controlplane-1 $ etcdctl set /foo/bar "Hello world"
Hello world
controlplane-1 $ etcdctl set /foo/bar "Goodbye world" --swap-with-index 12
Goodbye world
controlplane-1 $ etcdctl mk /foo/new_bar "Hello world"
2> Error:  105: Key already exists (/foo/new_bar) [13]
[exit 4]
controlplane-1 $ etcdctl mkdir /fooDir
controlplane-1 $ etcdctl mk --in-order /fooDir "Hello world"
Hello world
controlplane-1 $ etcdctl mkdir /fooDir
2> Error:  105: Key already exists (/fooDir) [15]
[exit 4]
controlplane-1 $ etcdctl update /foo/bar "Hola mundo"
Hola mundo
controlplane-1 $ etcdctl update /foo/nothing "Hola mundo"
2> Error:  100: Key not found (/foo/nothing) [16]
[exit 4]
controlplane-1 $ etcdctl setdir /mydir
controlplane-1 $ etcdctl ls --recursive
/foo
/foo/bar
/foo/new_bar
/fooDir
/fooDir/00000000000000000015
/mydir
"#,
    );
}

/// READMEv2.md, "Retrieving a key value" (`-o extended` in 3.3's format; a directory is
/// refused on stderr with exit status 1, as get_command.go does).
#[test]
fn retrieving_a_key_value() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl set /foo/bar "Hello world"
etcdctl get /foo/bar
etcdctl -o extended get /foo/bar
etcdctl -o json get /foo/bar
etcdctl get /foo
"#,
        r#"
controlplane-1 $ etcdctl set /foo/bar "Hello world"
Hello world
controlplane-1 $ etcdctl get /foo/bar
Hello world
controlplane-1 $ etcdctl -o extended get /foo/bar
Key: /foo/bar
Created-Index: 8
Modified-Index: 8
TTL: 0
Index: 8

Hello world
controlplane-1 $ etcdctl -o json get /foo/bar
{"action":"get","node":{"key":"/foo/bar","value":"Hello world","nodes":null,"createdIndex":8,"modifiedIndex":8},"prevNode":null}
controlplane-1 $ etcdctl get /foo
2> /foo: is a directory
[exit 1]
"#,
    );
}

/// READMEv2.md, "Listing a directory" (key order: see the header).
#[test]
fn listing_a_directory() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl set /akey v
etcdctl set /adir/key1 v1
etcdctl set /adir/key2 v2
etcdctl ls
etcdctl ls /adir
etcdctl ls --recursive
etcdctl ls -p
"#,
        r#"
controlplane-1 $ etcdctl set /akey v
v
controlplane-1 $ etcdctl set /adir/key1 v1
v1
controlplane-1 $ etcdctl set /adir/key2 v2
v2
controlplane-1 $ etcdctl ls
/adir
/akey
controlplane-1 $ etcdctl ls /adir
/adir/key1
/adir/key2
controlplane-1 $ etcdctl ls --recursive
/adir
/adir/key1
/adir/key2
/akey
controlplane-1 $ etcdctl ls -p
/adir/
/akey
"#,
    );
}

/// READMEv2.md, "Deleting a key" (every example; the conditional deletes with a matching
/// and then a stale condition).
#[test]
fn deleting_a_key() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl set /foo/bar "Hello world"
etcdctl rm /foo/bar
etcdctl mkdir /path/to/dir
etcdctl rmdir /path/to/dir
etcdctl mkdir /path/to/dir
etcdctl rm /path/to/dir --dir
etcdctl set /path/to/dir/key v
etcdctl rmdir /path/to/dir
etcdctl rm /path/to/dir --recursive
etcdctl set /foo/bar "Hello world"
etcdctl rm /foo/bar --with-value "Goodbye world"
etcdctl rm /foo/bar --with-value "Hello world"
etcdctl set /foo/bar "Hello world"
etcdctl set /foo/bar "Hello world"
etcdctl rm /foo/bar --with-index 12
etcdctl set /foo/bar "Hello world"
etcdctl rm /foo/bar --with-index 20
etcdctl get /foo/bar
"#,
        r#"
controlplane-1 $ etcdctl set /foo/bar "Hello world"
Hello world
controlplane-1 $ etcdctl rm /foo/bar
PrevNode.Value: Hello world
controlplane-1 $ etcdctl mkdir /path/to/dir
controlplane-1 $ etcdctl rmdir /path/to/dir
controlplane-1 $ etcdctl mkdir /path/to/dir
controlplane-1 $ etcdctl rm /path/to/dir --dir
controlplane-1 $ etcdctl set /path/to/dir/key v
v
controlplane-1 $ etcdctl rmdir /path/to/dir
2> Error:  108: Directory not empty (/path/to/dir) [14]
[exit 4]
controlplane-1 $ etcdctl rm /path/to/dir --recursive
controlplane-1 $ etcdctl set /foo/bar "Hello world"
Hello world
controlplane-1 $ etcdctl rm /foo/bar --with-value "Goodbye world"
2> Error:  101: Compare failed ([Goodbye world != Hello world]) [16]
[exit 4]
controlplane-1 $ etcdctl rm /foo/bar --with-value "Hello world"

controlplane-1 $ etcdctl set /foo/bar "Hello world"
Hello world
controlplane-1 $ etcdctl set /foo/bar "Hello world"
Hello world
controlplane-1 $ etcdctl rm /foo/bar --with-index 12
2> Error:  101: Compare failed ([12 != 19]) [19]
[exit 4]
controlplane-1 $ etcdctl set /foo/bar "Hello world"
Hello world
controlplane-1 $ etcdctl rm /foo/bar --with-index 20

controlplane-1 $ etcdctl get /foo/bar
2> Error:  100: Key not found (/foo/bar) [21]
[exit 4]
"#,
    );
}

/// READMEv2.md, "Endpoint" (an endpoint nobody listens on, then ours; the doc's third line
/// forgets `set`, which etcdctl reads as an unknown command), "Username and Password" and
/// "DNS Discovery" (see the header), and "Return Codes" 2 and 4 on the way.
#[test]
fn endpoint_username_discovery() {
    let mut t = term();
    check(
        &mut t,
        r#"
ETCDCTL_ENDPOINT="http://10.0.28.1:4002" etcdctl set my-key to-a-value
ETCDCTL_ENDPOINT="https://10.240.0.10:2379,https://10.240.0.11:2379,https://10.240.0.12:2379" etcdctl set my-key to-a-value
etcdctl --endpoint https://10.240.0.11:2379 my-key to-a-value
etcdctl --endpoint https://10.240.0.11:2379,https://10.240.0.12:2379 set my-key to-a-value
ETCDCTL_USERNAME="root:password" etcdctl set my-key to-a-value
etcdctl --discovery-srv some-domain set my-key to-a-value
etcdctl get my-key
"#,
        r#"
controlplane-1 $ ETCDCTL_ENDPOINT="http://10.0.28.1:4002" etcdctl set my-key to-a-value
2> Error:  client: etcd cluster is unavailable or misconfigured; error #0: dial tcp 10.0.28.1:4002: getsockopt: connection refused
2> error #0: dial tcp 10.0.28.1:4002: getsockopt: connection refused
2> 
[exit 2]
controlplane-1 $ ETCDCTL_ENDPOINT="https://10.240.0.10:2379,https://10.240.0.11:2379,https://10.240.0.12:2379" etcdctl set my-key to-a-value
to-a-value
controlplane-1 $ etcdctl --endpoint https://10.240.0.11:2379 my-key to-a-value
2> No help topic for 'my-key'
[exit 3]
controlplane-1 $ etcdctl --endpoint https://10.240.0.11:2379,https://10.240.0.12:2379 set my-key to-a-value
to-a-value
controlplane-1 $ ETCDCTL_USERNAME="root:password" etcdctl set my-key to-a-value
to-a-value
controlplane-1 $ etcdctl --discovery-srv some-domain set my-key to-a-value
to-a-value
controlplane-1 $ etcdctl get my-key
to-a-value
"#,
    );
}

/// READMEv2.md, "Watching for changes": the next change, `--forever`, from an index
/// (`--index` is not a 3.3 flag), and the two exec-watch examples; then `--recursive`
/// (each change headed `[action] key`), `-o extended`, and an expiry (action `expire`,
/// whose node has no value: printResponseKey prints an empty line).
#[test]
fn watching_for_changes() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl watch /foo/bar
@v2set 2 /foo/bar Hello_world
@tick 1
etcdctl watch /foo/bar --forever
@v2set 2 /foo/bar Hello_world
@tick 1
@v2set 2 /foo/bar Goodbye_world
@tick 1
^C
etcdctl set /foo/x y
etcdctl set /foo/bar "Hello world"
etcdctl watch /foo/bar --forever --index 12
etcdctl watch /foo/bar --forever --after-index 10
@v2set 2 /foo/bar Hello_again
@tick 1
^C
etcdctl exec-watch /foo/bar -- printenv ETCD_WATCH_ACTION ETCD_WATCH_VALUE ETCD_WATCH_MODIFIED_INDEX ETCD_WATCH_KEY
@v2set 2 /foo/bar My_configuration_stuff
@tick 1
@v2set 2 /foo/bar My_new_configuration_stuff
@tick 1
^C
etcdctl exec-watch --recursive /foo -- printenv ETCD_WATCH_ACTION ETCD_WATCH_VALUE ETCD_WATCH_MODIFIED_INDEX ETCD_WATCH_KEY
@v2set 2 /foo/bar My_configuration_stuff
@tick 1
@v2set 2 /foo/barbar My_new_configuration_stuff
@tick 1
^C
etcdctl watch --recursive /foo
@v2set 2 /foo/bar x
@tick 1
etcdctl -o extended watch /foo/barbar
@v2set 2 /foo/barbar y
@tick 1
etcdctl set /t x --ttl 5
etcdctl watch /t
@tick 6
"#,
        r#"
controlplane-1 $ etcdctl watch /foo/bar
Hello world
controlplane-1 $ etcdctl watch /foo/bar --forever
Hello world
Goodbye world
^C
controlplane-1 $ etcdctl set /foo/x y
y
controlplane-1 $ etcdctl set /foo/bar "Hello world"
Hello world
controlplane-1 $ etcdctl watch /foo/bar --forever --index 12
Incorrect Usage: flag provided but not defined: -index

2> flag provided but not defined: -index
[exit 1]
controlplane-1 $ etcdctl watch /foo/bar --forever --after-index 10
Hello world
Hello again
^C
controlplane-1 $ etcdctl exec-watch /foo/bar -- printenv ETCD_WATCH_ACTION ETCD_WATCH_VALUE ETCD_WATCH_MODIFIED_INDEX ETCD_WATCH_KEY
set
My configuration stuff
14
/foo/bar
set
My new configuration stuff
15
/foo/bar
^C
controlplane-1 $ etcdctl exec-watch --recursive /foo -- printenv ETCD_WATCH_ACTION ETCD_WATCH_VALUE ETCD_WATCH_MODIFIED_INDEX ETCD_WATCH_KEY
set
My configuration stuff
16
/foo/bar
set
My new configuration stuff
17
/foo/barbar
^C
controlplane-1 $ etcdctl watch --recursive /foo
[set] /foo/bar
x
controlplane-1 $ etcdctl -o extended watch /foo/barbar
Key: /foo/barbar
Created-Index: 19
Modified-Index: 19
PrevNode.Value: My new configuration stuff
TTL: 0
Index: 19

y
controlplane-1 $ etcdctl set /t x --ttl 5
x
controlplane-1 $ etcdctl watch /t

"#,
    );
}

/// runtime-configuration.md (v3.5 page), whose member examples are etcdctl v2's output:
/// "Update advertise peer URLs" (the member list; `member update` is not simulated),
/// "Remove a member", "Add a new member". 3.3's add says `Added member named NAME with ID
/// ID to cluster` (the page's `added member ID to cluster` is older) and quotes "existing";
/// the list is in member ID order, each started member with 3.3's `isLeader`.
#[test]
fn runtime_configuration_v2_members() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl member list
etcdctl member remove 89242d2dd9d4a40d
etcdctl member add infra3 http://10.0.1.13:2380
etcdctl member list
etcdctl member add infra4 http://10.0.1.13:2380
etcdctl member remove 12345abcde
etcdctl member update 2c0e0fedbe2218a8 http://10.0.1.10:2380
"#,
        r#"
controlplane-1 $ etcdctl member list
2c0e0fedbe2218a8: name=controlplane-2 peerURLs=https://10.240.0.11:2380 clientURLs=https://10.240.0.11:2379 isLeader=false
89242d2dd9d4a40d: name=controlplane-3 peerURLs=https://10.240.0.12:2380 clientURLs=https://10.240.0.12:2379 isLeader=false
eaeb7f27b54e2401: name=controlplane-1 peerURLs=https://10.240.0.10:2380 clientURLs=https://10.240.0.10:2379 isLeader=true
controlplane-1 $ etcdctl member remove 89242d2dd9d4a40d
Removed member 89242d2dd9d4a40d from cluster
controlplane-1 $ etcdctl member add infra3 http://10.0.1.13:2380
Added member named infra3 with ID 6855ce5643eec108 to cluster

ETCD_NAME="infra3"
ETCD_INITIAL_CLUSTER="controlplane-2=https://10.240.0.11:2380,infra3=http://10.0.1.13:2380,controlplane-1=https://10.240.0.10:2380"
ETCD_INITIAL_CLUSTER_STATE="existing"
controlplane-1 $ etcdctl member list
2c0e0fedbe2218a8: name=controlplane-2 peerURLs=https://10.240.0.11:2380 clientURLs=https://10.240.0.11:2379 isLeader=false
6855ce5643eec108[unstarted]: peerURLs=http://10.0.1.13:2380
eaeb7f27b54e2401: name=controlplane-1 peerURLs=https://10.240.0.10:2380 clientURLs=https://10.240.0.10:2379 isLeader=true
controlplane-1 $ etcdctl member add infra4 http://10.0.1.13:2380
2> membership: peerURL exists
[exit 1]
controlplane-1 $ etcdctl member remove 12345abcde
2> Couldn't find a member in the cluster with an ID of 12345abcde.
[exit 1]
controlplane-1 $ etcdctl member update 2c0e0fedbe2218a8 http://10.0.1.10:2380
2> Error:  this command is not available in the simulated cluster
[exit 1]
"#,
    );
}
