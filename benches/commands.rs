//! The throughput bench's process-level commands: `write` (a corpus on disk), `ratio`
//! (one size's check / parse-only, or one workload looped for a profiler) and `time`
//! (a process's median wall time).

use std::time::{Duration, Instant};

use flowlint::check::Settings;

use super::synthetic::{self, Shape, corpus};
use super::{check_all, corpus_of_mb, interleaved, mb, median, parse_on_all_cores};

/// `cargo bench --bench throughput -- write DIR MB [FLOWS_PER_FILE [REFS_PER_FLOW
/// [no-tags]]]`: write the synthetic corpus to disk (for end-to-end process timing and
/// peak RSS) instead of benchmarking.
pub(super) fn write_corpus(args: &[String]) {
    let dir = std::path::Path::new(&args[0]);
    let size: f64 = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(50.0);
    let flows: usize = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(10);
    let refs: usize = args.get(3).and_then(|v| v.parse().ok()).unwrap_or(1);
    let tags = args.get(4).is_none_or(|v| v != "no-tags");
    let shape = Shape {
        refs_per_flow: refs,
        tags,
        ..Shape::new(1, flows)
    };
    // ~3,050 bytes per flow for the default shape (the corpus of every recorded run);
    // other shapes scale by their first file's size against the default's.
    let scale = synthetic::blueprint(0, &shape).len() as f64
        / synthetic::blueprint(0, &Shape::new(1, flows)).len().max(1) as f64;
    let files = ((size * 1e6) / (3_050.0 * flows as f64 * scale)).ceil() as usize;
    let docs = corpus(&Shape { files, ..shape });
    let mut bytes = 0;
    for (path, text) in &docs {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create corpus folder");
        }
        std::fs::write(&path, text).expect("write corpus file");
        bytes += text.len();
    }
    println!(
        "wrote {} files, {bytes} bytes, to {}",
        docs.len(),
        dir.display()
    );
}

/// `cargo bench --bench throughput -- ratio MB RUNS [check|parse]`: the check / parse-only
/// row of the first table for one size, quick to repeat while optimising; with
/// `check` or `parse` it only runs that workload RUNS times (for a profiler).
pub(super) fn ratio(args: &[String]) {
    let (Some(size), Some(runs)) = (
        args.first().and_then(|a| a.parse::<f64>().ok()),
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: ratio MB RUNS [check|parse]");
        std::process::exit(2);
    };
    let settings = Settings::default();
    let docs = corpus_of_mb(size);
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let mut parse_all = || parse_on_all_cores(&docs);
    let mut check = || check_all(&docs, &settings);
    match args.get(2).map(String::as_str) {
        Some("check") => (0..runs).for_each(|_| check()),
        Some("parse") => (0..runs).for_each(|_| parse_all()),
        _ => {
            let [parse, check] = interleaved(runs, [&mut parse_all, &mut check]);
            println!(
                "{:.1} MB: parse-only {:.1} MB/s, check {:.1} MB/s, check / parse {:.0}%",
                mb(bytes),
                mb(bytes) / parse.as_secs_f64(),
                mb(bytes) / check.as_secs_f64(),
                100.0 * parse.as_secs_f64() / check.as_secs_f64()
            );
        }
    }
}

/// `cargo bench --bench throughput -- time RUNS COMMAND [ARGS...]`: the median wall
/// time of a process in microseconds, spawned directly (no shell, no `date` forks
/// inside the measured interval), output discarded; an exit status other than 0 or 1
/// stops the bench (a tool that failed measured nothing).
pub(super) fn time_command(args: &[String]) {
    use std::process::{Command, Stdio};
    let (Some(runs), Some(program)) = (args.first().and_then(|r| r.parse().ok()), args.get(1))
    else {
        eprintln!("usage: time RUNS COMMAND [ARGS...]");
        std::process::exit(2);
    };
    let run = || {
        let start = Instant::now();
        let status = Command::new(program)
            .args(&args[2..])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let elapsed = start.elapsed();
        match status {
            // 0 and 1 are a checker's verdicts; anything else (a usage error, a
            // crash, a signal) means nothing was measured.
            Ok(status) if matches!(status.code(), Some(0 | 1)) => {}
            Ok(status) => {
                eprintln!("{program} failed ({status}): not a measurement");
                std::process::exit(2);
            }
            Err(error) => {
                eprintln!("cannot run {program}: {error}");
                std::process::exit(2);
            }
        }
        elapsed
    };
    run(); // warm-up: page cache, dynamic loader
    let samples: Vec<Duration> = (0..runs).map(|_| run()).collect();
    println!("{}", median(samples).as_micros());
}
