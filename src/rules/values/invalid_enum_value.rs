use super::common::{any_spec, shorten, tag_note, visit};
use super::drf::python_str;
use crate::catalog::changes::removed_by;
use crate::catalog::{Release, describe_releases};
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::fix::{Fix, text::replace_word};
use crate::rules::FieldCx;
use crate::rules::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports a value that is not one of the field's choices: flow `designation`,
    /// `layout`, `authentication`, binding `invalid_response_action`, ... and the items
    /// of choice lists such as identification `user_fields`, password `backends` and
    /// authenticator-validate `device_classes`, against the choices of the targeted
    /// release. It suggests the closest choice; a choice another release has is named
    /// with its releases: one a newer release added ("`gitlab` exists from authentik
    /// 2026.8; you target authentik 2026.5"), one a release removed ("`azuread` was
    /// removed in authentik 2026.8, which migrated existing objects to `entraid`"; the
    /// replacements are the release change table, `src/catalog/changes.rs`).
    ///
    /// Decisions (DRF `ChoiceField` compares `str(value)` with the choices):
    /// * a number is compared as its text, so TOTP `digits: 6` matches the choice `"6"`;
    /// * a boolean becomes `True`/`False`, which is rarely a choice: an unquoted `no`
    ///   or `off` in YAML 1.1 is a boolean, and the message says so;
    /// * `null`, lists and mappings are left to `wrong-value-type`;
    /// * a value a newer release is known to have is not reported when the configured
    ///   authentik version (`--authentik-version`) is newer than the catalog's;
    /// * in `permissions` lists, a codename of any catalog model of the named app is
    ///   accepted (the schema's enum omits supplement models), and an app the catalog
    ///   does not know is not reported (it may belong to a newer release).
    ///
    /// ## Why is this bad?
    /// The serializer rejects the entry with `"<value>" is not a valid choice.` and the
    /// whole blueprint fails to apply.
    ///
    /// ## Severity
    /// Error: DRF's `ChoiceField` rejects the value (`is not a valid choice`), the entry
    /// fails and the blueprint is rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   identifiers:
    ///     slug: my-login
    ///   attrs:
    ///     designation: authenticaton
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///   attrs:
    ///     designation: authentication
    /// ```
    ///
    /// ## Fix
    /// Unsafe, for a choice the targeted release removed and replaced: the value is
    /// replaced by its successor (OAuth source `provider_type: azuread` becomes
    /// `entraid` from 2026.8, what authentik's migration did to existing sources). Unsafe
    /// because an older authentik the blueprint may still be applied to lacks the
    /// successor or treats it differently.
    pub static INVALID_ENUM_VALUE = {
        code: "FL202",
        name: "invalid-enum-value",
        family: Values,
        severity: Error,
        summary: "A value that is not one of the field's choices",
        check: crate::rules::Check::Field(check),
    };
}

