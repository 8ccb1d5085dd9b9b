//! Lesson progress kept in local storage: the step each lesson was left at and the steps
//! whose task is done. Storage that is missing, full or corrupt is never fatal: a corrupt
//! record is ignored (and reported once on the page), and progress then starts afresh.

use crate::params::{store, stored};
use litemap::LiteMap;
use quorum_raft::lite::LiteSet;
use serde::{Deserialize, Serialize};

pub const KEY: &str = "quorum.course.progress";
/// Bounds on what a stored record may hold, so a tampered one cannot make the page work hard.
const MAX_LESSONS: usize = 256;
const MAX_STEPS: usize = 1000;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LessonProgress {
    /// The step shown last (0-based).
    pub step: usize,
    /// Steps whose task is done (0-based).
    pub done: LiteSet<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    #[serde(with = "quorum_raft::lite::map_serde")]
    pub lessons: LiteMap<String, LessonProgress>,
}

/// Why stored progress was ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corrupt;

impl Progress {
    /// Parses a stored record; anything malformed or out of bounds is `Corrupt`.
    pub fn parse(text: &str) -> Result<Progress, Corrupt> {
        let p: Progress = serde_json::from_str(text).map_err(|_| Corrupt)?;
        let sane = p.version == 1
            && p.lessons.len() <= MAX_LESSONS
            && p.lessons.values().all(|l| {
                l.step < MAX_STEPS
                    && l.done.len() <= MAX_STEPS
                    && l.done.iter().all(|&s| s < MAX_STEPS)
            });
        if sane {
            Ok(p)
        } else {
            Err(Corrupt)
        }
    }

    /// Reads the browser's record: (progress, whether a corrupt record was ignored).
    pub fn load() -> (Progress, bool) {
        match stored(KEY) {
            None => (Progress::fresh(), false),
            Some(text) => match Progress::parse(&text) {
                Ok(p) => (p, false),
                Err(Corrupt) => (Progress::fresh(), true),
            },
        }
    }

    pub fn fresh() -> Progress {
        Progress {
            version: 1,
            lessons: LiteMap::new(),
        }
    }

    pub fn save(&self) {
        if let Ok(text) = serde_json::to_string(self) {
            store(KEY, &text);
        }
    }

    pub fn of(&self, lesson: &str) -> LessonProgress {
        self.lessons.get(lesson).cloned().unwrap_or_default()
    }

    pub fn set_step(&mut self, lesson: &str, step: usize) {
        self.lessons.entry(lesson.to_string()).or_default().step = step.min(MAX_STEPS - 1);
    }

    pub fn complete(&mut self, lesson: &str, step: usize) {
        if step < MAX_STEPS {
            self.lessons
                .entry(lesson.to_string())
                .or_default()
                .done
                .insert(step);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_record_round_trips() {
        let mut p = Progress::fresh();
        p.set_step("etcd-quorum", 2);
        p.complete("etcd-quorum", 0);
        let text = serde_json::to_string(&p).unwrap_or_default();
        assert_eq!(Progress::parse(&text), Ok(p));
    }

    #[test]
    fn corrupt_records_are_rejected_not_fatal() {
        for bad in [
            "",
            "{",
            "null",
            "[]",
            "{\"version\":2,\"lessons\":{}}",
            "{\"version\":1,\"lessons\":{\"a\":{\"step\":5000,\"done\":[]}}}",
            "{\"version\":1,\"lessons\":{\"a\":{\"step\":1,\"done\":[-1]}}}",
            "{\"version\":1,\"lessons\":\"x\"}",
        ] {
            assert_eq!(Progress::parse(bad), Err(Corrupt), "{bad}");
        }
    }
}
