use super::common::{python_str, shorten, tag_note, visit};
use crate::catalog::catalog;
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::rules::FieldCx;
use crate::rules::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports a value that is not one of the field's choices: flow `designation`,
    /// `layout`, `authentication`, binding `invalid_response_action`, ... and the items
    /// of choice lists such as identification `user_fields`, password `backends` and
    /// authenticator-validate `device_classes`. It suggests the closest choice, and says
    /// so when the value is one a newer authentik release accepts (the catalog's choices
    /// are those of authentik 2025.12).
    ///
    /// Decisions (DRF `ChoiceField` compares `str(value)` with the choices):
    /// * a number is compared as its text, so TOTP `digits: 6` matches the choice `"6"`;
    /// * a boolean becomes `True`/`False`, which is rarely a choice: an unquoted `no`
    ///   or `off` in YAML 1.1 is a boolean, and the message says so;
    /// * `null`, lists and mappings are left to `wrong-value-type`.
    ///
    /// ## Why is this bad?
    /// The serializer rejects the entry with `"<value>" is not a valid choice.` and the
    /// whole blueprint fails to apply.
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
    visit(cx, |item| {
        let Some(choices) = item.spec.enum_values.as_ref() else { return };
        if matches!(item.value, Value::Null | Value::Seq(_) | Value::Map(_) | Value::Timestamp(_)) {
            return;
        }
        let Some(text) = python_str(item.value) else { return };
        if item.spec.allows_value(&text) {
            return;
        }
        let shown = if item.secret { "the value".to_string() } else { format!("`{}`", shorten(&text)) };
        let hint = (!item.secret)
            .then(|| catalog().newer_value_hint(&cx.model.id, &cx.field.name, &text))
            .flatten();
        let mut message = format!("{shown}{} is not a valid choice for `{}`", tag_note(item), item.path);
        if let Value::Bool(b) = item.value {
            message.push_str(&format!(" (YAML reads an unquoted `{}` as a boolean)", if *b { "yes/on/true" } else { "no/off/false" }));
        }
        match hint {
            Some(hint) => message.push_str(&format!(" in authentik {}. {hint}", catalog().schema_version())),
            None if item.secret => message.push_str("; authentik says the value \"is not a valid choice.\""),
            None => message.push_str(&format!("; authentik says: \"{}\" is not a valid choice.", shorten(&text))),
        }
        let finding = sink.report(&INVALID_ENUM_VALUE, item.span, message);
        let suggestion = (!item.secret).then(|| did_you_mean(&text, choices.iter().map(String::as_str))).flatten();
        match (suggestion, hint) {
            (Some(choice), _) => {
                finding.label(format!("did you mean `{choice}`?")).help(format!("use `{choice}`"));
            }
            (None, Some(_)) => {
                finding.label("not in this release").help(format!(
                    "target a newer authentik, or use one of: {}",
                    list(choices)
                ));
            }
            (None, None) => {
                finding.label("not a valid choice").help(format!("use one of: {}", list(choices)));
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
