//! The human report: miette's graphical diagnostics, one per finding, and a summary.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::human_elide::elide_distant_lines;
use crate::check::Report;
use crate::finding::{Finding, Label, Severity};
use crate::source::SourceFile;

#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    /// Terminal width for wrapping.
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
        }
    }
}

pub fn render(report: &Report, options: HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let mut out = String::new();
    for finding in &report.findings {
        let Some(file) = report.files.get(finding.file) else {
            continue;
        };
        let elsewhere = finding
            .labels
            .iter()
            .filter(|l| l.file != finding.file)
            .filter_map(|label| {
                Some(ElsewhereLabel {
                    label,
                    file: report.files.get(label.file)?,
                })
            })
            .collect();
        let diagnostic = FindingDiagnostic {
            finding,
            file,
            report,
            elsewhere,
        };
        let mut one = String::new();
        if handler.render_report(&mut one, &diagnostic).is_ok() {
            out.push_str(&elide_distant_lines(&one));
        } else {
            out.push_str(&format!(
                "{}: {} {}\n",
                file.path, finding.rule.code, finding.message
            ));
        }
        out.push('\n');
    }
    out.push_str(&summary_line(report));
    out.push_str(&release_line(report));
    out
}

/// Which release the run was judged against, when the user did not choose it or
/// chose one newer than flowlint knows (empty when they chose a known one).
pub fn release_line(report: &Report) -> String {
    let target = &report.target;
    if target.pinned && target.newer_than_known.is_none() {
        return String::new();
    }
    target.summary() + ".\n"
}

pub fn summary_line(report: &Report) -> String {
    let s = report.summary();
    if report.findings.is_empty() {
        return format!(
            "No problems found in {} {}.\n",
            s.files,
            plural(s.files, "file", "files")
        );
    }
    format!(
        "Found {} {}, {} {} and {} {} in {} {}.\n",
        s.errors,
        plural(s.errors, "error", "errors"),
        s.warnings,
        plural(s.warnings, "warning", "warnings"),
        s.infos,
        plural(s.infos, "note", "notes"),
        s.files,
        plural(s.files, "file", "files")
    )
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

struct FindingDiagnostic<'r> {
    finding: &'r Finding,
    file: &'r SourceFile,
    report: &'r Report,
    /// Labels in other files, shown as related notes with their own snippet.
    elsewhere: Vec<ElsewhereLabel<'r>>,
}

struct ElsewhereLabel<'r> {
    label: &'r Label,
    file: &'r SourceFile,
}

impl fmt::Debug for ElsewhereLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label.message)
    }
}

impl fmt::Display for ElsewhereLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label.message)
    }
}

impl std::error::Error for ElsewhereLabel<'_> {}

impl Diagnostic for ElsewhereLabel<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(None, to_source_span(self.file, self.label.span)),
        )))
    }
}

impl SourceCode for ElsewhereLabel<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        read_named_span(self.file, span, before, after)
    }
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{} {}",
            self.finding.rule.code, self.finding.rule.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(
            self.finding
                .label
                .clone()
                .or_else(|| Some(summary_as_label(self.finding.rule.summary))),
            to_source_span(self.file, self.finding.span),
        );
        let same_file = self
            .finding
            .labels
            .iter()
            .filter(|l| l.file == self.finding.file)
            .map(|l| {
                LabeledSpan::new_with_span(
                    Some(l.message.clone()),
                    to_source_span(self.file, l.span),
                )
            });
        Some(Box::new(std::iter::once(primary).chain(same_file)))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.elsewhere.is_empty() {
            return None;
        }
        Some(Box::new(
            self.elsewhere.iter().map(|d| d as &dyn Diagnostic),
        ))
    }

    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        None
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let _ = self.report;
        None
    }
}

impl SourceCode for FindingDiagnostic<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        read_named_span(self.file, span, context_lines_before, context_lines_after)
    }
}

fn read_named_span<'a>(
    file: &'a SourceFile,
    span: &SourceSpan,
    context_lines_before: usize,
    context_lines_after: usize,
) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
    // miette scans its source from the start for every snippet, which is quadratic
    // for many findings in a large file: hand it only the lines around the span.
    let text = file.text.as_str();
    let (window_start, window) = span_window(text, span, context_lines_before, context_lines_after);
    let local = SourceSpan::new(
        (span.offset().saturating_sub(window_start)).into(),
        span.len(),
    );
    let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
    let start = window_start + inner.span().offset();
    // miette counts the column in bytes; report characters, as the JSON output does.
    let at = file.line_col(u32::try_from(start).unwrap_or(u32::MAX));
    Ok(Box::new(MietteSpanContents::new_named(
        file.path.clone(),
        inner.data(),
        SourceSpan::new(start.into(), inner.span().len()),
        at.line as usize - 1,
        at.column as usize - 1,
        // miette's count includes the lines before the snippet (it merges the snippets
        // of one finding on it): keep it as it was for the whole text.
        (at.line as usize - 1 + inner.line_count()).saturating_sub(inner.line()),
    )))
}

/// The text from `before + 1` lines above the span to `after + 1` lines below it (one
/// more each way than miette shows), and where it starts.
fn span_window<'t>(
    text: &'t str,
    span: &SourceSpan,
    before: usize,
    after: usize,
) -> (usize, &'t str) {
    let mut start = span.offset().min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.offset() + span.len()).clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut from = text[..start].rfind('\n').map_or(0, |i| i + 1);
    for _ in 0..=before {
        if from == 0 {
            break;
        }
        from = text[..from - 1].rfind('\n').map_or(0, |i| i + 1);
    }
    let mut to = end;
    for _ in 0..=after + 1 {
        if to >= text.len() {
            break;
        }
        to = text[to..].find('\n').map_or(text.len(), |i| to + i + 1);
    }
    (from, &text[from..to])
}

/// miette wants byte offsets on char boundaries; an empty span still gets a caret.
fn to_source_span(file: &SourceFile, span: crate::source::Span) -> SourceSpan {
    let len = file.text.len();
    let start = (span.start as usize).min(len);
    let end = (span.end as usize).clamp(start, len);
    let mut start = start;
    while start > 0 && !file.text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end;
    while end < len && !file.text.is_char_boundary(end) {
        end += 1;
    }
    SourceSpan::new(start.into(), end - start)
}

/// A rule's summary (a sentence: "The file is not valid YAML") as the label under a
/// span, which is lower case like the labels rules write ("the file is not valid YAML").
fn summary_as_label(summary: &str) -> String {
    let mut chars = summary.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => first
            .to_lowercase()
            .chain(summary[first.len_utf8()..].chars())
            .collect(),
        _ => summary.to_string(),
    }
}
