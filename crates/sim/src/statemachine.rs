//! The replicated application, as a trait, plus the simple KV store the lab and chaos use.
//!
//! The etcd crate can plug its MVCC store in by implementing [`StateMachine`]. The client
//! commands the simulator's clients send are encoded with [`KvCommand::encode`]; a store that
//! wants to serve those clients decodes them with [`KvCommand::decode`].

use litemap::LiteMap;
use serde::{Deserialize, Serialize};

/// The application a Raft group replicates.
pub trait StateMachine: Clone + Send + 'static {
    /// Applies one committed command and returns its result.
    fn apply(&mut self, data: &[u8], now_us: u64) -> Vec<u8>;
    /// Answers a read-only query from the current state (after a ReadIndex confirmed it).
    fn query(&self, query: &[u8]) -> Vec<u8>;
    /// Serializes the whole state (for log compaction / InstallSnapshot).
    fn snapshot(&self) -> Vec<u8>;
    /// Replaces the state with a snapshot. Garbage must not panic (keep the old state).
    fn restore(&mut self, data: &[u8]);
}

/// A command of the built-in KV store. Every write carries the id of the client operation so
/// the simulator can recognise its own entry when it is applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KvCommand {
    Put { op: u64, key: String, value: String },
    Append { op: u64, key: String, value: String },
}

impl KvCommand {
    /// Compact binary encoding: tag, op id, key, value (length-prefixed).
    pub fn encode(&self) -> Vec<u8> {
        let (tag, op, key, value) = match self {
            KvCommand::Put { op, key, value } => (1u8, op, key, value),
            KvCommand::Append { op, key, value } => (2u8, op, key, value),
        };
        let mut out = Vec::with_capacity(1 + 8 + 8 + key.len() + value.len());
        out.push(tag);
        out.extend_from_slice(&op.to_le_bytes());
        put_str(&mut out, key);
        put_str(&mut out, value);
        out
    }

    pub fn decode(data: &[u8]) -> Option<KvCommand> {
        let (&tag, rest) = data.split_first()?;
        let op = u64::from_le_bytes(rest.get(..8)?.try_into().ok()?);
        let (key, rest) = get_str(rest.get(8..)?)?;
        let (value, _) = get_str(rest)?;
        match tag {
            1 => Some(KvCommand::Put { op, key, value }),
            2 => Some(KvCommand::Append { op, key, value }),
            _ => None,
        }
    }

    pub fn op(&self) -> u64 {
        match self {
            KvCommand::Put { op, .. } | KvCommand::Append { op, .. } => *op,
        }
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn get_str(data: &[u8]) -> Option<(String, &[u8])> {
    let len = u32::from_le_bytes(data.get(..4)?.try_into().ok()?) as usize;
    let bytes = data.get(4..4usize.checked_add(len)?)?;
    Some((
        String::from_utf8(bytes.to_vec()).ok()?,
        data.get(4 + len..)?,
    ))
}

/// The built-in key-value store: keys start empty; `query(key)` returns the value, or an empty
/// vector plus a 0 marker for "absent" (see [`KvStore::decode_read`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KvStore {
    #[serde(with = "quorum_raft::lite::map_serde")]
    pub data: LiteMap<String, String>,
    /// How many commands were applied (shown by the page).
    pub applied: u64,
}

impl KvStore {
    /// Reads encode presence in the first byte so "absent" and "empty" differ.
    pub fn decode_read(result: &[u8]) -> Option<String> {
        match result.split_first() {
            Some((1, v)) => Some(String::from_utf8_lossy(v).into_owned()),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&String> {
        self.data.get(key)
    }
}

impl StateMachine for KvStore {
    fn apply(&mut self, data: &[u8], _now_us: u64) -> Vec<u8> {
        self.applied = self.applied.saturating_add(1);
        match KvCommand::decode(data) {
            Some(KvCommand::Put { key, value, .. }) => {
                self.data.insert(key, value);
            }
            Some(KvCommand::Append { key, value, .. }) => {
                self.data.entry(key).or_default().push_str(&value);
            }
            None => {}
        }
        Vec::new()
    }

    fn query(&self, query: &[u8]) -> Vec<u8> {
        let key = String::from_utf8_lossy(query);
        match self.data.get(key.as_ref()) {
            Some(v) => {
                let mut out = vec![1u8];
                out.extend_from_slice(v.as_bytes());
                out
            }
            None => vec![0u8],
        }
    }

    fn snapshot(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    fn restore(&mut self, data: &[u8]) {
        if data.is_empty() {
            *self = KvStore::default();
        } else if let Ok(s) = serde_json::from_slice::<KvStore>(data) {
            *self = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_round_trip_and_garbage_is_rejected() {
        let c = KvCommand::Append {
            op: 7,
            key: "k".into(),
            value: "vé".into(),
        };
        assert_eq!(KvCommand::decode(&c.encode()), Some(c));
        for junk in [
            &b""[..],
            b"\x01",
            b"\x09abcdefgh\x00\x00\x00\x00",
            b"\x01\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff",
        ] {
            assert_eq!(KvCommand::decode(junk), None);
        }
    }

    #[test]
    fn kv_store_applies_snapshots_and_restores() {
        let mut s = KvStore::default();
        s.apply(
            &KvCommand::Put {
                op: 1,
                key: "a".into(),
                value: "1".into(),
            }
            .encode(),
            0,
        );
        s.apply(
            &KvCommand::Append {
                op: 2,
                key: "a".into(),
                value: "2".into(),
            }
            .encode(),
            0,
        );
        assert_eq!(KvStore::decode_read(&s.query(b"a")), Some("12".into()));
        assert_eq!(KvStore::decode_read(&s.query(b"b")), None);
        let mut t = KvStore::default();
        t.restore(&s.snapshot());
        assert_eq!(t, s);
        t.restore(b"garbage");
        assert_eq!(t, s);
    }
}
