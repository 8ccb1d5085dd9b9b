//! Every shipped lesson parses and meets the course's bar: 4–10 steps, each with
//! narration, a setup and a checkable task; at least one predict question; every
//! section of the notes covered; the index, the files and the bundle agree.

use quorum_course::lesson::{bundle, bundled_ids, parse_index, Section};
use std::collections::BTreeSet;
use std::path::Path;

fn lessons_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www/lessons")
}

#[test]
fn every_bundled_lesson_parses_and_meets_the_bar() {
    let mut sections = BTreeSet::new();
    let lessons = bundle();
    assert!(lessons.len() >= 11, "only {} lessons", lessons.len());
    for loaded in lessons {
        let lesson = match loaded {
            Ok(l) => l,
            Err(e) => panic!("{}\n{}", e.message().en, e.message().ko),
        };
        let n = lesson.steps.len();
        assert!((4..=10).contains(&n), "{}: {n} steps", lesson.id);
        assert!(lesson.summary.is_some(), "{}: no summary", lesson.id);
        sections.insert(lesson.section.expect("section"));
        let predicts = lesson.steps.iter().filter(|s| s.predict.is_some()).count();
        assert!(predicts >= 1, "{}: no predict question", lesson.id);
        for (i, step) in lesson.steps.iter().enumerate() {
            let at = format!("{} step {}", lesson.id, i + 1);
            assert!(!step.setup.is_empty(), "{at}: no setup");
            assert!(step.task.is_some(), "{at}: no task");
            for text in step.say.iter().chain([&step.title]) {
                assert!(!text.en.is_empty() && !text.ko.is_empty(), "{at}");
                // Korean text is really Korean (at least one Hangul syllable), unless it is
                // only a command in backticks.
                let hangul = text
                    .ko
                    .chars()
                    .any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
                assert!(
                    hangul || text.ko.starts_with('`'),
                    "{at}: `{}` is not Korean",
                    text.ko
                );
            }
            // Deep links: every step can be reached directly.
            let _ = lesson.jump_script(i);
        }
    }
    for s in Section::ALL {
        assert!(sections.contains(&s), "no lesson for {s:?}");
    }
}

#[test]
fn index_files_and_bundle_agree() {
    let dir = lessons_dir();
    let index = std::fs::read_to_string(dir.join("index")).expect("index");
    let listed = parse_index(&index);
    assert_eq!(
        listed,
        bundled_ids(),
        "bundle is stale or a listed file is missing"
    );
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".lesson")
                .map(str::to_string)
        })
        .collect();
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, on_disk, "every .lesson file is listed in the index");
}

#[test]
fn the_notes_commands_appear_verbatim() {
    let src = quorum_course::lesson::bundled_source("etcd-install").expect("etcd-install");
    for cmd in [
        "wget -q --https-only \"https://github.com/coreos/etcd/releases/download/v3.3.9/etcd-v3.3.9-linux-amd64.tar.gz\"",
        "tar -xvf etcd-v3.3.9-linux-amd64.tar.gz",
        "mv etcd-v3.3.9-linux-amd64/etcd* /usr/local/bin/",
        "mkdir -p /etc/etcd /var/lib/etcd",
        "cp ca.pem kubernetes-key.pem kubernetes.pem /etc/etcd/",
        "export ETCDCTL_API=3",
        "etcdctl put name john",
        "etcdctl get name",
        "etcdctl get / --prefix --keys-only",
    ] {
        assert!(src.contains(cmd), "missing `{cmd}`");
    }
    let ha = quorum_course::lesson::bundled_source("ha-control-plane").expect("ha");
    assert!(ha.contains("--leader-elect-lease-duration 15s --leader-elect-renew-deadline 10s --leader-elect-retry-period 2s"));
}

#[test]
fn readme_example_parses_and_documents_every_word() {
    let readme = include_str!("../README.md");
    let example = readme
        .split("### Example\n```\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("example block");
    let lesson = quorum_course::lesson::parse(example).expect("README example parses");
    assert_eq!(lesson.id, "quorum-demo");
    for w in quorum_course::lesson::ACTIONS
        .iter()
        .chain(quorum_course::lesson::GOALS)
    {
        assert!(
            readme.contains(&format!("| `{}` |", w.word)),
            "README lacks `{}`",
            w.word
        );
    }
}
