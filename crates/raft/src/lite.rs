//! Small sorted collections for the page's WebAssembly.
//!
//! Every distinct `BTreeMap<K, V>`/`BTreeSet<T>` type costs the page 4–6 KB of B-tree code
//! (insert, remove, rebalancing, clone, drop, iterators). The small maps and sets of this
//! project (keyed by node id, host, flag name, ...) hold a handful of entries, so a sorted
//! `Vec` does the same job with a binary search and a fraction of the code. Iteration is in
//! key order, exactly like the B-tree collections, and serde sees the same shapes (a map, a
//! sequence). Insert and remove move the tail of the `Vec` (O(n)): keep `BTreeMap` for
//! collections that grow with a run.
//!
//! Maps are [`litemap::LiteMap`]; [`collect_map`] builds one by inserting (no per-type sort
//! code). A serialized `LiteMap` field takes `#[serde(with = "quorum_raft::lite::map_serde")]`,
//! which writes exactly what a `BTreeMap` writes (litemap's own serde feature would write an
//! empty map as `[]` in JSON). Sets are [`LiteSet`].

use std::borrow::Borrow;
use std::fmt;

use litemap::LiteMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Builds a map from pairs by inserting them one by one: a later pair replaces an earlier
/// one with the same key, as when collecting into a `BTreeMap`. Quadratic in the worst
/// case, which is fine for the small maps this is for, and it instantiates no sort.
pub fn collect_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> LiteMap<K, V> {
    let mut map = LiteMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// Sorts a short slice stably by `less`, by insertion. std's sort is ≈4 KB of wasm for every
/// element type and order it is used with; this is a few hundred bytes. Quadratic, so only
/// for lists of at most a few hundred items (flags, pods, candidates, suggestions).
pub fn sort_small_by<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Serde for a `LiteMap` field, byte for byte what serde does for a `BTreeMap`: always a map
/// (also when empty, and whatever the key type); reading inserts entry by entry, so a
/// repeated key keeps its last value.
pub mod map_serde {
    use litemap::LiteMap;
    use serde::de::{MapAccess, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::fmt;
    use std::marker::PhantomData;

    pub fn serialize<K: Serialize, V: Serialize, S: Serializer>(
        map: &LiteMap<K, V>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(map.iter())
    }

    pub fn deserialize<'de, K, V, D>(deserializer: D) -> Result<LiteMap<K, V>, D::Error>
    where
        K: Ord + Deserialize<'de>,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }

    struct MapVisitor<K, V>(PhantomData<fn() -> (K, V)>);

    impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
        type Value = LiteMap<K, V>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
            let mut map = LiteMap::new();
            while let Some((k, v)) = access.next_entry()? {
                map.insert(k, v);
            }
            Ok(map)
        }
    }
}

/// A set kept as a sorted, duplicate-free `Vec`; the subset of `BTreeSet`'s API this
/// project uses.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LiteSet<T>(Vec<T>);

impl<T> LiteSet<T> {
    pub const fn new() -> Self {
        LiteSet(Vec::new())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The members in ascending order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    pub fn first(&self) -> Option<&T> {
        self.0.first()
    }

    pub fn last(&self) -> Option<&T> {
        self.0.last()
    }

    pub fn clear(&mut self) {
        self.0.clear()
    }

    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.0.retain(keep)
    }
}

impl<T: Ord> LiteSet<T> {
    fn find<Q: Ord + ?Sized>(&self, value: &Q) -> Result<usize, usize>
    where
        T: Borrow<Q>,
    {
        self.0.binary_search_by(|m| m.borrow().cmp(value))
    }

    /// Adds `value`; false if it was already there (the set is unchanged then).
    pub fn insert(&mut self, value: T) -> bool {
        match self.find(&value) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, value);
                true
            }
        }
    }

    /// Removes `value`; false if it was not there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        match self.find(value) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.find(value).is_ok()
    }

    /// Members of either set (as `BTreeSet::union`, collected).
    pub fn union(&self, other: &LiteSet<T>) -> LiteSet<T>
    where
        T: Clone,
    {
        self.iter().chain(other.iter()).cloned().collect()
    }

    /// How many members are in exactly one of the two sets (the size of
    /// `BTreeSet::symmetric_difference`).
    pub fn count_differences(&self, other: &LiteSet<T>) -> usize {
        let only_here = self.iter().filter(|v| !other.contains(*v)).count();
        let only_there = other.iter().filter(|v| !self.contains(*v)).count();
        only_here + only_there
    }
}

impl<T> Default for LiteSet<T> {
    fn default() -> Self {
        LiteSet::new()
    }
}

/// Printed like a `BTreeSet`: `{1, 2, 3}`.
impl<T: fmt::Debug> fmt::Debug for LiteSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.iter()).finish()
    }
}

impl<T: Ord> FromIterator<T> for LiteSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = LiteSet::new();
        set.extend(iter);
        set
    }
}

impl<T: Ord> Extend<T> for LiteSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for value in iter {
            self.insert(value);
        }
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for LiteSet<T> {
    fn from(values: [T; N]) -> Self {
        values.into_iter().collect()
    }
}

