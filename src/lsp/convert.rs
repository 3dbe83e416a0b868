//! The one place where byte offsets meet LSP positions and file paths meet URIs.
//!
//! Inside flowlint every location is a byte span; an editor counts characters in
//! UTF-16 code units unless it negotiated UTF-8 (`general.positionEncodings`).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

use crate::source::Span;

/// How the client counts `Position::character`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion), else the protocol's default.
    pub fn negotiate(offered: Option<&[lsp_types::PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&lsp_types::PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> lsp_types::PositionEncodingKind {
        match self {
            Encoding::Utf8 => lsp_types::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp_types::PositionEncodingKind::UTF16,
        }
    }

    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
        }
    }
}

/// Line starts of a text, for converting in both directions.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// The position of a byte offset (clamped to the text, snapped back to a char boundary).
    pub fn position(&self, offset: u32, encoding: Encoding) -> Position {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = self.text[start..offset]
            .chars()
            .map(|c| encoding.units(c))
            .sum();
        Position::new(line as u32, character)
    }

    pub fn range(&self, span: Span, encoding: Encoding) -> Range {
        Range::new(
            self.position(span.start, encoding),
            self.position(span.end, encoding),
        )
    }

    /// The byte offset of a position. A line past the end gives the end of the text and
    /// a character past the end of its line gives the line's end, as the protocol says;
    /// a position inside a surrogate pair gives the start of that character.
    pub fn offset(&self, position: Position, encoding: Encoding) -> u32 {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len() as u32;
        };
        let line_end = self
            .starts
            .get(position.line as usize + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = self.text[start..line_end].trim_end_matches(['\n', '\r']);
        let mut units = 0;
        for (at, c) in line.char_indices() {
            let next = units + encoding.units(c);
            if next > position.character {
                return (start + at) as u32;
            }
            units = next;
        }
        (start + line.len()) as u32
    }

    pub fn span(&self, range: Range, encoding: Encoding) -> Span {
        let start = self.offset(range.start, encoding);
        let end = self.offset(range.end, encoding).max(start);
        Span::new(start, end)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of a 0-based line, without its line break.
    pub fn line_span(&self, line: usize) -> Option<Span> {
        let start = *self.starts.get(line)?;
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let text = self.text[start..end].trim_end_matches(['\n', '\r']);
        Some(Span::new(start as u32, (start + text.len()) as u32))
    }
}

/// The local path of a `file:` URI (percent-decoded); `None` for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // `file://localhost/x` and `file:///x` name the same file.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

/// A `file:` URI for an absolute path, percent-encoding all but unreserved characters and `/`.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut out = String::from("file://");
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "name: \"日本語 😀 x\"\nslug: y\r\nend";

    #[test]
    fn utf16_counts_surrogate_pairs_as_two() {
        let index = LineIndex::new(TEXT);
        let x = TEXT.find('x').unwrap() as u32;
        // `name: "` is 7, three CJK characters 3, a space 1, the emoji 2, a space 1.
        assert_eq!(index.position(x, Encoding::Utf16), Position::new(0, 14));
        assert_eq!(index.position(x, Encoding::Utf8), Position::new(0, x));
        assert_eq!(index.offset(Position::new(0, 14), Encoding::Utf16), x);
        assert_eq!(index.offset(Position::new(0, x), Encoding::Utf8), x);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let index = LineIndex::new(TEXT);
        let slug_end = TEXT.find('\r').unwrap() as u32;
        assert_eq!(
            index.offset(Position::new(1, 99), Encoding::Utf16),
            slug_end
        );
        assert_eq!(
            index.offset(Position::new(40, 0), Encoding::Utf16),
            TEXT.len() as u32
        );
        // Inside the emoji's surrogate pair: the emoji's start.
        let emoji = TEXT.find('😀').unwrap() as u32;
        assert_eq!(index.offset(Position::new(0, 12), Encoding::Utf16), emoji);
        // A byte offset inside a character snaps back to it.
        assert_eq!(
            index.position(emoji + 1, Encoding::Utf16),
            Position::new(0, 11)
        );
    }

    #[test]
    fn uris_round_trip_with_spaces_and_unicode() {
        let path = Path::new("/tmp/my blueprints/流れ.yaml");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/my%20blueprints/%E6%B5%81%E3%82%8C.yaml"
        );
        assert_eq!(uri_to_path(&uri).unwrap(), path);
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&other), None);
    }
}
