//! The conversion specifiers of a Python `%` format string (`%-10.3s`, `%(key)s`,
//! `%*d`), as `PyUnicode_Format` reads them.

use super::format::FormatError;

#[derive(Clone, Debug)]
pub(super) struct Spec {
    pub(super) conversion: char,
    pub(super) mapping_key: bool,
    pub(super) flags: String,
    pub(super) width: Option<usize>,
    pub(super) precision: Option<usize>,
    /// `*` width and precision: each takes an integer from the arguments first.
    pub(super) star_width: bool,
    pub(super) star_precision: bool,
}

pub(super) enum Piece<'f> {
    Text(&'f str),
    Spec(Spec),
}

pub(super) fn parse(fmt: &str) -> Result<Vec<Piece<'_>>, FormatError> {
    let mut pieces = Vec::new();
    let bytes = fmt.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'%' {
            i += 1;
            continue;
        }
        if text_start < i {
            pieces.push(Piece::Text(&fmt[text_start..i]));
        }
        let spec_start = i;
        i += 1;
        let mut mapping_key = false;
        if bytes.get(i) == Some(&b'(') {
            // The arguments are always a tuple: Python gives up on the key right away.
            let close = fmt[i..].find(')').ok_or(FormatError::NeedsMapping)?;
            mapping_key = true;
            i += close + 1;
        }
        let flags_start = i;
        while i < bytes.len() && matches!(bytes[i], b'-' | b'+' | b' ' | b'#' | b'0') {
            i += 1;
        }
        let flags = fmt[flags_start..i].to_string();
        let star_width = bytes.get(i) == Some(&b'*');
        let width = if star_width {
            i += 1;
            None
        } else {
            take_number(bytes, &mut i)
        };
        let mut star_precision = false;
        let precision = if bytes.get(i) == Some(&b'.') {
            i += 1;
            if bytes.get(i) == Some(&b'*') {
                i += 1;
                star_precision = true;
                None
            } else {
                Some(take_number(bytes, &mut i).unwrap_or(0))
            }
        } else {
            None
        };
        while i < bytes.len() && matches!(bytes[i], b'h' | b'l' | b'L') {
            i += 1;
        }
        let Some(conversion) = fmt[i..].chars().next() else {
            return Err(FormatError::Incomplete);
        };
        i += conversion.len_utf8();
        match conversion {
            '%' if i - spec_start == 2 => pieces.push(Piece::Text("%")),
            's' | 'r' | 'a' | 'd' | 'i' | 'u' | 'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X'
            | 'o' | 'c' | '%' => pieces.push(Piece::Spec(Spec {
                conversion,
                mapping_key,
                flags,
                width,
                precision,
                star_width,
                star_precision,
            })),
            other => {
                return Err(FormatError::UnsupportedCharacter {
                    // Python counts characters, not bytes.
                    at: fmt[..i - other.len_utf8()].chars().count(),
                    found: other,
                });
            }
        }
        text_start = i;
    }
    if text_start < bytes.len() {
        pieces.push(Piece::Text(&fmt[text_start..]));
    }
    Ok(pieces)
}

fn take_number(bytes: &[u8], i: &mut usize) -> Option<usize> {
    let start = *i;
    while *i < bytes.len() && bytes[*i].is_ascii_digit() {
        *i += 1;
    }
    std::str::from_utf8(&bytes[start..*i]).ok()?.parse().ok()
}
