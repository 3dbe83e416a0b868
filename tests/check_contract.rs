//! The `check` command's contract: exit codes and the JSON shape.

mod common;

use assert_cmd::Command;
use serde_json::Value;

use common::flowlint;

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn clean_blueprints_exit_zero() {
    let out = flowlint()
        .args(["check", "--format", "json", "blueprints/login-mfa.yaml"])
        .output()
        .unwrap();
    let json = json_of(&out);
    assert_eq!(json["summary"]["errors"], 0, "{json:#}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn errors_exit_one() {
    let out = flowlint()
        .args([
            "check",
            "--format",
            "json",
            "blueprints/mistakes/unsupported-version.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_of(&out)["summary"]["errors"], 1);
}

#[test]
fn warnings_alone_exit_zero() {
    let out = flowlint()
        .args([
            "check",
            "--format",
            "json",
            "blueprints/mistakes/entry-key-typo.yaml",
        ])
        .output()
        .unwrap();
    let json = json_of(&out);
    assert_eq!(json["summary"]["errors"], 0, "{json:#}");
    assert!(json["summary"]["warnings"].as_u64().unwrap() >= 1);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn missing_path_exits_two_and_names_it() {
    let out = flowlint()
        .args(["check", "no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/folder"), "{stderr}");
}

#[test]
fn bad_arguments_exit_two() {
    let out = flowlint()
        .args(["check", "--format", "yaml", "blueprints"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = flowlint()
        .args(["check", "--context", "novalue", "blueprints"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = flowlint().args(["explain", "FL999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_shape_is_pinned() {
    let out = flowlint()
        .args([
            "check",
            "--format",
            "json",
            "blueprints/mistakes/duplicate-attr-key.yaml",
            "blueprints/mistakes/unknown-model.yaml",
        ])
        .output()
        .unwrap();
    let json = json_of(&out);
    assert_eq!(json["version"], 1);
    let summary = json["summary"].as_object().unwrap();
    for key in ["files", "errors", "warnings"] {
        assert!(summary[key].is_u64(), "summary.{key}");
    }
    assert_eq!(summary["files"], 2);
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for key in ["code", "name", "severity", "message", "file"] {
            assert!(f[key].is_string(), "{key} in {f}");
        }
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(f[key].as_u64().unwrap() >= 1, "{key} in {f}");
        }
        let code = f["code"].as_str().unwrap();
        assert!(code.len() == 5 && code.starts_with("FL"), "{code}");
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
    }
    // Sorted by file, line, column.
    let keys: Vec<(String, u64, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
/// authentik's discovery: `*.yaml`, no hidden path part; git-ignored paths are left out too.
fn folders_are_walked_for_yaml_files_only() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    std::fs::create_dir_all(dir.join("target")).unwrap();
    let bad = "version: 2\nentries: []\n";
    std::fs::write(dir.join("a.yaml"), bad).unwrap();
    std::fs::write(dir.join("sub/b.yml"), bad).unwrap();
    std::fs::write(dir.join("notes.txt"), bad).unwrap();
    std::fs::write(dir.join(".hidden/c.yaml"), bad).unwrap();
    std::fs::write(dir.join("target/d.yaml"), bad).unwrap();
    std::fs::write(dir.join(".gitignore"), "target/\n").unwrap();
    let out = Command::cargo_bin("flowlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json = json_of(&out);
    let found: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    // The `*.yml` blueprint is checked, and reported as never loaded by authentik.
    assert_eq!(
        found,
        vec![
            ("a.yaml", "FL101"),
            ("sub/b.yml", "FL021"),
            ("sub/b.yml", "FL101")
        ]
    );
    assert_eq!(json["summary"]["files"], 2);
}

#[test]
fn one_broken_file_does_not_stop_the_others() {
    let out = flowlint()
        .args([
            "check",
            "--format",
            "json",
            "blueprints/mistakes/yaml-syntax-error.yaml",
            "blueprints/mistakes/unknown-model.yaml",
        ])
        .output()
        .unwrap();
    let json = json_of(&out);
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"FL001"), "{codes:?}");
    assert!(codes.contains(&"FL106"), "{codes:?}");
}

#[test]
fn an_aliased_mistake_is_reported_once() {
    let text = "version: 1\nmetadata:\n  name: alias\ncontext:\n  bad: &bad !If [a, b]\n  again: *bad\n  more: [*bad, *bad]\nentries: []\n";
    let report =
        flowlint::check::check_text("alias.yaml", text, &flowlint::check::Settings::default());
    let tag_findings = report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL302")
        .count();
    assert_eq!(tag_findings, 1, "{}", common::json(&report));
}
