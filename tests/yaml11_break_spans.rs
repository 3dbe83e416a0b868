//! A file whose line breaks are U+2028, U+2029 or U+0085 (PyYAML's YAML 1.1 breaks)
//! is read through a same-length rewrite (`yaml::pyyaml_text`), so a span the parser
//! gives may start or end inside one of those multi-byte characters. Property: for
//! every fixture and bundled blueprint, with its line breaks replaced in several ways,
//! no finding span splits a character, every output format renders, every fix either
//! applies or is refused as not well formed, and every span converts to LSP positions
//! in both encodings, without a panic.

mod common;

use std::path::{Path, PathBuf};

use flowlint::check::{Settings, check_text};
use flowlint::fix;
use flowlint::lsp::convert::{Encoding, LineIndex};
use flowlint::output;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// The text with its line feeds replaced: every one by `with`, every other one, and
/// every one followed by a blank line of two spaces (a blank line inside block
/// scalars and between tokens).
fn variants(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for with in ["\u{2028}", "\u{2029}", "\u{85}"] {
        out.push(text.replace('\n', with));
        let mut alternate = String::with_capacity(text.len() * 2);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                alternate.push_str(if i % 2 == 0 { with } else { "\n" });
            }
            alternate.push_str(line);
        }
        out.push(alternate);
        out.push(text.replace('\n', &format!("{with}  {with}")));
    }
    out
}

#[test]
fn spans_inside_rewritten_line_breaks_never_split_a_character() {
    let root = common::root();
    let mut files = Vec::new();
    yaml_files(&root.join("tests/fixtures"), &mut files);
    yaml_files(&root.join("blueprints"), &mut files);
    files.sort();
    assert!(
        files.len() > 100,
        "fixtures and blueprints: {}",
        files.len()
    );
    let settings = Settings::default();
    let mut checked = 0;
    let mut split = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if !text.contains('\n') {
            continue;
        }
        for (v, variant) in variants(&text).iter().enumerate() {
            let name = format!("{}#{v}", path.display());
            let report = check_text(&name, variant, &settings);
            let index = LineIndex::new(variant);
            for finding in &report.findings {
                let span = finding.span;
                let on_boundaries = span.start <= span.end
                    && variant.is_char_boundary(span.start as usize)
                    && variant.is_char_boundary(span.end as usize);
                if !on_boundaries {
                    split.push(format!("{name}: {} at {span:?}", finding.rule.code));
                }
                for encoding in [Encoding::Utf8, Encoding::Utf16] {
                    let range = index.range(span, encoding);
                    assert!(range.start <= range.end, "{name}: {range:?}");
                }
                if let Some(fix) = &finding.fix {
                    // A fix whose edits split a character is refused, never applied.
                    let applied = fix::apply(variant, &[fix]);
                    if !fix.is_valid_for(variant) {
                        assert!(applied.applied.is_empty(), "{name}: {}", fix.title);
                    }
                }
            }
            // Every format renders every finding (a split span would panic here).
            let human = output::human::render(&report, Default::default());
            assert!(report.findings.is_empty() || !human.is_empty());
            let _ = output::json::render(&report);
            let _ = output::sarif::render(&report);
            let _ = output::github::render(&report);
            let _ = output::junit::render(&report);
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked} variants checked");
    assert!(
        split.is_empty(),
        "{} finding spans split a character:\n{}",
        split.len(),
        split.join("\n")
    );
}
