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
    pub applied: u64,
    pub last_index: u64,
    /// Fraction of the election timeout still left, 0..=1 (drawn as an arc).
    pub timer_left: f64,
    /// Time since the leader's last heartbeat round, as a fraction of the interval (leaders).
    pub heartbeat_phase: f64,
    /// The log after the snapshot (for a stopped node: what is on its disk).
    pub log: Vec<LogEntryView>,
    /// Index of the last entry folded into the snapshot (0: none).
    pub snapshot_index: u64,
    /// The leader's view of each peer (empty unless leader).
    pub progress: Vec<PeerProgress>,
    /// The node's applied key-value state.
    pub kv: Vec<(String, String)>,
    /// Voters and learners as this node's configuration has them.
    pub voters: Vec<u64>,
    pub learners: Vec<u64>,
}

/// What a log entry carries, for display.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// The empty entry a new leader appends at the start of its term.
    Noop,
    Put {
        key: String,
        value: String,
    },
    Append {
        key: String,
        value: String,
    },
    /// A membership change (worded in the reader's language by `narrate::conf_change_text`).
    Membership(quorum_raft::ConfChange),
    /// Another etcd request, in etcdctl's words ("del k", "lease grant 60").
    Other(String),
    /// Bytes the page cannot decode.
    Opaque(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogEntryView {
    pub index: u64,
    pub term: u64,
    pub command: Command,
    pub committed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PeerProgress {
    pub id: u64,
    pub matched: u64,
    pub next: u64,
    /// "probe", "replicate" or "snapshot".
    pub state: &'static str,
    pub inflight: usize,
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
    /// The exact Raft message type (for the inspector and the legend).
    pub raft_kind: quorum_raft::MessageKind,
    pub term: u64,
    /// How far along its link the message is, 0..=1, from simulated time.
    pub progress: f64,
    /// It will not arrive (lost, cut link, or dropped by the user): drawn faded with a cross.
    pub dropped: bool,
    /// The extra copy of a duplicated message.
    pub duplicate: bool,
}

/// One line of the narration: a node explains a decision (worded by `narrate`).
#[derive(Clone, Debug, PartialEq)]
pub struct NarrationView {
    pub time_us: u64,
    pub event: u64,
    pub node: u64,
    pub explain: quorum_raft::Explain,
}

/// A safety property and, if it was broken, the first violation.
#[derive(Clone, Debug, PartialEq)]
pub struct SafetyView {
    pub property: quorum_sim::Property,
    pub violation: Option<quorum_sim::Violation>,
    /// For linearizability: the client operations that cannot be put in any order.
    pub witness: Vec<WitnessOpView>,
}

/// One client operation of a linearizability witness, as the page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct WitnessOpView {
    /// The server the client sent it to.
    pub node: u64,
    pub key: String,
    pub op: quorum_sim::lincheck::Input,
    /// What it answered; `None` while unknown (timed out).
    pub answer: Option<quorum_sim::lincheck::Output>,
    pub call_us: u64,
    pub return_us: Option<u64>,
}

/// The network as drawn: which node can send to which.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NetworkView {
    pub latency_min_us: u64,
    pub latency_max_us: u64,
    pub loss_ppm: u32,
    /// Links that are cut, one way each (from, to).
    pub cut: Vec<(u64, u64)>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ClusterView {
    pub time_us: u64,
    /// Events processed so far (the timeline's position).
    pub events: u64,
    /// The latest instant the run has reached (the timeline's end).
    pub horizon_us: u64,
    pub nodes: Vec<NodeView>,
    pub messages: Vec<MessageView>,
    /// Newest last; the panel shows newest first.
    pub narration: Vec<NarrationView>,
    /// The five Figure 3 properties first, then the extras.
    pub safety: Vec<SafetyView>,
    pub network: NetworkView,
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
    (
        cx + r * crate::math::cos(angle),
        cy + r * crate::math::sin(angle),
    )
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

/// The lab's settings form: changing them starts a new run with the same seed.
#[derive(Clone, Debug, PartialEq)]
pub struct LabSettings {
    pub nodes: usize,
    pub election_min_ms: u64,
    pub election_max_ms: u64,
    pub heartbeat_ms: u64,
    pub pre_vote: bool,
    pub check_quorum: bool,
    /// Lease-based reads instead of ReadIndex.
    pub lease_reads: bool,
    /// The "break it" switches that are on.
    pub bugs: Vec<quorum_raft::Bug>,
}

/// Ready-made situations from the paper and the notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// Two servers time out together and split the vote.
    SplitVote,
    /// The leader is cut off from everyone else.
    PartitionLeader,
    /// The leader and one follower are cut off from the other three: the leader's side is
    /// the minority, so its writes cannot commit while the majority elects a new leader.
    MinoritySide,
    /// The paper's Figure 8 at stage (c), paused: a new world of five servers
    /// (`quorum_sim::scenario::figure8`), with the lab's timings and break-it switches.
    Figure8,
}

impl Preset {
    pub const ALL: [Preset; 4] = [
        Preset::SplitVote,
        Preset::PartitionLeader,
        Preset::MinoritySide,
        Preset::Figure8,
    ];
}
