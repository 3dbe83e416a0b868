//! Every `tests/scenarios/<behaviour>/*.scenario.yaml` runs against the blueprints of
//! its folder: its `expect` must hold, the final inspector response and every step
//! must validate against `tests/data/inspector.schema.json`, and both are snapshots
//! (`simulate-<behaviour>-<scenario>-json` / `-steps` / `-human`).

mod common;

use std::path::PathBuf;

use flowlint::check::Settings;
use flowlint::cli::simulate::{Run, read_scenario, run_one};
use flowlint::simulate::{self, render};

fn validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(common::root().join("tests/data/inspector.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the inspector schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, text: &str, what: &str) {
    let value: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not validate:\n{}",
        errors.join("\n")
    );
}

fn scenarios() -> Vec<(String, String, PathBuf)> {
    let root = common::root().join("tests/scenarios");
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs.into_iter().filter(|d| d.is_dir()) {
        let behaviour = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        files.sort();
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".scenario.yaml") {
                out.push((behaviour.clone(), stem.to_owned(), file));
            }
        }
    }
    out
}

#[test]
fn scenarios_hold_validate_and_match_snapshots() {
    let validator = validator();
    let all = scenarios();
    assert!(all.len() >= 10, "scenarios missing");
    for (behaviour, stem, file) in all {
        let scenario = read_scenario(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let slug = scenario
            .flow
            .clone()
            .expect("every test scenario names its flow");
        let dir = file.parent().unwrap().to_path_buf();
        // `blueprints:` are relative to the scenario; without them, its folder.
        let paths: Vec<PathBuf> = if scenario.blueprints.is_empty() {
            vec![dir.clone()]
        } else {
            scenario.blueprints.iter().map(|b| dir.join(b)).collect()
        };
        if paths.iter().any(|p| !p.exists()) {
            eprintln!("skipping {behaviour}/{stem}: its blueprints are not here");
            continue;
        }
        let sim = match run_one(&paths, &slug, &scenario, None, &Settings::default()) {
            Ok(Run::Done(sim)) => sim,
            Ok(Run::Findings(report)) => panic!(
                "{behaviour}/{stem}: blueprint errors: {:?}",
                report.findings
            ),
            Err(e) => panic!("{behaviour}/{stem}: {e}"),
        };
        if let Some(expect) = &scenario.expect {
            let failures = simulate::check_expect(expect, &sim);
            assert!(
                failures.is_empty(),
                "{behaviour}/{stem}: {failures:?}\n{}",
                render::human(&sim)
            );
        }
        let json = render::json(&sim);
        assert_valid(&validator, &json, &format!("{behaviour}/{stem} json"));
        let steps = render::steps(&sim);
        let values: Vec<serde_json::Value> = serde_json::from_str(&steps).unwrap();
        for (i, step) in values.iter().enumerate() {
            assert_valid(
                &validator,
                &step.to_string(),
                &format!("{behaviour}/{stem} step {i}"),
            );
        }
        // Same inputs, byte-identical output.
        if let Ok(Run::Done(again)) = run_one(&paths, &slug, &scenario, None, &Settings::default())
        {
            assert_eq!(
                render::json(&again),
                json,
                "{behaviour}/{stem}: output is not deterministic"
            );
        }
        let settings = common::snapshot_settings();
        settings.bind(|| {
            insta::assert_snapshot!(format!("simulate-{behaviour}-{stem}-json"), json);
            insta::assert_snapshot!(format!("simulate-{behaviour}-{stem}-steps"), steps);
            insta::assert_snapshot!(
                format!("simulate-{behaviour}-{stem}-human"),
                render::human(&sim)
            );
        });
    }
}
