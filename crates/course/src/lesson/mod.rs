//! Lessons as data: one `.lesson` file per lesson, English and Korean side by side.
//! The format is documented in `crates/course/README.md`; [`parse`] reads it and
//! [`bundle`] returns every lesson shipped in `www/lessons/`, included at build time.

mod assemble;
mod bundle;
pub mod error;
mod lines;
mod settings;
pub mod vocab;

pub use bundle::{bundle, bundled_ids, bundled_source, load, parse_index, BundleError, BUNDLE};
pub use error::{ErrorKind, LessonError};
pub use settings::Settings;
pub use vocab::{
    Action, Elected, EtcdTopology, Goal, Machines, Scenario, Target, Word, ACTIONS, GOALS,
};

use crate::text::Text;
use serde::Serialize;

/// The section of the notes a lesson teaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Design,
    Infrastructure,
    HaControlPlane,
    EtcdHa,
    RaftDeepDive,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Design,
        Section::Infrastructure,
        Section::HaControlPlane,
        Section::EtcdHa,
        Section::RaftDeepDive,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Section::Design => "design",
            Section::Infrastructure => "infrastructure",
            Section::HaControlPlane => "ha-control-plane",
            Section::EtcdHa => "etcd-ha",
            Section::RaftDeepDive => "raft",
        }
    }

    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }

    pub fn label(self) -> Text {
        match self {
            Section::Design => Text::new("Design a Kubernetes cluster", "쿠버네티스 클러스터 설계"),
            Section::Infrastructure => Text::new(
                "Choosing Kubernetes infrastructure",
                "쿠버네티스 인프라 선택",
            ),
            Section::HaControlPlane => Text::new("HA Kubernetes cluster", "HA 쿠버네티스 클러스터"),
            Section::EtcdHa => Text::new("etcd in HA", "HA 환경의 etcd"),
            Section::RaftDeepDive => Text::new("Raft deep dives", "Raft 심화"),
        }
    }
}

/// A parsed lesson.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lesson {
    /// Lowercase letters, digits and `-`; equals the file name without `.lesson`.
    pub id: String,
    pub title: Text,
    pub summary: Option<Text>,
    pub section: Option<Section>,
    pub steps: Vec<Step>,
}

/// One step: narration, a scripted setup, a task, a predict question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Line of the step's `[step]` header in the file.
    pub line: usize,
    pub title: Text,
    /// Paragraphs, in order. Text between backticks is code.
    pub say: Vec<Text>,
    /// Run when the step is entered (see [`Settings`] for when the world is rebuilt).
    pub setup: Vec<Action>,
    pub task: Option<Task>,
    pub hint: Option<Text>,
    pub predict: Option<Predict>,
}

/// What the student must do, and how the simulation checks it (all goals must hold).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Task {
    pub text: Text,
    pub goals: Vec<Goal>,
}

/// "Predict what happens next": asked before `reveal` runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Predict {
    pub question: Text,
    pub choices: Vec<Text>,
    /// 0-based index into `choices` (the file says `answer = 1` for the first).
    pub answer: usize,
    pub explain: Option<Text>,
    /// Actions run once the student has answered, so the simulation shows the outcome.
    pub reveal: Vec<Action>,
}

/// Parses one lesson file.
pub fn parse(src: &str) -> Result<Lesson, LessonError> {
    assemble::assemble(lines::read(src)?)
}

impl Lesson {
    /// The world settings in force at `step` (0-based): every setting action of steps
    /// `0..=step`, in order, over [`Settings::default`].
    pub fn settings_at(&self, step: usize) -> Settings {
        let mut s = Settings::default();
        for st in self.steps.iter().take(step.saturating_add(1)) {
            for a in &st.setup {
                s.apply(a);
            }
        }
        s
    }

    /// Whether entering `step` rebuilds the world (its setup has a setting action).
    pub fn rebuilds(&self, step: usize) -> bool {
        self.steps
            .get(step)
            .is_some_and(|s| s.setup.iter().any(Action::is_setting))
    }

    /// What to run to show `step` directly (a deep link, or "back"): build the world
    /// from [`Lesson::settings_at`], then run these script actions in order. They are
    /// the setups (and the reveals of the steps before `step`) since the last step that
    /// rebuilt the world. The student's own actions of skipped steps are not replayed,
    /// so a step that needs them should set them up itself.
    pub fn jump_script(&self, step: usize) -> Vec<Action> {
        let last = step.min(self.steps.len().saturating_sub(1));
        let start = (0..=last).rev().find(|i| self.rebuilds(*i)).unwrap_or(0);
        let mut out = Vec::new();
        for (i, st) in self.steps.iter().enumerate().take(last + 1).skip(start) {
            out.extend(st.setup.iter().filter(|a| !a.is_setting()).cloned());
            if i < last {
                if let Some(p) = &st.predict {
                    out.extend(p.reveal.iter().filter(|a| !a.is_setting()).cloned());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
