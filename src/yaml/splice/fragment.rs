//! The edited lines parsed alone, and the spans of the tree moved.

use super::target::{dash_column, dash_line, is_block_map};
use crate::yaml::loader::load_with_limits;
use crate::yaml::node::{Node, NodeKind};
use crate::yaml::outcome::LoadLimits;

/// The items the edited lines hold (spans from the lines' start), when the lines
/// read alone as they read in the file: every item a block mapping whose dash is in
/// `column`; with `next_dash_line` (its offset in `lines`), the lines end with the
/// next item's first line, whose item is left out.
pub(super) fn parse_items(
    lines: &str,
    column: usize,
    next_dash_line: Option<usize>,
) -> Option<Vec<Node>> {
    if !reads_alone(lines) {
        return None;
    }
    let limits = LoadLimits::default();
    // The items sit two levels down in the file (the root mapping, the sequence), one
    // level down in the lines.
    let limits = LoadLimits {
        max_depth: limits.max_depth.checked_sub(1)?,
        ..limits
    };
    let mut parsed = load_with_limits(lines, limits);
    let root = parsed.root.as_mut()?;
    if !parsed.problems.is_empty() || parsed.uses_anchors || root.tag.is_some() {
        return None;
    }
    let NodeKind::Seq(items) = std::mem::replace(&mut root.kind, NodeKind::Seq(Box::new([])))
    else {
        return None;
    };
    let mut items = Vec::from(items);
    let in_column = |item: &Node| {
        dash_line(lines, item.span).is_some_and(|line| dash_column(lines, line) == column)
    };
    if !items.iter().all(in_column) {
        return None;
    }
    if let Some(next_dash_line) = next_dash_line {
        // The last item must be the next one's, starting on its dash line: an edit
        // that opens a quoted scalar the next line closes (`- k: "x` above
        // `- model: b"`) makes the lines end with an item at that column that is not
        // the next one, and the entries after it read differently in the file.
        let last = items.pop()?;
        if dash_line(lines, last.span) != Some(next_dash_line) {
            return None;
        }
    }
    let edited_are_maps = items
        .iter()
        .all(|item| item.tag.is_none() && is_block_map(item, lines));
    (!items.is_empty() && edited_are_maps).then_some(items)
}

/// Whether the lines can be read alone with the same meaning as in their file (see
/// the module's documentation).
fn reads_alone(lines: &str) -> bool {
    let breaks_are_newlines = !lines.contains('\t')
        && lines
            .match_indices('\r')
            .all(|(at, _)| lines[at + 1..].starts_with('\n'))
        && (lines.is_ascii() || !lines.contains(['\u{85}', '\u{2028}', '\u{2029}', '\u{feff}']));
    breaks_are_newlines
        && !lines
            .split('\n')
            .any(|line| line.starts_with("---") || line.starts_with("..."))
}

/// Move every offset at or past `from` by `delta` in `node` and what it holds.
pub(super) fn shift(node: &mut Node, from: u32, delta: i64) {
    let moved = |at: &mut u32| {
        if *at >= from {
            // Offsets stay within the new text, whose length fits a u32.
            *at = (i64::from(*at) + delta) as u32;
        }
    };
    if node.span.end < from {
        return;
    }
    moved(&mut node.span.start);
    moved(&mut node.span.end);
    if let Some(tag) = &mut node.tag {
        moved(&mut tag.span.start);
        moved(&mut tag.span.end);
    }
    match &mut node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => items.iter_mut().for_each(|item| shift(item, from, delta)),
        NodeKind::Map(pairs) => pairs.iter_mut().for_each(|pair| {
            shift(&mut pair.key, from, delta);
            shift(&mut pair.value, from, delta);
        }),
    }
}
