//! The tree an edit splices (`yaml::splice`: only the edited entry's lines parsed
//! again) against the tree a full parse of the edited text gives, after thousands of
//! random edits of every bundled and fixture blueprint and of texts written to hold
//! what can read differently alone (block scalars, flow collections, quotes,
//! comments, CRLF, indentless sequences, anchors).

use std::path::Path;

use flowlint::yaml::{Loaded, load, reload, splice};

/// Hand-written edits, each probing one way an entry's lines read differently alone.
#[path = "yaml_splice/written.rs"]
mod written;

/// Texts an edit may turn into something else: a sequence item's end, indentation,
/// a document marker, a tag, an anchor or alias, a break PyYAML reads as a line break.
const INSERTS: &[&str] = &[
    "",
    " ",
    "  ",
    "x",
    "\n",
    "\n  ",
    "\n    ",
    "\n      ",
    "- ",
    "-",
    ":",
    ": ",
    "#",
    " # c",
    "'",
    "\"",
    "key: value\n    ",
    "!KeyOf ",
    "!Find [",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "|\n",
    "|+\n",
    ">-\n",
    "---\n",
    "...\n",
    "\t",
    "\r\n",
    "\r",
    "%TAG ! !x\n",
    "? ",
    "\u{2028}",
    "é",
    "😀",
    "\\",
    "  - model: x\n",
    "\n  - model: y\n    id: z\n",
    "!!str ",
    "<<: ",
    "- - ",
    "|2\n",
    "\n# c\n",
    "\n-",
    "\"a\nb\"",
    "\n    ? k\n    : v",
    "a: b: c",
    // A new entry whose quoted scalar the next entry's first line may close.
    "\n  - k: \"x",
    "\n  - k: 'x",
    "\n- k: \"x",
];

const WRITTEN: &[&str] = &[
    // Quotes ending entries' first lines: an edit that opens a quoted scalar above
    // one is closed there.
    "entries:\n  - model: a\n    k: x\n  - model: b\"\n    id: y'\n  - model: c'\n    n: z\"\n  - model: d\n# end\n",
    "version: 1\nentries:\n  - model: a.b\n    attrs:\n      text: |\n        one\n\n        two\n\n  # between\n  - model: c.d\n    attrs: {x: [1, 2], y: 'q''t'}\n    id: k\n  - model: e.f\n    attrs:\n      s: >-\n        folded\n        text\n      t: \"esc\\n\"\n  - model: g\n",
    "entries:\n- model: a\n  attrs:\n    keep: |+\n      kept\n\n- model: b\n  identifiers:\n    slug: !KeyOf k\n- model: c\n  state: absent\nmetadata:\n  name: n\n",
    "entries:\r\n  - model: a\r\n    attrs:\r\n      n: 1\r\n  - model: b\r\n    attrs:\r\n      list:\r\n        - 1\r\n        - 2\r\n  - model: c\r\n",
    "entries:\n  - model: a\n    attrs: &x\n      n: 1\n  - model: b\n    attrs: *x\n  - model: c\n",
    "entries:\n  - model: a\n    attrs:\n      keep: |+\n        kept\n\n  - model: b\n    attrs:\n      strip: |-\n        s\n\n\n  # c\n\n  - model: c\n    attrs:\n      clip: >\n        c\n\n",
    "entries:\n- model: a\n  attrs:\n    plain: multi\n      line\n\n    next: x\n- model: b\n  attrs: {a: 1,\n    b: 2}\n- model: c\n  attrs:\n    q: \"two\n      lines\"\n- model: d\n  keep: |+\n    k\n\n",
    "version: 1\nentries:\n  - model: a\n    attrs:\n      p: plain\n        continued\n      q: !Format ['%s', !Context c]\n  - model: b\n    attrs:\n      r: !Find [authentik_flows.flow, [slug, x]]\n  - model: c\ncontext:\n  c: 1\n",
];

/// A small deterministic generator: the same edits every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn texts() -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = WRITTEN
        .iter()
        .enumerate()
        .map(|(i, text)| (format!("written {i}"), text.to_string()))
        .collect();
    let mut folders = vec![
        Path::new("blueprints").to_path_buf(),
        Path::new("tests/fixtures").to_path_buf(),
    ];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push((path.display().to_string(), text));
                }
            }
        }
    }
    texts.sort();
    texts
}

