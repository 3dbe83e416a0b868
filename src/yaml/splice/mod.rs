//! An edited file's tree from its tree before the edit: when the edit lies inside
//! the items of a top-level block sequence (the entries of `entries:`, where an
//! editor's edits fall), only the edited item's lines are parsed again and the items
//! they hold replace the old one, the spans after them moved by the edit's length.
//! Anything else is parsed in full. An editor's edit of a 1,000-entry file parsed
//! the whole file: about 60% of the work of publishing its diagnostics.
//!
//! The item's lines, from its dash's line to the next item's, parse on their own as
//! they do in the file when nothing outside them changes how they read: the file
//! has no anchor or alias (an item may define or use one) and no `%` directive
//! (which can rename tag handles); the lines hold no document marker, tab, or line
//! break other than `\n` and `\r\n`; every item in them is a block mapping whose dash
//! stays in the sequence's column. The next item's first line is parsed with them
//! (an empty node at an item's end is placed at the next token, that dash), and the
//! item they end with must start on it (a quoted scalar opened above may swallow it);
//! the last item is spliced only when nothing but comments follows it in the file. The
//! differential test (`tests/yaml_splice.rs`) compares the result with a full parse
//! after tens of thousands of random edits.

mod fragment;
mod target;

use super::node::{Node, NodeKind};
use super::outcome::Loaded;
use fragment::{parse_items, shift};
use target::{Target, edited_item};

/// The tree of `new_text`, made from `old` (the tree of `old_text`) when the edit
/// allows ([`splice`]), else by a full parse.
pub fn reload(old_text: &str, old: Loaded, new_text: &str) -> Loaded {
    splice(old_text, old, new_text).unwrap_or_else(|_| super::load(new_text))
}

/// The tree of `new_text` made from `old`, the tree of `old_text`, by parsing again
/// only the sequence item the edit falls in; `Err(old)`, untouched, when the edit is
/// not inside one item or its lines might not read alone as they read in the file
/// (the caller parses in full, and may keep `old` to splice a later edit against).
pub fn splice(old_text: &str, old: Loaded, new_text: &str) -> Result<Loaded, Loaded> {
    let Some(plan) = plan(old_text, &old, new_text) else {
        return Err(old);
    };
    match old.root.and_then(|root| apply(root, plan)) {
        Some(root) => Ok(Loaded {
            root: Some(root),
            problems: Vec::new(),
            uses_anchors: false,
        }),
        // Not reached: the plan was made from this tree.
        None => Err(Loaded::default()),
    }
}

/// What an edit changes in a tree: the edited item and the items now in its place
/// (their spans in the new text), and how far the spans after them move.
struct Plan {
    target: Target,
    items: Vec<Node>,
    after: u32,
    delta: i64,
}

/// Everything a splice needs, checked and parsed without touching the tree.
fn plan(old_text: &str, old: &Loaded, new_text: &str) -> Option<Plan> {
    if !old.problems.is_empty() || old.uses_anchors {
        return None;
    }
    let root = old.root.as_ref()?;
    let before_root = old_text.get(..root.span.start as usize)?;
    // A `%` at the start of a line as PyYAML breaks them: also after a lone `\r`,
    // U+0085, U+2028, U+2029 (`# c\r%TAG ! ...` is a directive), a BOM before it
    // taking no column.
    let directive = |line: &str| line.trim_start_matches('\u{feff}').starts_with('%');
    if before_root
        .split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
        .any(directive)
    {
        return None;
    }
    let edit = Edit::between(old_text, new_text)?;
    let target = edited_item(root, old_text, &edit)?;
    // The lines start before the edit and end after it.
    let read_to = match target.next_line {
        Some(next_line) => next_line + edit.new_len - edit.old_len,
        None => new_text.len(),
    };
    let fragment = new_text.get(target.lines.start..read_to)?;
    let column = target::dash_column(old_text, target.lines.start);
    // Where the next item's dash line now starts, from the lines' start.
    let next_dash_line = match target.next_line {
        Some(_) => {
            Some((target.lines.end + edit.new_len).checked_sub(edit.old_len + target.lines.start)?)
        }
        None => None,
    };
    let mut items = parse_items(fragment, column, next_dash_line)?;
    let start = i64::from(u32::try_from(target.lines.start).ok()?);
    for item in &mut items {
        shift(item, 0, start);
    }
    Some(Plan {
        after: u32::try_from(target.lines.end).ok()?,
        delta: edit.new_len as i64 - edit.old_len as i64,
        target,
        items,
    })
}

/// The tree with the plan's items in place of the edited one and the spans after
/// them moved.
fn apply(mut root: Node, plan: Plan) -> Option<Node> {
    shift(&mut root, plan.after, plan.delta);
    let NodeKind::Map(pairs) = &mut root.kind else {
        return None;
    };
    let seq = &mut pairs.get_mut(plan.target.pair_at)?.value;
    let NodeKind::Seq(old_items) = &mut seq.kind else {
        return None;
    };
    let mut items = Vec::from(std::mem::take(old_items));
    let at = plan.target.item_at;
    if at >= items.len() {
        return None;
    }
    items.splice(at..=at, plan.items);
    *old_items = items.into_boxed_slice();
    if plan.target.next_line.is_none() {
        // The last item changed: the sequence and the root end where it now ends.
        seq.span.end = seq.kind.block_end()?;
        root.span.end = root.kind.block_end()?;
    }
    Some(root)
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
        if old.len() > u32::MAX as usize || new.len() > u32::MAX as usize {
            return None;
        }
        let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let room = old.len().min(new.len()) - start;
        let same_tail = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        Some(Edit {
            start,
            old_end: old.len() - same_tail,
            old_len: old.len(),
            new_len: new.len(),
        })
    }
}
