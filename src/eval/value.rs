//! Values that tags evaluate to, with "unknown" for anything only a server knows.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::yaml::{Node, NodeKind, ScalarValue};

#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer beyond 64 bits: its text.
    BigInt(Cow<'a, str>),
    Float(f64),
    Str(Cow<'a, str>),
    /// A YAML timestamp (a date object in Python); kept as its text.
    Timestamp(Cow<'a, str>),
    /// `!!binary` (Python `bytes`); kept as its base64 text.
    Bytes(Cow<'a, str>),
    Seq(Vec<Value<'a>>),
    Map(Vec<(Value<'a>, Value<'a>)>),
    /// The primary key of the entry with this `id` (`!KeyOf`).
    KeyOf(Cow<'a, str>),
    /// Depends on the database, the environment or anything not given to flowlint.
    Unknown,
}

/// DRF `BooleanField.TRUE_VALUES` and `FALSE_VALUES` (strings; case as listed).
const DRF_TRUE: &[&str] = &[
    "t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1",
];
const DRF_FALSE: &[&str] = &[
    "f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0",
];

impl<'a> Value<'a> {
    /// The boolean DRF's `BooleanField` stores for this value: `true`/`false`, `1`/`0`
    /// (also `1.0`/`0.0`: `1.0 == 1` in Python) and its true and false strings
    /// (`"false"`, `"off"`, `"0"`, ...); `None` for anything it rejects or an unknown.
    pub fn drf_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::Int(1) => Some(true),
            Value::Int(0) => Some(false),
            Value::Float(f) if *f == 1.0 => Some(true),
            Value::Float(f) if *f == 0.0 => Some(false),
            // DRF's BooleanField also looks the lower-cased string up (`oN` is true).
            Value::Str(s) if DRF_TRUE.contains(&&*s.to_lowercase()) => Some(true),
            Value::Str(s) if DRF_FALSE.contains(&&*s.to_lowercase()) => Some(false),
            _ => None,
        }
    }

    /// Python truthiness; `None` when it cannot be known.
    pub fn truthy(&self) -> Option<bool> {
        Some(match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Timestamp(_) => true,
            // b'' is falsy: base64 with no data characters.
            Value::Bytes(s) => s
                .bytes()
                .any(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/'),
            Value::Seq(items) => !items.is_empty(),
            Value::Map(pairs) => !pairs.is_empty(),
            Value::KeyOf(_) => true,
            Value::Unknown => return None,
        })
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    /// True when no part of the value is unknown.
    pub fn is_fully_known(&self) -> bool {
        match self {
            Value::Unknown => false,
            Value::Seq(items) => items.iter().all(Value::is_fully_known),
            Value::Map(pairs) => pairs
                .iter()
                .all(|(k, v)| k.is_fully_known() && v.is_fully_known()),
            _ => true,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::BigInt(_) => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Timestamp(_) => "timestamp",
            Value::Bytes(_) => "binary value",
            Value::Seq(_) => "sequence",
            Value::Map(_) => "mapping",
            Value::KeyOf(_) => "reference",
            Value::Unknown => "unknown",
        }
    }

    /// Python's `type(value).__name__`, as Python and DRF put it in messages. A YAML
    /// timestamp without a time part is a `date` in PyYAML, otherwise a `datetime`.
    pub fn python_type_name(&self) -> &'static str {
        match self {
            Value::Null => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Timestamp(text) if !text.contains(['t', 'T', ' ', ':']) => "date",
            Value::Timestamp(_) => "datetime",
            Value::Bytes(_) => "bytes",
            Value::Seq(_) => "list",
            Value::Map(_) => "dict",
            Value::KeyOf(_) | Value::Unknown => "object",
        }
    }

    /// The plain value of an untagged scalar.
    pub fn from_scalar(node: &'a Node) -> Option<Value<'a>> {
        let NodeKind::Scalar(s) = &node.kind else {
            return None;
        };
        Some(match s.value() {
            ScalarValue::Null => Value::Null,
            ScalarValue::Bool(b) => Value::Bool(b),
            ScalarValue::Int(i) => Value::Int(i),
            ScalarValue::BigInt => Value::BigInt(Cow::Borrowed(&s.text)),
            ScalarValue::Float(f) => Value::Float(f),
            ScalarValue::Timestamp => Value::Timestamp(Cow::Borrowed(&s.text)),
            ScalarValue::Binary => Value::Bytes(Cow::Borrowed(&s.text)),
            ScalarValue::Str => Value::Str(Cow::Borrowed(&s.text)),
        })
    }

    /// Lookup in a mapping value (last key wins, as in a Python dict).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Map(pairs) => pairs
                .iter()
                .rev()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Python's `str()` of the value, for `!Format`; `None` when unknown.
    pub fn python_str(&self) -> Option<String> {
        let mut out = String::new();
        self.write_python(&mut out, false)?;
        Some(out)
    }

    fn write_python(&self, out: &mut String, quoted: bool) -> Option<()> {
        match self {
            Value::Null => out.push_str("None"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::BigInt(s) => out.push_str(s),
            Value::Float(f) => out.push_str(&python_float(*f)),
            Value::Str(s) | Value::Timestamp(s) => {
                if quoted {
                    let _ = write!(out, "'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"));
                } else {
                    out.push_str(s);
                }
            }
            Value::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_python(out, true)?;
                }
                out.push(']');
            }
            Value::Map(pairs) => {
                out.push('{');
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write_python(out, true)?;
                    out.push_str(": ");
                    v.write_python(out, true)?;
                }
                out.push('}');
            }
            // `str(b'...')` needs the decoded bytes: left unknown.
            Value::Bytes(_) | Value::KeyOf(_) | Value::Unknown => return None,
        }
        Some(())
    }

    /// Convert to an owned value independent of the source tree.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Int(i) => Value::Int(i),
            Value::BigInt(s) => Value::BigInt(Cow::Owned(s.into_owned())),
            Value::Float(f) => Value::Float(f),
            Value::Str(s) => Value::Str(Cow::Owned(s.into_owned())),
            Value::Timestamp(s) => Value::Timestamp(Cow::Owned(s.into_owned())),
            Value::Bytes(s) => Value::Bytes(Cow::Owned(s.into_owned())),
            Value::Seq(items) => Value::Seq(items.into_iter().map(Value::into_owned).collect()),
            Value::Map(pairs) => Value::Map(
                pairs
                    .into_iter()
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
            ),
            Value::KeyOf(s) => Value::KeyOf(Cow::Owned(s.into_owned())),
            Value::Unknown => Value::Unknown,
        }
    }
}

/// Python's `repr(float)` for the common cases.
pub fn python_float(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 { "inf".into() } else { "-inf".into() }
    } else if f == f.trunc() && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}
