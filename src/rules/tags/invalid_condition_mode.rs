use crate::catalog::Caps;
use crate::declare_rule;
use crate::finding::Sink;
use crate::model::TagKind;
use crate::rules::TagCx;
use crate::rules::suggest::did_you_mean;
use crate::yaml::ScalarValue;

declare_rule! {
    /// ## What it does
    /// Reports a `!Condition` whose mode the targeted release does not have
    /// (case-insensitive): `AND`, `NAND`, `OR`, `NOR`, `XOR`, `XNOR` in every release,
    /// `EQ` and `NEQ` from authentik 2026.5 (PR #20315; `Caps::condition_modes`).
    ///
    /// ## Why is this bad?
    /// authentik looks the mode up when the entry is processed; an unknown mode fails the
    /// entry with the bare text of the lookup error (`Entry invalid: 'MAYBE'`), and with
    /// it the blueprint. A mode that YAML reads as a number or a boolean crashes.
    ///
    /// ## Severity
    /// Error: the mode lookup raises, the entry fails and the blueprint is rolled back.
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

fn check(cx: &TagCx<'_, '_>, sink: &mut Sink) {
    let release = cx.target().release;
    let modes = release.caps.condition_modes;
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
        .help(format!("use one of {}", modes.join(", ")));
        return;
    }
    let upper = scalar.text.to_ascii_uppercase();
    if modes.contains(&upper.as_str()) {
        return;
    }
    let version = release.version();
    if let Some(since) = Caps::condition_mode_since(&upper) {
        sink.report(
            &INVALID_CONDITION_MODE,
            mode.span,
            format!(
                "`!Condition` mode `{}` exists from authentik {since}; authentik {version}, the release you target, fails the entry with \"'{upper}'\"",
                scalar.text
            ),
        )
        .label(format!("needs authentik {since}"))
        .help(format!("target authentik {since} or later (--authentik-version) if you run it, or combine {} instead", modes.join("/")));
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
    match did_you_mean(&upper, modes.iter().copied()) {
        Some(known) => finding.help(format!(
            "did you mean `{known}`? The modes of authentik {version} are {}",
            modes.join(", ")
        )),
        None => finding.help(format!("use one of {}", modes.join(", "))),
    };
}
