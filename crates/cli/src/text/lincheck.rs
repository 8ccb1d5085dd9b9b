//! `quorum lincheck`: Korean help, messages, verdict and witness lines.

use super::args::Korean;
use super::Lang;
use quorum_sim::lincheck::Verdict;

pub const KOREAN: Korean = Korean {
    about: "Jepsen/EDN 히스토리의 선형화 가능성 검사",
    args: &[
        ("format", "히스토리 형식; 생략하면 내용을 보고 판별"),
        (
            "timeout",
            "파일 하나에 이 시간(초)이 지나면 포기하고 \"판정 불가\"로 보고",
        ),
        (
            "witness",
            "선형화 불가능한 파일마다 증거(순서를 정할 수 없는 연산들)를 출력",
        ),
        (
            "initial",
            "히스토리 전 모든 키의 값 (nil: 쓰인 적 없음). 기본값은 레지스터 nil(Jepsen의 etcd \
             테스트), KV 키는 빈 문자열(Porcupine); Knossos 자체 테스트는 cas-register를 0에서 시작 (--knossos와 함께 사용)",
        ),
        (
            "knossos",
            "Knossos의 cas-register 모델처럼 읽기: 실패한 cas는 일어나지 않은 것이고 nil 읽기는 아무것도 \
             말하지 않음 (기본: 실패한 cas는 비교가 맞지 않았다는 뜻이고 nil은 비어 있음, Jepsen의 etcd \
             로그와 Porcupine처럼)",
        ),
        (
            "json",
            "JSON 객체 하나로 출력: {files: [{file, verdict, ops, not_understood, witness}], \
             linearizable}",
        ),
        ("files", "히스토리 파일"),
    ],
};

/// What `quorum lincheck` reports on stderr, before or instead of a verdict.
#[derive(Debug)]
pub enum Msg<'a> {
    BadTimeout,
    CannotRead {
        file: &'a str,
        error: std::io::Error,
    },
    NoHistoryLines {
        file: &'a str,
    },
    NothingUnderstood {
        file: &'a str,
    },
    SkippedLines {
        file: &'a str,
        count: usize,
        first: usize,
    },
}

impl Msg<'_> {
    pub fn render(&self, lang: Lang) -> String {
        let body = match lang {
            Lang::En => self.english(),
            Lang::Ko => self.korean(),
        };
        format!("quorum lincheck: {body}")
    }

    fn english(&self) -> String {
        match self {
            Msg::BadTimeout => "--timeout must be a positive number of seconds".into(),
            Msg::CannotRead { file, error } => format!("cannot read {file}: {error}"),
            Msg::NoHistoryLines { file } => {
                format!("{file}: no Jepsen or EDN history lines found (use --format)")
            }
            Msg::NothingUnderstood { file } => format!(
                "{file}: no operation understood (this checker knows read, write and cas on \
                 registers, get, put and append on keys)"
            ),
            Msg::SkippedLines { file, count, first } => format!(
                "{file}: warning: {count} event line(s) not understood and left out \
                 (first: line {first}); the verdict covers only the rest"
            ),
        }
    }

    fn korean(&self) -> String {
        match self {
            Msg::BadTimeout => "--timeout은 0보다 큰 초 단위 숫자여야 합니다".into(),
            Msg::CannotRead { file, error } => {
                format!("{file} 파일을 읽을 수 없습니다: {}", io_error_ko(error))
            }
            Msg::NoHistoryLines { file } => format!(
                "{file}: Jepsen 또는 EDN 히스토리 줄을 찾지 못했습니다 (--format으로 지정하세요)"
            ),
            Msg::NothingUnderstood { file } => format!(
                "{file}: 이해한 연산이 하나도 없습니다 (이 검사기가 아는 연산: 레지스터의 \
                 read, write, cas와 키의 get, put, append)"
            ),
            Msg::SkippedLines { file, count, first } => format!(
                "{file}: 경고: 이해하지 못한 이벤트 {count}줄을 빼고 검사했습니다 \
                 (첫 줄: {first}번째 줄); 판정은 나머지 연산에만 해당합니다"
            ),
        }
    }
}

/// The common reasons a history cannot be read; anything rarer keeps the system's text.
fn io_error_ko(error: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match error.kind() {
        K::NotFound => "파일이 없습니다".into(),
        K::PermissionDenied => "권한이 없습니다".into(),
        K::IsADirectory => "디렉터리입니다".into(),
        K::InvalidData => "UTF-8 텍스트가 아닙니다".into(),
        _ => error.to_string(),
    }
}

/// `FILE: linearizable`, the line a script greps for.
pub fn verdict(lang: Lang, file: &str, verdict: &Verdict) -> String {
    let word = match (lang, verdict) {
        (Lang::En, Verdict::Linearizable) => "linearizable",
        (Lang::En, Verdict::NotLinearizable(_)) => "not linearizable",
        (Lang::En, Verdict::Unknown) => "unknown",
        (Lang::Ko, Verdict::Linearizable) => "선형화 가능",
        (Lang::Ko, Verdict::NotLinearizable(_)) => "선형화 불가능",
        (Lang::Ko, Verdict::Unknown) => "판정 불가",
    };
    format!("{file}: {word}")
}

/// One operation of a witness: key, client, input -> output, [call, return].
pub fn witness_op(lang: Lang, key: &str, client: &str, io: &str, span: &str) -> String {
    match lang {
        Lang::En => format!("  key {key} process {client} {io} {span}"),
        Lang::Ko => format!("  키 {key} 프로세스 {client} {io} {span}"),
    }
}
