//! The YAML layer alone: every `.yaml` under the given paths through `yaml::load`, once.
//! Made to be counted, not timed: `scripts/bench_yaml.sh` runs it under
//! `valgrind --tool=cachegrind` in `read` mode (files read, nothing parsed) and in
//! `parse` mode; the difference is the parse's instruction count, repeatable on a
//! loaded machine where wall time is not. Uses only `flowlint::yaml::load`, so the
//! same file builds against older commits for a before/after comparison.
//!
//! `cargo bench --bench yaml_parse -- read|parse PATH...`

use std::path::{Path, PathBuf};

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for entry in entries {
            collect(&entry, out);
        }
    } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml")
        // Regular files only (a fixture is a dangling symlink; a FIFO would block).
        && std::fs::metadata(path).is_ok_and(|m| m.is_file())
    {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some((mode, paths)) = args.split_first() else {
        eprintln!("usage: yaml_parse read|parse PATH...");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    for path in paths {
        collect(Path::new(path), &mut files);
    }
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut nodes = 0usize;
    if mode == "parse" {
        for text in &texts {
            let loaded = flowlint::yaml::load(text);
            nodes += usize::from(loaded.root.is_some()) + loaded.problems.len();
            std::hint::black_box(&loaded);
        }
    }
    println!(
        "{mode}: {} files, {bytes} bytes, {nodes} roots+problems",
        texts.len()
    );
}
