//! A lesson run as JSON: the lesson, the step, the answers given, the steps done and the
//! simulator's own run description (configuration, seed and every timed action), so an
//! import replays the very same world. Bad input gets a clear bilingual error, never a panic.

use quorum_raft::lite::LiteSet;
use quorum_sim::RunDescription;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "quorum-lesson-run";
/// Bounds that keep an imported run cheap to replay.
const MAX_ACTIONS: usize = 10_000;
const MAX_NODES: u64 = 9;
const MAX_TIME_US: u64 = 3_600_000_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunExport {
    pub format: String,
    pub version: u32,
    pub lesson: String,
    /// 1-based, as the page shows it.
    pub step: usize,
    /// Steps done, 1-based.
    #[serde(default)]
    pub done: LiteSet<usize>,
    /// The answer chosen for this step's prediction, 1-based.
    #[serde(default)]
    pub answer: Option<usize>,
    /// Simulated time the run had reached.
    pub now_us: u64,
    pub run: RunDescription,
}

/// Why an import was refused, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub en: String,
    pub ko: String,
}

fn err(en: impl Into<String>, ko: impl Into<String>) -> ImportError {
    ImportError {
        en: en.into(),
        ko: ko.into(),
    }
}

impl RunExport {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses and checks an exported run against the lessons the page has
    /// (`steps_of(id)` gives a lesson's step count).
    pub fn parse(
        text: &str,
        steps_of: impl Fn(&str) -> Option<usize>,
    ) -> Result<RunExport, ImportError> {
        let run: RunExport = serde_json::from_str(text).map_err(|e| {
            err(
                format!("This is not a lesson run: {e}"),
                format!("수업 실행 파일이 아닙니다: {e}"),
            )
        })?;
        if run.format != FORMAT || run.version != 1 {
            return Err(err(
                format!(
                    "Unknown format `{}` version {} (expected `{FORMAT}` version 1).",
                    run.format, run.version
                ),
                format!(
                    "알 수 없는 형식 `{}` 버전 {}입니다 (`{FORMAT}` 버전 1이어야 합니다).",
                    run.format, run.version
                ),
            ));
        }
        let Some(steps) = steps_of(&run.lesson) else {
            return Err(err(
                format!("There is no lesson `{}` here.", run.lesson),
                format!("`{}` 수업이 없습니다.", run.lesson),
            ));
        };
        let step_ok = |s: usize| (1..=steps).contains(&s);
        if !step_ok(run.step) || !run.done.iter().all(|&s| step_ok(s)) {
            return Err(err(
                format!("Step numbers must be between 1 and {steps}."),
                format!("단계 번호는 1에서 {steps} 사이여야 합니다."),
            ));
        }
        let cfg = &run.run.config;
        if cfg.nodes == 0 || cfg.nodes > MAX_NODES || run.run.actions.len() > MAX_ACTIONS {
            return Err(err(
                format!(
                    "The run must have 1 to {MAX_NODES} servers and at most {MAX_ACTIONS} actions."
                ),
                format!("실행에는 서버가 1~{MAX_NODES}대, 동작이 최대 {MAX_ACTIONS}개여야 합니다."),
            ));
        }
        let late = run.run.actions.iter().any(|a| a.at_us > run.now_us);
        if run.now_us > MAX_TIME_US || late {
            return Err(err(
                "The run's times are out of range (at most one hour, actions before its end).",
                "실행 시간이 범위를 벗어났습니다 (최대 1시간, 동작은 끝 시각 이전).",
            ));
        }
        Ok(run)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quorum_sim::SimConfig;

    fn sample() -> RunExport {
        RunExport {
            format: FORMAT.into(),
            version: 1,
            lesson: "etcd-quorum".into(),
            step: 2,
            done: [1].into_iter().collect(),
            answer: Some(2),
            now_us: 5_000_000,
            run: RunDescription {
                config: SimConfig {
                    nodes: 3,
                    ..SimConfig::default()
                },
                seed: 4,
                actions: Vec::new(),
            },
        }
    }

    fn steps(id: &str) -> Option<usize> {
        (id == "etcd-quorum").then_some(5)
    }

    #[test]
    fn an_export_imports_back() {
        let s = sample();
        assert_eq!(RunExport::parse(&s.to_json(), steps), Ok(s));
    }

    #[test]
    fn bad_imports_explain_themselves() {
        let bad_json = RunExport::parse("{not json", steps).unwrap_err();
        assert!(bad_json.en.starts_with("This is not a lesson run"));
        assert!(bad_json.ko.starts_with("수업 실행 파일이 아닙니다"));
        let mut s = sample();
        s.lesson = "nope".into();
        assert!(RunExport::parse(&s.to_json(), steps).is_err());
        let mut s = sample();
        s.step = 9;
        assert!(RunExport::parse(&s.to_json(), steps).is_err());
        let mut s = sample();
        s.run.config.nodes = 64;
        assert!(RunExport::parse(&s.to_json(), steps).is_err());
        let mut s = sample();
        s.format = "other".into();
        assert!(RunExport::parse(&s.to_json(), steps).is_err());
        let mut s = sample();
        s.now_us = u64::MAX;
        assert!(RunExport::parse(&s.to_json(), steps).is_err());
    }
}
