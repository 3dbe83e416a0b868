//! FL401's fix: move an entry above the first entry whose `!KeyOf` names it, when
//! nothing else depends on where it stands.

use std::collections::HashMap;

use crate::eval::Value;
use crate::fix::{Fix, aliased_spans, move_item_above};
use crate::world::{EntryIdx, FindOutcome, KeyOfOutcome, World, WorldEntry};

/// For each entry that `!KeyOf`s of reported findings name further down: the first
/// entry referring to it (where it moves to).
pub(super) fn first_referrers(forward: &[(EntryIdx, EntryIdx)]) -> HashMap<EntryIdx, EntryIdx> {
    let mut first: HashMap<EntryIdx, EntryIdx> = HashMap::new();
    for &(from, target) in forward {
        first
            .entry(target)
            .and_modify(|e| *e = (*e).min(from))
            .or_insert(from);
    }
    first
}

/// Move `target` above `dest` (an earlier entry of its blueprint), or `None` when the
/// move could change something else: its id is written twice, it leaves no instance,
/// one of its own `!KeyOf`s or `!Find`s would then run before the entry it names, an
/// entry it passes may be the same object, the file has aliases or merge keys, or the
/// two entries are not whole-line items of one block sequence.
pub(super) fn move_fix(world: &World<'_, '_>, target: EntryIdx, dest: EntryIdx) -> Option<Fix> {
    let moved = world.entries.get(target)?;
    let above = world.entries.get(dest)?;
    if dest >= target || moved.bp != above.bp || moved.entry.section != above.entry.section {
        return None;
    }
    let id = moved.entry.id_str()?;
    if world.ids.get(moved.bp)?.get(id)?.len() != 1 || !moved.has_instance() {
        return None;
    }
    let own_keyofs_stay_resolved = world
        .keyof_sites
        .iter()
        .filter(|s| s.entry == target)
        .all(|s| matches!(s.outcome, KeyOfOutcome::Resolved(r) if r < dest));
    let own_finds_stay = world
        .find_sites
        .iter()
        .filter(|s| s.entry == target)
        .all(|s| !matches!(s.outcome, FindOutcome::Found(e) if (dest..target).contains(&e)));
    let passes_same_object = world.entries[dest..target]
        .iter()
        .any(|other| may_be_same_object(moved, other));
    if !own_keyofs_stay_resolved || !own_finds_stay || passes_same_object {
        return None;
    }
    let (_, blueprint, _) = world.blueprints.get(moved.bp)?;
    if !aliased_spans(blueprint.root).is_empty() {
        return None;
    }
    let text = &world.files.get(moved.file)?.source.text;
    let edits = move_item_above(text, moved.entry.node.span, above.entry.node.span)?;
    Some(Fix::unsafe_(
        format!("Move the entry with id `{id}` above the first entry that refers to it"),
        edits,
    ))
}

/// Whether two entries may update the same object (then their order decides which
/// values it keeps): the same model, or an unknown one, and identifiers that may match.
fn may_be_same_object(a: &WorldEntry<'_, '_>, b: &WorldEntry<'_, '_>) -> bool {
    if a.model_id().is_none() || b.model_id().is_none() {
        return true;
    }
    if a.model_id() != b.model_id() {
        return false;
    }
    let may_equal = |x: &Value<'_>, y: &Value<'_>| {
        x == y || matches!(x, Value::Unknown) || matches!(y, Value::Unknown)
    };
    // authentik queries `pk = x OR (every other identifier)`.
    let same_pk = match (a.identifier("pk"), b.identifier("pk")) {
        (Some(x), Some(y)) => may_equal(&x.value, &y.value),
        _ => false,
    };
    let same_rest = a
        .identifier_fields()
        .iter()
        .filter(|f| f.name() != "pk")
        .all(|f| {
            b.identifier(f.name())
                .is_none_or(|g| may_equal(&f.value, &g.value))
        });
    same_pk || same_rest
}
