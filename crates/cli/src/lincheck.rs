//! `quorum lincheck [--format jepsen|edn] [--initial V] [--knossos] [--json] FILE...`: one verdict line
//! per file, or with `--json` one object for all of them. Exit 0 only if every file is
//! linearizable; 1 if any is not (or undecided); 2 on bad usage or an unreadable file.
//! Verdicts and messages in English or Korean ([`crate::text::lincheck`]).

use crate::text::lincheck::{self as text, Msg, KOREAN};
use crate::text::{args, Lang};
use clap::Parser;
use quorum_sim::lincheck::{check_with, parse, Budget, History, Verdict, DEFAULT_STEPS};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(
    name = "quorum lincheck",
    about = "Check Jepsen/EDN histories for linearizability"
)]
pub(crate) struct Args {
    /// History format; detected from the content when omitted.
    #[arg(long, value_parser = ["jepsen", "edn"])]
    format: Option<String>,
    /// Give up on a file after this many seconds and report "unknown".
    #[arg(long, default_value_t = 10.0)]
    timeout: f64,
    /// Print the witness (operations that cannot be ordered) of each failing file.
    #[arg(long)]
    witness: bool,
    /// Every key's value before the history (`nil`: never written). By default a register
    /// starts nil, as in Jepsen's etcd tests, and a KV key empty, as in Porcupine's; Knossos's
    /// own tests start their cas-register at 0 (use it with --knossos).
    #[arg(long)]
    initial: Option<String>,
    /// Read histories as Knossos's cas-register model does: a failed cas did not happen and a
    /// read of nil says nothing (by default a failed cas means its compare did not match and
    /// nil means empty, as in Jepsen's etcd logs and Porcupine).
    #[arg(long)]
    knossos: bool,
    /// Print one JSON object: {files: [{file, verdict, ops, not_understood, witness}],
    /// linearizable}.
    #[arg(long)]
    json: bool,
    /// History files.
    #[arg(required = true)]
    files: Vec<String>,
}

pub fn run(args: &[String], lang: Lang) -> i32 {
    let args: Args = match args::parse(lang, &KOREAN, args) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let say = |msg: Msg| eprintln!("{}", msg.render(lang));
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        say(Msg::BadTimeout);
        return 2;
    }
    // Read everything first so an unreadable file is a usage error before any verdict.
    let mut texts = Vec::new();
    for f in &args.files {
        match std::fs::read_to_string(f) {
            Ok(t) => texts.push(t),
            Err(error) => {
                say(Msg::CannotRead { file: f, error });
                return 2;
            }
        }
    }
    let mut all_ok = true;
    let mut reports = Vec::new();
    for (file, text) in args.files.iter().zip(&texts) {
        let format = match args.format.as_deref().and_then(parse::Format::from_name) {
            Some(f) => f,
            None => match parse::detect(text) {
                Some(f) => f,
                None => {
                    say(Msg::NoHistoryLines { file });
                    return 2;
                }
            },
        };
        let parse::Parsed {
            mut history,
            not_understood,
        } = parse::parse_checked(text, format);
        if let Some(initial) = &args.initial {
            history.initial = (initial != "nil").then(|| initial.clone());
        }
        if args.knossos {
            history.read_as_knossos();
        }
        if history.ops.is_empty() && !not_understood.is_empty() {
            say(Msg::NothingUnderstood { file });
            return 2;
        }
        if let Some(first) = not_understood.first() {
            // Each skipped event is an operation the verdict knows nothing about.
            say(Msg::SkippedLines {
                file,
                count: not_understood.len(),
                first: *first,
            });
        }
        let deadline = Instant::now() + Duration::from_secs_f64(args.timeout);
        let mut stop = move || Instant::now() >= deadline;
        let verdict = check_with(&history, &mut Budget::with_stop(DEFAULT_STEPS, &mut stop));
        all_ok &= verdict.is_linearizable();
        if args.json {
            reports.push(json_report(file, &history, not_understood.len(), &verdict));
            continue;
        }
        println!("{}", text::verdict(lang, file, &verdict));
        if let (Verdict::NotLinearizable(w), true) = (&verdict, args.witness) {
            for op in w.ops.iter().filter_map(|&i| history.ops.get(i)) {
                let io = format!("{:?} -> {:?}", op.input, op.output);
                let ret = op.ret.map_or("?".to_string(), |r| r.to_string());
                let span = format!("[{}, {ret}]", op.call);
                let key = format!("{:?}", op.key);
                let client = op.client.to_string();
                println!("{}", text::witness_op(lang, &key, &client, &io, &span));
            }
        }
    }
    if args.json {
        println!("{}", json!({ "files": reports, "linearizable": all_ok }));
    }
    i32::from(!all_ok)
}

/// One file's verdict for `--json`; the verdict words are the English line's, in snake case.
fn json_report(file: &str, history: &History, not_understood: usize, verdict: &Verdict) -> Value {
    let (word, witness) = match verdict {
        Verdict::Linearizable => ("linearizable", Value::Null),
        Verdict::Unknown => ("unknown", Value::Null),
        Verdict::NotLinearizable(w) => {
            let ops: Vec<Value> = w
                .ops
                .iter()
                .filter_map(|&i| history.ops.get(i))
                .map(|op| {
                    json!({
                        "client": op.client,
                        "input": format!("{:?}", op.input),
                        "output": format!("{:?}", op.output),
                        "call": op.call,
                        "return": op.ret,
                    })
                })
                .collect();
            ("not_linearizable", json!({ "key": w.key, "ops": ops }))
        }
    };
    json!({
        "file": file,
        "verdict": word,
        "ops": history.ops.len(),
        "not_understood": not_understood,
        "witness": witness,
    })
}
