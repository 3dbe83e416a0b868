use super::common::{Item, shorten, tag_note, visit};
use super::drf::char_field_text;
use crate::catalog::{
    AuthentikVersion, Caps, SLUG_INVALID_MESSAGE, SLUG_PATTERN, SLUG_PATTERN_DESC, is_valid_slug,
};
use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::FieldCx;

declare_rule! {
    /// ## What it does
    /// Reports a slug with characters Django's `validate_slug` rejects (anything but
    /// ASCII letters, digits, `-` and `_`), and a flow slug longer than 50 characters
    /// when the targeted authentik is older than 2025.12. It checks every
    /// field the catalog gives the slug pattern: flow `slug`, invitation `name`, token
    /// `identifier`.
    ///
    /// Decisions:
    /// * the value is trimmed first, as DRF's `CharField` does;
    /// * an empty slug is left to `invalid-string-length`;
    /// * the length cap is the targeted release's (`Caps::flow_slug_max_len`): from
    ///   2025.12 the flow slug is a `TextField` without a cap (migration
    ///   `0029_alter_flow_slug`); with no version configured the newest release is
    ///   targeted, which has no cap.
    ///
    /// ## Why is this bad?
    /// authentik refuses the entry with "Enter a valid “slug” consisting of letters,
    /// numbers, underscores or hyphens." and the whole blueprint fails to apply. Before
    /// 2025.12 a longer slug fails with "Ensure this field has no more than 50
    /// characters."
    ///
    /// ## Severity
    /// Error: the serializer's slug validator rejects the value, the entry fails and the
    /// importer rolls the whole blueprint back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   identifiers:
    ///     slug: My Login Flow
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   identifiers:
    ///     slug: my-login-flow
    /// ```
    pub static INVALID_SLUG = {
        code: "FL201",
        name: "invalid-slug",
        family: Values,
        severity: Error,
        summary: "A slug with characters or a length authentik rejects",
        check: crate::rules::Check::Field(check),
    };
}

fn check(cx: &FieldCx<'_, '_>, sink: &mut Sink) {
    let is_flow_slug = cx.model.kind == crate::catalog::ModelKind::Flow && cx.field.name == "slug";
    if cx.field.pattern.as_deref() != Some(SLUG_PATTERN) && !is_flow_slug {
        return;
    }
    let release = cx.target().release;
    let max_len = is_flow_slug
        .then_some(release.caps.flow_slug_max_len)
        .flatten();
    visit(cx, |item| {
        if item.depth == 0 {
            check_slug(item, max_len, release.version(), sink);
        }
    });
}

fn check_slug(
    item: &Item<'_, '_>,
    max_len: Option<usize>,
    version: AuthentikVersion,
    sink: &mut Sink,
) {
    let Some(slug) = char_field_text(item.value) else {
        return;
    };
    if slug.is_empty() {
        return;
    }
    if !is_valid_slug(&slug) {
        let mut bad: Vec<char> = slug
            .chars()
            .filter(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
            .collect();
        bad.sort_unstable();
        bad.dedup();
        let listed = bad
            .iter()
            .map(|c| describe(*c))
            .collect::<Vec<_>>()
            .join(", ");
        let fixed = slugify(&slug);
        let finding = sink.report(
            &INVALID_SLUG,
            item.span,
            format!(
                "`{}`{} is not a valid slug for `{}`: it contains {listed}; authentik says \"{SLUG_INVALID_MESSAGE}\"",
                shorten(&slug),
                tag_note(item),
                item.path
            ),
        );
        finding.label(format!("not allowed: {listed}"));
        // A tag's value rewritten would echo what the tag read (an `!Env` secret).
        if fixed.is_empty() || item.tagged {
            finding.help(format!("use only {SLUG_PATTERN_DESC} (ASCII)"));
        } else {
            finding.help(format!(
                "use only {SLUG_PATTERN_DESC} (ASCII), e.g. `{}`",
                shorten(&fixed)
            ));
        }
        return;
    }
    let len = slug.chars().count();
    if let Some(max) = max_len.filter(|max| len > *max) {
        let cut: String = slug.chars().take(max).collect();
        let uncapped = Caps::flow_slug_uncapped_since();
        sink.report(
            &INVALID_SLUG,
            item.span,
            format!("the flow slug `{}` is {len} characters long; authentik {version}, the release you target, allows at most {max} (no limit from {uncapped})", shorten(&slug)),
        )
        .label(format!("{len} characters, over {max}"))
        .help(if item.tagged {
            format!("shorten it, or target authentik {uncapped} or newer, which has no limit")
        } else {
            format!(
                "shorten it (e.g. `{}`), or target authentik {uncapped} or newer, which has no limit",
                shorten(cut.trim_end_matches(['-', '_']))
            )
        });
    }
}

/// A character for a message: printable ones quoted, others by name or code point.
fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\t' => "a tab".to_string(),
        '\n' => "a line break".to_string(),
        c if c.is_control() || c.is_whitespace() => format!("U+{:04X}", c as u32),
        c if !c.is_ascii() => format!("`{c}` (not ASCII)"),
        c => format!("`{c}`"),
    }
}

/// A slug close to `text`: lower-case ASCII, every run of other characters one `-`.
fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_replaces_runs() {
        assert_eq!(slugify("My Login Flow!"), "my-login-flow");
        assert_eq!(slugify("école"), "cole");
        assert_eq!(slugify("ßß"), "");
    }
}
