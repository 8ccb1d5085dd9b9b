//! Transcript tests (notes): terminal input -> exact terminal output. Generated from the engine, then reviewed line by line against etcd/etcdctl/bash behaviour.

mod common;
use common::*;

/// The notes' own commands: v2 is the default in etcd 3.3, export ETCDCTL_API=3 switches.
#[test]
fn notes_commands_on_installed_cluster() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl put name john
export ETCDCTL_API=3
etcdctl put name john
etcdctl get name
etcdctl get / --prefix --keys-only
etcdctl put /registry/pods/web 1
etcdctl put /registry/services/db 2
etcdctl get / --prefix --keys-only
etcdctl get "" --prefix
"#,
        r#"
controlplane-1 $ etcdctl put name john
2> No help topic for 'put'
[exit 3]
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put name john
OK
controlplane-1 $ etcdctl get name
name
john
controlplane-1 $ etcdctl get / --prefix --keys-only
controlplane-1 $ etcdctl put /registry/pods/web 1
OK
controlplane-1 $ etcdctl put /registry/services/db 2
OK
controlplane-1 $ etcdctl get / --prefix --keys-only
/registry/pods/web

/registry/services/db

controlplane-1 $ etcdctl get "" --prefix
/registry/pods/web
1
/registry/services/db
2
name
john
"#,
    );
}

/// etcd 3.3's help carries the warning only while ETCDCTL_API is unset.
#[test]
fn v2_help_warns_when_api_unset() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl --version
ETCDCTL_API=2 etcdctl --version
etcdctl help
"#,
        r#"
controlplane-1 $ etcdctl --version
etcdctl version: 3.3.9
API version: 2
controlplane-1 $ ETCDCTL_API=2 etcdctl --version
etcdctl version: 3.3.9
API version: 2
controlplane-1 $ etcdctl help
NAME:
   etcdctl - A simple command line client for etcd.

WARNING:
   Environment variable ETCDCTL_API is not set; defaults to etcdctl v2.
   Set environment variable ETCDCTL_API=3 to use v3 API or ETCDCTL_API=2 to use v2 API.

USAGE:
   etcdctl [global options] command [command options] [arguments...]

VERSION:
   3.3.9

COMMANDS:
     backup          backup an etcd directory
     cluster-health  check the health of the etcd cluster
     mk              make a new key with a given value
     mkdir           make a new directory
     rm              remove a key or a directory
     rmdir           removes the key if it is an empty directory or a key-value pair
     get             retrieve the value of a key
     ls              retrieve a directory
     set             set the value of a key
     setdir          create a new directory or update an existing directory TTL
     update          update an existing key with a given value
     updatedir       update an existing directory
     watch           watch a key for changes
     exec-watch      watch a key for changes and exec an executable
     member          member add, remove and list subcommands
     user            user add, grant and revoke subcommands
     role            role add, grant and revoke subcommands
     auth            overall auth controls
     help, h         Shows a list of commands or help for one command

GLOBAL OPTIONS:
   --debug                          output cURL commands which can be used to reproduce the request
   --no-sync                        don't synchronize cluster information before sending request
   --output simple, -o simple       output response in the given format (simple, `extended` or `json`) (default: "simple")
   --discovery-srv value, -D value  domain name to query for SRV records describing cluster endpoints
   --insecure-discovery             accept insecure SRV records describing cluster endpoints
   --peers value, -C value          DEPRECATED - "--endpoints" should be used instead
   --endpoint value                 DEPRECATED - "--endpoints" should be used instead
   --endpoints value                a comma-delimited list of machine addresses in the cluster (default: "http://127.0.0.1:2379,http://127.0.0.1:4001")
   --cert-file value                identify HTTPS client using this SSL certificate file
   --key-file value                 identify HTTPS client using this SSL key file
   --ca-file value                  verify certificates of HTTPS-enabled servers using this CA bundle
   --username value, -u value       provide username[:password] and prompt if password is not supplied.
   --timeout value                  connection timeout per request (default: 2s)
   --total-timeout value            timeout for the command execution (except watch) (default: 5s)
   --help, -h                       show help
   --version, -v                    print the version
"#,
    );
}

#[test]
fn v2_and_v3_key_spaces_are_separate() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl set /foo/bar "Hello world"
etcdctl get /foo/bar
ETCDCTL_API=3 etcdctl get /foo/bar
ETCDCTL_API=3 etcdctl put /foo/bar v3-value
etcdctl get /foo/bar
ETCDCTL_API=3 etcdctl get /foo/bar
"#,
        r#"
controlplane-1 $ etcdctl set /foo/bar "Hello world"
Hello world
controlplane-1 $ etcdctl get /foo/bar
Hello world
controlplane-1 $ ETCDCTL_API=3 etcdctl get /foo/bar
controlplane-1 $ ETCDCTL_API=3 etcdctl put /foo/bar v3-value
OK
controlplane-1 $ etcdctl get /foo/bar
Hello world
controlplane-1 $ ETCDCTL_API=3 etcdctl get /foo/bar
/foo/bar
v3-value
"#,
    );
}

