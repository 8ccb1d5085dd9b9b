//! What a run is: configuration, seed and timed user actions. Serializes to compact JSON that
//! round-trips exactly (integers only: probabilities are parts per million).

use quorum_raft::record::{self, Record, Slot};
use quorum_raft::{ConfChangeStep, Config as RaftConfig, NodeId};
use serde::{Deserialize, Serialize};

/// One million: probabilities are expressed in parts per million.
pub const PPM: u32 = 1_000_000;

/// The network model. One-way latency is uniform in `[latency_min_us, latency_max_us]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetConfig {
    pub latency_min_us: u64,
    pub latency_max_us: u64,
    /// Chance a message is lost.
    pub loss_ppm: u32,
    /// Chance a message is delivered twice (the copy takes its own latency).
    pub duplicate_ppm: u32,
    /// Chance a message is held back by an extra delay (up to `reorder_delay_us`), so later
    /// messages overtake it.
    pub reorder_ppm: u32,
    pub reorder_delay_us: u64,
}

quorum_raft::record!(NetConfig {
    latency_min_us,
    latency_max_us,
    loss_ppm,
    duplicate_ppm,
    reorder_ppm,
    reorder_delay_us,
});

impl Default for NetConfig {
    fn default() -> Self {
        NetConfig {
            latency_min_us: 5_000,
            latency_max_us: 10_000,
            loss_ppm: 0,
            duplicate_ppm: 0,
            reorder_ppm: 0,
            reorder_delay_us: 50_000,
        }
    }
}

/// The automatic client workload (chaos, bench). The lab usually has none and lets the user
/// send requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientConfig {
    pub clients: u32,
    /// Keys the clients use ("k0", "k1", ...).
    pub keys: u32,
    /// Pause between one operation's end and the next one's start.
    pub think_min_us: u64,
    pub think_max_us: u64,
    /// An operation unanswered for this long is recorded with an unknown outcome.
    pub timeout_us: u64,
    /// Wait before retrying at another node after "not leader" / a failed read.
    pub retry_us: u64,
    /// Share of reads among operations.
    pub read_ppm: u32,
    /// Share of appends among writes (the rest are puts of unique values).
    pub append_ppm: u32,
}

quorum_raft::record!(ClientConfig {
    clients,
    keys,
    think_min_us,
    think_max_us,
    timeout_us,
    retry_us,
    read_ppm,
    append_ppm,
});

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            clients: 0,
            keys: 3,
            think_min_us: 10_000,
            think_max_us: 100_000,
            timeout_us: 1_000_000,
            retry_us: 20_000,
            read_ppm: 500_000,
            append_ppm: 0,
        }
    }
}

/// Everything that shapes a run besides the seed and the user's actions.
#[derive(Clone, Debug, PartialEq)]
pub struct SimConfig {
    /// Initial voters are 1..=nodes.
    pub nodes: u64,
    pub raft: RaftConfig,
    pub net: NetConfig,
    /// Time to make a Ready durable before its messages go out.
    pub disk_write_us: u64,
    pub clients: ClientConfig,
    /// Compact a node's log once this many applied entries sit above its snapshot (0: never).
    pub compact_every: u64,
    /// Record the narration (Explain) log; off for chaos and benchmarks.
    pub narrate: bool,
    /// Most narration entries kept (oldest dropped first).
    pub narration_cap: usize,
    /// Take a time-travel snapshot every this many events (0: no time travel).
    pub snapshot_every_events: u64,
    /// Most time-travel snapshots kept (older ones are thinned out).
    pub max_snapshots: usize,
    /// Flag "no leader" when the cluster has been fault-free (all nodes up, no partition) for
    /// this long without one (0: off). Catches split votes that never end.
    pub liveness_window_us: u64,
}

quorum_raft::record!(SimConfig {
    nodes,
    raft,
    net,
    disk_write_us,
    clients,
    compact_every,
    narrate,
    narration_cap,
    snapshot_every_events,
    max_snapshots,
    liveness_window_us,
});

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            nodes: 5,
            raft: RaftConfig::default(),
            net: NetConfig::default(),
            disk_write_us: 1_000,
            clients: ClientConfig::default(),
            compact_every: 100,
            narrate: true,
            narration_cap: 20_000,
            snapshot_every_events: 500,
            max_snapshots: 512,
            liveness_window_us: 0,
        }
    }
}

