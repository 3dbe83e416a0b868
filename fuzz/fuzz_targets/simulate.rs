//! The simulator: building the flow model from any blueprint text and running every
//! flow it declares (the first few) for a fixed scenario never panics, and the json,
//! steps and human renderings of each run never panic either.
#![no_main]

use flowlint::model::Blueprint;
use flowlint::simulate::{self, BuildInputs, FlowModel, ObjectSet, Scenario, render};
use flowlint::yaml;
use libfuzzer_sys::fuzz_target;

/// A user who answers every stage `valid`, one prompt answer with a password, an
/// `!Env` value and a context value.
const SCENARIO: &str = "user: {username: alice, email: alice@example.com, pk: 7, groups: [admins]}\n\
env: {FUZZ: value}\n\
context: {k: v}\n\
responses:\n  prompt: [{username: a, password: Long-enough-1, password_repeat: Long-enough-1}, invalid]\n\
next: /if/user/\n";

/// Flows run per input: each run is bounded (10,000 steps) but rendering every step
/// is not cheap.
const MAX_FLOWS: usize = 4;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenario) = Scenario::parse("fuzz.scenario.yaml", SCENARIO) else {
        return;
    };
    let loaded = yaml::load(text);
    let Some(blueprint) = loaded.root.as_ref().and_then(|root| Blueprint::from_root(root, flowlint::catalog::newest())) else {
        return;
    };
    let inputs = BuildInputs {
        context: scenario.context.clone(),
        env: scenario.env.clone(),
        ..BuildInputs::default()
    };
    let model = FlowModel::new(ObjectSet::from_blueprints(&[&blueprint], &inputs));
    let mut slugs: Vec<String> = model.slugs().map(str::to_owned).collect();
    slugs.sort();
    for slug in slugs.iter().take(MAX_FLOWS) {
        for assume in [None, Some(true), Some(false)] {
            if let Ok(sim) = simulate::simulate(&model, slug, &scenario, assume) {
                let _ = render::json(&sim);
                let _ = render::steps(&sim);
                let _ = render::human(&sim);
                if let Some(expect) = &scenario.expect {
                    let _ = simulate::check_expect(expect, &sim);
                }
            }
        }
    }
    let _ = simulate::simulate(&model, "no-such-flow", &scenario, None);
});
