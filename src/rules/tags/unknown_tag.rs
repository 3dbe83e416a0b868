use crate::declare_rule;
use crate::finding::Sink;
use crate::model::TagKind;
use crate::rules::TagCx;
use crate::rules::suggest::did_you_mean;

use super::tag_span;

declare_rule! {
    /// ## What it does
    /// Reports a custom tag that authentik's blueprint loader does not register. The
    /// loader knows exactly 14 tags: `!KeyOf`, `!Find`, `!FindObject`, `!Context`,
    /// `!Format`, `!Condition`, `!If`, `!Env`, `!File`, `!Enumerate`, `!Value`, `!Index`,
    /// `!AtIndex` and `!ParseJSON`. Tag names are case-sensitive.
    ///
    /// ## Why is this bad?
    /// PyYAML cannot build the document: it fails with "could not determine a
    /// constructor for the tag", so the whole file is rejected. Discovery logs
    /// `failed to parse blueprint` and never lists the file; an import fails.
    ///
    /// ## Severity
    /// Error: PyYAML has no constructor for the tag, so the whole file fails to load and
    /// nothing is applied.
    ///
    /// ## Example
    /// ```yaml
    /// attrs:
    ///   title: !Lookup [brand_title, "Welcome"]
    ///   designation: !context designation
    /// ```
    ///
    /// Use instead: one of the 14 tags, spelled exactly.
    /// ```yaml
    /// attrs:
    ///   title: !Context [brand_title, "Welcome"]
    ///   designation: !Context designation
    /// ```
    pub static UNKNOWN_TAG = {
        code: "FL301",
        name: "unknown-tag",
        family: Tags,
        severity: Error,
        summary: "A custom tag authentik does not know; the whole file fails to load",
        check: crate::rules::Check::Tag(check),
    };
}

fn check(cx: &TagCx<'_, '_>, sink: &mut Sink) {
    if cx.kind.is_some() {
        return;
    }
    let name = cx.tag_name();
    // `!` alone is YAML's non-specific tag: the value is typed as if untagged.
    if name.is_empty() || name == "!" || name.starts_with("!!") {
        return;
    }
    let names = TagKind::ALL.map(TagKind::name);
    let replaced = if cx.replaced {
        " (PyYAML builds this value although a later duplicate key replaces it)"
    } else {
        ""
    };
    let finding = sink
        .report(
            &UNKNOWN_TAG,
            tag_span(cx.node),
            format!(
                "`{name}` is not a tag authentik knows; loading fails with \"could not determine a constructor for the tag '{name}'\" and the whole file is rejected{replaced}"
            ),
        )
        .label("unknown tag");
    if let Some(known) = names.iter().find(|n| n.eq_ignore_ascii_case(name)) {
        finding.help(format!("tag names are case-sensitive: write `{known}`"));
    } else if let Some(known) = did_you_mean(name, names) {
        finding.help(format!("did you mean `{known}`?"));
    } else {
        finding.help(format!("use one of authentik's tags: {}", names.join(", ")));
    }
}
