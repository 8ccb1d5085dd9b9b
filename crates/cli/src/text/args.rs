//! One clap parser per subcommand, shown in English as clap writes it or relabelled in
//! Korean (about line, option help, headings, defaults, the help flag, clap's errors):
//! one parser definition, no copy per language.

use super::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, Parser};

/// The Korean labels of one parser: its about line and each argument's help by clap id
/// (the field name). A unit test per module checks that every argument has one.
pub struct Korean {
    pub about: &'static str,
    pub args: &'static [(&'static str, &'static str)],
}

/// clap's default layout with Korean headings (`{all-args}` would print "Arguments:" and
/// "Options:" in English).
const TEMPLATE: &str = "{about-with-newline}\n사용법: {usage}\n\n옵션:\n{options}{after-help}";
const TEMPLATE_POSITIONALS: &str =
    "{about-with-newline}\n사용법: {usage}\n\n인자:\n{positionals}\n\n옵션:\n{options}{after-help}";

/// Parses `args` (the words after the subcommand name) with `A`'s parser. `--help` prints
/// the help and gives `Err(0)`; bad usage prints clap's error and gives `Err(2)`.
pub fn parse<A: Parser>(lang: Lang, ko: &Korean, args: &[String]) -> Result<A, i32> {
    let mut cmd = A::command();
    if lang == Lang::Ko {
        cmd = korean(cmd, ko);
    }
    let argv = std::iter::once(cmd.get_name().to_string()).chain(args.iter().cloned());
    let parsed = cmd
        .try_get_matches_from_mut(argv)
        .and_then(|mut m| A::from_arg_matches_mut(&mut m).map_err(|e| e.format(&mut cmd)));
    parsed.map_err(|e| {
        if lang == Lang::Ko && e.use_stderr() {
            eprint!("{}", korean_error(&e));
        } else {
            let _ = e.print();
        }
        if e.use_stderr() {
            2
        } else {
            0
        }
    })
}

/// The same parser with Korean labels; clap's own English placeholders (`[OPTIONS]`,
/// `<SEEDS>`) stay, as they name the syntax rather than describe it.
pub fn korean(cmd: Command, ko: &Korean) -> Command {
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let template = if cmd.get_positionals().next().is_some() {
        TEMPLATE_POSITIONALS
    } else {
        TEMPLATE
    };
    let mut cmd = cmd
        .about(ko.about)
        .help_template(template)
        .disable_help_flag(true);
    for id in ids {
        let help = ko.args.iter().find(|(i, _)| *i == id).map(|(_, h)| *h);
        cmd = cmd.mut_arg(id, |arg| relabel(arg, help));
    }
    cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("도움말 출력"),
    )
}

fn relabel(arg: Arg, help: Option<&str>) -> Arg {
    let mut text = help.map_or_else(
        || arg.get_help().map(|h| h.to_string()).unwrap_or_default(),
        str::to_string,
    );
    let mut arg = arg;
    if arg.get_action().takes_values() {
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            text.push_str(&format!(" [기본값: {}]", defaults.join(", ")));
        }
        let possible: Vec<String> = arg
            .get_value_parser()
            .possible_values()
            .map(|pvs| pvs.map(|p| p.get_name().to_string()).collect())
            .unwrap_or_default();
        if !possible.is_empty() {
            text.push_str(&format!(" [가능한 값: {}]", possible.join(", ")));
        }
        // clap would add its English "[default: …]": the Korean text above replaces it.
        arg = arg.hide_default_value(true).hide_possible_values(true);
    }
    arg.help(text)
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// clap's error, said in Korean for the kinds this CLI's parsers can raise; any other kind
/// keeps clap's English text under a Korean first line.
pub fn korean_error(e: &clap::Error) -> String {
    let get = |kind| context(e, kind).unwrap_or_default();
    let (arg, value) = (get(ContextKind::InvalidArg), get(ContextKind::InvalidValue));
    let mut out = match e.kind() {
        ErrorKind::MissingRequiredArgument => {
            let missing = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(v)) => v.join("\n  "),
                _ => arg,
            };
            format!("오류: 필수 인자가 빠졌습니다:\n  {missing}\n")
        }
        ErrorKind::InvalidValue => {
            let mut s = format!("오류: '{arg}'에 쓸 수 없는 값입니다: '{value}'\n");
            if let Some(valid) = context(e, ContextKind::ValidValue) {
                s.push_str(&format!("  [가능한 값: {valid}]\n"));
            }
            s
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map_or(String::new(), |s| s.to_string());
            format!(
                "오류: '{arg}'의 값을 읽을 수 없습니다: '{value}' ({})\n",
                parse_failure(&why)
            )
        }
        ErrorKind::UnknownArgument => {
            let mut s = format!("오류: 예상하지 못한 인자입니다: '{arg}'\n");
            if let Some(similar) = context(e, ContextKind::SuggestedArg) {
                s.push_str(&format!(
                    "\n  도움말: 비슷한 인자가 있습니다: '{similar}'\n"
                ));
            }
            // clap marks this tip only by its English text.
            let tips = match e.get(ContextKind::Suggested) {
                Some(ContextValue::StyledStrs(tips)) => {
                    tips.iter().map(|t| t.to_string()).collect()
                }
                _ => Vec::new(),
            };
            if tips.iter().any(|t| t.starts_with("to pass ")) {
                s.push_str(&format!(
                    "\n  도움말: '{arg}'을(를) 값으로 넘기려면 '-- {arg}'처럼 쓰세요\n"
                ));
            }
            s
        }
        ErrorKind::ArgumentConflict if context(e, ContextKind::PriorArg) == Some(arg.clone()) => {
            format!("오류: '{arg}'은(는) 한 번만 쓸 수 있습니다\n")
        }
        _ => {
            return format!(
                "오류: 명령줄 인자를 해석할 수 없습니다 (아래는 clap의 영어 메시지입니다)\n{}",
                e.render()
            )
        }
    };
    if let Some(usage) = context(e, ContextKind::Usage) {
        out.push('\n');
        out.push_str(&usage.replacen("Usage:", "사용법:", 1));
        out.push('\n');
    }
    out.push_str("\n자세한 내용은 '--help'를 실행해 보세요.\n");
    out
}

