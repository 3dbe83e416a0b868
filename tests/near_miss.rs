//! Near misses: for each rule, a blueprint under `tests/near-miss/<CODE>-<name>.yaml`
//! (or a folder of that name for cross-file rules) that comes close to what the rule
//! reports but is right, so the rule must stay quiet on it (switched on, if opt-in).
//! Every finding of each near miss is a named snapshot, so anything else that starts
//! firing there is seen too.

mod common;

use flowlint::check::Settings;
use flowlint::rules::RULES;

/// Rules whose near miss lives inside their positive fixture (`tests/fixtures/`),
/// next to the case that fires, from before near misses had their own folder. Frozen:
/// a new rule brings its own file under `tests/near-miss/`, and a code leaves this
/// list when it gets one.
const NEAR_MISS_IN_POSITIVE_FIXTURE: &[&str] = &[
    "FL001", "FL002", "FL004", "FL006", "FL007", "FL020", "FL021", "FL101", "FL104", "FL106",
    "FL107", "FL110", "FL201", "FL202", "FL203", "FL204", "FL205", "FL206", "FL207", "FL208",
    "FL209", "FL210", "FL211", "FL301", "FL302", "FL303", "FL304", "FL305", "FL306", "FL401",
    "FL404", "FL405", "FL410", "FL412", "FL504", "FL508", "FL601", "FL901", "FL902",
];

fn near_miss_for(code: &str) -> Option<String> {
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
        .next()
        .map(|n| format!("tests/near-miss/{n}"))
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
        std::fs::read_to_string(f)
            .is_ok_and(|text| text.lines().next().is_some_and(|l| l.starts_with("# ")))
    })
}

#[test]
fn every_rule_stays_quiet_on_its_near_miss() {
    let mut missing = Vec::new();
    let mut fired = Vec::new();
    let mut unexplained = Vec::new();
    for rule in RULES {
        let Some(path) = near_miss_for(rule.code) else {
            if !NEAR_MISS_IN_POSITIVE_FIXTURE.contains(&rule.code) {
                missing.push(rule.code);
            }
            continue;
        };
        if !explains_itself(&path) {
            unexplained.push(rule.code);
        }
        let mut settings = Settings::default();
        settings.rules.enable(rule);
        let report = common::check_paths(&[&path], &settings);
        if report.findings.iter().any(|f| f.rule.code == rule.code) {
            fired.push(rule.code);
        }
        let name = format!("near-miss-{}-{}", rule.code, rule.name);
        common::snapshot_settings().bind(|| insta::assert_snapshot!(name, common::json(&report)));
    }
    assert!(missing.is_empty(), "rules without a near miss: {missing:?}");
    assert!(
        fired.is_empty(),
        "rules that fire on their near miss: {fired:?}"
    );
    assert!(
        unexplained.is_empty(),
        "near misses that do not open with a comment saying why they are right: {unexplained:?}"
    );
}

#[test]
fn the_frozen_list_only_names_rules_without_a_near_miss_file() {
    for code in NEAR_MISS_IN_POSITIVE_FIXTURE {
        assert!(RULES.iter().any(|r| r.code == *code), "{code} is no rule");
        assert!(
            near_miss_for(code).is_none(),
            "{code} has a near-miss file now: remove it from NEAR_MISS_IN_POSITIVE_FIXTURE"
        );
    }
}
