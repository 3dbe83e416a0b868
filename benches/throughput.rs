//! Throughput benchmark: parse-only vs full check, scaling, per phase.
//! Run with `cargo bench --bench throughput` (or `scripts/bench.sh`); prints a table.

mod commands;
mod synthetic;

use std::time::{Duration, Instant};

use flowlint::check::{Input, Settings, check_inputs};

// The same allocator as the `flowlint` binary (src/main.rs), so figures match the CLI.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use synthetic::{Shape, corpus};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    f(); // warm-up
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

/// Flush the CPU caches by writing a buffer larger than the last-level cache.
fn flush(evictor: &mut [u8], run: usize) {
    for chunk in evictor.chunks_mut(64) {
        chunk[0] = chunk[0].wrapping_add(run as u8 | 1);
    }
    std::hint::black_box(&evictor);
}

/// The median time of each workload, run in turns (one warm-up each first).
fn interleaved<const N: usize>(runs: usize, mut work: [&mut dyn FnMut(); N]) -> [Duration; N] {
    for f in work.iter_mut() {
        f();
    }
    let mut samples: [Vec<Duration>; N] = std::array::from_fn(|_| Vec::with_capacity(runs));
    for _ in 0..runs {
        for (f, out) in work.iter_mut().zip(samples.iter_mut()) {
            let start = Instant::now();
            f();
            out.push(start.elapsed());
        }
    }
    samples.map(median)
}

/// The corpus as check inputs (a copy per run, as a real run reads its files; on every
/// core, as `flowlint check` reads them).
fn inputs(docs: &[(String, String)]) -> Vec<Input> {
    use rayon::prelude::*;
    docs.par_iter()
        .map(|(p, t)| Input::from_text(p.clone(), t.clone()))
        .collect()
}

/// The default corpus of about `size` MB (~30.5 KB per file of 10 flows, as `write`).
fn corpus_of_mb(size: f64) -> Vec<(String, String)> {
    corpus(&Shape::new(((size * 1e6) / 30_500.0).ceil() as usize, 10))
}

/// The parse-only workload: every text through the YAML layer, on every core.
fn parse_on_all_cores(docs: &[(String, String)]) {
    use rayon::prelude::*;
    docs.par_iter().for_each(|(_, text)| {
        std::hint::black_box(flowlint::yaml::load(text));
    });
}

