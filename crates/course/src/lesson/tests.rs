//! Parser tests: a complete lesson, and each kind of mistake located on its line.

use super::*;
use crate::text::Lang;

const GOOD: &str = r#"
# A tiny lesson.
id = tiny
section = etcd-ha
title.en = Lose quorum
title.ko = 쿼럼 잃기

[step]
title.en = Three nodes
title.ko = 노드 세 개
say.en = Three servers, no leader yet.
say.ko = 서버 세 대, 아직 리더가 없습니다.
say.en = Watch the `term`.
say.ko = `term`을 지켜보세요.
setup = seed 7; nodes 3; wait-leader
task.en = Stop two servers.
task.ko = 서버 두 대를 멈추세요.
goal = quorum-lost
goal = servers-down 2
predict.en = Will a write succeed?
predict.ko = 쓰기가 성공할까요?
choice.en = Yes
choice.ko = 예
choice.en = No
choice.ko = 아니요
answer = 2
explain.en = One of three is not a majority.
explain.ko = 셋 중 하나는 과반수가 아닙니다.
reveal = write name john; advance 2s

[step]
title.en = Heal
title.ko = 복구
say.en = Bring them back.
say.ko = 다시 살립니다.
setup = restart all; etcdctl get name
"#;

fn err(src: &str) -> LessonError {
    match parse(src) {
        Ok(l) => panic!("parsed: {l:?}"),
        Err(e) => e,
    }
}

fn with_step(step_body: &str) -> String {
    format!("id = t\ntitle.en = T\ntitle.ko = 티\n[step]\ntitle.en = S\ntitle.ko = 에스\nsay.en = a\nsay.ko = 가\n{step_body}")
}

#[test]
fn a_complete_lesson_parses() {
    let l = parse(GOOD).unwrap();
    assert_eq!(l.id, "tiny");
    assert_eq!(l.section, Some(Section::EtcdHa));
    assert_eq!(l.steps.len(), 2);
    let s = &l.steps[0];
    assert_eq!(s.line, 8);
    assert_eq!(s.say.len(), 2);
    assert_eq!(s.say[1].get(Lang::Ko), "`term`을 지켜보세요.");
    assert_eq!(
        s.setup,
        vec![
            Action::Seed { seed: 7 },
            Action::Nodes { n: 3 },
            Action::WaitLeader
        ]
    );
    let task = s.task.as_ref().unwrap();
    assert_eq!(
        task.goals,
        vec![Goal::QuorumLost, Goal::ServersDown { n: 2 }]
    );
    let p = s.predict.as_ref().unwrap();
    assert_eq!(p.answer, 1);
    assert_eq!(p.choices[1].ko, "아니요");
    assert_eq!(p.reveal.len(), 2);
    assert_eq!(
        l.steps[1].setup[1],
        Action::Terminal {
            line: "etcdctl get name".into()
        }
    );
}

#[test]
fn settings_and_jumps() {
    let l = parse(GOOD).unwrap();
    assert!(l.rebuilds(0));
    assert!(!l.rebuilds(1));
    assert_eq!(l.settings_at(1).seed, 7);
    // Jumping to step 2 replays step 1's script and reveal, then step 2's.
    let script = l.jump_script(1);
    assert_eq!(script.first(), Some(&Action::WaitLeader));
    assert!(script.contains(&Action::Write {
        key: "name".into(),
        value: "john".into()
    }));
    assert_eq!(
        script.last(),
        Some(&Action::Terminal {
            line: "etcdctl get name".into()
        })
    );
    assert_eq!(l.jump_script(0), vec![Action::WaitLeader]);
}

