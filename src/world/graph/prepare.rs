//! What the graph needs of each entry, gathered for all entries in parallel before
//! the (sequential) node and edge insertion: identifying literals, labels, orders and
//! the entries that reference fields point at.

use std::borrow::Cow;

use rayon::prelude::*;

use super::{GKind, kind_of, literal};
use crate::world::{EntryIdx, World};

/// One entry that adds a node to the graph: kept for every entry of a group's world
/// while its graph is built (104 bytes, not 160: the key is the label, and the
/// reference slots are 32-bit).
pub(super) struct Prepared<'a> {
    pub kind: GKind,
    /// Objects: `label` is the literal identifying field (slug, name, username), the
    /// object's key.
    pub keyed: bool,
    /// A literal `pk` identifier.
    pub pk: Option<Cow<'a, str>>,
    /// Objects: the node label (the key, else a description of the entry).
    pub label: Cow<'a, str>,
    /// Bindings and policy bindings: a literal `order`.
    pub order: Option<i64>,
    /// The entries the reference fields resolve to: `target` and `stage` of a
    /// binding; `target`, `policy`, `group` and `user` of a policy binding.
    refs: [Option<u32>; 4],
}

impl<'a> Prepared<'a> {
    /// The entry reference slot `i` resolves to.
    pub fn reference(&self, i: usize) -> Option<EntryIdx> {
        self.refs[i].map(|e| e as EntryIdx)
    }

    /// The literal identifying field, when the object has one.
    pub fn key(&self) -> Option<&Cow<'a, str>> {
        self.keyed.then_some(&self.label)
    }
}

/// One slot per entry of the world, `None` for entries that add no node.
pub(super) fn prepare<'a>(world: &World<'_, 'a>) -> Vec<Option<Prepared<'a>>> {
    world
        .entries
        .par_iter()
        .enumerate()
        .map(|(idx, we)| {
            if !we.has_instance() {
                return None;
            }
            let (kind, ident) = kind_of(we.kind)?;
            // A world never holds 2^32 entries (each is dozens of bytes of tree).
            let target = |field: &str| {
                we.value(field)
                    .and_then(|v| world.target_of(idx, v))
                    .and_then(|e| u32::try_from(e).ok())
            };
            // As DRF stores it: `"10"` and `10.0` are order 10.
            let order = we
                .value("order")
                .and_then(crate::rules::values::drf_integer);
            let pk = we.identifier("pk").and_then(|f| literal(Some(&f.value)));
            Some(match kind {
                GKind::Binding => Prepared {
                    kind,
                    keyed: false,
                    pk,
                    label: Cow::Borrowed(""),
                    order,
                    refs: [target("target"), target("stage"), None, None],
                },
                GKind::PolicyBinding => Prepared {
                    kind,
                    keyed: false,
                    pk,
                    label: Cow::Borrowed(""),
                    order,
                    refs: [
                        target("target"),
                        target("policy"),
                        target("group"),
                        target("user"),
                    ],
                },
                _ => {
                    let key = literal(we.value(ident));
                    // Messages quote the label: a plain name, never `describe()`'s
                    // already quoted text.
                    let keyed = key.is_some();
                    let label = key.unwrap_or_else(|| {
                        let named = ["name", "slug", "username", "field_key"]
                            .iter()
                            .find_map(|field| we.str_value(field));
                        Cow::Owned(
                            named
                                .or(we.entry.id_str())
                                .or(we.model.map(|m| m.model_name.as_str()))
                                .unwrap_or("entry")
                                .to_owned(),
                        )
                    });
                    Prepared {
                        kind,
                        keyed,
                        pk,
                        label,
                        order: None,
                        refs: [None; 4],
                    }
                }
            })
        })
        .collect()
}
