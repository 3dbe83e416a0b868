//! Which item of which top-level sequence an edit falls in, and the lines to parse.

use super::Edit;
use crate::source::Span;
use crate::yaml::node::{Node, NodeKind};

/// The edited item: the root pair whose block sequence holds it, its index, its
/// lines in the old text (from its dash's line to the next item's dash line, or to
/// the end of the text for the last item), and the end of the next item's first
/// line (`None` for the last item).
pub(super) struct Target {
    pub pair_at: usize,
    pub item_at: usize,
    pub lines: std::ops::Range<usize>,
    pub next_line: Option<usize>,
}

/// The item the edit falls in: the edit must start after its dash and end before
/// the next item's dash line (the last item: anywhere after, when nothing but
/// comments follows it in the file).
pub(super) fn edited_item(root: &Node, old_text: &str, edit: &Edit) -> Option<Target> {
    if root.tag.is_some() || !is_block_map(root, old_text) {
        return None;
    }
    let pairs = root.as_map()?;
    let pair_at = pairs
        .partition_point(|pair| (pair.value.span.start as usize) < edit.start)
        .checked_sub(1)?;
    let pair = &pairs[pair_at];
    let seq = &pair.value;
    // A block sequence's items are checked to start on their dash's line below; an
    // indentless one (`entries:\n- model: x`) starts at its first item's content.
    if pair.merged || seq.tag.is_some() || old_text.get(seq.span.start as usize..)?.starts_with('[')
    {
        return None;
    }
    let items = seq.as_seq()?;
    let after = items.partition_point(|item| item.span.start as usize <= edit.start);
    let item_at = match items.get(after) {
        Some(next) if dash_line(old_text, next.span)? <= edit.start => after,
        _ => after.checked_sub(1)?,
    };
    let item = &items[item_at];
    let start = dash_line(old_text, item.span)?;
    let (end, next_line) = match items.get(item_at + 1) {
        Some(next) => {
            let end = dash_line(old_text, next.span)?;
            let line_end = old_text[end..]
                .find('\n')
                .map_or(old_text.len(), |at| end + at + 1);
            (end, Some(line_end))
        }
        None if pair_at + 1 == pairs.len()
            && only_comments(old_text.get(item.span.end as usize..)?) =>
        {
            (old_text.len(), None)
        }
        None => return None,
    };
    // Past the dash: a line put before it would follow the previous item's content
    // in the file (a `|+` block scalar there keeps a blank line).
    let dash = start + dash_column(old_text, start);
    let inside =
        dash < edit.start && (edit.old_end < end || (next_line.is_none() && edit.old_end <= end));
    (inside && item.tag.is_none() && is_block_map(item, old_text)).then_some(Target {
        pair_at,
        item_at,
        lines: start..end,
        next_line,
    })
}

/// Whether `node` is a block mapping of `text` (not a flow one, `{...}`).
pub(super) fn is_block_map(node: &Node, text: &str) -> bool {
    matches!(node.kind, NodeKind::Map(_))
        && text
            .get(node.span.start as usize..)
            .is_some_and(|rest| !rest.starts_with('{'))
}

/// The start of the line of an item that begins on its dash's line (`  - model: x`),
/// or `None` when anything else comes between the line's start and the item.
pub(super) fn dash_line(text: &str, item: Span) -> Option<usize> {
    let before = text.get(..item.start as usize)?;
    let line = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |at| at + 1);
    let prefix = before[line..].trim_start_matches(' ');
    let gap = prefix.strip_prefix('-')?;
    (!gap.is_empty() && gap.bytes().all(|b| b == b' ')).then_some(line)
}

/// How far the dash of the item whose line starts at `line` is indented.
pub(super) fn dash_column(text: &str, line: usize) -> usize {
    let rest = text.get(line..).unwrap_or("");
    rest.len() - rest.trim_start_matches(' ').len()
}

/// Whether `rest` of a line and the lines after it hold nothing but comments and
/// blanks.
fn only_comments(rest: &str) -> bool {
    rest.split('\n').all(|line| {
        let line = line.trim_start_matches([' ', '\r']);
        line.is_empty() || line.starts_with('#')
    })
}
