use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a file with more than one YAML document (`---` separators).
    ///
    /// ## Why is this bad?
    /// authentik loads a single document per blueprint file; PyYAML raises "expected a
    /// single document in the stream" and the whole file fails to parse.
    ///
    /// ## Severity
    /// Error: authentik loads a blueprint with `yaml.load`, which raises "expected a
    /// single document in the stream": nothing in the file is applied.
    ///
    /// ## Example
    /// ```yaml
    /// version: 1
    /// entries: []
    /// ---
    /// version: 1
    /// entries: []
    /// ```
    ///
    /// Use instead: one blueprint per file.
    pub static MULTIPLE_DOCUMENTS = {
        code: "FL003",
        name: "multiple-documents",
        family: Syntax,
        severity: Error,
        summary: "A blueprint file holds more than one YAML document",
        check: crate::rules::Check::Builtin,
    };
}
