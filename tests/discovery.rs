//! Discovery as authentik's (`blueprints_find`: `**/*.yaml`, no hidden path part),
//! with `.gitignore` honoured, scenarios and plainly-not-blueprint files skipped and
//! counted, `*.yml` blueprints reported, and the blueprints of a Kubernetes ConfigMap
//! checked each as a file with findings on the manifest's lines, in every format.

mod common;

use common::check_cli as check;
use serde_json::Value;

const FOLDER: &str = "tests/fixtures/discovery";
const MANIFEST: &str = "tests/fixtures/discovery/k8s/blueprints-configmap.yaml";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_folder_checks_blueprints_only_and_counts_what_it_skipped() {
    let out = check(&["--format", "json", FOLDER]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let files: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    for file in &files {
        assert!(
            file.ends_with("blueprints-configmap.yaml") || file.ends_with("legacy-recovery.yml"),
            "{file}: hidden, git-ignored, scenario and non-blueprint files are not checked"
        );
    }
    // groups.yaml, legacy-recovery.yml and the manifest (its two blueprints fold into it).
    assert_eq!(json["summary"]["files"], 3);
    assert_eq!(
        text(&out.stderr),
        "flowlint: skipped 3 non-blueprint files (--verbose lists them)\n"
    );
    let verbose = check(&["--format", "json", "--verbose", FOLDER]);
    common::snapshot_settings().bind(|| {
        insta::assert_snapshot!("discovery-verbose-stderr", text(&verbose.stderr));
        insta::assert_snapshot!("discovery-folder-json", text(&verbose.stdout));
    });
}

#[test]
fn a_scenario_in_the_folder_is_never_printed() {
    let out = check(&["--color", "never", FOLDER]);
    let stdout = text(&out.stdout);
    assert!(!stdout.contains("hunter2"), "{stdout}");
    assert!(!stdout.contains("scenario"), "{stdout}");
}

#[test]
fn configmap_findings_sit_on_the_manifest_lines_in_every_format() {
    let human = check(&["--color", "never", MANIFEST]);
    let github = check(&["--format", "github", MANIFEST]);
    let junit = check(&["--format", "junit", MANIFEST]);
    let sarif = check(&["--format", "sarif", MANIFEST]);
    let sarif: Value = serde_json::from_slice(&sarif.stdout).expect("sarif");
    let regions: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            format!(
                "{} {}:{}",
                r["ruleId"].as_str().unwrap(),
                region["startLine"],
                region["startColumn"]
            )
        })
        .collect();
    // The slug typo is on line 21, column 17 of the manifest; the enum typo on 25:24.
    assert!(regions.contains(&"FL201 21:17".to_string()), "{regions:?}");
    assert!(regions.contains(&"FL202 25:24".to_string()), "{regions:?}");
    assert!(
        text(&github.stdout).contains("line=21,col=17"),
        "{}",
        text(&github.stdout)
    );
    assert!(
        text(&junit.stdout).contains(":21:17"),
        "{}",
        text(&junit.stdout)
    );
    common::snapshot_settings()
        .bind(|| insta::assert_snapshot!("discovery-configmap-human", text(&human.stdout)));
}

#[test]
fn a_misspelt_secret_key_in_a_configmap_is_masked_everywhere() {
    for format in ["human", "json", "sarif", "github", "junit"] {
        let out = check(&["--color", "never", "--format", format, MANIFEST]);
        let stdout = text(&out.stdout);
        assert!(
            !stdout.contains("cm-very-secret-value"),
            "{format}: {stdout}"
        );
    }
}

#[test]
fn files_named_explicitly_get_one_finding_each() {
    let out = check(&[
        "--format",
        "json",
        "tests/fixtures/discovery/docker-compose.yml",
        "tests/fixtures/discovery/kustomization.yaml",
        "tests/fixtures/discovery/workflows/lint.yaml",
        "tests/fixtures/discovery/enrollment.scenario.yaml",
    ]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let found: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("tests/fixtures/discovery/docker-compose.yml", "FL020"),
            ("tests/fixtures/discovery/enrollment.scenario.yaml", "FL020"),
            ("tests/fixtures/discovery/kustomization.yaml", "FL020"),
            ("tests/fixtures/discovery/workflows/lint.yaml", "FL020"),
        ]
    );
    assert!(!text(&out.stdout).contains("hunter2"));
}

#[test]
fn a_folder_without_blueprints_says_so_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::flowlint()
        .args(["check", "--no-config"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "");
    assert!(
        text(&out.stderr).contains("no blueprint files found"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn each_configmap_blueprint_alone_gives_the_same_lines() {
    let together = check(&["--format", "json", MANIFEST]);
    let alone = check(&["--format", "json", "--per-file", MANIFEST]);
    let lines = |out: &std::process::Output| -> Vec<(String, i64, i64)> {
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["line"].as_i64().unwrap(),
                    f["column"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(lines(&together), lines(&alone));
}

#[test]
fn a_configmap_key_without_yaml_suffix_and_a_quoted_value() {
    use flowlint::check::{Settings, check_text};
    let manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bp\ndata:\n  login.yml: |\n    version: 1\n    entries: []\n  quoted.yaml: \"version: 1\\nentries:\\n  - model: authentik_flows.flw\\n    identifiers: {slug: x}\\n\"\n";
    let report = check_text("cm.yaml", manifest, &Settings::default());
    let found: Vec<(&str, String)> = report
        .findings
        .iter()
        .map(|f| {
            let at = report.files[f.file].line_col(f.span.start);
            (f.rule.code, format!("{}:{}", at.line, at.column))
        })
        .collect();
    // The `.yml` key is never mounted as a file authentik loads; a finding in a
    // quoted value points at its key (the value's lines are not the blueprint's).
    assert!(found.contains(&("FL021", "6:3".to_string())), "{found:?}");
    assert!(found.contains(&("FL106", "9:3".to_string())), "{found:?}");
    assert_eq!(report.files.len(), 1);
}
