//! `quorum experiment` and `quorum experiment election`: usage, Korean help, errors and the
//! statistics line.

use super::args::Korean;
use super::Lang;

const USAGE_EN: &str = "\
usage: quorum experiment <election|leader-election> [options]

  election          the Raft paper's §9.3 leader-crash experiment (see --help)
  leader-election   Kubernetes controller-manager Lease failover";

const USAGE_KO: &str = "\
사용법: quorum experiment <election|leader-election> [옵션]

  election          Raft 논문 §9.3의 리더 장애 실험 (--help 참고)
  leader-election   Kubernetes controller-manager 리스(Lease) 장애 조치";

pub fn usage(lang: Lang) -> &'static str {
    lang.pick(USAGE_EN, USAGE_KO)
}

pub const KOREAN: Korean = Korean {
    about: "Raft 논문 §9.3 선거 실험의 시뮬레이션",
    args: &[
        ("nodes", "클러스터 크기"),
        (
            "timeout",
            "선거 타임아웃 범위(ms), MIN-MAX (MIN-MIN이면 무작위성 없음)",
        ),
        (
            "latency",
            "단방향 네트워크 지연 범위(ms) (논문에 발표된 수치에 맞춰 보정함; quorum_sim::election 참고)",
        ),
        ("disk", "디스크 쓰기 지연(ms)"),
        (
            "heartbeat",
            "하트비트 간격(ms) (기본값: 최소 선거 타임아웃의 절반)",
        ),
        ("crashed", "동시에 중단시키는 서버 수 (리더와 다른 서버 K-1대)"),
        ("trials", "시행 횟수"),
        ("seed", "기본 시드"),
        (
            "cap",
            "리더가 나오지 않은 시행을 이 시뮬레이션 시간(초)에서 중단 (상한 도달로 집계)",
        ),
        ("json", "JSON 객체 하나를 출력"),
    ],
};

/// A usage error of `quorum experiment election` (exit 2).
#[derive(Debug)]
pub enum Msg {
    NotMilliseconds {
        flag: &'static str,
        value: f64,
    },
    NotRange {
        flag: &'static str,
        text: String,
    },
    MinOverMax {
        flag: &'static str,
    },
    CapRange,
    TooManyTrials,
    /// The simulator refused the parameters (its Debug form).
    Invalid(String),
}

impl Msg {
    pub fn render(&self, lang: Lang) -> String {
        let body = match lang {
            Lang::En => self.english(),
            Lang::Ko => self.korean(),
        };
        format!("quorum experiment election: {body}")
    }

    fn english(&self) -> String {
        match self {
            Msg::NotMilliseconds { flag, value } => {
                format!("--{flag}: expected a number of milliseconds, got {value}")
            }
            Msg::NotRange { flag, text } => {
                format!("--{flag}: expected MIN-MAX in ms, got '{text}'")
            }
            Msg::MinOverMax { flag } => format!("--{flag}: MIN must not exceed MAX"),
            Msg::CapRange => "--cap must be between 0 and 3600 seconds".into(),
            Msg::TooManyTrials => "--trials must be at most 100000".into(),
            Msg::Invalid(e) => format!("invalid parameters: {e}"),
        }
    }

    fn korean(&self) -> String {
        match self {
            Msg::NotMilliseconds { flag, value } => {
                format!("--{flag}: 밀리초 단위 숫자가 필요합니다 (입력: {value})")
            }
            Msg::NotRange { flag, text } => {
                format!("--{flag}: ms 단위 MIN-MAX 형식이어야 합니다 (입력: '{text}')")
            }
            Msg::MinOverMax { flag } => format!("--{flag}: MIN이 MAX보다 클 수 없습니다"),
            Msg::CapRange => "--cap은 0초보다 크고 3600초 이하여야 합니다".into(),
            Msg::TooManyTrials => "--trials는 100000 이하여야 합니다".into(),
            Msg::Invalid(e) => format!("잘못된 매개변수입니다: {e}"),
        }
    }
}

/// What the statistics line shows (times in ms unless named otherwise).
pub struct Stats {
    pub timeout_min: f64,
    pub timeout_max: f64,
    pub heartbeat: f64,
    pub trials: u64,
    pub mean: f64,
    pub median: f64,
    pub p99: f64,
    pub p999: f64,
    pub max: f64,
    pub split_vote_pct: f64,
    pub capped: u64,
    pub cap_s: f64,
}

pub fn stats(lang: Lang, s: &Stats) -> String {
    let Stats {
        timeout_min: lo,
        timeout_max: hi,
        heartbeat: hb,
        trials,
        mean,
        median,
        p99,
        p999,
        max,
        split_vote_pct: split,
        capped,
        cap_s,
    } = s;
    match lang {
        Lang::En => format!(
            "election timeout {lo}-{hi} ms, heartbeat {hb} ms, {trials} trials: mean {mean:.1} ms, \
             median {median:.1} ms, p99 {p99:.1} ms, p99.9 {p999:.1} ms, max {max:.1} ms; \
             split votes {split:.1}%; {capped} hit the {cap_s:.0} s cap"
        ),
        Lang::Ko => format!(
            "선거 타임아웃 {lo}-{hi} ms, 하트비트 {hb} ms, 시행 {trials}회: 평균 {mean:.1} ms, \
             중앙값 {median:.1} ms, p99 {p99:.1} ms, p99.9 {p999:.1} ms, 최대 {max:.1} ms; \
             표 갈림 {split:.1}%; {cap_s:.0} s 상한 도달 {capped}회"
        ),
    }
}
