//! Snapshots of the human renderer, and labels on the right characters in non-ASCII files.

mod common;

use flowlint::check::{Settings, check_text};
use flowlint::output::human::{HumanOptions, render};

fn human(path: &str, text: &str) -> String {
    let report = check_text(path, text, &Settings::default());
    render(
        &report,
        HumanOptions {
            color: false,
            width: 100,
        },
    )
}

#[test]
fn human_output_for_a_duplicate_key() {
    let text = "version: 1\nmetadata:\n  name: dup\nentries:\n  - model: authentik_stages_deny.denystage\n    identifiers:\n      name: deny\n      name: deny-again\n";
    common::snapshot_settings()
        .bind(|| insta::assert_snapshot!("human-duplicate-key", human("dup.yaml", text)));
}

#[test]
fn human_output_for_an_unknown_model_with_suggestion() {
    let text =
        "version: 1\nentries:\n  - model: authentik_flows.flwo\n    identifiers:\n      slug: x\n";
    common::snapshot_settings()
        .bind(|| insta::assert_snapshot!("human-unknown-model", human("model.yaml", text)));
}

#[test]
fn human_output_for_a_syntax_error_and_a_clean_file() {
    let text = "version: 1\nmetadata:\n  name: \"unclosed\nentries: []\n";
    common::snapshot_settings()
        .bind(|| insta::assert_snapshot!("human-syntax-error", human("broken.yaml", text)));
    let clean = "version: 1\nentries: []\n";
    assert!(
        human("clean.yaml", clean)
            .starts_with("No problems found in 1 file.\nJudged against authentik "),
        "the summary names the release judged against"
    );
}

#[test]
fn labels_land_on_the_right_characters_in_non_ascii_files() {
    // Multi-byte characters before the finding: byte offsets must not be confused with
    // character offsets, or the caret would drift left of `version`'s value.
    let text = "# Blueprint für Anmeldung – ünïcödé ✓ 😀\nmetadata:\n  name: \"Café ñé€😀\"\nversion: 3\nentries: []\n";
    let report = check_text("unicode.yaml", text, &Settings::default());
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule.code == "FL101")
        .expect("version finding");
    assert_eq!(&text[finding.span.range()], "3");
    let at = report.files[0].line_col(finding.span.start);
    assert_eq!((at.line, at.column), (4, 10));
    let rendered = human("unicode.yaml", text);
    common::snapshot_settings().bind(|| insta::assert_snapshot!("human-non-ascii", rendered));
    // The caret line sits under the `3`: same display column as the value.
    let lines: Vec<&str> = rendered.lines().collect();
    let value_line = lines.iter().position(|l| l.contains("version: 3")).unwrap();
    let caret_line = lines[value_line + 1];
    let value_col = lines[value_line].chars().position(|c| c == '3').unwrap();
    let caret_col = caret_line.chars().position(|c| c == '┬').unwrap();
    assert_eq!(value_col, caret_col, "\n{rendered}");
}

#[test]
fn labels_after_multibyte_characters_on_the_same_line() {
    // `yes` follows a key made of 2- and 3-byte characters on the same line.
    let text =
        "version: 1\nmetadata:\n  name: labels\n  labels:\n    \"ünïcödé-€\": yes\nentries: []\n";
    let report = check_text("labels.yaml", text, &Settings::default());
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule.code == "FL103")
        .expect("label finding");
    assert_eq!(&text[finding.span.range()], "yes");
    let at = report.files[0].line_col(finding.span.start);
    assert_eq!((at.line, at.column), (5, 18));
    let rendered = human("labels.yaml", text);
    let lines: Vec<&str> = rendered.lines().collect();
    let value_line = lines
        .iter()
        .position(|l| l.contains("\"ünïcödé-€\": yes"))
        .unwrap();
    let value_col = lines[value_line].chars().position(|c| c == 'y').unwrap();
    // The header gives the position in characters too.
    assert!(rendered.contains("[labels.yaml:5:18]"), "\n{rendered}");
    let caret_col = lines[value_line + 1]
        .chars()
        .position(|c| c == '┬' || c == '─')
        .unwrap();
    assert_eq!(value_col, caret_col, "\n{rendered}");
    common::snapshot_settings()
        .bind(|| insta::assert_snapshot!("human-non-ascii-same-line", rendered));
}
