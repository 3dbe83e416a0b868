//! The bounded part of fuzzing that runs with `cargo test`: every input of the fuzz
//! corpora (`fuzz/corpus/*/`) and every regression fixture (`tests/fixtures/fuzz/`)
//! goes through load + check + rendering without a panic, and a property test feeds
//! random YAML-ish text built from blueprint fragments to `check_text`.

mod common;

use std::path::PathBuf;

use flowlint::check::{Report, Settings, check_text};
use flowlint::output;
use flowlint::yaml;
use proptest::prelude::*;

/// Every finding and label of file 0 lies inside `text`, on char boundaries.
fn assert_spans_inside(text: &str, report: &Report, what: &str) {
    let ok = |start: u32, end: u32| {
        let (start, end) = (start as usize, end as usize);
        start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    };
    for f in &report.findings {
        assert!(
            ok(f.span.start, f.span.end),
            "{what}: {} span {} outside the text",
            f.rule.code,
            f.span
        );
        for label in f.labels.iter().filter(|l| l.file == 0) {
            assert!(
                ok(label.span.start, label.span.end),
                "{what}: {} label {}",
                f.rule.code,
                label.span
            );
        }
    }
}

fn run_one(name: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let loaded = yaml::load(&text);
    for p in &loaded.problems {
        assert!(
            p.span.end as usize <= text.len(),
            "{name}: problem span {}",
            p.span
        );
    }
    let report = check_text("replay.yaml", &text, &Settings::default());
    assert_spans_inside(&text, &report, name);
    let _ = output::json::render(&report);
    let _ = output::human::render(&report, output::human::HumanOptions::default());
    if !name.contains("corpus/") || name.contains("corpus/simulate/") {
        simulate_one(&text);
    }
    if !name.contains("corpus/") || name.contains("corpus/scenario_load/") {
        scenario_load_one(&text);
    }
}

/// The `simulate` fuzz target, bounded for a debug build: the model of `text`, its
/// first two flows run for a fixed scenario, every rendering.
fn simulate_one(text: &str) {
    use flowlint::simulate::{self, BuildInputs, FlowModel, ObjectSet, Scenario, render};
    const SCENARIO: &str = "user: {username: alice, email: alice@example.com, pk: 7}\nenv: {FUZZ: value}\nresponses:\n  prompt: [{password: Long-enough-1, password_repeat: Long-enough-1}, invalid]\n";
    let Ok(scenario) = Scenario::parse("replay.scenario.yaml", SCENARIO) else {
        panic!("the replay scenario parses");
    };
    let loaded = yaml::load(text);
    let Some(blueprint) = loaded
        .root
        .as_ref()
        .and_then(|root| flowlint::model::Blueprint::from_root(root, flowlint::catalog::newest()))
    else {
        return;
    };
    let inputs = BuildInputs {
        context: scenario.context.clone(),
        env: scenario.env.clone(),
        ..BuildInputs::default()
    };
    let model = FlowModel::new(ObjectSet::from_blueprints(&[&blueprint], &inputs));
    let mut slugs: Vec<&str> = model.slugs().collect();
    slugs.sort_unstable();
    for slug in slugs.into_iter().take(2) {
        if let Ok(sim) = simulate::simulate(&model, slug, &scenario, Some(true)) {
            let _ = (render::json(&sim), render::human(&sim));
            if sim.steps.len() <= 200 {
                let _ = render::steps(&sim);
            }
        }
    }
}

/// The `scenario_load` fuzz target: any text is a scenario or an error.
fn scenario_load_one(text: &str) {
    if let Err(e) = flowlint::simulate::Scenario::parse("replay.scenario.yaml", text) {
        let _ = e.to_string();
    }
}

fn files_under(dir: PathBuf, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(path, out);
        } else if path.is_file() {
            out.push(path);
        }
    }
}

#[test]
fn every_fuzz_corpus_input_and_regression_fixture_checks_without_a_panic() {
    let root = common::root();
    let mut files = Vec::new();
    files_under(root.join("fuzz/corpus"), &mut files);
    let corpus = files.len();
    files_under(root.join("tests/fixtures/fuzz"), &mut files);
    assert!(corpus > 100, "the fuzz corpora are seeded ({corpus} files)");
    files.sort();
    for file in &files {
        // A fuzzer running beside the tests may replace corpus files meanwhile.
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        run_one(&file.display().to_string(), &bytes);
    }
}

const FRAGMENTS: &[&str] = &[
    "version: 1\n",
    "metadata:\n  name: x\n",
    "context:\n",
    "entries:\n",
    "  - model: authentik_core.group\n",
    "  - model: authentik_flows.flow\n",
    "  - model: authentik_flows.flowstagebinding\n",
    "    identifiers:\n",
    "    attrs:\n",
    "      name: ",
    "      slug: ",
    "      order: ",
    "      password: ",
    "      target: ",
    "    id: ",
    "    state: absent\n",
    "!KeyOf flow",
    "!Env [A, b]",
    "!File /x",
    "!Context k",
    "!Format [\"%s-%d\", a, 1]",
    "!If [true, 1, 2]",
    "!Condition [AND, true]",
    "!Enumerate [[1, 2], SEQ, !Index 0]",
    "!Value 0",
    "!AtIndex [[1], 0]",
    "!ParseJSON '{\"a\": 1}'",
    "!Find [authentik_flows.flow, [slug, x]]",
    "!FindObject [m, [a, b]]",
    "!Unknown x",
    "&a ",
    "*a",
    "<<: *a\n",
    "<<: [*a, *a]\n",
    "? ",
    ": ",
    "- ",
    ", ",
    "[",
    "]",
    "{",
    "}",
    "'",
    "\"",
    "\\",
    "|\n",
    ">-\n",
    "#",
    " # c\n",
    "\n",
    "\r\n",
    "  ",
    "\t",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "!!str ",
    "!!int ",
    "!!binary ",
    "0x1F",
    "0o17",
    "1e400",
    "-.inf",
    ".nan",
    "99999999999999999999999",
    "yes",
    "~",
    "null",
    "ü",
    "€",
    "😀",
    "\u{feff}",
    "\u{85}",
    "\u{2028}",
    "\0",
    "é\u{301}",
    "ǅ",
    "x",
    "1",
    "group-1",
];

fn yamlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "\\PC{0,6}",
        1 => "[ -~]{0,6}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn yamlish_text_never_panics_and_spans_stay_inside(text in yamlish()) {
        let report = check_text("prop.yaml", &text, &Settings::default());
        assert_spans_inside(&text, &report, "proptest");
        let _ = output::human::render(&report, output::human::HumanOptions::default());
    }
}
