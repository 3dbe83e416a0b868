//! Fixtures per release boundary (every step between two embedded releases has one)
//! and kind of drift (model added, field added, field
//! removed or renamed, choice added or removed, limit lifted, tag behaviour, default
//! changed) under `tests/fixtures/releases/<kind>/`, each naming its boundary in its
//! first line (`# boundary: 2026.5 -> 2026.8`). It is checked at the release before and
//! the release after; the findings are named snapshots
//! (`release-<kind>-<fixture>-<release>`), and the two must differ.

mod common;

use flowlint::catalog::Target;
use flowlint::check::Settings;

fn boundary(text: &str) -> (String, String) {
    let line = text.lines().next().unwrap_or_default();
    let rest = line
        .strip_prefix("# boundary: ")
        .unwrap_or_else(|| panic!("first line must be `# boundary: A -> B`: {line}"));
    let (before, after) = rest.split_once(" -> ").expect("`A -> B`");
    (before.trim().to_string(), after.trim().to_string())
}

fn findings_at(path: &str, version: &str) -> String {
    let settings = Settings {
        target: Target::parse(version).unwrap_or_else(|e| panic!("{version}: {e}")),
        ..Settings::default()
    };
    let report = common::check_paths(&[path], &settings);
    let mut out = format!("judged against authentik {version}\n");
    if report.findings.is_empty() {
        out.push_str("no findings\n");
    }
    for f in &report.findings {
        let at = report.files[f.file].line_col(f.span.start);
        out.push_str(&format!(
            "{}:{} {} {} {}\n",
            at.line,
            at.column,
            f.rule.code,
            f.severity.as_str(),
            f.message
        ));
    }
    out
}

#[test]
fn every_boundary_changes_what_is_reported() {
    let root = common::root().join("tests/fixtures/releases");
    let mut kinds: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fixtures/releases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    kinds.sort();
    let mut checked = 0;
    let mut boundaries = std::collections::BTreeSet::new();
    for kind_dir in kinds {
        let kind = kind_dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(&kind_dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        for file in files {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            let path = format!("tests/fixtures/releases/{kind}/{stem}.yaml");
            let text = std::fs::read_to_string(&file).unwrap();
            let (before, after) = boundary(&text);
            boundaries.insert((before.clone(), after.clone()));
            let (at_before, at_after) = (findings_at(&path, &before), findings_at(&path, &after));
            assert_ne!(
                at_before.lines().skip(1).collect::<Vec<_>>(),
                at_after.lines().skip(1).collect::<Vec<_>>(),
                "{path}: the boundary {before} -> {after} changes nothing"
            );
            common::snapshot_settings().bind(|| {
                insta::assert_snapshot!(format!("release-{kind}-{stem}-{before}"), at_before);
                insta::assert_snapshot!(format!("release-{kind}-{stem}-{after}"), at_after);
            });
            checked += 1;
        }
    }
    assert!(checked >= 18, "only {checked} boundary fixtures");
    // Every step between two embedded releases has a fixture.
    let versions: Vec<String> = flowlint::catalog::embedded_versions()
        .map(|v| v.to_string())
        .collect();
    for pair in versions.windows(2) {
        let step = (pair[0].clone(), pair[1].clone());
        assert!(
            boundaries.contains(&step),
            "no fixture for the boundary {} -> {}",
            step.0,
            step.1
        );
    }
}
