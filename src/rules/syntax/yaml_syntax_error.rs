use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports YAML that cannot be parsed, at the place the parser stopped, and YAML
    /// that parses but that PyYAML's safe loader (authentik's) cannot construct: an
    /// unquoted `=` or a `<<` outside a key (YAML 1.1's value and merge types), core
    /// tags it has no constructor for (`!!python/tuple`, `!!foo`) or whose value they
    /// cannot take (`!!bool maybe`), and a list or mapping used as a mapping key.
    ///
    /// ## Why is this bad?
    /// authentik's discovery logs `failed to parse blueprint` and skips the file, so
    /// none of its entries are applied, and nothing tells you where the problem is.
    ///
    /// ## Severity
    /// Error: PyYAML cannot load the file, so authentik skips it (discovery logs `failed
    /// to parse blueprint`) and applies none of its entries.
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
