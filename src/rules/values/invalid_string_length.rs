use super::common::{Item, any_spec, shorten, visit};
use super::drf::char_field_text;
use crate::catalog::changes::added_after;
use crate::catalog::{FieldFormat, FieldSpec, FieldType};
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::rules::FieldCx;

declare_rule! {
    /// ## What it does
    /// Reports text shorter or longer than the field allows (an empty `name` or
    /// `title`, a `designation` over 100 characters, an invitation `name` over 50, an
    /// email `from_address` over 254) and lists with more items than allowed (GeoIP
    /// `countries`, at most 249).
    ///
    /// Decisions:
    /// * lengths are counted in characters (Python's `len`) after DRF's `CharField`
    ///   trims the value, so `"  "` counts as empty ("This field may not be blank.");
    /// * numbers are measured as their text; values of other types are left to
    ///   `wrong-value-type`, and primary-key fields to `invalid-uuid`;
    /// * the value of a secret field is never shown, only its length.
    ///
    /// ## Why is this bad?
    /// The serializer rejects the entry ("This field may not be blank.", "Ensure this
    /// field has no more than 100 characters.") and the blueprint fails to apply.
    ///
    /// ## Severity
    /// Error: the serializer rejects the length (`This field may not be blank.`, `Ensure
    /// this field has no more than ...`), the entry fails and the blueprint is rolled
    /// back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   identifiers:
    ///     slug: my-login
    ///   attrs:
    ///     name: ""
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///   attrs:
    ///     name: My login
    /// ```
    pub static INVALID_STRING_LENGTH = {
        code: "FL209",
        name: "invalid-string-length",
        family: Values,
        severity: Error,
        summary: "Text or a list shorter or longer than the field allows",
        check: crate::rules::Check::Field(check),
    };
}

fn check(cx: &FieldCx<'_, '_>, sink: &mut Sink) {
    // What `check_items` and `check_text` need before they look at a value.
    let bounded = |spec: &FieldSpec| match spec.ty {
        FieldType::Array => spec.max_items.is_some(),
        FieldType::String => {
            spec.format != Some(FieldFormat::Uuid)
                && (spec.min_length.is_some() || spec.max_length.is_some())
        }
        _ => false,
    };
    if !any_spec(cx.field, &bounded) {
        return;
    }
    visit(cx, |item| match (item.spec.ty, item.value) {
        (FieldType::Array, Value::Seq(items)) => check_items(item, items.len(), sink),
        (FieldType::String, _) if item.spec.format != Some(FieldFormat::Uuid) => {
            check_text(cx, item, sink)
        }
        _ => {}
    });
}

fn check_text(cx: &FieldCx<'_, '_>, item: &Item<'_, '_>, sink: &mut Sink) {
    let (min, max) = (item.spec.min_length, item.spec.max_length);
    if min.is_none() && max.is_none() {
        return;
    }
    let Some(text) = char_field_text(item.value) else {
        return;
    };
    let len = text.chars().count() as u64;
    let shown = || {
        if item.secret {
            "the value".to_string()
        } else {
            format!("`{}`", shorten(&text))
        }
    };
    if len == 0 && min.is_some_and(|min| min > 0) {
        let blank = if matches!(item.value, Value::Str(s) if !s.is_empty()) {
            "only whitespace"
        } else {
            "empty"
        };
        sink.report(
            &INVALID_STRING_LENGTH,
            item.span,
            format!(
                "`{}` is {blank}; authentik says \"This field may not be blank.\"",
                item.path
            ),
        )
        .label("may not be blank")
        .help("give a value, or leave the attribute out to keep authentik's default");
    } else if let Some(min) = min.filter(|min| len < *min) {
        let shown = shown();
        sink.report(
            &INVALID_STRING_LENGTH,
            item.span,
            format!(
                "{shown} is {len} characters long, shorter than the minimum {min} of `{}`; authentik says \"Ensure this field has at least {min} characters.\"",
                item.path
            ),
        )
        .label(format!("{len} characters, fewer than {min}"))
        .help(format!("use at least {min} characters"));
    } else if let Some(max) = max.filter(|max| len > *max) {
        let shown = shown();
        // A cap a later release lifted or raised: say which (top-level fields only).
        let release = cx.target().release;
        let lifted = (item.depth == 0)
            .then(|| {
                added_after(release, |other| {
                    other
                        .model(&cx.model.id)
                        .and_then(|model| model.field(&cx.field.name))
                        .is_some_and(|field| field.max_length.is_none_or(|cap| len <= cap))
                })
            })
            .flatten();
        let (note, help) = match lifted {
            Some(first) => (
                format!(
                    " in authentik {}; authentik {first} and later accept it",
                    release.version()
                ),
                format!(
                    "shorten it to at most {max} characters, or target authentik {first} or later"
                ),
            ),
            None => (
                String::new(),
                format!("shorten it to at most {max} characters"),
            ),
        };
        sink.report(
            &INVALID_STRING_LENGTH,
            item.span,
            format!(
                "{shown} is {len} characters long, over the maximum {max} of `{}`{note}; authentik says \"Ensure this field has no more than {max} characters.\"",
                item.path
            ),
        )
        .label(format!("{len} characters, more than {max}"))
        .help(help);
    }
}

fn check_items(item: &Item<'_, '_>, count: usize, sink: &mut Sink) {
    let Some(max) = item.spec.max_items else {
        return;
    };
    let count = count as u64;
    if count <= max {
        return;
    }
    sink.report(
        &INVALID_STRING_LENGTH,
        item.span,
        format!(
            "`{}` has {count} items, over the maximum of {max}; authentik says \"Ensure this field has no more than {max} elements.\"",
            item.path
        ),
    )
    .label(format!("{count} items, more than {max}"))
    .help(format!("keep at most {max} items"));
}
