use super::common::{Item, shown, tag_note, visit};
use super::drf::{drf_float, drf_int};
use super::legacy_value_format::is_redirect_uris;
use crate::catalog::{FieldFormat, FieldType};
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::rules::FieldCx;

declare_rule! {
    /// ## What it does
    /// Reports a value whose type the field's serializer rejects: a boolean field given
    /// `maybe` or `2`, an integer field given `ten` or `1.5`, a text field given a list,
    /// a boolean or an unquoted date, a list field given a single string, an object
    /// field given a list, and `null` where the field is not nullable.
    ///
    /// Decisions, following what DRF accepts (only what it rejects is reported):
    /// * `BooleanField` accepts `true`/`false`, `0`/`1` (also `0.0`/`1.0`) and the
    ///   strings `t`, `true`, `y`, `yes`, `on`, `1` and `f`, `false`, `n`, `no`, `off`,
    ///   `0` (lower, Title or UPPER case): those pass;
    /// * `IntegerField` accepts integer-valued strings and floats (`"10"`, `"1_000"`,
    ///   `5.0`) but not booleans;
    /// * `FloatField` accepts numbers, numeric strings and booleans;
    /// * `CharField` accepts strings and numbers (it stores `str()` of them) but not
    ///   booleans, lists, mappings, dates (an unquoted `2024-01-01` is a date) or
    ///   `!!binary` (PyYAML builds `bytes`; DRF: `not isinstance(data, (str, int,
    ///   float))` fails with "Not a valid string."); `!!binary` is also reported on
    ///   boolean, integer and mapping fields, but not on number fields (`float(b"1.5")`
    ///   works), integer primary keys (`int(b"12")`) or list fields (DRF iterates the
    ///   bytes);
    /// * foreign keys (`format: uuid`) and choice fields are only checked for lists and
    ///   mappings: their scalar values are `invalid-uuid`'s and `invalid-enum-value`'s;
    ///   a mapping with a `pk` key is fine, since the importer replaces it by that pk;
    /// * a list field given a mapping is reported although DRF's many-related field would
    ///   iterate its keys: that is never what was meant;
    /// * a string in OAuth2 `redirect_uris` (the pre-2024.10 format) is left to
    ///   `legacy-value-format`;
    /// * `null` is reported only on boolean, number, plain text and email fields the
    ///   schema does not mark nullable; the schema omits `nullable` on foreign keys, lists and
    ///   objects, so `null` is accepted there;
    /// * a `!KeyOf` (or a `!Find` resolved in the world) is an object's primary key, a
    ///   UUID: reported on list fields (write `[!KeyOf x]`), text, boolean, number,
    ///   choice and mapping fields; integer fields are left alone (providers and users
    ///   have integer keys).
    ///
    /// ## Why is this bad?
    /// The serializer rejects the entry ("Must be a valid boolean.", "A valid integer is
    /// required.", "Not a valid string.", ...) and the whole blueprint fails to apply.
    ///
    /// ## Severity
    /// Error: the serializer rejects the value's type (`Must be a valid boolean.`, ...),
    /// the entry fails and the blueprint is rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers:
    ///     target: !KeyOf flow
    ///     stage: !KeyOf stage
    ///     order: 10
    ///   attrs:
    ///     evaluate_on_plan: maybe
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///   attrs:
    ///     evaluate_on_plan: true
    /// ```
    pub static WRONG_VALUE_TYPE = {
        code: "FL204",
        name: "wrong-value-type",
        family: Values,
        severity: Error,
        summary: "A value of a type the field does not accept",
        check: crate::rules::Check::Field(check),
    };
}

