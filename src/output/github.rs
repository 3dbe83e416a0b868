//! `--format github`: GitHub Actions workflow commands, one line per finding, which
//! GitHub shows as annotations on the pull request.

use super::{finding_location, finding_path};
use crate::check::Report;
use crate::finding::Severity;

/// Escape a command's message (`%`, CR, LF) as GitHub's runner expects.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command property: the message escapes plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    if let Some(notice) = report.target.notice() {
        out.push_str(&format!(
            "::notice title=flowlint::{}\n",
            escape_data(&notice)
        ));
    }
    for finding in &report.findings {
        let (start, end) = finding_location(report, finding);
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(finding_path(report, finding)),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} {}", finding.rule.code, finding.rule.name)),
            escape_data(&finding.message),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("100%\r\nok"), "100%25%0D%0Aok");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
