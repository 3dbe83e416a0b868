//! Meta-tests over the rule registry: documentation, codes, names, and the generated
//! rule pages under docs/rules.

mod common;

use std::collections::HashSet;

use flowlint::rules::{Family, RULES, by_code, by_code_or_name};

const REQUIRED_SECTIONS: [&str; 4] = [
    "## What it does",
    "## Why is this bad?",
    "## Severity",
    "## Example",
];
/// Names describe the bad pattern, so "allow unknown-key" reads well (ruff's rule).
const BANNED_PREFIXES: [&str; 6] = ["avoid-", "use-", "prefer-", "no-", "do-not-", "consider-"];

use common::flowlint;

#[test]
fn every_rule_is_documented_with_the_required_sections() {
    let mut problems = Vec::new();
    for rule in RULES {
        let doc = rule.documentation();
        let mut last = 0;
        for section in REQUIRED_SECTIONS {
            match doc.find(section) {
                Some(at) if at >= last => last = at,
                Some(_) => problems.push(format!("{}: `{section}` out of order", rule.code)),
                None => problems.push(format!("{}: no `{section}`", rule.code)),
            }
        }
        if rule.summary.trim().is_empty() || rule.summary.ends_with('.') {
            problems.push(format!(
                "{}: the summary must be one phrase without a final period",
                rule.code
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The `## Severity` section opens with the registry's default severity (and says
/// "opt-in" for an opt-in rule), so the reason written down cannot drift from the table.
#[test]
fn every_severity_section_names_the_registry_severity() {
    let mut problems = Vec::new();
    for rule in RULES {
        let doc = rule.documentation();
        let Some(section) = doc.split("## Severity\n").nth(1) else {
            continue;
        };
        let word = match rule.severity.as_str() {
            "error" => "Error",
            "warning" => "Warning",
            _ => "Info",
        };
        let opening = section.lines().next().unwrap_or_default();
        if !opening.starts_with(word) {
            problems.push(format!(
                "{}: the severity section must open with `{word}`",
                rule.code
            ));
        }
        let head = opening.split(':').next().unwrap_or_default();
        if rule.opt_in != head.contains("opt-in") {
            problems.push(format!(
                "{}: opt_in is {} but the severity section opens with `{head}`",
                rule.code, rule.opt_in
            ));
        }
        if rule.severity_reason().is_none_or(|r| r.is_empty()) {
            problems.push(format!("{}: no one-line severity reason", rule.code));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn codes_are_unique_well_formed_and_in_their_family() {
    let mut seen = HashSet::new();
    for rule in RULES {
        let digits = rule.code.strip_prefix("FL").unwrap_or("");
        assert!(
            digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit()),
            "{} does not match FL\\d{{3}}",
            rule.code
        );
        assert!(seen.insert(rule.code), "{} is used twice", rule.code);
        let family = match &digits[..1] {
            "0" => Family::Syntax,
            "1" => Family::Structure,
            "2" => Family::Values,
            "3" => Family::Tags,
            "4" => Family::References,
            "5" => Family::Flow,
            "6" => Family::Security,
            "9" => Family::Meta,
            other => panic!("{}: no family for FL{other}xx", rule.code),
        };
        assert_eq!(rule.family, family, "{} is in the wrong family", rule.code);
    }
}

#[test]
fn registry_is_sorted_by_code() {
    let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted);
}

#[test]
fn names_are_kebab_case_unique_and_name_the_bad_pattern() {
    let mut seen = HashSet::new();
    for rule in RULES {
        let name = rule.name;
        let kebab = !name.is_empty()
            && name.split('-').all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        assert!(kebab, "{}: `{name}` is not kebab-case", rule.code);
        assert!(
            !BANNED_PREFIXES.iter().any(|p| name.starts_with(p)),
            "{}: `{name}` should name the bad pattern, not the advice",
            rule.code
        );
        assert!(seen.insert(name), "name `{name}` is used twice");
    }
}

#[test]
fn codes_and_names_round_trip() {
    for rule in RULES {
        assert_eq!(by_code(rule.code).map(|r| r.code), Some(rule.code));
        assert_eq!(
            by_code(&rule.code.to_lowercase()).map(|r| r.code),
            Some(rule.code)
        );
        assert_eq!(by_code_or_name(rule.name).map(|r| r.code), Some(rule.code));
    }
}

#[test]
fn explain_works_for_every_code_rules_lists() {
    let out = flowlint()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let listed: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("rules --format json");
    assert_eq!(listed.len(), RULES.len());
    for item in &listed {
        let code = item["code"].as_str().expect("code");
        let name = item["name"].as_str().expect("name");
        for key in [code, name] {
            let out = flowlint().args(["explain", key]).output().unwrap();
            assert_eq!(out.status.code(), Some(0), "explain {key}");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.starts_with(&format!("# {name} ({code})")),
                "explain {key}: {text}"
            );
            assert!(text.contains("## What it does"), "explain {key}");
        }
    }
}

#[test]
fn explain_unknown_rule_exits_two_with_a_suggestion() {
    let out = flowlint()
        .args(["explain", "unknown-kye"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `unknown-key`"));
}

#[test]
fn rule_pages_match_the_code() {
    let temp = tempfile::tempdir().unwrap();
    let out = flowlint()
        .args(["docs", "--write"])
        .arg(temp.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed = common::root().join("docs/rules");
    let list = |dir: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    let fresh = list(temp.path());
    assert_eq!(
        list(&committed),
        fresh,
        "docs/rules: run `cargo run -- docs --write docs/rules`"
    );
    for name in &fresh {
        let expected = std::fs::read_to_string(temp.path().join(name)).unwrap();
        let actual = std::fs::read_to_string(committed.join(name)).unwrap_or_default();
        assert!(
            expected == actual,
            "docs/rules/{name} drifted: run `cargo run -- docs --write docs/rules`"
        );
    }
    let check = flowlint()
        .args(["docs", "--check", "docs/rules"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn rule_list_snapshot() {
    let list: String = RULES
        .iter()
        .map(|r| format!("{} {}\n", r.code, r.name))
        .collect();
    common::snapshot_settings().bind(|| insta::assert_snapshot!("registry-rule-list", list));
}

#[test]
fn docs_check_fails_on_drift() {
    let temp = tempfile::tempdir().unwrap();
    let write = flowlint()
        .args(["docs", "--write"])
        .arg(temp.path())
        .output()
        .unwrap();
    assert_eq!(write.status.code(), Some(0));
    let check = || {
        flowlint()
            .args(["docs", "--check"])
            .arg(temp.path())
            .output()
            .unwrap()
    };
    assert_eq!(check().status.code(), Some(0));
    std::fs::write(temp.path().join("FL101.md"), "edited by hand\n").unwrap();
    std::fs::write(temp.path().join("FL999.md"), "a removed rule\n").unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("FL101.md") && stderr.contains("FL999.md (no such rule)"),
        "{stderr}"
    );
}
