use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a code or name in a `# flowlint: ignore[...]` comment that is not a
    /// flowlint rule, and a `# flowlint:` comment that is not a known directive.
    ///
    /// ## Why is this bad?
    /// A typo in a suppression suppresses nothing, and the finding it was meant for
    /// still fails the run; or the directive was meant for another tool.
    ///
    /// ## Severity
    /// Warning: nothing changes in authentik, but the suppression does not suppress what
    /// its author meant.
    ///
    /// ## Example
    /// ```yaml
    /// version: 1
    /// entries: []  # flowlint: ignore[FL1O9]
    /// ```
    ///
    /// Use instead: a code or name that `flowlint rules` lists.
    /// ```yaml
    /// version: 1
    /// entries: []  # flowlint: ignore[FL109]
    /// ```
    pub static UNKNOWN_SUPPRESSION_CODE = {
        code: "FL902",
        name: "unknown-suppression-code",
        family: Meta,
        severity: Warning,
        summary: "A suppression comment names an unknown rule",
        check: crate::rules::Check::Builtin,
    };
}
