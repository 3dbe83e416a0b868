//! `--diff`: what `--fix` would change, as a unified diff.

use similar::TextDiff;

/// A unified diff of one file (`--- a/PATH` / `+++ b/PATH`, three lines of context);
/// empty when the texts are equal.
pub fn unified(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    // `a/` and `b/` as git does for relative paths; an absolute path is shown as it is.
    let (old, new) = if path.starts_with('/') {
        (path.to_string(), path.to_string())
    } else {
        (format!("a/{path}"), format!("b/{path}"))
    };
    let diff = TextDiff::from_lines(before, after);
    let mut out = diff
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(true)
        .header(&old, &new)
        .to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
