//! `!KeyOf`: the first earlier entry of the same file with that `id` and an instance.

use super::{EntryIdx, World};
use crate::model::{Entry, TagKind};
use crate::yaml::{Node, NodeKind};

/// What a `!KeyOf` finds when its entry is processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyOfOutcome {
    /// An earlier entry with an instance (its conditions may still be unknown).
    Resolved(EntryIdx),
    /// Only an entry further down the file has the id.
    Forward(EntryIdx),
    /// The only earlier entries with the id have `state: absent`.
    Absent(EntryIdx),
    /// The only earlier entries with the id are skipped by their conditions.
    Skipped(EntryIdx),
    /// No entry of the file has the id.
    Missing,
}

/// One `!KeyOf` tag of an entry.
#[derive(Debug)]
pub struct KeyOfSite<'a> {
    pub entry: EntryIdx,
    pub node: &'a Node,
    pub id: &'a str,
    pub outcome: KeyOfOutcome,
}

/// Resolve `!KeyOf id` in the scope of the entry `from`.
pub(super) fn resolve(world: &World<'_, '_>, from: EntryIdx, id: &str) -> KeyOfOutcome {
    let Some(we) = world.entries.get(from) else {
        return KeyOfOutcome::Missing;
    };
    let Some(candidates) = world.ids.get(we.bp).and_then(|ids| ids.get(id)) else {
        return KeyOfOutcome::Missing;
    };
    let mut first_without: Option<EntryIdx> = None;
    for &idx in candidates.iter() {
        if idx >= from {
            return match first_without {
                Some(i) => without_instance(world, i),
                None => KeyOfOutcome::Forward(idx),
            };
        }
        if world.entries[idx].has_instance() {
            return KeyOfOutcome::Resolved(idx);
        }
        first_without.get_or_insert(idx);
    }
    first_without.map_or(KeyOfOutcome::Missing, |i| without_instance(world, i))
}

fn without_instance(world: &World<'_, '_>, idx: EntryIdx) -> KeyOfOutcome {
    if world.entries[idx].status == super::EntryStatus::Skipped {
        KeyOfOutcome::Skipped(idx)
    } else {
        KeyOfOutcome::Absent(idx)
    }
}

/// The `!KeyOf` nodes of an entry, wherever they are in it (not inside another
/// `!KeyOf`), in document order.
pub(super) fn keyof_nodes<'a>(entry: &Entry<'a>) -> Vec<&'a Node> {
    let mut found = Vec::new();
    let mut stack: Vec<&Node> = vec![entry.node];
    while let Some(node) = stack.pop() {
        if node.tag_name().and_then(TagKind::from_name) == Some(TagKind::KeyOf) {
            found.push(node);
            continue;
        }
        match &node.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => stack.extend(items.iter().rev()),
            NodeKind::Map(pairs) => stack.extend(
                pairs
                    .iter()
                    .rev()
                    .filter(|p| !p.overridden)
                    .map(|p| &p.value),
            ),
        }
    }
    found
}

pub(super) fn collect_sites<'a>(shared: &World<'_, 'a>) -> Vec<KeyOfSite<'a>> {
    use rayon::prelude::*;
    // The sites' nodes listed first, in entry order, then resolved in parallel
    // straight into one list: a group's world of many files holds every site, and
    // per-thread pieces concatenated afterwards had doubled that memory.
    let count = (shared.entries.iter())
        .map(|we| we.keyof_nodes().len())
        .sum();
    let mut nodes: Vec<(EntryIdx, &'a Node, &'a str)> = Vec::with_capacity(count);
    for (idx, we) in shared.entries.iter().enumerate() {
        nodes.extend(
            (we.keyof_nodes().iter()).filter_map(|&node| Some((idx, node, node.scalar_text()?))),
        );
    }
    let mut sites: Vec<KeyOfSite<'_>> = nodes
        .into_par_iter()
        .map(|(idx, node, id)| KeyOfSite {
            entry: idx,
            node,
            id,
            outcome: resolve(shared, idx, id),
        })
        .collect();
    sites.sort_by_key(|s| (s.entry, s.node.span.start));
    sites
}
