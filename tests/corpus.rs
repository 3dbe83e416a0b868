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
    check_dirs_at(dirs, &Settings::default())
}

fn check_dirs_at(dirs: &[PathBuf], settings: &Settings) -> check::Report {
    let files = check::discover(dirs).expect("corpus folders exist");
    let inputs = files
        .iter()
        .map(|f| Input::read(f, f.display().to_string(), settings.max_file_size))
        .collect();
    check::check_inputs(inputs, settings)
}

/// The corpus README's real defects in authentik's files: `(file suffix, rule)`.
const KNOWN_DEFECTS: [(&str, &str); 4] = [
    ("example/flows-enrollment-email-verification.yaml", "FL211"),
    ("example/flows-recovery-email-verification.yaml", "FL211"),
    ("scribe/scribe-recovery-flow.yaml", "FL211"),
    ("scribe/scribe-applications-providers.yaml", "FL211"),
];

/// Fields authentik's files still write under the name a release before 2025.12
/// replaced (the change table, `src/catalog/changes.rs`): `(file suffix, old field,
/// uses)`. The 2025.4 and 2025.8 wheels and migrations
/// `events/0009_remove_notificationtransport_webhook_mapping_and_more` and
/// `events/0010_rename_group_notificationrule_destination_group_and_more` show the
/// serializers no longer take them, so every release flowlint judges these files
/// against drops the setting: FL213, a warning (the blueprint applies; see its docs).
const RENAMED_FIELD_USES: [(&str, &str, usize); 3] = [
    ("default/events-default.yaml", "group", 3),
    ("scribe/scribe-event-notifications.yaml", "group", 1),
    (
        "scribe/scribe-event-notifications.yaml",
        "webhook_mapping",
        1,
    ),
];

fn is_renamed_field_use(path: &str, finding: &flowlint::finding::Finding) -> bool {
    finding.rule.code == "FL213"
        && RENAMED_FIELD_USES.iter().any(|(file, field, _)| {
            path.ends_with(file)
                && finding
                    .message
                    .starts_with(&format!("`{field}` was renamed"))
        })
}

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
    // The four defects are reported, one error each; each renamed field use is a
    // warning.
    let defects = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert_eq!(defects, KNOWN_DEFECTS.len());
    let renamed = report
        .findings
        .iter()
        .filter(|f| {
            f.severity == Severity::Warning
                && is_renamed_field_use(&report.files[f.file].path.replace('\\', "/"), f)
        })
        .count();
    let expected: usize = RENAMED_FIELD_USES.iter().map(|(_, _, uses)| uses).sum();
    assert_eq!(renamed, expected);
}

/// At 2025.12, the release the corpus README was written for, the same errors and no
/// other.
#[test]
fn upstream_blueprints_have_no_errors_at_2025_12() {
    let Some(corpus) = corpus() else { return };
    let settings = Settings {
        target: flowlint::catalog::Target::parse("2025.12").unwrap(),
        ..Settings::default()
    };
    let report = check_dirs_at(&upstream_dirs(&corpus), &settings);
    let errors = errors_of(&report);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
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
