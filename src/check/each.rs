//! Each file as a world of its own: the streaming check.

use rayon::prelude::*;

use std::sync::Arc;

use super::{Checker, Input, Report, Settings};

/// Check every input as a world of its own, as `flowlint check FILE` would one file at
/// a time, and merge the reports in the order of one run (by path, then input order).
///
/// Cross-file references are not followed: a `!Find` of an object another file
/// declares, or a `metaapplyblueprint` of another file, is judged as if that file were
/// absent. In exchange each tree is freed as soon as its file is checked, so memory
/// stays near the size of the sources, where one world keeps every tree until the end.
pub fn check_each(inputs: Vec<Input>, settings: &Settings) -> Report {
    let (inputs, embeds) = super::prepare::prepare(inputs);
    // The settings resolved once for the run, not per file.
    let checker = Arc::new(Checker::new(settings.clone()));
    let reports: Vec<Report> = inputs
        .into_par_iter()
        .map(|input| super::one_world(vec![input], Arc::clone(&checker)))
        .collect();
    embeds.fold(merge(reports, settings))
}

/// One report of the files of all `reports` (in input order), with their findings in
/// the order of one run: by path, then input order.
fn merge(reports: Vec<Report>, settings: &Settings) -> Report {
    let mut files = Vec::with_capacity(reports.len());
    let mut suppressed = 0;
    // Per report: its first file id in the merged report, its path and its findings.
    let mut parts = Vec::with_capacity(reports.len());
    for report in reports {
        let first_file = files.len();
        let path = report.files.first().map(|file| file.path.clone());
        files.extend(report.files);
        suppressed += report.suppressed;
        parts.push((path, first_file, report.findings));
    }
    // Each report's findings are sorted already: ordering the reports orders them all.
    parts.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let mut findings = Vec::with_capacity(parts.iter().map(|part| part.2.len()).sum());
    for (_, first_file, part) in parts {
        findings.extend(part.into_iter().map(|mut finding| {
            finding.file += first_file;
            for label in &mut finding.labels {
                label.file += first_file;
            }
            finding
        }));
    }
    Report {
        target: settings.target,
        files,
        findings,
        suppressed,
    }
}
