//! An edited file's tree from its tree before the edit: when the edit lies inside one
//! item of a top-level block sequence (an entry of `entries:`, the usual edit in an
//! editor), only that item's lines are parsed again and its node replaces the old
//! one, the spans after it moved by the edit's length. Anything else is parsed in
//! full. An editor's edit of a 1,000-entry file parsed the whole file, about 60% of
//! the work of publishing its diagnostics.
//!
//! The item's lines, from its dash's line to the next item's, parse on their own as
//! a one-item sequence exactly as they do in the file when nothing outside them
//! changes how they read: the file has no anchor or alias (an item may define or
//! use one), no `%` directive (which can rename tag handles), the lines hold no
//! document marker, tab or line break other than `\n` / `\r\n`, the item's
//! dash stays in its column, and the lines still hold one block mapping. The
//! differential test (`tests/yaml_splice.rs`) compares the result with a full parse
//! after thousands of random edits.

use super::loader::load_with_limits;
use super::node::{Node, NodeKind};
use super::outcome::{LoadLimits, Loaded};
use crate::source::Span;

/// The tree of `new_text`, reusing `old` (the tree of `old_text`) when the edit
/// allows ([`splice`]).
pub fn reload(old_text: &str, old: Loaded, new_text: &str) -> Loaded {
    splice(old_text, old, new_text).unwrap_or_else(|| super::load(new_text))
}

/// The tree of `new_text` made from `old`, the tree of `old_text`, by parsing again
/// only the sequence item the edit falls in; `None` when the edit is not inside
/// one item or the item's lines might not read alone as they read in the file.
pub fn splice(old_text: &str, old: Loaded, new_text: &str) -> Option<Loaded> {
    if !old.problems.is_empty() || old.uses_anchors {
        return None;
    }
    let mut root = old.root?;
    let before_root = old_text.get(..root.span.start as usize)?;
    if before_root.lines().any(|line| line.starts_with('%')) {
        return None;
    }
    let edit = Edit::between(old_text, new_text)?;
    let (pair_at, item_at, lines) = edited_item(&root, old_text, &edit)?;
    // The lines start before the edit and end after it. The next item's first line
    // is read too: an empty node at the item's end (`? key`, `key: !Tag`) is placed
    // at the next token, the next item's dash.
    let next_line = old_text[lines.end..]
        .find('\n')
        .map_or(old_text.len(), |at| lines.end + at + 1);
    let new_lines = lines.start..next_line + edit.new_len - edit.old_len;
    let fragment = new_text.get(new_lines.clone())?;
    if !reads_alone(fragment) {
        return None;
    }
    let limits = LoadLimits::default();
    // The item sits two levels down in the file (the root mapping, the sequence),
    // one level in the fragment.
    let fragment_limits = LoadLimits {
        max_depth: limits.max_depth.checked_sub(1)?,
        ..limits
    };
    let parsed = load_with_limits(fragment, fragment_limits);
    if !parsed.problems.is_empty() || parsed.uses_anchors {
        return None;
    }
    let mut item = first_of_two(parsed.root?, fragment, dash_column(old_text, lines.start))?;
    shift(
        &mut item,
        0,
        i64::from(u32::try_from(new_lines.start).ok()?),
    );
    shift(&mut root, u32::try_from(lines.end).ok()?, edit.delta());
    let NodeKind::Map(pairs) = &mut root.kind else {
        return None;
    };
    let NodeKind::Seq(items) = &mut pairs[pair_at].value.kind else {
        return None;
    };
    items[item_at] = item;
    Some(Loaded {
        root: Some(root),
        problems: Vec::new(),
        uses_anchors: false,
    })
}

/// Where two texts differ: `old_text[start..old_end]` became
/// `new_text[start..new_end]`, the rest is the same.
struct Edit {
    start: usize,
    old_end: usize,
    old_len: usize,
    new_len: usize,
}

