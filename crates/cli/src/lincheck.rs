//! `quorum lincheck [--format jepsen|edn] FILE...`: one verdict line per file.
//! Exit 0 only if every file is linearizable; 1 if any is not (or undecided); 2 on bad usage
//! or an unreadable file.

use clap::Parser;
use quorum_sim::lincheck::{check_with, parse, Budget, Verdict, DEFAULT_STEPS};
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(
    name = "quorum lincheck",
    about = "Check Jepsen/EDN histories for linearizability"
)]
struct Args {
    /// History format; detected from the content when omitted.
    #[arg(long, value_parser = ["jepsen", "edn"])]
    format: Option<String>,
    /// Give up on a file after this many seconds and report "unknown".
    #[arg(long, default_value_t = 10.0)]
    timeout: f64,
    /// Print the witness (operations that cannot be ordered) of each failing file.
    #[arg(long)]
    witness: bool,
    /// History files.
    #[arg(required = true)]
    files: Vec<String>,
}

pub fn run(args: &[String]) -> i32 {
    let args = match Args::try_parse_from(
        std::iter::once("quorum lincheck".to_string()).chain(args.iter().cloned()),
    ) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        eprintln!("quorum lincheck: --timeout must be a positive number of seconds");
        return 2;
    }
    // Read everything first so an unreadable file is a usage error before any verdict.
    let mut texts = Vec::new();
    for f in &args.files {
        match std::fs::read_to_string(f) {
            Ok(t) => texts.push(t),
            Err(e) => {
                eprintln!("quorum lincheck: cannot read {f}: {e}");
                return 2;
            }
        }
    }
    let mut all_ok = true;
    for (file, text) in args.files.iter().zip(&texts) {
        let format = match args.format.as_deref().and_then(parse::Format::from_name) {
            Some(f) => f,
            None => match parse::detect(text) {
                Some(f) => f,
                None => {
                    eprintln!("quorum lincheck: {file}: no Jepsen or EDN history lines found (use --format)");
                    return 2;
                }
            },
        };
        let parse::Parsed {
            history,
            not_understood,
        } = parse::parse_checked(text, format);
        if history.ops.is_empty() && !not_understood.is_empty() {
            eprintln!("quorum lincheck: {file}: no operation understood (this checker knows read, write and cas on registers, get, put and append on keys)");
            return 2;
        }
        if let Some(first) = not_understood.first() {
            // Each skipped event is an operation the verdict knows nothing about.
            eprintln!(
                "quorum lincheck: {file}: warning: {} event line(s) not understood and left out (first: line {first}); the verdict covers only the rest",
                not_understood.len()
            );
        }
        let deadline = Instant::now() + Duration::from_secs_f64(args.timeout);
        let mut stop = move || Instant::now() >= deadline;
        let verdict = check_with(&history, &mut Budget::with_stop(DEFAULT_STEPS, &mut stop));
        let word = match &verdict {
            Verdict::Linearizable => "linearizable",
            Verdict::NotLinearizable(_) => "not linearizable",
            Verdict::Unknown => "unknown",
        };
        println!("{file}: {word}");
        if let (Verdict::NotLinearizable(w), true) = (&verdict, args.witness) {
            for &i in &w.ops {
                if let Some(op) = history.ops.get(i) {
                    println!(
                        "  key {:?} process {} {:?} -> {:?} [{}, {}]",
                        op.key,
                        op.client,
                        op.input,
                        op.output,
                        op.call,
                        op.ret.map_or("?".to_string(), |r| r.to_string())
                    );
                }
            }
        }
        all_ok &= verdict.is_linearizable();
    }
    i32::from(!all_ok)
}
