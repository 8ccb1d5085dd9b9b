//! `etcdctl lock` and `elect` on the simulated Raft cluster: the session leases are kept
//! alive through Raft, and a holder whose member stops loses its key when the leader
//! expires the lease, so the next waiter (connected elsewhere) goes ahead.

mod sim_common;
use sim_common::*;

/// The holder talks to controlplane-1's member; the waiter to controlplane-2's. Stopping
/// etcd on controlplane-1 cuts the holder off: its keep-alives stop, the leader revokes
/// the lease after the 10 s TTL (deleting the key), the waiter acquires, and the holder's
/// client gives its session up ("session expired").
#[test]
fn holder_whose_member_stops_loses_the_lock_after_the_ttl() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lock m &
etcdctl --endpoints=10.240.0.11:2379 lock m &
sleep 2
sudo systemctl stop etcd
@mark
sleep 5
etcdctl --endpoints=10.240.0.12:2379 get --prefix m --keys-only
sleep 6
@elapsed
jobs
etcdctl --endpoints=10.240.0.12:2379 get --prefix m --keys-only
kill %2
etcdctl --endpoints=10.240.0.12:2379 get --prefix m --keys-only
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lock m &
[1] 2288
m/5a3f75087e35752e

controlplane-1 $ etcdctl --endpoints=10.240.0.11:2379 lock m &
[2] 2295
controlplane-1 $ sleep 2
controlplane-1 $ sudo systemctl stop etcd
controlplane-1 $ sleep 5
controlplane-1 $ etcdctl --endpoints=10.240.0.12:2379 get --prefix m --keys-only
m/5a3f75087e35752e

m/7032b25097d368e4

controlplane-1 $ sleep 6
2> Error: session expired
m/7032b25097d368e4

[1]+  Exit 1                  etcdctl lock m
# elapsed=11103ms
controlplane-1 $ jobs
[2]+  Running                 etcdctl --endpoints=10.240.0.11:2379 lock m &
controlplane-1 $ etcdctl --endpoints=10.240.0.12:2379 get --prefix m --keys-only
m/7032b25097d368e4

controlplane-1 $ kill %2
[2]+  Done                    etcdctl --endpoints=10.240.0.11:2379 lock m
controlplane-1 $ etcdctl --endpoints=10.240.0.12:2379 get --prefix m --keys-only
"#,
    );
}

/// An observer connected to controlplane-3 sees leadership pass from a candidate whose
/// member stops to the next candidate, once the first one's lease (60 s) expires.
#[test]
fn observer_sees_the_next_leader_when_the_leaders_member_stops() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl --endpoints=10.240.0.12:2379 elect -l ctrl &
etcdctl elect ctrl first &
etcdctl --endpoints=10.240.0.11:2379 elect ctrl second &
sleep 1
sudo systemctl stop etcd
sleep 50
etcdctl --endpoints=10.240.0.12:2379 get --prefix ctrl --print-value-only
sleep 15
jobs
kill %3
kill %1
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl --endpoints=10.240.0.12:2379 elect -l ctrl &
[1] 2288
controlplane-1 $ etcdctl elect ctrl first &
[2] 2295
ctrl/7032b25097d368e4
first
ctrl/7032b25097d368e4
first
controlplane-1 $ etcdctl --endpoints=10.240.0.11:2379 elect ctrl second &
[3] 2302
controlplane-1 $ sleep 1
controlplane-1 $ sudo systemctl stop etcd
controlplane-1 $ sleep 50
controlplane-1 $ etcdctl --endpoints=10.240.0.12:2379 get --prefix ctrl --print-value-only
second
first
controlplane-1 $ sleep 15
2> Error: elect: session expired
ctrl/26ca1a02f9063aae
second
ctrl/26ca1a02f9063aae
second
[2]+  Exit 1                  etcdctl elect ctrl first
controlplane-1 $ jobs
[1]+  Running                 etcdctl --endpoints=10.240.0.12:2379 elect -l ctrl &
[3]+  Running                 etcdctl --endpoints=10.240.0.11:2379 elect ctrl second &
controlplane-1 $ kill %3
[3]+  Done                    etcdctl --endpoints=10.240.0.11:2379 elect ctrl second
controlplane-1 $ kill %1
[1]+  Done                    etcdctl --endpoints=10.240.0.12:2379 elect -l ctrl
"#,
    );
}

/// A waiter blocked in the foreground takes the lock over when the holder's member is cut
/// off from the others (its keep-alives no longer commit, so the leader expires the 3 s
/// lease); Ctrl-C then releases it. A third client queued behind with an exec-command runs
/// it next.
#[test]
fn foreground_waiter_acquires_when_the_holders_member_is_isolated() {
    let mut t = term();
    check(
        &mut t,
        r#"
export ETCDCTL_API=3
etcdctl lock --ttl=3 job &
etcdctl --endpoints=10.240.0.11:2379 lock job echo second &
etcdctl --endpoints=10.240.0.12:2379 lock job
@isolate 1
@tick 10
^C
echo $?
@tick 1
@heal
sleep 5
jobs
etcdctl get --prefix job
"#,
        r#"
controlplane-1 $ export ETCDCTL_API=3
controlplane-1 $ etcdctl lock --ttl=3 job &
[1] 2288
job/5a3f75087e35752e

controlplane-1 $ etcdctl --endpoints=10.240.0.11:2379 lock job echo second &
[2] 2295
controlplane-1 $ etcdctl --endpoints=10.240.0.12:2379 lock job
second
2> Error: session expired
job/26ca1a02f9063aae

^C
[1]+  Exit 1                  etcdctl lock --ttl=3 job
[2]+  Done                    etcdctl --endpoints=10.240.0.11:2379 lock job echo second
controlplane-1 $ echo $?
0
controlplane-1 $ sleep 5
controlplane-1 $ jobs
controlplane-1 $ etcdctl get --prefix job
"#,
    );
}
