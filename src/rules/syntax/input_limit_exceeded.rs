use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports input flowlint refuses to expand: nesting deeper than 256 levels, aliases
    /// that expand to more than 250,000 nodes (an "alias bomb"), or a file over the size
    /// limit (64 MiB by default).
    ///
    /// ## Why is this bad?
    /// No real blueprint needs this. Such input is either a mistake or an attempt to
    /// exhaust the memory of whatever loads it; authentik's loader would try anyway.
    ///
    /// ## Severity
    /// Error: flowlint did not check the file, and a clean exit would claim it did;
    /// authentik itself would try to expand it and exhaust its memory.
    ///
    /// ## Example
    /// ```yaml
    /// a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    /// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    /// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    /// # ... and so on
    /// ```
    ///
    /// Use instead: write the values out, or use `!Enumerate` over a context list.
    pub static INPUT_LIMIT_EXCEEDED = {
        code: "FL002",
        name: "input-limit-exceeded",
        family: Syntax,
        severity: Error,
        summary: "The file nests, aliases or weighs more than flowlint will read",
        check: crate::rules::Check::Builtin,
    };
}
