//! Differential test against PyYAML, the loader authentik uses (issue 18).
//!
//! Every fixture, bundled blueprint and (when `../shared` is beside the clone) corpus
//! file, plus a seeded mutation corpus of at least 20,000 windows of them
//! (`yaml_differential/mutate.rs`), goes through flowlint and through
//! `scripts/pyyaml_oracle.py` (PyYAML 6.0.3 with authentik's tag constructors). They
//! must agree on whether the file loads and on the type (and number) of every scalar.
//! A disagreement fails the test unless `tests/yaml_differential/allowlist.txt` explains it.
//!
//! With `CI` set a missing python3 or PyYAML fails the test; elsewhere it is skipped
//! with a message. `FLOWLINT_DIFF_MUTANTS` changes the corpus size (e.g. for a quick run),
//! `FLOWLINT_DIFF_SEED` the seed (held-out mutants), `FLOWLINT_DIFF_ALLOWLIST` the
//! allowlist file (`/dev/null` shows every disagreement).

mod common;
#[path = "yaml_differential/compare.rs"]
mod compare;
#[path = "yaml_differential/mutate.rs"]
mod mutate;
#[path = "yaml_differential/ops.rs"]
mod ops;
#[path = "yaml_differential/oracle.rs"]
mod oracle;
#[path = "yaml_differential/tables.rs"]
mod tables;

use std::path::{Path, PathBuf};
use std::time::Instant;

use compare::{Allowlist, Case, Verdict};
use rayon::prelude::*;

const MIN_MUTANTS: usize = 20_000;

/// The source files: fixtures and bundled blueprints always, the shared corpus when present.
fn sources() -> Vec<(String, String)> {
    let root = common::root();
    let mut dirs = vec![root.join("tests/fixtures"), root.join("blueprints")];
    let shared = root.join("../shared/corpus");
    // The fixtures alone reach the 20,000 mutants; the corpus joins when it is there.
    if shared.is_dir() {
        dirs.push(shared);
    } else {
        eprintln!(
            "../shared/corpus is not beside the clone: mutating the fixtures and blueprints only"
        );
    }
    let mut files = Vec::new();
    for dir in &dirs {
        collect(dir, &mut files);
    }
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            Some((name, text))
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml")
            && !is_not_a_blueprint(&path)
        {
            out.push(path);
        }
    }
}

/// Files flowlint sets aside as not blueprints (FL020's fixture and the discovery
/// fixtures: compose files, workflows, kustomizations, ConfigMap manifests) are never
/// loaded as one blueprint, so there is no load verdict of flowlint's to compare.
fn is_not_a_blueprint(path: &Path) -> bool {
    let text = path.to_string_lossy().replace('\\', "/");
    text.contains("tests/fixtures/discovery/") || text.contains("FL020-not-a-blueprint")
}

fn corpus() -> Vec<Case> {
    let sources = sources();
    let wanted: usize = std::env::var("FLOWLINT_DIFF_MUTANTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(MIN_MUTANTS);
    let per_file = wanted.div_ceil(sources.len().max(1));
    // Another seed gives held-out mutants (docs/robustness.md lists the runs).
    let salt: u64 = std::env::var("FLOWLINT_DIFF_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut cases = Vec::new();
    for (name, text) in &sources {
        cases.push(Case {
            name: name.clone(),
            text: text.clone(),
        });
        for (i, (what, text)) in mutate::mutants(text, mutate::fnv(name) ^ salt, per_file)
            .into_iter()
            .enumerate()
        {
            cases.push(Case {
                name: format!("{name}#{i}[{what}]"),
                text,
            });
        }
    }
    cases
}

#[test]
fn flowlint_loads_and_types_yaml_as_pyyaml_does() {
    let Some(python) = oracle::available() else {
        return;
    };
    let started = Instant::now();
    let cases = corpus();
    let mutants = cases.iter().filter(|c| c.name.contains('#')).count();
    // flowlint's side on every core while the oracle runs.
    let (answers, ours) = std::thread::scope(|scope| {
        let oracle = scope.spawn(|| oracle::run(&python, &cases));
        let ours: Vec<compare::Ours> = cases.par_iter().map(compare::ours).collect();
        (oracle.join().expect("the oracle thread"), ours)
    });
    let allowlist = std::env::var_os("FLOWLINT_DIFF_ALLOWLIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::root().join("tests/yaml_differential/allowlist.txt"));
    let allow = Allowlist::load(&allowlist);
    let mut unexplained = Vec::new();
    let mut explained = 0;
    for ((case, answer), ours) in cases.iter().zip(&answers).zip(&ours) {
        match compare::compare(case, ours, answer, &allow) {
            Verdict::Agree => {}
            Verdict::Allowed => explained += 1,
            Verdict::Disagree(what) => unexplained.push((case, what)),
        }
    }
    eprintln!(
        "yaml differential: {} files + {mutants} mutants, {explained} allowlisted, {} unexplained; {:.1} s",
        cases.len() - mutants,
        unexplained.len(),
        started.elapsed().as_secs_f64(),
    );
    assert!(mutants >= MIN_MUTANTS || std::env::var_os("FLOWLINT_DIFF_MUTANTS").is_some());
    if !unexplained.is_empty() {
        let dir = std::env::var_os("FLOWLINT_DIFF_OUT")
            .map(PathBuf::from)
            .unwrap_or_else(|| common::root().join("target/yaml-differential"));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        let mut lines = Vec::new();
        for (i, (case, what)) in unexplained.iter().enumerate() {
            let file = dir.join(format!("{i:05}.yaml"));
            let _ = std::fs::write(&file, &case.text);
            lines.push(format!("{} {}: {what}", file.display(), case.name));
        }
        let _ = std::fs::write(dir.join("report.txt"), lines.join("\n"));
        panic!(
            "{} disagreements with PyYAML (all in {}); the first:\n{}",
            unexplained.len(),
            dir.join("report.txt").display(),
            lines
                .iter()
                .take(25)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