/// What a user (or the chaos nemesis) can do to the world.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum UserAction {
    /// Crash a node: volatile state and unfinished disk writes are lost.
    StopNode {
        node: NodeId,
    },
    /// Start a stopped node from its disk.
    RestartNode {
        node: NodeId,
    },
    /// Crash whichever node currently leads (highest term), if any.
    StopLeader,
    /// Cut the current leader off from everyone else.
    IsolateLeader,
    /// Make a node's election timer fire now.
    ForceTimeout {
        node: NodeId,
    },
    /// A client writes `value` to `key` through `node` (retrying at the leader).
    ClientWrite {
        node: NodeId,
        key: String,
        value: String,
    },
    /// A client appends through `node`.
    ClientAppend {
        node: NodeId,
        key: String,
        value: String,
    },
    /// A linearizable read through `node`.
    ClientRead {
        node: NodeId,
        key: String,
    },
    /// Ask the current leader to hand leadership to `to`.
    TransferLeadership {
        to: NodeId,
    },
    /// Start a new empty node and propose it as a voter.
    AddNode {
        node: NodeId,
    },
    /// Start a new empty node and propose it as a learner.
    AddLearner {
        node: NodeId,
    },
    PromoteLearner {
        node: NodeId,
    },
    /// Propose removing a node (it keeps running until stopped).
    RemoveNode {
        node: NodeId,
    },
    /// Split the nodes into groups that cannot talk to each other (unlisted nodes are alone).
    Partition {
        groups: Vec<Vec<NodeId>>,
    },
    /// Cut the link from `from` to `to` only (asymmetric).
    CutLink {
        from: NodeId,
        to: NodeId,
    },
    RestoreLink {
        from: NodeId,
        to: NodeId,
    },
    /// Remove every partition and cut.
    Heal,
    /// Replace the network settings.
    SetNetwork {
        net: NetConfig,
    },
    SetDiskLatency {
        us: u64,
    },
    /// Lose one message that is in flight.
    DropMessage {
        id: u64,
    },
    /// Compact a node's log up to what it has applied.
    Compact {
        node: NodeId,
    },
    // What an application on the world does (the etcd terminal, the control plane), recorded
    // so time travel and permalinks replay it (`World::app_*` in app.rs).
    /// Application bytes proposed through `node` (forwarded to its leader). With `track`,
    /// `node` keeps the result of applying them for whoever waits. Base64 in JSON.
    Propose {
        node: NodeId,
        #[serde(with = "base64_bytes")]
        data: Vec<u8>,
        #[serde(default)]
        track: bool,
    },
    /// A membership change proposed through `node` (forwarded to its leader).
    ProposeConfChange {
        node: NodeId,
        step: ConfChangeStep,
    },
    /// A linearizable read (ReadIndex) started at `node`.
    ReadIndex {
        node: NodeId,
    },
    /// `node`, if it leads, hands leadership to `to` (etcd's move-leader).
    TransferFrom {
        node: NodeId,
        to: NodeId,
    },
    /// Start a node: restart a stopped one from its disk, or boot a member that was added to
    /// the configuration for the first time.
    StartNode {
        node: NodeId,
    },
}

/// Proposal bytes as standard base64 text in a run's JSON.
mod base64_bytes {
    use crate::base64::{decode as from_base64, encode, STANDARD};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&encode(bytes, STANDARD, true))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        decode(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }

    pub fn decode(text: &str) -> Result<Vec<u8>, String> {
        from_base64(text, STANDARD, true).map_err(|e| format!("`data` is not base64: {e}"))
    }
}

/// A user action at an instant of simulated time.
///
/// Read through [`RawTimedAction`] rather than serde's derive: the derived reader of a
/// flattened, internally tagged enum was the largest single function of the page's wasm
/// (≈43 KB). The JSON is the same either way (`{"at_us":…,"action":"stop_node","node":1}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawTimedAction")]
pub struct TimedAction {
    pub at_us: u64,
    #[serde(flatten)]
    pub action: UserAction,
}

