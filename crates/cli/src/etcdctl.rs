//! `quorum etcdctl [--members N] [--seed S] [--fresh] [--echo] [--local]`: the etcd terminal
//! of the page, headless. Reads terminal lines from stdin and writes what the terminal would
//! show: program stdout to stdout, program stderr to stderr.
//!
//! Special input lines: `^C` is Ctrl-C. While a program owns the terminal (watch,
//! keep-alive), every other line is typed into it and lets one simulated second pass.
//! The cluster is the simulator's world of real Raft members (`SimBackend`), the same one
//! the page shows; `--local` uses the Raft-less stand-in (`LocalBackend`).
//!
//! The wrapper's usage and errors are English or Korean ([`crate::text::etcdctl`]); the
//! terminal's output is etcdctl's and bash's, English as in real life.

use crate::text::etcdctl::{self as text, Msg};
use crate::text::Lang;
use std::io::{BufRead, Write};

use quorum_etcd::{EtcdBackend, LocalBackend, Output, Scenario, Shell, SimBackend, Stream};

struct Opts {
    members: usize,
    seed: u64,
    fresh: bool,
    echo: bool,
    local: bool,
}

fn parse(args: &[String]) -> Result<Opts, Msg> {
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
                let v = it
                    .next()
                    .ok_or_else(|| Msg::NeedsValue { flag: a.clone() })?;
                if a == "--members" {
                    o.members = v
                        .parse()
                        .ok()
                        .filter(|n| (1..=9).contains(n))
                        .ok_or_else(|| Msg::BadMembers { value: v.clone() })?;
                } else {
                    o.seed = v.parse().map_err(|_| Msg::BadSeed { value: v.clone() })?;
                }
            }
            "--fresh" => o.fresh = true,
            "--echo" => o.echo = true,
            "--local" => o.local = true,
            other => {
                return Err(Msg::UnknownOption {
                    arg: other.to_string(),
                })
            }
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

pub fn run(args: &[String], lang: Lang) -> i32 {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", text::usage(lang));
        return 0;
    }
    let o = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}", e.render(lang));
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
            eprintln!("{}", text::no_cluster(lang, &format!("{e:?}")));
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
