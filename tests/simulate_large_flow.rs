//! A flow of 1,000 stage bindings, each with a policy binding re-evaluated when the
//! stage comes up, simulates to the end with every other stage dropped. Its speed is
//! measured by `benches/simulate.rs`, not here.

#[path = "../benches/big_flow.rs"]
mod big_flow;

use big_flow::big_flow;
use flowlint::check::Settings;
use flowlint::model::Blueprint;
use flowlint::simulate::{self, BuildInputs, FlowModel, ObjectSet, Scenario, render};
use flowlint::yaml;

#[test]
fn a_thousand_bindings_simulate_to_the_end() {
    let files = vec![("perf.yaml".to_owned(), big_flow(1000))];
    let loaded = simulate::load_model(&files, &BuildInputs::default(), &Settings::default());
    let tree = yaml::load(&files[0].1).root.expect("parses");
    let blueprint = Blueprint::from_root(&tree, flowlint::catalog::newest()).expect("a mapping");
    let model = FlowModel::new(ObjectSet::from_blueprints(
        &[&blueprint],
        &BuildInputs::default(),
    ));
    assert!(model.flow_by_slug("sim-perf").is_some());
    let scenario =
        Scenario::parse("perf.scenario.yaml", "user: {username: alice}\n").expect("scenario");
    let sim = simulate::simulate(&loaded.model, "sim-perf", &scenario, None).expect("runs");
    // The identification stage plus the 500 stages behind a passing policy.
    assert_eq!(sim.completed_stages.len(), 501);
    assert!(render::json(&sim).contains("\"is_completed\""));
}
