use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::FileCx;

declare_rule! {
    /// ## What it does
    /// Checks that `metadata`, when present, is a mapping with a string `name`.
    ///
    /// ## Why is this bad?
    /// `name` is required in authentik's `BlueprintMetadata`: without it the blueprint
    /// fails to load (a bare `EntryInvalidError` with no message). The name also becomes
    /// the blueprint instance's unique name.
    ///
    /// ## Severity
    /// Error: `BlueprintMetadata.name` is a required `str`; dacite's `from_dict` fails
    /// and the importer raises `EntryInvalidError`: the blueprint is rejected.
    ///
    /// ## Example
    /// ```yaml
    /// version: 1
    /// metadata:
    ///   labels:
    ///     blueprints.goauthentik.io/instantiate: "false"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// version: 1
    /// metadata:
    ///   name: Example - Login flow
    ///   labels:
    ///     blueprints.goauthentik.io/instantiate: "false"
    /// ```
    pub static METADATA_NAME_MISSING = {
        code: "FL102",
        name: "metadata-name-missing",
        family: Structure,
        severity: Error,
        summary: "`metadata` has no string `name`",
        check: crate::rules::Check::File(check),
    };
}

fn check(cx: &FileCx<'_, '_>, sink: &mut Sink) {
    let Some(pair) = cx.blueprint.metadata else {
        return;
    };
    let metadata = &pair.value;
    if metadata.as_map().is_none() || metadata.is_custom_tagged() {
        sink.report(
            &METADATA_NAME_MISSING,
            metadata.span,
            format!(
                "`metadata` must be a mapping, found {}",
                metadata.kind_with_article()
            ),
        )
        .help("write `metadata:` with a `name:` key");
        return;
    }
    match metadata.get_pair("name") {
        None => {
            sink.report(
                &METADATA_NAME_MISSING,
                pair.key.span,
                "`metadata` has no `name`",
            )
            .label("name required here")
            .help("add `name: <a unique blueprint name>` under metadata");
        }
        Some(name) if name.value.as_str().is_none() => {
            sink.report(
                &METADATA_NAME_MISSING,
                name.value.span,
                format!(
                    "`metadata.name` must be a string, found {}",
                    name.value.kind_with_article()
                ),
            )
            .help("quote the name");
        }
        Some(_) => {}
    }
}
