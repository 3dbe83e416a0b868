//! authentik's timedelta strings (`authentik/lib/utils/time.py`), exactly.
//!
//! `hours=1;minutes=30`: pairs separated by `;` only, each with exactly one `=`; keys
//! lower-cased and compared untrimmed with seven units (unknown keys are skipped, but
//! at least one known key is needed); values parsed with Python's `float()`.

use std::fmt;

pub const UNITS: [&str; 7] = [
    "microseconds",
    "milliseconds",
    "seconds",
    "minutes",
    "hours",
    "days",
    "weeks",
];

/// Python's `timedelta` range in seconds: from `timedelta.min` (-999999999 days) to
/// just under 1000000000 days (`timedelta.max` is 999999999 days, 23:59:59.999999).
const MIN_SECONDS: f64 = -999_999_999.0 * 86_400.0;
const END_SECONDS: f64 = 1_000_000_000.0 * 86_400.0;

#[derive(Clone, Debug, PartialEq)]
pub enum DurationError {
    /// A piece has no `=` (includes the empty piece after a trailing `;`).
    MissingEquals { piece: String },
    /// A piece has more than one `=` (e.g. `hours=3,minutes=17` has two `=` in one piece).
    TooManyEquals { piece: String },
    /// The value is not a Python float.
    NotANumber { piece: String },
    /// `nan` parses as a float but `timedelta` rejects it.
    NaN { piece: String },
    /// No known unit: every key was unknown (e.g. the singular `minute`).
    NoValidKeys { unknown: Vec<String> },
    /// Infinite or outside `timedelta.min`..`timedelta.max`: Python raises `OverflowError`.
    OutOfRange,
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DurationError::MissingEquals { piece } if piece.is_empty() => {
                f.write_str("an empty pair (a trailing or doubled `;`)")
            }
            DurationError::MissingEquals { piece } => write!(f, "`{piece}` has no `=`"),
            DurationError::TooManyEquals { piece } => {
                write!(
                    f,
                    "`{piece}` has more than one `=` (pairs are separated by `;`, not `,`)"
                )
            }
            DurationError::NotANumber { piece } => {
                write!(f, "the value in `{piece}` is not a number")
            }
            DurationError::NaN { piece } => write!(f, "`{piece}` is not a number (nan)"),
            DurationError::NoValidKeys { unknown } if unknown.is_empty() => {
                f.write_str("no unit given")
            }
            DurationError::NoValidKeys { unknown } => write!(
                f,
                "no known unit ({} {} not one of {})",
                unknown
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if unknown.len() == 1 { "is" } else { "are" },
                UNITS.join(", ")
            ),
            DurationError::OutOfRange => {
                f.write_str("the duration is out of range (over 999999999 days)")
            }
        }
    }
}

/// The keys of a duration authentik accepts that it skips: not a unit once
/// lower-cased, and not trimmed (` minutes` in `hours=1; minutes=2`).
pub fn skipped_keys(expr: &str) -> Vec<&str> {
    expr.split(';')
        .filter_map(|piece| piece.split_once('=').map(|(key, _)| key))
        .filter(|key| unit_index(key).is_none())
        .collect()
}

/// The index in [`UNITS`] of a key as Python's `key.lower()` reads it.
fn unit_index(key: &str) -> Option<usize> {
    if key.is_ascii() {
        // No allocation for the usual keys; only non-ASCII needs Unicode lower-casing
        // (the Kelvin sign lower-cases to `k`).
        UNITS.iter().position(|u| u.eq_ignore_ascii_case(key))
    } else {
        let key = key.to_lowercase();
        UNITS.iter().position(|u| *u == key)
    }
}

