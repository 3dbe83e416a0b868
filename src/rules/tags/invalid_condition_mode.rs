use crate::declare_rule;
use crate::finding::{Severity, Sink};
use crate::model::TagKind;
use crate::rules::TagCx;
use crate::rules::suggest::did_you_mean;
use crate::yaml::ScalarValue;

declare_rule! {
    /// ## What it does
    /// Reports a `!Condition` whose mode is not one of `AND`, `NAND`, `OR`, `NOR`, `XOR`,
    /// `XNOR` (case-insensitive). `EQ` and `NEQ` are documented for authentik 2026.5 and
    /// later only: without a configured release (`authentik-version` in flowlint.toml,
    /// or `--authentik-version`) they are a warning, with an older one an error.
    ///
    /// ## Why is this bad?
    /// authentik looks the mode up when the entry is processed; an unknown mode fails the
    /// entry with the bare text of the lookup error (`Entry invalid: 'MAYBE'`), and with
    /// it the blueprint. A mode that YAML reads as a number or a boolean crashes.
    ///
    /// ## Example
    /// ```yaml
    /// conditions:
    ///   - !Condition [MAYBE, !Context enabled]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// conditions:
    ///   - !Condition [AND, !Context enabled]
    /// ```
    pub static INVALID_CONDITION_MODE = {
        code: "FL304",
        name: "invalid-condition-mode",
        family: Tags,
        severity: Error,
        summary: "`!Condition` uses a mode authentik does not know",
        check: crate::rules::Check::Tag(check),
    };
}

const MODES: [&str; 6] = ["AND", "NAND", "OR", "NOR", "XOR", "XNOR"];

fn check(cx: &TagCx<'_, '_>, sink: &mut Sink) {
    if cx.kind != Some(TagKind::Condition) {
        return;
    }
    // A tagged or collection mode is FL302's.
    let Some(mode) = cx.node.as_seq().and_then(<[_]>::first) else {
        return;
    };
    if mode.is_custom_tagged() {
        return;
    }
    let Some(scalar) = mode.as_scalar() else {
        return;
    };
    let text = scalar.text.trim();
    if scalar.value() != ScalarValue::Str {
        sink.report(
            &INVALID_CONDITION_MODE,
            mode.span,
            format!(
                "`!Condition` mode `{text}` is read by YAML as {} {}, not a mode name; authentik crashes calling `.upper()` on it",
                if mode.kind_name() == "integer" { "an" } else { "a" },
                mode.kind_name()
            ),
        )
        .help(format!("use one of {}", MODES.join(", ")));
        return;
    }
    let upper = scalar.text.to_ascii_uppercase();
    if MODES.contains(&upper.as_str()) {
        return;
    }
    if matches!(upper.as_str(), "EQ" | "NEQ") {
        let severity = match cx.settings.authentik_version {
            Some(v) if v.at_least(2026, 5) => return,
            Some(_) => Severity::Error,
            None => Severity::Warning,
        };
        let target = cx.settings.authentik_version.map_or_else(
            || "authentik before 2026.5".to_string(),
            |v| format!("authentik {v}"),
        );
        let finding = sink.report(
            &INVALID_CONDITION_MODE,
            mode.span,
            format!(
                "`!Condition` mode `{}` requires a newer authentik (documented for 2026.5); {target} fails the entry with \"'{upper}'\"",
                scalar.text
            ),
        );
        finding.severity = severity;
        finding.label("needs authentik 2026.5").help("set `authentik-version` in flowlint.toml (or `--authentik-version`) to 2026.5 or later if you target it, or combine AND/OR/XOR modes instead");
        return;
    }
    let finding = sink
        .report(
            &INVALID_CONDITION_MODE,
            mode.span,
            format!(
                "`!Condition` mode `{}` is not a mode authentik knows; the entry fails with \"'{upper}'\"",
                scalar.text
            ),
        )
        .label("unknown mode");
    match did_you_mean(&upper, MODES) {
        Some(known) => finding.help(format!(
            "did you mean `{known}`? The modes are {}",
            MODES.join(", ")
        )),
        None => finding.help(format!("use one of {}", MODES.join(", "))),
    };
}
