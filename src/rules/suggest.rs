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

/// The edit distance between `a` and `b`, ignoring ASCII case, when it is at most
/// `limit`. Did-you-mean compares a word with every candidate (every object of a
/// model, the install baseline's included): ASCII text is compared in place, row by
/// row, stopping as soon as no alignment stays within `limit`.
fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    const MAX: usize = 128;
    if a.len() > MAX || b.len() > MAX {
        return None;
    }
    if !a.is_ascii() || !b.is_ascii() {
        let d = edit_distance(&a.to_ascii_lowercase(), &b.to_ascii_lowercase());
        return (d <= limit).then_some(d);
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > limit || bag_distance(a, b) > limit {
        return None;
    }
    let mut prev = [0usize; MAX + 1];
    let mut row = [0usize; MAX + 1];
    for (j, slot) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *slot = j;
    }
    for (i, ca) in a.iter().enumerate() {
        row[0] = i + 1;
        let mut best = row[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(!ca.eq_ignore_ascii_case(cb));
            row[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
            best = best.min(row[j + 1]);
        }
        if best > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut row);
    }
    let d = prev[b.len()];
    (d <= limit).then_some(d)
}

/// A lower bound of the edit distance of two ASCII words, ignoring case: the letters
/// one has beyond the other's (each edit fixes at most one on each side). Most
/// candidates of a did-you-mean differ in many letters; this rejects them in one pass
/// instead of a table of distances.
fn bag_distance(a: &[u8], b: &[u8]) -> usize {
    let mut counts = [0i32; 128];
    for byte in a {
        counts[usize::from(byte.to_ascii_lowercase() & 0x7f)] += 1;
    }
    for byte in b {
        counts[usize::from(byte.to_ascii_lowercase() & 0x7f)] -= 1;
    }
    let (mut surplus, mut missing) = (0usize, 0usize);
    for count in counts {
        if count > 0 {
            surplus += count.unsigned_abs() as usize;
        } else {
            missing += count.unsigned_abs() as usize;
        }
    }
    surplus.max(missing)
}

/// The closest candidate within a distance that scales with the word's length.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .filter_map(|c| distance_within(word, c, limit).map(|d| (d, c)))
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
    let mut close = candidates
        .into_iter()
        .filter(|c| distance_within(word, c, limit).is_some());
    let first = close.next()?;
    close.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words up to 128 bytes are compared; a longer one on either side is not, and never
    /// reaches the fixed-size rows (a panic there would be a crash on user input).
    #[test]
    fn the_length_bound_is_inclusive_and_guards_the_rows() {
        let ending = |n: usize, last: char| format!("{}{last}", "a".repeat(n - 1));
        assert_eq!(
            distance_within(&ending(128, 'b'), &ending(128, 'c'), 4),
            Some(1)
        );
        for (x, y) in [(127, 130), (130, 127), (129, 130), (130, 129), (129, 129)] {
            assert_eq!(
                distance_within(&"a".repeat(x), &"a".repeat(y), 4),
                None,
                "{x} {y}"
            );
        }
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "flow",
            "Flow",
            "flows",
            "default-authentication-flow",
            "default-authentication-flwo",
            "default-enrollment-flow",
            "ümlaut",
            "umlaut",
            "kitten",
            "sitting",
            "abc",
            "acb",
            "xyz",
        ];
        for a in words {
            for b in words {
                let full = edit_distance(&a.to_ascii_lowercase(), &b.to_ascii_lowercase());
                for limit in 0..6 {
                    let want = (full <= limit).then_some(full);
                    assert_eq!(distance_within(a, b, limit), want, "{a:?} {b:?} {limit}");
                }
            }
        }
    }

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

    #[test]
    fn bounded_distance_agrees_with_the_full_one_on_generated_words() {
        // A small alphabet with both cases makes near words, where a wrong lower bound
        // would show.
        let alphabet = b"abAB-c";
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut word = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 9) as usize;
            (0..len)
                .map(|k| alphabet[((seed >> (8 + 3 * k)) % 6) as usize] as char)
                .collect::<String>()
        };
        for _ in 0..3_000 {
            let (a, b) = (word(), word());
            let full = edit_distance(&a.to_ascii_lowercase(), &b.to_ascii_lowercase());
            assert!(
                bag_distance(a.as_bytes(), b.as_bytes()) <= full,
                "{a:?} {b:?}"
            );
            for limit in 0..5 {
                let want = (full <= limit).then_some(full);
                assert_eq!(distance_within(&a, &b, limit), want, "{a:?} {b:?} {limit}");
            }
        }
    }
}
