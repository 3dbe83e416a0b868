//! Near misses: for each rule, a blueprint under `tests/near-miss/<CODE>-<name>.yaml`
//! (or a folder of that name for cross-file rules) that comes close to what the rule
//! reports but is right, so the rule must stay quiet on it (switched on, if opt-in).
//! Every rule of the registry has one, named after its code and name: no exemptions.
//! A rule may have more (`<CODE>-<name>-<what>[.yaml]`), e.g. a single file and a
//! folder for a case that needs two files. Every finding of each near miss is a named
//! snapshot (`near-miss-<file or folder name>`), so anything else that starts firing
//! there is seen too.

mod common;

use flowlint::check::Settings;
use flowlint::rules::RULES;

fn near_misses_for(code: &str) -> Vec<String> {
    let dir = common::root().join("tests/near-miss");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/near-miss exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("{code}-")))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| format!("tests/near-miss/{n}"))
        .collect()
}

/// The first line of each near-miss file says what it nearly triggers and why not.
fn explains_itself(path: &str) -> bool {
    let full = common::root().join(path);
    let files: Vec<std::path::PathBuf> = if full.is_dir() {
        std::fs::read_dir(&full)
            .expect("readable folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect()
    } else {
        vec![full]
    };
    files.iter().all(|f| {
        std::fs::read_to_string(f).is_ok_and(|text| {
            // A byte order mark may open the file (FL006's near miss has one).
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            text.lines().next().is_some_and(|l| l.starts_with("# "))
        })
    })
}

#[test]
fn every_rule_stays_quiet_on_its_near_miss() {
    let mut missing = Vec::new();
    let mut fired = Vec::new();
    let mut unexplained = Vec::new();
    let mut misnamed = Vec::new();
    for rule in RULES {
        let paths = near_misses_for(rule.code);
        if paths.is_empty() {
            missing.push(rule.code);
        }
        let named = format!("tests/near-miss/{}-{}", rule.code, rule.name);
        for path in paths {
            let stem = path.strip_suffix(".yaml").unwrap_or(&path);
            if stem != named && !stem.starts_with(&format!("{named}-")) {
                misnamed.push(path.clone());
            }
            if !explains_itself(&path) {
                unexplained.push(path.clone());
            }
            let mut settings = Settings::default();
            settings.rules.enable(rule);
            let report = common::check_paths(&[&path], &settings);
            if report.findings.iter().any(|f| f.rule.code == rule.code) {
                fired.push(path.clone());
            }
            let name = format!("near-miss-{}", &stem["tests/near-miss/".len()..]);
            common::snapshot_settings()
                .bind(|| insta::assert_snapshot!(name, common::json(&report)));
        }
    }
    assert!(missing.is_empty(), "rules without a near miss: {missing:?}");
    assert!(
        misnamed.is_empty(),
        "near misses not named `<CODE>-<rule name>[-<what>][.yaml]`: {misnamed:?}"
    );
    assert!(
        fired.is_empty(),
        "near misses their rule fires on: {fired:?}"
    );
    assert!(
        unexplained.is_empty(),
        "near misses that do not open with a comment saying why they are right: {unexplained:?}"
    );
}
