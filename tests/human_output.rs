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

fn human_file(path: &str, color: bool) -> String {
    let text = std::fs::read_to_string(common::root().join(path)).unwrap();
    let report = check_text(path, &text, &Settings::default());
    render(&report, HumanOptions { color, width: 100 })
}

/// The output without ANSI colour sequences.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let end = rest[at..]
            .find(|c: char| c.is_ascii_alphabetic())
            .map_or(rest.len(), |e| at + e + 1);
        rest = &rest[end..];
    }
    out + rest
}

/// The line numbers of the source lines shown in a snippet (` 28 │ ...`).
fn shown_lines(rendered: &str) -> Vec<u32> {
    rendered
        .lines()
        .filter_map(|l| {
            let (number, rest) = l.trim_start().split_once(' ')?;
            rest.starts_with('│').then(|| number.parse().ok())?
        })
        .collect()
}

#[test]
fn lines_between_far_apart_labels_are_elided() {
    // FL504 labels the flow (line 28), the stage (57), the binding (85, 88) and the
    // policy binding (102): every line from 27 to 103 was printed.
    let path = "blueprints/mistakes/binding-policies-never-evaluated.yaml";
    let out = human_file(path, false);
    common::snapshot_settings().bind(|| insta::assert_snapshot!("human-far-apart-labels", out));
    let shown = shown_lines(&out);
    for labelled in [28, 57, 85, 88, 102] {
        assert!(
            shown.contains(&labelled),
            "line {labelled} is shown: {shown:?}"
        );
    }
    for between in [40, 70, 95] {
        assert!(
            !shown.contains(&between),
            "line {between} is elided: {shown:?}"
        );
    }
    assert!(
        out.contains("\n     ⋮\n"),
        "an elision marker in the box's column:\n{out}"
    );
    // Coloured, the same lines are kept and elided.
    assert_eq!(plain(&human_file(path, true)), out);
}

#[test]
fn a_label_over_many_lines_shows_its_ends() {
    // FL109's label covers the whole document (lines 15 to 39).
    let path = "blueprints/mistakes/top-level-key-typo.yaml";
    let out = human_file(path, false);
    common::snapshot_settings()
        .bind(|| insta::assert_snapshot!("human-label-over-many-lines", out));
    let fl109 = out.split("FL104").next().unwrap();
    let shown = shown_lines(fl109);
    assert!(shown.contains(&15) && shown.contains(&39), "{shown:?}");
    assert!(!shown.contains(&27), "{shown:?}");
    assert!(
        fl109.contains("\n    ⋮ │\n"),
        "the label's gutter goes through:\n{fl109}"
    );
}