/// Every field any action has, flat, as the JSON of a [`TimedAction`] carries them. Read
/// through `quorum_raft::record` (as the derive reads it, in a fraction of the wasm).
#[derive(Default)]
struct RawTimedAction {
    at_us: u64,
    action: String,
    node: Option<NodeId>,
    key: Option<String>,
    value: Option<String>,
    to: Option<NodeId>,
    from: Option<NodeId>,
    groups: Option<Vec<Vec<NodeId>>>,
    net: Option<NetConfig>,
    us: Option<u64>,
    id: Option<u64>,
    data: Option<String>,
    track: Option<bool>,
    step: Option<ConfChangeStep>,
}

impl Record for RawTimedAction {
    fn name(&self) -> &'static str {
        "RawTimedAction"
    }
    fn names(&self) -> &'static [&'static str] {
        &[
            "at_us", "action", "node", "key", "value", "to", "from", "groups", "net", "us", "id",
            "data", "track", "step",
        ]
    }
    fn slots(&mut self) -> Vec<Slot<'_>> {
        let RawTimedAction {
            at_us,
            action,
            node,
            key,
            value,
            to,
            from,
            groups,
            net,
            us,
            id,
            data,
            track,
            step,
        } = self;
        vec![
            Slot::U64(at_us),
            Slot::Str(action),
            Slot::OptU64(node),
            Slot::OptStr(key),
            Slot::OptStr(value),
            Slot::OptU64(to),
            Slot::OptU64(from),
            Slot::OptGroups(groups),
            Slot::OptRecord(net),
            Slot::OptU64(us),
            Slot::OptU64(id),
            Slot::OptStr(data),
            Slot::OptBool(track),
            Slot::OptStep(step),
        ]
    }
    fn reset(&mut self) {
        *self = RawTimedAction::default();
    }
    fn defaults(&self) -> bool {
        false
    }
    /// `at_us` and `action`.
    fn required(&self) -> u64 {
        0b11
    }
}

impl<'de> Deserialize<'de> for RawTimedAction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut raw = RawTimedAction::default();
        record::deserialize(d, &mut raw)?;
        Ok(raw)
    }
}

