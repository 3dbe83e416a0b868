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
        let len = self.text[at as usize..]
            .bytes()
            .take_while(|b| {
                !b.is_ascii_whitespace() && !matches!(b, b',' | b'[' | b']' | b'{' | b'}')
            })
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
