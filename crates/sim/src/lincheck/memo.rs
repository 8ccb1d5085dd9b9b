//! The memo of explored (linearized set, state) pairs.
//!
//! The set is hashed incrementally (Zobrist: XOR of a fixed random word per operation), so a
//! lookup costs one probe plus a short comparison. Keys are stored compactly: a linearized set
//! is almost always "every operation up to some point, and a few after it", so a key keeps the
//! number of leading all-ones words and only the words between them and the last non-zero one.
//! A history of 20,000 operations then costs tens of bytes per pair instead of 2.5 KB.

use super::compiled::Sid;

/// SplitMix64: a fixed, platform-independent sequence for the Zobrist words.
fn splitmix(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A linearized set with its running Zobrist hash. `words[..lo]` are all ones and
/// `words[hi..]` all zeros, and both bounds are kept as tight as possible, so equal sets
/// have equal `(lo, words[lo..hi])`.
#[derive(Clone)]
pub struct OpSet {
    words: Vec<u64>,
    hash: u64,
    lo: usize,
    hi: usize,
}

impl OpSet {
    /// The words that differ from "all ones, then all zeros".
    fn middle(&self) -> &[u64] {
        &self.words[self.lo..self.hi]
    }
}

/// Words per stored key before its middle: hash, state, lo, middle length.
const HEADER: usize = 4;

pub struct Memo {
    zobrist: Vec<u64>,
    words: usize,
    /// Every stored key: the header, then its middle words.
    arena: Vec<u64>,
    /// Where each key starts in the arena.
    starts: Vec<usize>,
    /// Open addressing: index of the key + 1, or 0 when empty.
    slots: Vec<u32>,
}

impl Memo {
    pub fn new(ops: usize) -> Memo {
        let mut seed = 0x51_7c_c1_b7_27_22_0a_95u64;
        Memo {
            zobrist: (0..ops).map(|_| splitmix(&mut seed)).collect(),
            words: ops.div_ceil(64).max(1),
            arena: Vec::new(),
            starts: Vec::new(),
            slots: vec![0; 1024],
        }
    }

    pub fn empty_set(&self) -> OpSet {
        OpSet {
            words: vec![0; self.words],
            hash: 0,
            lo: 0,
            hi: 0,
        }
    }

    /// Flips membership of operation `i`.
    pub fn toggle(&self, set: &mut OpSet, i: usize) {
        let (w, bit) = (i / 64, 1u64 << (i % 64));
        set.words[w] ^= bit;
        set.hash ^= self.zobrist[i];
        if set.words[w] & bit != 0 {
            set.hi = set.hi.max(w + 1);
            while set.lo < set.hi && set.words[set.lo] == u64::MAX {
                set.lo += 1;
            }
        } else {
            set.lo = set.lo.min(w);
            while set.hi > set.lo && set.words[set.hi - 1] == 0 {
                set.hi -= 1;
            }
        }
    }

    fn mix(hash: u64, state: Sid) -> u64 {
        let mut h = hash ^ u64::from(state).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
        h.wrapping_mul(0xBF58_476D_1CE4_E5B9)
    }

    fn key(&self, k: usize) -> &[u64] {
        let start = self.starts[k];
        let len = self.arena[start + 3] as usize;
        &self.arena[start..start + HEADER + len]
    }

    fn matches(key: &[u64], set: &OpSet, state: Sid) -> bool {
        key[0] == set.hash
            && key[1] == u64::from(state)
            && key[2] == set.lo as u64
            && key[HEADER..] == *set.middle()
    }

    /// Inserts (set, state); false if it was already there.
    pub fn insert(&mut self, set: &OpSet, state: Sid) -> bool {
        if (self.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut pos = (Self::mix(set.hash, state) as usize) & mask;
        while let Some(k) = (self.slots[pos] as usize).checked_sub(1) {
            if Self::matches(self.key(k), set, state) {
                return false;
            }
            pos = (pos + 1) & mask;
        }
        self.starts.push(self.arena.len());
        let middle = set.middle();
        self.arena.extend_from_slice(&[
            set.hash,
            u64::from(state),
            set.lo as u64,
            middle.len() as u64,
        ]);
        self.arena.extend_from_slice(middle);
        self.slots[pos] = u32::try_from(self.len()).unwrap_or(u32::MAX);
        true
    }

    fn grow(&mut self) {
        let mut slots = vec![0u32; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for k in 0..self.len() {
            let key = self.key(k);
            let mut pos = (Self::mix(key[0], key[1] as Sid) as usize) & mask;
            while slots[pos] != 0 {
                pos = (pos + 1) & mask;
            }
            slots[pos] = u32::try_from(k + 1).unwrap_or(u32::MAX);
        }
        self.slots = slots;
    }

    /// Number of stored pairs.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Bytes held, for the search's memory bound.
    pub fn bytes(&self) -> usize {
        self.arena.len() * 8 + self.starts.len() * 8 + self.slots.len() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_sets_reached_in_any_order_are_one_key() {
        let mut memo = Memo::new(200);
        let mut a = memo.empty_set();
        let mut b = memo.empty_set();
        for i in 0..150 {
            memo.toggle(&mut a, i);
        }
        for i in (0..150).rev() {
            memo.toggle(&mut b, i);
        }
        // Through a detour: add and remove an operation far beyond the prefix.
        memo.toggle(&mut b, 199);
        memo.toggle(&mut b, 199);
        assert_eq!((a.lo, a.hi), (b.lo, b.hi));
        assert!(memo.insert(&a, 3));
        assert!(!memo.insert(&b, 3));
        assert!(memo.insert(&b, 4));
        // Removing from the all-ones prefix makes a different, still canonical, key.
        memo.toggle(&mut b, 5);
        assert_eq!(b.lo, 0);
        assert!(memo.insert(&b, 3));
        memo.toggle(&mut b, 5);
        assert!(!memo.insert(&b, 3));
        // Only the middle word is stored for a long prefix.
        assert_eq!(a.middle().len(), 1);
    }

    #[test]
    fn many_keys_survive_growth() {
        let mut memo = Memo::new(64 * 3);
        let mut set = memo.empty_set();
        for i in 0..192 {
            memo.toggle(&mut set, i);
            for s in 0..20 {
                assert!(memo.insert(&set, s));
            }
        }
        let mut again = memo.empty_set();
        for i in 0..192 {
            memo.toggle(&mut again, i);
            assert!(!memo.insert(&again, 19));
        }
        assert_eq!(memo.len(), 192 * 20);
    }
}
