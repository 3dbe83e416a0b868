//! flowlint.toml: discovery, every key, and located errors (exit 2 with file:line:col).

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const MIXED: &str = "tests/data/cli/mixed.yaml";

/// A temp project: `flowlint.toml` (or another name) plus the mixed blueprint.
fn project(config_name: &str, config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(config_name), config).unwrap();
    let text = std::fs::read_to_string(common::root().join(MIXED)).unwrap();
    std::fs::create_dir_all(dir.path().join("flows/vendor")).unwrap();
    std::fs::write(dir.path().join("flows/mixed.yaml"), &text).unwrap();
    std::fs::write(dir.path().join("flows/vendor/upstream.yaml"), &text).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("flowlint")
        .unwrap()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .unwrap()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = run(dir, &all);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "JSON expected; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn codes(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

fn error_of(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn discovered_from_the_current_folder_upward() {
    let dir = project("flowlint.toml", "ignore = [\"FL101\"]\n");
    let doc = json(&dir.path().join("flows"), &["mixed.yaml"]);
    assert_eq!(codes(&doc), ["FL104"]);
    // The dotted name works too.
    let dir = project(".flowlint.toml", "ignore = [\"unknown-key\"]\n");
    assert_eq!(codes(&json(dir.path(), &["flows/mixed.yaml"])), ["FL101"]);
    // --no-config ignores it; --config names another one.
    assert_eq!(
        codes(&json(dir.path(), &["--no-config", "flows/mixed.yaml"])),
        ["FL101", "FL104"]
    );
    std::fs::write(dir.path().join("other.toml"), "select = [\"FL104\"]\n").unwrap();
    assert_eq!(
        codes(&json(
            dir.path(),
            &["--config", "other.toml", "flows/mixed.yaml"]
        )),
        ["FL104"]
    );
}

#[test]
fn select_ignore_by_code_prefix_and_name() {
    let dir = project(
        "flowlint.toml",
        "select = [\"FL1\"]\nignore = [\"unknown-key\"]\n",
    );
    assert_eq!(codes(&json(dir.path(), &["flows/mixed.yaml"])), ["FL101"]);
    let dir = project("flowlint.toml", "select = [\"FL0\"]\n");
    assert!(codes(&json(dir.path(), &["flows/mixed.yaml"])).is_empty());
    // The command line's --select replaces the config's.
    assert_eq!(
        codes(&json(
            dir.path(),
            &["--select", "FL104", "flows/mixed.yaml"]
        )),
        ["FL104"]
    );
}

#[test]
fn severity_overrides_change_findings_and_the_exit_code() {
    let dir = project(
        "flowlint.toml",
        "[severity]\nFL104 = \"error\"\nunsupported-version = \"warning\"\n",
    );
    let doc = json(dir.path(), &["flows/mixed.yaml"]);
    let severities: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["warning", "error"]);
    let dir = project("flowlint.toml", "[severity]\nFL1 = \"info\"\n");
    let out = run(dir.path(), &["flows/mixed.yaml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "every FL1xx finding is now a note"
    );
}

#[test]
fn exclude_globs_skip_found_files_but_not_named_ones() {
    let dir = project("flowlint.toml", "exclude = [\"flows/vendor/**\"]\n");
    let doc = json(dir.path(), &["."]);
    assert_eq!(doc["summary"]["files"], 1);
    let doc = json(dir.path(), &["flows/vendor/upstream.yaml"]);
    assert_eq!(
        doc["summary"]["files"], 1,
        "a file named on the command line is checked"
    );
    let dir = project("flowlint.toml", "exclude = [\"upstream.yaml\"]\n");
    assert_eq!(
        json(dir.path(), &["flows"])["summary"]["files"],
        1,
        "a bare name matches anywhere"
    );
}

#[test]
fn authentik_version_selects_the_release_judged_against() {
    // The slug cap follows the configured release (50 characters before 2025.12).
    let long = "a".repeat(60);
    let text = std::fs::read_to_string(common::root().join("tests/data/cli/clean.yaml"))
        .unwrap()
        .replace("slug: flowlint-cli-clean", &format!("slug: {long}"));
    for release in flowlint::catalog::releases() {
        let version = release.version().to_string();
        let dir = project(
            "flowlint.toml",
            &format!("authentik-version = \"{version}\"\n"),
        );
        std::fs::write(dir.path().join("long-slug.yaml"), &text).unwrap();
        let doc = json(dir.path(), &["long-slug.yaml"]);
        assert_eq!(
            codes(&doc).contains(&"FL201".to_string()),
            release.caps.flow_slug_max_len.is_some(),
            "{version}: {doc:#}"
        );
        // The command line wins over the file.
        let doc = json(
            dir.path(),
            &["--authentik-version", "2099.1", "long-slug.yaml"],
        );
        assert_eq!(doc["authentik"]["requested"], "2099.1");
    }
    // A release older than every embedded one: exit 2 naming the range, at its place.
    let dir = project("flowlint.toml", "authentik-version = \"2019.4\"\n");
    std::fs::write(dir.path().join("long-slug.yaml"), &text).unwrap();
    let out = run(dir.path(), &["long-slug.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("flowlint.toml:1:21") && stderr.contains("older than the releases"),
        "{stderr}"
    );
}

#[test]
fn context_and_env_tables_are_accepted() {
    let dir = project(
        "flowlint.toml",
        "[context]\ngoauthentik = \"x\"\nretries = 3\nenabled = true\n[env]\nAK_DOMAIN = \"example.com\"\n",
    );
    let out = run(dir.path(), &["flows/mixed.yaml"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn unknown_key_is_located() {
    let dir = project("flowlint.toml", "select = [\"FL1\"]\n\nbogus = 1\n");
    let err = error_of(dir.path(), &["flows/mixed.yaml"]);
    assert!(
        err.contains("flowlint.toml:3:1: unknown field `bogus`"),
        "{err}"
    );
}

#[test]
fn bad_values_are_located() {
    let cases = [
        (
            "select = [\"FL1\", \"unknwon-key\"]\n",
            "flowlint.toml:1:18: `select`: no rule or code prefix `unknwon-key` (did you mean `unknown-key`?)",
        ),
        (
            "ignore = \"FL101\"\n",
            "flowlint.toml:1:10: invalid type: string \"FL101\", expected a sequence",
        ),
        (
            "[severity]\nFL104 = \"fatal\"\n",
            "flowlint.toml:2:9: severity must be \"error\", \"warning\" or \"info\", got \"fatal\"",
        ),
        (
            "[severity]\nFL1O4 = \"error\"\n",
            "flowlint.toml:2:1: `severity`: no rule or code prefix `FL1O4`",
        ),
        (
            "authentik-version = 2025.10\n",
            "flowlint.toml:1:21: `authentik-version` must be a quoted string",
        ),
        (
            "authentik-version = \"next\"\n",
            "flowlint.toml:1:21: `authentik-version` expects YEAR.MONTH",
        ),
        (
            "exclude = [\"a/[b\"]\n",
            "flowlint.toml:1:12: `exclude`: bad glob",
        ),
        (
            "[context]\nlist = [1, 2]\n",
            "flowlint.toml:2:8: context value `list` must be a string, integer or boolean, got a array",
        ),
        (
            "[env]\nAK = 1\n",
            "flowlint.toml:2:6: invalid type: integer `1`, expected a string",
        ),
        ("select = [\n", "flowlint.toml:1:11: unclosed array"),
    ];
    for (config, expected) in cases {
        let dir = project("flowlint.toml", config);
        let err = error_of(dir.path(), &["flows/mixed.yaml"]);
        assert!(
            err.contains(expected),
            "config {config:?}\nexpected {expected:?}\ngot {err}"
        );
    }
}

#[test]
fn an_explicit_config_that_does_not_exist_exits_two() {
    let dir = project("flowlint.toml", "");
    let err = error_of(
        dir.path(),
        &["--config", "missing.toml", "flows/mixed.yaml"],
    );
    assert!(err.contains("missing.toml"), "{err}");
}
