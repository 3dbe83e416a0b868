//! Helpers shared by the FL2xx rules: which values to check, where to point, and how
//! DRF reads a value.
//!
//! A value is walked together with its YAML node so that list items and object
//! properties get their own span. Inside a tag the evaluated value has no node of its
//! own, so everything below a tag points at the tag node; a tagged value is checked
//! only when it is fully known (blueprint-format §4), and a tag that evaluates to
//! `null` (`!Context key` without a default or context) is left alone, because a
//! blueprint instance may supply the context.

use crate::catalog::FieldSpec;
use crate::eval::{Value, python_float};
use crate::model::EntryState;
use crate::rules::context::{FieldCx, FieldSection};
use crate::source::Span;
use crate::yaml::Node;

/// One (possibly nested) value to check against the spec it must satisfy.
pub(super) struct Item<'v, 'a> {
    pub spec: &'static FieldSpec,
    pub value: &'v Value<'a>,
    /// The value node, or the tag node the value came from.
    pub span: Span,
    /// `name`, `name[2]` or `name[0].url`, for messages.
    pub path: &'v str,
    /// The value came out of a tag.
    pub tagged: bool,
    /// The field holds a credential: never print its value.
    pub secret: bool,
    /// Nesting depth: 0 for the field itself.
    pub depth: usize,
}

/// Whether the values rules look at this field value at all: meta models ignore
/// identifiers, and authentik tolerates serializer errors in `state: absent` entries
/// (blueprint-format §3.2).
pub(super) fn applies(cx: &FieldCx<'_, '_>) -> bool {
    if cx.model.is_meta && cx.section == FieldSection::Identifiers {
        return false;
    }
    cx.entry.entry.literal_state() != Some(EntryState::Absent)
}

/// Call `f` on the field value and on every known nested value (array items, declared
/// object properties).
pub(super) fn visit(cx: &FieldCx<'_, '_>, mut f: impl FnMut(&Item<'_, '_>)) {
    if !applies(cx) {
        return;
    }
    let start = Start {
        spec: cx.field,
        node: Some(&cx.pair.value),
        span: cx.pair.value.span,
        tagged: false,
        secret: cx.field.secret,
    };
    walk(start, cx.value, &cx.field.name, 0, &mut f);
}

/// Whether `pred` holds for the field's spec or a spec [`visit`] can reach under it
/// (array items, object properties): a rule whose items all need such a spec skips
/// fields without one before walking their values.
pub(super) fn any_spec(spec: &FieldSpec, pred: &impl Fn(&FieldSpec) -> bool) -> bool {
    fn any(spec: &FieldSpec, pred: &impl Fn(&FieldSpec) -> bool, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            // `visit` stops here too.
            return false;
        }
        pred(spec)
            || spec
                .items
                .as_deref()
                .is_some_and(|item| any(item, pred, depth + 1))
            || spec
                .properties
                .iter()
                .any(|prop| any(prop, pred, depth + 1))
    }
    any(spec, pred, 0)
}

struct Start<'n> {
    spec: &'static FieldSpec,
    /// `None` inside a tag's result.
    node: Option<&'n Node>,
    span: Span,
    tagged: bool,
    secret: bool,
}

const MAX_DEPTH: usize = 32;

fn walk(
    start: Start<'_>,
    value: &Value<'_>,
    path: &str,
    depth: usize,
    f: &mut impl FnMut(&Item<'_, '_>),
) {
    let Start {
        spec,
        mut node,
        mut span,
        mut tagged,
        secret,
    } = start;
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(n) = node {
        span = n.span;
        if n.is_custom_tagged() {
            if !value.is_fully_known() || matches!(value, Value::Null) {
                return;
            }
            node = None;
            tagged = true;
        }
    }
    if matches!(value, Value::Unknown | Value::KeyOf(_)) {
        return;
    }
    f(&Item {
        spec,
        value,
        span,
        path,
        tagged,
        secret,
        depth,
    });
    match value {
        Value::Seq(items) => {
            let Some(item_spec) = spec.items.as_deref() else {
                return;
            };
            let nodes = node
                .and_then(Node::as_seq)
                .filter(|nodes| nodes.len() == items.len());
            for (i, item) in items.iter().enumerate() {
                let child = Start {
                    spec: item_spec,
                    node: nodes.map(|nodes| &nodes[i]),
                    span,
                    tagged,
                    secret,
                };
                walk(child, item, &format!("{path}[{i}]"), depth + 1, f);
            }
        }
        Value::Map(pairs) if !spec.properties.is_empty() => {
            let nodes = node
                .and_then(Node::as_map)
                .filter(|nodes| nodes.len() == pairs.len());
            for (i, (key, item)) in pairs.iter().enumerate() {
                let Some(key) = key.as_str() else { continue };
                let Some(prop) = spec.properties.iter().find(|p| p.name == key) else {
                    continue;
                };
                let child = Start {
                    spec: prop,
                    node: nodes.map(|nodes| &nodes[i].value),
                    span,
                    tagged,
                    secret,
                };
                walk(child, item, &format!("{path}.{key}"), depth + 1, f);
            }
        }
        _ => {}
    }
}

