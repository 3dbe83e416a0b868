use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::FileCx;
use crate::yaml::{Node, NodeKind};

declare_rule! {
    /// ## What it does
    /// Checks that `entries` exists and is a list of entry mappings, or a mapping of
    /// section names to such lists.
    ///
    /// ## Why is this bad?
    /// authentik's `Blueprint` dataclass requires `entries`; any other shape fails to load
    /// (``Invalid entry: Expected a sequence``), so nothing is applied.
    ///
    /// ## Severity
    /// Error: `entries` is a required list in the `Blueprint` dataclass; dacite rejects
    /// any other shape and nothing is applied.
    ///
    /// ## Example
    /// ```yaml
    /// version: 1
    /// entries:
    ///   model: authentik_flows.flow
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// version: 1
    /// entries:
    ///   - model: authentik_flows.flow
    ///     identifiers:
    ///       slug: my-flow
    /// ```
    pub static INVALID_ENTRIES = {
        code: "FL109",
        name: "invalid-entries",
        family: Structure,
        severity: Error,
        summary: "`entries` is missing or not a list of entries",
        check: crate::rules::Check::File(check),
    };
}

fn check(cx: &FileCx<'_, '_>, sink: &mut Sink) {
    let Some(pair) = cx.blueprint.entries_pair else {
        let root = cx.blueprint.root;
        sink.report(
            &INVALID_ENTRIES,
            root.span.cover(root.span),
            "the blueprint has no `entries`",
        )
        .help("add `entries:` with a list of entries (an empty list `[]` is valid)");
        return;
    };
    let node = &pair.value;
    if node.is_custom_tagged() {
        return;
    }
    match &node.kind {
        NodeKind::Seq(items) => check_items(items, sink),
        NodeKind::Map(sections) => {
            for section in sections {
                let value = &section.value;
                if value.is_custom_tagged() {
                    continue;
                }
                match value.as_seq() {
                    Some(items) => check_items(items, sink),
                    None => {
                        let name = section.key.scalar_text().unwrap_or("");
                        sink.report(
                            &INVALID_ENTRIES,
                            value.span,
                            format!(
                                "entries section `{name}` must be a list of entries, found {}",
                                value.kind_with_article()
                            ),
                        )
                        .help("write the section as a list: `- model: …`");
                    }
                }
            }
        }
        NodeKind::Scalar(_) => {
            if node.scalar_text().is_some_and(str::is_empty) {
                sink.report(
                    &INVALID_ENTRIES,
                    pair.key.span,
                    "`entries` is empty (null), not a list",
                )
                .help("write `entries: []` for a blueprint with no entries");
            } else {
                sink.report(
                    &INVALID_ENTRIES,
                    node.span,
                    format!(
                        "`entries` must be a list, found {}",
                        node.kind_with_article()
                    ),
                )
                .help("write `entries:` followed by `- model: …` items");
            }
        }
    }
}

fn check_items(items: &[Node], sink: &mut Sink) {
    for item in items {
        if item.as_map().is_none() && !item.is_custom_tagged() {
            sink.report(
                &INVALID_ENTRIES,
                item.span,
                format!(
                    "an entry must be a mapping, found {}",
                    item.kind_with_article()
                ),
            )
            .help("write the entry as `- model: …` with `identifiers:` and `attrs:`");
        }
    }
}
