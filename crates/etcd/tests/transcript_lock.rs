//! Transcript tests (lock, elect): terminal input -> exact terminal output. Generated from
//! the engine, then reviewed line by line against etcdctl 3.5's lock_command.go,
//! elect_command.go and clientv3/concurrency (session, mutex, election, key).

mod common;
use common::*;

/// Two holders in one shell: the second waits in the foreground until Ctrl-C gives its
/// place up (its key is deleted); once the first is killed (SIGTERM: etcdctl unlocks and
/// exits 0) a new lock goes through at once. Ctrl-C on a holder unlocks too.
#[test]
fn lock_waits_for_the_holder_and_ctrl_c_cancels_the_wait() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lock mylock &
etcdctl lock mylock
@tick 3
^C
echo $?
etcdctl get --prefix mylock -w fields
kill %1
etcdctl get --prefix mylock
etcdctl lock mylock
^C
echo $?
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lock mylock &
[1] 2288
mylock/5a3f75087e35752e

controlplane-1 $ etcdctl lock mylock
^C
2> Error: context canceled
[exit 1]
controlplane-1 $ echo $?
1
controlplane-1 $ etcdctl get --prefix mylock -w fields
"ClusterID" : 8864007316969899728
"MemberID" : 16927763432924390401
"Revision" : 4
"RaftTerm" : 2
"Key" : "mylock/5a3f75087e35752e"
"CreateRevision" : 2
"ModRevision" : 2
"Version" : 1
"Value" : ""
"Lease" : 6503045066283906350
"More" : false
"Count" : 1
controlplane-1 $ kill %1
[1]+  Done                    etcdctl lock mylock
controlplane-1 $ etcdctl get --prefix mylock
controlplane-1 $ etcdctl lock mylock
mylock/26ca1a02f9063aae

^C
controlplane-1 $ echo $?
0
"#,
    );
}

/// A waiter in the background gets the lock as soon as the holder releases it, and the
/// queue is kept in create-revision order.
#[test]
fn background_waiters_acquire_in_order() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lock m &
etcdctl lock m &
etcdctl lock m &
etcdctl get --prefix m --keys-only
jobs
kill %1
@tick 1
kill %2
@tick 1
jobs
kill %3
etcdctl get --prefix m
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lock m &
[1] 2288
m/5a3f75087e35752e

controlplane-1 $ etcdctl lock m &
[2] 2295
controlplane-1 $ etcdctl lock m &
[3] 2302
controlplane-1 $ etcdctl get --prefix m --keys-only
m/26ca1a02f9063aae

m/5a3f75087e35752e

m/7032b25097d368e4

controlplane-1 $ jobs
[1]+  Running                 etcdctl lock m &
[2]+  Running                 etcdctl lock m &
[3]+  Running                 etcdctl lock m &
controlplane-1 $ kill %1
m/7032b25097d368e4

[1]+  Done                    etcdctl lock m
controlplane-1 $ kill %2
m/26ca1a02f9063aae

[2]+  Done                    etcdctl lock m
controlplane-1 $ jobs
[3]+  Running                 etcdctl lock m &
controlplane-1 $ kill %3
[3]+  Done                    etcdctl lock m
controlplane-1 $ etcdctl get --prefix m
"#,
    );
}

/// The session lease: TTL 10 s by default (`--ttl`), kept alive while the lock is held,
/// and left to expire (not revoked) when etcdctl exits.
#[test]
fn lock_session_lease_is_kept_alive_then_left_to_expire() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lock --ttl=5 m &
sleep 20
etcdctl lease timetolive 5a3f75087e35752e --keys
kill %1
etcdctl lease list
sleep 5
etcdctl lease list
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lock --ttl=5 m &
[1] 2288
m/5a3f75087e35752e

controlplane-1 $ sleep 20
controlplane-1 $ etcdctl lease timetolive 5a3f75087e35752e --keys
lease 5a3f75087e35752e granted with TTL(5s), remaining(3s), attached keys([m/5a3f75087e35752e])
controlplane-1 $ kill %1
[1]+  Done                    etcdctl lock --ttl=5 m
controlplane-1 $ etcdctl lease list
found 1 leases
5a3f75087e35752e
controlplane-1 $ sleep 5
controlplane-1 $ etcdctl lease list
found 0 leases
"#,
    );
}

