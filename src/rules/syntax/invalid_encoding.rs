use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a file that is not valid UTF-8 (including binary files).
    ///
    /// ## Why is this bad?
    /// authentik reads blueprints as UTF-8 text; the file cannot be loaded.
    ///
    /// ## Severity
    /// Error: authentik reads blueprints as UTF-8 and fails on the file: nothing is
    /// applied.
    ///
    /// ## Example
    /// A blueprint saved as Latin-1 with `name: Café`.
    ///
    /// Use instead: save the file as UTF-8.
    pub static INVALID_ENCODING = {
        code: "FL006",
        name: "invalid-encoding",
        family: Syntax,
        severity: Error,
        summary: "The file is not valid UTF-8",
        check: crate::rules::Check::Builtin,
    };
}
