//! `--format json`: one object with every finding and a summary.

use serde::Serialize;

use super::{finding_location, finding_path};
use crate::check::Report;

#[derive(Serialize)]
struct JsonReport<'r> {
    version: u32,
    findings: Vec<JsonFinding<'r>>,
    summary: JsonSummary,
    /// Present only when the version asked for is newer than every release flowlint
    /// knows (the findings are then judged against the newest).
    #[serde(skip_serializing_if = "Option::is_none")]
    authentik: Option<JsonRelease>,
}

/// The release the findings were judged against, and why.
#[derive(Serialize)]
struct JsonRelease {
    /// `year.month` judged against, e.g. `2026.8`.
    release: String,
    /// The version asked for.
    requested: String,
    notice: String,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
}

#[derive(Serialize)]
pub struct JsonFinding<'r> {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub message: &'r str,
    pub file: &'r str,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'r str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<JsonLabel<'r>>,
    /// The finding's repair, when it has one (a key added within version 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix<'r>>,
}

#[derive(Serialize)]
pub struct JsonFix<'r> {
    pub title: &'r str,
    /// `safe` (applied by `--fix`), `unsafe` (also needs `--unsafe-fixes`) or
    /// `display-only` (never applied).
    pub applicability: &'static str,
    pub edits: Vec<JsonEdit<'r>>,
}

/// Replace the text from (line, column) to (end_line, end_column) with `content`;
/// `start`/`end` are the same places as byte offsets.
#[derive(Serialize)]
pub struct JsonEdit<'r> {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub start: u32,
    pub end: u32,
    pub content: &'r str,
}

#[derive(Serialize)]
pub struct JsonLabel<'r> {
    pub file: &'r str,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub message: &'r str,
}

pub fn findings(report: &Report) -> Vec<JsonFinding<'_>> {
    report
        .findings
        .iter()
        .map(|f| {
            let (start, end) = finding_location(report, f);
            JsonFinding {
                code: f.rule.code,
                name: f.rule.name,
                severity: f.severity.as_str(),
                message: &f.message,
                file: finding_path(report, f),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                help: f.help.as_deref(),
                labels: f
                    .labels
                    .iter()
                    .filter_map(|l| {
                        let file = report.files.get(l.file)?;
                        let (s, e) = (file.line_col(l.span.start), file.line_col(l.span.end));
                        Some(JsonLabel {
                            file: &file.path,
                            line: s.line,
                            column: s.column,
                            end_line: e.line,
                            end_column: e.column,
                            message: &l.message,
                        })
                    })
                    .collect(),
                fix: f.fix.as_ref().and_then(|fix| {
                    let file = report.files.get(f.file)?;
                    Some(JsonFix {
                        title: &fix.title,
                        applicability: fix.applicability.as_str(),
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| {
                                let (s, end) =
                                    (file.line_col(e.span.start), file.line_col(e.span.end));
                                JsonEdit {
                                    line: s.line,
                                    column: s.column,
                                    end_line: end.line,
                                    end_column: end.column,
                                    start: e.span.start,
                                    end: e.span.end,
                                    content: &e.content,
                                }
                            })
                            .collect(),
                    })
                }),
            }
        })
        .collect()
}

pub fn render(report: &Report) -> String {
    let summary = report.summary();
    let doc = JsonReport {
        version: 1,
        findings: findings(report),
        summary: JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            suppressed: summary.suppressed,
        },
        authentik: report
            .target
            .newer_than_known
            .zip(report.target.notice())
            .map(|(requested, notice)| JsonRelease {
                release: report.target.version().to_string(),
                requested: requested.to_string(),
                notice,
            }),
    };
    let mut text =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
