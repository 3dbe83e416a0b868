//! A flow of 1,000 stage bindings, each with a policy binding re-evaluated when the
//! stage comes up, simulates to the end with every other stage dropped. Its speed is
//! measured by `benches/simulate.rs`, not here.

use std::fmt::Write as _;

use flowlint::check::Settings;
use flowlint::model::Blueprint;
use flowlint::simulate::{self, BuildInputs, FlowModel, ObjectSet, Scenario, render};
use flowlint::yaml;

/// `n` dummy stages bound in order, half behind a passing and half behind a failing
/// dummy policy, after an identification stage.
pub fn big_flow(n: usize) -> String {
    let mut out = String::from(
        "version: 1\nmetadata: {name: sim perf}\nentries:\n\
         - {model: authentik_flows.flow, id: flow, identifiers: {slug: sim-perf}, attrs: {name: perf, title: perf, designation: authentication}}\n\
         - {model: authentik_policies_dummy.dummypolicy, id: pass, identifiers: {name: sim-perf-pass}, attrs: {result: true}}\n\
         - {model: authentik_policies_dummy.dummypolicy, id: fail, identifiers: {name: sim-perf-fail}, attrs: {result: false}}\n\
         - {model: authentik_stages_identification.identificationstage, id: ident, identifiers: {name: sim-perf-ident}}\n\
         - {model: authentik_flows.flowstagebinding, identifiers: {target: !KeyOf flow, stage: !KeyOf ident, order: 0}}\n",
    );
    for i in 0..n {
        let policy = if i % 2 == 0 { "pass" } else { "fail" };
        let _ = write!(
            out,
            "- {{model: authentik_stages_dummy.dummystage, id: s{i}, identifiers: {{name: sim-perf-{i}}}}}\n\
             - {{model: authentik_flows.flowstagebinding, id: b{i}, identifiers: {{target: !KeyOf flow, stage: !KeyOf s{i}, order: {}}}}}\n\
             - {{model: authentik_policies.policybinding, identifiers: {{target: !KeyOf b{i}, policy: !KeyOf {policy}, order: 0}}}}\n",
            i + 1
        );
    }
    out
}

#[test]
fn a_thousand_bindings_simulate_to_the_end() {
    let files = vec![("perf.yaml".to_owned(), big_flow(1000))];
    let loaded = simulate::load_model(&files, &BuildInputs::default(), &Settings::default());
    let tree = yaml::load(&files[0].1).root.expect("parses");
    let blueprint = Blueprint::from_root(&tree).expect("a mapping");
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
