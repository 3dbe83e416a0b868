//! The suppression matrix: on the line, on the line above, file-wide, unused (FL901),
//! unknown code (FL902), and the suppressed count in the summary.

use flowlint::check::{Report, Settings, check_text};
use flowlint::rules::{RULES, by_code};

/// A blueprint with one FL104 (`attr` on line 8) and one FL101 (line 1).
const BASE: &str = "version: 2
metadata:
  name: suppress
entries:
  - model: authentik_stages_user_logout.userlogoutstage
    identifiers:
      name: logout
    attr: {}
";

/// Only the structure and meta families, so rules added elsewhere do not move these tests.
fn only_structure_and_meta() -> Settings {
    let mut settings = Settings::default();
    for rule in RULES
        .iter()
        .copied()
        .filter(|r| !r.code.starts_with("FL1") && !r.code.starts_with("FL9"))
    {
        settings.rules.disable(rule);
    }
    settings
}

fn run(text: &str) -> Report {
    check_text("s.yaml", text, &only_structure_and_meta())
}

fn codes(report: &Report) -> Vec<(&'static str, u32)> {
    report
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.code,
                report.files[f.file].line_col(f.span.start).line,
            )
        })
        .collect()
}

#[test]
fn baseline() {
    let report = run(BASE);
    assert_eq!(codes(&report), [("FL101", 1), ("FL104", 8)]);
    assert_eq!(report.suppressed, 0);
}

#[test]
fn on_the_findings_line_by_code_or_name() {
    let report = run(&BASE.replace("attr: {}", "attr: {}  # flowlint: ignore[FL104]"));
    assert_eq!(codes(&report), [("FL101", 1)]);
    assert_eq!(report.suppressed, 1);
    let report = run(&BASE.replace("attr: {}", "attr: {}  # flowlint: ignore[unknown-key]"));
    assert_eq!(codes(&report), [("FL101", 1)]);
    let report = run(&BASE.replace(
        "version: 2",
        "version: 2 # flowlint: ignore[ fl101 ]  legacy file",
    ));
    assert_eq!(
        codes(&report),
        [("FL104", 8)],
        "codes are case-insensitive; text after `]` is a reason"
    );
}

#[test]
fn on_its_own_line_just_above() {
    let report = run(&BASE.replace(
        "    attr: {}",
        "    # flowlint: ignore[FL104]\n    attr: {}",
    ));
    assert_eq!(codes(&report), [("FL101", 1)]);
    assert_eq!(report.suppressed, 1);
    // Comments and blank lines between the directive and the code are skipped.
    let report = run(&BASE.replace(
        "    attr: {}",
        "    # flowlint: ignore[FL104]\n    # why: legacy\n\n    attr: {}",
    ));
    assert_eq!(codes(&report), [("FL101", 1)]);
    // Two lines above is not "just above": the suppression is unused and FL104 stays.
    let report = run(&BASE.replace(
        "    identifiers:",
        "    # flowlint: ignore[FL104]\n    identifiers:",
    ));
    assert_eq!(codes(&report), [("FL101", 1), ("FL901", 6), ("FL104", 9)]);
}

#[test]
fn several_codes_in_one_comment() {
    let text = format!("# flowlint: ignore-file[FL101, unknown-key]\n{BASE}");
    let report = run(&text);
    assert!(report.findings.is_empty(), "{:?}", codes(&report));
    assert_eq!(report.suppressed, 2);
}

#[test]
fn file_wide_anywhere() {
    let report = run(&format!("{BASE}# flowlint: ignore-file[FL104]\n"));
    assert_eq!(codes(&report), [("FL101", 1)]);
    assert_eq!(report.suppressed, 1);
}

#[test]
fn unused_suppressions_are_reported_per_code() {
    let text = BASE.replace("attr: {}", "attr: {}  # flowlint: ignore[FL104, FL107]");
    let report = run(&text);
    assert_eq!(codes(&report), [("FL101", 1), ("FL901", 8)]);
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule.code == "FL901")
        .unwrap();
    assert_eq!(report.files[0].slice(finding.span), "FL107");
    assert!(
        finding.message.contains("FL107 invalid-state"),
        "{}",
        finding.message
    );
    let report = run(&format!("{BASE}# flowlint: ignore-file[FL110]\n"));
    assert!(
        codes(&report).contains(&("FL901", 9)),
        "{:?}",
        codes(&report)
    );
}

#[test]
fn unused_suppressions_of_disabled_rules_are_not_reported() {
    let mut settings = only_structure_and_meta();
    settings.rules.disable(by_code("FL104").unwrap());
    let text = BASE.replace("attr: {}", "attr: {}  # flowlint: ignore[FL104]");
    let report = check_text("s.yaml", &text, &settings);
    assert_eq!(codes(&report), [("FL101", 1)]);
    assert_eq!(report.suppressed, 0);
    // And FL901 itself can be switched off.
    let mut settings = only_structure_and_meta();
    settings.rules.disable(by_code("FL901").unwrap());
    let report = check_text(
        "s.yaml",
        &format!("{BASE}# flowlint: ignore-file[FL110]\n"),
        &settings,
    );
    assert_eq!(codes(&report), [("FL101", 1), ("FL104", 8)]);
}

#[test]
fn unknown_codes_are_reported_with_a_suggestion() {
    let text = BASE.replace(
        "attr: {}",
        "attr: {}  # flowlint: ignore[FL1O4, unknown-key]",
    );
    let report = run(&text);
    assert_eq!(codes(&report), [("FL101", 1), ("FL902", 8)]);
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule.code == "FL902")
        .unwrap();
    assert_eq!(report.files[0].slice(finding.span), "FL1O4");
    assert!(finding.help.as_deref().unwrap_or("").contains("FL104"));
    assert_eq!(report.suppressed, 1, "the known name still suppresses");
}

#[test]
fn malformed_directives_are_reported() {
    for directive in [
        "# flowlint: ignore",
        "# flowlint: ignore[]",
        "# flowlint: disable[FL104]",
    ] {
        let report = run(&format!("{BASE}{directive}\n"));
        assert!(
            codes(&report).contains(&("FL902", 9)),
            "{directive}: {:?}",
            codes(&report)
        );
    }
}

#[test]
fn hashes_inside_quotes_are_not_comments() {
    let text = BASE.replace("name: logout", "name: \"logout # flowlint: ignore[FL104]\"");
    let report = run(&text);
    assert_eq!(codes(&report), [("FL101", 1), ("FL104", 8)]);
}

#[test]
fn meta_findings_can_be_suppressed_file_wide() {
    let text = format!("# flowlint: ignore-file[FL901]\n{BASE}# flowlint: ignore-file[FL110]\n");
    let report = run(&text);
    assert_eq!(codes(&report), [("FL101", 2), ("FL104", 9)]);
    assert_eq!(report.suppressed, 1);
}

#[test]
fn the_summary_counts_suppressed_findings() {
    let report = run(&BASE.replace("attr: {}", "attr: {}  # flowlint: ignore[FL104]"));
    assert_eq!(report.summary().suppressed, 1);
    let json: serde_json::Value =
        serde_json::from_str(&flowlint::output::json::render(&report)).unwrap();
    assert_eq!(json["summary"]["suppressed"], 1);
}
