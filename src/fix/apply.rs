//! Applying fixes to one text.

use std::collections::{BTreeMap, HashMap};

use super::Fix;
use crate::source::Span;
use crate::yaml::{Node, NodeKind};

/// The text after applying fixes, and which of the given fixes were applied.
#[derive(Debug, Default)]
pub struct Applied {
    pub text: String,
    /// Indexes into the slice given to [`apply`], in the order applied.
    pub applied: Vec<usize>,
}

/// Apply as many of `fixes` to `text` as fit together: fixes are taken by the start of
/// their first edit (ties: the order given) and one whose edits would touch an edit
/// already taken, or that is not well formed for this text, is skipped (the next pass
/// of the `--fix` loop sees it again on the new text).
pub fn apply(text: &str, fixes: &[&Fix]) -> Applied {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by_key(|&i| (fixes[i].span().start, i));
    // start -> end of every edit taken so far.
    let mut taken: BTreeMap<u32, u32> = BTreeMap::new();
    let mut applied = Vec::new();
    for i in order {
        let fix = fixes[i];
        if !fix.is_valid_for(text) || fix.edits.iter().any(|e| conflicts(&taken, e.span)) {
            continue;
        }
        for edit in &fix.edits {
            taken.insert(edit.span.start, edit.span.end);
        }
        applied.push(i);
    }
    let mut edits: Vec<_> = applied
        .iter()
        .flat_map(|&i| fixes[i].edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for edit in edits {
        out.push_str(&text[at..edit.span.start as usize]);
        out.push_str(&edit.content);
        at = edit.span.end as usize;
    }
    out.push_str(&text[at..]);
    Applied { text: out, applied }
}

/// Whether `span` overlaps an edit already taken. Two edits at the same start, or an
/// insertion at either end of a replacement, conflict too: their order would matter.
fn conflicts(taken: &BTreeMap<u32, u32>, span: Span) -> bool {
    let overlaps = |start: u32, end: u32| {
        let other = Span::new(start, end);
        (span.start < other.end && other.start < span.end)
            || span.start == other.start
            || (span.is_empty() && (span.start == other.end))
            || (other.is_empty() && (other.start == span.end))
    };
    // Taken edits never overlap each other, so only the neighbours can touch `span`.
    let before = taken.range(..=span.start).next_back();
    let after = taken
        .range(span.start..)
        .take_while(|(s, _)| **s <= span.end);
    before
        .into_iter()
        .chain(after)
        .any(|(s, e)| overlaps(*s, *e))
}

/// The spans that occur more than once in a tree: nodes reached through an alias or a
/// merge key are copies of the anchored node with its spans, so an edit inside one of
/// these would change every place that refers to the anchor. Fixes never touch them.
///
/// Nodes are told apart by span and kind: a block sequence and its only item share a
/// span (a blueprint with one entry), but not a kind.
pub fn aliased_spans(root: &Node) -> Vec<Span> {
    let mut seen: HashMap<(Span, u8), u32> = HashMap::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let kind = match node.kind {
            NodeKind::Scalar(_) => 0,
            NodeKind::Seq(_) => 1,
            NodeKind::Map(_) => 2,
        };
        *seen.entry((node.span, kind)).or_default() += 1;
        node.push_children(&mut stack);
    }
    let mut spans: Vec<Span> = seen
        .into_iter()
        .filter(|(_, count)| *count > 1)
        .map(|((span, _), _)| span)
        .collect();
    spans.sort();
    spans.dedup();
    spans
}

impl Fix {
    /// Whether an edit of this fix lies inside (or touches) one of `aliased` spans.
    pub fn touches_any(&self, aliased: &[Span]) -> bool {
        self.edits.iter().any(|e| {
            aliased
                .iter()
                .any(|a| a.start <= e.span.end && e.span.start <= a.end)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::Edit;

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let text = "abcdef";
        let a = Fix::safe("a", vec![Edit::replace(Span::new(0, 2), "XY")]);
        let b = Fix::safe("b", vec![Edit::replace(Span::new(1, 3), "Q")]);
        let c = Fix::safe(
            "c",
            vec![Edit::insert(6, "!"), Edit::delete(Span::new(3, 4))],
        );
        let out = apply(text, &[&b, &a, &c]);
        assert_eq!(out.text, "XYcef!");
        assert_eq!(out.applied, vec![1, 2]);
    }

    #[test]
    fn insertions_at_the_same_place_conflict() {
        let a = Fix::safe("a", vec![Edit::insert(1, "1")]);
        let b = Fix::safe("b", vec![Edit::insert(1, "2")]);
        let c = Fix::safe("c", vec![Edit::replace(Span::new(1, 2), "3")]);
        assert_eq!(apply("xy", &[&a, &b, &c]).text, "x1y");
    }

    #[test]
    fn edits_outside_the_text_or_inside_a_character_are_skipped() {
        let a = Fix::safe("a", vec![Edit::replace(Span::new(1, 2), "x")]);
        let b = Fix::safe("b", vec![Edit::insert(9, "x")]);
        let out = apply("é", &[&a, &b]);
        assert_eq!(out.text, "é");
        assert!(out.applied.is_empty());
    }

    #[test]
    fn only_aliased_nodes_are_aliased() {
        let root = |text: &str| crate::yaml::load(text).root.expect("parses");
        // One entry: the list and its item share a span.
        assert!(aliased_spans(&root("entries:\n- model: a\n  attrs: {x: 1}\n")).is_empty());
        let text = "a: &x {k: v}\nb: *x\n";
        let spans = aliased_spans(&root(text));
        assert!(
            spans.iter().any(|s| text[s.range()].contains("{k: v")),
            "{spans:?}"
        );
    }
}