fn edited(text: &str, rng: &mut Rng) -> String {
    let on_char = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let mut at = on_char(rng.below(text.len() + 1));
    // Half of the edits near a line's start, where one item ends and the next begins.
    if rng.below(2) == 0 {
        let line = text[..at].rfind('\n').map_or(0, |l| l + 1);
        at = on_char((line + rng.below(5)).min(text.len()));
    }
    let mut end = (at + rng.below(4).pow(2)).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!(
        "{}{}{}",
        &text[..at],
        INSERTS[rng.below(INSERTS.len())],
        &text[end..]
    )
}

fn edit_summary(before: &str, after: &str) -> String {
    let start = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let tail = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(before.len().min(after.len()) - start)
        .take_while(|(a, b)| a == b)
        .count();
    let line = before[..start].rfind('\n').map_or(0, |at| at + 1);
    let from = before[..line.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |at| at + 1);
    let to = |t: &str, end: usize| {
        t[end..]
            .match_indices('\n')
            .nth(2)
            .map_or(t.len(), |(at, _)| end + at)
    };
    format!(
        "at byte {start}: {:?} -> {:?}\nbefore:\n{}\nafter:\n{}",
        &before[start..before.len() - tail],
        &after[start..after.len() - tail],
        &before[from..to(before, before.len() - tail)],
        &after[from..to(after, after.len() - tail)]
    )
}

fn first_difference(spliced: &Loaded, full: &Loaded) -> String {
    let (a, b) = (format!("{:#?}", spliced.root), format!("{:#?}", full.root));
    let at = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(0);
    let around = |t: &str| {
        t.lines()
            .skip(at.saturating_sub(8))
            .take(12)
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "problems {:?} / {:?}\nspliced:\n{}\nfull:\n{}",
        spliced.problems,
        full.problems,
        around(&a),
        around(&b)
    )
}

fn same(spliced: &Loaded, full: &Loaded) -> bool {
    spliced.root == full.root
        && spliced.problems == full.problems
        && spliced.uses_anchors == full.uses_anchors
}

