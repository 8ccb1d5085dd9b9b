//! The cluster a choice produces, for the animated diagram.

use super::{Purpose, Way};
use crate::text::Text;
use crate::view::View;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "shape")]
pub enum ClusterShape {
    /// Minikube: one node is master and worker at once.
    SingleNode,
    /// The course's cluster: one master and two workers.
    SingleMaster,
    /// Three masters (the smallest odd number that survives a failure) and three workers.
    HighlyAvailable,
}

impl ClusterShape {
    /// The shape `way` gives for `purpose`: minikube is always one node, production is
    /// HA with 3 masters (the smallest odd number that tolerates a failure), anything
    /// else is the course's 1 master + 2 workers.
    pub fn for_choice(way: Way, purpose: Purpose) -> ClusterShape {
        match (way, purpose) {
            (Way::Minikube, _) => ClusterShape::SingleNode,
            (_, Purpose::Production) => ClusterShape::HighlyAvailable,
            _ => ClusterShape::SingleMaster,
        }
    }

    pub fn masters(self) -> u8 {
        match self {
            ClusterShape::SingleNode | ClusterShape::SingleMaster => 1,
            ClusterShape::HighlyAvailable => 3,
        }
    }

    pub fn workers(self) -> u8 {
        match self {
            ClusterShape::SingleNode => 0,
            ClusterShape::SingleMaster => 2,
            ClusterShape::HighlyAvailable => 3,
        }
    }

    pub fn nodes(self) -> u8 {
        self.masters().saturating_add(self.workers())
    }

    /// A highly available cluster opens the HA view.
    pub fn opens_view(self) -> Option<View> {
        match self {
            ClusterShape::HighlyAvailable => Some(View::Ha),
            _ => None,
        }
    }

    pub fn label(self) -> Text {
        match self {
            ClusterShape::SingleNode => Text::new(
                "One node: master and worker in one",
                "노드 1개: 마스터와 워커를 겸함",
            ),
            ClusterShape::SingleMaster => Text::new(
                "1 master + 2 workers (the course's cluster)",
                "마스터 1개 + 워커 2개 (강의에서 만드는 클러스터)",
            ),
            ClusterShape::HighlyAvailable => Text::new(
                "Highly available: 3 masters + 3 workers",
                "고가용성: 마스터 3개 + 워커 3개",
            ),
        }
    }
}