/// Without export the variable stays in the shell: etcdctl still speaks v2.
#[test]
fn unexported_variable_does_not_reach_etcdctl() {
    let mut t = term();
    check(
        &mut t,
        r#"
ETCDCTL_API=3
echo $ETCDCTL_API
etcdctl get name
export ETCDCTL_API
etcdctl get name
ETCDCTL_API=4 etcdctl get name
"#,
        r#"
controlplane-1 $ ETCDCTL_API=3
controlplane-1 $ echo $ETCDCTL_API
3
controlplane-1 $ etcdctl get name
2> Error:  100: Key not found (/name) [7]
[exit 4]
controlplane-1 $ export ETCDCTL_API
controlplane-1 $ etcdctl get name
controlplane-1 $ ETCDCTL_API=4 etcdctl get name
2> unsupported API version 4
[exit 1]
"#,
    );
}

#[test]
fn v2_commands() {
    let mut t = term();
    check(
        &mut t,
        r#"
etcdctl mkdir /dir
etcdctl mkdir /dir
etcdctl set /dir/a 1
etcdctl mk /dir/a 2
etcdctl update /dir/a 3
etcdctl update /dir/missing 3
etcdctl get /dir
etcdctl get /nope
etcdctl set /dir/a/b x
etcdctl set /dir x
etcdctl ls
etcdctl ls /dir -p
etcdctl ls --recursive -p /
etcdctl ls /missing
etcdctl rm /dir
etcdctl rmdir /dir
etcdctl rm /dir/a
etcdctl rmdir /dir
etcdctl set --ttl 5 /tmp x
etcdctl get /tmp
sleep 6
etcdctl get /tmp
etcdctl set
etcdctl set /k
etcdctl set --ttl abc /k v
etcdctl --bogus ls
etcdctl frobnicate
etcdctl member list
etcdctl cluster-health
"#,
        r#"
controlplane-1 $ etcdctl mkdir /dir
controlplane-1 $ etcdctl mkdir /dir
2> Error:  105: Key already exists (/dir) [8]
[exit 4]
controlplane-1 $ etcdctl set /dir/a 1
1
controlplane-1 $ etcdctl mk /dir/a 2
2> Error:  105: Key already exists (/dir/a) [9]
[exit 4]
controlplane-1 $ etcdctl update /dir/a 3
3
controlplane-1 $ etcdctl update /dir/missing 3
2> Error:  100: Key not found (/dir/missing) [10]
[exit 4]
controlplane-1 $ etcdctl get /dir
2> /dir: is a directory
[exit 1]
controlplane-1 $ etcdctl get /nope
2> Error:  100: Key not found (/nope) [10]
[exit 4]
controlplane-1 $ etcdctl set /dir/a/b x
2> Error:  104: Not a directory (/dir/a) [10]
[exit 4]
controlplane-1 $ etcdctl set /dir x
2> Error:  102: Not a file (/dir) [10]
[exit 4]
controlplane-1 $ etcdctl ls
/dir
controlplane-1 $ etcdctl ls /dir -p
/dir/a
controlplane-1 $ etcdctl ls --recursive -p /
/dir/
/dir/a
controlplane-1 $ etcdctl ls /missing
2> Error:  100: Key not found (/missing) [10]
[exit 4]
controlplane-1 $ etcdctl rm /dir
2> Error:  102: Not a file (/dir) [10]
[exit 4]
controlplane-1 $ etcdctl rmdir /dir
2> Error:  108: Directory not empty (/dir) [10]
[exit 4]
controlplane-1 $ etcdctl rm /dir/a
PrevNode.Value: 3
controlplane-1 $ etcdctl rmdir /dir
controlplane-1 $ etcdctl set --ttl 5 /tmp x
x
controlplane-1 $ etcdctl get /tmp
x
controlplane-1 $ sleep 6
controlplane-1 $ etcdctl get /tmp
2> Error:  100: Key not found (/tmp) [14]
[exit 4]
controlplane-1 $ etcdctl set
2> Error:  key required
[exit 1]
controlplane-1 $ etcdctl set /k
2> Error:  value required
[exit 1]
controlplane-1 $ etcdctl set --ttl abc /k v
Incorrect Usage: invalid value "abc" for flag -ttl: strconv.ParseInt: parsing "abc": invalid syntax

2> invalid value "abc" for flag -ttl: strconv.ParseInt: parsing "abc": invalid syntax
[exit 1]
controlplane-1 $ etcdctl --bogus ls
Incorrect Usage: flag provided but not defined: -bogus

2> flag provided but not defined: -bogus
[exit 1]
controlplane-1 $ etcdctl frobnicate
2> No help topic for 'frobnicate'
[exit 3]
controlplane-1 $ etcdctl member list
2c0e0fedbe2218a8: name=controlplane-2 peerURLs=https://10.240.0.11:2380 clientURLs=https://10.240.0.11:2379 isLeader=false
89242d2dd9d4a40d: name=controlplane-3 peerURLs=https://10.240.0.12:2380 clientURLs=https://10.240.0.12:2379 isLeader=false
eaeb7f27b54e2401: name=controlplane-1 peerURLs=https://10.240.0.10:2380 clientURLs=https://10.240.0.10:2379 isLeader=true
controlplane-1 $ etcdctl cluster-health
member 2c0e0fedbe2218a8 is healthy: got healthy result from https://10.240.0.11:2379
member 89242d2dd9d4a40d is healthy: got healthy result from https://10.240.0.12:2379
member eaeb7f27b54e2401 is healthy: got healthy result from https://10.240.0.10:2379
cluster is healthy
"#,
    );
}
