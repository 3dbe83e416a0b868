//! The pre-commit hooks and docs/ci.md stay in step with the CLI.

mod common;

fn read(path: &str) -> String {
    std::fs::read_to_string(common::root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn pre_commit_hooks_check_the_whole_set() {
    let hooks = read(".pre-commit-hooks.yaml");
    for (id, entry) in [
        ("flowlint", "flowlint check --fail-on warning"),
        ("flowlint-test", "flowlint test"),
    ] {
        let start = hooks
            .find(&format!("- id: {id}\n"))
            .unwrap_or_else(|| panic!("hook {id}"));
        let block = &hooks[start..];
        let block = &block[..block[1..].find("\n- id:").map_or(block.len(), |i| i + 1)];
        assert!(
            block.contains(&format!("entry: {entry}\n")),
            "{id}: {block}"
        );
        assert!(
            block.contains("pass_filenames: false"),
            "{id} must check the whole set"
        );
        assert!(block.contains("language: rust"), "{id}");
        assert!(
            block.contains("files: "),
            "{id} runs when YAML or the config changes"
        );
    }
}

#[test]
fn ci_guide_mentions_every_format_and_install() {
    let guide = read("docs/ci.md");
    for needle in [
        "cargo install --path .",
        "upload-sarif",
        "--format sarif",
        "--format github",
        "`junit`",
        "pass_filenames: false",
        "flowlint completions bash",
        "flowlint man",
    ] {
        assert!(guide.contains(needle), "docs/ci.md lacks {needle}");
    }
}
