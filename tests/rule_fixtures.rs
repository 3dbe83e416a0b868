//! Every rule has a fixture under `tests/fixtures/<CODE>-<name>.yaml` (or a folder of
//! that name for cross-file rules) on which it fires; the JSON findings of each fixture
//! are a named snapshot under `snapshots/`.

mod common;

use flowlint::check::Settings;
use flowlint::rules::RULES;

fn fixture_for(code: &str) -> Option<String> {
    let dir = common::root().join("tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("{code}-")))
        .collect();
    names.sort();
    names
        .into_iter()
        .next()
        .map(|n| format!("tests/fixtures/{n}"))
}

#[test]
fn every_rule_fires_on_its_fixture() {
    let mut missing = Vec::new();
    let mut silent = Vec::new();
    for rule in RULES {
        let Some(path) = fixture_for(rule.code) else {
            missing.push(rule.code);
            continue;
        };
        // An opt-in rule is switched on for its own fixture.
        let mut settings = Settings::default();
        settings.rules.enable(rule);
        let report = common::check_paths(&[&path], &settings);
        if !report.findings.iter().any(|f| f.rule.code == rule.code) {
            silent.push(rule.code);
        }
        let name = format!("fixture-{}-{}", rule.code, rule.name);
        common::snapshot_settings().bind(|| insta::assert_snapshot!(name, common::json(&report)));
    }
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
    assert!(
        silent.is_empty(),
        "rules that do not fire on their fixture: {silent:?}"
    );
}
