use super::common::{Item, python_str, shorten, tag_note, visit};
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::rules::FieldCx;

declare_rule! {
    /// ## What it does
    /// Reports a value written in the format an older authentik release used for the
    /// field:
    /// * a bare number in a duration field (`token_expiry: 30`): email stages stored
    ///   integer minutes before the field became a timedelta string (flow-semantics
    ///   §6.1, email stage);
    /// * a string in OAuth2 provider `redirect_uris`: a newline-separated string before
    ///   authentik 2024.10, a list of `{matching_mode, url}` since.
    ///
    /// Decisions: these come from blueprints written for older releases (several of
    /// upstream's own examples still have `token_expiry: 30`), so they are reported as
    /// a warning with the current spelling rather than as `invalid-duration` or
    /// `wrong-value-type`, which leave them to this rule.
    ///
    /// ## Why is this bad?
    /// Current releases validate the field in the new format: the old value is not read
    /// the way it was meant, and the entry may be rejected.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_stages_email.emailstage
    ///   identifiers:
    ///     name: recovery-email
    ///   attrs:
    ///     token_expiry: 30
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///   attrs:
    ///     token_expiry: minutes=30
    /// ```
    pub static LEGACY_VALUE_FORMAT = {
        code: "FL211",
        name: "legacy-value-format",
        family: Values,
        severity: Warning,
        summary: "A value in the format of an older authentik release",
        check: crate::rules::Check::Field(check),
    };
}

fn check(cx: &FieldCx<'_, '_>, sink: &mut Sink) {
    let redirect_uris = is_redirect_uris(cx.model.id.as_str(), cx.field.name.as_str());
    if !cx.field.duration && !redirect_uris {
        return;
    }
    visit(cx, |item| {
        if item.depth != 0 {
            return;
        }
        if cx.field.duration {
            duration_number(item, sink);
        } else {
            redirect_string(item, sink);
        }
    });
}

/// OAuth2 provider `redirect_uris`, a list of objects since 2024.10.
pub(super) fn is_redirect_uris(model: &str, field: &str) -> bool {
    model == "authentik_providers_oauth2.oauth2provider" && field == "redirect_uris"
}

/// A duration field given a bare number (integer minutes in older releases).
pub(super) fn is_bare_number(value: &Value<'_>) -> bool {
    match value {
        Value::Int(_) | Value::Float(_) | Value::BigInt(_) => true,
        Value::Str(s) => !s.trim().is_empty() && crate::duration::python_float(s).is_some(),
        _ => false,
    }
}

fn duration_number(item: &Item<'_, '_>, sink: &mut Sink) {
    if !is_bare_number(item.value) {
        return;
    }
    let Some(text) = python_str(item.value) else {
        return;
    };
    let text = text.trim().to_string();
    let unit = if item.spec.name == "token_expiry" {
        "minutes"
    } else {
        "seconds"
    };
    sink.report(
        &LEGACY_VALUE_FORMAT,
        item.span,
        format!(
            "`{}`{} is a bare number in the duration field `{}`: the integer format of older authentik releases; \
             current releases expect a duration string and say \"{} is not in the correct format of 'hours=3;minutes=1'.\"",
            shorten(&text),
            tag_note(item),
            item.path,
            shorten(&text)
        ),
    )
    .label("a number, not a duration string")
    .help(format!("write `{unit}={text}`"));
}

fn redirect_string(item: &Item<'_, '_>, sink: &mut Sink) {
    let Value::Str(text) = item.value else { return };
    let urls: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let example = urls
        .first()
        .map_or("https://app.example.com/callback".to_string(), |url| {
            shorten(url)
        });
    sink.report(
        &LEGACY_VALUE_FORMAT,
        item.span,
        format!(
            "`{}`{} is a newline-separated string of redirect URIs, the format before authentik 2024.10; \
             current releases expect a list of `matching_mode`/`url` mappings",
            shorten(text),
            tag_note(item)
        ),
    )
    .label("a string, not a list")
    .help(format!(
        "write `redirect_uris:` as a list with one item per URI, e.g. `- matching_mode: strict` / `url: {example}`"
    ));
}
