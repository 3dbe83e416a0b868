//! Renderers: a report in, text out. Nothing here prints.

pub mod github;
pub mod human;
mod human_elide;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::check::Report;
use crate::finding::Finding;
use crate::source::LineCol;

/// Start and end (line, column) of a finding's primary span.
pub fn finding_location(report: &Report, finding: &Finding) -> (LineCol, LineCol) {
    match report.files.get(finding.file) {
        Some(file) => (
            file.line_col(finding.span.start),
            file.line_col(finding.span.end),
        ),
        None => (
            LineCol { line: 1, column: 1 },
            LineCol { line: 1, column: 1 },
        ),
    }
}

pub fn finding_path<'r>(report: &'r Report, finding: &Finding) -> &'r str {
    report
        .files
        .get(finding.file)
        .map_or("", |f| f.path.as_str())
}
