//! From lines to a [`Lesson`]: which keys go where, pairing the two languages, and the
//! checks that make a half-written lesson an error rather than a broken page.

use super::error::{ErrorKind, LessonError};
use super::lines::Entry;
use super::vocab::{self, tokens, Action, Goal, VocabError};
use super::{Lesson, Predict, Section, Step, Task};
use crate::text::{Lang, Text};
use litemap::LiteMap;

/// Keys written `key.en` / `key.ko`.
const HEADER_TEXT: &[&str] = &["title", "summary"];
const HEADER_PLAIN: &[&str] = &["id", "section"];
const STEP_TEXT: &[&str] = &[
    "title", "say", "task", "hint", "predict", "choice", "explain",
];
const STEP_PLAIN: &[&str] = &["setup", "goal", "answer", "reveal"];
/// Keys that may appear many times (each `say`/`choice` pairs by order).
const REPEATABLE: &[&str] = &["say", "choice", "setup", "goal", "reveal"];

/// A value with where it came from.
#[derive(Clone, Debug)]
struct Located {
    value: String,
    line: usize,
    value_col: usize,
}

/// Everything collected for the header or one step, by full key (`say.en`).
#[derive(Default)]
struct Block {
    line: usize,
    values: LiteMap<String, Vec<Located>>,
    actions: Vec<(Action, usize, usize)>,
    reveal: Vec<(Action, usize, usize)>,
    goals: Vec<(Goal, usize)>,
}

pub fn assemble(entries: Vec<Entry>) -> Result<Lesson, LessonError> {
    let mut header = Block {
        line: 1,
        ..Block::default()
    };
    let mut steps: Vec<Block> = Vec::new();
    let mut last_line = 1;
    for entry in entries {
        match entry {
            Entry::Step { line } => {
                last_line = line;
                steps.push(Block {
                    line,
                    ..Block::default()
                });
            }
            Entry::Pair {
                key,
                value,
                line,
                key_col,
                value_col,
            } => {
                last_line = line;
                let in_step = !steps.is_empty();
                let block = match steps.last_mut() {
                    Some(step) => step,
                    None => &mut header,
                };
                add(
                    block,
                    in_step,
                    key,
                    Located {
                        value,
                        line,
                        value_col,
                    },
                    key_col,
                )?;
            }
        }
    }
    let mut lesson = finish_header(&header)?;
    if steps.is_empty() {
        return Err(LessonError::at(last_line, None, ErrorKind::NoSteps));
    }
    let mut nodes = super::Settings::default().nodes;
    for block in &steps {
        lesson.steps.push(finish_step(block, &mut nodes)?);
    }
    Ok(lesson)
}

fn add(
    block: &mut Block,
    in_step: bool,
    key: String,
    v: Located,
    key_col: usize,
) -> Result<(), LessonError> {
    let at_key = |kind| LessonError::at(v.line, Some(key_col + 1), kind);
    let (base, lang) = match key.split_once('.') {
        Some((b, l)) => (b, Some(l)),
        None => (key.as_str(), None),
    };
    let (text_keys, plain_keys, other_text, other_plain) = if in_step {
        (STEP_TEXT, STEP_PLAIN, HEADER_TEXT, HEADER_PLAIN)
    } else {
        (HEADER_TEXT, HEADER_PLAIN, STEP_TEXT, STEP_PLAIN)
    };
    let known_here = match lang {
        Some(l) => text_keys.contains(&base) && Lang::from_code(l).is_some(),
        None => plain_keys.contains(&base),
    };
    if !known_here {
        let known_elsewhere = match lang {
            Some(l) => other_text.contains(&base) && Lang::from_code(l).is_some(),
            None => other_plain.contains(&base),
        };
        return Err(at_key(if known_elsewhere {
            ErrorKind::KeyNotAllowedHere { key }
        } else {
            ErrorKind::UnknownKey { key }
        }));
    }
    if v.value.is_empty() {
        return Err(at_key(ErrorKind::EmptyValue { key }));
    }
    let previous = block.values.get(&key).and_then(|vs| vs.first());
    if let (Some(first), false) = (previous, REPEATABLE.contains(&base)) {
        let first_line = first.line;
        return Err(at_key(ErrorKind::DuplicateKey { key, first_line }));
    }
    match base {
        "setup" => block.actions.extend(parse_actions(&v, false)?),
        "reveal" => block.reveal.extend(parse_actions(&v, true)?),
        "goal" => block.goals.push((goal(&v)?, v.line)),
        _ => {}
    }
    block.values.entry(key).or_default().push(v);
    Ok(())
}

