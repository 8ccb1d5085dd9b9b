//! The bytes etcd keeps in the Raft log, in read answers and in snapshots.
//!
//! bincode rather than JSON: nobody reads these bytes but the state machine, and serde_json's
//! reader instantiated for every request and response type was ≈100 KB of the page's wasm.
//! A leading tag byte keeps them apart from the simulator's own `KvCommand`s (tags 1 and 2)
//! and from plain keys (0xFF never starts UTF-8 text), which share the same log and queries.

use bincode::Options;
use serde::{de::DeserializeOwned, Serialize};

const TAG: u8 = 0xFF;

fn options() -> impl Options {
    // Variable-length integers keep entries small; trailing bytes are an error.
    bincode::DefaultOptions::new()
}

pub(crate) fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![TAG];
    // Writing plain enums of strings and integers into a Vec cannot fail.
    let _ = options().serialize_into(&mut out, value);
    out
}

pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    match bytes.split_first() {
        Some((&TAG, body)) => options().deserialize(body).map_err(|e| e.to_string()),
        _ => Err("not an etcd record".to_string()),
    }
}
