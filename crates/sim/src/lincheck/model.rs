//! The sequential specifications the checker linearizes against.
//!
//! One model covers both reference formats: a register (read/write/cas, initially empty) and a
//! key's value in a KV store (get/put/append, initially the empty string). The KV store is
//! checked key by key, so each key is just a register with an extra `append` operation.

use serde::{Deserialize, Serialize};

/// A register value. Jepsen's integers are kept as their decimal text.
pub type Value = String;

/// What a client asked for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Input {
    /// Read (register `read`, KV `get`).
    Read,
    /// Replace the value (register `write`, KV `put`).
    Write(Value),
    /// Set to `new` iff the value equals `expect`.
    Cas { expect: Value, new: Value },
    /// Concatenate to the value (an absent value counts as empty).
    Append(Value),
}

/// What the client was told.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Output {
    /// A read returned this value (`None` = nil).
    Read(Option<Value>),
    /// A write or append was acknowledged.
    Ok,
    /// A cas reported whether it took effect.
    Cas(bool),
    /// Timed out / never answered: constrains nothing, may or may not have taken effect.
    Unknown,
}

impl Input {
    /// True when the operation can never change the state (a read).
    pub fn is_read_only(&self) -> bool {
        matches!(self, Input::Read)
    }
}

/// The register state: `None` is "never written" (nil).
pub type State = Option<Value>;

/// Applies `input` to `state` and checks it could have produced `output`.
/// Returns the new state, or `None` if this output is impossible from this state.
pub fn step(state: &State, input: &Input, output: &Output) -> Option<State> {
    match (input, output) {
        (Input::Read, Output::Read(seen)) => (seen == state).then(|| state.clone()),
        (Input::Read, Output::Unknown) => Some(state.clone()),
        (Input::Write(v), Output::Ok | Output::Unknown) => Some(Some(v.clone())),
        (Input::Cas { expect, new }, out) => {
            let matches = state.as_deref() == Some(expect.as_str());
            match out {
                Output::Cas(true) => matches.then(|| Some(new.clone())),
                Output::Cas(false) => (!matches).then(|| state.clone()),
                // A cas that executed applies exactly when it matches.
                Output::Unknown if matches => Some(Some(new.clone())),
                Output::Unknown => Some(state.clone()),
                _ => None,
            }
        }
        (Input::Append(v), Output::Ok | Output::Unknown) => {
            let mut s = state.clone().unwrap_or_default();
            s.push_str(v);
            Some(Some(s))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> State {
        Some(v.to_string())
    }

    #[test]
    fn register_semantics() {
        assert_eq!(step(&None, &Input::Read, &Output::Read(None)), Some(None));
        assert_eq!(step(&None, &Input::Read, &Output::Read(s("1"))), None);
        assert_eq!(
            step(&None, &Input::Write("1".into()), &Output::Ok),
            Some(s("1"))
        );
        let cas = Input::Cas {
            expect: "1".into(),
            new: "2".into(),
        };
        assert_eq!(step(&s("1"), &cas, &Output::Cas(true)), Some(s("2")));
        assert_eq!(step(&s("1"), &cas, &Output::Cas(false)), None);
        assert_eq!(step(&s("3"), &cas, &Output::Cas(false)), Some(s("3")));
        assert_eq!(step(&s("3"), &cas, &Output::Cas(true)), None);
        assert_eq!(step(&s("1"), &cas, &Output::Unknown), Some(s("2")));
        assert_eq!(step(&s("3"), &cas, &Output::Unknown), Some(s("3")));
    }

    #[test]
    fn kv_semantics() {
        let empty = s("");
        assert_eq!(
            step(&empty, &Input::Append("a".into()), &Output::Ok),
            Some(s("a"))
        );
        assert_eq!(
            step(&s("a"), &Input::Append("b".into()), &Output::Ok),
            Some(s("ab"))
        );
        assert_eq!(
            step(&None, &Input::Append("b".into()), &Output::Ok),
            Some(s("b"))
        );
        assert_eq!(
            step(&s("ab"), &Input::Read, &Output::Read(s("ab"))),
            Some(s("ab"))
        );
        assert_eq!(step(&s("ab"), &Input::Read, &Output::Ok), None);
    }
}