/// Turns an error inside a value into one located in the file.
fn locate(v: &Located, e: VocabError) -> LessonError {
    LessonError::at(v.line, Some(v.value_col + e.offset + 1), e.kind)
}

fn unterminated(v: &Located, u: tokens::Unterminated) -> LessonError {
    LessonError::at(
        v.line,
        Some(v.value_col + u.offset + 1),
        ErrorKind::UnterminatedQuote,
    )
}

/// Parses a `;`-separated list of actions. With `in_reveal`, settings are refused.
fn parse_actions(v: &Located, in_reveal: bool) -> Result<Vec<(Action, usize, usize)>, LessonError> {
    let mut out = Vec::new();
    for (command, start) in tokens::split_commands(&v.value).map_err(|u| unterminated(v, u))? {
        let words = tokens::words(&command, start).map_err(|u| unterminated(v, u))?;
        let action = vocab::parse_action(&command, &words).map_err(|e| locate(v, e))?;
        let col = v.value_col + start + 1;
        if in_reveal && action.is_setting() {
            let word = words.first().map(|w| w.text.clone()).unwrap_or_default();
            return Err(LessonError::at(
                v.line,
                Some(col),
                ErrorKind::SettingInReveal { word },
            ));
        }
        out.push((action, v.line, col));
    }
    Ok(out)
}

fn goal(v: &Located) -> Result<Goal, LessonError> {
    let words = tokens::words(&v.value, 0).map_err(|u| unterminated(v, u))?;
    vocab::parse_goal(&v.value, &words).map_err(|e| locate(v, e))
}

fn first<'a>(block: &'a Block, key: &str) -> Option<&'a Located> {
    block.values.get(key).and_then(|vs| vs.first())
}

fn all<'a>(block: &'a Block, key: &str) -> &'a [Located] {
    block.values.get(key).map_or(&[], Vec::as_slice)
}

fn has_any(block: &Block, base: &str) -> bool {
    block
        .values
        .keys()
        .any(|k| k == base || k.strip_prefix(base).is_some_and(|r| r.starts_with('.')))
}

/// `base.en` and `base.ko`, both or neither; `None` when neither is present.
fn text(block: &Block, base: &str) -> Result<Option<Text>, LessonError> {
    let en = first(block, &format!("{base}.en"));
    let ko = first(block, &format!("{base}.ko"));
    match (en, ko) {
        (None, None) => Ok(None),
        (Some(en), Some(ko)) => Ok(Some(Text::owned(en.value.clone(), ko.value.clone()))),
        (Some(one), None) | (None, Some(one)) => {
            let missing = if en.is_some() { "ko" } else { "en" };
            let kind = ErrorKind::MissingKey {
                key: format!("{base}.{missing}"),
            };
            Err(LessonError::at(one.line, None, kind))
        }
    }
}

fn required_text(block: &Block, base: &str) -> Result<Text, LessonError> {
    text(block, base)?.ok_or_else(|| {
        LessonError::at(
            block.line,
            None,
            ErrorKind::MissingKey {
                key: format!("{base}.en"),
            },
        )
    })
}

/// Repeated `base.en` / `base.ko` lines, paired by order.
fn paired(block: &Block, base: &str) -> Result<Vec<Text>, LessonError> {
    let en = all(block, &format!("{base}.en"));
    let ko = all(block, &format!("{base}.ko"));
    if en.len() != ko.len() {
        let (longer, key, missing) = if en.len() > ko.len() {
            (&en[ko.len()], "en", "ko")
        } else {
            (&ko[en.len()], "ko", "en")
        };
        let kind = ErrorKind::UnpairedTranslation {
            key: format!("{base}.{key}"),
            missing: format!("{base}.{missing}"),
        };
        return Err(LessonError::at(longer.line, None, kind));
    }
    Ok(en
        .iter()
        .zip(ko)
        .map(|(e, k)| Text::owned(e.value.clone(), k.value.clone()))
        .collect())
}

