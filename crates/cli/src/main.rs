//! `quorum`: a thin native shell over the Quorum crates, for course authors and checks.
//!
//! Each subcommand lives in its own module with `pub fn run(args: &[String]) -> i32`.
//! Exit status: 0 success, 1 a check found a problem, 2 bad usage.

mod bench;
mod chaos;
mod etcdctl;
mod experiment;
mod leader_election;
mod lincheck;

const USAGE: &str = "\
usage: quorum <command> [options]

commands:
  chaos        seeded runs with random faults; checks invariants and linearizability
  experiment   election (the Raft paper's §9.3) or leader-election (Kubernetes Lease)
  lincheck     check Jepsen/EDN histories for linearizability
  etcdctl      an etcdctl terminal on a simulated cluster, reading lines from stdin
  bench        simulator throughput on a fixed workload

Run `quorum <command> --help` for a command's options.";

fn main() {
    quiet_on_closed_stdout();
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(dispatch(&args));
}

fn dispatch(args: &[String]) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return 2;
    };
    match command.as_str() {
        "chaos" => chaos::run(rest),
        "experiment" => experiment::run(rest),
        "lincheck" => lincheck::run(rest),
        "etcdctl" => etcdctl::run(rest),
        "bench" => bench::run(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            0
        }
        other => {
            eprintln!("quorum: unknown command '{other}'\n\n{USAGE}");
            2
        }
    }
}

/// `quorum … | head` closes stdout early, and `println!` then panics: end quietly with the
/// status a shell gives a process killed by SIGPIPE, as other Unix tools do.
fn quiet_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info.payload().downcast_ref::<String>();
        if message.is_some_and(|m| m.starts_with("failed printing to stdout")) {
            std::process::exit(141);
        }
        default(info);
    }));
}
