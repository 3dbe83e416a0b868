//! PyYAML's scalar constructors (`construct_yaml_int`, `_float`, `_bool`, `_timestamp`,
//! `_binary`) and the Python built-ins they call (`int()`, `float()`,
//! `base64.decodebytes`, `datetime`), ported so a tagged or typed scalar loads, or
//! fails, exactly as it does in authentik.

/// How a constructor fails: a `YAMLError` (authentik's discovery skips the file) or
/// another exception, which escapes authentik's `except YAMLError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    Yaml(String),
    Escapes(&'static str, String),
}

mod binary;
pub use binary::{binary_repr, construct_binary};

/// `int(text, base)`: surrounding whitespace, a sign, the base's prefix, and any
/// Unicode decimal digits. `Some(None)`: beyond 64 bits.
fn py_int(text: &str, base: u32) -> Option<Option<i64>> {
    let s = text.trim();
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let prefix = match base {
        2 => Some("0b"),
        8 => Some("0o"),
        16 => Some("0x"),
        _ => None,
    };
    let s = match prefix {
        Some(p) if s.len() >= 2 && s[..2].eq_ignore_ascii_case(p) => &s[2..],
        _ => s,
    };
    if s.is_empty() {
        return None;
    }
    let mut value: Option<i128> = Some(0);
    for c in s.chars() {
        let digit = decimal_digit(c).or_else(|| c.to_digit(36).filter(|_| c.is_ascii()))?;
        if digit >= base {
            return None;
        }
        value = value.and_then(|v| {
            v.checked_mul(i128::from(base))?
                .checked_add(i128::from(digit))
        });
    }
    Some(value.and_then(|v| i64::try_from(if negative { -v } else { v }).ok()))
}

/// The value of a Unicode decimal digit (general category Nd) in the common scripts.
pub fn decimal_digit(c: char) -> Option<u32> {
    const ZEROS: &[u32] = &[
        0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
        0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
        0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
        0xFF10, 0x104A0, 0x11066, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E950, 0x1FBF0,
    ];
    let code = c as u32;
    ZEROS
        .iter()
        .find(|z| (**z..**z + 10).contains(&code))
        .map(|z| code - z)
}

fn py_float(text: &str) -> Option<f64> {
    let s: String = text
        .trim()
        .chars()
        .map(|c| match decimal_digit(c) {
            Some(d) if !c.is_ascii() => char::from_digit(d, 10).unwrap_or(c),
            _ => c,
        })
        .collect();
    let body = s.trim_start_matches(['+', '-']);
    // Rust also reads forms Python refuses; keep to Python's grammar.
    let python_shaped = matches!(body, "inf" | "infinity" | "nan")
        || (body.bytes().any(|b| b.is_ascii_digit())
            && body
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'+' | b'-')));
    if !python_shaped || s.len() - body.len() > 1 {
        return None;
    }
    s.parse().ok()
}

fn value_error(text: &str) -> Failure {
    Failure::Escapes("ValueError", format!("invalid literal: '{text}'"))
}

/// `construct_yaml_int`.
pub fn construct_int(text: &str) -> Result<Option<i64>, Failure> {
    let v = text.replace('_', "");
    let Some(first) = v.chars().next() else {
        return Err(Failure::Escapes(
            "IndexError",
            "string index out of range".into(),
        ));
    };
    let negative = first == '-';
    let body = if matches!(first, '+' | '-') {
        &v[1..]
    } else {
        &v[..]
    };
    let sign = |r: Option<Option<i64>>| {
        r.map(|v| v.and_then(|v| if negative { v.checked_neg() } else { Some(v) }))
            .ok_or_else(|| value_error(text))
    };
    if body == "0" {
        return Ok(Some(0));
    }
    if let Some(rest) = body.strip_prefix("0b") {
        return sign(py_int(rest, 2));
    }
    if let Some(rest) = body.strip_prefix("0x") {
        return sign(py_int(rest, 16));
    }
    match body.chars().next() {
        None => Err(Failure::Escapes(
            "IndexError",
            "string index out of range".into(),
        )),
        Some('0') => sign(py_int(body, 8)),
        Some(_) if body.contains(':') => {
            let mut total: Option<i128> = Some(0);
            for part in body.split(':') {
                let digit = py_int(part, 10).ok_or_else(|| value_error(text))?;
                total = total.and_then(|t| t.checked_mul(60)?.checked_add(i128::from(digit?)));
            }
            Ok(total
                .and_then(|t| i64::try_from(t).ok())
                .and_then(|t| if negative { t.checked_neg() } else { Some(t) }))
        }
        Some(_) => sign(py_int(body, 10)),
    }
}

