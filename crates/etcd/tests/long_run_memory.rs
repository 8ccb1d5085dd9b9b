//! A long run with clients on the etcd store keeps time travel affordable: every copy of a
//! member's MVCC history shares its past (`mvcc::chunklog`), watch events are read from that
//! history instead of being kept a second time, Raft snapshot bytes are shared between
//! copies, and the time-travel snapshots thin out at their byte budget.
//!
//! Before, each of the hundreds of time-travel copies held every revision and watch event of
//! every member again: two simulated minutes of the benchmark workload held about 1.3 GB, and
//! ten minutes about 17 GB.

use quorum_etcd::EtcdState;
use quorum_sim::world::travel::SNAPSHOT_BYTE_BUDGET;
use quorum_sim::{bench_description, World};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts the bytes this test binary has allocated and not yet freed.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

#[test]
fn two_minutes_with_clients_stay_small_and_seek_exactly() {
    let before = LIVE.load(Ordering::Relaxed);
    let mut w: World<EtcdState> = World::new(bench_description()).expect("world");
    w.advance_to(120_000_000);
    let held = LIVE.load(Ordering::Relaxed).saturating_sub(before);
    assert!(w.snapshot_count() > 100, "time travel keeps its snapshots");
    assert!(w.snapshot_bytes() <= SNAPSHOT_BYTE_BUDGET);
    assert!(held < 150 << 20, "{} MB held after 2 minutes", held >> 20);
    let end = w.trace_hash();
    w.seek(60_000_000);
    let mut fresh: World<EtcdState> = World::new(bench_description()).expect("world");
    fresh.advance_to(60_000_000);
    assert_eq!(w.trace_hash(), fresh.trace_hash());
    w.seek(120_000_000);
    assert_eq!(w.trace_hash(), end);
}
