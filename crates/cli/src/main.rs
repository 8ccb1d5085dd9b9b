//! `quorum`: a thin native shell over the Quorum crates, for course authors and checks.
//!
//! Each subcommand lives in its own module with `pub fn run(args: &[String], lang: Lang) -> i32`.
//! Exit status: 0 success, 1 a check found a problem, 2 bad usage.
//!
//! Everything written for people is in English or Korean: `--lang en|ko` anywhere on the
//! command line (taken out here, before dispatch), else the locale (`LC_ALL`, `LC_MESSAGES`,
//! `LANG`, as gettext orders them). The texts live in [`text`], one table per subcommand;
//! `--json` output and the emulated etcdctl terminal are the same in both languages.

mod bench;
mod chaos;
mod etcdctl;
mod experiment;
mod leader_election;
mod lincheck;
mod text;

use text::Lang;

fn main() {
    quiet_on_closed_stdout();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match Lang::choose(&args, |name| std::env::var(name).ok()) {
        Ok((lang, rest)) => dispatch(&rest, lang),
        Err(e) => {
            eprintln!("{}", e.render());
            2
        }
    };
    std::process::exit(code);
}

fn dispatch(args: &[String], lang: Lang) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{}", text::top::usage(lang));
        return 2;
    };
    match command.as_str() {
        "chaos" => chaos::run(rest, lang),
        "experiment" => experiment::run(rest, lang),
        "lincheck" => lincheck::run(rest, lang),
        "etcdctl" => etcdctl::run(rest, lang),
        "bench" => bench::run(rest, lang),
        "-h" | "--help" | "help" => {
            println!("{}", text::top::usage(lang));
            0
        }
        other => {
            eprintln!("{}", text::top::unknown_command(lang, other));
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
