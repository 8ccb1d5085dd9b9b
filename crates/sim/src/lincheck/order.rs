//! One way to sort for the whole checker: by a `u64` key through `[u64]::sort_unstable`,
//! which the page already carries. Each `sort_by_key` with its own closure would compile
//! std's sort once more (2–4 KB of wasm each), and the checker runs in the page.

/// Sorts `items` (each below 2^32) by `key`, equal keys by item.
pub(crate) fn by_key(items: &mut [usize], key: impl Fn(usize) -> u64) {
    let mut keys: Vec<u64> = items.iter().map(|&i| key(i)).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut packed: Vec<u64> = items
        .iter()
        .map(|&i| {
            let rank = keys.binary_search(&key(i)).unwrap_or(0) as u64;
            rank << 32 | (i as u64 & 0xFFFF_FFFF)
        })
        .collect();
    packed.sort_unstable();
    for (slot, p) in items.iter_mut().zip(packed) {
        *slot = (p & 0xFFFF_FFFF) as usize;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_by_key_then_item() {
        let mut items = vec![5, 3, 9, 1, 7];
        let key = |i: usize| [0, 4, 0, 2, 0, 4, 0, 4, 0, u64::MAX][i];
        super::by_key(&mut items, key);
        assert_eq!(items, vec![3, 1, 5, 7, 9]);
    }
}
