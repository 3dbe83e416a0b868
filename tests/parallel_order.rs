//! Files, world rules and the linked worlds run on every core: the report must be the
//! same, byte for byte, as a run on one thread, whatever the number of threads, for
//! one world, the linked worlds (above `ONE_WORLD_MAX_BYTES`) and `--per-file`.

mod common;

use std::path::PathBuf;

use flowlint::check::{self, Input, Report, Settings};

/// More than `ONE_WORLD_MAX_BYTES` of blueprints: every corpus file several times under
/// other names, so the linked worlds run and tie the copies of each object together.
fn large_run(dirs: &[PathBuf], settings: &Settings) -> Vec<Input> {
    let originals = common::inputs_of(dirs, settings);
    let texts: Vec<(String, String)> = originals
        .iter()
        .filter_map(|input| match &input.content {
            check::InputContent::Text(text) => Some((input.path.clone(), text.clone())),
            _ => None,
        })
        .collect();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum::<usize>().max(1);
    let copies = check::ONE_WORLD_MAX_BYTES / bytes + 2;
    (0..copies)
        .flat_map(|copy| {
            texts.iter().map(move |(path, text)| {
                Input::from_text(format!("copy{copy}/{path}"), text.clone())
            })
        })
        .collect()
}

fn json_with_threads(threads: usize, run: &(dyn Fn() -> Report + Sync)) -> String {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    pool.install(|| flowlint::output::json::render(&run()))
}

fn assert_thread_count_does_not_matter(what: &str, run: &(dyn Fn() -> Report + Sync)) {
    let sequential = json_with_threads(1, run);
    assert!(sequential.contains("\"findings\""), "{what}: no report");
    for threads in [2, 3, 8] {
        let parallel = json_with_threads(threads, run);
        assert!(
            parallel == sequential,
            "{what}: {threads} threads give another report than one thread"
        );
    }
}

fn corpus_dirs() -> Vec<PathBuf> {
    let root = common::root();
    let mut dirs = vec![root.join("blueprints"), root.join("tests/fixtures")];
    if let Some(shared) = common::shared_corpus() {
        dirs.push(shared);
    }
    dirs
}

#[test]
fn one_world_reports_the_same_on_any_number_of_threads() {
    let settings = Settings::default();
    let dirs = corpus_dirs();
    let inputs = || common::inputs_of(&dirs, &settings);
    let total: usize = inputs().iter().map(Input::text_len).sum();
    assert!(
        total <= check::ONE_WORLD_MAX_BYTES,
        "the corpus outgrew one world"
    );
    assert_thread_count_does_not_matter("one world", &|| check::check_inputs(inputs(), &settings));
}

#[test]
fn linked_worlds_report_the_same_on_any_number_of_threads() {
    let settings = Settings::default();
    let dirs = corpus_dirs();
    let total: usize = large_run(&dirs, &settings)
        .iter()
        .map(Input::text_len)
        .sum();
    assert!(
        total > check::ONE_WORLD_MAX_BYTES,
        "the run must take the linked worlds"
    );
    assert_thread_count_does_not_matter("linked worlds", &|| {
        check::check_inputs(large_run(&dirs, &settings), &settings)
    });
}

#[test]
fn per_file_reports_the_same_on_any_number_of_threads() {
    let settings = Settings::default();
    let dirs = corpus_dirs();
    assert_thread_count_does_not_matter("--per-file", &|| {
        check::check_each(common::inputs_of(&dirs, &settings), &settings)
    });
}
