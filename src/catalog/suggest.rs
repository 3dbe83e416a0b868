//! "Did you mean" helpers: edit distance and closest-candidate search.

/// Optimal-string-alignment distance: insertions, deletions, substitutions and
/// swaps of two neighbouring characters each cost 1, so `flwo` is 1 away from
/// `flow`. Compares characters, not bytes.
pub(crate) fn edit_distance(left: &str, right: &str) -> usize {
    let left: Vec<char> = left.chars().collect();
    let right: Vec<char> = right.chars().collect();
    // Three rolling rows: two rows back (for swaps), previous, current.
    let mut before_previous: Vec<usize> = vec![0; right.len() + 1];
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    let mut current: Vec<usize> = vec![0; right.len() + 1];
    for i in 1..=left.len() {
        current[0] = i;
        for j in 1..=right.len() {
            let substitution = usize::from(left[i - 1] != right[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + substitution);
            if i > 1 && j > 1 && left[i - 1] == right[j - 2] && left[i - 2] == right[j - 1] {
                best = best.min(before_previous[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[right.len()]
}

/// How many edits still count as a typo of a word this long: short names allow
/// fewer, so `user` does not suggest `group`.
pub(crate) fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 1,
        4..=8 => 2,
        _ => 3,
    }
}

/// The candidate closest to `needle` (case-insensitive) within the typo budget of
/// `needle`'s length. Ties go to the candidate seen first.
pub(crate) fn closest<'a>(
    needle: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let needle = needle.to_lowercase();
    let budget = typo_budget(needle.chars().count());
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let distance = edit_distance(&needle, &candidate.to_lowercase());
        if distance <= budget && best.is_none_or(|(best_distance, _)| distance < best_distance) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The only candidate within the typo budget of `needle`, if exactly one is.
pub(crate) fn only_close<'a>(
    needle: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let needle = needle.to_lowercase();
    let budget = typo_budget(needle.chars().count());
    let mut close = candidates
        .into_iter()
        .filter(|candidate| edit_distance(&needle, &candidate.to_lowercase()) <= budget);
    let first = close.next()?;
    close.next().is_none().then_some(first)
}
