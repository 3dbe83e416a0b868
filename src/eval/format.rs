//! Python's `%` string formatting, as `!Format` uses it (`fmt % tuple(args)`).

use super::value::{Value, python_float};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// Python raises `TypeError`: authentik reports it as an entry error.
    NotEnoughArguments,
    NotAllConverted,
    /// `%(name)s` needs a mapping, but `!Format` always passes a tuple.
    NeedsMapping,
    BadArgumentType { conversion: char, found: &'static str },
    /// Python raises `ValueError` (authentik does not catch it: the apply crashes).
    UnsupportedCharacter { at: usize, found: char },
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
            FormatError::BadArgumentType { conversion, found } => {
                format!("%{conversion} format: a real number is required, not {found}")
            }
            FormatError::UnsupportedCharacter { at, found } => {
                format!("unsupported format character '{found}' at index {at}")
            }
            FormatError::Incomplete => "incomplete format".into(),
        }
    }
}

#[derive(Clone, Debug)]
struct Spec {
    conversion: char,
    mapping_key: bool,
    flags: String,
    width: Option<usize>,
    precision: Option<usize>,
}

enum Piece<'f> {
    Text(&'f str),
    Spec(Spec),
}

fn parse(fmt: &str) -> Result<Vec<Piece<'_>>, FormatError> {
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
            let close = fmt[i..].find(')').ok_or(FormatError::Incomplete)?;
            mapping_key = true;
            i += close + 1;
        }
        let flags_start = i;
        while i < bytes.len() && matches!(bytes[i], b'-' | b'+' | b' ' | b'#' | b'0') {
            i += 1;
        }
        let flags = fmt[flags_start..i].to_string();
        let width = take_number(bytes, &mut i);
        let precision = if bytes.get(i) == Some(&b'.') {
            i += 1;
            Some(take_number(bytes, &mut i).unwrap_or(0))
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
            })),
            other => {
                return Err(FormatError::UnsupportedCharacter {
                    at: i - other.len_utf8(),
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

/// How many arguments the format string consumes, or why it cannot be used.
pub fn placeholder_count(fmt: &str) -> Result<usize, FormatError> {
    let pieces = parse(fmt)?;
    let mut count = 0;
    for piece in &pieces {
        if let Piece::Spec(spec) = piece {
            if spec.mapping_key {
                return Err(FormatError::NeedsMapping);
            }
            count += 1;
        }
    }
    Ok(count)
}

/// `fmt % tuple(args)`; `Ok(None)` when an argument is unknown.
pub fn python_format(fmt: &str, args: &[Value<'_>]) -> Result<Option<String>, FormatError> {
    let pieces = parse(fmt)?;
    let mut out = String::new();
    let mut next = args.iter();
    let mut unknown = false;
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Spec(spec) => {
                if spec.mapping_key {
                    return Err(FormatError::NeedsMapping);
                }
                let arg = next.next().ok_or(FormatError::NotEnoughArguments)?;
                if !arg.is_fully_known() || matches!(arg, Value::KeyOf(_)) {
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

fn convert(spec: &Spec, arg: &Value<'_>) -> Result<String, FormatError> {
    let number = || -> Result<f64, FormatError> {
        match arg {
            Value::Int(i) => Ok(*i as f64),
            Value::Bool(b) => Ok(f64::from(u8::from(*b))),
            Value::Float(f) => Ok(*f),
            other => Err(FormatError::BadArgumentType {
                conversion: spec.conversion,
                found: python_type(other),
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
            let Value::Int(i) = arg else {
                return Err(FormatError::BadArgumentType {
                    conversion: spec.conversion,
                    found: python_type(arg),
                });
            };
            match spec.conversion {
                'x' => format!("{i:x}"),
                'X' => format!("{i:X}"),
                _ => format!("{i:o}"),
            }
        }
        'f' | 'F' => format!("{:.*}", spec.precision.unwrap_or(6), number()?),
        'e' | 'E' => format!("{:.*e}", spec.precision.unwrap_or(6), number()?),
        'g' | 'G' => python_float(number()?),
        'c' => match arg {
            Value::Str(s) if s.chars().count() == 1 => s.to_string(),
            Value::Int(i) => char::from_u32(*i as u32).map(String::from).unwrap_or_default(),
            other => {
                return Err(FormatError::BadArgumentType {
                    conversion: 'c',
                    found: python_type(other),
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

fn python_type(value: &Value<'_>) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Int(_) | Value::BigInt(_) => "int",
        Value::Float(_) => "float",
        Value::Str(_) => "str",
        Value::Timestamp(_) => "datetime.date",
        Value::Seq(_) => "list",
        Value::Map(_) => "dict",
        Value::KeyOf(_) | Value::Unknown => "object",
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
        assert_eq!(python_format("%d%%", &[Value::Int(5)]).unwrap().unwrap(), "5%");
        assert_eq!(python_format("%s", &[Value::Bool(true)]).unwrap().unwrap(), "True");
        assert_eq!(python_format("%05d", &[Value::Int(42)]).unwrap().unwrap(), "00042");
        assert_eq!(python_format("%s", &[Value::Unknown]).unwrap(), None);
    }

    #[test]
    fn arity_errors_match_python() {
        assert_eq!(python_format("%s-%s", &[s("a")]), Err(FormatError::NotEnoughArguments));
        assert_eq!(python_format("%s", &[s("a"), s("b")]), Err(FormatError::NotAllConverted));
        assert_eq!(python_format("100%", &[]), Err(FormatError::Incomplete));
        assert!(matches!(python_format("%q", &[s("a")]), Err(FormatError::UnsupportedCharacter { .. })));
        assert_eq!(placeholder_count("%s and %%, %d"), Ok(2));
        assert_eq!(placeholder_count("%(name)s"), Err(FormatError::NeedsMapping));
    }
}
