//! The bundled examples: the valid flows are clean, and every mistake file shows
//! exactly the findings its README row documents.

mod common;

use std::collections::BTreeSet;

use flowlint::check::Settings;
use flowlint::finding::Severity;

#[test]
fn valid_example_flows_have_no_findings() {
    let report = common::check_paths(
        &[
            "blueprints/login-mfa.yaml",
            "blueprints/enrollment.yaml",
            "blueprints/recovery.yaml",
        ],
        &Settings::default(),
    );
    assert!(report.findings.is_empty(), "{}", common::json(&report));
}

#[test]
fn each_mistake_shows_the_codes_its_readme_row_documents() {
    let readme = std::fs::read_to_string(common::root().join("blueprints/README.md")).unwrap();
    let mut rows = 0;
    for line in readme.lines().filter(|l| l.starts_with("| `mistakes/")) {
        let file = line.split('`').nth(1).unwrap();
        let documented: BTreeSet<String> = line
            .rsplit('|')
            .nth(1)
            .unwrap()
            .split(',')
            .filter_map(|c| c.split_whitespace().next())
            .filter(|c| c.starts_with("FL"))
            .map(str::to_string)
            .collect();
        let report = common::check_paths(&[&format!("blueprints/{file}")], &Settings::default());
        let found: BTreeSet<String> = report
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .map(|f| f.rule.code.to_string())
            .collect();
        assert_eq!(found, documented, "{file}");
        rows += 1;
    }
    let files = std::fs::read_dir(common::root().join("blueprints/mistakes"))
        .unwrap()
        .count();
    assert_eq!(rows, files, "every mistake file has a README row");
}
