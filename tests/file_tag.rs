//! `!File` is unknown by default; with `--allow-file-tag` it reads inside the
//! blueprint's folder only, and what it reads is never printed.

use assert_cmd::Command;

fn setup() -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("flowlint-file-tag-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("bp")).unwrap();
    // A designation read from a file: a bad value is reported only when the file is read.
    std::fs::write(root.join("bp/designation.txt"), "Hunter2-designation\n").unwrap();
    std::fs::write(root.join("outside.txt"), "login\n").unwrap();
    std::fs::write(
        root.join("bp/flow.yaml"),
        "version: 1\nmetadata:\n  name: file tag\nentries:\n  - model: authentik_flows.flow\n    identifiers:\n      slug: file-tag\n    attrs:\n      name: File tag\n      title: File tag\n      designation: !File designation.txt\n      layout: !File [../outside.txt, stacked]\n",
    )
    .unwrap();
    root
}

fn check(root: &std::path::Path, extra: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("flowlint")
        .unwrap()
        .current_dir(root)
        .args(["check", "--format", "json", "bp/flow.yaml"])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn file_tags_stay_unknown_unless_enabled_and_confined_when_enabled() {
    let root = setup();
    let (code, off) = check(&root, &[]);
    assert_eq!(code, 0, "{off}");
    assert!(!off.contains("FL202"), "{off}");

    let (code, on) = check(&root, &["--allow-file-tag"]);
    assert_eq!(code, 1, "{on}");
    // The file inside the folder was read: its value is not a valid designation...
    assert!(on.contains("FL202"), "{on}");
    // ...but what it holds is never printed.
    assert!(!on.contains("Hunter2"), "{on}");
    // `../outside.txt` is refused: the layout stays unknown, not `login` (which would be
    // an invalid layout) and not the default.
    assert_eq!(on.matches("FL202").count(), 1, "{on}");
    let _ = std::fs::remove_dir_all(&root);
}
