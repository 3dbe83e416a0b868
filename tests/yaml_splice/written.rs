//! Hand-written edits that an entry's lines read differently alone: each is refused
//! or spliced into exactly the full parse.

use flowlint::yaml::{load, splice};

use super::{edit_summary, first_difference, same};

/// An edit that opens a quoted scalar the next entry's first line closes: alone,
/// the lines end with an item that looks like the next entry but holds the edited
/// one's scalar; in the file, the entries after it read differently too.
#[test]
fn a_scalar_that_swallows_the_next_dash_line_is_not_the_next_entry() {
    let text = "entries:\n  - model: a\n    k: x\n  - model: b\"\n    id: y\n# end\n";
    let typed = text.replacen("    k: x\n", "  - k: \"x\n", 1);
    let full = load(&typed);
    assert!(full.problems.is_empty(), "{:?}", full.problems);
    if let Ok(spliced) = splice(text, load(text), &typed) {
        assert!(
            same(&spliced, &full),
            "{}",
            first_difference(&spliced, &full)
        );
    }
}

/// Hand-written edits probing what reads differently alone: each is either refused
/// or spliced into exactly the full parse.
#[test]
fn written_edits_splice_as_parsed_or_are_refused() {
    let nested = |depth: usize| {
        let mut text = String::from("entries:\n  - model: a\n    k: x\n  - model: b\n    v: ");
        text.push_str(&"[".repeat(depth));
        text.push_str(&"]".repeat(depth));
        text.push_str("\n  - model: c\n");
        text
    };
    let mut cases: Vec<(String, String)> = Vec::new();
    // The depth limit: nesting around 256 levels, the edit in the nested entry.
    for depth in 250..=256 {
        let text = nested(depth);
        cases.push((text.clone(), text.replacen("model: b", "model: bb", 1)));
        cases.push((text.clone(), text.replacen("[]", "[[]]", 1)));
        cases.push((
            text.clone(),
            text.replacen("[[", "[", 1).replacen("]]", "]", 1),
        ));
    }
    let pairs: &[(&str, &str, &str)] = &[
        // Duplicate root keys: PyYAML keeps the last `entries:`.
        (
            "entries:\n  - model: a\n  - model: b\nentries:\n  - model: c\n",
            "model: a",
            "model: z",
        ),
        (
            "entries:\n  - model: a\n  - model: b\nentries:\n  - model: c\n",
            "model: c",
            "model: z",
        ),
        // An entry whose key is explicit, and an explicit key typed.
        (
            "entries:\n  - ? model\n    : a\n  - model: b\n",
            ": a",
            ": z",
        ),
        (
            "entries:\n  - model: a\n  - model: b\n",
            "model: a",
            "? model: a\n    : q",
        ),
        // Block scalars at an entry's end: indentation indicator, chomping.
        ("entries:\n  - k: |2\n      x\n\n  - model: b\n", "x", "y"),
        ("entries:\n  - k: |+\n      x\n\n\n  - model: b\n", "x", "y"),
        (
            "entries:\n  - k: >-\n      x\n\n  - model: b\n",
            "x\n",
            "x\n     \n",
        ),
        (
            "entries:\n  - k: |\n      x\n  - model: b\n",
            "x\n",
            "x\n   \n",
        ),
        // Comments at odd columns, and a file without a final newline.
        ("entries:\n  - k: a\n# c\n #c\n  - model: b", "k: a", "k: b"),
        ("entries:\n  - k: a\n  - model: b", "model: b", "model: bb"),
        ("entries:\n  - k: a\n  - model: b", "model: b", "model: b\n"),
        (
            "entries:\n  - k: a\n  - model: b\n  # end",
            "model: b",
            "model: b # x",
        ),
        // Nested and empty items, scalar items.
        (
            "entries:\n  - k: a\n  - model: b\n  - model: c\n",
            "model: b",
            "- - x",
        ),
        (
            "entries:\n  - k: a\n  - model: b\n  - model: c\n",
            "model: b",
            "",
        ),
        (
            "entries:\n  - k: a\n  - model: b\n  - model: c\n",
            "model: b",
            "b",
        ),
        (
            "entries:\n  - k: a\n  - - x\n  - model: c\n",
            "k: a",
            "k: b",
        ),
        // Indentless entries, a new one typed at another column.
        (
            "entries:\n- k: a\n- model: b\n",
            "k: a",
            "k: a\n - model: n",
        ),
        (
            "entries:\n- k: a\n- model: b\n",
            "k: a",
            "k: a\n  - model: n",
        ),
        ("entries:\n- k: a\n  l:\n- model: b\n", "l:", "l:\n  - x"),
        // Quoted and plain scalars across lines, up to the next entry.
        ("entries:\n  - k: a\n  - model: 'b'\n", "k: a", "k: 'a\n  "),
        ("entries:\n  - k: a\n  - model: b\n", "k: a", "k: a\n   b"),
        (
            "entries:\n  - k: a\n  - model: b'\n    id: y\n",
            "k: a",
            "k: a\n  - k: 'x",
        ),
        // Breaks PyYAML reads as line breaks, a BOM, tabs, CR alone.
        ("\u{feff}entries:\n  - k: a\n  - model: b\n", "k: a", "k: é"),
        (
            "entries:\n  - k: a\n  - model: b\n",
            "k: a",
            "k: a\u{85}  - x: y",
        ),
        (
            "entries:\n  - k: a\n  - model: b\n",
            "k: a",
            "k: a\r  - x: y",
        ),
        (
            "entries:\r\n  - k: a\r\n  - model: b\r\n",
            "k: a",
            "k: a\r\n  - x: y",
        ),
        // Tags with handles and a tagged parent built from the entry.
        ("entries:\n  - k: !!str a\n  - model: b\n", "!!str", "!!int"),
        (
            "entries:\n  - k: !Find [a, [b, c]]\n  - model: b\n",
            "[b, c]",
            "[b, !!map c]",
        ),
        ("entries:\n  - k: a\n  - model: b\n", "k: a", "k: !e!x a"),
        // Merge keys inside an entry; duplicate keys inside an entry.
        (
            "entries:\n  - k: a\n  - model: b\n",
            "k: a",
            "<<: {k: a}\n    k: b",
        ),
        (
            "entries:\n  - k: a\n    k: b\n  - model: b\n",
            "k: b",
            "k: c",
        ),
    ];
    for (text, from, to) in pairs {
        cases.push((text.to_string(), text.replacen(from, to, 1)));
    }
    let mut spliced_count = 0;
    for (text, typed) in &cases {
        let full = load(typed);
        if let Ok(spliced) = splice(text, load(text), typed) {
            spliced_count += 1;
            assert!(
                same(&spliced, &full),
                "{}\n{}",
                edit_summary(text, typed),
                first_difference(&spliced, &full)
            );
        }
    }
    assert!(spliced_count > 10, "only {spliced_count} spliced");
}

/// A `%TAG` directive after a comment ended by a break other than `\n`: the file's
/// `!x` is `tag:example.com,2000:x`, the entry's lines alone read it as `!x`.
#[test]
fn a_directive_after_any_line_break_is_seen() {
    for text in [
        "# c\r%TAG ! tag:example.com,2000:\n---\nentries:\n  - model: a\n    k: !x 1\n  - model: b\n",
        "# c\u{85}%TAG ! tag:example.com,2000:\n---\nentries:\n  - model: a\n    k: !x 1\n  - model: b\n",
        "# c\u{2028}%TAG !e! tag:example.com,2000:\n---\nentries:\n  - model: a\n    k: !e!x 1\n  - model: b\n",
        // A BOM takes no column in PyYAML: the `%` after it starts a directive.
        "# c\n\u{feff}%TAG ! tag:example.com,2000:\n---\nentries:\n  - model: a\n    k: !x 1\n  - model: b\n",
    ] {
        let typed = text.replacen("1\n", "2\n", 1);
        let full = load(&typed);
        if let Ok(spliced) = splice(text, load(text), &typed) {
            assert!(
                same(&spliced, &full),
                "{}",
                first_difference(&spliced, &full)
            );
        }
    }
}