/// Revoking the holder's lease deletes its key: the waiter goes ahead, and the holder's
/// keep-alive learns the lease is gone ("session expired").
#[test]
fn revoking_the_holders_lease_hands_the_lock_over() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lock m &
etcdctl lock m &
etcdctl lease revoke 5a3f75087e35752e
sleep 5
jobs
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lock m &
[1] 2288
m/5a3f75087e35752e

controlplane-1 $ etcdctl lock m &
[2] 2295
controlplane-1 $ etcdctl lease revoke 5a3f75087e35752e
lease 5a3f75087e35752e revoked
m/7032b25097d368e4

controlplane-1 $ sleep 5
2> Error: session expired
[1]+  Exit 1                  etcdctl lock m
controlplane-1 $ jobs
[2]+  Running                 etcdctl lock m &
"#,
    );
}

/// `lock NAME CMD...` runs the command with ETCD_LOCK_KEY and ETCD_LOCK_REV once the lock
/// is held, unlocks, and prints no key; a failing or missing command is an error.
#[test]
fn lock_runs_a_command_while_holding_the_lock() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl put x 1
etcdctl lock m printenv ETCD_LOCK_KEY ETCD_LOCK_REV
etcdctl lock m &
etcdctl lock m echo got it &
kill %1
sleep 1
etcdctl lock m false
etcdctl lock m nosuch
etcdctl lock m cd /
etcdctl lock m -- ls /home
etcdctl get --prefix m
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl put x 1
OK
controlplane-1 $ etcdctl lock m printenv ETCD_LOCK_KEY ETCD_LOCK_REV
m/5a3f75087e35752e
3
controlplane-1 $ etcdctl lock m &
[1] 2288
m/7032b25097d368e4

controlplane-1 $ etcdctl lock m echo got it &
[2] 2295
controlplane-1 $ kill %1
[1]+  Done                    etcdctl lock m
controlplane-1 $ sleep 1
got it
[2]+  Done                    etcdctl lock m echo got it
controlplane-1 $ etcdctl lock m false
2> Error: exit status 1
[exit 1]
controlplane-1 $ etcdctl lock m nosuch
2> Error: exec: "nosuch": executable file not found in $PATH
[exit 1]
controlplane-1 $ etcdctl lock m cd /
2> Error: exec: "cd": executable file not found in $PATH
[exit 1]
controlplane-1 $ etcdctl lock m -- ls /home
student
controlplane-1 $ etcdctl get --prefix m
"#,
    );
}

/// Campaigning prints the leader key and the proposal; an observer prints the leader and
/// every next one; resigning (Ctrl-C or kill) hands leadership to the next candidate.
#[test]
fn elect_campaign_and_observe_a_leader_change() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl elect -l web &
etcdctl elect web alpha &
etcdctl elect web beta &
sleep 1
kill %2
sleep 1
etcdctl get --prefix web
kill %3
sleep 1
etcdctl elect web gamma
^C
echo $?
kill %1
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl elect -l web &
[1] 2288
controlplane-1 $ etcdctl elect web alpha &
[2] 2295
web/7032b25097d368e4
alpha
web/7032b25097d368e4
alpha
controlplane-1 $ etcdctl elect web beta &
[3] 2302
controlplane-1 $ sleep 1
controlplane-1 $ kill %2
web/26ca1a02f9063aae
beta
web/26ca1a02f9063aae
beta
[2]+  Done                    etcdctl elect web alpha
controlplane-1 $ sleep 1
controlplane-1 $ etcdctl get --prefix web
web/26ca1a02f9063aae
beta
controlplane-1 $ kill %3
[3]+  Done                    etcdctl elect web beta
controlplane-1 $ sleep 1
controlplane-1 $ etcdctl elect web gamma
web/565946913e4633e8
gamma
web/565946913e4633e8
gamma
^C
controlplane-1 $ echo $?
0
controlplane-1 $ kill %1
[1]+  Done                    etcdctl elect -l web
"#,
    );
}

