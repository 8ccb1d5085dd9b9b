//! TEMPORARY pipeline check: replaced by the adapter over quorum_sim::World.
use crate::model::{ClusterView, NodeView, Role};

pub struct World {
    n: usize,
    time: u64,
}
impl World {
    pub fn new(n: usize, _seed: u64) -> World {
        World { n, time: 0 }
    }
    pub fn advance_by(&mut self, us: u64) {
        self.time += us;
    }
    pub fn view(&self) -> ClusterView {
        ClusterView {
            time_us: self.time,
            messages: vec![],
            nodes: (1..=self.n as u64)
                .map(|id| NodeView {
                    id,
                    role: if id == 1 && self.time > 1_000_000 {
                        Role::Leader
                    } else {
                        Role::Follower
                    },
                    term: 1,
                    vote: None,
                    commit: 0,
                    last_index: 0,
                    timer_left: 0.5,
                })
                .collect(),
        }
    }
}
