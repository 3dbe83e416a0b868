//! One fixture per class of input where flowlint's YAML layer and PyYAML (authentik's
//! loader) used to disagree (issue 18): `tests/fixtures/yaml/fails-*.yaml` do not load
//! in PyYAML and must give a load failure; `loads-*.yaml` load and must not. The
//! findings of each are a named snapshot (`snapshots/yaml-class-*.snap`); the
//! differential test (`yaml_differential.rs`) also runs every one against PyYAML.

mod common;

use flowlint::check::Settings;

const LOAD_FAILURES: &[&str] = &["FL001", "FL002", "FL003", "FL005", "FL006", "FL301"];

#[test]
fn each_yaml_class_loads_or_fails_as_in_pyyaml() {
    let dir = common::root().join("tests/fixtures/yaml");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/yaml exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "one fixture per class: {names:?}");
    let mut wrong = Vec::new();
    for name in &names {
        let path = format!("tests/fixtures/yaml/{name}");
        let report = common::check_paths(&[&path], &Settings::default());
        let fails = report.findings.iter().any(|f| {
            LOAD_FAILURES.contains(&f.rule.code)
                || (f.rule.code == "FL302"
                    && f.label.as_deref() == Some("authentik cannot load this"))
        });
        if fails != name.starts_with("fails-") {
            wrong.push(name.clone());
        }
        let stem = name.trim_end_matches(".yaml");
        common::snapshot_settings()
            .bind(|| insta::assert_snapshot!(format!("yaml-class-{stem}"), common::json(&report)));
    }
    assert!(
        wrong.is_empty(),
        "load outcome differs from PyYAML's: {wrong:?}"
    );
}
