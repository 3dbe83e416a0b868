//! `check` options and exit codes (0 clean, 1 findings at or over `--fail-on`, 2 tool
//! errors), stdin, and the `completions`/`man`/`rules` commands.

mod common;

use serde_json::Value;

const MIXED: &str = "tests/data/cli/mixed.yaml";
const CLEAN: &str = "tests/data/cli/clean.yaml";
const WARNING: &str = "tests/data/cli/warning.yaml";

use common::{check_cli as check, flowlint};

fn code(args: &[&str]) -> Option<i32> {
    check(args).status.code()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn exit_codes() {
    assert_eq!(code(&[CLEAN]), Some(0));
    assert_eq!(code(&[MIXED]), Some(1));
    assert_eq!(code(&[WARNING]), Some(0), "warnings alone pass by default");
    assert_eq!(code(&["no/such.yaml"]), Some(2));
    assert_eq!(code(&["--format", "xml", CLEAN]), Some(2));
    assert_eq!(code(&["--authentik-version", "soon", CLEAN]), Some(2));
    assert_eq!(code(&["--select", "FL9999", CLEAN]), Some(2));
}

#[test]
fn fail_on_and_exit_zero() {
    assert_eq!(code(&["--fail-on", "warning", WARNING]), Some(1));
    assert_eq!(code(&["--fail-on", "warning", CLEAN]), Some(0));
    assert_eq!(code(&["--fail-on", "info", WARNING]), Some(1));
    assert_eq!(code(&["--fail-on", "error", WARNING]), Some(0));
    // The last one wins: a pre-commit hook's `args` override its entry's `--fail-on warning`.
    let twice = |first, last| code(&["--fail-on", first, "--fail-on", last, WARNING]);
    assert_eq!(twice("warning", "error"), Some(0));
    assert_eq!(twice("error", "warning"), Some(1));
    assert_eq!(code(&["--exit-zero", MIXED]), Some(0));
    assert_eq!(
        code(&["--exit-zero", "--fail-on", "warning", WARNING]),
        Some(0)
    );
    assert_eq!(
        code(&["--exit-zero", "no/such.yaml"]),
        Some(2),
        "tool errors still exit 2"
    );
}

#[test]
fn quiet_prints_only_findings() {
    let out = check(&["--quiet", "--color", "never", MIXED]);
    let text = stdout(&out);
    assert!(text.contains("FL101 unsupported-version"), "{text}");
    assert!(!text.contains("Found "), "{text}");
    let out = check(&["-q", CLEAN]);
    assert_eq!(stdout(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn statistics_counts_per_code() {
    let out = check(&["--statistics", MIXED, WARNING]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].trim_start().starts_with("2  FL104  unknown-key"),
        "{text}"
    );
    assert!(
        lines[1]
            .trim_start()
            .starts_with("1  FL101  unsupported-version"),
        "{text}"
    );
    let out = check(&["--statistics", "--format", "json", MIXED, WARNING]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["statistics"][0]["code"], "FL104");
    assert_eq!(doc["statistics"][0]["count"], 2);
}

#[test]
fn select_and_ignore_on_the_command_line() {
    let json = |args: &[&str]| -> Value {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_slice(&check(&all).stdout).unwrap()
    };
    let doc = json(&["--ignore", "FL101", MIXED]);
    assert_eq!(doc["summary"]["errors"], 0);
    assert_eq!(doc["summary"]["warnings"], 1);
    let doc = json(&["--select", "unknown-key", MIXED]);
    assert_eq!(
        (
            doc["summary"]["errors"].as_u64(),
            doc["summary"]["warnings"].as_u64()
        ),
        (Some(0), Some(1))
    );
    let doc = json(&["--select", "FL1", "--ignore", "FL104", MIXED]);
    assert_eq!(
        (
            doc["summary"]["errors"].as_u64(),
            doc["summary"]["warnings"].as_u64()
        ),
        (Some(1), Some(0))
    );
    let out = check(&["--select", "unknwon-key", MIXED]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `unknown-key`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stdin_with_and_without_a_file_name() {
    let text = std::fs::read_to_string(common::root().join(MIXED)).unwrap();
    let out = flowlint()
        .args(["check", "--no-config", "--format", "json", "-"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"][0]["file"], "<stdin>");
    let out = flowlint()
        .args([
            "check",
            "--no-config",
            "--format",
            "github",
            "--stdin-filename",
            "flows/login.yaml",
            "-",
        ])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with("::error file=flows/login.yaml,line=1,"),
        "{}",
        stdout(&out)
    );
    let out = flowlint()
        .args(["check", "--no-config", "-"])
        .write_stdin("version: 1\nentries: []\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn dotted_context_keys_follow_the_target_release() {
    const DOTTED: &str = "tests/data/cli/dotted-context.yaml";
    let codes = |version: Option<&str>| {
        let mut args = vec!["--format", "json"];
        if let Some(version) = version {
            args.extend(["--authentik-version", version]);
        }
        args.push(DOTTED);
        let doc: Value = serde_json::from_slice(&check(&args).stdout).unwrap();
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    // A dotted key walks nested values where the judged release does (2026.5 on).
    let versions: Vec<String> = flowlint::catalog::embedded_versions()
        .map(|v| v.to_string())
        .chain(["2026.5".to_owned(), "2099.1".to_owned()])
        .collect();
    for version in &versions {
        let target = flowlint::catalog::Target::parse(version).expect("selectable");
        let walks = target.release.caps.nested_context_keys;
        let expected: &[&str] = if walks { &["FL401"] } else { &[] };
        assert_eq!(codes(Some(version)), expected, "{version}");
    }
    let walks = flowlint::catalog::newest().caps.nested_context_keys;
    assert_eq!(codes(None).is_empty(), !walks);
}

#[test]
fn releases_outside_the_embedded_range() {
    let oldest = flowlint::catalog::embedded_versions().next().unwrap();
    let newest = flowlint::catalog::newest().version();
    // Older than the oldest: exit 2 naming the supported range.
    let out = check(&["--authentik-version", "2019.4", CLEAN]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("({oldest} to {newest})")), "{err}");
    // Newer than the newest: judged against the newest, said once in every format.
    let later = format!("{}.2", newest.year + 1);
    let notice = format!("authentik {later} is newer than the releases flowlint knows");
    for format in ["human", "json", "sarif", "github"] {
        let out = check(&["--format", format, "--authentik-version", &later, CLEAN]);
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = stdout(&out);
        assert_eq!(text.matches(&notice).count(), 1, "{format}: {text}");
        assert!(
            text.contains(&format!("judged against authentik {newest}")),
            "{format}: {text}"
        );
    }
    // No version: the newest, said in the human summary.
    let text = stdout(&check(&[CLEAN]));
    assert!(
        text.contains(&format!(
            "Judged against authentik {newest}, the newest release"
        )),
        "{text}"
    );
    // A chosen, known release is not repeated in the summary.
    let text = stdout(&check(&["--authentik-version", &newest.to_string(), CLEAN]));
    assert!(!text.contains("Judged against"), "{text}");
}

#[test]
fn stdin_misuse_exits_two() {
    assert_eq!(code(&["-", CLEAN]), Some(2));
    assert_eq!(code(&["--stdin-filename", "x.yaml", CLEAN]), Some(2));
}

#[test]
fn color_choice() {
    let plain = check(&["--color", "never", MIXED]);
    assert!(!stdout(&plain).contains('\u{1b}'));
    let coloured = check(&["--color", "always", MIXED]);
    assert!(stdout(&coloured).contains('\u{1b}'));
    // auto: not a terminal here, so no colour.
    let auto = check(&[MIXED]);
    assert!(!stdout(&auto).contains('\u{1b}'));
    assert_eq!(code(&["--color", "sometimes", MIXED]), Some(2));
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "_flowlint()"),
        ("zsh", "#compdef flowlint"),
        ("fish", "complete -c flowlint"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = flowlint().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = stdout(&out);
        assert!(
            text.contains(marker),
            "{shell}: {}",
            &text[..text.len().min(200)]
        );
        assert!(
            text.contains("stdin-filename"),
            "{shell} completes check's options"
        );
    }
    assert_eq!(
        flowlint()
            .args(["completions", "tcsh"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn man_pages_are_generated_from_the_cli() {
    let out = flowlint().arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains(".TH flowlint 1"),
        "roff title: {}",
        &text[..200.min(text.len())]
    );
    for word in ["check", "explain", "rules", "completions", "man"] {
        assert!(text.contains(word), "the man page lists `{word}`");
    }
    let out = flowlint().args(["man", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains(".TH flowlint-check 1"),
        "{}",
        &text[..200.min(text.len())]
    );
    for option in ["\\-\\-stdin\\-filename", "\\-\\-fail\\-on", "\\-\\-output"] {
        assert!(
            text.contains(option),
            "flowlint-check(1) documents {option}"
        );
    }
    let out = flowlint().args(["man", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no command `nope`"));
}

#[test]
fn rules_lists_every_rule_as_text_and_json() {
    let out = flowlint().arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), flowlint::rules::RULES.len());
    assert!(
        text.lines()
            .any(|l| l.starts_with("FL101  unsupported-version") && l.contains("structure"))
    );
    let out = flowlint()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &doc[0];
    for key in ["code", "name", "severity", "family", "summary", "url"] {
        assert!(first[key].is_string(), "{key}: {first}");
    }
}

#[test]
fn help_and_version_exit_zero() {
    assert_eq!(
        flowlint().arg("--help").output().unwrap().status.code(),
        Some(0)
    );
    assert_eq!(
        flowlint().arg("--version").output().unwrap().status.code(),
        Some(0)
    );
    assert_eq!(
        flowlint().arg("frobnicate").output().unwrap().status.code(),
        Some(2)
    );
}

#[test]
fn suppressed_findings_are_counted_in_the_human_summary() {
    let text = std::fs::read_to_string(common::root().join(MIXED))
        .unwrap()
        .replace("attr: {}", "attr: {}  # flowlint: ignore[unknown-key]");
    let out = flowlint()
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--stdin-filename",
            "m.yaml",
            "-",
        ])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("Found 1 error, 0 warnings and 0 notes in 1 file (1 suppressed).\n"),
        "{}",
        stdout(&out)
    );
}
