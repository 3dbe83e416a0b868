use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::FileCx;
use crate::yaml::{NodeKind, ScalarValue};

declare_rule! {
    /// ## What it does
    /// Checks that `version` is the integer `1` (a missing `version` counts as 1; YAML's
    /// `true` passes too, since Python's `True == 1` and the type check takes a bool).
    ///
    /// ## Why is this bad?
    /// authentik only knows version 1: discovery skips other versions with
    /// `invalid blueprint version`, and validation fails with `Invalid blueprint version`.
    /// A string such as `"1"` or `v2` fails the dataclass type check.
    ///
    /// ## Severity
    /// Error: the importer's `validate` refuses every version but 1 (`Invalid blueprint
    /// version`) and discovery skips the file: nothing is applied.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2
    /// entries: []
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// version: 1
    /// entries: []
    /// ```
    pub static UNSUPPORTED_VERSION = {
        code: "FL101",
        name: "unsupported-version",
        family: Structure,
        severity: Error,
        summary: "`version` is not the integer 1",
        check: crate::rules::Check::File(check),
    };
}

fn check(cx: &FileCx<'_, '_>, sink: &mut Sink) {
    let Some(pair) = cx.blueprint.version else {
        return;
    };
    let node = &pair.value;
    // dacite's `int` check takes a bool (`isinstance(True, int)`) and `True == 1`:
    // authentik applies `version: true` (or `yes`, `on`).
    let ok = !node.is_custom_tagged()
        && matches!(&node.kind, NodeKind::Scalar(s)
            if matches!(s.value(), ScalarValue::Int(1) | ScalarValue::Bool(true)));
    if ok {
        return;
    }
    let shown = match &node.kind {
        NodeKind::Scalar(s) if !node.is_custom_tagged() => {
            format!("{} `{}`", node.kind_name(), s.text)
        }
        _ => format!(
            "a {}",
            if node.is_custom_tagged() {
                "tag"
            } else {
                node.kind_name()
            }
        ),
    };
    sink.report(
        &UNSUPPORTED_VERSION,
        node.span,
        format!("blueprint version must be the integer 1, found {shown}"),
    )
    .label("authentik only applies version 1")
    .help("write `version: 1`");
}
