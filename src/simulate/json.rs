//! An ordered JSON value: authentik's serializers emit keys in field order, and
//! `serde_json::Value` (without `preserve_order`) would sort them.

use std::rc::Rc;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
    /// A shared value (serialized bindings are reused in every snapshot).
    Shared(Rc<Json>),
}

impl Json {
    pub fn str(text: impl Into<String>) -> Json {
        Json::Str(text.into())
    }

    /// An object from `(key, value)` pairs, in the given order.
    pub fn object<const N: usize>(pairs: [(&str, Json); N]) -> Json {
        Json::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(pairs) => pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            Json::Shared(inner) => inner.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            Json::Shared(inner) => inner.as_str(),
            _ => None,
        }
    }

    /// Set `key`, replacing an existing value in place or appending.
    pub fn set(&mut self, key: &str, value: Json) {
        if let Json::Object(pairs) = self {
            match pairs.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = value,
                None => pairs.push((key.to_owned(), value)),
            }
        }
    }

    /// Python truthiness, for `sanitize_dict`'s dropping of falsy list items.
    pub fn truthy(&self) -> bool {
        match self {
            Json::Null => false,
            Json::Bool(b) => *b,
            Json::Int(i) => *i != 0,
            Json::Float(f) => *f != 0.0,
            Json::Str(s) => !s.is_empty(),
            Json::Array(items) => !items.is_empty(),
            Json::Object(pairs) => !pairs.is_empty(),
            Json::Shared(inner) => inner.truthy(),
        }
    }

    /// Pretty JSON text with two-space indentation.
    pub fn to_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "null".to_owned())
    }

    /// [`Json::to_pretty`] with every string (keys included) passed through `scrub`
    /// first. Secrets are masked inside strings, never in the text around them: a
    /// scrubbed `true`, `0` or `any` elsewhere would break the JSON or its schema.
    pub fn to_pretty_scrubbed(&self, scrub: &dyn Fn(&str) -> String) -> String {
        serde_json::to_string_pretty(&Scrubbed { json: self, scrub })
            .unwrap_or_else(|_| "null".to_owned())
    }
}

struct Scrubbed<'a> {
    json: &'a Json,
    scrub: &'a dyn Fn(&str) -> String,
}

impl Serialize for Scrubbed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let nested = |json| Scrubbed {
            json,
            scrub: self.scrub,
        };
        match self.json {
            Json::Str(s) => serializer.serialize_str(&(self.scrub)(s)),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&nested(item))?;
                }
                seq.end()
            }
            Json::Object(pairs) => {
                let mut map = serializer.serialize_map(Some(pairs.len()))?;
                for (k, v) in pairs {
                    map.serialize_entry(&(self.scrub)(k), &nested(v))?;
                }
                map.end()
            }
            Json::Shared(inner) => nested(inner).serialize(serializer),
            other => other.serialize(serializer),
        }
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Int(i) => serializer.serialize_i64(*i),
            Json::Float(f) => serializer.serialize_f64(*f),
            Json::Str(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(pairs) => {
                let mut map = serializer.serialize_map(Some(pairs.len()))?;
                for (k, v) in pairs {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            Json::Shared(inner) => inner.serialize(serializer),
        }
    }
}