fn check(cx: &FieldCx<'_, '_>, sink: &mut Sink) {
    let is_reference = cx.field.reference.is_some();
    if let Value::KeyOf(_) = cx.value {
        check_primary_key(cx, is_reference, sink);
        return;
    }
    let legacy_string = is_redirect_uris(&cx.model.id, &cx.field.name);
    visit(cx, |item| {
        if legacy_string && item.depth == 0 && matches!(item.value, Value::Str(_)) {
            return;
        }
        if let Some(problem) = problem(item, is_reference) {
            let message = match item.value {
                Value::Null => format!("`{}` is not nullable but is set to `null`", item.path),
                _ => format!(
                    "{}{} is not {} for `{}`",
                    shown(item.value, item.secret),
                    tag_note(item),
                    problem.expected,
                    item.path
                ),
            };
            let finding = sink.report(
                &WRONG_VALUE_TYPE,
                item.span,
                format!("{message}; authentik says \"{}\"", problem.authentik),
            );
            finding
                .label(format!("expected {}", problem.expected))
                .help(problem.help);
        }
    });
}

/// A `!KeyOf` (or a `!Find` the world resolved) gives an object's primary key, a
/// UUID: only a reference (or untyped) attribute takes it. A list field wants a list
/// of them, and text, numbers, booleans and choices reject a UUID object.
fn check_primary_key(cx: &FieldCx<'_, '_>, is_reference: bool, sink: &mut Sink) {
    let spec = cx.field;
    // List fields of references (`fields`, `configuration_stages`) want a list.
    let takes_pk = spec.ty != FieldType::Array
        && (is_reference || spec.format == Some(FieldFormat::Uuid) || spec.ty == FieldType::Any);
    if takes_pk {
        return;
    }
    let (expected, authentik, help) = match spec.ty {
        FieldType::Array => (
            "a list",
            "Expected a list of items but got type \"UUID\".",
            "write a list, even for one object: `[!KeyOf ...]`",
        ),
        FieldType::Object => (
            "a mapping",
            "Expected a dictionary of items but got type \"UUID\".",
            "write a mapping",
        ),
        FieldType::Boolean => (
            "a boolean",
            "Must be a valid boolean.",
            "use `true` or `false`",
        ),
        // Integer primary keys (providers, users) are read by integer attributes.
        FieldType::Integer => return,
        FieldType::Number => ("a number", "A valid number is required.", "use a number"),
        FieldType::String if spec.enum_values.is_some() => (
            "one of the field's choices",
            "\"<uuid>\" is not a valid choice.",
            "use one of the field's choices",
        ),
        FieldType::String => (
            "a string",
            "Not a valid string.",
            "give a text value; `!KeyOf` gives an object's primary key",
        ),
        FieldType::Any => return,
    };
    sink.report(
        &WRONG_VALUE_TYPE,
        cx.pair.value.span,
        format!(
            "`{}` is not {expected} but a primary key (`!KeyOf` gives the referenced object's UUID); authentik says \"{authentik}\"",
            cx.field.name
        ),
    )
    .label(format!("expected {expected}"))
    .help(help);
}

struct Problem {
    expected: &'static str,
    authentik: String,
    help: String,
}

