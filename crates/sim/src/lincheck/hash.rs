//! A small FNV-1a hasher: deterministic on every platform (std's RandomState is not), cheap,
//! and dependency-free. Used for memo tables and for the simulator's trace hash.

use std::hash::{BuildHasherDefault, Hasher};

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64-bit.
#[derive(Clone, Copy, Debug)]
pub struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(OFFSET)
    }
}

impl Fnv64 {
    pub fn new() -> Self {
        Self::default()
    }
    /// Resumes hashing from a previous `value()`.
    pub fn from_value(v: u64) -> Fnv64 {
        Fnv64(v)
    }
    pub fn value(&self) -> u64 {
        self.0
    }
    /// Feeds a u64 as 8 little-endian bytes (explicit, so the result is platform-independent).
    pub fn write_u64_le(&mut self, v: u64) {
        self.write(&v.to_le_bytes());
    }
}

impl Hasher for Fnv64 {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }
}

/// For `HashMap`/`HashSet` with deterministic hashing.
pub type FnvBuild = BuildHasherDefault<Fnv64>;

/// A fast word-at-a-time hasher (FxHash's mixing) for in-memory tables keyed by long strings,
/// where byte-wise FNV would dominate. Deterministic on every platform.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordHasher(u64);

impl WordHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(Self::K);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    fn write_u32(&mut self, v: u32) {
        self.add(u64::from(v));
    }
    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }
    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }
}

pub type WordBuild = BuildHasherDefault<WordHasher>;
