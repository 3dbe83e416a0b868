use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::EntryCx;

declare_rule! {
    /// ## What it does
    /// Checks that an entry's `model` is a string of the form `app_label.modelname`.
    ///
    /// ## Why is this bad?
    /// authentik splits the model on `.` into exactly two parts; anything else raises an
    /// unhandled error and the blueprint fails to apply.
    ///
    /// ## Severity
    /// Error: the importer splits `model` into exactly two names outside any error
    /// handling: the blueprint fails with an unhandled error.
    ///
    /// ## Example
    /// ```yaml
    /// - model: flow
    ///   identifiers:
    ///     slug: my-flow
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   identifiers:
    ///     slug: my-flow
    /// ```
    pub static INVALID_MODEL_FORMAT = {
        code: "FL105",
        name: "invalid-model-format",
        family: Structure,
        severity: Error,
        summary: "`model` is not `app_label.modelname`",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let Some(pair) = cx.entry.model else { return };
    let node = &pair.value;
    if node.is_custom_tagged() {
        return;
    }
    let Some(text) = node.as_str() else {
        sink.report(
            &INVALID_MODEL_FORMAT,
            node.span,
            format!(
                "`model` must be a string, found {}",
                node.kind_with_article()
            ),
        )
        .help("write the model as `app_label.modelname`, e.g. `authentik_flows.flow`");
        return;
    };
    if cx.entry.model_id().is_some() {
        return;
    }
    let dots = text.matches('.').count();
    let problem = if dots == 0 {
        "has no app label".to_string()
    } else {
        format!("has {dots} dots")
    };
    let finding = sink.report(
        &INVALID_MODEL_FORMAT,
        node.span,
        format!("model `{text}` {problem}; it must be exactly `app_label.modelname`"),
    );
    let hint = cx.target().release.suggest_model(text);
    match hint {
        Some(s) => finding
            .label(format!("did you mean `{s}`?"))
            .help(format!("write `{s}`")),
        None => {
            finding.help("write the model as `app_label.modelname`, e.g. `authentik_flows.flow`")
        }
    };
}