/// Parse a timedelta string into seconds, as authentik would accept it.
pub fn parse_duration(expr: &str) -> Result<f64, DurationError> {
    let mut values: Vec<(usize, f64)> = Vec::new();
    let mut unknown = Vec::new();
    for piece in expr.split(';') {
        let mut parts = piece.split('=');
        let (Some(key), Some(value)) = (parts.next(), parts.next()) else {
            return Err(DurationError::MissingEquals {
                piece: piece.to_string(),
            });
        };
        if parts.next().is_some() {
            return Err(DurationError::TooManyEquals {
                piece: piece.to_string(),
            });
        }
        let Some(unit) = unit_index(key) else {
            unknown.push(key.to_lowercase());
            continue;
        };
        let number = python_float(value).ok_or_else(|| DurationError::NotANumber {
            piece: piece.to_string(),
        })?;
        values.retain(|(u, _)| *u != unit);
        values.push((unit, number));
    }
    if values.is_empty() {
        return Err(DurationError::NoValidKeys { unknown });
    }
    let mut seconds = 0.0;
    for (unit, number) in values {
        if number.is_nan() {
            let piece = format!("{}=nan", UNITS[unit]);
            return Err(DurationError::NaN { piece });
        }
        let factor = match UNITS[unit] {
            "microseconds" => 1e-6,
            "milliseconds" => 1e-3,
            "seconds" => 1.0,
            "minutes" => 60.0,
            "hours" => 3_600.0,
            "days" => 86_400.0,
            _ => 604_800.0,
        };
        seconds += number * factor;
    }
    if !seconds.is_finite() || !(MIN_SECONDS..END_SECONDS).contains(&seconds) {
        return Err(DurationError::OutOfRange);
    }
    Ok(seconds)
}

/// Python's `float(text)`: surrounding whitespace stripped, underscores between digits,
/// `inf`/`infinity`/`nan` in any case.
pub fn python_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let magnitude = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            if !is_python_numeric(body) {
                return None;
            }
            body.replace('_', "").parse::<f64>().ok()?
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// digitpart "." [digitpart] [exponent] | "." digitpart [exponent] | digitpart [exponent]
fn is_python_numeric(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (is_digitpart(int) && (frac.is_empty() || is_digitpart(frac)))
                || (int.is_empty() && is_digitpart(frac))
        }
        None => is_digitpart(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        is_digitpart(e)
    });
    mantissa_ok && exponent_ok
}

/// digit (["_"] digit)*
fn is_digitpart(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_digit()
        && b[b.len() - 1].is_ascii_digit()
        && b.iter().all(|c| c.is_ascii_digit() || *c == b'_')
        && !s.contains("__")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_keys_are_the_untrimmed_non_units() {
        assert_eq!(skipped_keys("hours=1; minutes=2"), [" minutes"]);
        assert_eq!(
            skipped_keys("Hours=1;minute=30;bogus=3"),
            ["minute", "bogus"]
        );
        assert!(skipped_keys("hours=1;minutes=2").is_empty());
    }

    #[test]
    fn the_range_is_pythons_timedelta_min_to_max() {
        for ok in [
            "days=999999999;hours=23",
            "days=999999999.9",
            "days=-999999999",
        ] {
            assert!(parse_duration(ok).is_ok(), "{ok}");
        }
        for out in ["days=1000000000", "days=-999999999.5", "weeks=142857143"] {
            assert_eq!(parse_duration(out), Err(DurationError::OutOfRange), "{out}");
        }
    }

    #[test]
    fn accepts_the_documented_valid_forms() {
        for ok in [
            "seconds=0",
            "minutes=10",
            "weeks=4",
            "days=30",
            "hours=-1;minutes=-2;seconds=-3",
            "Hours=1.5",
            "hours= 2 ",
            "hours=1;bogus=3",
            "hours=1_000",
            "seconds=1e3",
            "hours=.5",
        ] {
            assert!(parse_duration(ok).is_ok(), "{ok} should parse");
        }
        assert_eq!(parse_duration("hours=1;minutes=30"), Ok(5400.0));
        assert_eq!(parse_duration("hours=1;hours=2"), Ok(7200.0));
    }

    #[test]
    fn rejects_the_documented_invalid_forms() {
        for bad in [
            "",
            "hours=1;",
            "hours",
            "hours=",
            "minute=3",
            " hours=1",
            "hours=3,minutes=17,seconds=300",
            "minutes=10,seconds=5",
            "hours=nan",
            "hours=inf",
            "days=1e12",
            "hours=1__0",
            "hours=_1",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad} should fail");
        }
    }
}
