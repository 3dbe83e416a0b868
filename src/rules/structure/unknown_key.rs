use crate::declare_rule;
use crate::finding::Sink;
use crate::fix::{Fix, text::replace_word};
use crate::rules::FileCx;
use crate::rules::suggest::{did_you_mean, only_close_match};
use crate::yaml::Node;

declare_rule! {
    /// ## What it does
    /// Reports keys authentik does not know at the top level, in `metadata`, in an entry
    /// or in a permission, suggesting the closest known key.
    ///
    /// ## Why is this bad?
    /// authentik converts blueprints into dataclasses that silently drop unknown keys:
    /// a typo such as `attr:` instead of `attrs:` means none of those attributes are set,
    /// with no error anywhere.
    ///
    /// ## Severity
    /// Warning: dacite drops unknown keys without a word, so the blueprint applies
    /// without what the key holds; the rest of the entry is applied as written.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   identifiers:
    ///     slug: my-flow
    ///   attr:
    ///     name: My flow
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   identifiers:
    ///     slug: my-flow
    ///   attrs:
    ///     name: My flow
    /// ```
    ///
    /// ## Fix
    /// Safe: when exactly one known key is close to the typo, the key is renamed to it
    /// (quoting kept). The author plainly meant that key, and nothing else is touched.
    /// No fix when several keys are close, or when the mapping already has the key
    /// (renaming would make a duplicate whose last value wins).
    pub static UNKNOWN_KEY = {
        code: "FL104",
        name: "unknown-key",
        family: Structure,
        severity: Warning,
        summary: "A key authentik silently ignores",
        check: crate::rules::Check::File(check),
    };
}

const TOP_LEVEL: &[&str] = &["version", "metadata", "context", "entries"];
const METADATA: &[&str] = &["name", "labels"];
const ENTRY: &[&str] = &[
    "model",
    "id",
    "state",
    "conditions",
    "identifiers",
    "attrs",
    "permissions",
];
const PERMISSION: &[&str] = &["permission", "user", "role"];

fn check(cx: &FileCx<'_, '_>, sink: &mut Sink) {
    let bp = cx.blueprint;
    let text = cx.source.text.as_str();
    check_keys(text, bp.root, TOP_LEVEL, "at the top level", sink);
    if let Some(metadata) = bp.metadata {
        check_keys(text, &metadata.value, METADATA, "in `metadata`", sink);
    }
    for entry in &bp.entries {
        check_keys(text, entry.node, ENTRY, "in an entry", sink);
        if let Some(items) = entry.permissions.and_then(|p| p.value.as_seq()) {
            for item in items {
                check_keys(text, item, PERMISSION, "in a permission", sink);
            }
        }
    }
}

fn check_keys(text: &str, node: &Node, known: &[&str], place: &str, sink: &mut Sink) {
    for pair in node.as_map().unwrap_or(&[]) {
        if pair.merged {
            continue;
        }
        let Some(key) = pair.key.scalar_text() else {
            continue;
        };
        if known.contains(&key) {
            continue;
        }
        let finding = sink.report(
            &UNKNOWN_KEY,
            pair.key.span,
            format!("unknown key `{key}` {place}; authentik ignores it"),
        );
        match did_you_mean(key, known.iter().copied()) {
            Some(suggestion) => finding
                .label(format!("did you mean `{suggestion}`?"))
                .help(format!("rename it to `{suggestion}`")),
            None => finding.help(format!("known keys {place}: {}", known.join(", "))),
        };
        let pairs = node.as_map().unwrap_or(&[]);
        let fix = only_close_match(key, known.iter().copied())
            .filter(|target| pairs.iter().all(|p| p.key.scalar_text() != Some(target)))
            .and_then(|target| {
                let edit = replace_word(text, &pair.key, target)?;
                Some(Fix::safe(
                    format!("Rename `{key}` to `{target}`"),
                    vec![edit],
                ))
            });
        finding.fix_opt(fix);
    }
}
