//! One stable sort for the engine and the page.
//!
//! std's `sort_by` is a separate copy of its whole algorithm for every element type and closure
//! (3-5 KB of WebAssembly each). Here one non-generic merge sort orders indices through a
//! `dyn` comparison, so a call site costs only its comparison and a swap. The results are those of
//! `slice::sort_by` (stable: equal elements keep their order). The lists sorted are small (findings,
//! secrets, headers of one paste), so the indirection costs nothing noticeable.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items = &*items;
        stable_order(
            items.len(),
            &mut |a, b| match (items.get(a), items.get(b)) {
                (Some(a), Some(b)) => compare(a, b),
                _ => Ordering::Equal,
            },
        )
    };
    permute(order, &mut |a, b| {
        if a < items.len() && b < items.len() {
            items.swap(a, b);
        }
    });
}

/// Sorts `items` stably by `key`, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in ascending order, like `slice::sort` (and `sort_unstable`, whose results are
/// the same for elements that are equal only when identical).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The indices `0..len` in the stable order of `compare`: a bottom-up merge sort.
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = order.clone();
    let mut width = 1usize;
    while width < len {
        let run = width.saturating_mul(2);
        for (source, target) in order.chunks(run).zip(merged.chunks_mut(run)) {
            let (left, right) = source.split_at(width.min(source.len()));
            let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
            for slot in target.iter_mut() {
                // The right element goes first only when strictly smaller: that keeps it stable.
                let take_right = match (left.peek(), right.peek()) {
                    (Some(&&a), Some(&&b)) => compare(b, a) == Ordering::Less,
                    (None, _) => true,
                    (Some(_), None) => false,
                };
                let next = if take_right {
                    right.next()
                } else {
                    left.next()
                };
                if let Some(&next) = next {
                    *slot = next;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width = run;
    }
    order
}

/// Rearranges through `swap` so that position `k` holds the element that was at `order[k]`,
/// following each cycle of the permutation once.
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        let mut current = start;
        while let Some(slot) = order.get_mut(current) {
            let next = std::mem::replace(slot, current);
            if next == current || next == start {
                break;
            }
            swap(current, next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_order_as_std_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |item| item.0);
            let mut theirs = items;
            theirs.sort_by_key(|item| item.0);
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn sorts_like_std(items in proptest::collection::vec(any::<i32>(), 0..100)) {
            let mut ours = items.clone();
            sort(&mut ours);
            let mut theirs = items;
            theirs.sort();
            prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn sorts_strings_and_keeps_ties_in_order() {
        let mut words = vec!["b", "a", "c", "a"];
        sort(&mut words);
        assert_eq!(words, ["a", "a", "b", "c"]);
        let mut pairs = vec![(2, 'x'), (1, 'y'), (2, 'a'), (1, 'b')];
        sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
        assert_eq!(pairs, [(1, 'y'), (1, 'b'), (2, 'x'), (2, 'a')]);
    }
}
