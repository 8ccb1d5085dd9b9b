//! `RawTimedAction`'s reader (`quorum_raft::record`) against serde's derive on the same fields:
//! the same values, or the same error texts, line and column included.

use super::{NetConfig, RawTimedAction};
use quorum_raft::ConfChangeStep;

/// The derived twin (its name appears in error texts, so it is the same).
mod derived {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    pub struct RawTimedAction {
        pub at_us: u64,
        pub action: String,
        pub node: Option<u64>,
        pub key: Option<String>,
        pub value: Option<String>,
        pub to: Option<u64>,
        pub from: Option<u64>,
        pub groups: Option<Vec<Vec<u64>>>,
        pub net: Option<NetConfig>,
        pub us: Option<u64>,
        pub id: Option<u64>,
        pub data: Option<String>,
        pub track: Option<bool>,
        pub step: Option<ConfChangeStep>,
    }
}

fn twin(r: RawTimedAction) -> derived::RawTimedAction {
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
    } = r;
    derived::RawTimedAction {
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
    }
}

const INPUTS: &[&str] = &[
    r#"{"at_us":5,"action":"stop_node","node":1}"#,
    r#"{"action":"heal","at_us":0}"#,
    r#"{"at_us":5}"#,
    r#"{"action":"heal"}"#,
    r#"{}"#,
    r#"{"at_us":5,"action":"x","at_us":6}"#,
    r#"{"at_us":5,"action":"x","node":null,"node":2}"#,
    r#"{"at_us":5,"action":"x","node":null}"#,
    r#"{"at_us":-5,"action":"x"}"#,
    r#"{"at_us":5,"action":7}"#,
    r#"{"at_us":5,"action":"client_write","node":1,"key":"k\n\u00e9","value":""}"#,
    r#"{"at_us":5,"action":"x","key":3}"#,
    r#"{"at_us":5,"action":"partition","groups":[[1,2],[3]]}"#,
    r#"{"at_us":5,"action":"partition","groups":[[1,-2]]}"#,
    r#"{"at_us":5,"action":"partition","groups":null}"#,
    r#"{"at_us":5,"action":"set_network","net":{"loss_ppm":7}}"#,
    r#"{"at_us":5,"action":"set_network","net":null}"#,
    r#"{"at_us":5,"action":"set_network","net":[1,2]}"#,
    r#"{"at_us":5,"action":"set_network","net":{"loss_ppm":7,"loss_ppm":8}}"#,
    r#"{"at_us":5,"action":"set_network","net":3}"#,
    r#"{"at_us":5,"action":"propose","node":1,"data":"aGk=","track":true}"#,
    r#"{"at_us":5,"action":"propose","track":"yes"}"#,
    r#"{"at_us":5,"action":"propose_conf_change","node":1,"step":{"add_voter":4}}"#,
    r#"{"at_us":5,"action":"propose_conf_change","node":1,"step":{"nope":4}}"#,
    r#"{"at_us":5,"action":"propose_conf_change","node":1,"step":"add_voter"}"#,
    r#"{"at_us":5,"action":"x","us":1,"id":2,"to":3,"from":4,"other":{"a":[1]}}"#,
    r#"{"\u0061t_us":5,"action":"x"}"#,
    r#"{"at_us":5,"action":"x""#,
    r#"{"at_us":5,"action":"x",}"#,
    r#"[5,"x",null,null,null,null,null,null,null,null,null,null,null,null]"#,
    r#"[5,"x",1,"k","v",2,3,[[1]],{"loss_ppm":1},4,5,"ZA==",false,{"remove":2}]"#,
    r#"[5,"x",null]"#,
    r#"[5,"x",null,null,null,null,null,null,null,null,null,null,null,null,null]"#,
    "[]",
    "null",
    "3",
    "",
];

#[test]
fn reads_as_the_derive_does() {
    let samples = ConfChangeStep::AddVoter(4);
    assert_eq!(
        serde_json::to_string(&samples).unwrap(),
        r#"{"add_voter":4}"#,
        "the inputs above spell steps this way"
    );
    for text in INPUTS {
        let ours = serde_json::from_str::<RawTimedAction>(text).map(twin);
        let theirs = serde_json::from_str::<derived::RawTimedAction>(text);
        match (ours, theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "value of {text}"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "error of {text}"),
            (a, b) => panic!("{text}: ours {a:?}, derived {b:?}"),
        }
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
            continue;
        };
        let ours = serde_json::from_value::<RawTimedAction>(value.clone()).map(twin);
        let theirs = serde_json::from_value::<derived::RawTimedAction>(value);
        match (ours, theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "value of {text}"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "error of {text}"),
            (a, b) => panic!("{text}: ours {a:?}, derived {b:?}"),
        }
    }
}
