//! Range scans over the key spaces, which are `LiteMap`s (sorted `Vec`s) rather than
//! `BTreeMap`s: each distinct `BTreeMap<String, V>` cost the page ≈9 KB of wasm, and these
//! maps hold tens to a few hundred keys, where a binary-searched `Vec` is just as quick.

use litemap::LiteMap;

/// The entries whose key is `start` or sorts after it, in key order (what
/// `BTreeMap::range(start..)` yields): one binary search, then a slice.
pub(crate) fn from_key<'a, V>(map: &'a LiteMap<String, V>, start: &str) -> &'a [(String, V)] {
    let at = map.find_index(start).unwrap_or_else(|at| at);
    map.as_slice().get(at..).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn from_key_is_btreemap_range_from() {
        let keys = ["b", "a/x", "a", "c", "a/", "ab", ""];
        let lite = quorum_raft::lite::collect_map(keys.iter().map(|k| (k.to_string(), k.len())));
        let tree: BTreeMap<String, usize> = keys.iter().map(|k| (k.to_string(), k.len())).collect();
        for start in ["", "a", "a/", "a0", "aa", "b", "bb", "c", "d", "\u{10ffff}"] {
            let got: Vec<_> = from_key(&lite, start).iter().map(|(k, v)| (k, v)).collect();
            let want: Vec<_> = tree.range(start.to_string()..).collect();
            assert_eq!(got, want, "from {start:?}");
        }
        assert!(from_key(&LiteMap::<String, u8>::new(), "a").is_empty());
    }
}
