//! The full finding set (errors, warnings and infos) of the shared corpora, pinned:
//! a new false warning on real blueprints is a failing test. The community corpus is
//! checked as one world, each repository together and each file alone, with no
//! version and at 2026.8; authentik's own blueprints as one world. Skipped when the
//! shared corpus is not beside the checkout.

mod common;

use std::path::{Path, PathBuf};

use flowlint::catalog::Target;
use flowlint::check::{self, AuthentikVersion, Input, Settings};

fn corpus() -> Option<PathBuf> {
    let dir = common::root().join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

fn settings(version: Option<&str>) -> Settings {
    Settings {
        target: Target::select(version.and_then(AuthentikVersion::parse))
            .expect("a supported release"),
        ..Settings::default()
    }
}

fn inputs(files: &[PathBuf], corpus: &Path, settings: &Settings) -> Vec<Input> {
    files
        .iter()
        .map(|f| Input::read(f, common::relative(corpus, f), settings.max_file_size))
        .collect()
}

/// One line per finding: `path:line code severity message`.
fn lines(report: &check::Report) -> String {
    let json: serde_json::Value =
        serde_json::from_str(&common::json(report)).expect("the report is JSON");
    let mut out: Vec<String> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{}:{} {} {} {}",
                f["file"].as_str().unwrap_or(""),
                f["line"],
                f["code"].as_str().unwrap_or(""),
                f["severity"].as_str().unwrap_or(""),
                f["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    out.sort();
    out.join("\n")
}

fn community_files(corpus: &Path) -> Vec<PathBuf> {
    check::discover(&[corpus.join("community/files")]).expect("community corpus")
}

#[test]
fn community_as_one_world_and_per_repository() {
    let Some(corpus) = corpus() else { return };
    let files = community_files(&corpus);
    for version in [None, Some("2026.8")] {
        let settings = settings(version);
        let tag = version.unwrap_or("newest");
        let report = check::check_inputs(inputs(&files, &corpus, &settings), &settings);
        let name = format!("corpus-community-world-{tag}");
        common::snapshot_settings().bind(|| insta::assert_snapshot!(name, lines(&report)));
        // Each repository's files together: the same findings as the whole corpus
        // (the repositories never refer to each other).
        let mut repos: Vec<String> = files
            .iter()
            .filter_map(|f| {
                f.file_name()?
                    .to_str()?
                    .split("__")
                    .next()
                    .map(str::to_string)
            })
            .collect();
        repos.sort();
        repos.dedup();
        let mut per_repo = Vec::new();
        for repo in &repos {
            let mine: Vec<PathBuf> = files
                .iter()
                .filter(|f| {
                    f.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&format!("{repo}__")))
                })
                .cloned()
                .collect();
            let report = check::check_inputs(inputs(&mine, &corpus, &settings), &settings);
            let text = lines(&report);
            if !text.is_empty() {
                per_repo.push(text);
            }
        }
        let mut all: Vec<&str> = per_repo.iter().flat_map(|t| t.lines()).collect();
        all.sort();
        assert_eq!(all.join("\n"), lines(&report), "{tag}: per repository");
    }
}

#[test]
fn community_file_by_file() {
    let Some(corpus) = corpus() else { return };
    for version in [None, Some("2026.8")] {
        let settings = settings(version);
        let report = check::check_each(
            inputs(&community_files(&corpus), &corpus, &settings),
            &settings,
        );
        let name = format!("corpus-community-per-file-{}", version.unwrap_or("newest"));
        common::snapshot_settings().bind(|| insta::assert_snapshot!(name, lines(&report)));
    }
}

#[test]
fn upstream_as_one_world() {
    let Some(corpus) = corpus() else { return };
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus.join("authentik"))
        .expect("authentik corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && !p.ends_with("legacy"))
        .collect();
    dirs.sort();
    let settings = settings(None);
    let files = check::discover(&dirs).expect("corpus folders");
    let report = check::check_inputs(inputs(&files, &corpus, &settings), &settings);
    common::snapshot_settings()
        .bind(|| insta::assert_snapshot!("corpus-authentik-world", lines(&report)));
}
