//! Python's `%` string formatting, as `!Format` uses it (`fmt % tuple(args)`).

use super::format_spec::{Piece, Spec, parse};
use super::pyfloat::{non_finite, python_exp, python_general};
use super::value::Value;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// Python raises `TypeError`: authentik reports it as an entry error.
    NotEnoughArguments,
    NotAllConverted,
    /// `%(name)s` needs a mapping, but `!Format` always passes a tuple.
    NeedsMapping,
    BadArgumentType {
        conversion: char,
        found: &'static str,
    },
    /// `%c` given a string that is not one character long.
    BadCharLength {
        length: usize,
    },
    /// A `*` width or precision given something other than an integer.
    StarNeedsInt,
    /// Python raises `ValueError` (authentik does not catch it: the apply crashes).
    UnsupportedCharacter {
        at: usize,
        found: char,
    },
    Incomplete,
}

impl FormatError {
    pub fn describe(&self) -> String {
        match self {
            FormatError::NotEnoughArguments => "not enough arguments for format string".into(),
            FormatError::NotAllConverted => {
                "not all arguments converted during string formatting".into()
            }
            FormatError::NeedsMapping => "format requires a mapping".into(),
            FormatError::BadArgumentType { conversion, found } => match conversion {
                'd' | 'i' | 'u' => {
                    format!("%{conversion} format: a real number is required, not {found}")
                }
                'x' | 'X' | 'o' => {
                    format!("%{conversion} format: an integer is required, not {found}")
                }
                'c' => format!("%c requires an int or a unicode character, not {found}"),
                _ => format!("must be real number, not {found}"),
            },
            FormatError::BadCharLength { length } => format!(
                "%c requires an int or a unicode character, not a string of length {length}"
            ),
            FormatError::StarNeedsInt => "* wants int".into(),
            FormatError::UnsupportedCharacter { at, found } => {
                format!(
                    "unsupported format character '{found}' ({:#x}) at index {at}",
                    u32::from(*found)
                )
            }
            FormatError::Incomplete => "incomplete format".into(),
        }
    }
}

/// How many arguments the format string consumes, or why it cannot be used.
pub fn placeholder_count(fmt: &str) -> Result<usize, FormatError> {
    let pieces = parse(fmt)?;
    let mut count = 0;
    for piece in &pieces {
        if let Piece::Spec(spec) = piece {
            if spec.mapping_key {
                return Err(FormatError::NeedsMapping);
            }
            count += 1 + usize::from(spec.star_width) + usize::from(spec.star_precision);
        }
    }
    Ok(count)
}

/// The widest width or precision formatted; beyond it the result is left unknown.
const MAX_PADDING: usize = 4096;

/// `fmt % tuple(args)`; `Ok(None)` when an argument is unknown.
pub fn python_format(fmt: &str, args: &[Value<'_>]) -> Result<Option<String>, FormatError> {
    let pieces = parse(fmt)?;
    let mut out = String::new();
    let mut next = args.iter();
    let mut unknown = false;
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Spec(mut spec) => {
                if spec.mapping_key {
                    return Err(FormatError::NeedsMapping);
                }
                if spec.star_width {
                    match star_argument(next.next())? {
                        Some(w) if w < 0 => {
                            spec.flags.push('-');
                            spec.width =
                                Some(usize::try_from(w.unsigned_abs()).unwrap_or(usize::MAX));
                        }
                        Some(w) => spec.width = Some(usize::try_from(w).unwrap_or(usize::MAX)),
                        None => unknown = true,
                    }
                }
                if spec.star_precision {
                    match star_argument(next.next())? {
                        Some(p) => {
                            spec.precision = Some(usize::try_from(p.max(0)).unwrap_or(usize::MAX))
                        }
                        None => unknown = true,
                    }
                }
                let arg = next.next().ok_or(FormatError::NotEnoughArguments)?;
                // A huge width or precision would make flowlint allocate it: leave the
                // text unknown instead.
                let huge = |n: Option<usize>| n.is_some_and(|n| n > MAX_PADDING);
                if !arg.is_fully_known()
                    || matches!(arg, Value::KeyOf(_))
                    || huge(spec.width)
                    || huge(spec.precision)
                {
                    unknown = true;
                    continue;
                }
                out.push_str(&convert(&spec, arg)?);
            }
        }
    }
    if next.next().is_some() {
        return Err(FormatError::NotAllConverted);
    }
    Ok((!unknown).then_some(out))
}

/// The integer a `*` takes from the arguments; `None` when it is not known.
fn star_argument(arg: Option<&Value<'_>>) -> Result<Option<i64>, FormatError> {
    match arg {
        None => Err(FormatError::NotEnoughArguments),
        Some(Value::Int(i)) => Ok(Some(*i)),
        Some(Value::Bool(b)) => Ok(Some(i64::from(*b))),
        Some(v) if !v.is_fully_known() || matches!(v, Value::KeyOf(_)) => Ok(None),
        Some(_) => Err(FormatError::StarNeedsInt),
    }
}

