use super::common::{Item, shorten, tag_note, visit};
use crate::catalog::FieldFormat;
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::model::EntryState;
use crate::rules::context::FieldSection;
use crate::rules::{EntryCx, FieldCx};

declare_rule! {
    /// ## What it does
    /// Reports a literal string that is not a UUID where authentik expects one: foreign
    /// keys and many-to-many items declared `format: uuid` (flow-stage binding `stage`
    /// and `target`, identification `password_stage`, user `groups`, ...), and an
    /// identifier `pk` that is neither a UUID nor an integer.
    ///
    /// Decisions:
    /// * a UUID is parsed as Python's `uuid.UUID(hex=...)` does (what Django's
    ///   `UUIDField` calls): `urn:`, `uuid:`, braces and hyphens are dropped, then exactly
    ///   32 hex digits in any case remain;
    /// * `!KeyOf`, `!Find` and other tags whose result is unknown are references and are
    ///   not checked; integer values are accepted (`UUID(int=...)`, and user primary keys
    ///   are integers, whose fields have type `integer` and are not checked here);
    /// * `pk` is checked on any model: its type differs between models (UUID for flows
    ///   and stages, integer for users and providers), and a value that is neither can
    ///   never match;
    /// * an empty string as the whole value is not reported: the REST framework's
    ///   relation fields read `""` as null ("We force empty strings to None values for
    ///   relational fields"), which an optional reference accepts.
    ///
    /// ## Why is this bad?
    /// The lookup fails with "“default-password” is not a valid UUID." and the blueprint
    /// does not apply. Objects are referenced by primary key, not by name or slug.
    ///
    /// ## Severity
    /// Error: the primary-key lookup fails (`is not a valid UUID`), the entry fails and
    /// the blueprint is rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers:
    ///     target: !KeyOf flow
    ///     stage: default-authentication-password
    ///     order: 20
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///     stage: !Find [authentik_stages_password.passwordstage, [name, default-authentication-password]]
    /// ```
    pub static INVALID_UUID = {
        code: "FL205",
        name: "invalid-uuid",
        family: Values,
        severity: Error,
        summary: "A string that is not a UUID in a primary-key field",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let Some(model) = cx.model else { return };
    if cx.entry.literal_state() == Some(EntryState::Absent) {
        return;
    }
    let sections = [
        (FieldSection::Identifiers, cx.entry.identifiers),
        (FieldSection::Attrs, cx.entry.attrs),
    ];
    let mut specs = cx.field_specs();
    for (section, mapping) in sections {
        if model.is_meta && section == FieldSection::Identifiers {
            continue;
        }
        for pair in mapping.and_then(|p| p.value.as_map()).unwrap_or(&[]) {
            if pair.overridden {
                continue;
            }
            let Some(name) = pair.key.as_str() else {
                continue;
            };
            if section == FieldSection::Identifiers && name == "pk" {
                check_pk(cx, pair, sink);
                continue;
            }
            let Some(field) = specs.of(pair, name) else {
                continue;
            };
            let wants_uuid = |format: Option<FieldFormat>| format == Some(FieldFormat::Uuid);
            if !wants_uuid(field.format)
                && !field.items.as_ref().is_some_and(|i| wants_uuid(i.format))
            {
                continue;
            }
            let value = cx.value_of(pair);
            let field_cx = FieldCx {
                entry: cx,
                model,
                field,
                pair,
                section,
                value: &value,
                tagged: pair.value.is_custom_tagged(),
            };
            visit(&field_cx, |item| {
                if item.spec.format == Some(FieldFormat::Uuid) {
                    check_uuid(item, sink);
                }
            });
        }
    }
}

fn check_uuid(item: &Item<'_, '_>, sink: &mut Sink) {
    let Value::Str(text) = item.value else { return };
    if is_python_uuid(text) || (item.depth == 0 && text.is_empty()) {
        return;
    }
    let shown = shorten(text);
    sink.report(
        &INVALID_UUID,
        item.span,
        format!(
            "`{shown}`{} is not a valid UUID for `{}`; authentik says \"“{shown}” is not a valid UUID.\"",
            tag_note(item),
            item.path
        ),
    )
    .label("not a UUID")
    .help(format!(
        "`{}` takes the referenced object's primary key: use `!KeyOf <entry id>` for an object of this blueprint, \
         `!Find [<model>, [<field>, {shown}]]` for an existing one, or its UUID",
        item.path
    ));
}

fn check_pk<'a>(cx: &EntryCx<'_, 'a>, pair: &'a crate::yaml::Pair, sink: &mut Sink) {
    let tagged = pair.value.is_custom_tagged();
    let value = cx.value_of(pair);
    let Value::Str(text) = &*value else { return };
    if is_python_uuid(text) || is_python_int(text, 10) {
        return;
    }
    let shown = shorten(text);
    let finding = sink.report(
        &INVALID_UUID,
        pair.value.span,
        format!("the identifier `pk` is `{shown}`, which is neither a UUID nor an integer; no object can have that primary key"),
    );
    finding.label(if tagged {
        "evaluates to neither a UUID nor an integer"
    } else {
        "not a UUID or integer"
    });
    finding.help(format!(
        "look the object up by a field instead (e.g. `name: {shown}` or `slug: {shown}`), or give its real primary key"
    ));
}

