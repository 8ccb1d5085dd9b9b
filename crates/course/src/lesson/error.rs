//! Lesson file errors: where (1-based line, optional 1-based column in characters) and
//! what, worded in English and Korean.

use crate::text::Text;
use serde::Serialize;

/// A malformed lesson file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LessonError {
    /// 1-based line number (always ≥ 1).
    pub line: usize,
    /// 1-based column (in characters) of the offending word, when there is one.
    pub column: Option<usize>,
    pub kind: ErrorKind,
}

/// What is wrong. Fields carry the offending text so the message can quote it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum ErrorKind {
    /// A line that is neither a comment, a `[section]` nor `key = value`.
    ExpectedKeyValue,
    UnknownSection {
        name: String,
    },
    UnknownKey {
        key: String,
    },
    /// A key that belongs in a step but appears in the header, or the reverse.
    KeyNotAllowedHere {
        key: String,
    },
    DuplicateKey {
        key: String,
        first_line: usize,
    },
    EmptyValue {
        key: String,
    },
    /// An indented line with no key before it to continue.
    ContinuationWithoutKey,
    /// A required key is missing from the header or from the step starting at `line`.
    MissingKey {
        key: String,
    },
    /// `say.en` / `choice.en` lines must pair with as many `.ko` lines (and the reverse).
    UnpairedTranslation {
        key: String,
        missing: String,
    },
    BadId {
        id: String,
    },
    UnknownValue {
        key: String,
        value: String,
        expected: String,
    },
    NoSteps,
    UnknownAction {
        word: String,
        expected: String,
    },
    UnknownGoal {
        word: String,
        expected: String,
    },
    MissingArgument {
        word: String,
        syntax: String,
    },
    ExtraArgument {
        word: String,
        syntax: String,
        arg: String,
    },
    BadArgument {
        word: String,
        syntax: String,
        arg: String,
    },
    UnterminatedQuote,
    /// `goal` without `task.en`/`task.ko`, or the reverse.
    TaskWithoutGoal,
    GoalWithoutTask,
    /// A predict question lacks one of its parts.
    PredictIncomplete {
        missing: String,
    },
    TooFewChoices {
        choices: usize,
    },
    AnswerOutOfRange {
        answer: String,
        choices: usize,
    },
    RevealWithoutPredict,
    /// `reveal` runs on the world as it is; settings (which rebuild it) belong in `setup`.
    SettingInReveal {
        word: String,
    },
    /// A server number above the cluster size in force at that point of the lesson.
    ServerOutOfRange {
        server: u8,
        nodes: u8,
    },
    /// The same server in two groups of a partition.
    ServerInTwoGroups {
        server: String,
    },
}

impl LessonError {
    pub fn at(line: usize, column: Option<usize>, kind: ErrorKind) -> LessonError {
        LessonError {
            line: line.max(1),
            column,
            kind,
        }
    }

    /// The full message with its location, e.g. "line 12, column 9: unknown action `stpo` …".
    pub fn message(&self) -> Text {
        let detail = self.kind.detail();
        let (en, ko) = match self.column {
            Some(c) => (
                format!("line {}, column {c}: {}", self.line, detail.en),
                format!("{}번째 줄 {c}번째 칸: {}", self.line, detail.ko),
            ),
            None => (
                format!("line {}: {}", self.line, detail.en),
                format!("{}번째 줄: {}", self.line, detail.ko),
            ),
        };
        Text::owned(en, ko)
    }
}

impl std::fmt::Display for LessonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for LessonError {}

