//! Hostile inputs through the library: each gives a finding naming the file and the
//! place, within the limits of docs/robustness.md, and the other files are still
//! checked. The same folder through the binary is in `robustness_cli.rs`.

mod robustness_hostile;

use std::path::Path;

use flowlint::check::{self, Input, Report, Settings, check_text};
use flowlint::finding::Finding;
use flowlint::output;
use robustness_hostile as hostile;

fn check_folder(dir: &Path, settings: &Settings) -> Report {
    let files = check::discover(&[dir.to_path_buf()]).expect("the folder exists");
    let inputs = files
        .iter()
        .map(|f| {
            Input::read(
                f,
                f.strip_prefix(dir).unwrap_or(f).display().to_string(),
                settings.max_file_size,
            )
        })
        .collect();
    check::check_inputs(inputs, settings)
}

/// The findings of `code` in the file shown as `path`.
fn findings<'r>(report: &'r Report, path: &str, code: &str) -> Vec<&'r Finding> {
    report
        .findings
        .iter()
        .filter(|f| report.files[f.file].path == path && f.rule.code == code)
        .collect()
}

fn line_col(report: &Report, finding: &Finding) -> (u32, u32) {
    let at = report.files[finding.file].line_col(finding.span.start);
    (at.line, at.column)
}

/// One finding of `code` for a text checked alone; every finding's span in the text.
fn only(text: &str, code: &str) -> (Report, Finding) {
    let report = check_text("hostile.yaml", text, &Settings::default());
    for f in &report.findings {
        assert!(
            f.span.end as usize <= text.len() && f.span.start <= f.span.end,
            "{f:?}"
        );
    }
    let found: Vec<Finding> = report
        .findings
        .iter()
        .filter(|f| f.rule.code == code)
        .cloned()
        .collect();
    assert_eq!(found.len(), 1, "{code} in {:?}", report.findings);
    let finding = found[0].clone();
    (report, finding)
}

#[test]
fn alias_bomb_stops_at_the_alias_budget() {
    let text = hostile::alias_bomb();
    let (report, finding) = only(&text, "FL002");
    assert!(
        finding.message.contains("alias bomb"),
        "{}",
        finding.message
    );
    // The budget runs out on a line of aliases, not at the top of the file.
    let (line, _) = line_col(&report, &finding);
    assert!(line > 2, "line {line}");
    assert!(report.findings.iter().all(|f| f.rule.code == "FL002"));
}

#[test]
fn nesting_a_hundred_thousand_deep_is_cut_off() {
    for text in [
        hostile::deep_flow_seq(),
        hostile::deep_flow_map(),
        hostile::deep_block_seq(),
    ] {
        let (report, finding) = only(&text, "FL002");
        assert!(finding.message.contains("nesting"), "{}", finding.message);
        let (line, column) = line_col(&report, &finding);
        assert_eq!(line, 1);
        // Cut off near the limit, not at the 100,000th level.
        assert!((200..5_000).contains(&column), "column {column}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_reported_and_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let small = hostile::write(dir.path(), "small.yaml", hostile::GOOD);
    let settings = Settings {
        max_file_size: 16,
        ..Settings::default()
    };
    let input = Input::read(&small, "small.yaml".into(), settings.max_file_size);
    let report = check::check_inputs(vec![input], &settings);
    let found = findings(&report, "small.yaml", "FL002");
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .message
            .contains("over the limit of 16 bytes; it was not read")
    );
    // Not read: no finding about its content (the good file has an unknown key).
    assert!(findings(&report, "small.yaml", "FL104").is_empty());

    // 200 MB, sparse: the default limit refuses it from its size alone.
    let huge = dir.path().join("huge.yaml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let input = Input::read(&huge, "huge.yaml".into(), Settings::default().max_file_size);
    assert!(matches!(
        input.content,
        check::InputContent::TooLarge {
            size: 209_715_200,
            ..
        }
    ));
    let report = check::check_inputs(vec![input], &Settings::default());
    let found = findings(&report, "huge.yaml", "FL002");
    assert!(
        found[0].message.contains("209715200 bytes"),
        "{}",
        found[0].message
    );
    assert_eq!(report.files[0].text, "", "nothing of the file is kept");
}

#[test]
fn a_one_megabyte_line_is_checked_and_rendered() {
    let text = hostile::one_megabyte_line();
    let (report, finding) = only(&text, "FL104");
    assert_eq!(line_col(&report, &finding).0, 3);
    assert!(finding.message.contains("attrz"));
    let human = output::human::render(&report, output::human::HumanOptions::default());
    assert!(
        human.contains("hostile.yaml:3:"),
        "{}",
        &human[..human.len().min(500)]
    );
}

#[test]
fn invalid_utf8_and_binary_files_are_reported_at_the_first_bad_byte() {
    let input = Input::from_bytes("latin1.yaml", hostile::invalid_utf8());
    let report = check::check_inputs(vec![input], &Settings::default());
    let found = findings(&report, "latin1.yaml", "FL006");
    assert_eq!(line_col(&report, found[0]), (3, 12));
    assert!(
        found[0].message.contains("offset 32"),
        "{}",
        found[0].message
    );

    let input = Input::from_bytes("image.yaml", hostile::binary());
    let report = check::check_inputs(vec![input], &Settings::default());
    assert_eq!(findings(&report, "image.yaml", "FL006").len(), 1);
    assert_eq!(
        report.findings.len(),
        1,
        "a binary file gives one finding, not noise"
    );
}

#[test]
fn nul_bytes_are_a_syntax_error_at_the_nul() {
    let text = hostile::nul_bytes();
    let (report, finding) = only(&text, "FL001");
    assert_eq!(line_col(&report, &finding), (3, 29));
}

#[test]
fn an_integer_with_ten_thousand_digits_is_out_of_range_and_shortened() {
    let text = hostile::huge_integer();
    let report = check_text("int.yaml", &text, &Settings::default());
    let found = findings(&report, "int.yaml", "FL203");
    assert_eq!(found.len(), 1, "{:?}", report.findings);
    assert_eq!(line_col(&report, found[0]), (7, 14));
    assert!(
        found[0].message.len() < 400,
        "the message quotes a shortened number"
    );
}

#[test]
fn a_hundred_thousand_entries_in_one_file_finish() {
    let text = hostile::many_entries(100_000);
    let report = check_text("many.yaml", &text, &Settings::default());
    assert_eq!(report.files.len(), 1);
    assert!(report.findings.is_empty(), "{:?}", report.findings.first());
}

#[test]
fn a_directory_symlink_loop_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    hostile::symlink_loop(dir.path());
    hostile::write(dir.path(), "good.yaml", hostile::GOOD);
    let report = check_folder(dir.path(), &Settings::default());
    let paths: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["good.yaml", "loop/inner.yaml"]);
    assert_eq!(findings(&report, "loop/inner.yaml", "FL104").len(), 1);
}