/// `construct_yaml_float`.
pub fn construct_float(text: &str) -> Result<f64, Failure> {
    let v = text.replace('_', "").to_lowercase();
    let Some(first) = v.chars().next() else {
        return Err(Failure::Escapes(
            "IndexError",
            "string index out of range".into(),
        ));
    };
    let sign = if first == '-' { -1.0 } else { 1.0 };
    let body = if matches!(first, '+' | '-') {
        &v[1..]
    } else {
        &v[..]
    };
    match body {
        ".inf" => Ok(sign * f64::INFINITY),
        ".nan" => Ok(f64::NAN),
        _ if body.contains(':') => {
            let mut total = 0.0;
            for part in body.split(':') {
                total = total * 60.0 + py_float(part).ok_or_else(|| value_error(text))?;
            }
            Ok(sign * total)
        }
        _ => py_float(body)
            .map(|f| sign * f)
            .ok_or_else(|| value_error(text)),
    }
}

/// `construct_yaml_bool`: the text lower-cased, one of six words.
pub fn construct_bool(text: &str) -> Result<bool, Failure> {
    match text.to_lowercase().as_str() {
        "yes" | "true" | "on" => Ok(true),
        "no" | "false" | "off" => Ok(false),
        _ => Err(Failure::Escapes(
            "KeyError",
            format!("'{}'", text.to_lowercase()),
        )),
    }
}

/// A timestamp's fields as PyYAML's regular expressions read them.
struct Stamp<'a> {
    year: &'a str,
    month: &'a str,
    day: &'a str,
    /// Hour, minute, second, and the time zone offset in minutes.
    time: Option<(&'a str, &'a str, &'a str, Option<u32>)>,
}

fn digits(s: &str, min: usize, max: usize) -> Option<(&str, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count().min(max);
    (n >= min).then(|| s.split_at(n))
}

/// `SafeConstructor.timestamp_regexp`.
fn parse_stamp(text: &str) -> Option<Stamp<'_>> {
    let (year, rest) = digits(text, 4, 4)?;
    let (month, rest) = digits(rest.strip_prefix('-')?, 1, 2)?;
    let (day, rest) = digits(rest.strip_prefix('-')?, 1, 2)?;
    if rest.is_empty() {
        return Some(Stamp {
            year,
            month,
            day,
            time: None,
        });
    }
    let rest = match rest.strip_prefix(['T', 't']) {
        Some(r) => r,
        None => {
            let r = rest.trim_start_matches([' ', '\t']);
            (r.len() < rest.len()).then_some(r)?
        }
    };
    let (hour, rest) = digits(rest, 1, 2)?;
    let (minute, rest) = digits(rest.strip_prefix(':')?, 2, 2)?;
    let (second, mut rest) = digits(rest.strip_prefix(':')?, 2, 2)?;
    if let Some(r) = rest.strip_prefix('.') {
        rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let rest = rest.trim_start_matches([' ', '\t']);
    let tz = match rest.as_bytes().first() {
        None => None,
        Some(b'Z') if rest.len() == 1 => None,
        Some(b'+' | b'-') => {
            let (h, r) = digits(&rest[1..], 1, 2)?;
            let (m, r) = match r.strip_prefix(':') {
                Some(r) => digits(r, 2, 2)?,
                None => ("0", r),
            };
            if !r.is_empty() {
                return None;
            }
            Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
        }
        _ => return None,
    };
    Some(Stamp {
        year,
        month,
        day,
        time: Some((hour, minute, second, tz)),
    })
}

