//! Hostile inputs through the binary: one run over a folder of every hostile file
//! exits with findings (1), not a tool error (2) or a crash, names each file and the
//! place, and still reports the problem in the good files.

mod robustness_hostile;

use assert_cmd::Command;
use robustness_hostile as hostile;
use serde_json::Value;

fn flowlint(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("flowlint").expect("binary builds");
    cmd.current_dir(dir).env_remove("FLOWLINT_CONFIG");
    cmd
}

fn json_findings(stdout: &[u8]) -> Vec<Value> {
    let doc: Value = serde_json::from_slice(stdout).expect("the JSON report");
    doc["findings"].as_array().cloned().unwrap_or_default()
}

fn has(findings: &[Value], file: &str, code: &str) -> Option<(u64, u64)> {
    findings
        .iter()
        .find(|f| f["file"] == file && f["code"] == code)
        .map(|f| {
            (
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
            )
        })
}

#[test]
fn a_folder_of_hostile_files_is_checked_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    hostile::hostile_folder(dir.path());
    let out = flowlint(dir.path())
        .args(["check", "--no-config", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let findings = json_findings(&out.stdout);
    // Plus the FIFO `hostile_folder` makes: the binary must not block on it.
    let expect = hostile::HOSTILE_FOLDER_FINDINGS
        .iter()
        .copied()
        .chain([("fifo.yaml", "FL007")]);
    for (file, code) in expect {
        assert!(
            has(&findings, file, code).is_some(),
            "{file} {code}: {findings:#?}"
        );
    }
    assert_eq!(has(&findings, "invalid-utf8.yaml", "FL006"), Some((3, 12)));
    assert_eq!(has(&findings, "nul.yaml", "FL001"), Some((3, 29)));
    assert_eq!(
        has(&findings, "long-line.yaml", "FL104").map(|(l, _)| l),
        Some(3)
    );

    // The human report renders every one of them too.
    let out = flowlint(dir.path())
        .args(["check", "--no-config", "--color", "never", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    for file in [
        "alias-bomb.yaml:",
        "huge.yaml:1:1",
        "dangling.yaml:1:1",
        "good.yaml:8:5",
        "nul.yaml:3:29",
    ] {
        assert!(text.contains(file), "{file} missing from the human report");
    }
}

#[test]
fn max_file_size_refuses_a_larger_file_by_name() {
    let dir = tempfile::tempdir().unwrap();
    hostile::write(dir.path(), "good.yaml", hostile::GOOD);
    let out = flowlint(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--max-file-size",
            "10",
            "good.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let findings = json_findings(&out.stdout);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(has(&findings, "good.yaml", "FL002"), Some((1, 1)));
    let message = findings[0]["message"].as_str().unwrap_or("");
    assert!(message.contains("over the limit of 10 bytes"), "{message}");
}

#[test]
fn hostile_stdin_is_bounded_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = flowlint(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--stdin-filename",
            "bomb.yaml",
            "-",
        ])
        .write_stdin(hostile::alias_bomb())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(has(&json_findings(&out.stdout), "bomb.yaml", "FL002").is_some());
    let out = flowlint(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--max-file-size",
            "100",
            "-",
        ])
        .write_stdin(hostile::one_megabyte_line())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(has(&json_findings(&out.stdout), "<stdin>", "FL002").is_some());
}