fn convert(spec: &Spec, arg: &Value<'_>) -> Result<String, FormatError> {
    let number = || -> Result<f64, FormatError> {
        match arg {
            Value::Int(i) => Ok(*i as f64),
            Value::Bool(b) => Ok(f64::from(u8::from(*b))),
            Value::Float(f) => Ok(*f),
            other => Err(FormatError::BadArgumentType {
                conversion: spec.conversion,
                found: tp_name(other),
            }),
        }
    };
    let body = match spec.conversion {
        's' | 'r' | 'a' | '%' => {
            let mut s = if spec.conversion == 's' || spec.conversion == '%' {
                arg.python_str().unwrap_or_default()
            } else {
                match arg {
                    Value::Str(s) => format!("'{s}'"),
                    other => other.python_str().unwrap_or_default(),
                }
            };
            if let Some(p) = spec.precision {
                s = s.chars().take(p).collect();
            }
            s
        }
        'd' | 'i' | 'u' => match arg {
            Value::Int(i) => i.to_string(),
            Value::BigInt(s) => s.to_string(),
            _ => (number()?.trunc() as i64).to_string(),
        },
        'x' | 'X' | 'o' => {
            let i = match arg {
                Value::Int(i) => *i,
                Value::Bool(b) => i64::from(*b),
                _ => {
                    return Err(FormatError::BadArgumentType {
                        conversion: spec.conversion,
                        found: tp_name(arg),
                    });
                }
            };
            // Python writes a sign, not a two's complement.
            let (sign, abs) = if i < 0 {
                ("-", i.unsigned_abs())
            } else {
                ("", i.unsigned_abs())
            };
            match spec.conversion {
                'x' => format!("{sign}{abs:x}"),
                'X' => format!("{sign}{abs:X}"),
                _ => format!("{sign}{abs:o}"),
            }
        }
        'f' | 'F' => match number()? {
            x if x.is_finite() => format!("{:.*}", spec.precision.unwrap_or(6), x),
            x => non_finite(x, spec.conversion == 'F'),
        },
        'e' | 'E' => python_exp(
            number()?,
            spec.precision.unwrap_or(6),
            spec.conversion == 'E',
        ),
        'g' | 'G' => python_general(
            number()?,
            spec.precision.unwrap_or(6),
            spec.conversion == 'G',
        ),
        'c' => match arg {
            Value::Str(s) if s.chars().count() == 1 => s.to_string(),
            Value::Str(s) => {
                return Err(FormatError::BadCharLength {
                    length: s.chars().count(),
                });
            }
            Value::Int(i) => char::from_u32(*i as u32)
                .map(String::from)
                .unwrap_or_default(),
            other => {
                return Err(FormatError::BadArgumentType {
                    conversion: 'c',
                    found: tp_name(other),
                });
            }
        },
        _ => String::new(),
    };
    Ok(pad(spec, body))
}

fn pad(spec: &Spec, body: String) -> String {
    let Some(width) = spec.width else {
        return body;
    };
    let len = body.chars().count();
    if len >= width {
        return body;
    }
    let fill = width - len;
    if spec.flags.contains('-') {
        format!("{body}{}", " ".repeat(fill))
    } else if spec.flags.contains('0') && spec.conversion != 's' {
        format!("{}{body}", "0".repeat(fill))
    } else {
        format!("{}{body}", " ".repeat(fill))
    }
}

/// The type name Python's `%` errors use (`tp_name`): module-qualified for dates.
fn tp_name(value: &Value<'_>) -> &'static str {
    match value.python_type_name() {
        "date" => "datetime.date",
        "datetime" => "datetime.datetime",
        other => other,
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
    fn formats_like_python() {
        assert_eq!(python_format("%s-x", &[s("a")]).unwrap().unwrap(), "a-x");
        assert_eq!(
            python_format("%d%%", &[Value::Int(5)]).unwrap().unwrap(),
            "5%"
        );
        assert_eq!(
            python_format("%s", &[Value::Bool(true)]).unwrap().unwrap(),
            "True"
        );
        assert_eq!(
            python_format("%05d", &[Value::Int(42)]).unwrap().unwrap(),
            "00042"
        );
        assert_eq!(python_format("%s", &[Value::Unknown]).unwrap(), None);
    }

    #[test]
    fn arity_errors_match_python() {
        assert_eq!(
            python_format("%s-%s", &[s("a")]),
            Err(FormatError::NotEnoughArguments)
        );
        assert_eq!(
            python_format("%s", &[s("a"), s("b")]),
            Err(FormatError::NotAllConverted)
        );
        assert_eq!(python_format("100%", &[]), Err(FormatError::Incomplete));
        assert!(matches!(
            python_format("%q", &[s("a")]),
            Err(FormatError::UnsupportedCharacter { .. })
        ));
        assert_eq!(placeholder_count("%s and %%, %d"), Ok(2));
        assert_eq!(
            placeholder_count("%(name)s"),
            Err(FormatError::NeedsMapping)
        );
    }
}
