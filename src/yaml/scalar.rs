//! YAML 1.1 implicit typing of plain scalars, as PyYAML's `SafeLoader` does it.
//!
//! authentik loads blueprints with a `SafeLoader` subclass, so `yes`, `on` and `off`
//! are booleans, `010` is octal 8, `1_000` is 1000, `1:30` is 90 and `1e3` is a string
//! (YAML 1.1 floats need a dot). Quoted scalars are always strings.

use ecow::EcoString;
use saphyr_parser::ScalarStyle as ParserStyle;

use super::node::{Node, NodeKind, Scalar, ScalarKind, ScalarStyle, ScalarValue, Tag};
use super::python;
use crate::source::Span;

/// Type a plain, untagged scalar.
pub fn resolve_plain(text: &str) -> ScalarValue {
    // Every null, bool, int, float and timestamp form starts with one of these bytes
    // (PyYAML's implicit resolvers are keyed by first character the same way); most
    // scalars of a blueprint (names, slugs, model ids) are settled here.
    match text.as_bytes().first() {
        None => return ScalarValue::Null,
        Some(b'~' | b'n' | b'N' | b'y' | b'Y' | b't' | b'T' | b'o' | b'O' | b'f' | b'F')
        | Some(b'+' | b'-' | b'.' | b'0'..=b'9') => {}
        Some(_) => return ScalarValue::Str,
    }
    resolve_by_rules(text)
}

/// The resolvers in PyYAML's order, without the first-byte shortcut.
pub(super) fn resolve_by_rules(text: &str) -> ScalarValue {
    if is_null(text) {
        return ScalarValue::Null;
    }
    if let Some(b) = as_bool(text) {
        return ScalarValue::Bool(b);
    }
    if let Some(int) = as_int(text) {
        return int_value(int);
    }
    if let Some(f) = as_float(text) {
        return ScalarValue::Float(f);
    }
    if is_timestamp(text) {
        return ScalarValue::Timestamp;
    }
    ScalarValue::Str
}

/// Type a scalar carrying a core `!!` tag as PyYAML's constructor builds it; `None`
/// when the constructor fails.
pub fn resolve_core_tagged(tag: &str, text: &str) -> Option<ScalarValue> {
    match tag {
        "!!str" => Some(ScalarValue::Str),
        "!!binary" => python::construct_binary(text)
            .ok()
            .map(|()| ScalarValue::Binary),
        "!!null" => Some(ScalarValue::Null),
        "!!bool" => python::construct_bool(text).ok().map(ScalarValue::Bool),
        "!!int" => python::construct_int(text).ok().map(int_value),
        "!!float" => python::construct_float(text).ok().map(ScalarValue::Float),
        "!!timestamp" => python::construct_timestamp(text)
            .ok()
            .map(|()| ScalarValue::Timestamp),
        _ => Some(ScalarValue::Str),
    }
}

/// The value of a scalar the loader typed as an int (plain or `!!int`).
pub(super) fn int_of(text: &str) -> ScalarValue {
    python::construct_int(text).map_or(ScalarValue::BigInt, int_value)
}

/// The value of a scalar the loader typed as a float (plain or `!!float`).
pub(super) fn float_of(text: &str) -> f64 {
    python::construct_float(text).unwrap_or(f64::NAN)
}

