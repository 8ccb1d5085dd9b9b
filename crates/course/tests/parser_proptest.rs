//! The lesson parser never panics: arbitrary text, and mutations of real lessons, give
//! either a lesson or an error whose line lies inside the input.

use proptest::prelude::*;
use quorum_course::lesson::{parse, BUNDLE};

fn check(src: &str) -> Result<(), TestCaseError> {
    match parse(src) {
        Ok(lesson) => prop_assert!(!lesson.steps.is_empty()),
        Err(e) => {
            let lines = src.split('\n').count().max(1);
            prop_assert!(
                e.line >= 1 && e.line <= lines,
                "line {} of {}",
                e.line,
                lines
            );
            if let Some(c) = e.column {
                prop_assert!(c >= 1);
            }
            let m = e.message();
            prop_assert!(!m.en.is_empty() && !m.ko.is_empty());
        }
    }
    Ok(())
}

/// Lines that look like the format, to get past the first line more often.
fn line() -> impl Strategy<Value = String> {
    let keys = prop::sample::select(vec![
        "id",
        "title.en",
        "title.ko",
        "say.en",
        "say.ko",
        "setup",
        "goal",
        "task.en",
        "task.ko",
        "predict.en",
        "predict.ko",
        "choice.en",
        "choice.ko",
        "answer",
        "reveal",
        "section",
        "explain.en",
        "hint.ko",
        "bogus",
    ]);
    let values = prop::sample::select(vec![
        "x",
        "t",
        "1",
        "3",
        "0",
        "nodes 5; stop S3",
        "stop S9",
        "partition S1,S2 | S3",
        "partition S1 |",
        "\"open",
        "etcdctl put \"a;b\" c",
        "quorum-lost",
        "term-above x",
        "advance 99999999999999999999s",
        "election-timeout 300-150ms",
        "raft",
        "",
    ]);
    prop_oneof![
        (keys, values).prop_map(|(k, v)| format!("{k} = {v}")),
        Just("[step]".to_string()),
        Just("[stepp]".to_string()),
        Just("# comment".to_string()),
        ".{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(src in ".{0,400}") {
        check(&src)?;
    }

    #[test]
    fn format_like_lines_never_panic(lines in prop::collection::vec(line(), 0..40)) {
        check(&lines.join("\n"))?;
    }

    #[test]
    fn mutated_lessons_never_panic(
        which in 0..BUNDLE.len(),
        cut in 0usize..20_000,
        insert in ".{0,20}",
    ) {
        let src = BUNDLE[which].1;
        let mut at = cut.min(src.len());
        while !src.is_char_boundary(at) {
            at -= 1;
        }
        check(&format!("{}{}{}", &src[..at], insert, &src[at..]))?;
        check(&src[..at])?;
    }
}
