//! How DRF's fields read a scalar: `str()` for `CharField`/`ChoiceField`,
//! `IntegerField` and `FloatField` parsing, as the FL2xx rules judge values.

use crate::eval::{Value, python_float};

/// Python's `str()` of a scalar, which DRF's `CharField` and `ChoiceField` apply
/// before validating. `None` for anything that is not a scalar.
pub(super) fn python_str(value: &Value<'_>) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::BigInt(s) => Some(s.replace('_', "")),
        Value::Float(f) => Some(python_float(*f)),
        Value::Bool(true) => Some("True".to_string()),
        Value::Bool(false) => Some("False".to_string()),
        _ => None,
    }
}

/// The text DRF's `CharField` stores: `str()` of a string or number, trimmed
/// (`trim_whitespace=True`). `None` for values `CharField` rejects (booleans, lists,
/// mappings, dates, null).
pub(super) fn char_field_text<'v>(value: &'v Value<'_>) -> Option<std::borrow::Cow<'v, str>> {
    match value {
        // Borrowed: most values are plain strings, and most are only measured.
        Value::Str(s) => Some(std::borrow::Cow::Borrowed(s.trim())),
        Value::Int(_) | Value::BigInt(_) | Value::Float(_) => {
            python_str(value).map(|s| std::borrow::Cow::Owned(s.trim().to_string()))
        }
        _ => None,
    }
}

/// An integer as DRF's `IntegerField` reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DrfInt {
    Exact(i128),
    /// Beyond 128 bits.
    Huge {
        negative: bool,
    },
}

/// DRF's `IntegerField.to_internal_value`: `int(re.sub(r'\.0*\s*$', '', str(data)))`,
/// strings at most 1000 characters. Booleans are rejected (`int("True")` fails).
pub(super) fn drf_int(value: &Value<'_>) -> Option<DrfInt> {
    match value {
        Value::Int(i) => Some(DrfInt::Exact(i128::from(*i))),
        Value::BigInt(text) => python_int(text),
        Value::Float(f) => python_int(&python_float(*f)),
        Value::Str(s) if s.chars().count() <= 1000 => python_int(s),
        _ => None,
    }
}

/// Python's `int(text)` after DRF strips a `.000` suffix.
fn python_int(text: &str) -> Option<DrfInt> {
    let trimmed = text.trim_end();
    let stripped = match trimmed.rfind('.') {
        Some(dot) if trimmed[dot + 1..].bytes().all(|b| b == b'0') => &trimmed[..dot],
        _ => trimmed,
    };
    // `int()` reads any Unicode decimal digits (`١٢` is 12).
    let ascii: String;
    let body = if stripped.is_ascii() {
        stripped.trim()
    } else {
        ascii = stripped
            .trim()
            .chars()
            .map(|c| match crate::yaml::python::decimal_digit(c) {
                Some(d) => char::from_digit(d, 10).unwrap_or(c),
                None => c,
            })
            .collect();
        &ascii
    };
    let (negative, digits) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    let bytes = digits.as_bytes();
    let well_formed = !bytes.is_empty()
        && bytes[0].is_ascii_digit()
        && bytes[bytes.len() - 1].is_ascii_digit()
        && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'_')
        && !digits.contains("__");
    if !well_formed {
        return None;
    }
    let clean = digits.replace('_', "");
    Some(match clean.parse::<i128>() {
        Ok(n) => DrfInt::Exact(if negative { -n } else { n }),
        Err(_) => DrfInt::Huge { negative },
    })
}

/// A number as DRF's `FloatField` reads it: `float(data)` (booleans count as 0/1).
pub(super) fn drf_float(value: &Value<'_>) -> Option<f64> {
    match value {
        Value::Int(i) => Some(*i as f64),
        Value::BigInt(text) => text.replace('_', "").parse::<f64>().ok(),
        Value::Float(f) => Some(*f),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Str(s) if s.chars().count() <= 1000 => crate::duration::python_float(s),
        _ => None,
    }
}

/// A bound from the catalog as an integer, for messages.
pub(super) fn bound_text(bound: f64) -> String {
    if bound.fract() == 0.0 && bound.abs() < 1e19 {
        format!("{}", bound as i128)
    } else {
        format!("{bound}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn s(text: &str) -> Value<'_> {
        Value::Str(Cow::Borrowed(text))
    }

    #[test]
    fn drf_int_follows_integer_field() {
        assert_eq!(drf_int(&s("10")), Some(DrfInt::Exact(10)));
        assert_eq!(drf_int(&s(" -1_000.00 ")), Some(DrfInt::Exact(-1000)));
        assert_eq!(drf_int(&Value::Float(3.0)), Some(DrfInt::Exact(3)));
        assert_eq!(drf_int(&Value::Float(3.5)), None);
        assert_eq!(drf_int(&s("ten")), None);
        assert_eq!(drf_int(&s("1__0")), None);
        assert_eq!(drf_int(&Value::Bool(true)), None);
        assert_eq!(
            drf_int(&s("999999999999999999999999999999999999999999")),
            Some(DrfInt::Huge { negative: false })
        );
    }

    #[test]
    fn python_str_matches_python() {
        assert_eq!(python_str(&Value::Bool(true)).as_deref(), Some("True"));
        assert_eq!(python_str(&Value::Float(1.0)).as_deref(), Some("1.0"));
        assert_eq!(char_field_text(&s("  a ")).as_deref(), Some("a"));
        assert_eq!(char_field_text(&Value::Bool(false)), None);
    }
}
