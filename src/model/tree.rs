//! Trees given as a parent per item (by index): loops cut and depths found in linear
//! time, without recursion, so a file whose 50,000 rows each name the next as parent
//! costs no more than a flat one.

/// Cuts every loop of parents: where following parents would come back to an item on
/// the same walk, the item that closes the loop loses its parent. A parent out of
/// range or the item itself is dropped too. Returns how many links were cut.
pub fn cut_loops(parents: &mut [Option<usize>]) -> usize {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let n = parents.len();
    let mut cut = 0;
    for (i, p) in parents.iter_mut().enumerate() {
        if p.is_some_and(|p| p >= n || p == i) {
            *p = None;
            cut += 1;
        }
    }
    let mut state = vec![NEW; n];
    let mut path = Vec::new();
    for start in 0..n {
        if state[start] != NEW {
            continue;
        }
        path.clear();
        let mut at = start;
        loop {
            state[at] = ON_PATH;
            path.push(at);
            match parents[at] {
                Some(p) if state[p] == NEW => at = p,
                Some(p) if state[p] == ON_PATH => {
                    parents[at] = None;
                    cut += 1;
                    break;
                }
                _ => break,
            }
        }
        for &t in &path {
            state[t] = DONE;
        }
    }
    cut
}

/// Each item's depth (0 for a root). Parents must be loop-free (see [`cut_loops`]);
/// an item on a loop anyway gets the depth at which the loop was noticed.
pub fn depths(parents: &[Option<usize>]) -> Vec<usize> {
    const UNKNOWN: usize = usize::MAX;
    let n = parents.len();
    let mut depth = vec![UNKNOWN; n];
    let mut path = Vec::new();
    for start in 0..n {
        path.clear();
        let mut at = Some(start);
        let mut base = 0;
        while let Some(t) = at {
            if t >= n {
                break;
            }
            if depth[t] != UNKNOWN {
                base = depth[t] + 1;
                break;
            }
            if path.len() > n {
                break;
            }
            path.push(t);
            at = parents[t];
        }
        for (k, &t) in path.iter().rev().enumerate() {
            if depth[t] == UNKNOWN {
                depth[t] = base + k;
            }
        }
    }
    depth
}

/// Items ordered by depth, shallowest first (each root before anything below it), in
/// linear time: a counting sort, stable within a depth.
pub fn by_depth(depth: &[usize]) -> Vec<usize> {
    let deepest = depth.iter().copied().max().unwrap_or(0);
    let mut starts = vec![0usize; deepest + 2];
    for &d in depth {
        starts[d + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    let mut out = vec![0usize; depth.len()];
    for (i, &d) in depth.iter().enumerate() {
        out[starts[d]] = i;
        starts[d] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_are_cut_where_they_close() {
        // 0 → 1 → 2 → 0, and 3 → 1 hangs below the loop.
        let mut parents = vec![Some(1), Some(2), Some(0), Some(1), Some(4)];
        assert_eq!(cut_loops(&mut parents), 2);
        assert_eq!(parents, vec![Some(1), Some(2), None, Some(1), None]);
        assert_eq!(depths(&parents), vec![2, 1, 0, 2, 0]);
        assert_eq!(by_depth(&depths(&parents)), vec![2, 4, 1, 0, 3]);
    }

    #[test]
    fn a_chain_of_a_million_is_linear() {
        let n: usize = 1_000_000;
        // Each the parent of the next, and the first under the last: one loop, cut
        // where the walk from 0 closes it (at 1, whose parent is 0).
        let mut parents: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
        parents[0] = Some(n - 1);
        assert_eq!(cut_loops(&mut parents), 1);
        assert_eq!(parents[1], None);
        let d = depths(&parents);
        assert_eq!((d[1], d[2], d[n - 1], d[0]), (0, 1, n - 2, n - 1));
    }
}
