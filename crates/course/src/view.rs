//! The page's views a lesson or a chooser result can open.

use crate::text::Text;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// The Raft lab: servers, messages, logs.
    Lab,
    /// The terminal with the etcd shell (`etcdctl`, install commands).
    Terminal,
    /// The HA Kubernetes control plane (stacked / external etcd, leases).
    Ha,
    /// The quorum explorer (sizes, failures, splits).
    Quorum,
    /// The infrastructure chooser.
    Chooser,
    /// The election-timeout experiment (§9.3).
    Experiment,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Lab,
        View::Terminal,
        View::Ha,
        View::Quorum,
        View::Chooser,
        View::Experiment,
    ];

    /// The word used in lesson files and URLs.
    pub fn name(self) -> &'static str {
        match self {
            View::Lab => "lab",
            View::Terminal => "terminal",
            View::Ha => "ha",
            View::Quorum => "quorum",
            View::Chooser => "chooser",
            View::Experiment => "experiment",
        }
    }

    pub fn from_name(name: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.name() == name)
    }

    pub fn label(self) -> Text {
        match self {
            View::Lab => Text::new("Raft lab", "Raft 실습실"),
            View::Terminal => Text::new("Terminal", "터미널"),
            View::Ha => Text::new("HA control plane", "HA 컨트롤 플레인"),
            View::Quorum => Text::new("Quorum explorer", "쿼럼 탐색기"),
            View::Chooser => Text::new("Infrastructure chooser", "인프라 선택기"),
            View::Experiment => Text::new("Election-timeout experiment", "선거 타임아웃 실험"),
        }
    }
}