/// The implicit resolver's timestamp pattern (a plain scalar is typed a timestamp).
pub fn resolves_as_timestamp(text: &str) -> bool {
    parse_stamp(text).is_some_and(|s| s.time.is_some() || (s.month.len() == 2 && s.day.len() == 2))
}

/// `construct_yaml_timestamp`: `datetime.date`/`datetime.datetime` refuse impossible
/// dates with a `ValueError`, which escapes authentik's `except YAMLError`.
pub fn construct_timestamp(text: &str) -> Result<(), Failure> {
    let Some(stamp) = parse_stamp(text) else {
        return Err(Failure::Escapes(
            "AttributeError",
            "'NoneType' object has no attribute 'groupdict'".into(),
        ));
    };
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    let (year, month, day) = (num(stamp.year), num(stamp.month), num(stamp.day));
    let invalid = |what: &str| Err(Failure::Escapes("ValueError", what.to_string()));
    if year == 0 {
        return invalid("year 0 is out of range");
    }
    if !(1..=12).contains(&month) {
        return invalid("month must be in 1..12");
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=days).contains(&day) {
        return invalid("day is out of range for month");
    }
    if let Some((hour, minute, second, tz)) = stamp.time {
        if num(hour) > 23 {
            return invalid("hour must be in 0..23");
        }
        if num(minute) > 59 {
            return invalid("minute must be in 0..59");
        }
        if num(second) > 59 {
            return invalid("second must be in 0..59");
        }
        if tz.is_some_and(|minutes| minutes >= 24 * 60) {
            return invalid(
                "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)",
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_as_python_reads_them() {
        assert_eq!(construct_int("0o17"), Ok(Some(15)));
        assert_eq!(construct_int("017"), Ok(Some(15)));
        assert_eq!(construct_int(" 12 "), Ok(Some(12)));
        assert_eq!(construct_int("١٢"), Ok(Some(12)));
        assert_eq!(construct_int("0b0b1"), Ok(Some(1)));
        assert_eq!(construct_int("-1_000"), Ok(Some(-1000)));
        assert_eq!(construct_int("1:30"), Ok(Some(90)));
        assert!(matches!(
            construct_int("1e3"),
            Err(Failure::Escapes("ValueError", _))
        ));
        assert!(matches!(
            construct_int(""),
            Err(Failure::Escapes("IndexError", _))
        ));
        assert!(construct_int("08").is_err());
    }

    #[test]
    fn floats_bools_binary_and_dates() {
        assert_eq!(construct_float("1e3"), Ok(1000.0));
        assert_eq!(construct_float("-.5"), Ok(-0.5));
        assert_eq!(construct_float(" 1.5 "), Ok(1.5));
        assert!(construct_float("0x1F").is_err());
        assert_eq!(construct_bool("oN"), Ok(true));
        assert!(construct_bool("maybe").is_err());
        assert!(construct_binary("aGVsbG8=").is_ok());
        assert!(construct_binary("aGVs\nbG8=").is_ok());
        assert!(construct_binary("aGVsbG8").is_err());
        assert!(construct_binary("a").is_err());
        assert!(construct_timestamp("2024-02-29").is_ok());
        assert!(construct_timestamp("2024-02-30").is_err());
        assert!(construct_timestamp("2024-01-01T25:00:00Z").is_err());
        assert!(construct_timestamp("2024-01-01 10:00:00 +99").is_err());
        assert!(resolves_as_timestamp("2001-12-14t21:59:43.10-05:00"));
        assert!(!resolves_as_timestamp("2024-1-2"));
    }
}
