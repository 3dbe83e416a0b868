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
    let suspicious = |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || *b >= 0x7F;
    let first = text.as_bytes().iter().position(suspicious)?;
    let (at, c) = text[first..].char_indices().find(|(_, c)| !printable(*c))?;
    let at = (first + at) as u32;
    Some(YamlProblem {
        kind: YamlProblemKind::Syntax,
        span: Span::new(at, at + c.len_utf8() as u32),
        message: format!(
            "found unacceptable character #x{:04x}: special characters are not allowed (PyYAML refuses the whole file)",
            c as u32
        ),
    })
}

fn printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// PyYAML breaks lines at U+0085, U+2028 and U+2029 too (in comments, scalars and
/// between tokens); saphyr-parser does not. Each becomes spaces and a line feed of the
/// same byte length, so every byte offset still points into the original text.
pub(super) fn yaml11_breaks(text: &str) -> Cow<'_, str> {
    let has = text
        .as_bytes()
        .windows(2)
        .any(|w| (w[0] == 0xC2 && w[1] == 0x85) || (w[0] == 0xE2 && w[1] == 0x80));
    if !has || !text.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{85}' => out.push_str(" \n"),
            '\u{2028}' | '\u{2029}' => out.push_str("  \n"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
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
