//! Fixes around exported primary keys: FL409 keeps the pk that raw references use,
//! FL413 turns a raw pk of another blueprint's object into a `!Find` the world resolves.

mod common;

use flowlint::check::{self, Input, Settings};
use flowlint::fix::{self, Applicability, FixPolicy};

fn fix_all(paths: &[&str]) -> fix::FixRun {
    // FL409 and FL413 are opt-in.
    let mut settings = Settings::default();
    for code in ["FL409", "FL413"] {
        let rule = flowlint::rules::RULES
            .iter()
            .find(|r| r.code == code)
            .expect("a registered rule");
        settings.rules.enable(rule);
    }
    let inputs = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(common::root().join(p)).unwrap();
            Input::from_text(*p, text)
        })
        .collect();
    fix::fix_inputs(inputs, &FixPolicy::new(Applicability::Unsafe), |i| {
        check::check_inputs(i, &settings)
    })
}

#[test]
fn fl409_keeps_the_pk_that_bindings_refer_to() {
    let run = fix_all(&["tests/fixtures/exports/exported-flow.yaml"]);
    let file = &run.files[0];
    assert_eq!(
        file.applied.iter().filter(|a| a.code == "FL409").count(),
        3,
        "{:?}",
        file.applied
    );
    for line in file
        .original
        .lines()
        .filter(|l| l.trim_start().starts_with("pk:"))
    {
        assert!(file.fixed.contains(&format!("{line}\n")), "{line} is gone");
    }
    let codes: Vec<&str> = run.report.findings.iter().map(|f| f.rule.code).collect();
    assert!(
        !codes.contains(&"FL409") && !codes.contains(&"FL413") && !codes.contains(&"FL501"),
        "{codes:?}"
    );
}

#[test]
fn fl413_refers_to_another_blueprints_object_with_find() {
    let dir = "tests/fixtures/FL413-raw-pk-reference";
    let run = fix_all(&[
        &format!("{dir}/bindings.yaml"),
        &format!("{dir}/exported-flow.yaml"),
    ]);
    let bindings = &run.files[0];
    assert!(
        bindings
            .fixed
            .contains("target: !Find [authentik_flows.flow, [slug, fl413-login]]   # reported"),
        "{}",
        bindings.fixed
    );
    // Only the forward reference inside the export remains (it has no fix).
    let left: Vec<(&str, bool)> = run
        .report
        .findings
        .iter()
        .filter(|f| f.rule.code.starts_with("FL4"))
        .map(|f| (f.rule.code, f.fix.is_some()))
        .collect();
    assert_eq!(left, [("FL413", false)], "{:?}", run.report.findings);
}
