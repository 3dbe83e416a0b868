//! The workspace kept between checks (the language server's) re-derives only what a
//! change touches: after every change its report must equal a fresh check of the same
//! files as one world. The changes tie and untie files (one file's text copied over
//! another's: the same objects and names in two files), break files (cut in half) and
//! remove and restore them.

mod common;

use flowlint::check::{self, Input, Settings};
use flowlint::workspace::{Retention, Workspace};

fn inputs(files: &[(String, String)]) -> Vec<Input> {
    files
        .iter()
        .map(|(path, text)| Input::from_text(path.clone(), text.clone()))
        .collect()
}

fn assert_fresh(workspace: &mut Workspace, files: &[(String, String)], what: &str) {
    let settings = workspace.settings().clone();
    let kept = flowlint::output::json::render(&check::check_in(workspace, inputs(files)));
    let fresh = flowlint::output::json::render(&check::check_one_world(inputs(files), &settings));
    assert!(
        kept == fresh,
        "{what}: the kept workspace differs from a fresh check\nkept: {kept}\nfresh: {fresh}"
    );
}

/// What the kept workspace reports about file `i`, and what a fresh one-world check
/// of `files` reports about it.
fn file_and_fresh(
    workspace: &mut Workspace,
    files: &[(String, String)],
    settings: &Settings,
    i: usize,
) -> (Vec<String>, Vec<String>) {
    let fresh = check::check_one_world(inputs(files), settings);
    let expected = fresh
        .findings
        .iter()
        .filter(|f| f.file == i)
        .map(|f| format!("{f:?}"))
        .collect();
    let got = workspace
        .findings_of(&[i])
        .remove(0)
        .iter()
        .map(|f| format!("{f:?}"))
        .collect();
    (got, expected)
}

