//! Hostile inputs shared by `tests/robustness.rs` (library) and
//! `tests/robustness_cli.rs` (binary): each writes one file into a folder.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// A good blueprint with exactly one known problem (FL104 on `attrz`), checked
/// beside the hostile files to show the run goes on.
pub const GOOD: &str = "version: 1\nmetadata:\n  name: good\nentries:\n  - model: authentik_core.group\n    identifiers:\n      name: good-group\n    attrz: {}\n";

pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write a test file");
    path
}

/// Billion laughs: nine levels of nine aliases (9^9 strings if expanded).
pub fn alias_bomb() -> String {
    let mut text =
        String::from("version: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..9 {
        let prev = format!("*l{}", level - 1);
        let items = [prev.as_str(); 9].join(", ");
        text.push_str(&format!("l{level}: &l{level} [{items}]\n"));
    }
    text
}

pub const DEEP: usize = 100_000;

pub fn deep_flow_seq() -> String {
    format!("{}{}\n", "[".repeat(DEEP), "]".repeat(DEEP))
}

pub fn deep_flow_map() -> String {
    format!("{}x{}\n", "{a: ".repeat(DEEP), "}".repeat(DEEP))
}

/// Block sequences nested on one line: `- - - ... x`.
pub fn deep_block_seq() -> String {
    format!("{}x\n", "- ".repeat(DEEP))
}

/// A blueprint whose second line is 1 MB long, with a real problem on line 3.
pub fn one_megabyte_line() -> String {
    let long = "x".repeat(1 << 20);
    format!(
        "version: 1\nmetadata: {{name: long, labels: {{note: \"{long}\"}}}}\nentries: [{{model: authentik_core.group, identifiers: {{name: g}}, attrz: 1}}]\n"
    )
}

pub fn invalid_utf8() -> Vec<u8> {
    b"version: 1\nmetadata:\n  name: caf\xe9\n".to_vec()
}

/// The start of a PNG: a binary file that is not UTF-8.
pub fn binary() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..=255u8).cycle().take(4096));
    bytes
}

pub fn nul_bytes() -> String {
    "version: 1\nentries:\n  - model: authentik_core.gr\0oup\n    identifiers: {name: g}\n"
        .to_string()
}

pub fn huge_integer() -> String {
    format!(
        "version: 1\nentries:\n  - model: authentik_flows.flowstagebinding\n    identifiers:\n      target: !KeyOf f\n      stage: !KeyOf s\n      order: {}\n",
        "9".repeat(10_000)
    )
}

pub fn many_entries(n: usize) -> String {
    let mut text = String::with_capacity(n * 80);
    text.push_str("version: 1\nmetadata:\n  name: many\nentries:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  - model: authentik_core.group\n    identifiers:\n      name: group-{i}\n"
        ));
    }
    text
}

/// Whether permission bits stop this process from reading (not as root).
pub fn permissions_bite(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = write(dir, ".probe", "x");
    let _ = fs::set_permissions(&probe, fs::Permissions::from_mode(0o000));
    let bites = fs::read(&probe).is_err();
    let _ = fs::set_permissions(&probe, fs::Permissions::from_mode(0o600));
    let _ = fs::remove_file(&probe);
    bites
}

/// Files that cannot be read whoever runs the test: a dangling symlink, a symlink
/// loop and a FIFO
/// (opening a FIFO would block forever), plus a mode-000 file where that bites.
pub fn unreadable(dir: &Path) -> Vec<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let dangling = dir.join("dangling.yaml");
    std::os::unix::fs::symlink(dir.join("no-such-target.yaml"), &dangling).expect("symlink");
    let fifo = dir.join("fifo.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    // A symlink to itself: "too many levels of symbolic links".
    let selfloop = dir.join("selfloop.yaml");
    std::os::unix::fs::symlink("selfloop.yaml", &selfloop).expect("symlink");
    let mut paths = vec![dangling, selfloop];
    if made {
        paths.push(fifo);
    }
    if permissions_bite(dir) {
        let locked = write(dir, "locked.yaml", GOOD);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod 000");
        paths.push(locked);
    }
    paths
}

/// `dir/loop/back -> dir`: walking follows it back to where it started.
pub fn symlink_loop(dir: &Path) {
    let sub = dir.join("loop");
    fs::create_dir_all(&sub).expect("mkdir");
    write(
        &sub,
        "inner.yaml",
        GOOD.replace("good-group", "inner-group"),
    );
    std::os::unix::fs::symlink(dir, sub.join("back")).expect("symlink");
}

/// What a check of [`hostile_folder`] reports, one finding of each (file, code).
pub const HOSTILE_FOLDER_FINDINGS: &[(&str, &str)] = &[
    ("alias-bomb.yaml", "FL002"),
    ("deep-flow.yaml", "FL002"),
    ("deep-block.yaml", "FL002"),
    ("huge.yaml", "FL002"),
    ("long-line.yaml", "FL104"),
    ("invalid-utf8.yaml", "FL006"),
    ("binary.yaml", "FL006"),
    ("nul.yaml", "FL001"),
    ("huge-int.yaml", "FL203"),
    ("dangling.yaml", "FL007"),
    ("selfloop.yaml", "FL007"),
    ("good.yaml", "FL104"),
    ("loop/inner.yaml", "FL104"),
];

/// Every hostile file of the robustness table in one folder, beside `good.yaml`.
/// The 200 MB case is a sparse file (never read, so never written either).
pub fn hostile_folder(dir: &Path) {
    write(dir, "good.yaml", GOOD);
    write(dir, "alias-bomb.yaml", alias_bomb());
    write(dir, "deep-flow.yaml", deep_flow_seq());
    write(dir, "deep-block.yaml", deep_block_seq());
    write(dir, "long-line.yaml", one_megabyte_line());
    write(dir, "invalid-utf8.yaml", invalid_utf8());
    write(dir, "binary.yaml", binary());
    write(dir, "nul.yaml", nul_bytes());
    write(dir, "huge-int.yaml", huge_integer());
    let big = fs::File::create(dir.join("huge.yaml")).expect("create");
    big.set_len(200 * 1024 * 1024).expect("sparse 200 MB");
    unreadable(dir);
    symlink_loop(dir);
}
