use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports YAML that cannot be parsed, at the place the parser stopped.
    ///
    /// ## Why is this bad?
    /// authentik's discovery logs `failed to parse blueprint` and skips the file, so
    /// none of its entries are applied, and nothing tells you where the problem is.
    ///
    /// ## Example
    /// ```yaml
    /// version: 1
    /// metadata:
    ///   name: "unclosed
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// version: 1
    /// metadata:
    ///   name: "closed"
    /// ```
    pub static YAML_SYNTAX_ERROR = {
        code: "FL001",
        name: "yaml-syntax-error",
        family: Syntax,
        severity: Error,
        summary: "The file is not valid YAML",
        check: crate::rules::Check::Builtin,
    };
}