fn check(cx: &FieldCx<'_, '_>, sink: &mut Sink) {
    if !any_spec(cx.field, &|spec| spec.enum_values.is_some()) {
        return;
    }
    let release = cx.target().release;
    visit(cx, |item| {
        let Some(choices) = item.spec.enum_values.as_ref() else {
            return;
        };
        // A date is refused like any other value outside the choices (DRF compares
        // `str(date)` with them).
        if matches!(item.value, Value::Null | Value::Seq(_) | Value::Map(_)) {
            return;
        }
        let text = match item.value {
            Value::Timestamp(date) => Some(date.to_string()),
            // `!!binary`: DRF compares `str(b"...")`, `b'...'`, never a choice.
            Value::Bytes(text) => crate::yaml::python::binary_repr(text),
            other => python_str(other),
        };
        let Some(text) = text else {
            return;
        };
        if item.spec.allows_value(&text) || is_country_code_form(choices, &text) {
            return;
        }
        let shown = if item.secret {
            "the value".to_string()
        } else {
            format!("`{}`", shorten(&text))
        };
        // A choice another embedded release has: say which, never "remove it".
        let has = |other: &'static Release| {
            other
                .model(&cx.model.id)
                .and_then(|model| model.field(&cx.field.name))
                .is_some_and(|field| {
                    any_spec(field, &|spec| {
                        spec.enum_values
                            .as_ref()
                            .is_some_and(|choices| choices.contains(&text))
                    })
                })
        };
        let removal = (item.depth == 0)
            .then(|| release.removed_choice(&cx.model.id, &cx.field.name, &text))
            .flatten();
        let removed = removed_by(release, has);
        let elsewhere = (!item.secret)
            .then(|| describe_releases(has))
            .flatten()
            .map(|when| match (removal, removed) {
                (Some(row), _) => format!(
                    "`{text}` was removed in authentik {}, which migrated existing objects to `{}`; use `{}`.",
                    row.removed_in, row.replacement, row.replacement
                ),
                (None, Some(removed)) => format!(
                    "`{text}` was removed in authentik {removed} (it exists {when}); you target authentik {}.",
                    release.version()
                ),
                (None, None) => format!(
                    "`{text}` exists {when}; you target authentik {}.",
                    release.version()
                ),
            });
        let hint = elsewhere.or_else(|| {
            (!item.secret)
                .then(|| release.newer_value_hint(&cx.model.id, &cx.field.name, &text))
                .flatten()
                .map(str::to_owned)
        });
        if hint.is_some() && cx.target().newer_than_known.is_some() {
            return;
        }
        let mut message = format!(
            "{shown}{} is not a valid choice for `{}`",
            tag_note(item),
            item.path
        );
        if let Value::Bool(b) = item.value {
            let written = (item.depth == 0 && !item.tagged)
                .then(|| cx.pair.value.scalar_text())
                .flatten()
                .unwrap_or(if *b { "yes/on/true" } else { "no/off/false" });
            message.push_str(&format!(
                " (YAML reads an unquoted `{written}` as a boolean)"
            ));
        }
        match &hint {
            Some(hint) => message.push_str(&format!(" in authentik {}. {hint}", release.version())),
            None if item.secret => {
                message.push_str("; authentik says the value \"is not a valid choice.\"")
            }
            None => message.push_str(&format!(
                "; authentik says: \"{}\" is not a valid choice.",
                shorten(&text)
            )),
        }
        let finding = sink.report(&INVALID_ENUM_VALUE, item.span, message);
        // One- and two-character values (`digits: 7`) are not worth a guess.
        let suggestion = (!item.secret && text.chars().count() >= 3)
            .then(|| did_you_mean(&text, choices.iter().map(String::as_str)))
            .flatten();
        if let Some(row) = removal.filter(|_| !item.tagged && !item.secret) {
            let fix = replace_word(&cx.entry.file.source.text, &cx.pair.value, row.replacement)
                .map(|edit| {
                    Fix::unsafe_(
                        format!("Replace `{text}` with `{}`", row.replacement),
                        vec![edit],
                    )
                });
            finding
                .label(format!("removed in authentik {}", row.removed_in))
                .help(format!("use `{}`", row.replacement))
                .fix_opt(fix);
            return;
        }
        match (suggestion, hint) {
            (Some(choice), _) if removed.is_none() => {
                finding
                    .label(format!("did you mean `{choice}`?"))
                    .help(format!("use `{choice}`"));
            }
            (_, Some(_)) if removed.is_some() => {
                finding
                    .label(format!(
                        "removed in authentik {}",
                        removed.unwrap_or(release.version())
                    ))
                    .help(format!("use one of: {}", list(choices)));
            }
            (Some(choice), _) => {
                finding
                    .label(format!("did you mean `{choice}`?"))
                    .help(format!("use `{choice}`"));
            }
            (None, Some(_)) => {
                finding
                    .label(format!("not in authentik {}", release.version()))
                    .help(format!(
                        "target a release that has it (--authentik-version), or use one of: {}",
                        list(choices)
                    ));
            }
            (None, None) => {
                finding
                    .label("not a valid choice")
                    .help(format!("use one of: {}", list(choices)));
            }
        }
    });
}

/// The choices for a help text, shortened when there are many (countries).
fn list(choices: &[String]) -> String {
    const MAX: usize = 12;
    let shown: Vec<String> = choices.iter().take(MAX).map(|c| format!("`{c}`")).collect();
    if choices.len() > MAX {
        format!("{}, … ({} choices)", shown.join(", "), choices.len())
    } else {
        shown.join(", ")
    }
}

/// Country lists (GeoIP `countries`) are django-countries `CountryField`s, whose
/// `countries.alpha2()` upper-cases the input and also maps alpha-3 and numeric ISO
/// 3166-1 codes: `de`, `DEU` and `276` all store `DE`. The catalog lists alpha-2 codes
/// only, so the other forms are given the benefit of the doubt.
fn is_country_code_form(choices: &[String], text: &str) -> bool {
    let is_country_list = ["DE", "US", "FR"]
        .iter()
        .all(|code| choices.iter().any(|c| c == code));
    if !is_country_list {
        return false;
    }
    let upper = text.to_ascii_uppercase();
    choices.contains(&upper)
        || (!upper.is_empty() && upper.bytes().all(|b| b.is_ascii_digit()))
        || (upper.len() == 3 && upper.bytes().all(|b| b.is_ascii_uppercase()))
}
