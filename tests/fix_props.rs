//! Properties of `--fix --unsafe-fixes` over every fixture and every corpus file
//! (`../shared/corpus`, present in CI): fixing twice changes nothing after the first
//! time; nothing fixable remains; no error appears that was not there; the bytes
//! outside a pass's edits are unchanged; and the fixed text still loads in PyYAML the
//! way authentik loads blueprints (`scripts/pyyaml_oracle.py`, yaml's oracle: authentik's
//! `BlueprintLoader` and tag constructors). In CI, a missing corpus or PyYAML fails the test.

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

/// The python that runs `scripts/pyyaml_oracle.py` (PyYAML 6.0.3, authentik's pin),
/// or `None` outside CI when it is missing.
fn oracle_python() -> Option<String> {
    let python = std::env::var("FLOWLINT_PYTHON").unwrap_or_else(|_| "python3".into());
    let version = std::process::Command::new(&python)
        .args(["-c", "import yaml; print(yaml.__version__)"])
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string());
    if version.as_deref() == Some("6.0.3") {
        return Some(python);
    }
    assert!(
        !in_ci(),
        "CI must have {python} with PyYAML 6.0.3 for this property (found {version:?})"
    );
    eprintln!("PyYAML 6.0.3 not installed: the loads-in-PyYAML property was not checked");
    None
}

/// Whether each text loads the way authentik loads a blueprint: yaml's oracle
/// (`scripts/pyyaml_oracle.py --batch`, authentik's `BlueprintLoader` with its tag
/// constructors), one answer per text, in order.
fn authentik_loads(python: &str, texts: &[&str]) -> Vec<bool> {
    use std::io::{BufRead, Write};
    let script = common::root().join("scripts/pyyaml_oracle.py");
    let mut child = std::process::Command::new(python)
        .arg(&script)
        .arg("--batch")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the oracle starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let input: String = texts
        .iter()
        .enumerate()
        .map(|(i, text)| format!("{}\n", serde_json::json!({"id": i, "text": text})))
        .collect();
    // Written from a thread: the oracle answers while it reads.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let stdout = child.stdout.take().expect("stdout");
    let answers: Vec<serde_json::Value> = std::io::BufReader::new(stdout)
        .lines()
        .map(|l| serde_json::from_str(&l.expect("oracle output")).expect("oracle JSON"))
        .collect();
    writer.join().expect("writer").expect("write to the oracle");
    assert!(
        child.wait().expect("oracle exit").success(),
        "the oracle failed"
    );
    assert_eq!(answers.len(), texts.len(), "the oracle answered every text");
    answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            assert_eq!(a["id"], i, "answers in order");
            a["loads"].as_bool().expect("loads")
        })
        .collect()
}

/// The fixed text loads in PyYAML (as authentik loads it) whenever the original did.
fn pyyaml_loads_alike(changed: &[(String, String, String)]) {
    let Some(python) = oracle_python() else {
        return;
    };
    let texts: Vec<&str> = changed
        .iter()
        .flat_map(|(_, before, after)| [before.as_str(), after.as_str()])
        .collect();
    let loads = authentik_loads(&python, &texts);
    for (i, (name, _, after)) in changed.iter().enumerate() {
        assert!(
            !loads[2 * i] || loads[2 * i + 1],
            "{name}: loaded in PyYAML before fixing, not after\n{after}"
        );
    }
}
