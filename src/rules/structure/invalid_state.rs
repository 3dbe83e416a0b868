use crate::declare_rule;
use crate::finding::Sink;
use crate::model::EntryState;
use crate::rules::EntryCx;
use crate::rules::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Checks that `state` is one of `present`, `created`, `must_created`, `absent`, and
    /// that meta models (`authentik_blueprints.meta*`) keep the default state.
    ///
    /// ## Why is this bad?
    /// An unknown state string fails while the blueprint is parsed; `absent` on a meta
    /// model is meaningless and crashes the importer.
    ///
    /// ## Severity
    /// Error: `state` is cast to `BlueprintEntryDesiredState` when the blueprint is
    /// loaded, and an unknown value fails it; a meta model with `absent` crashes the
    /// importer.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   state: delete
    ///   identifiers:
    ///     slug: old-flow
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   state: absent
    ///   identifiers:
    ///     slug: old-flow
    /// ```
    pub static INVALID_STATE = {
        code: "FL107",
        name: "invalid-state",
        family: Structure,
        severity: Error,
        summary: "`state` is not a known state, or is set on a meta model",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let Some(pair) = cx.entry.state else { return };
    let node = &pair.value;
    if node.is_custom_tagged() {
        return;
    }
    let Some(text) = node.as_str() else {
        sink.report(
            &INVALID_STATE,
            node.span,
            format!(
                "`state` must be a string, found {}",
                node.kind_with_article()
            ),
        )
        .help(format!("use one of: {}", EntryState::NAMES.join(", ")));
        return;
    };
    match EntryState::parse(text) {
        None => {
            let finding = sink.report(&INVALID_STATE, node.span, format!("unknown state `{text}`"));
            match did_you_mean(text, EntryState::NAMES) {
                Some(s) => finding
                    .label(format!("did you mean `{s}`?"))
                    .help(format!("use `{s}`")),
                None => finding.help(format!(
                    "use one of: {} (`absent` deletes the object)",
                    EntryState::NAMES.join(", ")
                )),
            };
        }
        Some(EntryState::Absent) if cx.model.is_some_and(|m| m.is_meta) => {
            sink.report(
                &INVALID_STATE,
                node.span,
                "`state: absent` on a meta model is meaningless and crashes authentik's importer",
            )
            .help("remove `state` from meta model entries");
        }
        Some(_) => {}
    }
}