fn finish_header(h: &Block) -> Result<Lesson, LessonError> {
    let id = first(h, "id")
        .ok_or_else(|| LessonError::at(1, None, ErrorKind::MissingKey { key: "id".into() }))?;
    let valid = id
        .value
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        let kind = ErrorKind::BadId {
            id: id.value.clone(),
        };
        return Err(LessonError::at(id.line, Some(id.value_col + 1), kind));
    }
    let section = match first(h, "section") {
        None => None,
        Some(v) => Some(Section::from_name(&v.value).ok_or_else(|| {
            let expected = Section::ALL.map(Section::name).join(", ");
            let kind = ErrorKind::UnknownValue {
                key: "section".into(),
                value: v.value.clone(),
                expected,
            };
            LessonError::at(v.line, Some(v.value_col + 1), kind)
        })?),
    };
    Ok(Lesson {
        id: id.value.clone(),
        title: required_text(h, "title")?,
        summary: text(h, "summary")?,
        section,
        steps: Vec::new(),
    })
}

fn finish_step(b: &Block, nodes: &mut u8) -> Result<Step, LessonError> {
    let title = required_text(b, "title")?;
    let say = paired(b, "say")?;
    if say.is_empty() {
        return Err(LessonError::at(
            b.line,
            None,
            ErrorKind::MissingKey {
                key: "say.en".into(),
            },
        ));
    }
    check_servers(&b.actions, nodes)?;
    check_servers(&b.reveal, nodes)?;
    Ok(Step {
        line: b.line,
        title,
        say,
        setup: b.actions.iter().map(|(a, _, _)| a.clone()).collect(),
        task: task(b)?,
        hint: text(b, "hint")?,
        predict: predict(b)?,
    })
}

/// Every `S<n>` must exist given the `nodes` / `add-server` / `remove-server` so far.
fn check_servers(actions: &[(Action, usize, usize)], nodes: &mut u8) -> Result<(), LessonError> {
    for (a, line, col) in actions {
        if let Some(&server) = a.servers().iter().find(|s| **s > *nodes) {
            let kind = ErrorKind::ServerOutOfRange {
                server,
                nodes: *nodes,
            };
            return Err(LessonError::at(*line, Some(*col), kind));
        }
        match a {
            Action::Nodes { n } => *nodes = *n,
            Action::Scenario { .. } => *nodes = 5,
            Action::AddServer | Action::AddLearner => *nodes = nodes.saturating_add(1).min(9),
            _ => {}
        }
    }
    Ok(())
}

fn task(b: &Block) -> Result<Option<Task>, LessonError> {
    let text = text(b, "task")?;
    match (text, b.goals.first()) {
        (None, None) => Ok(None),
        (Some(text), Some(_)) => Ok(Some(Task {
            text,
            goals: b.goals.iter().map(|(g, _)| g.clone()).collect(),
        })),
        (Some(_), None) => {
            let line = first(b, "task.en").map_or(b.line, |v| v.line);
            Err(LessonError::at(line, None, ErrorKind::TaskWithoutGoal))
        }
        (None, Some((_, line))) => Err(LessonError::at(*line, None, ErrorKind::GoalWithoutTask)),
    }
}

fn predict(b: &Block) -> Result<Option<Predict>, LessonError> {
    let any = ["predict", "choice", "answer", "explain"]
        .iter()
        .any(|k| has_any(b, k));
    if !any {
        if let Some((_, line, col)) = b.reveal.first() {
            return Err(LessonError::at(
                *line,
                Some(*col),
                ErrorKind::RevealWithoutPredict,
            ));
        }
        return Ok(None);
    }
    let missing = |key: &str| {
        LessonError::at(
            b.line,
            None,
            ErrorKind::PredictIncomplete {
                missing: key.into(),
            },
        )
    };
    let question = text(b, "predict")?.ok_or_else(|| missing("predict.en"))?;
    let choices = paired(b, "choice")?;
    if choices.len() < 2 {
        let line = first(b, "choice.en").map_or(b.line, |v| v.line);
        return Err(LessonError::at(
            line,
            None,
            ErrorKind::TooFewChoices {
                choices: choices.len(),
            },
        ));
    }
    let answer_v = first(b, "answer").ok_or_else(|| missing("answer"))?;
    let answer = match answer_v.value.parse::<usize>() {
        Ok(n) if (1..=choices.len()).contains(&n) => n - 1,
        _ => {
            let kind = ErrorKind::AnswerOutOfRange {
                answer: answer_v.value.clone(),
                choices: choices.len(),
            };
            return Err(LessonError::at(
                answer_v.line,
                Some(answer_v.value_col + 1),
                kind,
            ));
        }
    };
    Ok(Some(Predict {
        question,
        choices,
        answer,
        explain: text(b, "explain")?,
        reveal: b.reveal.iter().map(|(a, _, _)| a.clone()).collect(),
    }))
}
