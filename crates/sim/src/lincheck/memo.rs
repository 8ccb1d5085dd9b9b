//! The memo of explored (linearized set, state) pairs.
//!
//! The set is hashed incrementally (Zobrist: XOR of a fixed random word per operation), so a
//! lookup costs one probe plus a word-by-word comparison; keys live in one flat arena.

use super::compiled::Sid;

/// SplitMix64: a fixed, platform-independent sequence for the Zobrist words.
fn splitmix(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A linearized set with its running Zobrist hash.
#[derive(Clone)]
pub struct OpSet {
    pub words: Vec<u64>,
    pub hash: u64,
}

pub struct Memo {
    zobrist: Vec<u64>,
    words: usize,
    /// Per stored key: `words` bitset words then the state id.
    arena: Vec<u64>,
    /// Open addressing: index of the key in the arena + 1, or 0 when empty.
    slots: Vec<u32>,
    len: usize,
}

impl Memo {
    pub fn new(ops: usize) -> Memo {
        let mut seed = 0x51_7c_c1_b7_27_22_0a_95u64;
        Memo {
            zobrist: (0..ops).map(|_| splitmix(&mut seed)).collect(),
            words: ops.div_ceil(64).max(1),
            arena: Vec::new(),
            slots: vec![0; 1024],
            len: 0,
        }
    }

    pub fn empty_set(&self) -> OpSet {
        OpSet {
            words: vec![0; self.words],
            hash: 0,
        }
    }

    /// Flips membership of operation `i`.
    pub fn toggle(&self, set: &mut OpSet, i: usize) {
        set.words[i / 64] ^= 1u64 << (i % 64);
        set.hash ^= self.zobrist[i];
    }

    fn mix(set: &OpSet, state: Sid) -> u64 {
        let mut h = set.hash ^ u64::from(state).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
        h.wrapping_mul(0xBF58_476D_1CE4_E5B9)
    }

    fn key_at(&self, k: usize) -> &[u64] {
        let w = self.words + 1;
        &self.arena[k * w..(k + 1) * w]
    }

    /// Inserts (set, state); false if it was already there.
    pub fn insert(&mut self, set: &OpSet, state: Sid) -> bool {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut pos = (Self::mix(set, state) as usize) & mask;
        loop {
            match self.slots[pos] {
                0 => break,
                k => {
                    let key = self.key_at(k as usize - 1);
                    if key[self.words] == u64::from(state) && key[..self.words] == set.words[..] {
                        return false;
                    }
                }
            }
            pos = (pos + 1) & mask;
        }
        self.arena.extend_from_slice(&set.words);
        self.arena.push(u64::from(state));
        self.len += 1;
        self.slots[pos] = u32::try_from(self.len).unwrap_or(u32::MAX);
        true
    }

    fn grow(&mut self) {
        let mut slots = vec![0u32; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for k in 0..self.len {
            let key = self.key_at(k);
            let mut h = 0u64;
            for (i, w) in key[..self.words].iter().enumerate() {
                let mut bits = *w;
                while bits != 0 {
                    let b = bits.trailing_zeros() as usize;
                    h ^= self.zobrist[i * 64 + b];
                    bits &= bits - 1;
                }
            }
            let state = key[self.words] as Sid;
            let probe = OpSet {
                words: Vec::new(),
                hash: h,
            };
            let mut pos = (Self::mix(&probe, state) as usize) & mask;
            while slots[pos] != 0 {
                pos = (pos + 1) & mask;
            }
            slots[pos] = u32::try_from(k + 1).unwrap_or(u32::MAX);
        }
        self.slots = slots;
    }

    /// Number of stored pairs (memory grows with it).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}
