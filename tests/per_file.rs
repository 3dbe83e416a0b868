//! `check --per-file`: every file as a world of its own.

mod common;

use serde_json::Value;

use common::flowlint;

fn json_check(args: &[&str]) -> (Option<i32>, Value) {
    let out = flowlint()
        .arg("check")
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    (out.status.code(), json)
}

fn findings(json: &Value) -> Vec<Value> {
    json["findings"].as_array().cloned().unwrap_or_default()
}

fn codes_of(json: &Value, file_suffix: &str) -> Vec<String> {
    findings(json)
        .iter()
        .filter(|f| f["file"].as_str().is_some_and(|p| p.ends_with(file_suffix)))
        .map(|f| f["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The readable blueprints under `dir`, shallow-sorted by path (a dangling link named
/// on the command line is a usage error, not a finding).
fn readable_yaml_files(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = vec![std::path::PathBuf::from(dir)];
    while let Some(path) = pending.pop() {
        for entry in std::fs::read_dir(&path).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml")
                && std::fs::metadata(&path).is_ok()
            {
                out.push(path.to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_per_file_run_reports_what_each_file_reports_alone_in_path_order() {
    let mut files = readable_yaml_files("tests/fixtures");
    assert!(files.len() > 60, "{files:?}");
    // Given out of order: the report is still in path order.
    files.reverse();
    let mut args = vec!["--per-file", "--exit-zero"];
    args.extend(files.iter().map(String::as_str));
    let (code, merged) = json_check(&args);
    assert_eq!(code, Some(0));
    assert_eq!(
        merged["summary"]["files"].as_u64(),
        Some(files.len() as u64)
    );

    files.sort();
    let mut alone: Vec<Value> = Vec::new();
    for file in &files {
        let (_, json) = json_check(&["--exit-zero", file]);
        alone.extend(findings(&json));
    }
    assert!(alone.len() > 100, "{}", alone.len());
    assert_eq!(findings(&merged), alone);
}

#[test]
fn cross_file_relations_are_not_followed() {
    let dir = "tests/fixtures/FL405-blueprint-apply-cycle";
    let (world_code, world) = json_check(&[dir]);
    let (alone_code, alone) = json_check(&["--per-file", dir]);
    // One world sees the two blueprints apply each other.
    assert_eq!(codes_of(&world, "a.yaml"), ["FL405"]);
    assert_eq!(codes_of(&world, "b.yaml"), ["FL405"]);
    // Each file alone: the other blueprint is missing (a warning: the server may have it).
    assert_eq!(codes_of(&alone, "a.yaml"), ["FL404"]);
    assert_eq!(codes_of(&alone, "b.yaml"), ["FL404"]);
    assert_eq!((world_code, alone_code), (Some(1), Some(0)));
}

#[test]
fn secrets_stay_hidden_in_a_per_file_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "version: 1\nentries:\n  - model: authentik_core.user\n    identifiers: {username: u}\n    attrs: {password: PLANTED-pw}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.yaml"), "version: 2\nentries: []\n").unwrap();
    for format in ["json", "human", "sarif", "github"] {
        let out = flowlint()
            .current_dir(dir.path())
            .args(["check", "--per-file", "--format", format, "."])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("FL601"), "{format}: {text}");
        assert!(text.contains("FL101"), "{format}: {text}");
        assert!(!text.contains("PLANTED"), "{format}: {text}");
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
}
