//! authentik's own blueprints must give no error but the four real defects the corpus
//! README lists (formats current releases reject); the other corpus folders must never
//! crash. Skipped when the shared corpus is not beside the checkout.

mod common;

use std::path::PathBuf;

use flowlint::check::{self, Input, Settings};
use flowlint::finding::Severity;

fn corpus() -> Option<PathBuf> {
    common::shared_corpus()
}

fn check_dirs(dirs: &[PathBuf]) -> check::Report {
    let settings = Settings::default();
    let files = check::discover(dirs).expect("corpus folders exist");
    let inputs = files
        .iter()
        .map(|f| Input::read(f, f.display().to_string(), settings.max_file_size))
        .collect();
    check::check_inputs(inputs, &settings)
}

/// The corpus README's real defects in authentik's files: `(file suffix, rule)`.
const KNOWN_DEFECTS: [(&str, &str); 4] = [
    ("example/flows-enrollment-email-verification.yaml", "FL211"),
    ("example/flows-recovery-email-verification.yaml", "FL211"),
    ("scribe/scribe-recovery-flow.yaml", "FL211"),
    ("scribe/scribe-applications-providers.yaml", "FL211"),
];

fn errors_of(report: &check::Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| {
            let path = report.files[f.file].path.replace('\\', "/");
            !KNOWN_DEFECTS
                .iter()
                .any(|(file, code)| path.ends_with(file) && f.rule.code == *code)
        })
        .map(|f| {
            format!(
                "{} {} {}",
                report.files[f.file].path, f.rule.code, f.message
            )
        })
        .collect()
}

fn upstream_dirs(corpus: &std::path::Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus.join("authentik"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && !p.ends_with("legacy"))
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn upstream_blueprints_have_no_errors_as_one_world() {
    let Some(corpus) = corpus() else { return };
    let report = check_dirs(&upstream_dirs(&corpus));
    let errors = errors_of(&report);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // The four defects are reported, one error each.
    let defects = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert_eq!(defects, KNOWN_DEFECTS.len());
}

#[test]
fn upstream_blueprints_have_no_errors_file_by_file() {
    let Some(corpus) = corpus() else { return };
    let files = check::discover(&upstream_dirs(&corpus)).unwrap();
    let settings = Settings::default();
    for file in files {
        let input = Input::read(&file, file.display().to_string(), settings.max_file_size);
        let report = check::check_inputs(vec![input], &settings);
        let errors = errors_of(&report);
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
}

#[test]
fn other_corpus_folders_never_crash() {
    let Some(corpus) = corpus() else { return };
    for dir in ["authentik/legacy", "authentik-next", "authentik-tests"] {
        let report = check_dirs(&[corpus.join(dir)]);
        assert!(!report.files.is_empty(), "{dir}");
    }
}
