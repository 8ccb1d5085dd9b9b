//! Runs the `quorum` binary in English and Korean: `--lang` before or after the command, the
//! locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), and what must not change with the language.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `quorum args` with only the given locale variables set.
fn quorum_in(locale: &[(&str, &str)], args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_quorum"));
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        cmd.env_remove(var);
    }
    let mut child = cmd
        .envs(locale.iter().copied())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run quorum");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait for quorum");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn quorum(locale: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    quorum_in(locale, args, "")
}

const C: &[(&str, &str)] = &[("LANG", "C")];
const KO: &[(&str, &str)] = &[("LANG", "ko_KR.UTF-8")];

fn hist(name: &str) -> String {
    format!(
        "{}/../../../shared/reference/histories/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn top_level_usage_in_korean_by_flag_or_locale() {
    for (locale, args) in [(C, &["--lang", "ko", "help"][..]), (KO, &["help"][..])] {
        let (code, out, _) = quorum(locale, args);
        assert_eq!(code, 0);
        assert!(
            out.starts_with("사용법: quorum [--lang en|ko] <명령> [옵션]"),
            "{out}"
        );
        assert!(
            out.contains("Jepsen/EDN 히스토리의 선형화 가능성 검사"),
            "{out}"
        );
    }
    // No command: usage on stderr, exit 2, in either language.
    let (code, _, err) = quorum(KO, &[]);
    assert_eq!(code, 2);
    assert!(err.starts_with("사용법:"), "{err}");
}

#[test]
fn english_by_default_and_when_the_locale_says_so() {
    for locale in [C, &[][..], &[("LC_ALL", "C"), ("LANG", "ko_KR.UTF-8")][..]] {
        let (code, out, _) = quorum(locale, &["help"]);
        assert_eq!(code, 0);
        assert!(
            out.starts_with("usage: quorum [--lang en|ko] <command> [options]"),
            "{out}"
        );
    }
    // LC_MESSAGES comes before LANG; --lang comes before the locale.
    let (_, out, _) = quorum(&[("LC_MESSAGES", "ko_KR.UTF-8"), ("LANG", "C")], &["help"]);
    assert!(out.starts_with("사용법:"), "{out}");
    let (_, out, _) = quorum(KO, &["help", "--lang", "en"]);
    assert!(out.starts_with("usage:"), "{out}");
}

#[test]
fn subcommand_help_in_korean_with_the_flag_on_either_side() {
    for args in [
        &["--lang", "ko", "lincheck", "--help"][..],
        &["lincheck", "--help", "--lang=ko"][..],
    ] {
        let (code, out, _) = quorum(C, args);
        assert_eq!(code, 0);
        assert!(
            out.starts_with("Jepsen/EDN 히스토리의 선형화 가능성 검사\n"),
            "{out}"
        );
        assert!(
            out.contains("사용법: quorum lincheck [OPTIONS] <FILES>..."),
            "{out}"
        );
        assert!(out.contains("인자:\n  <FILES>...  히스토리 파일"), "{out}");
        assert!(out.contains("[기본값: 10]") && out.contains("[가능한 값: jepsen, edn]"));
        assert!(
            out.contains("-h, --help") && out.contains("도움말 출력"),
            "{out}"
        );
        assert!(
            !out.contains("Usage:") && !out.contains("Options:"),
            "{out}"
        );
    }
    let (code, out, _) = quorum(KO, &["chaos", "--help"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("--seeds <SEEDS>") && out.contains("실행 횟수"),
        "{out}"
    );
    let (_, out, _) = quorum(C, &["chaos", "--help"]);
    assert!(out.starts_with("Seeded fault-injection runs"), "{out}");
    assert!(
        out.contains("Usage: quorum chaos [OPTIONS] --seeds <SEEDS>"),
        "{out}"
    );
    let (_, out, _) = quorum(KO, &["experiment", "leader-election", "--help"]);
    assert!(
        out.starts_with("사용법: quorum experiment leader-election [옵션]"),
        "{out}"
    );
    let (_, out, _) = quorum(KO, &["etcdctl", "--help"]);
    assert!(out.contains("클러스터 크기, 1..9 (기본값 3)"), "{out}");
}

#[test]
fn lincheck_verdicts_in_korean() {
    let (ok, bad) = (hist("kv/c01-ok.txt"), hist("kv/c10-bad.txt"));
    for locale in [C, KO] {
        let (code, out, _) = quorum(locale, &["lincheck", "--lang", "ko", &ok, &bad]);
        assert_eq!(code, 1, "{out}");
        assert_eq!(out, format!("{ok}: 선형화 가능\n{bad}: 선형화 불가능\n"));
    }
    let (code, out, _) = quorum(KO, &["lincheck", "--witness", &bad]);
    assert_eq!(code, 1);
    assert!(
        out.contains("\n  키 ") && out.contains(" 프로세스 "),
        "{out}"
    );
    let (code, out, _) = quorum(C, &["lincheck", &ok, &bad]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!("{ok}: linearizable\n{bad}: not linearizable\n")
    );
}

#[test]
fn chaos_summary_in_korean() {
    let (code, out, err) = quorum(KO, &["chaos", "--seeds", "1", "--duration", "4"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("실행 1회, 이벤트 "), "{out}");
    assert!(
        out.contains("위반 0건, 선형화 불가능 0건, 판정 불가 히스토리 0건 (")
            && out.contains(" events/s)"),
        "{out}"
    );
    let (code, out, _) = quorum(C, &["chaos", "--seeds", "1", "--duration", "4"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("1 runs, ") && out.contains(" 0 violations, "),
        "{out}"
    );
}

#[test]
fn errors_in_korean() {
    let (code, _, err) = quorum(KO, &["lincheck", "/nonexistent/history.log"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "quorum lincheck: /nonexistent/history.log 파일을 읽을 수 없습니다: 파일이 없습니다\n"
    );
    let (code, _, err) = quorum(KO, &["chaos", "--seeds", "0"]);
    assert_eq!(
        (code, err.as_str()),
        (2, "quorum chaos: --seeds는 1 이상이어야 합니다\n")
    );
    let (code, _, err) = quorum(KO, &["chaos"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("오류: 필수 인자가 빠졌습니다:\n  --seeds <SEEDS>\n"),
        "{err}"
    );
    assert!(
        err.contains("사용법: quorum chaos --seeds <SEEDS>"),
        "{err}"
    );
    let (code, _, err) = quorum(KO, &["chaos", "--sedes", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("비슷한 인자가 있습니다: '--seeds'"), "{err}");
    let (code, _, err) = quorum(KO, &["nope"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("quorum: 알 수 없는 명령입니다: 'nope'\n"),
        "{err}"
    );
    let (code, _, err) = quorum(KO, &["experiment", "election", "--timeout", "300-150"]);
    assert_eq!(code, 2);
    assert!(err.contains("MIN이 MAX보다 클 수 없습니다"), "{err}");
    // The English messages are unchanged.
    let (_, _, err) = quorum(C, &["chaos", "--seeds", "0"]);
    assert_eq!(err, "quorum chaos: --seeds must be at least 1\n");
    let (_, _, err) = quorum(C, &["chaos"]);
    assert!(err.starts_with("error: the following required arguments were not provided:"));
}

#[test]
fn a_bad_lang_is_a_usage_error_in_both_languages() {
    for args in [
        &["--lang", "xx", "help"][..],
        &["chaos", "--lang", "xx", "--seeds", "1"][..],
        &["chaos", "--lang=fr"][..],
        &["help", "--lang"][..],
    ] {
        let (code, out, err) = quorum(KO, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{out}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert!(lines[0].starts_with("quorum: --lang ") && lines[0].contains("en or ko"));
        assert!(lines[1].starts_with("quorum: --lang") && lines[1].contains("en 또는 ko"));
    }
}

fn json(out: &str) -> Value {
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

#[test]
fn json_is_the_same_in_both_languages() {
    // Fully deterministic outputs: byte-identical.
    for args in [
        &["experiment", "election", "--trials", "20", "--json"][..],
        &["experiment", "leader-election", "--trials", "10", "--json"][..],
    ] {
        let (en, ko) = (quorum(C, args), quorum(KO, args));
        assert_eq!(en.0, 0, "{}", en.2);
        assert_eq!(en, ko, "{args:?}");
    }
    // Chaos and bench also carry wall-clock times: equal apart from those.
    let timed = [
        (
            &["chaos", "--seeds", "1", "--duration", "4", "--json"][..],
            &["seconds"][..],
        ),
        (
            &["bench", "--seconds", "3", "--seeks", "3", "--json"][..],
            &["wall_s", "events_per_sec", "seek_ms_mean", "seek_ms_max"][..],
        ),
    ];
    for (args, clock) in timed {
        let (en, ko) = (quorum(C, args), quorum(KO, args));
        assert_eq!((en.0, ko.0), (0, 0), "{}{}", en.2, ko.2);
        let (mut en, mut ko) = (json(&en.1), json(&ko.1));
        for key in clock {
            for v in [&mut en, &mut ko] {
                let m = v.as_object_mut().expect("an object");
                assert!(m.remove(*key).is_some_and(|t| t.is_number()), "{key}");
            }
        }
        assert_eq!(en, ko, "{args:?}");
    }
}

#[test]
fn the_etcdctl_terminal_stays_english() {
    let input = "export ETCDCTL_API=3\netcdctl put name john\netcdctl get name\netcdctl get\n";
    let args = ["etcdctl", "--local", "--echo"];
    let en = quorum_in(C, &args, input);
    let ko = quorum_in(KO, &args, input);
    assert!(
        en.1.contains("OK\n") && en.1.contains("name\njohn\n"),
        "{}",
        en.1
    );
    assert_eq!(en, ko);
}
