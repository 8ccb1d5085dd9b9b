//! The configuration structs' serde (`quorum_raft::record`) against what serde's derive does
//! with the same fields: same JSON and bincode out, same values or same error texts in, for
//! well-formed, partial, unknown, duplicate, mistyped and array-shaped input.

use quorum_raft::{Bugs, Config as RaftConfig};
use quorum_sim::world::config::{ClientConfig, NetConfig, SimConfig};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

/// The same structs with the derive (the struct names matter: they appear in error texts).
mod derived {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Bugs {
        pub commit_old_term: bool,
        pub vote_without_log_check: bool,
        pub forget_vote_on_restart: bool,
        pub no_timeout_randomization: bool,
        pub stale_local_reads: bool,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Config {
        pub election_timeout_min_us: u64,
        pub election_timeout_max_us: u64,
        pub heartbeat_interval_us: u64,
        pub pre_vote: bool,
        pub check_quorum: bool,
        pub read_mode: quorum_raft::ReadMode,
        pub max_inflight: usize,
        pub max_entries_per_msg: usize,
        pub bugs: Bugs,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct NetConfig {
        pub latency_min_us: u64,
        pub latency_max_us: u64,
        pub loss_ppm: u32,
        pub duplicate_ppm: u32,
        pub reorder_ppm: u32,
        pub reorder_delay_us: u64,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ClientConfig {
        pub clients: u32,
        pub keys: u32,
        pub think_min_us: u64,
        pub think_max_us: u64,
        pub timeout_us: u64,
        pub retry_us: u64,
        pub read_ppm: u32,
        pub append_ppm: u32,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct SimConfig {
        pub nodes: u64,
        pub raft: Config,
        pub net: NetConfig,
        pub disk_write_us: u64,
        pub clients: ClientConfig,
        pub compact_every: u64,
        pub narrate: bool,
        pub narration_cap: usize,
        pub snapshot_every_events: u64,
        pub max_snapshots: usize,
        pub liveness_window_us: u64,
    }
}

/// `Default` and conversion of a twin from the real struct, field by field.
macro_rules! twin {
    (derived::$twin:ident = $real:path { $($f:ident),* } nested { $($n:ident),* }) => {
        impl Default for derived::$twin {
            fn default() -> Self {
                Self::from(&<$real>::default())
            }
        }
        impl From<&$real> for derived::$twin {
            fn from(r: &$real) -> Self {
                derived::$twin { $($f: r.$f,)* $($n: (&r.$n).into(),)* }
            }
        }
    };
}

twin!(derived::Bugs = quorum_raft::Bugs {
    commit_old_term, vote_without_log_check, forget_vote_on_restart, no_timeout_randomization,
    stale_local_reads
} nested {});
twin!(derived::Config = quorum_raft::Config {
    election_timeout_min_us, election_timeout_max_us, heartbeat_interval_us, pre_vote,
    check_quorum, read_mode, max_inflight, max_entries_per_msg
} nested { bugs });
twin!(derived::NetConfig = NetConfig {
    latency_min_us, latency_max_us, loss_ppm, duplicate_ppm, reorder_ppm, reorder_delay_us
} nested {});
twin!(derived::ClientConfig = ClientConfig {
    clients, keys, think_min_us, think_max_us, timeout_us, retry_us, read_ppm, append_ppm
} nested {});
twin!(derived::SimConfig = SimConfig {
    nodes, disk_write_us, compact_every, narrate, narration_cap, snapshot_every_events,
    max_snapshots, liveness_window_us
} nested { raft, net, clients });

/// The derived twin of a value, through its JSON (whose equality the tests check separately).
fn from_record<R: Serialize, D: DeserializeOwned>(r: &R) -> D {
    serde_json::from_str(&serde_json::to_string(r).unwrap()).unwrap()
}

/// Both readers agree on `text`: the same value (compared through the derived JSON) or the
/// same error message, line and column included.
fn same_reading<R, D>(text: &str)
where
    R: Serialize + DeserializeOwned + Debug,
    D: Serialize + DeserializeOwned + Debug,
{
    let ours = serde_json::from_str::<R>(text).map(|v| serde_json::to_string(&v).unwrap());
    let theirs = serde_json::from_str::<D>(text).map(|v| serde_json::to_string(&v).unwrap());
    match (ours, theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "value of {text}"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "error of {text}"),
        (a, b) => panic!("{text}: ours {a:?}, derived {b:?}"),
    }
}

/// Same bytes out in JSON, pretty JSON and bincode, and bincode reads back the same.
fn same_writing<R, D>(value: &R)
where
    R: Serialize + DeserializeOwned + Debug + PartialEq,
    D: Serialize + DeserializeOwned + Debug,
{
    let twin: D = from_record(value);
    assert_eq!(
        serde_json::to_string(value).unwrap(),
        serde_json::to_string(&twin).unwrap()
    );
    assert_eq!(
        serde_json::to_string_pretty(value).unwrap(),
        serde_json::to_string_pretty(&twin).unwrap()
    );
    let bytes = bincode::serialize(value).unwrap();
    assert_eq!(bytes, bincode::serialize(&twin).unwrap());
    assert_eq!(&bincode::deserialize::<R>(&bytes).unwrap(), value);
    let short = &bytes[..bytes.len() - 1];
    assert_eq!(
        bincode::deserialize::<R>(short).unwrap_err().to_string(),
        bincode::deserialize::<D>(short).unwrap_err().to_string()
    );
}

fn custom_sim() -> SimConfig {
    let mut c = SimConfig {
        nodes: 7,
        disk_write_us: 3,
        compact_every: 0,
        narrate: false,
        narration_cap: 9,
        snapshot_every_events: 11,
        max_snapshots: 13,
        liveness_window_us: 17,
        ..SimConfig::default()
    };
    c.raft.pre_vote = false;
    c.raft.read_mode = quorum_raft::ReadMode::LeaseBased;
    c.raft.max_inflight = 1;
    c.raft.bugs.stale_local_reads = true;
    c.raft.bugs.commit_old_term = true;
    c.net.loss_ppm = 12;
    c.net.reorder_delay_us = u64::MAX;
    c.clients.clients = 4;
    c.clients.append_ppm = u32::MAX;
    c
}

#[test]
fn writes_the_same_bytes() {
    same_writing::<SimConfig, derived::SimConfig>(&SimConfig::default());
    same_writing::<SimConfig, derived::SimConfig>(&custom_sim());
    same_writing::<RaftConfig, derived::Config>(&custom_sim().raft);
    same_writing::<Bugs, derived::Bugs>(&custom_sim().raft.bugs);
    same_writing::<NetConfig, derived::NetConfig>(&custom_sim().net);
    same_writing::<ClientConfig, derived::ClientConfig>(&custom_sim().clients);
}

const SIM_INPUTS: &[&str] = &[
    "{}",
    r#"{"nodes":3}"#,
    r#"{"nodes":3,"nodes":4}"#,
    r#"{"nodes":-1}"#,
    r#"{"nodes":1.5}"#,
    r#"{"nodes":"3"}"#,
    r#"{"nodes":null}"#,
    r#"{"narrate":1}"#,
    r#"{"narration_cap":18446744073709551616}"#,
    r#"{"unknown":{"deep":[1,2,{"x":null}]},"nodes":2}"#,
    r#"{"n\u006fdes":6}"#,
    r#"{"raft":{"pre_vote":false,"read_mode":"lease_based","bugs":{"commit_old_term":true}}}"#,
    r#"{"raft":{"read_mode":"sometimes"}}"#,
    r#"{"raft":{"bugs":{"stale_local_reads":true,"stale_local_reads":false}}}"#,
    r#"{"raft":{},"raft":{}}"#,
    r#"{"raft":[]}"#,
    r#"{"raft":[1,2,3,true,false,"read_index",5,6,[true,false]]}"#,
    r#"{"raft":[1,2,3,true,false,"read_index",5,6,[true],7]}"#,
    r#"{"raft":null}"#,
    r#"{"raft":7}"#,
    r#"{"net":{"loss_ppm":4294967296}}"#,
    r#"{"net":{"loss_ppm":1000,"latency_min_us":1}}"#,
    r#"{"clients":{"clients":4,"keys":2,"read_ppm":1}}"#,
    r#"{"clients":{"clients":4,}}"#,
    r#"{"nodes":3"#,
    r#"{"nodes"}"#,
    r#"{3:4}"#,
    "[]",
    "[5]",
    "[5,{},{},9]",
    r#"[5,{"pre_vote":false},{"loss_ppm":2},9,{"keys":1},1,true,2,3,4,5]"#,
    r#"[5,{},{},9,{},1,true,2,3,4,5,6]"#,
    "null",
    "true",
    "\"config\"",
    "",
];

#[test]
fn reads_json_as_the_derive_does() {
    for text in SIM_INPUTS {
        same_reading::<SimConfig, derived::SimConfig>(text);
    }
    for text in [
        "{}",
        r#"{"bugs":{},"max_inflight":2}"#,
        r#"{"bugs":[true,false,true]}"#,
        r#"{"bugs":{"no_timeout_randomization":"yes"}}"#,
        r#"{"heartbeat_interval_us":9,"pre_vote":false,"zzz":1}"#,
        "[]",
        "[1,2]",
        "{\"read_mode\":\"read_index\",\"read_mode\":\"read_index\"}",
    ] {
        same_reading::<RaftConfig, derived::Config>(text);
        same_reading::<Bugs, derived::Bugs>(text);
        same_reading::<NetConfig, derived::NetConfig>(text);
        same_reading::<ClientConfig, derived::ClientConfig>(text);
    }
}

#[test]
fn reads_values_as_the_derive_does() {
    // Through serde_json::Value (owned strings, visit_str rather than visit_borrowed_str).
    for text in SIM_INPUTS {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
            continue;
        };
        let ours = serde_json::from_value::<SimConfig>(value.clone())
            .map(|v| serde_json::to_string(&v).unwrap());
        let theirs = serde_json::from_value::<derived::SimConfig>(value)
            .map(|v| serde_json::to_string(&v).unwrap());
        match (ours, theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "value of {text}"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "error of {text}"),
            (a, b) => panic!("{text}: ours {a:?}, derived {b:?}"),
        }
    }
}
