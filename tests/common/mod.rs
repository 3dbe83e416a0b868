//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use flowlint::check::{self, Input, Report, Settings};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// insta settings: snapshots live in the top-level `snapshots/` folder.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// Check files or folders (paths relative to the crate root) the way the CLI does,
/// with paths shown relative to the crate root.
pub fn check_paths(paths: &[&str], settings: &Settings) -> Report {
    let root = root();
    let full: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
    let found = check::find_files(&full).expect("fixture path exists");
    let discovered = check::read_found(&found, settings.max_file_size, |f| relative(&root, f));
    check::check_inputs(discovered.inputs, settings)
}

/// The files under `dirs` as check inputs, named by their full paths.
pub fn inputs_of(dirs: &[PathBuf], settings: &Settings) -> Vec<Input> {
    let files = check::discover(dirs).expect("folders exist");
    files
        .iter()
        .map(|f| Input::read(f, f.display().to_string(), settings.max_file_size))
        .collect()
}

pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

pub fn json(report: &Report) -> String {
    flowlint::output::json::render(report)
}

/// The built binary, run from the crate root.
pub fn flowlint() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("flowlint").expect("binary builds");
    cmd.current_dir(root());
    cmd
}

/// `flowlint check --no-config ARGS...` from the crate root, run to completion.
pub fn check_cli(args: &[&str]) -> std::process::Output {
    flowlint()
        .arg("check")
        .arg("--no-config")
        .args(args)
        .output()
        .expect("runs")
}

/// `../shared/corpus` beside the checkout. On a fresh clone it is absent and the tests
/// that need it skip; in CI (`CI` set, or `FLOWLINT_REQUIRE_CORPUS`) a missing corpus
/// fails them, so CI can never pass them by skipping.
pub fn shared_corpus() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus");
    if dir.is_dir() {
        return Some(dir);
    }
    let required = ["CI", "FLOWLINT_REQUIRE_CORPUS"]
        .iter()
        .any(|name| std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "false" && v != "0"));
    assert!(
        !required,
        "{} is missing: CI runs with the shared corpus beside the clone",
        dir.display()
    );
    eprintln!("skipped: no shared corpus at {}", dir.display());
    None
}
