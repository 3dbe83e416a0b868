//! The real tools users run flowlint with: the SARIF multitool validating the SARIF
//! output. On a developer machine without it the test says so and skips; in CI (`CI`
//! set) a missing tool is a failure: `.ci/run` installs it.

mod common;

use std::path::PathBuf;
use std::process::Command;

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The tool's path, `None` (skip) when missing outside CI; missing in CI fails.
fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(!in_ci(), "`{name}` is missing: .ci/run installs it in CI");
        eprintln!("skipped: `{name}` is not installed (CI installs it)");
    }
    found
}

fn run(cmd: &mut Command) -> std::process::Output {
    cmd.output().expect("the command runs")
}

const WITH_WARNING: &str = "version: 1\nmetadata:\n  name: hook test\nentries:\n  - model: authentik_core.group\n    identifiers:\n      name: hook-test\n    attr:\n      is_superuser: false\n";

#[test]
fn sarif_with_absolute_paths_is_valid_for_the_multitool() {
    let Some(multitool) = tool("sarif-multitool") else {
        return;
    };
    let root = common::root();
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("elsewhere blueprint.yaml");
    std::fs::write(&elsewhere, WITH_WARNING).unwrap();
    let inside = root.join("tests/data/cli/mixed.yaml");
    let report = outside.path().join("report.sarif");
    let out = common::flowlint()
        .args([
            "check",
            "--no-config",
            "--format",
            "sarif",
            "--exit-zero",
            "-o",
        ])
        .arg(&report)
        .arg(&inside)
        .arg(&elsewhere)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"tests/data/cli/mixed.yaml"), "{uris:?}");
    assert!(
        uris.iter()
            .any(|u| u.starts_with("file:///") && u.ends_with("elsewhere%20blueprint.yaml")),
        "{uris:?}"
    );
    let validation = outside.path().join("validation.sarif");
    let validated = run(Command::new(&multitool)
        .args(["validate", "--output"])
        .arg(&validation)
        .arg(&report));
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&validation).unwrap_or_default())
            .unwrap_or_else(|_| {
                panic!(
                    "the multitool wrote no log: {}{}",
                    String::from_utf8_lossy(&validated.stdout),
                    String::from_utf8_lossy(&validated.stderr)
                )
            });
    let errors: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(|r| r["level"] == "error")
        .map(|r| format!("{}: {}", r["ruleId"], r["message"]))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
