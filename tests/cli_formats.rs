//! `check --format` contract: SARIF (validated against the official 2.1.0 schema),
//! GitHub workflow commands (snapshot), JUnit, JSON, human, and `--output FILE`.

mod common;

use assert_cmd::Command;
use serde_json::Value;

const MIXED: &str = "tests/data/cli/mixed.yaml";
const CLEAN: &str = "tests/data/cli/clean.yaml";

use common::check_cli as check;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn sarif_validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(common::root().join("tests/data/sarif-schema-2.1.0.json")).unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // The 2.1.0 schema's `language` patterns (on `run` and `toolComponent`) have a stray
    // `]` that strict ECMA-262 regex checking rejects; OASIS errata 01 writes them as
    // below. flowlint never emits `language`, so this changes nothing it is checked against.
    let fixed = fix_language_patterns(&mut schema);
    assert_eq!(fixed, 2, "the vendored schema changed");
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn fix_language_patterns(value: &mut Value) -> usize {
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        Value::Object(map) => {
            let mut fixed = 0;
            for (key, child) in map.iter_mut() {
                if key == "pattern" && child == BROKEN {
                    *child = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                    fixed += 1;
                } else {
                    fixed += fix_language_patterns(child);
                }
            }
            fixed
        }
        Value::Array(items) => items.iter_mut().map(fix_language_patterns).sum(),
        _ => 0,
    }
}

fn assert_valid_sarif(doc: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF is not valid against the 2.1.0 schema:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_is_valid_and_complete() {
    let out = check(&[
        "--format",
        "sarif",
        MIXED,
        CLEAN,
        "tests/fixtures/FL004-duplicate-key.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_valid_sarif(&doc);
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), flowlint::rules::RULES.len());
    for rule in rules {
        for key in [
            "id",
            "name",
            "shortDescription",
            "fullDescription",
            "help",
            "helpUri",
        ] {
            assert!(!rule[key].is_null(), "rule {} lacks {key}", rule["id"]);
        }
        assert!(
            rule["helpUri"]
                .as_str()
                .unwrap()
                .ends_with(&format!("docs/rules/{}.md", rule["id"].as_str().unwrap()))
        );
    }
    let results = run["results"].as_array().unwrap();
    let first = &results[0];
    assert_eq!(first["ruleId"], "FL101");
    assert_eq!(first["level"], "error");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(1), Some(10))
    );
    assert_eq!(
        (region["endLine"].as_u64(), region["endColumn"].as_u64()),
        (Some(1), Some(11))
    );
    assert!(results.iter().any(|r| r["level"] == "warning"));
    // The duplicate key points back at the first key.
    assert!(results.iter().any(|r| r["relatedLocations"].is_array()));
    // The validator does reject a wrong document.
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!sarif_validator().is_valid(&broken));
    let index = first["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "FL101");
}

