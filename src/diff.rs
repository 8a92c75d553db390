//! A line diff between the pasted document and the corrected one (longest common subsequence;
//! policy documents are small, and a size cap keeps a huge paste from costing seconds).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffLine<'a> {
    Same(&'a str),
    Added(&'a str),
    Removed(&'a str),
}

/// Above this many cells the diff shows the whole old text removed and the new text added.
const MAX_CELLS: usize = 400_000;

pub fn diff_lines<'a>(old: &'a str, new: &'a str) -> Vec<DiffLine<'a>> {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let (n, m) = (old.len(), new.len());
    if n.saturating_mul(m) > MAX_CELLS {
        return old
            .iter()
            .map(|l| DiffLine::Removed(l))
            .chain(new.iter().map(|l| DiffLine::Added(l)))
            .collect();
    }
    // lcs[i][j]: length of the LCS of old[i..] and new[j..].
    let width = m + 1;
    let mut lcs = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let value = if old.get(i) == new.get(j) {
                lcs.get((i + 1) * width + j + 1).copied().unwrap_or(0) + 1
            } else {
                let down = lcs.get((i + 1) * width + j).copied().unwrap_or(0);
                let right = lcs.get(i * width + j + 1).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = lcs.get_mut(i * width + j) {
                *cell = value;
            }
        }
    }
    let at = |i: usize, j: usize| lcs.get(i * width + j).copied().unwrap_or(0);
    let mut out = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a == b => {
                out.push(DiffLine::Same(a));
                i += 1;
                j += 1;
            }
            (Some(a), Some(_)) if at(i + 1, j) >= at(i, j + 1) => {
                out.push(DiffLine::Removed(a));
                i += 1;
            }
            (_, Some(b)) => {
                out.push(DiffLine::Added(b));
                j += 1;
            }
            (Some(a), None) => {
                out.push(DiffLine::Removed(a));
                i += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// Both documents pretty-printed the same way when both are JSON, so the diff shows changes of
/// content rather than of layout.
pub fn normalise_pair(old: &str, new: &str) -> (String, String) {
    let pretty = |text: &str| {
        serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|value| serde_json::to_string_pretty(&value).ok())
    };
    match (pretty(old), pretty(new)) {
        (Some(old), Some(new)) => (old, new),
        _ => (old.to_owned(), new.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_only_as_changes() {
        let diff = diff_lines("a\nb\nc", "a\nB\nc\nd");
        assert_eq!(
            diff,
            vec![
                DiffLine::Same("a"),
                DiffLine::Removed("b"),
                DiffLine::Added("B"),
                DiffLine::Same("c"),
                DiffLine::Added("d"),
            ]
        );
    }

    #[test]
    fn normalises_json_layout() {
        let (old, new) = normalise_pair("{\"a\":1,\"b\":2}", "{ \"a\": 1, \"b\": 3 }");
        let changes: Vec<_> = diff_lines(&old, &new)
            .into_iter()
            .filter(|line| !matches!(line, DiffLine::Same(_)))
            .collect();
        assert_eq!(
            changes,
            vec![
                DiffLine::Removed("  \"b\": 2"),
                DiffLine::Added("  \"b\": 3")
            ]
        );
    }
}
