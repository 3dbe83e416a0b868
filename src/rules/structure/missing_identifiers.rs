use crate::declare_rule;
use crate::finding::Sink;
use crate::model::EntryState;
use crate::rules::EntryCx;

declare_rule! {
    /// ## What it does
    /// Checks that every entry of a regular (non-meta) model has a non-empty
    /// `identifiers` mapping.
    ///
    /// ## Why is this bad?
    /// authentik finds the object to create or update through its identifiers. With none
    /// the entry fails with `No or invalid identifiers` and the whole blueprint fails;
    /// with `state: absent` the entry is silently skipped instead.
    ///
    /// ## Severity
    /// Error: an empty identifier query fails the entry (`No or invalid identifiers`) and
    /// the importer rolls the whole blueprint back. With `state: absent` the entry is
    /// only skipped: that finding is a warning.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_stages_deny.denystage
    ///   attrs:
    ///     name: deny-everyone
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_stages_deny.denystage
    ///   identifiers:
    ///     name: deny-everyone
    /// ```
    pub static MISSING_IDENTIFIERS = {
        code: "FL108",
        name: "missing-identifiers",
        family: Structure,
        severity: Error,
        summary: "An entry has no identifiers",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let Some(model) = cx.model else { return };
    if model.is_meta {
        return;
    }
    let entry = cx.entry;
    let empty = match entry.identifiers {
        None => true,
        Some(pair) if pair.value.is_custom_tagged() => false,
        Some(pair) => pair.value.as_map().is_none_or(<[_]>::is_empty),
    };
    if !empty {
        return;
    }
    let span = entry
        .identifiers
        .map_or(entry.model.map_or(entry.node.span, |m| m.key.span), |p| {
            p.key.span
        });
    let absent = entry.literal_state() == Some(EntryState::Absent);
    let finding = sink.report(
        &MISSING_IDENTIFIERS,
        span,
        if absent {
            format!(
                "`{}` entry with `state: absent` has no identifiers; authentik silently skips it",
                model.id
            )
        } else {
            format!(
                "`{}` entry has no identifiers; authentik fails with \"No or invalid identifiers\"",
                model.id
            )
        },
    );
    if absent {
        finding.severity = crate::finding::Severity::Warning;
    }
    let unique = model
        .fields()
        .iter()
        .find(|f| matches!(f.name.as_str(), "slug" | "name" | "field_key"))
        .map_or("name", |f| f.name.as_str());
    finding.help(format!(
        "add `identifiers:` with a field that identifies the object, e.g. `{unique}`"
    ));
}