/// Python's `uuid.UUID(hex=text)`.
pub(crate) fn is_python_uuid(text: &str) -> bool {
    let hex = text.replace("urn:", "").replace("uuid:", "");
    let hex = hex.trim_matches(['{', '}']).replace('-', "");
    hex.chars().count() == 32 && is_python_int(&hex, 16)
}

/// Python's `int(text, base)` for base 10 or 16: surrounding whitespace, a sign, a
/// `0x` prefix (base 16) and single underscores between digits are allowed.
fn is_python_int(text: &str, base: u32) -> bool {
    let t = text.trim();
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    let t = if base == 16 {
        let lower = t.get(..2).map(str::to_ascii_lowercase);
        match lower.as_deref() {
            Some("0x") => t[2..].strip_prefix('_').unwrap_or(&t[2..]),
            _ => t,
        }
    } else {
        t
    };
    let is_digit = |c: char| c.is_digit(base);
    !t.is_empty()
        && t.starts_with(is_digit)
        && t.ends_with(is_digit)
        && t.chars().all(|c| is_digit(c) || c == '_')
        && !t.contains("__")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_python_uuid() {
        assert!(is_python_uuid("c2a5b2a4-6d5c-4f8e-9a3b-1234567890ab"));
        assert!(is_python_uuid("C2A5B2A46D5C4F8E9A3B1234567890AB"));
        assert!(is_python_uuid("{c2a5b2a4-6d5c-4f8e-9a3b-1234567890ab}"));
        assert!(is_python_uuid(
            "urn:uuid:c2a5b2a4-6d5c-4f8e-9a3b-1234567890ab"
        ));
        assert!(!is_python_uuid("default-authentication-flow"));
        assert!(!is_python_uuid("c2a5b2a4-6d5c-4f8e-9a3b-1234567890a"));
        assert!(!is_python_uuid("g2a5b2a4-6d5c-4f8e-9a3b-1234567890ab"));
        assert!(is_python_int(" 42 ", 10));
        assert!(!is_python_int("4_", 10));
    }

    /// Each case checked with CPython 3: `uuid.UUID(hex=text)` and `int(text, 10)`.
    #[test]
    fn parse_like_python() {
        let a = |n: usize| "a".repeat(n);
        for (text, ok) in [
            (a(32), true),
            (format!("{{{}}}", a(32)), true),
            (format!("urn:uuid:{}", a(32)), true),
            (format!("0x{}", a(30)), true),
            (format!("0X{}", "A".repeat(30)), true),
            (format!("0x_{}", a(29)), true),
            (format!("+{}", a(31)), true),
            (format!(" {}", a(31)), true),
            (format!("a_{}", a(30)), true),
            (format!("a__{}", a(29)), false),
            (format!("_{}", a(31)), false),
            (format!("{}_", a(31)), false),
            ("g".repeat(32), false),
            (format!("a{}a", "g".repeat(30)), false),
            (a(33), false),
            (format!("0x{}", a(31)), false),
        ] {
            assert_eq!(is_python_uuid(&text), ok, "uuid {text:?}");
        }
        for (text, ok) in [
            ("12", true),
            (" 12 ", true),
            ("+1_0", true),
            ("-5", true),
            ("1__0", false),
            ("_1", false),
            ("1_", false),
            ("", false),
            ("0x10", false),
            ("1x2", false),
        ] {
            assert_eq!(is_python_int(text, 10), ok, "int {text:?}");
        }
    }
}