impl<T> IntoIterator for LiteSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a LiteSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// A sequence in ascending order, as serde writes a `BTreeSet`.
impl<T: Serialize> Serialize for LiteSet<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Any sequence; duplicates collapse and the order is restored, as for a `BTreeSet`.
impl<'de, T: Ord + Deserialize<'de>> Deserialize<'de> for LiteSet<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<T>::deserialize(deserializer)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_sort_is_a_stable_sort() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        let mut expected = items.clone();
        expected.sort_by_key(|p| p.0);
        sort_small_by(&mut items, |a, b| a.0 < b.0);
        assert_eq!(items, expected);
        let mut empty: Vec<u8> = Vec::new();
        sort_small_by(&mut empty, |a, b| a < b);
        assert!(empty.is_empty());
    }
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn set_behaves_like_btreeset() {
        let input = [5u64, 1, 3, 5, 2, 1, 9];
        let lite: LiteSet<u64> = input.iter().copied().collect();
        let tree: BTreeSet<u64> = input.iter().copied().collect();
        assert_eq!(
            lite.iter().collect::<Vec<_>>(),
            tree.iter().collect::<Vec<_>>()
        );
        assert_eq!(format!("{lite:?}"), format!("{tree:?}"));
        let mut lite = lite;
        assert!(!lite.insert(3));
        assert!(lite.insert(4));
        assert!(lite.remove(&5));
        assert!(!lite.remove(&5));
        assert!(lite.contains(&4) && !lite.contains(&5));
        assert_eq!(lite.as_slice(), &[1, 2, 3, 4, 9]);
        assert_eq!((lite.first(), lite.last()), (Some(&1), Some(&9)));
    }

    #[test]
    fn set_serializes_like_btreeset() {
        let lite = LiteSet::from([3u8, 1, 2]);
        let tree = BTreeSet::from([3u8, 1, 2]);
        let json = serde_json::to_string(&lite).unwrap();
        assert_eq!(json, serde_json::to_string(&tree).unwrap());
        let back: LiteSet<u8> = serde_json::from_str("[3,1,2,1]").unwrap();
        assert_eq!(back, lite);
    }

    #[test]
    fn collect_map_keeps_the_last_duplicate_like_btreemap() {
        let pairs = [(2, "a"), (1, "b"), (2, "c")];
        let lite = collect_map(pairs);
        let tree: BTreeMap<_, _> = pairs.into_iter().collect();
        assert_eq!(
            lite.iter().collect::<Vec<_>>(),
            tree.iter().collect::<Vec<_>>()
        );
    }

    #[test]
    fn map_serializes_like_btreemap() {
        #[derive(Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Debug, Clone, Copy)]
        enum Key {
            A,
            B,
        }
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        #[serde(bound(
            serialize = "K: Serialize, V: Serialize",
            deserialize = "K: Ord + Deserialize<'de>, V: Deserialize<'de>"
        ))]
        struct Lite<K: Ord, V> {
            #[serde(with = "map_serde")]
            m: LiteMap<K, V>,
        }
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        #[serde(bound(
            serialize = "K: Serialize, V: Serialize",
            deserialize = "K: Ord + Deserialize<'de>, V: Deserialize<'de>"
        ))]
        struct Tree<K: Ord, V> {
            m: BTreeMap<K, V>,
        }
        fn same<K, V>(pairs: Vec<(K, V)>)
        where
            K: Ord + Clone + Serialize + for<'de> Deserialize<'de> + fmt::Debug,
            V: Clone + Serialize + for<'de> Deserialize<'de> + PartialEq + fmt::Debug,
        {
            let lite = Lite {
                m: collect_map(pairs.clone()),
            };
            let tree = Tree {
                m: pairs.into_iter().collect(),
            };
            let json = serde_json::to_string(&lite).unwrap();
            assert_eq!(json, serde_json::to_string(&tree).unwrap());
            let bin = bincode::serialize(&lite).unwrap();
            assert_eq!(bin, bincode::serialize(&tree).unwrap());
            let back: Lite<K, V> = serde_json::from_str(&json).unwrap();
            assert_eq!(back, lite);
            let back: Lite<K, V> = bincode::deserialize(&bin).unwrap();
            assert_eq!(back, lite);
        }
        same(vec![(Key::B, 2u32), (Key::A, 1)]);
        same(vec![(3u64, true), (1, false)]);
        same(vec![
            ("b".to_string(), "x".to_string()),
            ("a".into(), "y".into()),
        ]);
        same::<String, u8>(vec![]);
        let back: Lite<u64, bool> =
            serde_json::from_str(r#"{"m":{"3":true,"1":false,"3":false}}"#).unwrap();
        let tree: Tree<u64, bool> =
            serde_json::from_str(r#"{"m":{"3":true,"1":false,"3":false}}"#).unwrap();
        assert_eq!(
            back.m.iter().collect::<Vec<_>>(),
            tree.m.iter().collect::<Vec<_>>()
        );
    }
}
