//! Where PyYAML keeps a U+2028 or U+2029 line break in a scalar's value.
//!
//! PyYAML's `scan_line_break` returns `\n` for `\r\n`, `\r`, `\n` and U+0085 but the
//! character itself for U+2028 and U+2029, and its scalar scanners put such a break
//! into the value (`scan_plain_spaces`, `scan_flow_scalar_breaks`,
//! `scan_block_scalar`). `pyyaml_text::yaml11_breaks` rewrites those breaks as line
//! feeds, so flowlint's value is ASCII where PyYAML's is not: `!!binary` text holding
//! one fails in PyYAML ("failed to convert base64 data into ascii").

use crate::source::Span;

/// The first U+2028/U+2029 PyYAML keeps in the value of the scalar at `span` of the
/// original `text`; `raw_end` is where the parser ended a block scalar (past its
/// trailing blank lines).
pub(super) fn kept_break(text: &str, span: Span, raw_end: u32, block: bool) -> Option<char> {
    let bytes = text.as_bytes();
    let start = (span.start as usize).min(bytes.len());
    let end = (span.end as usize).clamp(start, bytes.len());
    let raw_end = (raw_end as usize).clamp(end, bytes.len());
    if !block {
        // Plain and quoted scalars keep every break inside, except one escaped by a
        // backslash in a double-quoted scalar (dropped with the backslash).
        return line_breaks(bytes, start, end)
            .find(|&(at, c)| c != '\n' && !odd_backslashes(&bytes[start..at]))
            .map(|(_, c)| c);
    }
    let (content, chomping) = block_header(bytes, start, end)?;
    // PyYAML's content lines: past the indentation, anything but a line break (a line
    // of spaces indented deeper than the content is content too); the break that
    // ends the last one is the last break chomping may keep.
    // The content indentation: the leading spaces of the first line that is not blank.
    let line_starts = std::iter::once(content)
        .chain(line_breaks(bytes, content, end).map(|(at, _)| at + break_width(bytes, at)));
    let indent = line_starts
        .filter(|&from| from < end)
        .map(|from| {
            (
                from,
                bytes[from..].iter().take_while(|b| **b == b' ').count(),
            )
        })
        .find(|&(from, spaces)| {
            line_breaks(bytes, from + spaces, end)
                .next()
                .is_none_or(|(at, _)| at > from + spaces)
        })
        .map(|(_, spaces)| spaces);
    let mut last_content_break = None;
    let mut line_start = content;
    for (at, _) in line_breaks(bytes, content, raw_end) {
        let spaces = bytes[line_start..at]
            .iter()
            .take_while(|b| **b == b' ')
            .count();
        let Some(indent) = indent else { break };
        let blank = line_start + spaces == at;
        if spaces < indent && !blank {
            break; // a less indented line ends the scalar
        }
        if spaces > indent || !blank {
            last_content_break = Some(at);
        }
        line_start = at + break_width(bytes, at);
    }
    let kept = |from: usize, to: usize| {
        line_breaks(bytes, from, to)
            .map(|(_, c)| c)
            .find(|c| *c != '\n')
    };
    let Some(last) = last_content_break else {
        // The last content line ends the stream: every break before it is kept; with
        // no content line, only `|+` keeps the blank lines' breaks.
        return (indent.is_some() || chomping == Chomping::Keep)
            .then(|| kept(content, raw_end))
            .flatten();
    };
    // Leading blank lines and the breaks between content lines are always kept.
    let final_break = line_breaks(bytes, last, raw_end).next().map(|(_, c)| c);
    kept(content, last).or(match chomping {
        Chomping::Strip => None,
        Chomping::Clip => final_break.filter(|c| *c != '\n'),
        Chomping::Keep => kept(last, raw_end),
    })
}

fn break_width(bytes: &[u8], at: usize) -> usize {
    match bytes[at] {
        b'\r' if bytes.get(at + 1) == Some(&b'\n') => 2,
        b'\n' | b'\r' => 1,
        0xC2 => 2,
        _ => 3,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomping {
    Strip,
    Clip,
    Keep,
}

/// Every line break in `bytes[from..to]`: its offset and `\n` for the breaks PyYAML
/// reads as a line feed, or U+2028/U+2029.
fn line_breaks(bytes: &[u8], from: usize, to: usize) -> impl Iterator<Item = (usize, char)> + '_ {
    let to = to.min(bytes.len());
    (from.min(to)..to).filter_map(move |i| {
        let c = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => return None,
            b'\n' | b'\r' => '\n',
            0xC2 if bytes.get(i + 1) == Some(&0x85) => '\n',
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0xA8) => '\u{2028}',
                Some(0xA9) => '\u{2029}',
                _ => return None,
            },
            _ => return None,
        };
        Some((i, c))
    })
}

