//! Transcript tests ported from the examples of etcdctl v2's own documentation:
//! `etcdctl/READMEv2.md` of etcd-io/etcd (stored copy at commit 5bec2e08, the text of
//! release-3.3/3.4). etcdctl 3.3 defaults to the v2 API, so `ETCDCTL_API` stays unset.
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
//! Not ported: `watch` and `exec-watch` (the simulation's v2 store keeps no event history:
//! etcdctl answers that the command is not available), v2 `member add/remove/update` (the
//! v2 examples of runtime-configuration.md; etcdctl points to the v3 commands; branch
//! docs-v2watch has watch, exec-watch, member add and remove, for their wasm size), `--debug`'s
//! cURL lines, TLS flags,
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
etcdctl watch /foo/bar
etcdctl exec-watch /foo/bar -- sh -c "env | grep ETCD"
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
controlplane-1 $ etcdctl watch /foo/bar
2> Error:  this command is not available in the simulated cluster
[exit 1]
controlplane-1 $ etcdctl exec-watch /foo/bar -- sh -c "env | grep ETCD"
2> Error:  this command is not available in the simulated cluster
[exit 1]
"#,
    );
}