/// Rust's number-parsing errors (the only validators these parsers use), in Korean.
fn parse_failure(english: &str) -> String {
    match english {
        "invalid digit found in string" | "invalid float literal" => "숫자가 아닙니다".into(),
        "cannot parse integer from empty string" | "cannot parse float from empty string" => {
            "값이 비어 있습니다".into()
        }
        "number too large to fit in target type" => "값이 너무 큽니다".into(),
        other => other.into(),
    }
}

/// The arguments of `cmd` without a Korean help line in `ko`, after checking that the
/// Korean parser passes clap's own consistency checks (for the modules' unit tests).
#[cfg(test)]
pub fn missing_korean(cmd: &Command, ko: &Korean) -> Vec<String> {
    korean(cmd.clone(), ko).debug_assert();
    cmd.get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| !ko.args.iter().any(|(i, _)| i == id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// A parser shaped like the subcommands' (required option, choice, flag, files).
    #[derive(Parser, Debug)]
    #[command(name = "quorum test", about = "English about")]
    struct Demo {
        /// Count.
        #[arg(long)]
        count: u64,
        /// Mode.
        #[arg(long, value_parser = ["a", "b"], default_value = "a")]
        mode: String,
        /// Loud.
        #[arg(long)]
        loud: bool,
        /// Files.
        files: Vec<String>,
    }

    const KO: Korean = Korean {
        about: "한국어 설명",
        args: &[("count", "개수"), ("mode", "모드"), ("loud", "크게")],
    };

    fn error(args: &[&str]) -> String {
        let argv = std::iter::once("quorum test").chain(args.iter().copied());
        let e = korean(Demo::command(), &KO)
            .try_get_matches_from(argv)
            .expect_err("a usage error");
        korean_error(&e)
    }

    #[test]
    fn help_is_relabelled_from_the_same_parser() {
        let help = korean(Demo::command(), &KO).render_help().to_string();
        assert!(
            help.starts_with("한국어 설명\n\n사용법: quorum test "),
            "{help}"
        );
        assert!(
            help.contains("인자:\n  [FILES]...  Files\n\n옵션:\n"),
            "{help}"
        );
        assert!(
            help.contains("모드 [기본값: a] [가능한 값: a, b]"),
            "{help}"
        );
        assert!(help.contains("--loud") && help.contains("크게") && !help.contains("Loud"));
        assert!(
            help.contains("-h, --help") && help.contains("도움말 출력"),
            "{help}"
        );
        assert_eq!(missing_korean(&Demo::command(), &KO), ["files"]);
    }

    #[test]
    fn clap_errors_in_korean() {
        let e = error(&[]);
        assert!(
            e.starts_with("오류: 필수 인자가 빠졌습니다:\n  --count <COUNT>\n"),
            "{e}"
        );
        assert!(
            e.ends_with("\n자세한 내용은 '--help'를 실행해 보세요.\n"),
            "{e}"
        );
        let e = error(&["--count", "x"]);
        assert!(
            e.starts_with("오류: '--count <COUNT>'의 값을 읽을 수 없습니다: 'x' (숫자가 아닙니다)")
        );
        let e = error(&["--count", "1", "--mode", "c"]);
        assert!(
            e.contains("쓸 수 없는 값입니다: 'c'\n  [가능한 값: a, b]"),
            "{e}"
        );
        let e = error(&["--count", "1", "--lodu"]);
        assert!(e.contains("예상하지 못한 인자입니다: '--lodu'") && e.contains("'--loud'"));
        let e = error(&["--count", "1", "--loud", "--loud"]);
        assert!(
            e.starts_with("오류: '--loud'은(는) 한 번만 쓸 수 있습니다"),
            "{e}"
        );
        // A kind without a Korean text keeps clap's English under a Korean line.
        let e = error(&["--count=1", "--loud=yes"]);
        assert!(
            e.starts_with("오류: 명령줄 인자를 해석할 수 없습니다"),
            "{e}"
        );
        assert!(e.contains("error: "), "{e}");
    }

    #[test]
    fn rust_parse_errors_in_korean() {
        let empty = "".parse::<u64>().expect_err("empty");
        assert_eq!(parse_failure(&empty.to_string()), "값이 비어 있습니다");
        let big = "99999999999999999999".parse::<u64>().expect_err("too big");
        assert_eq!(parse_failure(&big.to_string()), "값이 너무 큽니다");
        let float = "x".parse::<f64>().expect_err("not a float");
        assert_eq!(parse_failure(&float.to_string()), "숫자가 아닙니다");
    }

    #[test]
    fn every_subcommand_option_has_korean_help() {
        let parsers = [
            (crate::bench::Args::command(), &crate::text::bench::KOREAN),
            (crate::chaos::Args::command(), &crate::text::chaos::KOREAN),
            (
                crate::experiment::Args::command(),
                &crate::text::experiment::KOREAN,
            ),
            (
                crate::lincheck::Args::command(),
                &crate::text::lincheck::KOREAN,
            ),
        ];
        for (command, table) in parsers {
            let name = command.get_name().to_string();
            assert_eq!(
                missing_korean(&command, table),
                Vec::<String>::new(),
                "{name}"
            );
        }
    }
}