/// How to name a value in a message: `` `text` `` (shortened), or "the value" for secrets.
pub(super) fn shown(value: &Value<'_>, secret: bool) -> String {
    if secret {
        return "the value".to_string();
    }
    match value {
        Value::Seq(_) => "a list".to_string(),
        Value::Map(_) => "a mapping".to_string(),
        other => format!("`{}`", shorten(&yaml_text(other))),
    }
}

/// `" (the tag's value)"` for a value that came out of a tag, to follow its name.
pub(super) fn tag_note(item: &Item<'_, '_>) -> &'static str {
    if item.tagged {
        " (the tag's value)"
    } else {
        ""
    }
}

/// A scalar as the user wrote it (YAML spelling for null and booleans).
pub(super) fn yaml_text(value: &Value<'_>) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(s) | Value::Str(s) | Value::Timestamp(s) | Value::KeyOf(s) => s.to_string(),
        Value::Float(f) => python_float(*f),
        Value::Bytes(s) => format!("!!binary {s}"),
        Value::Seq(_) => "[…]".to_string(),
        Value::Map(_) => "{…}".to_string(),
        Value::Unknown => "?".to_string(),
    }
}

/// At most 60 characters, with an ellipsis when cut.
/// Line breaks and tabs are shown escaped, so a message stays on one line.
pub(super) fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

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

/// An entry that may create its object, written out: its state (literal or left out)
/// may create, its `model` is literal, and `attrs`/`identifiers` are not tags.
pub(super) struct CreatingEntry<'a> {
    pub model_pair: &'a crate::yaml::Pair,
    pub attrs: &'a [crate::yaml::Pair],
    pub identifiers: &'a [crate::yaml::Pair],
}

/// See [`CreatingEntry`]; `None` when the entry may not create or is not written out.
pub(super) fn creating_entry<'a>(entry: &crate::model::Entry<'a>) -> Option<CreatingEntry<'a>> {
    if !entry.literal_state().is_some_and(|s| s.may_create()) {
        return None;
    }
    let model_pair = entry.model?;
    let tagged =
        |pair: Option<&crate::yaml::Pair>| pair.is_some_and(|p| p.value.is_custom_tagged());
    if tagged(entry.attrs) || tagged(entry.identifiers) {
        return None;
    }
    let map_of =
        |pair: Option<&'a crate::yaml::Pair>| pair.and_then(|p| p.value.as_map()).unwrap_or(&[]);
    Some(CreatingEntry {
        model_pair,
        attrs: map_of(entry.attrs),
        identifiers: map_of(entry.identifiers),
    })
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
    fn any_spec_reaches_the_specs_visit_walks() {
        let model = crate::catalog::newest()
            .model("authentik_stages_identification.identificationstage")
            .expect("in the catalog");
        let user_fields = model.field("user_fields").expect("a field");
        // The choices are on the items, not on the array.
        assert!(user_fields.enum_values.is_none());
        assert!(any_spec(user_fields, &|spec| spec.enum_values.is_some()));
        let name = model.field("name").expect("a field");
        assert!(!any_spec(name, &|spec| spec.enum_values.is_some()));
    }

    #[test]
    fn python_str_matches_python() {
        assert_eq!(python_str(&Value::Bool(true)).as_deref(), Some("True"));
        assert_eq!(python_str(&Value::Float(1.0)).as_deref(), Some("1.0"));
        assert_eq!(char_field_text(&s("  a ")).as_deref(), Some("a"));
        assert_eq!(char_field_text(&Value::Bool(false)), None);
    }
}