fn int_value(int: Option<i64>) -> ScalarValue {
    int.map_or(ScalarValue::BigInt, ScalarValue::Int)
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn as_bool(text: &str) -> Option<bool> {
    match text {
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => Some(true),
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

fn split_sign(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

/// `Some(None)` is an integer too large for i64.
fn as_int(text: &str) -> Option<Option<i64>> {
    let (negative, body) = split_sign(text);
    if body.is_empty() {
        return None;
    }
    let digits_in =
        |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c == '_' || c.is_digit(radix));
    let (digits, radix): (String, u32) = if let Some(bin) = body.strip_prefix("0b") {
        if !digits_in(bin, 2) {
            return None;
        }
        (bin.replace('_', ""), 2)
    } else if let Some(hex) = body.strip_prefix("0x") {
        if !digits_in(hex, 16) {
            return None;
        }
        (hex.replace('_', ""), 16)
    } else if body == "0" {
        ("0".to_string(), 10)
    } else if let Some(oct) = body.strip_prefix('0') {
        if !digits_in(oct, 8) {
            return None;
        }
        (oct.replace('_', ""), 8)
    } else if body.contains(':') {
        return sexagesimal_int(body).map(|v| v.map(|v| if negative { -v } else { v }));
    } else {
        let first = body.as_bytes()[0];
        if !(b'1'..=b'9').contains(&first) || !digits_in(body, 10) {
            return None;
        }
        (body.replace('_', ""), 10)
    };
    if digits.is_empty() {
        // `0b_` style: PyYAML's regex matches, int() then fails; treat as 0.
        return Some(Some(0));
    }
    let magnitude = i128::from_str_radix(&digits, radix).ok();
    Some(magnitude.and_then(|m| i64::try_from(if negative { -m } else { m }).ok()))
}

/// `[1-9][0-9_]*(:[0-5]?[0-9])+`
fn sexagesimal_int(body: &str) -> Option<Option<i64>> {
    let mut parts = body.split(':');
    let head = parts.next()?;
    if head.is_empty()
        || !head.as_bytes()[0].is_ascii_digit()
        || head.as_bytes()[0] == b'0'
        || !head.chars().all(|c| c == '_' || c.is_ascii_digit())
    {
        return None;
    }
    let mut value: i64 = head.replace('_', "").parse().ok()?;
    for part in parts {
        if part.is_empty() || part.len() > 2 || !part.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let n: i64 = part.parse().ok()?;
        if part.len() == 2 && n > 59 {
            return None;
        }
        value = value.checked_mul(60).and_then(|v| v.checked_add(n))?;
    }
    Some(Some(value))
}

fn as_float(text: &str) -> Option<f64> {
    match text {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    let (negative, body) = split_sign(text);
    let signed = |v: f64| if negative { -v } else { v };
    if matches!(body, ".inf" | ".Inf" | ".INF") {
        return Some(signed(f64::INFINITY));
    }
    if body.contains(':') {
        return sexagesimal_float(body).map(signed);
    }
    // [0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?  |  \.[0-9][0-9_]*([eE][-+][0-9]+)?
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let dot = mantissa.find('.')?;
    let (int_part, frac_part) = (&mantissa[..dot], &mantissa[dot + 1..]);
    let digits_or_underscore = |s: &str| s.chars().all(|c| c == '_' || c.is_ascii_digit());
    if int_part.is_empty() {
        if text.starts_with(['-', '+']) {
            // PyYAML's `\.[0-9]…` alternative takes no sign.
            return None;
        }
        if !frac_part.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            return None;
        }
    } else if !int_part.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    if !digits_or_underscore(int_part) || !digits_or_underscore(frac_part) {
        return None;
    }
    if let Some(exp) = exponent {
        // By characters: the exponent may start with a multi-byte character.
        let mut chars = exp.chars();
        let sign = chars.next();
        let digits = chars.as_str();
        if !matches!(sign, Some('+' | '-'))
            || digits.is_empty()
            || !digits.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
    }
    let cleaned: String = body.chars().filter(|c| *c != '_').collect();
    let cleaned = if cleaned.ends_with('.') {
        format!("{cleaned}0")
    } else {
        cleaned
    };
    let cleaned = cleaned.replace(".e", ".0e").replace(".E", ".0E");
    cleaned.parse::<f64>().ok().map(signed)
}

/// `[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`
fn sexagesimal_float(body: &str) -> Option<f64> {
    let dot = body.rfind('.')?;
    let (whole, frac) = (&body[..dot], &body[dot + 1..]);
    if !frac.chars().all(|c| c == '_' || c.is_ascii_digit()) {
        return None;
    }
    let mut parts = whole.split(':');
    let head = parts.next()?;
    if head.is_empty() || !head.chars().all(|c| c == '_' || c.is_ascii_digit()) {
        return None;
    }
    let mut value: f64 = head.replace('_', "").parse().ok()?;
    let mut saw_part = false;
    for part in parts {
        saw_part = true;
        if part.is_empty() || part.len() > 2 || !part.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let n: f64 = part.parse().ok()?;
        if part.len() == 2 && n > 59.0 {
            return None;
        }
        value = value * 60.0 + n;
    }
    if !saw_part {
        return None;
    }
    let frac_digits: String = frac.chars().filter(|c| *c != '_').collect();
    let fraction: f64 = if frac_digits.is_empty() {
        0.0
    } else {
        format!("0.{frac_digits}").parse().ok()?
    };
    Some(value + fraction)
}

/// `YYYY-MM-DD` or the full YAML 1.1 timestamp form (the resolver's pattern).
fn is_timestamp(text: &str) -> bool {
    python::resolves_as_timestamp(text)
}

/// A scalar node from a parser event: its style, and its YAML 1.1 type as PyYAML's
/// resolver (or its core tag) gives it.
pub(super) fn make_scalar(
    text: String,
    style: ParserStyle,
    tag: Option<Box<Tag>>,
    span: Span,
) -> Node {
    let style = match style {
        ParserStyle::Plain => ScalarStyle::Plain,
        ParserStyle::SingleQuoted => ScalarStyle::SingleQuoted,
        ParserStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
        ParserStyle::Literal => ScalarStyle::Literal,
        ParserStyle::Folded => ScalarStyle::Folded,
    };
    let value = match tag.as_deref() {
        None if style == ScalarStyle::Plain => resolve_plain(&text),
        None => ScalarValue::Str,
        Some(t) if t.name.starts_with("!!") => {
            resolve_core_tagged(&t.name, &text).unwrap_or(ScalarValue::Str)
        }
        // A custom tag's argument is the raw text (authentik's constructors call
        // `construct_scalar`), so it stays a string.
        Some(_) => ScalarValue::Str,
    };
    Node {
        span,
        tag,
        kind: NodeKind::Scalar(Scalar {
            text: EcoString::from(text),
            style,
            kind: ScalarKind::of(value),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ScalarValue::*;

    #[test]
    fn yaml_1_1_booleans_and_nulls() {
        for t in ["yes", "Yes", "on", "ON", "true"] {
            assert_eq!(resolve_plain(t), Bool(true), "{t}");
        }
        for t in ["no", "off", "Off", "FALSE"] {
            assert_eq!(resolve_plain(t), Bool(false), "{t}");
        }
        for t in ["", "~", "null", "NULL"] {
            assert_eq!(resolve_plain(t), Null, "{t}");
        }
        assert_eq!(resolve_plain("y"), Str);
        assert_eq!(resolve_plain("n"), Str);
        assert_eq!(resolve_plain("nULL"), Str);
    }

    #[test]
    fn yaml_1_1_integers() {
        assert_eq!(resolve_plain("10"), Int(10));
        assert_eq!(resolve_plain("-10"), Int(-10));
        assert_eq!(resolve_plain("010"), Int(8));
        assert_eq!(resolve_plain("0x1F"), Int(31));
        assert_eq!(resolve_plain("0b101"), Int(5));
        assert_eq!(resolve_plain("1_000"), Int(1000));
        assert_eq!(resolve_plain("1:30"), Int(90));
        assert_eq!(resolve_plain("0"), Int(0));
        assert_eq!(resolve_plain("09"), Str);
        assert_eq!(resolve_plain(&"9".repeat(10_000)), BigInt);
        assert_eq!(resolve_plain("3000000000"), Int(3_000_000_000));
    }

    #[test]
    fn yaml_1_1_floats() {
        assert_eq!(resolve_plain("1.5"), Float(1.5));
        assert_eq!(resolve_plain("-1.5"), Float(-1.5));
        assert_eq!(resolve_plain("1."), Float(1.0));
        assert_eq!(resolve_plain(".5"), Float(0.5));
        assert_eq!(resolve_plain("1.0e+3"), Float(1000.0));
        assert_eq!(resolve_plain("1e3"), Str);
        assert_eq!(resolve_plain(".inf"), Float(f64::INFINITY));
        assert_eq!(resolve_plain("-.inf"), Float(f64::NEG_INFINITY));
        assert!(matches!(resolve_plain(".nan"), Float(f) if f.is_nan()));
        assert_eq!(resolve_plain("1:30.5"), Float(90.5));
        assert_eq!(resolve_plain("."), Str);
        // An exponent starting with a multi-byte character is no float (and no panic).
        assert_eq!(resolve_plain(".0E\u{1EE4D}"), Str);
        assert_eq!(resolve_plain("1.0eé5"), Str);
    }

    #[test]
    fn timestamps_and_strings() {
        assert_eq!(resolve_plain("2024-01-02"), Timestamp);
        assert_eq!(resolve_plain("2001-12-14t21:59:43.10-05:00"), Timestamp);
        assert_eq!(resolve_plain("2024-1-2"), Str);
        assert_eq!(resolve_plain("default-authentication-flow"), Str);
        assert_eq!(resolve_plain("hours=1"), Str);
    }
}
