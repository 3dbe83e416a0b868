//! Simulation benchmark: a flow of 1,000 stage bindings, each with a policy binding
//! re-evaluated when the stage comes up. Prints median phase times
//! (`cargo bench --bench simulate`; figures in docs/benchmarks.md).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use flowlint::check::Settings;
use flowlint::model::Blueprint;
use flowlint::simulate::{self, BuildInputs, FlowModel, ObjectSet, Scenario, render};
use flowlint::yaml;

/// `n` dummy stages bound in order, half behind a passing and half behind a failing
/// dummy policy, after an identification stage.
fn big_flow(n: usize) -> String {
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

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let files = vec![("perf.yaml".to_owned(), big_flow(1000))];
    let scenario =
        Scenario::parse("perf.scenario.yaml", "user: {username: alice}\n").expect("scenario");
    let (mut loading, mut building, mut running, mut rendering) = (vec![], vec![], vec![], vec![]);
    let mut bytes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let loaded = simulate::load_model(&files, &BuildInputs::default(), &Settings::default());
        loading.push(start.elapsed());
        let start = Instant::now();
        let tree = yaml::load(&files[0].1).root.expect("parses");
        let blueprint = Blueprint::from_root(&tree).expect("a mapping");
        let model = FlowModel::new(ObjectSet::from_blueprints(
            &[&blueprint],
            &BuildInputs::default(),
        ));
        building.push(start.elapsed());
        std::hint::black_box(&model);
        let start = Instant::now();
        let sim = simulate::simulate(&loaded.model, "sim-perf", &scenario, None).expect("runs");
        running.push(start.elapsed());
        let start = Instant::now();
        let json = render::json(&sim);
        rendering.push(start.elapsed());
        bytes = json.len();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("| 1,000 bindings ({runs} runs) | median ms |");
    println!("| --- | --- |");
    println!(
        "| simulate (planner, policies, executor, snapshots) | {:.1} |",
        ms(median(running))
    );
    println!(
        "| render inspector JSON ({bytes} bytes) | {:.1} |",
        ms(median(rendering))
    );
    println!("| build the model alone | {:.1} |", ms(median(building)));
    println!(
        "| load_model (model + full linter run) | {:.1} |",
        ms(median(loading))
    );
}