#[test]
fn unreadable_files_are_reported_and_do_not_block() {
    let dir = tempfile::tempdir().unwrap();
    let bad = hostile::unreadable(dir.path());
    assert!(bad.len() >= 2);
    hostile::write(dir.path(), "good.yaml", hostile::GOOD);
    let report = check_folder(dir.path(), &Settings::default());
    for path in &bad {
        let name = path.file_name().unwrap().to_string_lossy();
        let found = findings(&report, &name, "FL007");
        assert_eq!(found.len(), 1, "{name}: {:?}", report.findings);
        assert_eq!(line_col(&report, found[0]), (1, 1));
    }
    assert_eq!(findings(&report, "good.yaml", "FL104").len(), 1);
}

#[test]
fn a_file_that_vanishes_after_discovery_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    hostile::write(dir.path(), "gone.yaml", hostile::GOOD);
    hostile::write(dir.path(), "good.yaml", hostile::GOOD);
    let files = check::discover(&[dir.path().to_path_buf()]).unwrap();
    std::fs::remove_file(dir.path().join("gone.yaml")).unwrap();
    let inputs = files.iter().map(|f| {
        Input::read(
            f,
            check::display_path(f.strip_prefix(dir.path()).unwrap()),
            1 << 20,
        )
    });
    let report = check::check_inputs(inputs.collect(), &Settings::default());
    let found = findings(&report, "gone.yaml", "FL007");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains("No such file"),
        "{}",
        found[0].message
    );
    assert_eq!(findings(&report, "good.yaml", "FL104").len(), 1);
}

#[test]
fn every_hostile_file_together_still_checks_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    hostile::hostile_folder(dir.path());
    let report = check_folder(dir.path(), &Settings::default());
    for &(path, code) in hostile::HOSTILE_FOLDER_FINDINGS {
        assert_eq!(findings(&report, path, code).len(), 1, "{path} {code}");
    }
}

#[test]
fn twenty_thousand_findings_in_one_file_render_as_human_text() {
    // Each finding's snippet is cut from the lines around it, not from the whole text.
    let mut text = String::from("version: 1\nentries:\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "  - model: authentik_core.user\n    identifiers:\n      username: u{i}\n    attrs:\n      password: pw-{i}\n"
        ));
    }
    let report = check_text("many-secrets.yaml", &text, &Settings::default());
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.rule.code == "FL601")
            .count(),
        20_000
    );
    let human = output::human::render(&report, output::human::HumanOptions::default());
    assert!(
        human.contains("many-secrets.yaml:100002:17"),
        "the last finding is rendered"
    );
    assert!(!human.contains("pw-19999"));
}
