//! Findings are values: what a rule saw, where, and how to fix it.

use serde::Serialize;

use crate::fix::Fix;
use crate::rules::Rule;
use crate::source::{FileId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// An extra location that explains a finding (the other duplicate, the chain of a graph).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub file: FileId,
    pub span: Span,
    /// What the primary span's label says (defaults to a short form of the message).
    pub label: Option<String>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// A repair, as edits in `file` (see [`crate::fix`]).
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(rule: &'static Rule, file: FileId, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            message: message.into(),
            file,
            span,
            label: None,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Attach a repair; its edits are in this finding's file.
    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// Attach a repair when there is one.
    pub fn fix_opt(&mut self, fix: Option<Fix>) -> &mut Self {
        self.fix = fix;
        self
    }

    pub fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_label(
        &mut self,
        file: FileId,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Self {
        self.labels.push(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }
}

/// Where rules put their findings for one file.
#[derive(Debug)]
pub struct Sink {
    pub file: FileId,
    pub findings: Vec<Finding>,
}

impl Sink {
    pub fn new(file: FileId) -> Self {
        Sink {
            file,
            findings: Vec::new(),
        }
    }

    pub fn report(
        &mut self,
        rule: &'static Rule,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.report_in(rule, self.file, span, message)
    }

    pub fn report_in(
        &mut self,
        rule: &'static Rule,
        file: FileId,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.findings.push(Finding::new(rule, file, span, message));
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }
}
