//! `--format sarif`: SARIF 2.1.0 with every rule in the tool driver, for GitHub code
//! scanning and other SARIF viewers. Columns count Unicode code points, as `LineCol`.

use serde_json::{Value, json};

use super::{finding_location, finding_path};
use crate::check::Report;
use crate::finding::Severity;
use crate::rules::{RULES, Rule};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const INFORMATION_URI: &str = "https://github.com/flowlint/flowlint";

/// Where a rule's generated documentation page lives.
pub fn help_uri(rule: &Rule) -> String {
    format!("{INFORMATION_URI}/blob/main/docs/rules/{}.md", rule.code)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The first paragraph under `## What it does`, or the summary.
pub fn full_description(rule: &Rule) -> String {
    let doc = rule.documentation();
    let Some(rest) = doc.split_once("## What it does").map(|(_, rest)| rest) else {
        return rule.summary.to_string();
    };
    let paragraph: Vec<&str> = rest
        .trim_start()
        .lines()
        .take_while(|l| !l.trim().is_empty() && !l.starts_with("##"))
        .collect();
    if paragraph.is_empty() {
        rule.summary.to_string()
    } else {
        paragraph.join(" ")
    }
}

fn rule_descriptor(rule: &Rule) -> Value {
    let doc = rule.documentation();
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full_description(rule)},
        "help": {"text": doc, "markdown": doc},
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": level(rule.severity), "enabled": !rule.opt_in},
        "properties": {"tags": [rule.family.as_str()]},
    })
}

/// A relative path as a URI reference: `/` separators, unsafe bytes percent-encoded.
pub fn path_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A file's `artifactLocation.uri`: relative paths as they are; an absolute path under
/// `working_dir` relative to it; any other absolute path a `file://` URI. (A URI
/// reference starting with `/` is not valid SARIF: SARIF1004.)
pub fn artifact_uri(path: &str, working_dir: Option<&std::path::Path>) -> String {
    let as_path = std::path::Path::new(path);
    let absolute = as_path.is_absolute() || path.starts_with('/');
    if !absolute {
        return path_uri(path);
    }
    if let Some(relative) = working_dir.and_then(|dir| as_path.strip_prefix(dir).ok()) {
        return path_uri(&relative.to_string_lossy());
    }
    let encoded = path_uri(path);
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        // A Windows path: `file:///C%3A/...`.
        format!("file:///{encoded}")
    }
}

fn region(file: &crate::source::SourceFile, span: crate::source::Span) -> Value {
    let (start, end) = (file.line_col(span.start), file.line_col(span.end));
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// The run's invocation; a configured release newer than flowlint knows is said once,
/// as a tool notification.
fn invocation(report: &Report) -> Value {
    let mut invocation = json!({"executionSuccessful": true});
    if let Some(notice) = report.target.notice() {
        invocation["toolExecutionNotifications"] = json!([{
            "level": "warning",
            "message": {"text": notice},
        }]);
    }
    invocation
}

/// The SARIF log of a report; absolute paths under the current folder are made
/// relative to it ([`artifact_uri`]).
pub fn render(report: &Report) -> String {
    render_in(report, std::env::current_dir().ok().as_deref())
}

/// [`render`] with absolute paths made relative to `working_dir`.
pub fn render_in(report: &Report, working_dir: Option<&std::path::Path>) -> String {
    let uri = |path: &str| artifact_uri(path, working_dir);
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| {
            let (start, end) = finding_location(report, finding);
            let mut text = finding.message.clone();
            if let Some(help) = &finding.help {
                text.push_str(&format!("\nhelp: {help}"));
            }
            let related: Vec<Value> = finding
                .labels
                .iter()
                .enumerate()
                .filter_map(|(i, label)| {
                    let file = report.files.get(label.file)?;
                    Some(json!({
                        "id": i,
                        "message": {"text": label.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri(&file.path)},
                            "region": region(file, label.span),
                        },
                    }))
                })
                .collect();
            let mut result = json!({
                "ruleId": finding.rule.code,
                "ruleIndex": RULES.iter().position(|r| r.code == finding.rule.code).unwrap_or(0),
                "level": level(finding.severity),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(finding_path(report, finding))},
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        },
                    },
                }],
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "flowlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": RULES.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
            }},
            "invocations": [invocation(report)],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
