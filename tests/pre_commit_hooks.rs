//! The shipped pre-commit hooks (`.pre-commit-hooks.yaml`), run for real: `pre-commit`
//! installs both hooks from this repository's HEAD into a scratch git repository, a
//! commit with a warning (a typo'd `attr:` key, FL104) is blocked, the fixed commit
//! passes both hooks (`flowlint-test` with no scenario in the repository).
//!
//! pre-commit builds a `language: rust` hook with `cargo install --path .` (the release
//! profile: fat LTO, minutes). cargo reads its profile and target folder from the
//! environment pre-commit passes on, so the test builds it unoptimised, without LTO,
//! into a cached target folder (`target/pre-commit/`): a minute or so the first time,
//! only flowlint itself for a new commit. Without `pre-commit` the test says so and
//! skips; in CI (`CI` set) it fails: `.ci/run` installs pre-commit.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

fn pre_commit() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("pre-commit"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            !in_ci(),
            "`pre-commit` is missing: .ci/run installs it in CI"
        );
        eprintln!("skipped: `pre-commit` is not installed (CI installs it)");
    }
    found
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// `git` in `dir` with a fixed identity and no global or system configuration.
fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args([
            "-c",
            "user.name=flowlint test",
            "-c",
            "user.email=test@example.com",
        ]);
    cmd
}

/// pre-commit's result line for a hook: `flowlint check....Passed`.
fn hook_result<'s>(said: &'s str, hook: &str) -> Option<&'s str> {
    said.lines()
        .find(|l| l.starts_with(hook) && l.contains("..."))
        .map(|l| l.rsplit('.').next().unwrap_or_default().trim())
}

const WITH_WARNING: &str = "version: 1\nmetadata:\n  name: hook test\nentries:\n  - model: authentik_core.group\n    identifiers:\n      name: hook-test\n    attr:\n      is_superuser: false\n";

#[test]
fn pre_commit_hooks_block_a_warning_and_pass_a_clean_commit() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let root = common::root();
    let head = git(&root).args(["rev-parse", "HEAD"]).output().unwrap();
    assert!(
        head.status.success(),
        "the hooks are installed from this repository's HEAD: {}",
        said(&head)
    );
    let rev = String::from_utf8_lossy(&head.stdout).trim().to_string();

    let scratch = tempfile::tempdir().unwrap();
    let repo = scratch.path();
    assert!(git(repo).args(["init", "-q"]).status().unwrap().success());
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: flowlint\n      - id: flowlint-test\n",
        root.display()
    );
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
    std::fs::create_dir_all(repo.join("blueprints")).unwrap();
    std::fs::write(repo.join("blueprints/groups.yaml"), WITH_WARNING).unwrap();

    let cache = root.join("target/pre-commit");
    let with_cache = |cmd: &mut Command| {
        cmd.env("PRE_COMMIT_HOME", cache.join("home"))
            .env("CARGO_TARGET_DIR", cache.join("target"))
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
            .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true");
    };
    let mut install = Command::new(&pre_commit);
    install
        .current_dir(repo)
        .args(["install", "--install-hooks"]);
    with_cache(&mut install);
    let installed = install.output().unwrap();
    assert!(
        installed.status.success(),
        "pre-commit install: {}",
        said(&installed)
    );

    let commit = |message: &str| {
        assert!(git(repo).args(["add", "-A"]).status().unwrap().success());
        let mut cmd = git(repo);
        cmd.args(["commit", "-q", "-m", message]);
        with_cache(&mut cmd);
        cmd.output().unwrap()
    };

    let blocked = commit("a typo'd attrs key");
    let blocked_said = said(&blocked);
    assert!(
        !blocked.status.success(),
        "the warning blocks the commit: {blocked_said}"
    );
    assert_eq!(
        hook_result(&blocked_said, "flowlint check"),
        Some("Failed"),
        "{blocked_said}"
    );
    assert!(blocked_said.contains("FL104"), "{blocked_said}");
    assert!(
        blocked_said.contains("unknown key `attr`"),
        "{blocked_said}"
    );
    let committed = git(repo)
        .args(["rev-parse", "-q", "--verify", "HEAD"])
        .output()
        .unwrap();
    assert!(!committed.status.success(), "nothing was committed");

    let fixed = WITH_WARNING.replace("    attr:\n", "    attrs:\n");
    std::fs::write(repo.join("blueprints/groups.yaml"), fixed).unwrap();
    let passed = commit("attrs");
    let passed_said = said(&passed);
    assert!(
        passed.status.success(),
        "a clean commit passes: {passed_said}"
    );
    assert_eq!(
        hook_result(&passed_said, "flowlint check"),
        Some("Passed"),
        "{passed_said}"
    );
    assert_eq!(
        hook_result(&passed_said, "flowlint test"),
        Some("Passed"),
        "flowlint-test passes with no scenario: {passed_said}"
    );
}
