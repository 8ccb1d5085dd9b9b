//! `quorum chaos`: Korean help, usage errors, violation and summary lines.

use super::args::Korean;
use super::Lang;

pub const KOREAN: Korean = Korean {
    about: "시드를 고정한 장애 주입 실행; 불변식과 선형화 가능성 검사",
    args: &[
        ("seeds", "실행 횟수 (시드 하나에 한 번)"),
        ("first_seed", "첫 시드 (시드 FIRST..FIRST+N으로 실행)"),
        ("nodes", "초기 클러스터 크기 (3-9)"),
        ("duration", "실행 한 번의 시뮬레이션 시간(초)"),
        ("bug", "Raft 코어의 버그 스위치(break-it switch) 하나를 켬"),
        ("json", "텍스트 대신 JSON 객체 하나를 출력"),
    ],
};

/// A usage error of `quorum chaos` (exit 2).
#[derive(Debug)]
pub enum Msg {
    SeedsZero,
    NodesRange,
    DurationRange,
    UnknownBug {
        name: String,
        names: Vec<&'static str>,
    },
}

impl Msg {
    pub fn render(&self, lang: Lang) -> String {
        let body = match (lang, self) {
            (Lang::En, Msg::SeedsZero) => "--seeds must be at least 1".into(),
            (Lang::En, Msg::NodesRange) => "--nodes must be between 3 and 9".into(),
            (Lang::En, Msg::DurationRange) => {
                "--duration must be between 2 and 3600 seconds".into()
            }
            (Lang::En, Msg::UnknownBug { name, names }) => {
                format!("unknown --bug '{name}' (one of: {})", names.join(", "))
            }
            (Lang::Ko, Msg::SeedsZero) => "--seeds는 1 이상이어야 합니다".into(),
            (Lang::Ko, Msg::NodesRange) => "--nodes는 3에서 9 사이여야 합니다".into(),
            (Lang::Ko, Msg::DurationRange) => "--duration은 2초에서 3600초 사이여야 합니다".into(),
            (Lang::Ko, Msg::UnknownBug { name, names }) => format!(
                "알 수 없는 --bug 값입니다: '{name}' (가능한 값: {})",
                names.join(", ")
            ),
        };
        format!("quorum chaos: {body}")
    }
}

/// One invariant violation: seed, property, event, time in seconds, nodes.
pub fn violation(
    lang: Lang,
    seed: u64,
    property: &str,
    event: u64,
    t_s: f64,
    nodes: &str,
) -> String {
    match lang {
        Lang::En => format!("seed {seed}: {property} at event {event} (t={t_s:.3}s) nodes {nodes}"),
        Lang::Ko => {
            format!("시드 {seed}: 이벤트 {event}에서 {property} 위반 (t={t_s:.3}s), 노드 {nodes}")
        }
    }
}

/// The counts of the summary line.
pub struct Summary {
    pub runs: usize,
    pub events: u64,
    pub ops: usize,
    pub violations: usize,
    pub non_linearizable: usize,
    pub undecided: usize,
    pub seconds: f64,
}

pub fn summary(lang: Lang, s: &Summary) -> String {
    let eps = s.events as f64 / s.seconds.max(1e-9);
    match lang {
        Lang::En => format!(
            "{} runs, {} events, {} client ops, {} violations, {} non-linearizable, {} undecided histories ({:.1}s, {:.0} events/s)",
            s.runs, s.events, s.ops, s.violations, s.non_linearizable, s.undecided, s.seconds, eps
        ),
        Lang::Ko => format!(
            "실행 {}회, 이벤트 {}개, 클라이언트 연산 {}개, 위반 {}건, 선형화 불가능 {}건, 판정 불가 히스토리 {}건 ({:.1}s, {:.0} events/s)",
            s.runs, s.events, s.ops, s.violations, s.non_linearizable, s.undecided, s.seconds, eps
        ),
    }
}
