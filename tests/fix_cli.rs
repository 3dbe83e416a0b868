//! `check --fix`, `--unsafe-fixes` and `--diff`: what is written, what is not, exit
//! codes, and files changed during a run.

mod common;

use std::path::Path;

use common::flowlint;

/// Two safe fixes (`attr` -> `attrs` in one pass, `titel` -> `title` in the next, once
/// the attributes are read) and a warning that stays.
const TYPOS: &str = "version: 1
metadata:
  name: typos # a comment that stays
entries:
  - model: authentik_flows.flow
    identifiers:
      slug: my-flow
    attr:
      name: My flow
      titel: \"Welcome\"   # quoted, and kept so
      slug: my-flow
      designation: authentication
";

const TYPOS_FIXED: &str = "version: 1
metadata:
  name: typos # a comment that stays
entries:
  - model: authentik_flows.flow
    identifiers:
      slug: my-flow
    attrs:
      name: My flow
      title: \"Welcome\"   # quoted, and kept so
      slug: my-flow
      designation: authentication
";

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    flowlint()
        .current_dir(dir)
        .arg("check")
        .arg("--no-config")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn fix_rewrites_only_the_edits_and_reports_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "typos.yaml", TYPOS);
    let out = run(dir.path(), &["--fix", "typos.yaml"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TYPOS_FIXED);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Fixed 2 findings in 1 file (FL104, FL207)."),
        "{stdout}"
    );
    assert!(stdout.contains("1 finding remains."), "{stdout}");
    assert!(
        !stdout.contains("unknown-key"),
        "the fixed finding is not reported: {stdout}"
    );
    // The warning that remains does not fail the run.
    assert_eq!(out.status.code(), Some(0));
    // Fixing again changes nothing.
    let again = run(dir.path(), &["--fix", "typos.yaml"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("Nothing fixed."));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TYPOS_FIXED);
}

#[test]
fn diff_prints_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "typos.yaml", TYPOS);
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let out = run(dir.path(), &["--diff", "typos.yaml"]);
    assert_eq!(out.status.code(), Some(1), "a diff to apply exits 1");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("--- a/typos.yaml\n+++ b/typos.yaml\n"),
        "{stdout}"
    );
    assert!(stdout.contains("-    attr:\n+    attrs:\n"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TYPOS);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left"
    );
    // Nothing to change: exit 0, empty diff.
    write(dir.path(), "typos.yaml", TYPOS_FIXED);
    let out = run(dir.path(), &["--diff", "typos.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn read_only_runs_never_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "typos.yaml", TYPOS);
    for args in [
        vec!["typos.yaml"],
        vec!["--format", "json", "typos.yaml"],
        vec!["--diff", "--unsafe-fixes", "typos.yaml"],
    ] {
        run(dir.path(), &args);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), TYPOS, "{args:?}");
    }
}

#[test]
fn json_findings_carry_their_fix() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "typos.yaml", TYPOS);
    let out = run(dir.path(), &["--format", "json", "typos.yaml"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    let fl104 = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "FL104")
        .expect("FL104 reported");
    assert_eq!(
        fl104["fix"],
        serde_json::json!({
            "title": "Rename `attr` to `attrs`",
            "applicability": "safe",
            "edits": [{"line": 8, "column": 5, "end_line": 8, "end_column": 9,
                       "start": 140, "end": 144, "content": "attrs"}]
        })
    );
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "typos.yaml", TYPOS);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("typos.yaml", dir.path().join("link.yaml")).unwrap();
    run(dir.path(), &["--fix", "link.yaml"]);
    assert!(
        dir.path().join("link.yaml").is_symlink(),
        "the link stays a link"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TYPOS_FIXED);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn a_file_changed_or_replaced_after_reading_is_left_alone() {
    use flowlint::fix::{Identity, Written, write_fixed};
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.yaml", "a: 1\n");
    let identity = Identity::of(&path);
    // Edited in place.
    std::fs::write(&path, "a: 2\n").unwrap();
    let outcome = write_fixed(&path, identity.as_ref(), "a: 1\n", "b: 1\n").unwrap();
    assert!(matches!(outcome, Written::LeftAlone(_)));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "a: 2\n");
    // Replaced by another file with the same bytes (a new inode).
    std::fs::write(&path, "a: 1\n").unwrap();
    let identity = Identity::of(&path);
    let other = write(dir.path(), "other.yaml", "a: 1\n");
    std::fs::rename(&other, &path).unwrap();
    let outcome = write_fixed(&path, identity.as_ref(), "a: 1\n", "b: 1\n").unwrap();
    if cfg!(unix) {
        assert!(matches!(outcome, Written::LeftAlone(_)));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a: 1\n");
    }
    // Unchanged: written.
    let identity = Identity::of(&path);
    let outcome = write_fixed(&path, identity.as_ref(), "a: 1\n", "b: 1\n").unwrap();
    assert_eq!(outcome, Written::Yes);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "b: 1\n");
}

#[test]
fn fix_options_need_files() {
    let out = flowlint()
        .args(["check", "--no-config", "--fix", "-"])
        .write_stdin(TYPOS)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = flowlint()
        .args(["check", "--no-config", "--diff", "-"])
        .write_stdin(TYPOS)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("+    attrs:"));
    let out = flowlint()
        .args(["check", "--no-config", "--unsafe-fixes", "-"])
        .write_stdin(TYPOS)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "--unsafe-fixes alone is a usage error"
    );
}

#[test]
fn config_unfixable_and_fixable() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "typos.yaml", TYPOS);
    write(dir.path(), "flowlint.toml", "unfixable = [\"FL207\"]\n");
    flowlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "typos.yaml"])
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("attrs:") && text.contains("titel:"), "{text}");
    write(dir.path(), "typos.yaml", TYPOS);
    write(
        dir.path(),
        "flowlint.toml",
        "fixable = [\"unknown-attribute\"]\n",
    );
    flowlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "typos.yaml"])
        .output()
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        TYPOS,
        "FL207 alone finds nothing to fix under `attr`"
    );
}

/// FL601's `!Env` names follow the object: two providers of one model read two variables.
#[test]
fn plaintext_secrets_of_two_objects_get_two_variables() {
    let text = "version: 1\nmetadata:\n  name: two-secrets\nentries:\n- model: authentik_providers_oauth2.oauth2provider\n  identifiers:\n    name: Grafana\n  attrs:\n    client_secret: s3cr3t-one-4c7e4933009437fb\n- model: authentik_providers_oauth2.oauth2provider\n  identifiers:\n    name: wiki.js\n  attrs:\n    client_secret: 's3cr3t-two-86b5389d15b1731a'\n";
    let settings = flowlint::check::Settings::default();
    let run = flowlint::fix::fix_inputs(
        vec![flowlint::check::Input::from_text(
            "two.yaml",
            text.to_string(),
        )],
        &flowlint::fix::FixPolicy::new(flowlint::fix::Applicability::Unsafe),
        |i| flowlint::check::check_inputs(i, &settings),
    );
    let fixed = &run.files[0].fixed;
    assert!(
        fixed.contains("    client_secret: !Env GRAFANA_CLIENT_SECRET\n"),
        "{fixed}"
    );
    assert!(
        fixed.contains("    client_secret: !Env WIKI_JS_CLIENT_SECRET\n"),
        "{fixed}"
    );
    assert!(!fixed.contains("s3cr3t"), "{fixed}");
}
