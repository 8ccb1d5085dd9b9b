//! An append-only list whose copies share their past.
//!
//! The MVCC store keeps every revision of every key and every watch event, and the simulator
//! copies each member's whole store into every time-travel snapshot (hundreds per run). With
//! plain `Vec`s a 10-minute run with clients held each revision thousands of times over and
//! grew quadratically (gigabytes). Here full chunks are frozen behind `Arc`s, so a copy costs
//! one pointer plus the short unfrozen tail, and the history is stored once per member.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::Arc;

/// Items per frozen chunk: big enough that the chunk list stays short, small enough that the
/// copied tail stays cheap.
const CHUNK: usize = 64;

#[derive(Clone)]
pub(crate) struct ChunkLog<T> {
    /// Full chunks of `CHUNK` items each, oldest first; shared between copies.
    frozen: Arc<Vec<Arc<Vec<T>>>>,
    /// The newest items (at most `CHUNK`); never empty unless the whole log is.
    tail: Vec<T>,
}

impl<T> Default for ChunkLog<T> {
    fn default() -> Self {
        ChunkLog {
            frozen: Arc::default(),
            tail: Vec::new(),
        }
    }
}

impl<T: Clone> ChunkLog<T> {
    pub fn push(&mut self, item: T) {
        if self.tail.len() == CHUNK {
            let full = Arc::new(std::mem::take(&mut self.tail));
            Arc::make_mut(&mut self.frozen).push(full);
        }
        self.tail.push(item);
    }

    /// Keeps the items from index `start` on (compaction drops a prefix).
    pub fn drop_front(&mut self, start: usize) {
        if start > 0 {
            *self = self.iter_from(start).cloned().collect();
        }
    }
}

impl<T> ChunkLog<T> {
    pub fn len(&self) -> usize {
        self.frozen.len() * CHUNK + self.tail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tail.is_empty()
    }

    pub fn last(&self) -> Option<&T> {
        self.tail.last()
    }

    /// The newest item can change in place: it is never in a shared chunk.
    pub fn last_mut(&mut self) -> Option<&mut T> {
        self.tail.last_mut()
    }

    /// The item at `index`, oldest first.
    pub fn get(&self, index: usize) -> Option<&T> {
        match self.frozen.get(index / CHUNK) {
            Some(chunk) => chunk.get(index % CHUNK),
            None => self.tail.get(index - self.frozen.len() * CHUNK),
        }
    }

    /// Every item, oldest first. (By index: one small loop instead of chained chunk
    /// iterators, which cost the page's wasm more per item type.)
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.iter_from(0)
    }

    /// Items from index `start` on, without walking the chunks before it.
    pub fn iter_from(&self, start: usize) -> impl DoubleEndedIterator<Item = &T> + '_ {
        (start..self.len()).filter_map(move |i| self.get(i))
    }

    /// Index of the first item for which `before` is false, for a log ordered so that
    /// `before` holds on a prefix (as `slice::partition_point`).
    pub fn partition_point(&self, mut before: impl FnMut(&T) -> bool) -> usize {
        let chunks = self
            .frozen
            .partition_point(|c| c.last().is_some_and(&mut before));
        match self.frozen.get(chunks) {
            Some(c) => chunks * CHUNK + c.partition_point(before),
            None => chunks * CHUNK + self.tail.partition_point(before),
        }
    }
}

/// Equal and printed item by item, like the `Vec` it replaced.
impl<T: PartialEq> PartialEq for ChunkLog<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: Eq> Eq for ChunkLog<T> {}

impl<T: std::fmt::Debug> std::fmt::Debug for ChunkLog<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Clone> FromIterator<T> for ChunkLog<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut log = ChunkLog::default();
        for item in items {
            log.push(item);
        }
        log
    }
}

/// Serialized as a plain sequence, exactly as the `Vec` it replaced (snapshot bytes unchanged).
impl<T: Serialize> Serialize for ChunkLog<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        // The length up front: bincode needs it, and a chained iterator cannot promise it.
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for item in self.iter() {
            seq.serialize_element(item)?;
        }
        seq.end()
    }
}

impl<'de, T: Deserialize<'de> + Clone> Deserialize<'de> for ChunkLog<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(|v| v.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(n: usize) -> ChunkLog<usize> {
        (0..n).collect()
    }

    #[test]
    fn behaves_as_a_vec() {
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5] {
            let l = log(n);
            let v: Vec<usize> = (0..n).collect();
            assert_eq!(l.len(), n);
            assert_eq!(l.is_empty(), n == 0);
            assert_eq!(l.iter().copied().collect::<Vec<_>>(), v);
            assert_eq!(l.iter().rev().copied().collect::<Vec<_>>(), {
                let mut r = v.clone();
                r.reverse();
                r
            });
            assert_eq!(l.last(), v.last());
            for start in [0, 1, CHUNK, n / 2, n, n + 3] {
                let from: Vec<usize> = l.iter_from(start).copied().collect();
                assert_eq!(
                    from,
                    v.get(start..).unwrap_or(&[]).to_vec(),
                    "n={n} start={start}"
                );
                let mut d = l.clone();
                d.drop_front(start.min(n));
                assert_eq!(d.iter().copied().collect::<Vec<_>>(), v[start.min(n)..]);
            }
            for i in 0..n + 2 {
                assert_eq!(l.get(i), v.get(i));
            }
            for x in [0, 1, CHUNK, n / 2, n, n + 9] {
                assert_eq!(l.partition_point(|&i| i < x), v.partition_point(|&i| i < x));
            }
        }
    }

    #[test]
    fn copies_share_frozen_chunks_and_diverge_safely() {
        let mut a = log(5 * CHUNK + 3);
        let b = a.clone();
        assert!(Arc::ptr_eq(&a.frozen, &b.frozen));
        *a.last_mut().unwrap() = 999;
        for i in 0..2 * CHUNK {
            a.push(10_000 + i);
        }
        assert_eq!(
            b.iter().copied().collect::<Vec<_>>(),
            (0..5 * CHUNK + 3).collect::<Vec<_>>()
        );
        assert_eq!(a.len(), 7 * CHUNK + 3);
        assert!(Arc::ptr_eq(&a.frozen[0], &b.frozen[0]));
    }

    #[test]
    fn serializes_as_a_vec() {
        let l = log(2 * CHUNK + 7);
        let v: Vec<usize> = (0..2 * CHUNK + 7).collect();
        let bytes = bincode::serialize(&l).unwrap();
        assert_eq!(bytes, bincode::serialize(&v).unwrap());
        let back: ChunkLog<usize> = bincode::deserialize(&bytes).unwrap();
        assert_eq!(back, l);
    }
}
