//! What survives a crash: hard state (term, vote), the log, the latest snapshot.
//! The commit and applied indexes are volatile (paper Figure 2), so a restarted
//! node relearns them from the leader.

use crate::confchange::Membership;
use crate::entry::Entry;
use crate::ready::Ready;
use crate::types::{Index, NodeId, Term};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::Deref;
use std::sync::{Arc, Mutex, OnceLock};

/// Term and vote, persisted before any message that depends on them is sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HardState {
    pub term: Term,
    pub vote: Option<NodeId>,
}

/// Describes the log prefix a snapshot replaces.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotMeta {
    /// Last index covered by the snapshot (0: no snapshot, the empty prefix).
    pub index: Index,
    /// Term of the entry at `index`.
    pub term: Term,
    /// Configuration as of `index`.
    pub membership: Membership,
}

/// A snapshot of the application state machine at `meta.index`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub meta: SnapshotMeta,
    /// Opaque application data.
    pub data: SnapshotData,
}

/// A snapshot's bytes, shared by every copy of it (the disk, InstallSnapshot messages, the
/// simulator's time-travel copies of the world): cloning never copies the bytes, so keeping
/// hundreds of copies of a world costs each snapshot once. Serialized exactly as a `Vec<u8>`.
///
/// The bytes may be made on first use ([`SnapshotData::lazy`]): most snapshots are only kept
/// on disk until the next one replaces them, and serializing a large state machine for each
/// of them made long runs quadratic. Whenever they are made, they are the same bytes.
#[derive(Clone, Default)]
pub struct SnapshotData(Arc<Lazy>);

/// The bytes once made, and until then what makes them.
#[derive(Default)]
struct Lazy {
    bytes: OnceLock<Box<[u8]>>,
    make: Mutex<Option<MakeBytes>>,
}

type MakeBytes = Box<dyn FnOnce() -> Vec<u8> + Send>;

impl Deref for SnapshotData {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.0.bytes.get_or_init(|| {
            let make = self.0.make.lock().ok().and_then(|mut m| m.take());
            make.map(|f| f()).unwrap_or_default().into()
        })
    }
}

impl From<Vec<u8>> for SnapshotData {
    fn from(bytes: Vec<u8>) -> Self {
        SnapshotData(Arc::new(Lazy {
            bytes: OnceLock::from(bytes.into_boxed_slice()),
            make: Mutex::default(),
        }))
    }
}

impl SnapshotData {
    /// Bytes that `make` produces when they are first needed (sent, restored, compared,
    /// serialized). `make` must capture what it serializes, not borrow it.
    pub fn lazy(make: impl FnOnce() -> Vec<u8> + Send + 'static) -> Self {
        SnapshotData(Arc::new(Lazy {
            bytes: OnceLock::new(),
            make: Mutex::new(Some(Box::new(make))),
        }))
    }

    /// How many bytes are held, without making them: 0 while they are not made yet.
    pub fn made_len(&self) -> usize {
        self.0.bytes.get().map_or(0, |b| b.len())
    }

    /// Whether two handles share the same bytes (not merely equal ones).
    pub fn same_bytes(&self, other: &SnapshotData) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// Where the bytes live: lets a caller count shared snapshots once.
    pub fn address(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }
}

impl PartialEq for SnapshotData {
    fn eq(&self, other: &Self) -> bool {
        self.same_bytes(other) || **self == **other
    }
}

impl Eq for SnapshotData {}

impl std::fmt::Debug for SnapshotData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SnapshotData({} bytes)", self.len())
    }
}

impl Serialize for SnapshotData {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for SnapshotData {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<u8>::deserialize(d).map(SnapshotData::from)
    }
}

/// Everything on one node's disk. `Node::new` takes it back after a restart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersistedState {
    pub hard_state: HardState,
    /// The latest snapshot; its metadata's membership is the configuration at
    /// its index. A freshly bootstrapped node has an index-0 "snapshot" that
    /// only carries the initial membership.
    pub snapshot: Snapshot,
    /// Log entries after `snapshot.meta.index`, contiguous.
    pub entries: Vec<Entry>,
}

impl PersistedState {
    /// A brand-new member of a cluster whose initial voters are `voters`.
    pub fn bootstrap(voters: impl IntoIterator<Item = NodeId>) -> PersistedState {
        PersistedState {
            snapshot: Snapshot {
                meta: SnapshotMeta {
                    membership: Membership::with_voters(voters),
                    ..SnapshotMeta::default()
                },
                data: SnapshotData::default(),
            },
            ..PersistedState::default()
        }
    }

    /// A node that joins later: it knows nothing and waits for a leader to
    /// contact it (it never campaigns until it is a voter in its own log).
    pub fn joining() -> PersistedState {
        PersistedState::default()
    }

    /// Bootstrap with an existing log (used by tests to set up the paper's figures).
    pub fn with_log(
        voters: impl IntoIterator<Item = NodeId>,
        term: Term,
        entries: Vec<Entry>,
    ) -> PersistedState {
        let mut p = PersistedState::bootstrap(voters);
        p.hard_state.term = term;
        p.entries = entries;
        p
    }

    pub fn last_index(&self) -> Index {
        self.entries
            .last()
            .map_or(self.snapshot.meta.index, |e| e.index)
    }

    /// Persists what a [`Ready`] asks for, in the order a real disk would:
    /// snapshot, then entries (truncating any conflicting suffix), then hard state.
    pub fn apply_ready(&mut self, ready: &Ready) {
        if let Some(snap) = &ready.snapshot {
            self.install(snap.clone());
        }
        if let Some(snap) = &ready.compacted {
            self.compact(snap.clone());
        }
        if let Some(first) = ready.entries.first() {
            self.entries.retain(|e| e.index < first.index);
            self.entries.extend(ready.entries.iter().cloned());
        }
        if let Some(hs) = ready.hard_state {
            self.hard_state = hs;
        }
    }

    fn install(&mut self, snap: Snapshot) {
        let idx = snap.meta.index;
        let term = snap.meta.term;
        // Keep a suffix only if it matches the snapshot (§7: retain following entries).
        let keeps = self
            .entries
            .iter()
            .any(|e| e.index == idx && e.term == term);
        if keeps {
            self.entries.retain(|e| e.index > idx);
        } else {
            self.entries.clear();
        }
        self.snapshot = snap;
    }

    fn compact(&mut self, snap: Snapshot) {
        if snap.meta.index <= self.snapshot.meta.index {
            return;
        }
        let idx = snap.meta.index;
        self.entries.retain(|e| e.index > idx);
        self.snapshot = snap;
    }
}

#[cfg(test)]
mod tests {
    use super::SnapshotData;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn lazy_bytes_are_made_once_on_first_read_and_shared_by_copies() {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = calls.clone();
        let data = SnapshotData::lazy(move || {
            counter.fetch_add(1, Ordering::Relaxed);
            b"state".to_vec()
        });
        let copy = data.clone();
        assert_eq!((data.made_len(), calls.load(Ordering::Relaxed)), (0, 0));
        assert_eq!(&*copy, b"state");
        assert_eq!(data.made_len(), 5, "a copy made them for every copy");
        assert_eq!(&*data, b"state");
        assert_eq!(calls.load(Ordering::Relaxed), 1);
        assert!(data.same_bytes(&copy));
        assert_eq!(data, SnapshotData::from(b"state".to_vec()));
        assert_eq!(
            serde_json::to_string(&data).ok(),
            serde_json::to_string(&b"state".to_vec()).ok()
        );
    }
}
