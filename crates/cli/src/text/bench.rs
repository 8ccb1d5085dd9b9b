//! `quorum bench`: Korean help, usage errors and the summary line.

use super::args::Korean;
use super::Lang;

pub const KOREAN: Korean = Korean {
    about: "고정 워크로드에서 시뮬레이터 처리량 측정",
    args: &[
        ("json", "JSON 객체 하나를 출력"),
        ("seconds", "시뮬레이션 시간(초) (600이면 10분 실행)"),
        ("seeks", "시간을 잴 무작위 탐색(seek) 횟수"),
    ],
};

pub fn bad_seconds(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "quorum bench: --seconds must be between 1 and 36000",
        Lang::Ko => "quorum bench: --seconds는 1에서 36000 사이여야 합니다",
    }
}

/// The world of the fixed workload could not be built (`error` is the sim's Debug form).
pub fn no_world(lang: Lang, error: &str) -> String {
    match lang {
        Lang::En => format!("quorum bench: {error}"),
        Lang::Ko => format!("quorum bench: 시뮬레이션 월드를 만들 수 없습니다: {error}"),
    }
}

/// The measurements of the summary line.
pub struct Summary<'a> {
    pub events: u64,
    pub wall_s: f64,
    pub events_per_s: f64,
    pub simulated_s: u64,
    pub seeks: usize,
    pub seek_mean_ms: f64,
    pub seek_max_ms: f64,
    pub snapshots: usize,
    pub trace_hash: &'a str,
}

pub fn summary(lang: Lang, s: &Summary) -> String {
    let Summary {
        events,
        wall_s,
        events_per_s: eps,
        simulated_s,
        seeks,
        seek_mean_ms: mean,
        seek_max_ms: max,
        snapshots,
        trace_hash,
    } = s;
    match lang {
        Lang::En => format!(
            "{events} events in {wall_s:.2}s ({eps:.0} events/s) for {simulated_s}s simulated; \
             {seeks} seeks: mean {mean:.2} ms, max {max:.2} ms; {snapshots} snapshots; trace {trace_hash}"
        ),
        Lang::Ko => format!(
            "이벤트 {events}개를 {wall_s:.2}s에 처리 ({eps:.0} events/s), 시뮬레이션 {simulated_s}s; \
             탐색 {seeks}회: 평균 {mean:.2} ms, 최대 {max:.2} ms; 스냅샷 {snapshots}개; 트레이스 {trace_hash}"
        ),
    }
}
