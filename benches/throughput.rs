//! Throughput benchmark: parse-only vs full check, scaling, per phase.
//! Run with `cargo bench --bench throughput` (or `scripts/bench.sh`); prints a table.

mod synthetic;

use std::time::{Duration, Instant};

use flowlint::check::{Input, Settings, check_inputs};
use synthetic::{Shape, corpus};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    f(); // warm-up
    median((0..runs).map(|_| {
        let start = Instant::now();
        f();
        start.elapsed()
    }).collect())
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let target_mb: f64 = std::env::var("BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(50.0);
    let settings = Settings::default();
    println!("| corpus | files | MB | parse-only MB/s | check MB/s | check / parse |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for size in [1.0, target_mb / 4.0, target_mb] {
        // ~26 KB per file with 10 flows.
        let files = ((size * 1e6) / 26_000.0).ceil() as usize;
        let docs = corpus(&Shape { files, flows_per_file: 10 });
        let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
        let parse = time(runs, || {
            for (_, text) in &docs {
                std::hint::black_box(flowlint::yaml::load(text));
            }
        });
        let check = time(runs, || {
            let inputs = docs.iter().map(|(p, t)| Input::from_text(p.clone(), t.clone())).collect();
            std::hint::black_box(check_inputs(inputs, &settings));
        });
        println!(
            "| {size:.0} MB | {files} | {:.1} | {:.1} | {:.1} | {:.0}% |",
            mb(bytes),
            mb(bytes) / parse.as_secs_f64(),
            mb(bytes) / check.as_secs_f64(),
            100.0 * parse.as_secs_f64() / check.as_secs_f64()
        );
    }
    println!();
    println!("| entries scale | entries | check ms | ratio to 1x |");
    println!("| --- | --- | --- | --- |");
    let mut base = None;
    for factor in [1usize, 4, 16] {
        // One world: more flows per file, same number of files.
        let docs = corpus(&Shape { files: 20, flows_per_file: 5 * factor });
        let entries = 20 * 5 * factor * 12;
        let t = time(runs, || {
            let inputs = docs.iter().map(|(p, t)| Input::from_text(p.clone(), t.clone())).collect();
            std::hint::black_box(check_inputs(inputs, &settings));
        });
        let ratio = t.as_secs_f64() / *base.get_or_insert(t.as_secs_f64());
        println!("| {factor}x | {entries} | {:.1} | {ratio:.2} |", t.as_secs_f64() * 1e3);
    }
}