#[test]
fn mistakes_name_their_line_and_column() {
    let e = err(&with_step("setup = nodes 3; stpo leader\n"));
    assert_eq!((e.line, e.column), (9, Some(18)));
    assert!(matches!(e.kind, ErrorKind::UnknownAction { .. }));
    assert!(e
        .message()
        .en
        .starts_with("line 9, column 18: unknown action `stpo`"));
    assert!(e
        .message()
        .ko
        .starts_with("9번째 줄 18번째 칸: 알 수 없는 동작 `stpo`"));

    let e = err(&with_step("goal = term-above x\n"));
    assert_eq!((e.line, e.column), (9, Some(19)));

    let e = err(&with_step("say.en = b\n"));
    assert_eq!(e.line, 9);
    assert!(matches!(e.kind, ErrorKind::UnpairedTranslation { .. }));

    let e = err(&with_step("title.en = again\n"));
    assert_eq!(
        e.kind,
        ErrorKind::DuplicateKey {
            key: "title.en".into(),
            first_line: 5
        }
    );

    let e = err(&with_step("id = x\n"));
    assert!(matches!(e.kind, ErrorKind::KeyNotAllowedHere { .. }));

    let e = err(&with_step("sya.en = x\n"));
    assert_eq!((e.line, e.column), (9, Some(1)));
    assert!(matches!(e.kind, ErrorKind::UnknownKey { .. }));

    let e = err(&with_step("setup = write k \"unclosed\n"));
    assert_eq!((e.line, e.column), (9, Some(17)));
    assert_eq!(e.kind, ErrorKind::UnterminatedQuote);

    let e = err(&with_step("setup = nodes 3; stop S4\n"));
    assert_eq!(
        e.kind,
        ErrorKind::ServerOutOfRange {
            server: 4,
            nodes: 3
        }
    );
    assert_eq!(e.column, Some(18));
}

#[test]
fn incomplete_parts_are_errors() {
    assert_eq!(
        err(&with_step("task.en = x\ntask.ko = y\n")).kind,
        ErrorKind::TaskWithoutGoal
    );
    assert_eq!(
        err(&with_step("goal = quorum-lost\n")).kind,
        ErrorKind::GoalWithoutTask
    );
    let e = err(&with_step("task.en = x\ngoal = quorum-lost\n"));
    assert_eq!(
        e.kind,
        ErrorKind::MissingKey {
            key: "task.ko".into()
        }
    );
    assert_eq!(
        err(&with_step("reveal = heal\n")).kind,
        ErrorKind::RevealWithoutPredict
    );
    let predict = "predict.en = q\npredict.ko = 질문\nchoice.en = a\nchoice.ko = 가\n";
    assert_eq!(
        err(&with_step(predict)).kind,
        ErrorKind::TooFewChoices { choices: 1 }
    );
    let two = format!("{predict}choice.en = b\nchoice.ko = 나\n");
    assert_eq!(
        err(&with_step(&two)).kind,
        ErrorKind::PredictIncomplete {
            missing: "answer".into()
        }
    );
    let e = err(&with_step(&format!("{two}answer = 3\n")));
    assert_eq!(
        e.kind,
        ErrorKind::AnswerOutOfRange {
            answer: "3".into(),
            choices: 2
        }
    );
    let e = err(&with_step(&format!("{two}answer = 1\nreveal = nodes 5\n")));
    assert_eq!(
        e.kind,
        ErrorKind::SettingInReveal {
            word: "nodes".into()
        }
    );
    assert_eq!(
        err("id = t\ntitle.en = T\ntitle.ko = 티\n").kind,
        ErrorKind::NoSteps
    );
    assert_eq!(
        err("title.en = T\n").kind,
        ErrorKind::MissingKey { key: "id".into() }
    );
    assert!(matches!(err("id = Bad_Id\n").kind, ErrorKind::BadId { .. }));
    let e = err("id = t\nsection = nope\n");
    assert!(matches!(e.kind, ErrorKind::UnknownValue { .. }));
    let e = err("id = t\ntitle.en = T\ntitle.ko = 티\n[step]\ntitle.en = S\ntitle.ko = 에스\n");
    assert_eq!(
        (e.line, e.kind),
        (
            4,
            ErrorKind::MissingKey {
                key: "say.en".into()
            }
        )
    );
}