/// An observer that starts with a leader in place prints it at once.
#[test]
fn elect_listen_prints_the_current_leader_first() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl elect db primary &
etcdctl elect -l db
^C
echo $?
etcdctl elect -w json -l db
^C
kill %1
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl elect db primary &
[1] 2288
db/5a3f75087e35752e
primary
controlplane-1 $ etcdctl elect -l db
db/5a3f75087e35752e
primary
^C
controlplane-1 $ echo $?
0
controlplane-1 $ etcdctl elect -w json -l db
{"header":{"cluster_id":8864007316969899728,"member_id":16927763432924390401,"revision":2,"raft_term":2},"kvs":[{"key":"ZGIvNWEzZjc1MDg3ZTM1NzUyZQ==","create_revision":2,"mod_revision":2,"version":1,"value":"cHJpbWFyeQ==","lease":6503045066283906350}],"count":1}
^C
controlplane-1 $ kill %1
[1]+  Done                    etcdctl elect db primary
"#,
    );
}

/// A candidate waiting behind the leader gives up on Ctrl-C with the cancelled context.
#[test]
fn elect_waiting_candidate_is_cancelled() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl elect e one &
etcdctl elect e two
^C
etcdctl get --prefix e --print-value-only
kill %1
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl elect e one &
[1] 2288
e/5a3f75087e35752e
one
controlplane-1 $ etcdctl elect e two
^C
2> Error: context canceled
[exit 1]
controlplane-1 $ etcdctl get --prefix e --print-value-only
one
controlplane-1 $ kill %1
[1]+  Done                    etcdctl elect e one
"#,
    );
}

#[test]
fn lock_and_elect_argument_errors() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lock
etcdctl elect
etcdctl elect e
etcdctl elect -l e p
etcdctl elect a b c
etcdctl lock --ttl=x m
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lock
2> Error: lock takes a lock name argument and an optional command to execute
[exit 128]
controlplane-1 $ etcdctl elect
2> Error: elect takes one election name argument and an optional proposal argument
[exit 128]
controlplane-1 $ etcdctl elect e
2> Error: no proposal argument but -l not set
[exit 128]
controlplane-1 $ etcdctl elect -l e p
2> Error: proposal given but -l is set
[exit 128]
controlplane-1 $ etcdctl elect a b c
2> Error: elect takes one election name argument and an optional proposal argument
[exit 128]
controlplane-1 $ etcdctl lock --ttl=x m
2> Error: invalid argument "x" for "--ttl" flag: strconv.ParseInt: parsing "x": invalid syntax
2> NAME:
2> 	lock - Acquires a named lock
2> 
2> USAGE:
2> 	etcdctl lock <lockname> [exec-command arg1 arg2 ...] [flags]
2> 
2> OPTIONS:
2>   -h, --help[=false]	help for lock
2>       --ttl=10		timeout for session
2> 
2> GLOBAL OPTIONS:
2>       --cacert=""				verify certificates of TLS-enabled secure servers using this CA bundle
2>       --cert=""					identify secure client using this TLS certificate file
2>       --command-timeout=5s			timeout for short running command (excluding dial timeout)
2>       --debug[=false]				enable client-side debug logging
2>       --dial-timeout=2s				dial timeout for client connections
2>   -d, --discovery-srv=""			domain name to query for SRV records describing cluster endpoints
2>       --discovery-srv-name=""			service name to query when using DNS discovery
2>       --endpoints=[127.0.0.1:2379]		gRPC endpoints
2>       --hex[=false]				print byte strings as hex encoded strings
2>       --insecure-discovery[=true]		accept insecure SRV records describing cluster endpoints
2>       --insecure-skip-tls-verify[=false]	skip server certificate verification (CAUTION: this option should be enabled only for testing purposes)
2>       --insecure-transport[=true]		disable transport security for client connections
2>       --keepalive-time=2s			keepalive time for client connections
2>       --keepalive-timeout=6s			keepalive timeout for client connections
2>       --key=""					identify secure client using this TLS key file
2>       --password=""				password for authentication (if this option is used, --user option shouldn't include password)
2>       --user=""					username[:password] for authentication (prompt if password is not supplied)
2>   -w, --write-out="simple"			set the output format (fields, json, protobuf, simple, table)
[exit 1]
"#,
    );
}
