//! Where PyYAML (YAML 1.1, authentik's loader) reads the text differently from
//! saphyr-parser (YAML 1.2), settled on the text itself: characters PyYAML's reader
//! refuses, the YAML 1.1 line breaks, and tabs, which PyYAML accepts only inside quoted
//! and block scalars and comments. Each found by the differential test against PyYAML
//! (`tests/yaml_differential.rs`).

use std::borrow::Cow;

use super::outcome::{YamlProblem, YamlProblemKind};
use crate::source::Span;

/// PyYAML's reader refuses the whole stream at the first character outside
/// `[\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]`.
pub(super) fn unprintable(text: &str) -> Option<YamlProblem> {
    // One byte loop; a character is decoded only where a non-ASCII one starts.
    let bytes = text.as_bytes();
    let mut i = 0;
    let (at, c) = loop {
        // Printable ASCII (nearly every byte) is skipped eight bytes at a time.
        i += 8 * bytes[i..]
            .chunks_exact(8)
            .take_while(|word| <[u8; 8]>::try_from(*word).is_ok_and(plain_ascii_word))
            .count();
        i += bytes[i..].iter().position(|b| !(0x20..0x7F).contains(b))?;
        let b = bytes[i];
        if b < 0x80 {
            if (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F {
                break (i, char::from(b));
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next()?;
        if !printable(c) {
            break (i, c);
        }
        i += c.len_utf8();
    };
    let at = at as u32;
    Some(YamlProblem {
        kind: YamlProblemKind::Syntax,
        span: Span::new(at, at + c.len_utf8() as u32),
        message: format!(
            "found unacceptable character #x{:04x}: special characters are not allowed (PyYAML refuses the whole file)",
            c as u32
        ),
    })
}

/// All eight bytes in `0x20..=0x7E` (a word test: some byte below 0x20, some above 0x7E).
fn plain_ascii_word(word: [u8; 8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let w = u64::from_le_bytes(word);
    let below = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    let above = (w.wrapping_add(ONES) | w) & HIGH;
    below | above == 0
}

fn printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// PyYAML breaks lines at U+0085, U+2028 and U+2029 too (in comments, scalars and
/// between tokens); saphyr-parser does not. Each becomes a line feed plus spaces, the
/// same byte length, so every byte offset outside whitespace still points into the
/// original text. The padding spaces go right after the last character that is not a
/// space, tab or line break (as trailing blanks of the last non-blank line), never on a
/// blank line: a blank line that gained indentation would be more indented than a
/// block scalar's first content line, which PyYAML's `\n` reading does not see.
pub(super) fn yaml11_breaks(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    // U+0085 is C2 85, U+2028/U+2029 are E2 80 A8/A9: only those lead bytes are looked at.
    let is_break = |i: usize| match bytes[i] {
        0xC2 => bytes.get(i + 1) == Some(&0x85),
        _ => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)),
    };
    if !memchr::memchr2_iter(0xC2, 0xE2, bytes).any(is_break) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    // The whitespace since the last other character, and the padding it owes.
    let mut blanks = String::new();
    let mut padding = 0;
    for c in text.chars() {
        match c {
            '\u{85}' | '\u{2028}' | '\u{2029}' => {
                padding += c.len_utf8() - 1;
                blanks.push('\n');
            }
            ' ' | '\t' | '\n' | '\r' => blanks.push(c),
            _ => {
                flush(&mut out, &mut blanks, &mut padding);
                out.push(c);
            }
        }
    }
    flush(&mut out, &mut blanks, &mut padding);
    Cow::Owned(out)
}

fn flush(out: &mut String, blanks: &mut String, padding: &mut usize) {
    out.extend(std::iter::repeat_n(' ', *padding));
    out.push_str(blanks);
    blanks.clear();
    *padding = 0;
}

/// A scalar's span and whether a tab may appear inside it (quoted and block scalars).
#[derive(Clone, Copy)]
pub(super) struct ScalarExtent {
    pub span: Span,
    pub tabs_allowed: bool,
}

/// The first tab outside quoted scalars, block scalars and comments: PyYAML separates
/// tokens with spaces only ("found character '\t' that cannot start any token").
pub(super) fn stray_tab(text: &str, scalars: &mut [ScalarExtent]) -> Option<YamlProblem> {
    scalars.sort_by_key(|s| s.span.start);
    let bytes = text.as_bytes();
    let inside = |at: usize| -> Option<&ScalarExtent> {
        let i = scalars.partition_point(|s| s.span.start as usize <= at);
        scalars[..i]
            .iter()
            .rev()
            .take(64)
            .find(|s| (s.span.start as usize) <= at && at < s.span.end as usize)
    };
    for at in memchr::memchr_iter(b'\t', bytes) {
        match inside(at) {
            Some(s) if s.tabs_allowed => continue,
            Some(_) => {}
            None => {
                let line_start = bytes[..at]
                    .iter()
                    .rposition(|b| matches!(b, b'\n' | b'\r'))
                    .map_or(0, |i| i + 1);
                // A `#` outside every scalar starts a comment, which may hold tabs.
                let comment = (line_start..at).any(|i| bytes[i] == b'#' && inside(i).is_none());
                if comment {
                    continue;
                }
            }
        }
        let at = at as u32;
        return Some(YamlProblem {
            kind: YamlProblemKind::Syntax,
            span: Span::new(at, at + 1),
            message: "found character '\\t' that cannot start any token: PyYAML accepts tabs only inside quoted and block scalars and comments".into(),
        });
    }
    None
}

#[cfg(test)]
mod word_tests {
    use super::{plain_ascii_word, yaml11_breaks};

    #[test]
    fn a_rewritten_break_keeps_the_length_and_pads_no_blank_line() {
        let text = "a: >\u{2028}    \u{2028}    x\u{85}\u{2029}b: 1";
        let out = yaml11_breaks(text);
        assert_eq!(out.len(), text.len());
        assert_eq!(out, "a: >    \n    \n    x   \n\nb: 1");
        assert_eq!(yaml11_breaks("\u{2028}a"), "  \na");
    }

    #[test]
    fn a_word_is_plain_only_when_every_byte_is_printable_ascii() {
        assert!(plain_ascii_word(*b"abc: xyz"));
        assert!(plain_ascii_word(*b" ~~~~~~~"));
        for bad in [0x00, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xC2, 0xFF] {
            for at in 0..8 {
                let mut word = *b"abcdefgh";
                word[at] = bad;
                assert!(!plain_ascii_word(word), "{bad:#x} at {at}");
            }
        }
    }
}
