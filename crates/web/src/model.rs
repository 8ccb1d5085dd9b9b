//! What the page draws, as plain data derived from the simulated world at one instant.
//! Views are pure functions of this; `from_world` is the only place that reads the simulator.

/// A node's role as drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Follower,
    PreCandidate,
    Candidate,
    Leader,
    Learner,
    Stopped,
}

impl Role {
    pub fn css(self) -> &'static str {
        match self {
            Role::Follower => "follower",
            Role::PreCandidate => "precandidate",
            Role::Candidate => "candidate",
            Role::Leader => "leader",
            Role::Learner => "learner",
            Role::Stopped => "stopped",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    pub id: u64,
    pub role: Role,
    pub term: u64,
    pub vote: Option<u64>,
    pub commit: u64,
    pub last_index: u64,
    /// Fraction of the election timeout still left, 0..=1 (drawn as an arc).
    pub timer_left: f64,
}

/// The kinds of message the legend distinguishes by shape and colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Vote,
    VoteReply,
    Append,
    AppendReply,
    Snapshot,
    Other,
}

impl MessageKind {
    pub fn css(self) -> &'static str {
        match self {
            MessageKind::Vote => "msg-vote",
            MessageKind::VoteReply => "msg-vote-reply",
            MessageKind::Append => "msg-append",
            MessageKind::AppendReply => "msg-append-reply",
            MessageKind::Snapshot => "msg-snapshot",
            MessageKind::Other => "msg-other",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MessageView {
    pub id: u64,
    pub from: u64,
    pub to: u64,
    pub kind: MessageKind,
    /// How far along its link the message is, 0..=1, from simulated time.
    pub progress: f64,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ClusterView {
    pub time_us: u64,
    pub nodes: Vec<NodeView>,
    pub messages: Vec<MessageView>,
}

impl ClusterView {
    pub fn leaders(&self) -> impl Iterator<Item = &NodeView> {
        self.nodes.iter().filter(|n| n.role == Role::Leader)
    }
}

/// Where message `progress` puts a dot between two points.
pub fn lerp(a: (f64, f64), b: (f64, f64), progress: f64) -> (f64, f64) {
    let p = progress.clamp(0.0, 1.0);
    (a.0 + (b.0 - a.0) * p, a.1 + (b.1 - a.1) * p)
}

/// Node `i` of `n` on a circle of radius `r` around `(cx, cy)`, the first at the top.
pub fn ring_position(i: usize, n: usize, cx: f64, cy: f64, r: f64) -> (f64, f64) {
    let angle = std::f64::consts::TAU * i as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2;
    (cx + r * angle.cos(), cy + r * angle.sin())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_node_is_at_the_top() {
        let (x, y) = ring_position(0, 5, 100.0, 100.0, 50.0);
        assert!((x - 100.0).abs() < 1e-9 && (y - 50.0).abs() < 1e-9);
    }

    #[test]
    fn lerp_clamps() {
        assert_eq!(lerp((0.0, 0.0), (10.0, 10.0), 2.0), (10.0, 10.0));
        assert_eq!(lerp((0.0, 0.0), (10.0, 10.0), 0.5), (5.0, 5.0));
    }
}
