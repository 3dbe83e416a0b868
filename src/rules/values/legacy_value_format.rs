use super::common::{Item, shorten, tag_note, visit};
use super::drf::python_str;
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::fix::{Edit, Fix, text};
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
    /// upstream's own examples still have `token_expiry: 30`), so they get their own
    /// message with the current spelling rather than `invalid-duration` or
    /// `wrong-value-type`, which leave them to this rule.
    ///
    /// ## Why is this bad?
    /// Every release flowlint knows (2024.12 and later) validates the field in the new
    /// format and rejects the old value: a duration field runs
    /// `timedelta_string_validator`, whose `timedelta_from_string("30")` fails ("30 is
    /// not in the correct format of 'hours=3;minutes=1'."); `redirect_uris` is a
    /// `RedirectURISerializer(many=True)` list since 2024.10, and a string is "Expected
    /// a list of items". The entry fails and the importer rolls the whole blueprint
    /// back.
    ///
    /// ## Severity
    /// Error: authentik rejects the entry for every release checked.
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
    ///
    /// ## Fix
    /// Safe: a newline-separated `redirect_uris` string becomes the list authentik's own
    /// migration makes of it (`0024_remove_oauth2provider_redirect_uris_and_more`): one
    /// `{matching_mode, url}` per line, `strict`, except `*` and `.*`, which become
    /// `regex` (blank lines, which match nothing, are dropped). The value is replaced
    /// in place; the rest of the entry is untouched. Unsafe: a bare number in a duration
    /// field becomes `minutes=N` (`token_expiry`) or `seconds=N`: the unit is the one
    /// flowlint infers for older releases. No fix for a tag's value.
    pub static LEGACY_VALUE_FORMAT = {
        code: "FL211",
        name: "legacy-value-format",
        family: Values,
        severity: Error,
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
            duration_number(cx, item, sink);
        } else {
            redirect_string(cx, item, sink);
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

fn duration_number(cx: &FieldCx<'_, '_>, item: &Item<'_, '_>, sink: &mut Sink) {
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
    .help(format!("write `{unit}={text}`"))
    .fix_opt(duration_fix(cx, item, unit, &text));
}

/// `30` -> `minutes=30` (`seconds=` for other fields), unsafe: the unit is what the
/// older releases used for this field, which flowlint infers rather than knows.
fn duration_fix(cx: &FieldCx<'_, '_>, item: &Item<'_, '_>, unit: &str, text: &str) -> Option<Fix> {
    if item.tagged || cx.pair.value.span != item.span {
        return None;
    }
    let source = cx.entry.file.source.text.as_str();
    let written = cx.pair.value.scalar_text()?;
    let content = text::scalar_content(source, &cx.pair.value)?;
    let fixed = format!("{unit}={}", written.trim());
    (written.trim() == text && text::is_style_neutral(&fixed)).then(|| {
        Fix::unsafe_(
            format!("Write the duration as `{fixed}`"),
            vec![Edit::replace(content, fixed)],
        )
    })
}

fn redirect_string(cx: &FieldCx<'_, '_>, item: &Item<'_, '_>, sink: &mut Sink) {
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
             current releases expect a list of `matching_mode`/`url` mappings and reject it (\"Expected a list of items but got type \\\"str\\\".\")",
            shorten(text),
            tag_note(item)
        ),
    )
    .label("a string, not a list")
    .help(format!(
        "write `redirect_uris:` as a list with one item per URI, e.g. `- matching_mode: strict` / `url: {example}`"
    ))
    .fix_opt(redirect_fix(cx, item, text));
}

/// The newline-separated string as the list authentik's own migration
/// (oauth2 `0024_remove_oauth2provider_redirect_uris_and_more`) makes of it: one
/// `{matching_mode, url}` per line, `strict` except `*` and `.*`, which become `regex`.
/// Safe: it is that one-to-one form. Blank lines, which match nothing, are dropped. The
/// value's own text is replaced, from after the key's `:`; no fix for a tag's value, a
/// flow mapping, or a block scalar header with a comment.
fn redirect_fix(cx: &FieldCx<'_, '_>, item: &Item<'_, '_>, value: &str) -> Option<Fix> {
    let (key, node) = (&cx.pair.key, &cx.pair.value);
    if item.tagged || node.span != item.span || node.tag.is_some() {
        return None;
    }
    let source = cx.entry.file.source.text.as_str();
    let column = text::block_key_column(source, key.span.start)?;
    let between = source.get(key.span.end as usize..node.span.start as usize)?;
    // A block scalar's span starts at its content: its header (`|`, `>-`) is here, and
    // a comment after the header would be lost.
    let header = between.trim().strip_prefix(':')?.trim();
    let is_header = |h: &str| {
        h.strip_prefix(['|', '>'])
            .is_some_and(|rest| rest.chars().all(|c| matches!(c, '-' | '+' | '1'..='9')))
    };
    if !(header.is_empty() || is_header(header)) {
        return None;
    }
    let indent = " ".repeat(column + 2);
    let mut list = String::from(":");
    let mut count = 0;
    for url in value.split('\n').filter(|line| !line.trim().is_empty()) {
        let mode = if url == "*" || url == ".*" {
            "regex"
        } else {
            "strict"
        };
        list.push_str(&format!(
            "\n{indent}- matching_mode: {mode}\n{indent}  url: {}",
            text::yaml_string(url)
        ));
        count += 1;
    }
    (count > 0).then(|| {
        Fix::safe(
            "Write `redirect_uris` as a list of `matching_mode`/`url` mappings",
            vec![Edit::replace(
                crate::source::Span::new(key.span.end, node.span.end),
                list,
            )],
        )
    })
}
