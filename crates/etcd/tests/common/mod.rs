//! Transcript helpers: feed terminal lines, get what the terminal shows.
#![allow(dead_code)]

#[path = "../shared/runner.rs"]
mod runner;

use quorum_etcd::mvcc::PutRequest;
use quorum_etcd::{EtcdBackend, LocalBackend, Output, Request, Scenario, Shell};

pub type Term = Shell<LocalBackend>;

/// A 3-member cluster with etcd installed and running (seed 1).
pub fn term() -> Term {
    Shell::new(LocalBackend::new(3, 1), Scenario::Installed)
}

pub fn fresh() -> Term {
    Shell::new(LocalBackend::new_stopped(3, 1), Scenario::Fresh)
}

/// Runs input lines and renders the transcript: each input after its prompt, stdout lines
/// as they are, stderr lines prefixed with `2> `, a non-zero exit status as `[exit N]`.
/// `^C` is Ctrl-C. Directives (not shown): `@tick S` lets S simulated seconds pass;
/// `@isolate N` / `@heal N` cut machine N's member off the others or reconnect it;
/// `@put N KEY VALUE` is another client writing through member N (`@v2set N KEY VALUE`
/// with the v2 API, `_` in VALUE standing for a space).
pub fn run(t: &mut Term, input: &str) -> String {
    runner::run_with(t, input, |t, d, _| directive(t, d))
}

/// Compares a transcript, showing both on failure.
#[track_caller]
pub fn check(t: &mut Term, input: &str, expected: &str) {
    let got = run(t, input.strip_prefix('\n').unwrap_or(input));
    runner::assert_transcript(&got, expected);
}

fn member_of(t: &Term, n: &str) -> u64 {
    let i: usize = n.parse().expect("machine number");
    t.machines()[i - 1].member.expect("machine hosts a member")
}

fn directive(t: &mut Term, d: &str) -> Output {
    let w: Vec<&str> = d.split_whitespace().collect();
    match w.as_slice() {
        ["tick", secs] => t.tick(secs.parse::<i64>().expect("seconds") * 1_000_000),
        ["isolate", n] => {
            let m = member_of(t, n);
            t.backend_mut().set_isolated(m, true);
            Output::default()
        }
        ["heal", n] => {
            let m = member_of(t, n);
            t.backend_mut().set_isolated(m, false);
            Output::default()
        }
        ["put", n, k, v] => {
            let m = member_of(t, n);
            let req = Request::Put(PutRequest {
                key: k.to_string(),
                value: v.to_string(),
                ..Default::default()
            });
            t.backend_mut()
                .propose(m, req, 5_000_000)
                .expect("write through a member with quorum");
            Output::default()
        }
        // Another client's v2 `set` through member N.
        ["v2set", n, k, v] => {
            let m = member_of(t, n);
            let req = Request::V2(quorum_etcd::v2::V2Request::Set {
                key: k.to_string(),
                value: v.replace('_', " "),
                ttl: 0,
                dir: false,
            });
            t.backend_mut()
                .propose(m, req, 5_000_000)
                .expect("write through a member with quorum");
            Output::default()
        }
        _ => panic!("unknown directive @{d}"),
    }
}
