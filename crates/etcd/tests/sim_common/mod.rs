//! Transcript helpers over the simulated Raft cluster (`SimBackend`): feed terminal lines,
//! get what the terminal shows.
#![allow(dead_code)]

#[path = "../shared/runner.rs"]
mod runner;

use quorum_etcd::mvcc::PutRequest;
use quorum_etcd::{EtcdBackend, Output, Request, Scenario, Shell, SimBackend};
use quorum_raft::NodeId;
use quorum_sim::UserAction;

pub type Term = Shell<SimBackend>;

thread_local! {
    static MARK: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

/// A 3-member simulated cluster with etcd installed and running, after its first election.
pub fn term() -> Term {
    term_with(3, 1)
}

pub fn term_with(members: usize, seed: u64) -> Term {
    let b = SimBackend::new(members, seed).expect("simulated cluster");
    Shell::new(b, Scenario::Installed)
}

pub fn fresh() -> Term {
    let b = SimBackend::new_stopped(3, 1).expect("simulated cluster");
    Shell::new(b, Scenario::Fresh)
}

/// Runs input lines and renders the transcript: each input after its prompt, stdout lines
/// as they are, stderr lines prefixed with `2> `, a non-zero exit status as `[exit N]`.
/// `^C` is Ctrl-C. Directives (not shown): `@tick S` lets S simulated seconds pass;
/// `@isolate N` / `@heal` cut machine N's member off the others / reconnect everyone;
/// `@put N KEY VALUE` is another client writing through member N; `@start ID` starts the
/// member with that hex id (a member added with `member add`); `@mark` remembers the
/// simulated time and `@elapsed` prints the time since then as `# elapsed=...ms`;
/// `@leader` prints `# leader=controlplane-N`.
pub fn run(t: &mut Term, input: &str) -> String {
    runner::run_with(t, input, directive)
}

/// Compares a transcript, showing both on failure.
#[track_caller]
pub fn check(t: &mut Term, input: &str, expected: &str) {
    let got = run(t, input.strip_prefix('\n').unwrap_or(input));
    runner::assert_transcript(&got, expected);
}

fn node_of_machine(t: &Term, n: &str) -> NodeId {
    let i: usize = n.parse().expect("machine number");
    let m = t.machines()[i - 1].member.expect("machine hosts a member");
    t.backend().node_of(m).expect("member is a Raft node")
}

fn directive(t: &mut Term, d: &str, s: &mut String) -> Output {
    let w: Vec<&str> = d.split_whitespace().collect();
    match w.as_slice() {
        ["tick", secs] => t.tick(secs.parse::<i64>().expect("seconds") * 1_000_000),
        ["isolate", n] => {
            let node = node_of_machine(t, n);
            let world = t.backend().world();
            let others: Vec<NodeId> = world
                .borrow()
                .node_ids()
                .into_iter()
                .filter(|&x| x != node)
                .collect();
            let r = world.borrow_mut().apply(UserAction::Partition {
                groups: vec![vec![node], others],
            });
            r.expect("partition");
            Output::default()
        }
        ["heal"] => {
            let world = t.backend().world();
            world.borrow_mut().apply(UserAction::Heal).expect("heal");
            Output::default()
        }
        ["put", n, k, v] => {
            let i: usize = n.parse().expect("machine number");
            let m = t.machines()[i - 1].member.expect("member");
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
        ["start", id] => {
            let id = u64::from_str_radix(id, 16).expect("hex member id");
            t.backend_mut().start_member(id);
            Output::default()
        }
        ["mark"] => {
            MARK.with(|m| m.set(t.backend().now_us()));
            Output::default()
        }
        ["elapsed"] => {
            let since = MARK.with(|m| m.get());
            let ms = (t.backend().now_us() - since) / 1000;
            s.push_str(&format!("# elapsed={ms}ms\n"));
            Output::default()
        }
        ["leader"] => {
            let world = t.backend().world();
            let l = world.borrow().leader();
            let name = l.map_or("none".to_string(), |n| format!("controlplane-{n}"));
            s.push_str(&format!("# leader={name}\n"));
            Output::default()
        }
        _ => panic!("unknown directive @{d}"),
    }
}
