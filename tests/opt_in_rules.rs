//! Opt-in rules (FL409 hard-coded-pk, FL509 unbound-stage): off by default, on when a
//! selector names them on the command line (`--select`, `--extend-select`, codes or
//! prefixes) or in flowlint.toml (`select`, `extend-select`); `--ignore` still wins.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// One entry identified by a pk alone (FL409) and one stage no flow binds (FL509).
const BLUEPRINT: &str = r#"version: 1
metadata:
  name: opt-in rules
entries:
  - model: authentik_core.group
    identifiers:
      pk: 0dd9b946-bf76-4e1a-864f-2d4bfcadfea7
    attrs:
      name: exported-group
  - model: authentik_flows.flow
    identifiers:
      slug: opt-in-login
    attrs:
      name: Login
      title: Sign in
      designation: authentication
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !Find [authentik_flows.flow, [slug, opt-in-login]]
      stage: !Find [authentik_stages_identification.identificationstage, [name, opt-in-identification]]
      order: 10
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !Find [authentik_flows.flow, [slug, opt-in-login]]
      stage: !Find [authentik_stages_user_login.userloginstage, [name, default-authentication-login]]
      order: 100
  - model: authentik_stages_identification.identificationstage
    identifiers:
      name: opt-in-identification
    attrs:
      user_fields: [username]
  - model: authentik_stages_deny.denystage
    identifiers:
      name: opt-in-never-bound
"#;

fn project(config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("blueprint.yaml"), BLUEPRINT).expect("write");
    if let Some(text) = config {
        std::fs::write(dir.path().join("flowlint.toml"), text).expect("write");
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("flowlint")
        .expect("binary")
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .arg("blueprint.yaml")
        .output()
        .expect("runs")
}

/// The codes reported, sorted and without repeats.
fn codes(dir: &Path, args: &[&str]) -> Vec<String> {
    let out = run(dir, args);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "JSON expected; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut codes: Vec<String> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str().map(str::to_string))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn opt_in_rules_are_off_by_default() {
    let dir = project(None);
    assert_eq!(codes(dir.path(), &[]), Vec::<String>::new());
    let out = run(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn select_by_code_or_prefix_switches_an_opt_in_rule_on_and_the_rest_off() {
    let dir = project(None);
    assert_eq!(codes(dir.path(), &["--select", "FL409"]), ["FL409"]);
    assert_eq!(codes(dir.path(), &["--select", "FL5"]), ["FL509"]);
    assert_eq!(
        codes(dir.path(), &["--select", "hard-coded-pk,FL509"]),
        ["FL409", "FL509"]
    );
}

#[test]
fn extend_select_adds_to_the_default_set_and_ignore_wins() {
    let dir = project(None);
    assert_eq!(codes(dir.path(), &["--extend-select", "FL409"]), ["FL409"]);
    assert_eq!(
        codes(
            dir.path(),
            &["--extend-select", "FL409,FL509", "--ignore", "FL509"]
        ),
        ["FL409"]
    );
    // An info does not fail the run.
    let out = run(dir.path(), &["--extend-select", "FL409"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(
        dir.path(),
        &["--extend-select", "FL409", "--fail-on", "info"],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_selector_that_names_no_rule_is_a_usage_error() {
    let dir = project(None);
    let out = run(dir.path(), &["--extend-select", "FL99"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--extend-select") && stderr.contains("FL99"),
        "{stderr}"
    );
}

#[test]
fn the_config_file_selects_opt_in_rules() {
    let dir = project(Some("extend-select = [\"FL409\"]\n"));
    assert_eq!(codes(dir.path(), &[]), ["FL409"]);
    let dir = project(Some("select = [\"FL5\"]\n"));
    assert_eq!(codes(dir.path(), &[]), ["FL509"]);
    let dir = project(Some(
        "extend-select = [\"FL409\"]\nignore = [\"hard-coded-pk\"]\n",
    ));
    assert_eq!(codes(dir.path(), &[]), Vec::<String>::new());
    let dir = project(Some("extend-select = [\"FL4O9\"]\n"));
    let out = run(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("flowlint.toml:1:") && stderr.contains("extend-select"),
        "{stderr}"
    );
}

#[test]
fn a_suppression_of_an_opt_in_rule_left_off_is_not_unused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = BLUEPRINT.replace(
        "      pk: 0dd9b946-bf76-4e1a-864f-2d4bfcadfea7",
        "      pk: 0dd9b946-bf76-4e1a-864f-2d4bfcadfea7  # flowlint: ignore[FL409]",
    );
    std::fs::write(dir.path().join("blueprint.yaml"), text).expect("write");
    assert_eq!(codes(dir.path(), &[]), Vec::<String>::new());
    assert_eq!(
        codes(dir.path(), &["--extend-select", "FL409"]),
        Vec::<String>::new()
    );
}

#[test]
fn explain_and_rules_say_which_rules_are_opt_in() {
    let out = common::flowlint()
        .args(["explain", "FL409"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Off by default (opt-in)") && text.contains("--extend-select FL409"),
        "{text}"
    );
    let out = common::flowlint()
        .args(["explain", "FL101"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("On by default"));
    let out = common::flowlint()
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let rules: Value = serde_json::from_slice(&out.stdout).expect("json");
    let opt_in: Vec<&str> = rules
        .as_array()
        .expect("list")
        .iter()
        .filter(|r| r["default"] == "opt-in")
        .filter_map(|r| r["code"].as_str())
        .collect();
    assert_eq!(opt_in, ["FL409", "FL413", "FL509"]);
}