fn problem(item: &Item<'_, '_>, is_reference: bool) -> Option<Problem> {
    let spec = item.spec;
    let value = item.value;
    if let Value::Null = value {
        let plain = matches!(
            spec.ty,
            FieldType::Boolean | FieldType::Integer | FieldType::Number | FieldType::String
        );
        // Email fields are plain text fields too (the schema marks none nullable, and
        // none is); other formats are foreign keys, dates, ... whose nullability the
        // schema leaves out.
        let formatted = spec.format.is_some_and(|f| f != FieldFormat::Email);
        if spec.nullable || !plain || formatted || (is_reference && item.depth == 0) {
            return None;
        }
        return Some(Problem {
            expected: "a value",
            authentik: "This field may not be null.".to_string(),
            help: "give a value, or leave the attribute out to keep authentik's default"
                .to_string(),
        });
    }
    // DRF reads `bytes` (`!!binary`) where Python does: `float(b"1.5")`, `int(b"12")`
    // for an integer primary key, and list fields iterate its byte values. Only the
    // fields that refuse it are reported.
    if let Value::Bytes(_) = value {
        let accepts_bytes = matches!(
            spec.ty,
            FieldType::Any | FieldType::Number | FieldType::Array
        ) || (spec.ty == FieldType::Integer && is_reference);
        if accepts_bytes {
            return None;
        }
    }
    // DRF's relation fields read "" as null (`RelatedField.run_validation`), which a
    // reference takes as it takes null above; list items get no such reading.
    if is_reference && item.depth == 0 && matches!(value, Value::Str(s) if s.is_empty()) {
        return None;
    }
    match spec.ty {
        FieldType::Any => None,
        FieldType::Boolean => value.drf_bool().is_none().then(|| Problem {
            expected: "a boolean",
            authentik: "Must be a valid boolean.".to_string(),
            help: "use `true` or `false`".to_string(),
        }),
        FieldType::Integer => {
            if drf_int(value).is_some() || (is_reference && matches!(value, Value::Bool(_))) {
                return None;
            }
            let help = match value {
                Value::Float(_) => "use a whole number".to_string(),
                _ => "use a plain integer, e.g. `10`".to_string(),
            };
            let authentik = if is_reference {
                format!(
                    "Incorrect type. Expected pk value, received {}.",
                    value.python_type_name()
                )
            } else {
                "A valid integer is required.".to_string()
            };
            Some(Problem {
                expected: "an integer",
                authentik,
                help,
            })
        }
        FieldType::Number => drf_float(value).is_none().then(|| Problem {
            expected: "a number",
            authentik: "A valid number is required.".to_string(),
            help: "use a number, e.g. `0.5`".to_string(),
        }),
        FieldType::String => string_problem(item),
        FieldType::Array => (!matches!(value, Value::Seq(_))).then(|| Problem {
            expected: "a list",
            authentik: format!(
                "Expected a list of items but got type \"{}\".",
                value.python_type_name()
            ),
            help: "write a YAML list (`- item` lines or `[a, b]`), even for a single item"
                .to_string(),
        }),
        FieldType::Object => (!matches!(value, Value::Map(_))).then(|| Problem {
            expected: "a mapping",
            authentik: format!(
                "Expected a dictionary of items but got type \"{}\".",
                value.python_type_name()
            ),
            help: "write a YAML mapping (`key: value` lines or `{}`)".to_string(),
        }),
    }
}

fn string_problem(item: &Item<'_, '_>) -> Option<Problem> {
    let value = item.value;
    let structured = matches!(value, Value::Seq(_) | Value::Map(_));
    let lenient = item.spec.enum_values.is_some() || item.spec.format == Some(FieldFormat::Uuid);
    if lenient && !structured {
        return None;
    }
    // The importer replaces a mapping with a `pk` key by that pk (blueprint-format §3.1).
    if item.spec.format == Some(FieldFormat::Uuid) && value.get("pk").is_some() {
        return None;
    }
    if item.spec.format == Some(FieldFormat::DateTime) {
        return match value {
            Value::Timestamp(text) if is_date_only(text) => Some(Problem {
                expected: "a date and time",
                authentik: "Expected a datetime but got a date.".to_string(),
                help: "add a time (`2024-01-01T00:00:00Z`) or quote the value".to_string(),
            }),
            Value::Str(_) | Value::Timestamp(_) => None,
            _ => Some(not_a_string(value)),
        };
    }
    match value {
        Value::Str(_) | Value::Int(_) | Value::BigInt(_) | Value::Float(_) => None,
        _ => Some(not_a_string(value)),
    }
}

fn not_a_string(value: &Value<'_>) -> Problem {
    let help = match value {
        Value::Bool(_) => {
            "quote the value: YAML 1.1 reads unquoted yes/no/on/off/true/false as a boolean"
                .to_string()
        }
        Value::Timestamp(_) => {
            "quote the value: YAML reads an unquoted date as a date object".to_string()
        }
        Value::Seq(_) | Value::Map(_) => "give a single text value".to_string(),
        Value::Bytes(_) => {
            "`!!binary` builds bytes, which DRF's CharField refuses: write the text itself"
                .to_string()
        }
        _ => "give a text value".to_string(),
    };
    Problem {
        expected: "a string",
        authentik: "Not a valid string.".to_string(),
        help,
    }
}

/// A YAML timestamp without a time part: PyYAML builds a `date`, not a `datetime`.
fn is_date_only(text: &str) -> bool {
    !text.contains(['t', 'T', ' ', ':'])
}