impl Edit {
    fn between(old_text: &str, new_text: &str) -> Option<Edit> {
        let (old, new) = (old_text.as_bytes(), new_text.as_bytes());
        let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let room = old.len().min(new.len()) - start;
        let same_tail = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        if old.len() > u32::MAX as usize || new.len() > u32::MAX as usize {
            return None;
        }
        Some(Edit {
            start,
            old_end: old.len() - same_tail,
            old_len: old.len(),
            new_len: new.len(),
        })
    }

    fn delta(&self) -> i64 {
        self.new_len as i64 - self.old_len as i64
    }
}

/// The root pair whose block sequence holds the edit, the item it falls in, and the
/// item's lines in the old text (from its dash's line to the next item's): the edit
/// must start on or after the first and end before the second.
fn edited_item(
    root: &Node,
    old_text: &str,
    edit: &Edit,
) -> Option<(usize, usize, std::ops::Range<usize>)> {
    if root.tag.is_some() {
        return None;
    }
    let pairs = root.as_map()?;
    let pair_at = pairs.iter().position(|pair| {
        let span = pair.value.span;
        (span.start as usize) < edit.start && edit.old_end < span.end as usize
    })?;
    let seq = &pairs[pair_at].value;
    // A block sequence's items are checked to start on their dash's line below; an
    // indentless one (`entries:\n- model: x`) starts at its first item's content.
    if pairs[pair_at].merged
        || seq.tag.is_some()
        || old_text.get(seq.span.start as usize..)?.starts_with('[')
    {
        return None;
    }
    let items = seq.as_seq()?;
    let after = items.partition_point(|item| item.span.start as usize <= edit.start);
    let item_at = match items.get(after) {
        Some(next) if dash_line(old_text, next.span)? <= edit.start => after,
        _ => after.checked_sub(1)?,
    };
    let start = dash_line(old_text, items[item_at].span)?;
    let end = dash_line(old_text, items.get(item_at + 1)?.span)?;
    let is_map = |item: &Node| {
        item.tag.is_none()
            && matches!(item.kind, NodeKind::Map(_))
            && old_text
                .get(item.span.start as usize..)
                .is_some_and(|rest| !rest.starts_with('{'))
    };
    (start <= edit.start && edit.old_end < end && is_map(&items[item_at])).then_some((
        pair_at,
        item_at,
        start..end,
    ))
}

/// The start of the line of an item that begins on its dash's line (`  - model: x`),
/// or `None` when anything else comes between the line's start and the item.
fn dash_line(text: &str, item: Span) -> Option<usize> {
    let before = text.get(..item.start as usize)?;
    let line = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |at| at + 1);
    let prefix = before[line..].trim_start_matches(' ');
    let gap = prefix.strip_prefix('-')?;
    (!gap.is_empty() && gap.bytes().all(|b| b == b' ')).then_some(line)
}

/// How far the dash of the item whose line starts at `line` is indented.
fn dash_column(text: &str, line: usize) -> usize {
    text[line..].len() - text[line..].trim_start_matches(' ').len()
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

/// The edited item of a fragment's sequence, which must hold it, a block mapping,
/// and the next item's first line, both dashes still in `column`.
fn first_of_two(mut root: Node, fragment: &str, column: usize) -> Option<Node> {
    if root.tag.is_some() {
        return None;
    }
    let NodeKind::Seq(items) = std::mem::replace(&mut root.kind, NodeKind::Seq(Box::new([])))
    else {
        return None;
    };
    let [item, next]: [Node; 2] = Vec::from(items).try_into().ok()?;
    let in_column = |item: &Node| {
        dash_line(fragment, item.span).is_some_and(|line| dash_column(fragment, line) == column)
    };
    let is_block_map = item.tag.is_none()
        && matches!(item.kind, NodeKind::Map(_))
        && !fragment[item.span.start as usize..].starts_with('{');
    (is_block_map && in_column(&item) && in_column(&next)).then_some(item)
}

/// Move every offset at or past `from` by `delta` in `node` and what it holds.
fn shift(node: &mut Node, from: u32, delta: i64) {
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
