//! What a `flowlint check` run gives back: the rendered report, the statistics,
//! the exit code, and the report file written atomically.

use std::collections::BTreeMap;
use std::path::Path;

use super::check::{CheckArgs, CheckFormat, FailOn};
use super::{EXIT_FINDINGS, EXIT_OK};
use crate::check::Report;
use crate::error::ToolError;
use crate::finding::Severity;
use crate::output;

/// The exit code for the findings of `report` under `--fail-on` and `--exit-zero`.
pub(super) fn exit_code(report: &Report, args: &CheckArgs) -> u8 {
    let summary = report.summary();
    let failing = match args.fail_on {
        FailOn::Error => summary.errors > 0,
        FailOn::Warning => summary.errors + summary.warnings > 0,
        FailOn::Info => !report.findings.is_empty(),
    };
    if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

pub(super) fn render(
    report: &Report,
    format: CheckFormat,
    color: bool,
    width: usize,
    quiet: bool,
) -> String {
    match format {
        CheckFormat::Human => {
            let full = output::human::render(report, output::human::HumanOptions { color, width });
            let summary = output::human::summary_line(report);
            let release = output::human::release_line(report);
            let body = full
                .strip_suffix(format!("{summary}{release}").as_str())
                .unwrap_or(&full)
                .to_string();
            if quiet {
                // A release newer than flowlint knows is said even when quiet.
                return match report.target.notice() {
                    Some(notice) => format!("{body}{notice}.\n"),
                    None => body,
                };
            }
            let summary = match report.suppressed {
                0 => summary,
                n => format!(
                    "{} ({n} suppressed).\n",
                    summary.trim_end().trim_end_matches('.')
                ),
            };
            body + &summary + &release
        }
        CheckFormat::Json => output::json::render(report),
        CheckFormat::Sarif => output::sarif::render(report),
        CheckFormat::Github => output::github::render(report),
        CheckFormat::Junit => output::junit::render(report),
    }
}

/// Findings per rule, most frequent first.
pub(super) fn statistics(report: &Report, json: bool) -> String {
    let mut counts: BTreeMap<&'static str, (&'static str, Severity, usize)> = BTreeMap::new();
    for finding in &report.findings {
        let entry =
            counts
                .entry(finding.rule.code)
                .or_insert((finding.rule.name, finding.severity, 0));
        entry.1 = entry.1.max(finding.severity);
        entry.2 += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.2.cmp(&a.1.2).then(a.0.cmp(b.0)));
    if json {
        let items: Vec<serde_json::Value> = rows
            .iter()
            .map(|(code, (name, severity, count))| {
                serde_json::json!({"code": code, "name": name, "severity": severity.as_str(), "count": count})
            })
            .collect();
        let doc =
            serde_json::json!({"version": 1, "statistics": items, "suppressed": report.suppressed});
        return serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    }
    rows.iter()
        .map(|(code, (name, severity, count))| {
            format!("{count:>5}  {code}  {name:<34} {}\n", severity.as_str())
        })
        .collect()
}

/// Write `text` to `path` through a temp file in the same folder, then rename, so the
/// file is either the whole report or left as it was. A path that is not a regular file
/// (`/dev/null`, `/dev/stdout`, a FIFO) is written to as it is: renaming over it would
/// replace the device with a file. A symbolic link is followed, so the link stays and
/// the file it points to gets the report.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), ToolError> {
    use std::io::Write;
    let failed = |e: &dyn std::fmt::Display| ToolError::Output {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let resolved;
    let path = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(failed(&"it is a folder")),
        Ok(meta) if !meta.is_file() => {
            let mut target = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| failed(&e))?;
            return target.write_all(text.as_bytes()).map_err(|e| failed(&e));
        }
        Ok(_) if path.is_symlink() => {
            resolved = std::fs::canonicalize(path).map_err(|e| failed(&e))?;
            resolved.as_path()
        }
        _ => path,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".flowlint-")
        .tempfile_in(dir)
        .map_err(|e| failed(&e))?;
    temp.write_all(text.as_bytes()).map_err(|e| failed(&e))?;
    temp.as_file().sync_all().map_err(|e| failed(&e))?;
    temp.persist(path).map_err(|e| failed(&e.error))?;
    Ok(())
}
