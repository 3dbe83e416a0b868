use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a `# flowlint: ignore[...]` or `# flowlint: ignore-file[...]` comment, or
    /// one code inside it, that suppresses no finding.
    ///
    /// ## Why is this bad?
    /// A stale suppression hides nothing today but will silently hide the next real
    /// problem of that kind on that line. Suppressions for rules switched off by
    /// `select`/`ignore` in the configuration are not reported.
    ///
    /// ## Severity
    /// Warning: nothing changes in authentik; the stale suppression will hide the next
    /// real finding on that line.
    ///
    /// ## Example
    /// ```yaml
    /// version: 1  # flowlint: ignore[FL101]
    /// entries: []
    /// ```
    ///
    /// Use instead: remove the comment (or the unused code from its list).
    /// ```yaml
    /// version: 1
    /// entries: []
    /// ```
    pub static UNUSED_SUPPRESSION = {
        code: "FL901",
        name: "unused-suppression",
        family: Meta,
        severity: Warning,
        summary: "A suppression comment suppresses nothing",
        check: crate::rules::Check::Builtin,
    };
}