/// The full check workload: a copy of the texts read as inputs, every rule.
fn check_all(docs: &[(String, String)], settings: &Settings) {
    std::hint::black_box(check_inputs(inputs(docs), settings));
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Settings with only the rules whose check kind passes `keep`.
fn only(keep: impl Fn(&flowlint::rules::Check) -> bool) -> Settings {
    let mut settings = Settings::default();
    for rule in flowlint::rules::RULES {
        if !keep(&rule.check) {
            settings.rules.disable(rule);
        }
    }
    settings
}

/// Reference density and tags: the same ~4 MB of blueprints with 1, 4 and 16 policies
/// per flow (each bound with two `!KeyOf`s), and with the computed values written as
/// literals. The cost per entry should stay flat as references and tags grow.
fn density(runs: usize) {
    let settings = Settings::default();
    println!(
        "| corpus shape (~4 MB, 10 flows a file) | files | entries | `!KeyOf` | check MB/s | µs per entry |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    let shapes = [(1, true), (4, true), (16, true), (1, false)];
    let worlds = shapes.map(|(refs, tags)| {
        let shape = Shape {
            refs_per_flow: refs,
            tags,
            ..Shape::new(1, 10)
        };
        let per_file = synthetic::blueprint(0, &shape).len();
        let files = (4e6 / per_file as f64).ceil() as usize;
        (refs, tags, corpus(&Shape { files, ..shape }))
    });
    let mut checks = worlds
        .each_ref()
        .map(|(_, _, docs)| || check_all(docs, &settings));
    let times = interleaved(runs, checks.each_mut().map(|c| c as &mut dyn FnMut()));
    for ((refs, tags, docs), time) in worlds.into_iter().zip(times) {
        let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
        // Per flow: the flow, 5 stages, 5 bindings, and a policy and its binding per ref.
        let entries = docs.len() * 10 * (11 + 2 * refs);
        let keyofs = docs.len() * 10 * (10 + 2 * refs);
        println!(
            "| {refs} polic{} per flow, {} | {} | {entries} | {keyofs} | {:.1} | {:.2} |",
            if refs == 1 { "y" } else { "ies" },
            if tags {
                "with tags"
            } else {
                "values as literals"
            },
            docs.len(),
            mb(bytes) / time.as_secs_f64(),
            time.as_secs_f64() * 1e6 / entries as f64
        );
    }
}

fn phases(docs: &[(String, String)], runs: usize) {
    use flowlint::rules::Check;
    let check_with = |settings: &Settings| {
        time(runs, || {
            std::hint::black_box(check_inputs(inputs(docs), settings));
        })
    };
    let parse = check_with(&only(|c| matches!(c, Check::Builtin)));
    let tree = check_with(&only(|c| {
        matches!(c, Check::Builtin | Check::Node(_) | Check::Tag(_))
    }));
    let file = check_with(&only(|c| !matches!(c, Check::World(_))));
    let all = Settings::default();
    let full = check_with(&all);
    let report = check_inputs(inputs(docs), &all);
    let output = time(runs, || {
        std::hint::black_box(flowlint::output::json::render(&report));
    });
    let total = full + output;
    let share = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    println!("| phase | cumulative ms | share of total |");
    println!("| --- | --- | --- |");
    let rows = [
        (
            "read + parse + model (builtin rules only)".to_string(),
            parse,
            parse,
        ),
        (
            "+ node and tag rules (one tree walk)".to_string(),
            tree,
            tree.saturating_sub(parse),
        ),
        (
            "+ file, entry and field rules".to_string(),
            file,
            file.saturating_sub(tree),
        ),
        (
            "+ world rules (graph)".to_string(),
            full,
            full.saturating_sub(file),
        ),
        (
            format!("+ JSON output ({} findings)", report.findings.len()),
            total,
            output,
        ),
    ];
    for (label, cumulative, own) in rows {
        println!(
            "| {label} | {:.1} | {:.0}% |",
            cumulative.as_secs_f64() * 1e3,
            share(own)
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("write") {
        commands::write_corpus(&args[1..]);
        return;
    }
    if args.first().map(String::as_str) == Some("time") {
        commands::time_command(&args[1..]);
        return;
    }
    if args.first().map(String::as_str) == Some("ratio") {
        commands::ratio(&args[1..]);
        return;
    }
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let target_mb: f64 = std::env::var("BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50.0);
    let settings = Settings::default();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "| corpus | files | MB | parse-only MB/s, 1 core | parse-only MB/s, {cores} cores | check MB/s, {cores} cores | check / parse ({cores} cores) | check --per-file MB/s | per-file / parse |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for size in [1.0, target_mb / 4.0, target_mb] {
        let docs = corpus_of_mb(size);
        let files = docs.len();
        let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
        let parse = || {
            for (_, text) in &docs {
                std::hint::black_box(flowlint::yaml::load(text));
            }
        };
        let parse_all = || parse_on_all_cores(&docs);
        let check = || check_all(&docs, &settings);
        let check_each = || {
            std::hint::black_box(flowlint::check::check_each(inputs(&docs), &settings));
        };
        // Interleaved, so a machine that slows down or speeds up during the run moves
        // all four alike and their ratios stay fair.
        let [parse, parse_all, check, check_each] = interleaved(
            runs,
            [&mut { parse }, &mut { parse_all }, &mut { check }, &mut {
                check_each
            }],
        );
        println!(
            "| {size:.0} MB | {files} | {:.1} | {:.1} | {:.1} | {:.1} | {:.0}% | {:.1} | {:.0}% |",
            mb(bytes),
            mb(bytes) / parse.as_secs_f64(),
            mb(bytes) / parse_all.as_secs_f64(),
            mb(bytes) / check.as_secs_f64(),
            100.0 * parse_all.as_secs_f64() / check.as_secs_f64(),
            mb(bytes) / check_each.as_secs_f64(),
            100.0 * parse_all.as_secs_f64() / check_each.as_secs_f64()
        );
    }
    println!();
    let docs = corpus_of_mb(target_mb / 4.0);
    phases(&docs, runs);
    println!();
    density(runs);
    println!();
    println!(
        "| entries scale | entries | check ms, cold caches | ratio to 1x | check ms, warm repeats | ratio to 1x |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    let mut evictor = vec![0u8; 64 << 20];
    let worlds: Vec<(usize, Vec<(String, String)>)> = [1usize, 4, 16]
        .into_iter()
        .map(|factor| {
            // One world: more flows per file, same number of files.
            let docs = corpus(&Shape::new(20, 5 * factor));
            (factor, docs)
        })
        .collect();
    let check_of = |docs: &[(String, String)]| {
        std::hint::black_box(check_inputs(inputs(docs), &settings));
    };
    // Small inputs: more runs, so one noisy run cannot move the median.
    let scale_runs = runs.max(11);
    // Cold: a real check starts cold (a new process, input and trees in no CPU cache).
    // The three sizes take turns, each after a cache flush, so drift in the machine's
    // speed moves them alike.
    let mut cold_samples: Vec<Vec<Duration>> = vec![Vec::new(); worlds.len()];
    for (_, docs) in &worlds {
        check_of(docs); // warm-up (allocator, page tables)
    }
    for run in 0..scale_runs {
        for (i, (_, docs)) in worlds.iter().enumerate() {
            flush(&mut evictor, run);
            let start = Instant::now();
            check_of(docs);
            cold_samples[i].push(start.elapsed());
        }
    }
    // Warm repeats keep the whole 1x world in the caches and the 16x one not.
    let warm: Vec<Duration> = worlds
        .iter()
        .map(|(_, docs)| time(scale_runs, || check_of(docs)))
        .collect();
    let cold: Vec<Duration> = cold_samples.into_iter().map(median).collect();
    for (i, (factor, _)) in worlds.iter().enumerate() {
        let entries = 20 * 5 * factor * 12;
        println!(
            "| {factor}x | {entries} | {:.1} | {:.2} | {:.1} | {:.2} |",
            cold[i].as_secs_f64() * 1e3,
            cold[i].as_secs_f64() / cold[0].as_secs_f64(),
            warm[i].as_secs_f64() * 1e3,
            warm[i].as_secs_f64() / warm[0].as_secs_f64(),
        );
    }
}