/// The bundled blueprints, as discovery leaves them (scenarios are no blueprints).
fn bundled(settings: &Settings) -> Vec<(String, String)> {
    let dirs = [common::root().join("blueprints")];
    common::inputs_of(&dirs, settings)
        .into_iter()
        .filter_map(|input| match input.content {
            check::InputContent::Text(text)
                if check::classify(&input.path, &text) == check::FileKind::Blueprint =>
            {
                Some((input.path, text))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_change_gives_the_findings_of_a_fresh_check() {
    let settings = Settings::default();
    let mut files = bundled(&settings);
    assert!(files.len() > 20, "the bundled blueprints are there");
    let original = files.clone();
    let mut workspace = Workspace::new(settings, Retention::KeepTrees);
    assert_fresh(&mut workspace, &files, "initial load");
    let n = files.len();
    for i in (0..n).step_by(3) {
        let j = (i * 7 + 5) % n;
        // Another file's text: its objects, names and ids now in two files.
        files[i].1 = original[j].1.clone();
        assert_fresh(
            &mut workspace,
            &files,
            &format!("{} as {}", files[i].0, files[j].0),
        );
        // Cut in half: a syntax error or entries lost.
        let half = original[i].1.len() / 2;
        let cut = original[i].1.floor_char_boundary(half);
        files[i].1 = original[i].1[..cut].to_string();
        assert_fresh(&mut workspace, &files, &format!("{} cut", files[i].0));
        // Removed, then back as it was.
        let removed = files.remove(i);
        assert_fresh(&mut workspace, &files, &format!("{} removed", removed.0));
        files.insert(i, original[i].clone());
        assert_fresh(&mut workspace, &files, &format!("{} restored", files[i].0));
    }
}

/// The same, freeing the trees of files unrelated so far: in chunks of one file,
/// files that relate to a later file are parsed again for their group.
#[test]
fn without_trees_a_change_gives_the_same_findings() {
    let settings = Settings::default();
    let files = bundled(&settings);
    for chunk in [usize::MAX, 1] {
        let mut workspace =
            Workspace::new(settings.clone(), Retention::DropTrees).in_chunks_of(chunk);
        assert_fresh(&mut workspace, &files, "initial load");
        let mut changed = files.clone();
        changed[0].1 = files[1].1.clone();
        assert_fresh(&mut workspace, &changed, "first file as the second");
        // The last file as the first: tied to a file whose tree was freed long ago.
        let last = changed.len() - 1;
        changed[last].1 = files[0].1.clone();
        assert_fresh(&mut workspace, &changed, "last file as the first");
    }
}

/// A file replaced on its own ([`Workspace::set_input`], the language server's
/// edit) reports, through [`Workspace::findings_of`], exactly what a fresh check of
/// all files reports about it.
#[test]
fn a_replaced_file_reports_what_a_fresh_check_reports() {
    let settings = Settings::default();
    let mut files = bundled(&settings);
    let original = files.clone();
    let mut workspace =
        Workspace::new(settings.clone(), Retention::KeepTrees).loaded(inputs(&files));
    let n = files.len();
    for i in (0..n).step_by(4) {
        let j = (i * 5 + 3) % n;
        for text in [
            original[j].1.clone(),
            original[i].1[..original[i].1.floor_char_boundary(original[i].1.len() / 3)].to_string(),
            original[i].1.clone(),
            // What ties it to other files unchanged: the relations are kept.
            format!("{}\n# edited\n", original[i].1),
            original[i].1.clone(),
        ] {
            files[i].1 = text.clone();
            workspace.set_input(Input::from_text(files[i].0.clone(), text));
            for id in [i, j] {
                let (got, expected) = file_and_fresh(&mut workspace, &files, &settings, id);
                assert_eq!(
                    got, expected,
                    "{} after editing {}",
                    files[id].0, files[i].0
                );
            }
        }
    }
}

/// Typing inside one entry of a file (the edit whose tree is spliced from the tree
/// before it, `flowlint::yaml::splice`): after each keystroke, the kept workspace
/// reports what a fresh check of all files reports.
#[test]
fn typing_inside_an_entry_reports_what_a_fresh_check_reports() {
    let settings = Settings::default();
    let mut files = bundled(&settings);
    let mut workspace =
        Workspace::new(settings.clone(), Retention::KeepTrees).loaded(inputs(&files));
    let mut typed = 0;
    for i in (0..files.len()).step_by(3) {
        let original = files[i].1.clone();
        // The second entry's `model:` line, typed at its end letter by letter (an
        // unknown model, then a known one again), then cut back.
        let Some(line) = original.match_indices("- model: ").nth(1).map(|(at, _)| at) else {
            continue;
        };
        let at = line + original[line..].find('\n').unwrap_or(0);
        let mut text = original.clone();
        for typing in ["x", "xy", "", " # note", ""] {
            text = format!("{}{typing}{}", &original[..at], &original[at..]);
            files[i].1 = text.clone();
            workspace.set_input(Input::from_text(files[i].0.clone(), text.clone()));
            let (got, expected) = file_and_fresh(&mut workspace, &files, &settings, i);
            assert_eq!(got, expected, "{} typed {typing:?}", files[i].0);
            typed += 1;
        }
        assert_eq!(text, original);
    }
    assert!(typed > 20, "only {typed} edits typed");
}

/// Typing a new key in an entry leaves a line without its colon for a few
/// keystrokes: the file fails to parse, then parses again (spliced against its last
/// text that parsed). After each keystroke the kept workspace reports what a fresh
/// check of all files reports.
#[test]
fn typing_a_key_through_invalid_states_reports_what_a_fresh_check_reports() {
    let settings = Settings::default();
    let mut files = bundled(&settings);
    let mut workspace =
        Workspace::new(settings.clone(), Retention::KeepTrees).loaded(inputs(&files));
    let mut invalid = 0;
    for i in (0..files.len()).step_by(5) {
        let original = files[i].1.clone();
        let Some(dash) = original.match_indices("- model: ").nth(1).map(|(at, _)| at) else {
            continue;
        };
        let line_start = original[..dash].rfind('\n').map_or(0, |at| at + 1);
        let indent = " ".repeat(dash - line_start + 2);
        let at = dash + original[dash..].find('\n').unwrap_or(0);
        for typed in [
            "n",
            "na",
            "nam",
            "name",
            "name:",
            "name: x",
            "name: x\n",
            "",
        ] {
            let text = format!("{}\n{indent}{typed}{}", &original[..at], &original[at..]);
            let text = if typed.is_empty() {
                original.clone()
            } else {
                text
            };
            files[i].1 = text.clone();
            workspace.set_input(Input::from_text(files[i].0.clone(), text));
            let (got, expected) = file_and_fresh(&mut workspace, &files, &settings, i);
            invalid += usize::from(expected.iter().any(|f| f.contains("FL001")));
            assert_eq!(got, expected, "{} typed {typed:?}", files[i].0);
        }
    }
    assert!(invalid > 10, "only {invalid} invalid states typed");
}
