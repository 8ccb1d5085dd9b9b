//! `quorum experiment <name>`: `election` (the Raft paper's §9.3) or `leader-election`
//! (Kubernetes Lease, provided by the k8s crate's module).

const USAGE: &str = "\
usage: quorum experiment <election|leader-election> [options]";

pub fn run(args: &[String]) -> i32 {
    match args.split_first() {
        Some((name, rest)) if name == "leader-election" => crate::leader_election::run(rest),
        Some((name, _)) if name == "election" => {
            eprintln!("quorum experiment election: not available yet");
            2
        }
        Some((name, _)) if name == "-h" || name == "--help" => {
            println!("{USAGE}");
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    }
}
