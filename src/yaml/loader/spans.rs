//! Spans and tags as the builder places them: the parser's positions corrected to
//! the text PyYAML and miette see (quoted scalars end at their quote, block
//! collections at their last child, problems on whole characters).

use saphyr_parser::ScalarStyle as ParserStyle;

use super::Builder;
use crate::source::Span;
use crate::yaml::node::Tag;
use crate::yaml::outcome::{YamlProblem, YamlProblemKind};

impl Builder<'_> {
    /// The parser ends a quoted scalar's span at the next token (past spaces and a
    /// comment); end it at the closing quote instead. Block scalars lose trailing blanks.
    pub(super) fn scalar_span(&self, span: Span, style: ParserStyle) -> Span {
        let quote = match style {
            ParserStyle::DoubleQuoted => b'"',
            ParserStyle::SingleQuoted => b'\'',
            ParserStyle::Literal | ParserStyle::Folded => {
                return Span::new(span.start, self.trim_end(span.end).max(span.start));
            }
            ParserStyle::Plain => return span,
        };
        let bytes = self.text.as_bytes();
        let Some(open) = bytes[span.start as usize..]
            .iter()
            .position(|b| *b == quote)
        else {
            return span;
        };
        let mut i = span.start as usize + open + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if quote == b'"' => i += 2,
                b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
                b if b == quote => return Span::new(span.start, i as u32 + 1),
                _ => i += 1,
            }
        }
        span
    }

    pub(super) fn is_flow_collection(&self, start: u32, tag: Option<&Tag>) -> bool {
        let from = tag.map_or(start, |t| t.span.end) as usize;
        let rest = self.text.get(from..).unwrap_or("");
        rest.trim_start().starts_with(['[', '{'])
    }

    pub(super) fn make_tag(
        &self,
        handle: &str,
        suffix: &str,
        at: u32,
    ) -> Result<Box<Tag>, YamlProblem> {
        let (prefix, suffix) = match handle {
            "!!" | "tag:yaml.org,2002:" => ("!!", suffix),
            // A verbatim tag, `!<tag:yaml.org,2002:str>` or `!<!KeyOf>`.
            "" => match suffix.strip_prefix("tag:yaml.org,2002:") {
                Some(rest) => ("!!", rest),
                None => ("", suffix),
            },
            other => (other, suffix),
        };
        if prefix.is_empty() && suffix.is_empty() {
            return Err(YamlProblem {
                kind: YamlProblemKind::Syntax,
                span: self.token_span(at),
                message: "while parsing a tag, expected URI, but found '>': PyYAML refuses the empty verbatim tag `!<>`".into(),
            });
        }
        let name = Tag::name_from_parts(prefix, suffix);
        // As in PyYAML, a tag ends only at a blank or a line break (`,`, `[` and `]`
        // are URI characters, in flow collections too).
        let len = self.text[at as usize..]
            .bytes()
            .take_while(|b| !b.is_ascii_whitespace())
            .count() as u32;
        Ok(Box::new(Tag {
            name,
            span: Span::new(at, at + len),
        }))
    }

    /// A span for a position: the token that starts there, at least one character.
    pub(super) fn token_span(&self, at: u32) -> Span {
        let rest = self.text.get(at as usize..).unwrap_or("");
        let len = rest
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(rest.len(), |(i, _)| i);
        let len = if len == 0 {
            rest.chars().next().map_or(0, char::len_utf8)
        } else {
            len
        };
        Span::new(at, at + len as u32)
    }

    /// Block collections end where the next token starts; drop the trailing blanks.
    /// Where tabs count as a block scalar's content: its span (blanks trimmed) plus the
    /// whitespace that PyYAML still reads into it: the rest of its last content line
    /// and the following whitespace-only lines indented at least as far as its content
    /// (a tab there is content: `|+3` then a line of five spaces and a tab). A
    /// whitespace line indented less ends the scalar, and a tab on it is outside.
    ///
    /// The parser starts an untagged, unanchored block scalar's span at its first
    /// content line, at the content indentation it found (with an indentation
    /// indicator too: `- |2` then `   text` then `  \t`, the tab is content); a
    /// tagged one's at its tag, so there the first content line's indentation is taken.
    pub(super) fn block_scalar_tab_extent(
        &self,
        span: Span,
        raw_end: u32,
        starts_at_content: bool,
    ) -> Span {
        let bytes = self.text.as_bytes();
        let limit = (raw_end as usize).min(bytes.len());
        let start = (span.start as usize).min(limit);
        let is_break = |b: &u8| matches!(b, b'\n' | b'\r');
        // The content indentation, and where content may start.
        let (indent, content) = if starts_at_content {
            let line = bytes[..start]
                .iter()
                .rposition(is_break)
                .map_or(0, |i| i + 1);
            (start - line, start)
        } else {
            // Past the header line (a tab there, outside a comment, is no content:
            // `|` then a tab fails in PyYAML), the leading spaces of the first line
            // that holds anything but spaces (a tab counts, as in PyYAML's scan).
            let Some(header_end) = bytes[start..limit].iter().position(is_break) else {
                return span;
            };
            let content = start + header_end + 1;
            let mut indent = usize::MAX;
            let mut at = content;
            while at < limit {
                let spaces = bytes[at..limit].iter().take_while(|b| **b == b' ').count();
                match bytes.get(at + spaces) {
                    Some(b'\n' | b'\r') => at += spaces + 1,
                    _ => {
                        indent = spaces;
                        break;
                    }
                }
            }
            (indent, content)
        };
        let mut end = (span.end as usize).clamp(content.min(limit), limit);
        let line_end = |from: usize| {
            bytes[from..limit]
                .iter()
                .position(|b| matches!(b, b'\n' | b'\r'))
                .map_or(limit, |i| from + i)
        };
        let whitespace =
            |from: usize, to: usize| bytes[from..to].iter().all(|b| matches!(b, b' ' | b'\t'));
        let rest = line_end(end);
        if whitespace(end, rest) {
            end = rest;
        }
        let mut line = end;
        while line < limit {
            // Past the line break (`\r\n` counts once).
            line += if bytes[line] == b'\r' && bytes.get(line + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            let stop = line_end(line);
            let spaces = bytes[line..stop].iter().take_while(|b| **b == b' ').count();
            if !whitespace(line, stop) || (spaces < indent && spaces < stop - line) {
                break;
            }
            end = stop;
            line = stop;
        }
        Span::new(content as u32, (end as u32).max(content as u32))
    }

    pub(super) fn trim_end(&self, end: u32) -> u32 {
        let bytes = self.text.as_bytes();
        let mut end = (end as usize).min(bytes.len());
        while end > 0 && bytes[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        end as u32
    }
}

/// `span` widened to the characters of `text` it touches.
pub(super) fn on_char_boundaries(text: &str, span: Span) -> Span {
    let mut start = (span.start as usize).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end as usize).clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span {
        start: start as u32,
        end: end as u32,
    }
}