/// Where a block scalar's `|` or `>` is, past the tags, anchors, comments and blanks
/// its node starts with.
fn indicator(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    let mut i = start;
    while !matches!(*bytes.get(i)?, b'|' | b'>') {
        i += match bytes[i] {
            b'#' => bytes[i..].iter().position(|b| matches!(b, b'\n' | b'\r'))?,
            b'!' if bytes.get(i + 1) == Some(&b'<') => {
                bytes[i..].iter().position(|b| *b == b'>')? + 1
            }
            b'!' | b'&' => bytes[i..]
                .iter()
                .take_while(|b| !b.is_ascii_whitespace())
                .count(),
            _ => 1,
        };
        if i >= end {
            return None;
        }
    }
    Some(i)
}

/// Whether the bytes end in an odd number of backslashes (the next one is escaped).
fn odd_backslashes(before: &[u8]) -> bool {
    before.iter().rev().take_while(|b| **b == b'\\').count() % 2 == 1
}

/// A block scalar's header (past tags, anchors, comments and blanks before the `|` or
/// `>`): its chomping indicator, and where the line after the header starts.
fn block_header(bytes: &[u8], start: usize, end: usize) -> Option<(usize, Chomping)> {
    let i = indicator(bytes, start, end)?;
    let header = bytes[i + 1..]
        .iter()
        .take_while(|b| matches!(b, b'0'..=b'9' | b'+' | b'-'));
    let mut chomping = Chomping::Clip;
    for b in header {
        match b {
            b'+' => chomping = Chomping::Keep,
            b'-' => chomping = Chomping::Strip,
            _ => {}
        }
    }
    let (at, _) = line_breaks(bytes, i, bytes.len()).next()?;
    Some((at + break_width(bytes, at), chomping))
}

#[cfg(test)]
mod tests {
    use super::kept_break;
    use crate::source::Span;

    fn kept(text: &str, from: &str, to: &str, block: bool) -> Option<char> {
        let start = text.find(from).unwrap() as u32;
        let end = (text.rfind(to).unwrap() + to.len()) as u32;
        let raw_end = text.find("b: 1").unwrap_or(text.len()) as u32;
        kept_break(text, Span::new(start, end), raw_end, block)
    }

    #[test]
    fn a_u2028_inside_a_flow_scalar_is_kept_unless_escaped() {
        assert_eq!(
            kept("a: \"aGV\u{2028}s\"\n", "\"", "s\"", false),
            Some('\u{2028}')
        );
        assert_eq!(
            kept("a: aGV\u{2029}  bG8=\n", "aGV", "=", false),
            Some('\u{2029}')
        );
        assert_eq!(kept("a: \"aGV\\\u{2028}s\"\n", "\"", "s\"", false), None);
        assert_eq!(
            kept("a: \"aGV\\\\\u{2028}s\"\n", "\"", "s\"", false),
            Some('\u{2028}')
        );
        assert_eq!(kept("a: \"aGV\u{85}s\"\n", "\"", "s\"", false), None);
        assert_eq!(kept("a: aGVs\u{2028}b: 1\n", "aGV", "s", false), None);
    }

    #[test]
    fn a_block_scalar_keeps_its_breaks_as_its_chomping_says() {
        let clip = "a: !!binary |\u{2028}  aGVs\u{2028}b: 1\n";
        assert_eq!(kept(clip, "!!", "aGVs", true), Some('\u{2028}'));
        let strip = "a: !!binary |-\u{2028}  aGVs\u{2028}b: 1\n";
        assert_eq!(kept(strip, "!!", "aGVs", true), None);
        let header_only = "a: !!binary |-\u{2028}  aGVs\nb: 1\n";
        assert_eq!(kept(header_only, "!!", "aGVs", true), None);
        let inside = "a: !!binary |-\n  aG\u{2028}  Vs\nb: 1\n";
        assert_eq!(kept(inside, "!!", "Vs", true), Some('\u{2028}'));
        // A line of spaces deeper than the content is a content line.
        let spaces = "a: !!binary |\n  aGVsbG8=\n   \u{2028}\n";
        assert_eq!(kept(spaces, "!!", "=", true), Some('\u{2028}'));
        let blank = "a: !!binary |\n  aGVsbG8=\n  \u{2028}\n";
        assert_eq!(kept(blank, "!!", "=", true), None);
    }
}
