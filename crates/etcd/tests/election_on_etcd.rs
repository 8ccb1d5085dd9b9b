//! The §9.3 election experiment gives the same trials on the etcd store as on the
//! simulator's KV store: the page runs it on `EtcdState` (the only application it compiles),
//! the CLI on `KvStore`, and both must print the same numbers.

use quorum_etcd::EtcdState;
use quorum_sim::election::{run, run_on, ElectionParams};

#[test]
fn etcd_and_kv_store_give_identical_reports() {
    let ranges = [(150, 150), (150, 155), (150, 300), (12, 24), (100, 200)];
    for (crashed, (min, max)) in [1, 2].into_iter().flat_map(|c| ranges.map(|r| (c, r))) {
        let p = ElectionParams {
            timeout_min_us: min * 1000,
            timeout_max_us: max * 1000,
            trials: 12,
            crashed,
            seed: 7 + min,
            cap_us: 3_000_000,
            ..ElectionParams::default()
        };
        let kv = run(&p).expect("valid parameters");
        let etcd = run_on::<EtcdState>(&p).expect("valid parameters");
        assert_eq!(etcd, kv, "{min}-{max} ms, {crashed} crashed");
    }
}