fn field<T>(value: Option<T>, name: &str, action: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{name}` of action `{action}`"))
}

impl TryFrom<RawTimedAction> for TimedAction {
    type Error = String;

    fn try_from(r: RawTimedAction) -> Result<TimedAction, String> {
        let a = r.action.as_str();
        let node = || field(r.node, "node", a);
        let key = || field(r.key.clone(), "key", a);
        let value = || field(r.value.clone(), "value", a);
        let to = || field(r.to, "to", a);
        let from = || field(r.from, "from", a);
        let action = match a {
            "stop_node" => UserAction::StopNode { node: node()? },
            "restart_node" => UserAction::RestartNode { node: node()? },
            "stop_leader" => UserAction::StopLeader,
            "isolate_leader" => UserAction::IsolateLeader,
            "force_timeout" => UserAction::ForceTimeout { node: node()? },
            "client_write" => UserAction::ClientWrite {
                node: node()?,
                key: key()?,
                value: value()?,
            },
            "client_append" => UserAction::ClientAppend {
                node: node()?,
                key: key()?,
                value: value()?,
            },
            "client_read" => UserAction::ClientRead {
                node: node()?,
                key: key()?,
            },
            "transfer_leadership" => UserAction::TransferLeadership { to: to()? },
            "add_node" => UserAction::AddNode { node: node()? },
            "add_learner" => UserAction::AddLearner { node: node()? },
            "promote_learner" => UserAction::PromoteLearner { node: node()? },
            "remove_node" => UserAction::RemoveNode { node: node()? },
            "partition" => UserAction::Partition {
                groups: field(r.groups.clone(), "groups", a)?,
            },
            "cut_link" => UserAction::CutLink {
                from: from()?,
                to: to()?,
            },
            "restore_link" => UserAction::RestoreLink {
                from: from()?,
                to: to()?,
            },
            "heal" => UserAction::Heal,
            "set_network" => UserAction::SetNetwork {
                net: field(r.net.clone(), "net", a)?,
            },
            "set_disk_latency" => UserAction::SetDiskLatency {
                us: field(r.us, "us", a)?,
            },
            "drop_message" => UserAction::DropMessage {
                id: field(r.id, "id", a)?,
            },
            "compact" => UserAction::Compact { node: node()? },
            "propose" => UserAction::Propose {
                node: node()?,
                data: base64_bytes::decode(&field(r.data.clone(), "data", a)?)?,
                track: r.track.unwrap_or(false),
            },
            "propose_conf_change" => UserAction::ProposeConfChange {
                node: node()?,
                step: field(r.step, "step", a)?,
            },
            "read_index" => UserAction::ReadIndex { node: node()? },
            "transfer_from" => UserAction::TransferFrom {
                node: node()?,
                to: to()?,
            },
            "start_node" => UserAction::StartNode { node: node()? },
            other => return Err(format!("unknown action `{other}`")),
        };
        Ok(TimedAction {
            at_us: r.at_us,
            action,
        })
    }
}

/// A whole run: replaying it gives the same world, bit for bit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunDescription {
    pub config: SimConfig,
    pub seed: u64,
    #[serde(default)]
    pub actions: Vec<TimedAction>,
}

impl RunDescription {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<RunDescription, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// The fixed workload of `quorum bench` (5 nodes, 4 clients, seed 42, no user actions). Run it
/// natively and in wasm to the same instant and compare `World::trace_hash`: they must match.
pub fn bench_description() -> RunDescription {
    RunDescription {
        config: SimConfig {
            clients: ClientConfig {
                clients: 4,
                ..ClientConfig::default()
            },
            ..SimConfig::default()
        },
        seed: 42,
        actions: Vec::new(),
    }
}

#[cfg(test)]
mod timed_action_json {
    use super::*;

    /// Every action reads back from the JSON it writes (the hand-written reader above must
    /// agree with serde's derived writer), and malformed ones are refused with a reason.
    #[test]
    fn every_action_round_trips_through_json() {
        let all = vec![
            UserAction::StopNode { node: 1 },
            UserAction::RestartNode { node: 2 },
            UserAction::StopLeader,
            UserAction::IsolateLeader,
            UserAction::ForceTimeout { node: 3 },
            UserAction::ClientWrite {
                node: 1,
                key: "k".into(),
                value: "v".into(),
            },
            UserAction::ClientAppend {
                node: 2,
                key: "k".into(),
                value: "w".into(),
            },
            UserAction::ClientRead {
                node: 3,
                key: "k".into(),
            },
            UserAction::TransferLeadership { to: 4 },
            UserAction::AddNode { node: 6 },
            UserAction::AddLearner { node: 7 },
            UserAction::PromoteLearner { node: 7 },
            UserAction::RemoveNode { node: 5 },
            UserAction::Partition {
                groups: vec![vec![1, 2], vec![3, 4, 5]],
            },
            UserAction::CutLink { from: 1, to: 2 },
            UserAction::RestoreLink { from: 1, to: 2 },
            UserAction::Heal,
            UserAction::SetNetwork {
                net: NetConfig::default(),
            },
            UserAction::SetDiskLatency { us: 500 },
            UserAction::DropMessage { id: 42 },
            UserAction::Compact { node: 1 },
            UserAction::Propose {
                node: 2,
                data: vec![0xFF, 0, 1, 250],
                track: true,
            },
            UserAction::Propose {
                node: 3,
                data: Vec::new(),
                track: false,
            },
            UserAction::ProposeConfChange {
                node: 1,
                step: ConfChangeStep::AddLearner(6),
            },
            UserAction::ReadIndex { node: 4 },
            UserAction::TransferFrom { node: 1, to: 2 },
            UserAction::StartNode { node: 6 },
        ];
        for (i, action) in all.into_iter().enumerate() {
            let timed = TimedAction {
                at_us: i as u64 * 7,
                action,
            };
            let json = serde_json::to_string(&timed).expect("serializes");
            let back: TimedAction = serde_json::from_str(&json).expect("reads back");
            assert_eq!(back, timed, "{json}");
        }
        let bad = [
            r#"{"at_us":1,"action":"stop_node"}"#,
            r#"{"at_us":1,"action":"fly"}"#,
            r#"{"action":"heal"}"#,
            r#"{"at_us":1,"action":"propose","node":1,"data":"not base64!"}"#,
            r#"{"at_us":1,"action":"propose","node":1}"#,
            r#"{"at_us":1,"action":"propose_conf_change","node":1,"step":{"grow":2}}"#,
        ];
        for text in bad {
            assert!(serde_json::from_str::<TimedAction>(text).is_err(), "{text}");
        }
    }
}

#[cfg(test)]
#[path = "config_raw_tests.rs"]
mod raw_tests;
