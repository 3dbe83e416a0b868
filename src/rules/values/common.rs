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
}
