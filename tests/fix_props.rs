//! Properties of `--fix --unsafe-fixes` over every fixture and every corpus file
//! (`../shared/corpus`, present in CI): fixing twice changes nothing after the first
//! time; nothing fixable remains; no error appears that was not there; the bytes
//! outside a pass's edits are unchanged; and the fixed text still loads in PyYAML the
//! way authentik loads blueprints (a loader that accepts its tags). In CI, a missing
//! corpus or PyYAML fails the test.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use flowlint::check::{self, Input, Report, Settings};
use flowlint::finding::Severity;
use flowlint::fix::{self, Applicability, Fix, FixPolicy};

fn in_ci() -> bool {
    std::env::var_os("CI").is_some()
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

fn inputs() -> Vec<PathBuf> {
    let root = common::root();
    let mut files = Vec::new();
    yaml_files(&root.join("tests/fixtures"), &mut files);
    yaml_files(&root.join("blueprints"), &mut files);
    let corpus = root.join("../shared/corpus");
    assert!(
        corpus.is_dir() || !in_ci(),
        "CI runs these properties on ../shared/corpus, which is missing"
    );
    yaml_files(&corpus, &mut files);
    files
}

fn check(path: &str, text: &str) -> Report {
    check::check_inputs(
        vec![Input::from_text(path, text.to_string())],
        &Settings::default(),
    )
}

fn errors_by_code(report: &Report) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
    {
        *counts.entry(f.rule.code).or_default() += 1;
    }
    counts
}

fn aliased(text: &str) -> Vec<flowlint::source::Span> {
    flowlint::yaml::load(text)
        .root
        .map(|root| fix::aliased_spans(&root))
        .unwrap_or_default()
}

/// The text between the edits of the fixes `apply` took is the original's, in order.
fn assert_outside_unchanged(name: &str, text: &str, fixes: &[&Fix]) {
    let applied = fix::apply(text, fixes);
    let mut edits: Vec<_> = applied
        .applied
        .iter()
        .flat_map(|&i| fixes[i].edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let (mut at, mut out_at) = (0usize, 0usize);
    for edit in edits {
        let kept = &text[at..edit.span.start as usize];
        assert_eq!(&applied.text[out_at..out_at + kept.len()], kept, "{name}");
        out_at += kept.len();
        assert_eq!(
            &applied.text[out_at..out_at + edit.content.len()],
            &*edit.content,
            "{name}"
        );
        out_at += edit.content.len();
        at = edit.span.end as usize;
    }
    assert_eq!(&applied.text[out_at..], &text[at..], "{name}");
}

#[test]
fn fixing_is_idempotent_complete_and_adds_no_error() {
    let policy = FixPolicy::new(Applicability::Unsafe);
    let settings = Settings::default();
    let mut changed = Vec::new();
    let mut fixed_count = 0;
    for path in inputs() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.display().to_string();
        let before = check(&name, &text);
        let fixes: Vec<&Fix> = before
            .findings
            .iter()
            .filter(|f| policy.applies(f))
            .filter_map(|f| f.fix.as_ref())
            .collect();
        assert_outside_unchanged(&name, &text, &fixes);
        let run = fix::fix_inputs(vec![Input::from_text(&name, text.clone())], &policy, |i| {
            check::check_inputs(i, &settings)
        });
        let fixed = run.files[0].fixed.clone();
        assert!(run.passes <= fix::MAX_PASSES + 1, "{name}");
        // Nothing fixable remains (but fixes refused on purpose: inside an alias, or in
        // a file that does not parse, which is never edited).
        let left_aliased = aliased(&fixed);
        let broken = run
            .report
            .findings
            .iter()
            .any(|g| g.rule.code.starts_with("FL0") && g.severity == Severity::Error);
        let remaining: Vec<_> = run
            .report
            .findings
            .iter()
            .filter(|f| !broken && policy.applies(f))
            .filter(|f| !f.fix.as_ref().unwrap().touches_any(&left_aliased))
            .map(|f| (f.rule.code, f.message.clone()))
            .collect();
        assert!(
            remaining.is_empty(),
            "{name}: fixable findings remain: {remaining:?}"
        );
        // No new error.
        let (was, is) = (errors_by_code(&before), errors_by_code(&run.report));
        for (code, n) in &is {
            assert!(
                was.get(code).is_some_and(|w| w >= n),
                "{name}: {n} {code} error(s) after fixing, {} before\n{fixed}",
                was.get(code).copied().unwrap_or(0)
            );
        }
        // Twice changes nothing.
        let again = fix::fix_inputs(vec![Input::from_text(&name, fixed.clone())], &policy, |i| {
            check::check_inputs(i, &settings)
        });
        assert_eq!(
            again.files[0].fixed, fixed,
            "{name}: a second --fix changed the text"
        );
        if fixed != text {
            fixed_count += run.files[0].applied.len();
            changed.push((name, text, fixed));
        }
    }
    assert!(fixed_count > 0, "the fixtures have fixes to apply");
    pyyaml_loads_alike(&changed);
}

const LOADER: &str = r#"
import sys, yaml
class Loader(yaml.SafeLoader):
    pass
def any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)
Loader.add_multi_constructor("!", any_tag)
for path in sys.stdin.read().split("\0"):
    if not path:
        continue
    try:
        with open(path, encoding="utf-8") as f:
            yaml.load(f, Loader=Loader)
        print("ok")
    except Exception as e:
        print("error " + type(e).__name__)
"#;

/// The fixed text loads in PyYAML whenever the original did.
fn pyyaml_loads_alike(changed: &[(String, String, String)]) {
    let available = std::process::Command::new("python3")
        .args(["-c", "import yaml"])
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        assert!(
            !in_ci(),
            "CI must have python3 with PyYAML for this property"
        );
        eprintln!("PyYAML not installed: the loads-in-PyYAML property was not checked");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (i, (_, before, after)) in changed.iter().enumerate() {
        for (kind, text) in [("before", before), ("after", after)] {
            let path = dir.path().join(format!("{i}-{kind}.yaml"));
            std::fs::write(&path, text).unwrap();
            paths.push(path.display().to_string());
        }
    }
    let mut child = std::process::Command::new("python3")
        .args(["-c", LOADER])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(paths.join("\0").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(
        lines.len(),
        paths.len(),
        "the loader answered for every file"
    );
    for (i, (name, _, after)) in changed.iter().enumerate() {
        let (was, is) = (&lines[2 * i], &lines[2 * i + 1]);
        assert!(
            was != "ok" || is == "ok",
            "{name}: loaded in PyYAML before fixing, not after ({is})\n{after}"
        );
    }
}
