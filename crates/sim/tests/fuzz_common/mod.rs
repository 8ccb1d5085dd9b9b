//! What the simulator's seeded fuzzers share: the case count and a bounded draw.

use rand_core::RngCore;
use rand_pcg::Pcg64;

/// `QUORUM_FUZZ_CASES` (default 256, what CI runs); the counts run for the record are in
/// bench/fuzz.md.
pub fn cases() -> u64 {
    std::env::var("QUORUM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// A number below `n` (0 when `n` is 0).
pub fn below(rng: &mut Pcg64, n: u64) -> u64 {
    rng.next_u64() % n.max(1)
}
