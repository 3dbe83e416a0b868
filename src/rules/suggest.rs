//! Did-you-mean suggestions.

/// Levenshtein distance, bounded to keep long inputs cheap.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 8 || a.len() > 128 || b.len() > 128 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

/// The closest candidate within a distance that scales with the word's length.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).clamp(1, 4);
    let lower = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .filter_map(|c| {
            let d = edit_distance(&lower, &c.to_ascii_lowercase());
            (d <= limit).then_some((d, c))
        })
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c)
}

/// The candidate closest to `word` when it is the only one within the distance
/// [`did_you_mean`] allows: the condition for a safe typo fix.
pub fn only_close_match<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).clamp(1, 4);
    let lower = word.to_ascii_lowercase();
    let mut close = candidates
        .into_iter()
        .filter(|c| edit_distance(&lower, &c.to_ascii_lowercase()) <= limit);
    let first = close.next()?;
    close.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(
            did_you_mean("attr", ["attrs", "identifiers"]),
            Some("attrs")
        );
        assert_eq!(
            did_you_mean("entires", ["entries", "version"]),
            Some("entries")
        );
        assert_eq!(did_you_mean("zzzzzz", ["entries", "version"]), None);
    }
}
