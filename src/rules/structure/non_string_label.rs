use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::FileCx;

declare_rule! {
    /// ## What it does
    /// Checks that `metadata.labels` is a mapping of strings to strings.
    ///
    /// ## Why is this bad?
    /// The schema types label values as strings and authentik compares them as text:
    /// discovery calls `.lower()` on `blueprints.goauthentik.io/instantiate`, which fails
    /// on an unquoted `false` (a YAML boolean), so the label does not do what it says.
    ///
    /// ## Severity
    /// Error: `labels` is typed `dict[str, str]`, which dacite's `from_dict` checks, so
    /// the blueprint is rejected (and discovery's `.lower()` on the instantiate label
    /// fails on a boolean).
    ///
    /// ## Example
    /// ```yaml
    /// metadata:
    ///   name: Example
    ///   labels:
    ///     blueprints.goauthentik.io/instantiate: false
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// metadata:
    ///   name: Example
    ///   labels:
    ///     blueprints.goauthentik.io/instantiate: "false"
    /// ```
    pub static NON_STRING_LABEL = {
        code: "FL103",
        name: "non-string-label",
        family: Structure,
        severity: Error,
        summary: "A metadata label value is not a string",
        check: crate::rules::Check::File(check),
    };
}

fn check(cx: &FileCx<'_, '_>, sink: &mut Sink) {
    let Some(labels) = cx.blueprint.labels() else {
        return;
    };
    let Some(pairs) = labels.as_map() else {
        if labels
            .scalar_text()
            .is_some_and(|t| t.is_empty() || t == "~" || t == "null")
        {
            return;
        }
        sink.report(
            &NON_STRING_LABEL,
            labels.span,
            format!(
                "`labels` must be a mapping, found {}",
                labels.kind_with_article()
            ),
        );
        return;
    };
    for pair in pairs {
        let value = &pair.value;
        if value.as_str().is_some() {
            continue;
        }
        let text = value.scalar_text().unwrap_or("");
        let key = pair.key.scalar_text().unwrap_or("");
        sink.report(
            &NON_STRING_LABEL,
            value.span,
            format!(
                "label `{key}` has a {} value; label values must be strings",
                value.kind_name()
            ),
        )
        .label(format!("this is a YAML {}", value.kind_name()))
        .help(if text.is_empty() {
            "give the label a string value".to_string()
        } else {
            format!("quote it: \"{text}\"")
        });
    }
}
