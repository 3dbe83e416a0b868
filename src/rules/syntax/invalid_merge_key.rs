use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a `<<` merge key whose value is not a mapping or a list of mappings.
    ///
    /// ## Why is this bad?
    /// PyYAML raises a constructor error and the file fails to load.
    ///
    /// ## Severity
    /// Error: PyYAML's constructor raises on the merge, so the file fails to load and
    /// nothing is applied.
    ///
    /// ## Example
    /// ```yaml
    /// attrs:
    ///   <<: just-a-string
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// defaults: &defaults {layout: stacked}
    /// attrs:
    ///   <<: *defaults
    /// ```
    pub static INVALID_MERGE_KEY = {
        code: "FL005",
        name: "invalid-merge-key",
        family: Syntax,
        severity: Error,
        summary: "A `<<` merge key does not merge a mapping",
        check: crate::rules::Check::Builtin,
    };
}
