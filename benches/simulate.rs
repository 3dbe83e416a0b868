//! Simulation benchmark: a flow of 1,000 stage bindings, each with a policy binding
//! re-evaluated when the stage comes up. Prints median phase times
//! (`cargo bench --bench simulate`; figures in docs/benchmarks.md).

use std::time::{Duration, Instant};

mod big_flow;

use big_flow::big_flow;
use flowlint::check::Settings;
use flowlint::model::Blueprint;
use flowlint::simulate::{self, BuildInputs, FlowModel, ObjectSet, Scenario, render};
use flowlint::yaml;

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
        let blueprint =
            Blueprint::from_root(&tree, flowlint::catalog::newest()).expect("a mapping");
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
