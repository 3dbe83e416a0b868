//! Elision of the source lines between far-apart labels, as rustc and ruff do.
//!
//! miette renders every label of a finding with one line of context, but it joins the
//! snippets of labels less than about a snippet's own line number apart into one, and
//! a label that spans many lines shows all of them: one finding whose labels sit on
//! lines 28, 46 and 88 printed every line from 27 to 89. This pass works on miette's
//! rendered text: inside each snippet box it keeps the labelled lines (a line followed
//! by a label's `·` lines, or where a multi-line label starts or ends, `▶`) with one
//! line of context each side, and replaces every run of two or more other source lines
//! with one `⋮` line in the box's column. Everything else is kept byte for byte.

/// `rendered` with long runs of unlabelled source lines inside snippet boxes elided.
pub fn elide_distant_lines(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    let mut block: Vec<&str> = Vec::new();
    let mut in_box = false;
    for line in rendered.split_inclusive('\n') {
        let plain = strip_ansi(line);
        let trimmed = plain.trim_start();
        if !in_box {
            out.push_str(line);
            in_box = trimmed.starts_with("╭─");
            continue;
        }
        if trimmed.starts_with('╰') {
            elide_block(&block, &mut out);
            block.clear();
            out.push_str(line);
            in_box = false;
        } else {
            block.push(line);
        }
    }
    // An unterminated box (never from miette): keep what was read.
    for line in block {
        out.push_str(line);
    }
    out
}

/// What a line inside a snippet box is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BoxLine {
    /// ` 27 │ text`, with where the box's `│` is (in characters).
    Source { bar_column: usize },
    /// ` 27 │ ╭─▶ text`: a line where a multi-line label starts or ends.
    LabelEdge,
    /// `    · ──┬──` and the like: a label drawn under the source line above.
    Label,
}

fn classify(line: &str) -> BoxLine {
    let plain = strip_ansi(line);
    let digits_end = plain.trim_start().find(|c: char| !c.is_ascii_digit());
    let indent = plain.len() - plain.trim_start().len();
    match digits_end {
        Some(d) if d > 0 && plain[indent + d..].starts_with(" │") => {
            let bar_column = plain[..indent + d + 1].chars().count();
            let after_bar = &plain[indent + d + " │".len()..];
            if after_bar.chars().take(8).any(|c| c == '▶') {
                BoxLine::LabelEdge
            } else {
                BoxLine::Source { bar_column }
            }
        }
        _ => BoxLine::Label,
    }
}

fn elide_block(block: &[&str], out: &mut String) {
    let kinds: Vec<BoxLine> = block.iter().map(|l| classify(l)).collect();
    // Source lines that carry a label: followed by label lines, or a label's edge.
    let labelled: Vec<bool> = (0..block.len())
        .map(|i| match kinds[i] {
            BoxLine::LabelEdge => true,
            BoxLine::Source { .. } => kinds.get(i + 1) == Some(&BoxLine::Label),
            BoxLine::Label => false,
        })
        .collect();
    // The source lines in order, and for each whether it is kept.
    let sources: Vec<usize> = (0..block.len())
        .filter(|&i| kinds[i] != BoxLine::Label)
        .collect();
    let kept: Vec<bool> = (0..sources.len())
        .map(|k| {
            let near =
                |j: Option<usize>| j.and_then(|j| sources.get(j)).is_some_and(|&i| labelled[i]);
            near(Some(k)) || near(k.checked_sub(1)) || near(Some(k + 1))
        })
        .collect();
    let mut k = 0;
    let mut i = 0;
    while i < block.len() {
        if kinds[i] == BoxLine::Label {
            out.push_str(block[i]);
            i += 1;
            continue;
        }
        // A run of source lines not kept, from sources[k].
        let run = kept[k..].iter().take_while(|kept| !**kept).count();
        if run >= 2 {
            let bar_column = match kinds[i] {
                BoxLine::Source { bar_column } => bar_column,
                _ => 0,
            };
            let after = sources.get(k + run).copied();
            out.push_str(&" ".repeat(bar_column));
            out.push('⋮');
            // Inside a multi-line label its gutter line goes on through the elision.
            let gutter = |line: Option<usize>| {
                line.and_then(|l| strip_ansi(block[l]).chars().nth(bar_column + 2))
            };
            let from_above = matches!(gutter(i.checked_sub(1)), Some('╭' | '│' | '├'));
            if from_above && matches!(gutter(after), Some('│' | '├' | '╰')) {
                out.push_str(" │");
            }
            out.push('\n');
            k += run;
            i = after.unwrap_or(block.len());
            continue;
        }
        out.push_str(block[i]);
        k += 1;
        i += 1;
    }
}

/// The text without ANSI escape sequences (`ESC [ ... letter`), for matching.
fn strip_ansi(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\u{1b}') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            plain.push(c);
            continue;
        }
        if chars.next() == Some('[') {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        }
    }
    std::borrow::Cow::Owned(plain)
}

#[cfg(test)]
mod tests {
    use super::elide_distant_lines;

    fn source(n: u32) -> String {
        format!(" {n:>2} │ line {n}\n")
    }

    fn labelled(n: u32) -> String {
        source(n) + "    ·   ──┬─\n    ·     ╰── here\n"
    }

    fn boxed(lines: &[String]) -> String {
        format!(
            "  × message\n    ╭─[f.yaml:1:1]\n{}    ╰────\n",
            lines.concat()
        )
    }

    #[test]
    fn text_outside_boxes_is_kept() {
        let text = "FL001 x\n\n  × message\n  │ more\n  help: 12 │ not a box\n";
        assert_eq!(elide_distant_lines(text), text);
    }

    #[test]
    fn a_run_of_two_or_more_unlabelled_lines_becomes_one_marker() {
        let lines: Vec<String> = (1..=9)
            .map(|n| {
                if n == 2 || n == 8 {
                    labelled(n)
                } else {
                    source(n)
                }
            })
            .collect();
        let out = elide_distant_lines(&boxed(&lines));
        // 1, 2 (label), 3 as context; 4..=6 elided; 7, 8 (label), 9.
        let expected = boxed(&[
            source(1),
            labelled(2),
            source(3),
            "    ⋮\n".to_string(),
            source(7),
            labelled(8),
            source(9),
        ]);
        assert_eq!(out, expected);
    }

    #[test]
    fn a_single_unlabelled_line_between_contexts_stays() {
        let lines: Vec<String> = (1..=7)
            .map(|n| {
                if n == 2 || n == 6 {
                    labelled(n)
                } else {
                    source(n)
                }
            })
            .collect();
        let text = boxed(&lines);
        assert_eq!(elide_distant_lines(&text), text);
    }

    #[test]
    fn colour_sequences_do_not_hide_the_line_numbers() {
        let plain: Vec<String> = (1..=9)
            .map(|n| {
                if n == 1 || n == 9 {
                    labelled(n)
                } else {
                    source(n)
                }
            })
            .collect();
        let coloured: Vec<String> = plain
            .iter()
            .map(|l| {
                l.replacen(' ', " \u{1b}[2m", 1)
                    .replacen(" │", "\u{1b}[0m │", 1)
            })
            .collect();
        let out = elide_distant_lines(&boxed(&coloured));
        assert!(out.contains("    ⋮\n"), "{out}");
        assert!(!out.contains("line 5"), "{out}");
    }
}
