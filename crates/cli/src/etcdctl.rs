//! `quorum etcdctl [--members N] [--seed S] [--fresh] [--echo] [--local]`: the etcd terminal
//! of the page, headless. Reads terminal lines from stdin and writes what the terminal would
//! show: program stdout to stdout, program stderr to stderr.
//!
//! Special input lines: `^C` is Ctrl-C. While a program owns the terminal (watch,
//! keep-alive), every other line is typed into it and lets one simulated second pass.
//! The cluster is the simulator's world of real Raft members (`SimBackend`), the same one
//! the page shows; `--local` uses the Raft-less stand-in (`LocalBackend`).

use std::io::{BufRead, Write};

use quorum_etcd::{EtcdBackend, LocalBackend, Output, Scenario, Shell, SimBackend, Stream};

const USAGE: &str = "\
usage: quorum etcdctl [--members N] [--seed S] [--fresh] [--echo] [--local]

Reads terminal lines from stdin and prints what the terminal shows, on a simulated
cluster of real Raft members (simulated time: timeouts pass instantly).
  --members N  cluster size, 1..9 (default 3)
  --seed S     seed of the simulation, member and lease IDs (default 1)
  --fresh      start from fresh VMs: install etcd 3.3.9 as the notes do
  --echo       also print the prompt and each typed line (a transcript)
  --local      use the Raft-less stand-in cluster instead of the simulator
  ^C           on a line of its own: Ctrl-C";

struct Opts {
    members: usize,
    seed: u64,
    fresh: bool,
    echo: bool,
    local: bool,
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        members: 3,
        seed: 1,
        fresh: false,
        echo: false,
        local: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--members" | "--seed" => {
                let v = it.next().ok_or(format!("{a} needs a value"))?;
                if a == "--members" {
                    o.members = v
                        .parse()
                        .ok()
                        .filter(|n| (1..=9).contains(n))
                        .ok_or(format!("--members: expected 1..9, got '{v}'"))?;
                } else {
                    o.seed = v
                        .parse()
                        .map_err(|_| format!("--seed: not a number: '{v}'"))?;
                }
            }
            "--fresh" => o.fresh = true,
            "--echo" => o.echo = true,
            "--local" => o.local = true,
            other => return Err(format!("unknown option '{other}'")),
        }
    }
    Ok(o)
}

fn emit(out: &Output, stdout: &mut impl Write, stderr: &mut impl Write) -> std::io::Result<()> {
    for l in &out.lines {
        match l.stream {
            Stream::Stdout => writeln!(stdout, "{}", l.text)?,
            Stream::Stderr => {
                stdout.flush()?;
                writeln!(stderr, "{}", l.text)?;
            }
        }
    }
    Ok(())
}

pub fn run(args: &[String]) -> i32 {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return 0;
    }
    let o = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("quorum etcdctl: {e}\n\n{USAGE}");
            return 2;
        }
    };
    let scenario = if o.fresh {
        Scenario::Fresh
    } else {
        Scenario::Installed
    };
    if o.local {
        let b = if o.fresh {
            LocalBackend::new_stopped(o.members, o.seed)
        } else {
            LocalBackend::new(o.members, o.seed)
        };
        return serve(Shell::new(b, scenario), o.echo);
    }
    let b = if o.fresh {
        SimBackend::new_stopped(o.members, o.seed)
    } else {
        SimBackend::new(o.members, o.seed)
    };
    match b {
        Ok(b) => serve(Shell::new(b, scenario), o.echo),
        Err(e) => {
            eprintln!("quorum etcdctl: cannot build the simulated cluster: {e:?}");
            1
        }
    }
}

/// Feeds stdin to the terminal line by line; returns the last command's exit status.
fn serve<B: EtcdBackend>(mut shell: Shell<B>, echo: bool) -> i32 {
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout();
    let mut stderr = std::io::stderr();
    let mut status = 0;
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let ctrl_c = line.trim() == "^C";
        if echo && !ctrl_c {
            let _ = writeln!(stdout, "{}{line}", shell.prompt());
        }
        let out = if ctrl_c {
            shell.interrupt()
        } else {
            shell.input(&line)
        };
        status = out.status;
        if emit(&out, &mut stdout, &mut stderr).is_err() {
            return 1;
        }
    }
    let _ = stdout.flush();
    status
}
