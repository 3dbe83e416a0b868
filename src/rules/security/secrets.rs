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

/// Names that are credentials wherever they appear.
const STRONG_NAMES: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "raw_password",
    "password_hash",
    "secret",
    "client_secret",
    "private_key",
    "secret_key",
    "api_key",
    "apikey",
    "api_token",
    "access_token",
    "refresh_token",
    "bearer_token",
    "auth_token",
    "token",
    "key_data",
];

/// Suffixes that make a name a credential (`bind_password`, `shared_secret`, ...).
const STRONG_SUFFIXES: &[&str] = &[
    "_password",
    "_passwd",
    "_secret",
    "_secret_key",
    "_private_key",
    "_api_key",
    "_token",
    "_keytab",
];

/// Names that are credentials only as a top-level attribute whose model or field
/// the catalog does not know (`core.token.key`, the SMS provider's `auth`).
const WEAK_NAMES: &[&str] = &["key", "auth", "credentials", "api key"];

/// Prefixes of switches and options named after a credential they concern.
const SETTING_PREFIXES: &[&str] = &[
    "allow_", "show_", "hide_", "check_", "use_", "require_", "enable_", "disable_", "is_", "has_",
    "include_",
];

/// A credential name anywhere in a blueprint.
pub fn is_strong_secret_name(name: &str) -> bool {
    // Most names fail the quick scan; trimming cannot change its answer (whitespace
    // is no letter of a trigram), so it is left for the names that pass it.
    if !might_be_strong(name.as_bytes()) {
        return false;
    }
    // The lists are lower-case ASCII: compare ignoring ASCII case, without a copy.
    let name = name.trim();
    // Settings about a credential are no credential (`allow_show_password: true`).
    if SETTING_PREFIXES.iter().any(|p| {
        name.len() > p.len() && name.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    }) {
        return false;
    }
    STRONG_NAMES.iter().any(|n| name.eq_ignore_ascii_case(n))
        || STRONG_SUFFIXES
            .iter()
            .any(|s| ends_with_ignore_ascii_case(name, s))
}

/// Credential words that, followed by one of [`VARIANT_WORDS`], still name the
/// credential (`password_repeat`, `secret-confirm`).
const VARIANT_HEADS: &[&str] = &["password", "passwd", "passphrase", "pwd", "secret"];

/// Words that make a variant of a credential, not a setting about one
/// (`password_stage` and `password_fields` are no credential).
const VARIANT_WORDS: &[&str] = &[
    "repeat",
    "repeated",
    "confirm",
    "confirmation",
    "again",
    "verify",
    "check",
    "new",
    "old",
    "current",
    "value",
    "plain",
    "text",
    "1",
    "2",
];

/// Credential words whose misspellings (one letter wrong, missing, extra or two
/// swapped: `consumer_secert`, `pasword`) are masked too. The word spelt right is
/// no credential by itself: `password_field` names a prompt field, and masking its
/// value (`password`) would blank that word out of every message.
const MISSPELT_WORDS: &[&str] = &["password", "passphrase", "secret"];

/// A name whose value is masked in every output: a credential name, a variant of one
/// (`password_repeat`), or a misspelt one (`consumer_secert`). Broader than
/// [`is_strong_secret_name`] on purpose: masking a value that was no secret costs a
/// snippet's readability, printing a secret costs the secret. Rules never use it.
pub fn is_masked_name(name: &str) -> bool {
    if is_strong_secret_name(name) {
        return true;
    }
    let name = name.trim();
    if SETTING_PREFIXES.iter().any(|p| {
        name.len() > p.len() && name.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    }) {
        return false;
    }
    let words: Vec<String> = words(name).collect();
    let misspelt = words.iter().any(|word| {
        MISSPELT_WORDS
            .iter()
            .any(|w| word != w && within_one_edit(word, w))
    });
    let variant = words.windows(2).any(|pair| {
        VARIANT_HEADS.contains(&pair[0].as_str()) && VARIANT_WORDS.contains(&pair[1].as_str())
    });
    misspelt || variant
}

/// The lower-case words of a name: split at non-alphanumerics, camelCase humps and
/// where digits start (`password2`).
fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        let boundary = !c.is_alphanumeric()
            || (c.is_uppercase() && previous_lower)
            || (c.is_ascii_digit() && previous_lower);
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        previous_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.into_iter()
}

/// Whether `a` becomes `b` by at most one substitution, insertion, deletion or swap of two
/// neighbours (ASCII words).
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b {
        return true;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len() as isize - rb.len() as isize {
        0 => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        1 => ra[1..] == *rb,
        -1 => *ra == rb[1..],
        _ => false,
    }
}

/// Whether `name` holds `pas`, `sec`, `key` or `tok` (ASCII case ignored), as every
/// credential name of the lists does.
fn might_be_strong(name: &[u8]) -> bool {
    // `| 0x20` lower-cases ASCII letters and maps no other byte onto a letter.
    name.windows(3).any(|w| {
        matches!(
            [w[0] | 0x20, w[1] | 0x20, w[2] | 0x20],
            [b'p', b'a', b's'] | [b's', b'e', b'c'] | [b'k', b'e', b'y'] | [b't', b'o', b'k']
        )
    })
}

fn ends_with_ignore_ascii_case(name: &str, suffix: &str) -> bool {
    let (name, suffix) = (name.as_bytes(), suffix.as_bytes());
    name.len() >= suffix.len() && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Whether the attribute `name` of an entry holds a secret; `field` is the entry's
/// model's field of that name (`None`: the model is unknown or has no such field).
/// The ambiguous names count only in `attrs`: in `identifiers` they are lookup keys
/// (`key: given_name` of an object attribute).
pub fn is_secret_field(field: Option<&FieldSpec>, name: &str, in_attrs: bool) -> bool {
    match field {
        Some(field) => field.secret,
        None => {
            is_strong_secret_name(name)
                || (in_attrs
                    && WEAK_NAMES
                        .iter()
                        .any(|n| name.trim().eq_ignore_ascii_case(n)))
        }
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
                    // Masking (through tags) also takes variants and misspellings.
                    let secret = if through_tags {
                        is_masked_name
                    } else {
                        is_strong_secret_name
                    };
                    if pair.key.as_str().is_some_and(secret) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_scan_lets_every_credential_name_through() {
        for name in STRONG_NAMES.iter().chain(STRONG_SUFFIXES) {
            assert!(might_be_strong(name.as_bytes()), "{name}");
            assert!(might_be_strong(name.to_uppercase().as_bytes()), "{name}");
        }
        assert!(is_strong_secret_name(" LDAP_Bind_Password "));
        assert!(!is_strong_secret_name("allow_show_password"));
        assert!(!is_strong_secret_name("Is_Token"));
        assert!(!is_strong_secret_name("slug"));
        assert!(!is_strong_secret_name("passing_grade"));
    }

    #[test]
    fn masking_takes_variants_and_misspellings() {
        for name in [
            "consumer_secert",
            "password_repeat",
            "passwordRepeat",
            "pasword",
            "client-secrte",
            "password2",
            "new_password",
        ] {
            assert!(is_masked_name(name), "{name}");
        }
        for name in [
            "slug",
            "passed",
            "sector",
            "select",
            "allow_show_password",
            "name",
        ] {
            assert!(!is_masked_name(name), "{name}");
        }
    }
}
