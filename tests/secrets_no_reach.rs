//! No reach outside: `!Env` reads only `--env` values (never the process
//! environment), `!File` is never read, and checking never writes to the checked
//! files or their folder.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use assert_cmd::Command;

/// A flow whose slug comes from a tag: a value with spaces would be an invalid slug
/// (FL201), so a finding shows whether the tag was evaluated.
fn flow_with_slug(tag: &str) -> String {
    format!(
        "version: 1\nentries:\n  - model: authentik_flows.flow\n    identifiers:\n      slug: {tag}\n    attrs: {{name: n, title: t, designation: authentication}}\n"
    )
}

/// `flowlint check --no-config FILE ARGS...` (JSON unless ARGS pick a format).
fn check(dir: &Path, file: &str, extra: &[&str]) -> (Option<i32>, String) {
    let format = if extra.contains(&"--format") {
        &[][..]
    } else {
        &["--format", "json"][..]
    };
    let out = Command::cargo_bin("flowlint")
        .expect("binary builds")
        .current_dir(dir)
        .env("FLOWLINT_PLANTED", "PLANTED PROCESS VALUE")
        .args(["check", "--no-config", file])
        .args(format)
        .args(extra)
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code(), text)
}

#[test]
fn env_reads_only_values_given_with_the_env_flag() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("f.yaml"),
        flow_with_slug("!Env FLOWLINT_PLANTED"),
    )
    .unwrap();
    // Set in the process environment only: unknown, so nothing is reported.
    let (code, text) = check(dir.path(), "f.yaml", &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        !text.contains("FL201") && !text.contains("PLANTED"),
        "{text}"
    );
    // Given explicitly: evaluated (the slug is checked), and the value not printed.
    let (code, text) = check(
        dir.path(),
        "f.yaml",
        &["--env", "FLOWLINT_PLANTED=PLANTED FLAG VALUE"],
    );
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("FL201"), "{text}");
    assert!(!text.contains("PLANTED"), "{text}");
}

#[test]
fn file_tags_are_never_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("slug.txt"), "PLANTED FILE VALUE").unwrap();
    let absolute = dir.path().join("slug.txt");
    for arg in [
        "slug.txt".to_string(),
        "./slug.txt".into(),
        absolute.display().to_string(),
    ] {
        fs::write(
            dir.path().join("f.yaml"),
            flow_with_slug(&format!("!File {arg}")),
        )
        .unwrap();
        let (code, text) = check(dir.path(), "f.yaml", &[]);
        assert_eq!(code, Some(0), "!File {arg}: {text}");
        assert!(
            !text.contains("FL201") && !text.contains("PLANTED"),
            "!File {arg}: {text}"
        );
    }
}

type Snapshot = BTreeMap<PathBuf, (Vec<u8>, SystemTime, u32)>;

/// Every file under `dir`: content, modification time and permission bits.
fn snapshot(dir: &Path) -> Snapshot {
    use std::os::unix::fs::PermissionsExt;
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else {
                let content = if meta.is_file() {
                    fs::read(&path).unwrap()
                } else {
                    Vec::new()
                };
                out.insert(
                    path,
                    (content, meta.modified().unwrap(), meta.permissions().mode()),
                );
            }
        }
    }
    out
}

#[test]
fn checking_never_writes_to_the_checked_files() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("blueprints");
    fs::create_dir(&sub).unwrap();
    // Files with findings of every kind flowlint could be tempted to "fix".
    fs::write(sub.join("dup.yaml"), "version: 1\nentries:\n  - model: authentik_core.group\n    identifiers: {name: a, name: b}\n").unwrap();
    fs::write(sub.join("secret.yaml"), "version: 1\nentries:\n  - model: authentik_core.user\n    identifiers: {username: u}\n    attrs: {password: PLANTED-pw}\n").unwrap();
    fs::write(sub.join("bad.yaml"), b"version: 1\nname: caf\xe9\n").unwrap();
    fs::write(sub.join("syntax.yaml"), "version: [1\n").unwrap();
    let before = snapshot(dir.path());
    for format in ["human", "json", "sarif", "github", "junit"] {
        let (code, text) = check(dir.path(), "blueprints", &["--format", format]);
        assert_eq!(code, Some(1), "{format}: {text}");
    }
    let after = snapshot(dir.path());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no file added or removed"
    );
    for (path, state) in &before {
        assert!(after.get(path) == Some(state), "{} changed", path.display());
    }
}
