//! Every rule that documents a fix has a fixture under `tests/fixtures/fix/` (a file, or
//! a folder of files checked as one world) on which its fix applies; the fixed text and the `--diff` output are named snapshots
//! (`fix-<CODE>-<name>-fixed`, `fix-<CODE>-<name>-diff`).

mod common;

use std::collections::HashSet;

use flowlint::check::{self, Input, Settings};
use flowlint::fix::{self, Applicability, FixPolicy};
use flowlint::rules::RULES;

#[test]
fn every_fixable_rule_fixes_its_fixture() {
    let dir = common::root().join("tests/fixtures/fix");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/fix exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || dir.join(n).is_dir())
        .collect();
    names.sort();
    let mut covered = HashSet::new();
    for name in &names {
        let code = name.split('-').next().unwrap();
        let rule = RULES
            .iter()
            .find(|r| r.code == code)
            .unwrap_or_else(|| panic!("{name}: no rule {code}"));
        // A file, or a folder of files checked as one world (cross-file rules).
        let paths: Vec<String> = if dir.join(name).is_dir() {
            let mut files: Vec<String> = std::fs::read_dir(dir.join(name))
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".yaml"))
                .map(|n| format!("tests/fixtures/fix/{name}/{n}"))
                .collect();
            files.sort();
            files
        } else {
            vec![format!("tests/fixtures/fix/{name}")]
        };
        let inputs: Vec<Input> = paths
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(common::root().join(p)).unwrap();
                Input::from_text(p, text)
            })
            .collect();
        // Only this rule's fixes, safe and unsafe, so the snapshot shows what it does.
        let mut policy = FixPolicy::new(Applicability::Unsafe);
        policy.fixable = Some(HashSet::from([rule.code]));
        // An opt-in rule (FL409) is switched on for its own fixture.
        let mut settings = Settings::default();
        settings.rules.enable(rule);
        let run = fix::fix_inputs(inputs, &policy, |i| check::check_inputs(i, &settings));
        assert!(
            run.files
                .iter()
                .any(|f| f.applied.iter().any(|a| a.code == rule.code)),
            "{name}: no {code} fix applied"
        );
        assert!(
            !run.report
                .findings
                .iter()
                .any(|f| f.rule.code == rule.code && f.fix.is_some()),
            "{name}: a fixable {code} finding remains"
        );
        covered.insert(rule.code);
        let stem = name.trim_end_matches(".yaml");
        let (mut fixed, mut diff) = (String::new(), String::new());
        for file in &run.files {
            if paths.len() > 1 {
                fixed.push_str(&format!("# {}\n", file.path));
            }
            fixed.push_str(&file.fixed);
            diff.push_str(&fix::diff::unified(&file.path, &file.original, &file.fixed));
        }
        common::snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("fix-{stem}-fixed"), fixed);
            insta::assert_snapshot!(format!("fix-{stem}-diff"), diff);
        });
    }
    let documented: Vec<&str> = RULES
        .iter()
        .filter(|r| r.doc.contains("## Fix"))
        .map(|r| r.code)
        .collect();
    let missing: Vec<&&str> = documented
        .iter()
        .filter(|c| !covered.contains(**c))
        .collect();
    assert!(
        missing.is_empty(),
        "rules documenting a fix without a fix fixture: {missing:?}"
    );
    let undocumented: Vec<&&str> = covered.iter().filter(|c| !documented.contains(c)).collect();
    assert!(
        undocumented.is_empty(),
        "fix fixtures of rules whose docs do not say `## Fix`: {undocumented:?}"
    );
}

/// The `--diff` of a fixture through the binary matches the library's, and exits 1.
#[test]
fn diff_through_the_cli() {
    let out = common::check_cli(&[
        "--diff",
        "--unsafe-fixes",
        "tests/fixtures/fix/FL206-invalid-duration.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("--- a/tests/fixtures/fix/FL206-invalid-duration.yaml\n"),
        "{stdout}"
    );
    assert!(stdout.contains("-      token_expiry: 'hours=1;'   # quoted, and kept so\n+      token_expiry: 'hours=1'   # quoted, and kept so\n"), "{stdout}");
}