#[test]
fn a_spliced_tree_is_the_full_parse_of_the_edited_text() {
    // `SPLICE_SEED=N` for other edits by hand.
    let seed = std::env::var("SPLICE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x2545_f491_4f6c_dd1d_u64);
    let mut rng = Rng(seed);
    let (mut edits, mut spliced_count) = (0, 0);
    for (name, text) in texts() {
        let entries = load(&text)
            .root
            .as_ref()
            .and_then(|r| r.get("entries"))
            .and_then(|e| e.as_seq())
            .map_or(0, <[_]>::len);
        // `SPLICE_ROUNDS=500` for a deeper run by hand.
        let rounds = std::env::var("SPLICE_ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(24);
        let rounds = if entries > 1 { rounds } else { 2 };
        for _ in 0..rounds {
            // Edits one after the other, as typing makes them.
            let mut current = text.clone();
            for _ in 0..3 {
                let next = edited(&current, &mut rng);
                let full = load(&next);
                edits += 1;
                match splice(&current, load(&current), &next) {
                    Ok(spliced) => {
                        spliced_count += 1;
                        assert!(
                            same(&spliced, &full),
                            "{name}: a splice differs from the full parse\n--- edit\n{}\n--- first difference\n{}",
                            edit_summary(&current, &next),
                            first_difference(&spliced, &full)
                        );
                    }
                    // Refused: the tree before the edit comes back as it was.
                    Err(old) => assert!(
                        same(&old, &load(&current)),
                        "{name}: a refused splice changed the tree"
                    ),
                }
                let reloaded = reload(&current, load(&current), &next);
                assert!(same(&reloaded, &full), "{name}: reload differs from load");
                current = next;
            }
        }
    }
    // Many random edits break the YAML, or fall outside the entries or in the last
    // one: the test must still exercise the splice, not only its refusals.
    assert!(
        spliced_count * 20 > edits,
        "only {spliced_count} of {edits} edits were spliced"
    );
    eprintln!("{spliced_count} of {edits} edits spliced");
}

#[test]
fn edits_outside_the_entries_are_parsed_in_full() {
    let text = "version: 1\nentries:\n  - model: a\n    id: x\n  - model: b\n    id: y\n";
    let at_version = text.replacen("version: 1", "version: 2", 1);
    assert!(splice(text, load(text), &at_version).is_err());
    // The last entry, with a root key after it: the key could end up in the entry.
    let followed = format!("{text}metadata:\n  name: n\n");
    let last_entry = followed.replacen("id: y", "id: z", 1);
    assert!(splice(&followed, load(&followed), &last_entry).is_err());
    let anchored = "entries:\n  - model: a\n    id: &x x\n  - model: b\n    id: *x\n  - model: c\n";
    assert!(
        splice(
            anchored,
            load(anchored),
            &anchored.replacen("&x x", "&x w", 1)
        )
        .is_err()
    );
    // A line put before an entry's dash follows the entry before it in the file,
    // whose `|+` block scalar keeps it as a blank line.
    let kept = "entries:\n- model: a\n  keep: |+\n    kept\n\n- model: b\n- model: c\n";
    let blank_line = kept.replacen("- model: b", "      \n- model: b", 1);
    if let Ok(spliced) = splice(kept, load(kept), &blank_line) {
        assert!(same(&spliced, &load(&blank_line)));
    }
    let directive = format!("%YAML 1.1\n---\n{text}");
    let typed = directive.replacen("id: x", "id: w", 1);
    assert!(splice(&directive, load(&directive), &typed).is_err());
}

#[test]
fn edits_inside_the_entries_are_spliced() {
    let text = "version: 1\nentries:\n  - model: a\n    id: x\n  - model: b\n    id: y\n# end\n";
    let spliced_as_parsed = |typed: &str| {
        let spliced = splice(text, load(text), typed)
            .unwrap_or_else(|_| panic!("{typed:?} was parsed in full"));
        assert!(same(&spliced, &load(typed)), "{typed:?}");
    };
    spliced_as_parsed(&text.replacen("id: x", "id: w", 1));
    // The last entry, nothing but a comment after it.
    spliced_as_parsed(&text.replacen("id: y", "id: z", 1));
    // An entry added between two, and one at the end.
    spliced_as_parsed(&text.replacen("  - model: b", "  - model: n\n  - model: b", 1));
    spliced_as_parsed(&text.replacen("# end\n", "  - model: n\n    id: n\n# end\n", 1));
    spliced_as_parsed(&format!("{text}  - model: n\n"));
    // An empty node at an entry's end sits at the next token, the next entry's dash.
    for ending in ["? k", "k: !Tag", "k:", "k: !Tag\n    # c\n"] {
        spliced_as_parsed(&text.replacen("id: x", ending, 1));
        spliced_as_parsed(&text.replacen("id: y", ending, 1));
    }
}

#[test]
fn typing_in_any_entry_is_spliced() {
    let mut typed = 0;
    for (name, text) in texts() {
        let loaded = load(&text);
        let Some(entries) = loaded
            .root
            .as_ref()
            .and_then(|r| r.get("entries"))
            .and_then(|e| e.as_seq())
        else {
            continue;
        };
        if !loaded.problems.is_empty() || loaded.uses_anchors || text.contains('\t') {
            continue;
        }
        // The last entry is spliced when nothing but comments follows it.
        let last = entries.last().map_or(0, |e| e.span.end as usize);
        let last_alone = text[last..].lines().all(|line| {
            let line = line.trim_start();
            line.is_empty() || line.starts_with('#')
        });
        let spliceable = if last_alone {
            entries.len()
        } else {
            entries.len().saturating_sub(1)
        };
        for entry in &entries[..spliceable] {
            // A letter typed at the end of the entry's first line (`- model: x`).
            let Some(line_end) = text[entry.span.start as usize..].find(['\r', '\n']) else {
                continue;
            };
            let at = entry.span.start as usize + line_end;
            let next = format!("{}x{}", &text[..at], &text[at..]);
            let full = load(&next);
            if !full.problems.is_empty() {
                continue;
            }
            let spliced = splice(&text, load(&text), &next)
                .unwrap_or_else(|_| panic!("{name}: typing at byte {at} was parsed in full"));
            assert!(same(&spliced, &full), "{name}: typing at byte {at}");
            typed += 1;
        }
    }
    assert!(typed > 100, "only {typed} entries typed in");
}

/// A tree that is not the old text's (a caller's mistake) gives some tree or none,
/// never a panic.
#[test]
fn a_tree_of_another_text_never_panics() {
    let texts = texts();
    for window in texts.windows(3) {
        let [(_, a), (_, b), (_, c)] = window else {
            continue;
        };
        let _ = splice(a, load(b), c);
        let _ = splice(a, load(b), &format!("{a}x"));
        let edited: String = "x".chars().chain(b.chars().skip(1)).collect();
        let _ = splice(a, load(b), &edited);
    }
}
