use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a document whose root is not a mapping (a list or a plain value).
    ///
    /// ## Why is this bad?
    /// authentik converts the document into its `Blueprint` dataclass, which needs a
    /// mapping with `version` and `entries`; anything else fails.
    ///
    /// ## Severity
    /// Error: the importer's `from_dict(Blueprint, ...)` needs a mapping: the blueprint
    /// is rejected.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flow
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// version: 1
    /// entries:
    ///   - model: authentik_flows.flow
    /// ```
    pub static NON_MAPPING_DOCUMENT = {
        code: "FL008",
        name: "non-mapping-document",
        family: Syntax,
        severity: Error,
        summary: "The document is not a mapping",
        check: crate::rules::Check::Builtin,
    };
}
