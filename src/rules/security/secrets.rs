//! Which values are credentials.
//!
//! A known attribute of a known model is a secret when the catalog says so
//! (`FieldSpec::secret`). Anything else is judged by its name: the catalog's list
//! plus common credential names and suffixes. Inside nested mappings (free-form
//! `attributes:`, `context:`) only the unambiguous names count, because short names
//! such as `key` there are usually not credentials (`key: given_name`).

use crate::catalog::{FieldSpec, Release};
use crate::model::{Blueprint, Entry};
use crate::yaml::{Node, NodeKind, Pair, Scalar, ScalarValue};

use super::secret_names::is_weak_secret_name;
pub use super::secret_names::{is_masked_name, is_strong_secret_name};

/// Whether the attribute `name` of an entry holds a secret; `field` is the entry's
/// model's field of that name (`None`: the model is unknown or has no such field).
/// The ambiguous names count only in `attrs`: in `identifiers` they are lookup keys
/// (`key: given_name` of an object attribute).
pub fn is_secret_field(field: Option<&FieldSpec>, name: &str, in_attrs: bool) -> bool {
    match field {
        Some(field) => field.secret,
        None => is_strong_secret_name(name) || (in_attrs && is_weak_secret_name(name)),
    }
}

/// A value written literally (not a tag, not null, a bool or empty): the secret is in
/// the file.
pub fn is_literal(node: &Node) -> bool {
    if node.is_custom_tagged() {
        return false;
    }
    node.as_scalar().is_some_and(holds_text)
}

/// A scalar that can hold a secret: not null, a bool or blank.
fn holds_text(s: &Scalar) -> bool {
    !matches!(s.value(), ScalarValue::Null | ScalarValue::Bool(_)) && !s.text.trim().is_empty()
}

/// Deepest nesting searched for nested credentials (the loader caps depth anyway).
const MAX_DEPTH: usize = 64;

/// Every literal scalar under `node` (itself included), untagged parts only.
pub fn literal_scalars<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    let mut stack = vec![(node, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if node.is_custom_tagged() || depth > MAX_DEPTH {
            continue;
        }
        match &node.kind {
            NodeKind::Scalar(_) if is_literal(node) => out.push(node),
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => stack.extend(items.iter().map(|n| (n, depth + 1))),
            NodeKind::Map(pairs) => stack.extend(pairs.iter().map(|p| (&p.value, depth + 1))),
        }
    }
}

/// Every scalar under a secret value that may hold the secret, tags' arguments
/// included: authentik evaluates `!Env [NAME, default]`, `!Format`, `!If` and the
/// other tags into the value, so their literal parts are a secret written in the file.
/// Names (`!Env` and `!Context` keys, `!KeyOf` ids) are kept: they are not the secret
/// and say where it comes from.
fn scalars_to_mask<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    let mut stack = vec![(node, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            continue;
        }
        let after_name = match node.tag_name() {
            Some("!KeyOf") => continue,
            Some("!Env" | "!Context") => 1,
            _ => 0,
        };
        match &node.kind {
            NodeKind::Scalar(_) if after_name == 1 => {}
            NodeKind::Scalar(s) if holds_text(s) => out.push(node),
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => {
                stack.extend(items.iter().skip(after_name).map(|item| (item, depth + 1)))
            }
            NodeKind::Map(pairs) => stack.extend(pairs.iter().map(|p| (&p.value, depth + 1))),
        }
    }
}

/// Pairs under `node` (not `node`'s own key) whose key is a strong credential name,
/// in untagged parts.
pub fn nested_secret_values<'a>(node: &'a Node, out: &mut Vec<(&'a Node, &'a Node)>) {
    nested_secret_values_in(node, false, out);
}

/// [`nested_secret_values`], also inside tags' arguments when `through_tags`.
fn nested_secret_values_in<'a>(
    node: &'a Node,
    through_tags: bool,
    out: &mut Vec<(&'a Node, &'a Node)>,
) {
    // Nearly every value is a scalar: no credential key can be inside it.
    if matches!(node.kind, NodeKind::Scalar(_)) {
        return;
    }
    // Masking (through tags) also takes variants and misspellings.
    let secret = if through_tags {
        is_masked_name
    } else {
        is_strong_secret_name
    };
    // A blueprint repeats a few dozen key names thousands of times: each is judged
    // once (judging every key was 5% of an editor's edit of a 1,000-entry file).
    let mut judged: foldhash::HashMap<&str, bool> = foldhash::HashMap::default();
    let mut stack = vec![(node, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if (node.is_custom_tagged() && !through_tags) || depth > MAX_DEPTH {
            continue;
        }
        match &node.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => stack.extend(items.iter().map(|n| (n, depth + 1))),
            NodeKind::Map(pairs) => {
                for pair in pairs {
                    let is_secret =
                        |name: &'a str| *judged.entry(name).or_insert_with(|| secret(name));
                    if pair.key.as_str().is_some_and(is_secret) {
                        out.push((&pair.key, &pair.value));
                    } else {
                        stack.push((&pair.value, depth + 1));
                    }
                }
            }
        }
    }
}

/// The value nodes of a blueprint that hold credentials: secret attributes of entries,
/// and strong credential names anywhere else in the tree.
pub fn secret_value_nodes<'a>(root: &'a Node, release: &'static Release) -> Vec<&'a Node> {
    let mut values: Vec<&Node> = Vec::new();
    if let Some(blueprint) = Blueprint::from_root(root, release) {
        for entry in &blueprint.entries {
            let model = entry.spec;
            entry_secret_values(entry, |_, name| model?.field(name), &mut values);
        }
    }
    secret_value_nodes_with(root, values)
}

/// The values of an entry's secret attributes; `field_of(pair, name)` is the catalog
/// field of one of its pairs (the check driver has them from its evaluation).
pub fn entry_secret_values<'a>(
    entry: &Entry<'a>,
    mut field_of: impl FnMut(&'a Pair, &str) -> Option<&'static FieldSpec>,
    out: &mut Vec<&'a Node>,
) {
    let sections = [(entry.identifiers, false), (entry.attrs, true)];
    for (section, in_attrs) in sections.into_iter().filter_map(|(p, a)| Some((p?, a))) {
        for pair in section.value.as_map().unwrap_or(&[]) {
            let Some(name) = pair.key.as_str() else {
                continue;
            };
            let field = field_of(pair, name);
            // An attribute the catalog does not know is judged by its name, misspelt
            // or varied names included (`consumer_secert`, `password_repeat`).
            if is_secret_field(field, name, in_attrs) || (field.is_none() && is_masked_name(name)) {
                out.push(&pair.value);
            }
        }
    }
}

/// [`secret_value_nodes`] with the entries' secret attribute values already found
/// ([`entry_secret_values`]; none for a document that is not a blueprint).
pub fn secret_value_nodes_with<'a>(root: &'a Node, mut values: Vec<&'a Node>) -> Vec<&'a Node> {
    let mut nested = Vec::new();
    nested_secret_values_in(root, true, &mut nested);
    values.extend(nested.into_iter().map(|(_, v)| v));
    let mut scalars = Vec::new();
    for value in values {
        scalars_to_mask(value, &mut scalars);
    }
    scalars.sort_by_key(|n| (n.span.start, n.span.end));
    scalars.dedup_by_key(|n| (n.span.start, n.span.end));
    scalars
}
