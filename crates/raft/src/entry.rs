//! Log entries.

use crate::confchange::ConfChange;
use crate::types::{Index, Term};
use serde::{Deserialize, Serialize};

/// What an entry carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// The empty entry a new leader appends at the start of its term (§5.4.2, §8).
    Noop,
    /// Application data (a client command).
    Normal(Vec<u8>),
    /// A membership change; takes effect as soon as it is in the log (thesis §4.1).
    ConfChange(ConfChange),
}

/// One log entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub index: Index,
    pub term: Term,
    pub kind: EntryKind,
}

impl Entry {
    pub fn new(index: Index, term: Term, kind: EntryKind) -> Entry {
        Entry { index, term, kind }
    }

    /// Application data, if this is a normal entry.
    pub fn data(&self) -> Option<&[u8]> {
        match &self.kind {
            EntryKind::Normal(d) => Some(d),
            _ => None,
        }
    }

    pub fn is_conf_change(&self) -> bool {
        matches!(self.kind, EntryKind::ConfChange(_))
    }
}