#[test]
fn sarif_of_a_clean_run_and_of_every_fixture_is_valid() {
    let out = check(&["--format", "sarif", CLEAN]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid_sarif(&doc);
    assert_eq!(doc["runs"][0]["results"].as_array().map(Vec::len), Some(0));
    let out = check(&["--format", "sarif", "tests/fixtures"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid_sarif(&doc);
}

#[test]
fn github_format_snapshot() {
    let out = check(&[
        "--format",
        "github",
        MIXED,
        CLEAN,
        "tests/data/cli/warning.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    common::snapshot_settings().bind(|| insta::assert_snapshot!("cli-github-format", stdout(&out)));
}

#[test]
fn github_format_escapes_properties_and_uses_notice_for_infos() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join(MIXED)).unwrap();
    std::fs::write(dir.path().join("a,b:c.yaml"), text).unwrap();
    let out = Command::cargo_bin("flowlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "github", "a,b:c.yaml"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.starts_with("::error file=a%2Cb%3Ac.yaml,line=1,col=10,"),
        "{text}"
    );
    assert!(text.contains("::warning file="), "{text}");
    assert!(text.contains("title=FL101 unsupported-version::"), "{text}");
    let out = check(&[
        "--format",
        "github",
        "--authentik-version",
        "2025.12",
        "tests/fixtures",
    ]);
    for line in stdout(&out).lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "{line}"
        );
    }
}

#[test]
fn junit_lists_one_case_per_file() {
    let out = check(&["--format", "junit", MIXED, CLEAN]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"),
        "{text}"
    );
    assert!(text.contains("tests=\"2\" failures=\"1\""), "{text}");
    assert!(text.contains("<testcase name=\"tests/data/cli/clean.yaml\" classname=\"flowlint\" file=\"tests/data/cli/clean.yaml\"/>"));
    assert!(
        text.contains("<failure message=\"2 findings\" type=\"error\">"),
        "{text}"
    );
    assert!(
        text.contains("tests/data/cli/mixed.yaml:1:10: FL101 unsupported-version (error): "),
        "{text}"
    );
    // Markup in messages is escaped.
    assert!(!text.contains("`2`<"), "{text}");
    assert_eq!(text.matches("<testcase").count(), 2);
}

#[test]
fn json_summary_counts_and_keeps_the_contract() {
    let out = check(&["--format", "json", MIXED]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    let summary = &doc["summary"];
    for key in ["files", "errors", "warnings", "infos", "suppressed"] {
        assert!(summary[key].is_u64(), "summary.{key}: {doc:#}");
    }
    assert_eq!(
        (summary["errors"].as_u64(), summary["warnings"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn human_format_has_snippets_and_a_summary() {
    let out = check(&["--format", "human", "--color", "never", MIXED]);
    let text = stdout(&out);
    assert!(text.contains("FL101 unsupported-version"), "{text}");
    assert!(text.contains("mixed.yaml:1:10"), "{text}");
    assert!(
        text.contains("Found 1 error, 1 warning and 0 notes in 1 file.\nJudged against authentik"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour with --color never");
    let out = check(&["--color", "always", MIXED]);
    assert!(
        stdout(&out).contains('\u{1b}'),
        "colour with --color always"
    );
}

#[test]
fn output_file_is_written_whole_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.sarif");
    let out = check(&[
        "--format",
        "sarif",
        "--output",
        target.to_str().unwrap(),
        MIXED,
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the exit code still reflects the findings"
    );
    assert!(out.stdout.is_empty());
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_valid_sarif(&doc);
    // Overwrites an existing file and leaves no temp files behind.
    let out = check(&["--format", "json", "-o", target.to_str().unwrap(), CLEAN]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(doc["summary"]["files"], 1);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

/// `-o /dev/null` once replaced the device with a file (a temp file renamed over it).
/// A FIFO stands in for the device here, so a regression cannot break the machine.
#[cfg(unix)]
#[test]
fn output_to_a_fifo_writes_through_it_and_leaves_it_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available: skipped");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = check(&[
        "--format",
        "json",
        "--output",
        fifo.to_str().unwrap(),
        MIXED,
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.is_empty());
    let kind = std::fs::metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced: {kind:?}");
    let doc: Value = serde_json::from_str(&reader.join().unwrap()).unwrap();
    assert!(doc["summary"]["errors"].as_u64().unwrap() > 0);
}

#[cfg(unix)]
#[test]
fn output_through_a_symlink_keeps_the_link_and_fills_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = check(&["--format", "json", "-o", link.to_str().unwrap(), CLEAN]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(link.is_symlink(), "the link was replaced by a file");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&real).unwrap()).unwrap();
    assert_eq!(doc["summary"]["files"], 1);
}

#[test]
fn output_into_a_missing_folder_exits_two() {
    let out = check(&[
        "--format",
        "json",
        "--output",
        "no/such/folder/report.json",
        CLEAN,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot write `no/such/folder/report.json`")
    );
}
