//! Moving an item of a block sequence (a blueprint entry) above another item of the
//! same sequence, as whole lines: the item's text with the comment lines right above
//! it is cut and inserted, unchanged, before the other item's own comment lines. Both
//! items start at the same column, so nothing is re-indented or re-serialized.

use super::Edit;
use crate::source::Span;

/// The edits that move the block sequence item whose node spans `item` above the item
/// whose node spans `above` (an earlier item of the same sequence). `None` unless both
/// are written `- ` + node at the start of their line, at the same column, and the
/// moved item's last line holds nothing after it but a comment.
pub fn move_item_above(text: &str, item: Span, above: Span) -> Option<Vec<Edit>> {
    let moved = item_lines(text, item)?;
    let target = item_lines(text, above)?;
    if moved.dash_column != target.dash_column || target.start >= moved.start {
        return None;
    }
    let mut content = text
        .get(moved.start as usize..moved.end as usize)?
        .to_string();
    if !content.ends_with('\n') {
        // The last item of a file without a final newline.
        content.push('\n');
    }
    // A blank line that sets the item apart travels with it, and sets it apart from
    // the item it moves above.
    let mut cut_from = moved.start as usize;
    if let Some(previous) = previous_line(text, cut_from) {
        let line = &text[previous..cut_from];
        if line.trim().is_empty() && previous >= target.end as usize {
            content.push_str(line);
            cut_from = previous;
        }
    }
    Some(vec![
        Edit::insert(target.start, content),
        Edit::delete(Span::new(u32::try_from(cut_from).ok()?, moved.end)),
    ])
}

/// The whole lines of one sequence item: from its leading comment lines to the end of
/// the line its node ends on (newline included).
#[derive(Debug, PartialEq, Eq)]
struct ItemLines {
    start: u32,
    end: u32,
    dash_column: usize,
}

fn item_lines(text: &str, node: Span) -> Option<ItemLines> {
    let (node_start, node_end) = (node.start as usize, node.end as usize);
    if node_end > text.len() || node_start > node_end {
        return None;
    }
    let line_start = line_start(text, node_start);
    // `- ` (spaces around one dash) and then the node: nothing else on the line before it.
    let before = text.get(line_start..node_start)?;
    let dash_column = before.find('-')?;
    let around_dash = before[..dash_column].bytes().all(|b| b == b' ')
        && before[dash_column + 1..].bytes().all(|b| b == b' ')
        && before.len() > dash_column + 1;
    if !around_dash {
        return None;
    }
    let mut start = line_start;
    while let Some(previous) = previous_line(text, start) {
        let line = &text[previous..start];
        let indent = line.bytes().take_while(|&b| b == b' ').count();
        if indent != dash_column || !line[indent..].starts_with('#') {
            break;
        }
        start = previous;
    }
    let end = if node_end > 0 && text.as_bytes()[node_end - 1] == b'\n' {
        // A block scalar's span takes its line break.
        node_end
    } else {
        let rest_end = text[node_end..]
            .find('\n')
            .map_or(text.len(), |i| node_end + i + 1);
        let rest = text[node_end..rest_end].trim_end_matches(['\n', '\r']);
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let comment_only =
            trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len());
        if !comment_only {
            return None;
        }
        rest_end
    };
    Some(ItemLines {
        start: u32::try_from(start).ok()?,
        end: u32::try_from(end).ok()?,
        dash_column,
    })
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of the line before the one starting at `start`.
fn previous_line(text: &str, start: usize) -> Option<usize> {
    (start > 0).then(|| line_start(text, start - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    /// The spans of the items of the `entries` sequence.
    fn items(text: &str) -> Vec<Span> {
        let root = yaml::load(text).root.expect("parses");
        let entries = root.get_pair("entries").expect("entries").value.clone();
        match &entries.kind {
            yaml::NodeKind::Seq(items) => items.iter().map(|n| n.span).collect(),
            _ => panic!("a sequence"),
        }
    }

    fn moved(text: &str, from: usize, above: usize) -> Option<String> {
        let items = items(text);
        let edits = move_item_above(text, items[from], items[above])?;
        let fix = crate::fix::Fix::unsafe_("move", edits);
        Some(crate::fix::apply(text, &[&fix]).text)
    }

    #[test]
    fn moves_whole_lines_with_leading_comments() {
        let text = "entries:\n  # the binding\n  - model: b  # trailing\n    attrs: {}\n\n  # the stage\n  # (two lines)\n  - model: s\n    attrs:\n      expression: |\n        return True\n  - model: last\n";
        assert_eq!(
            moved(text, 1, 0).as_deref(),
            Some(
                "entries:\n  # the stage\n  # (two lines)\n  - model: s\n    attrs:\n      expression: |\n        return True\n\n  # the binding\n  - model: b  # trailing\n    attrs: {}\n  - model: last\n"
            )
        );
    }

    #[test]
    fn the_last_item_without_a_final_newline() {
        let text = "entries:\n- model: a\n- model: b";
        assert_eq!(
            moved(text, 1, 0).as_deref(),
            Some("entries:\n- model: b\n- model: a\n")
        );
    }

    #[test]
    fn refuses_items_of_flow_sequences_and_of_other_columns() {
        let text = "entries: [{model: a},\n  {model: b}]\n";
        let items = items(text);
        assert_eq!(move_item_above(text, items[1], items[0]), None);
        let text = "a:\n- model: a\nentries:\n  - model: b\n";
        let root = yaml::load(text).root.expect("parses");
        let first = root.get_pair("a").expect("a").value.clone();
        let yaml::NodeKind::Seq(first) = &first.kind else {
            panic!("a sequence")
        };
        let second = super::tests::items(text);
        assert_eq!(move_item_above(text, second[0], first[0].span), None);
    }
}
