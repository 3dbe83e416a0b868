use crate::catalog::describe_releases;
use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::EntryCx;

declare_rule! {
    /// ## What it does
    /// Checks that an entry's model exists in the authentik release flowlint targets,
    /// with exact app label case (model names are case-insensitive, except the
    /// `authentik_blueprints` meta models, which must be lowercase).
    ///
    /// ## Why is this bad?
    /// authentik looks the model up **before** checking conditions, so even a
    /// conditionally skipped entry with an unknown model fails the whole blueprint with
    /// `App or Model does not exist`.
    ///
    /// ## Severity
    /// Error: the importer looks the model up before anything else (`App or Model does
    /// not exist`) and stops: the blueprint fails.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flwo
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
    ///
    /// ## Fix
    /// Unsafe: the model id is replaced by the suggested one (quoting kept). A model
    /// typo is a guess about which object was meant, and the entry's attributes may not
    /// fit the suggested model, so the result needs review.
    pub static UNKNOWN_MODEL = {
        code: "FL106",
        name: "unknown-model",
        family: Structure,
        severity: Error,
        summary: "The model does not exist in the targeted authentik release",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let Some(id) = cx.entry.model_id() else {
        return;
    };
    let Some(pair) = cx.entry.model else { return };
    let release = cx.target().release;
    let version = release.version();
    if let Some(model) = cx.model {
        if model.is_meta && id.model_name != id.model_name.to_ascii_lowercase() {
            sink.report(
                &UNKNOWN_MODEL,
                pair.value.span,
                format!("meta model `{}` must be written in lowercase", id.full),
            )
            .label("authentik looks meta models up by their exact lowercase name")
            .help(format!("write `{}`", model.id));
        }
        return;
    }
    if let Some(base) = release.model(id.full).filter(|model| !model.entry) {
        sink.report(
            &UNKNOWN_MODEL,
            pair.value.span,
            format!(
                "`{}` is a model authentik {version} has, but not one a blueprint entry may name (only `!Find` can query it)",
                id.full
            ),
        )
        .label("not a blueprint model")
        // A model with a successor says which (tenants became brands); a base model
        // points at its concrete models.
        .help(release.newer_model_hint(id.full).map_or_else(
            || {
                format!(
                    "create the concrete model instead (e.g. one of the `{}` models), or look it up with `!Find [{}, ...]`",
                    base.app_label.trim_start_matches("authentik_"),
                    base.id
                )
            },
            str::to_owned,
        ));
        return;
    }
    let elsewhere =
        describe_releases(|other| other.model(id.full).is_some_and(|model| model.entry));
    if let Some(when) = elsewhere {
        sink.report(
            &UNKNOWN_MODEL,
            pair.value.span,
            format!(
                "model `{}` exists {when}; authentik {version}, the release you target, has no such model",
                id.full
            ),
        )
        .label(format!("not in authentik {version}"))
        .help(format!(
            "target a release that has it (--authentik-version), or leave the entry out for authentik {version}"
        ));
        return;
    }
    let finding = sink.report(
        &UNKNOWN_MODEL,
        pair.value.span,
        format!(
            "unknown model `{}` (authentik {version} has no such model)",
            id.full
        ),
    );
    if let Some(hint) = release.newer_model_hint(id.full) {
        finding.help(hint.to_string());
    } else if let Some(suggestion) = release.suggest_model(id.full) {
        finding
            .label(format!("did you mean `{suggestion}`?"))
            .help(format!("write `{suggestion}`"))
            .fix_opt(
                crate::fix::text::replace_word(&cx.file.source.text, &pair.value, suggestion).map(
                    |edit| {
                        crate::fix::Fix::unsafe_(
                            format!("Replace the model with `{suggestion}`"),
                            vec![edit],
                        )
                    },
                ),
            );
    } else {
        finding.help("check the model name against authentik's blueprint schema; a newer authentik release may have it");
    }
}