impl ErrorKind {
    /// The message without the location.
    pub fn detail(&self) -> Text {
        use ErrorKind::*;
        let (en, ko) = match self {
            ExpectedKeyValue => (
                "expected `key = value`, a `[step]` line or a `#` comment".to_string(),
                "`키 = 값`, `[step]` 줄, 또는 `#` 주석이어야 합니다".to_string(),
            ),
            UnknownSection { name } => (
                format!("unknown section `[{name}]`; only `[step]` exists"),
                format!("알 수 없는 섹션 `[{name}]`입니다. 섹션은 `[step]`뿐입니다"),
            ),
            UnknownKey { key } => (
                format!("unknown key `{key}`"),
                format!("알 수 없는 키 `{key}`입니다"),
            ),
            KeyNotAllowedHere { key } => (
                format!("`{key}` is not allowed here (header keys go before the first `[step]`, step keys after it)"),
                format!("`{key}`은(는) 여기에 쓸 수 없습니다 (헤더 키는 첫 `[step]` 앞에, 단계 키는 그 뒤에 씁니다)"),
            ),
            DuplicateKey { key, first_line } => (
                format!("`{key}` is given twice (first on line {first_line})"),
                format!("`{key}`이(가) 두 번 나옵니다 (처음은 {first_line}번째 줄)"),
            ),
            EmptyValue { key } => (
                format!("`{key}` has an empty value"),
                format!("`{key}`의 값이 비어 있습니다"),
            ),
            ContinuationWithoutKey => (
                "an indented continuation line with no `key = value` before it".to_string(),
                "들여쓴 이어쓰기 줄 앞에 `키 = 값` 줄이 없습니다".to_string(),
            ),
            MissingKey { key } => (
                format!("`{key}` is missing"),
                format!("`{key}`이(가) 없습니다"),
            ),
            UnpairedTranslation { key, missing } => (
                format!("this `{key}` has no matching `{missing}`: write both languages side by side"),
                format!("이 `{key}`에 짝이 되는 `{missing}`이(가) 없습니다. 두 언어를 나란히 써 주세요"),
            ),
            BadId { id } => (
                format!("bad lesson id `{id}`: use lowercase letters, digits and `-`"),
                format!("수업 id `{id}`이(가) 잘못되었습니다. 영문 소문자, 숫자, `-`만 쓸 수 있습니다"),
            ),
            UnknownValue { key, value, expected } => (
                format!("`{value}` is not a valid `{key}`; expected one of: {expected}"),
                format!("`{value}`은(는) `{key}`에 쓸 수 없는 값입니다. 가능한 값: {expected}"),
            ),
            NoSteps => (
                "the lesson has no `[step]`".to_string(),
                "수업에 `[step]`이 하나도 없습니다".to_string(),
            ),
            UnknownAction { word, expected } => (
                format!("unknown action `{word}`; actions are: {expected}"),
                format!("알 수 없는 동작 `{word}`입니다. 사용할 수 있는 동작: {expected}"),
            ),
            UnknownGoal { word, expected } => (
                format!("unknown goal `{word}`; goals are: {expected}"),
                format!("알 수 없는 목표 `{word}`입니다. 사용할 수 있는 목표: {expected}"),
            ),
            MissingArgument { word, syntax } => (
                format!("`{word}` needs more: `{syntax}`"),
                format!("`{word}`에 인자가 부족합니다: `{syntax}`"),
            ),
            ExtraArgument { word, syntax, arg } => (
                format!("unexpected `{arg}` after `{word}`: `{syntax}`"),
                format!("`{word}` 뒤에 예상하지 못한 `{arg}`이(가) 있습니다: `{syntax}`"),
            ),
            BadArgument { word, syntax, arg } => (
                format!("`{arg}` is not valid for `{word}`: `{syntax}`"),
                format!("`{arg}`은(는) `{word}`에 쓸 수 없습니다: `{syntax}`"),
            ),
            UnterminatedQuote => (
                "a `\"` quote is not closed".to_string(),
                "`\"` 따옴표가 닫히지 않았습니다".to_string(),
            ),
            TaskWithoutGoal => (
                "`task.en`/`task.ko` need at least one `goal` the simulation can check".to_string(),
                "`task.en`/`task.ko`에는 시뮬레이션이 확인할 `goal`이 하나 이상 필요합니다".to_string(),
            ),
            GoalWithoutTask => (
                "a `goal` needs `task.en` and `task.ko` telling the student what to do".to_string(),
                "`goal`에는 학생에게 할 일을 알려 주는 `task.en`과 `task.ko`가 필요합니다".to_string(),
            ),
            PredictIncomplete { missing } => (
                format!("the predict question is missing `{missing}`"),
                format!("예측 질문에 `{missing}`이(가) 빠져 있습니다"),
            ),
            TooFewChoices { choices } => (
                format!("a predict question needs at least 2 choices, found {choices}"),
                format!("예측 질문에는 선택지가 2개 이상 필요하지만 {choices}개뿐입니다"),
            ),
            AnswerOutOfRange { answer, choices } => (
                format!("`answer = {answer}` must be a choice number from 1 to {choices}"),
                format!("`answer = {answer}`는 1부터 {choices} 사이의 선택지 번호여야 합니다"),
            ),
            RevealWithoutPredict => (
                "`reveal` runs after a predict question, but this step has none".to_string(),
                "`reveal`은 예측 질문 뒤에 실행되는데, 이 단계에는 예측 질문이 없습니다".to_string(),
            ),
            SettingInReveal { word } => (
                format!("`{word}` rebuilds the world, so it belongs in `setup`, not in `reveal`"),
                format!("`{word}`은(는) 세계를 새로 만드는 설정이므로 `reveal`이 아니라 `setup`에 써야 합니다"),
            ),
            ServerOutOfRange { server, nodes } => (
                format!("S{server} does not exist: the cluster has {nodes} servers at this point"),
                format!("그런 서버(S{server})는 없습니다. 이 시점의 클러스터 서버는 {nodes}대입니다"),
            ),
            ServerInTwoGroups { server } => (
                format!("`{server}` is in two groups of the partition"),
                format!("분할의 두 그룹에 모두 들어 있는 서버가 있습니다: `{server}`"),
            ),
        };
        Text::owned(en, ko)
    }
}
