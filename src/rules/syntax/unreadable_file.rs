use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a blueprint file that exists but cannot be read (permissions, a file that
    /// vanished while flowlint ran, a device).
    ///
    /// ## Why is this bad?
    /// authentik cannot read it either; flowlint reports it and goes on with the other
    /// files.
    ///
    /// ## Severity
    /// Error: authentik cannot apply what it cannot read, and a clean exit would claim a
    /// check that never happened.
    ///
    /// ## Example
    /// A file with mode `000` inside the blueprints folder.
    ///
    /// Use instead: make the file readable, or remove it.
    pub static UNREADABLE_FILE = {
        code: "FL007",
        name: "unreadable-file",
        family: Syntax,
        severity: Error,
        summary: "A blueprint file cannot be read",
        check: crate::rules::Check::Builtin,
    };
}
