//! The only place the page reads the simulator: builds the world for the URL's settings and
//! turns its state at the current instant into the plain `ClusterView` the views draw.

use crate::model::{ClusterView, MessageKind, MessageView, NodeView, Role};
use quorum_raft::{MessageKind as Kind, Role as RaftRole};
use quorum_sim::{RunDescription, SimConfig, World};

pub type LabWorld = World;

/// A fresh world of `nodes` servers; `nodes` has already been clamped to what the page allows.
///
/// The lab's network is slower than a data centre's so that messages are visible in flight,
/// with timings in etcd's proportions: heartbeat about one round trip, election timeout about
/// ten round trips.
pub fn new_world(nodes: usize, seed: u64) -> Result<LabWorld, quorum_sim::SimError> {
    let mut config = SimConfig {
        nodes: nodes as u64,
        ..SimConfig::default()
    };
    config.net.latency_min_us = 20_000;
    config.net.latency_max_us = 40_000;
    config.raft.heartbeat_interval_us = 100_000;
    config.raft.election_timeout_min_us = 600_000;
    config.raft.election_timeout_max_us = 1_200_000;
    World::new(RunDescription {
        config,
        seed,
        actions: Vec::new(),
    })
}

fn message_kind(kind: Kind) -> MessageKind {
    match kind {
        Kind::PreVote | Kind::RequestVote | Kind::TimeoutNow => MessageKind::Vote,
        Kind::PreVoteResp | Kind::RequestVoteResp => MessageKind::VoteReply,
        Kind::AppendEntries | Kind::Heartbeat => MessageKind::Append,
        Kind::AppendResp | Kind::HeartbeatResp => MessageKind::AppendReply,
        Kind::InstallSnapshot => MessageKind::Snapshot,
        Kind::ReadIndex | Kind::ReadIndexResp => MessageKind::Other,
    }
}

fn role(status: Option<&quorum_raft::NodeStatus>) -> Role {
    match status {
        None => Role::Stopped,
        Some(s) if s.is_learner => Role::Learner,
        Some(s) => match s.role {
            RaftRole::Follower => Role::Follower,
            RaftRole::PreCandidate => Role::PreCandidate,
            RaftRole::Candidate => Role::Candidate,
            RaftRole::Leader => Role::Leader,
        },
    }
}

/// Fraction of the randomized election timeout still to run at `now`.
fn timer_left(status: &quorum_raft::NodeStatus, now: u64) -> f64 {
    match status.election_deadline_us {
        Some(deadline) if status.randomized_timeout_us > 0 => {
            deadline.saturating_sub(now) as f64 / status.randomized_timeout_us as f64
        }
        _ => 0.0,
    }
}

pub fn view(world: &LabWorld) -> ClusterView {
    let now = world.now();
    let nodes = world
        .nodes()
        .into_iter()
        .map(|n| NodeView {
            id: n.id,
            role: role(n.status.as_ref()),
            term: n.status.as_ref().map_or(n.disk_term, |s| s.term),
            vote: n.status.as_ref().map_or(n.disk_vote, |s| s.vote),
            commit: n.status.as_ref().map_or(0, |s| s.commit),
            last_index: n
                .status
                .as_ref()
                .map_or(n.disk_last_index, |s| s.last_index),
            timer_left: n.status.as_ref().map_or(0.0, |s| timer_left(s, now)),
        })
        .collect();
    let messages = world
        .messages()
        .into_iter()
        .filter(|m| !m.dropped || m.deliver_us > now)
        .map(|m| {
            let span = m.deliver_us.saturating_sub(m.sent_us).max(1);
            MessageView {
                id: m.id,
                from: m.from,
                to: m.to,
                kind: world
                    .message(m.id)
                    .map_or(MessageKind::Other, |f| message_kind(f.msg.body.kind())),
                progress: now.saturating_sub(m.sent_us) as f64 / span as f64,
            }
        })
        .collect();
    ClusterView {
        time_us: now,
        nodes,
        messages,
    }
}
