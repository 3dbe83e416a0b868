use crate::declare_rule;
use crate::finding::Sink;
use crate::model::EntryState;
use crate::rules::suggest::did_you_mean;
use std::collections::HashMap;

use super::keyof_move;
use crate::fix::Fix;
use crate::world::{EntryStatus, KeyOfOutcome, KeyOfSite, World, WorldCx};

declare_rule! {
    /// ## What it does
    /// Checks that every `!KeyOf id` names an entry of the same file that is processed
    /// *before* it and leaves an instance: not an entry further down, not an unknown
    /// id, not an entry with `state: absent`, not an entry whose `conditions` are
    /// statically false.
    ///
    /// ## Why is this bad?
    /// authentik processes entries strictly top to bottom and `!KeyOf` only sees
    /// entries already saved. Otherwise the entry fails with ``KeyOf: failed to find
    /// entry with `id` of `<id>` and a model instance`` and the whole blueprint fails
    /// (nothing of it is applied).
    ///
    /// ## Severity
    /// Error: `!KeyOf` raises `EntryInvalidError` when no processed entry with the id has
    /// an instance, and the importer rolls the whole blueprint back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers:
    ///     target: !KeyOf flow
    ///     stage: !KeyOf stage-logout   # defined below
    ///     order: 10
    /// - model: authentik_stages_user_logout.userlogoutstage
    ///   id: stage-logout
    ///   identifiers:
    ///     name: logout
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_stages_user_logout.userlogoutstage
    ///   id: stage-logout
    ///   identifiers:
    ///     name: logout
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers:
    ///     target: !KeyOf flow
    ///     stage: !KeyOf stage-logout
    ///     order: 10
    /// ```
    ///
    /// ## Fix
    /// Unsafe, for an id defined further down: the entry with that id (its lines and
    /// the comment lines right above it, byte for byte) moves above the first entry
    /// that refers to it. Unsafe because authentik then saves that object earlier,
    /// which a `!Find` or a policy in between may notice. No fix when the move could
    /// change anything else: the id is written twice, the entry is absent or skipped,
    /// one of its own `!KeyOf`s or `!Find`s names an entry it would move above, an
    /// entry it passes may be the same object, the file has anchors used by aliases
    /// or merge keys, or the entries are not whole-line items of one block list.
    pub static KEYOF_UNRESOLVED = {
        code: "FL401",
        name: "keyof-unresolved",
        family: References,
        severity: Error,
        summary: "`!KeyOf` names an id that is later, missing, absent or skipped",
        check: crate::rules::Check::World(check),
    };
}

/// Whether authentik resolves this `!KeyOf` when it processes its entry: never in the
/// identifiers and attrs of skipped entries (every condition is evaluated, before
/// `all()`), and failures of absent ones are tolerated.
fn is_resolved_by_authentik(world: &World<'_, '_>, site: &KeyOfSite<'_>) -> bool {
    let we = &world.entries[site.entry];
    let in_conditions = we
        .entry
        .conditions
        .is_some_and(|c| c.value.span.contains(site.node.span));
    !((we.status == EntryStatus::Skipped && !in_conditions) || we.state == Some(EntryState::Absent))
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    let forward: Vec<(usize, usize)> = world
        .keyof_sites
        .iter()
        .filter(|s| is_resolved_by_authentik(world, s))
        .filter_map(|s| match s.outcome {
            KeyOfOutcome::Forward(t) => Some((s.entry, t)),
            _ => None,
        })
        .collect();
    let moves: HashMap<usize, Option<Fix>> = keyof_move::first_referrers(&forward)
        .into_iter()
        .map(|(target, dest)| (target, keyof_move::move_fix(world, target, dest)))
        .collect();
    for site in &world.keyof_sites {
        if !is_resolved_by_authentik(world, site) {
            continue;
        }
        let we = &world.entries[site.entry];
        let id = site.id;
        let file = we.file;
        let (label, target, help) = match site.outcome {
            KeyOfOutcome::Resolved(_) => continue,
            KeyOfOutcome::Forward(t) => (
                format!("`{id}` is only defined further down the file"),
                Some((t, "defined here, after the entry that uses it")),
                "move the referenced entry above the entry that uses it: entries are processed top to bottom".to_string(),
            ),
            KeyOfOutcome::Absent(t) => (
                format!("the entry with id `{id}` has `state: absent` and never has an instance"),
                Some((t, "this entry deletes its object")),
                "reference an entry that creates or updates the object, or use `!Find` for an object that exists".to_string(),
            ),
            KeyOfOutcome::Skipped(t) => (
                format!("the entry with id `{id}` is skipped: its conditions are false"),
                Some((t, "skipped by its conditions")),
                "give both entries the same conditions, or make the referenced entry unconditional".to_string(),
            ),
            KeyOfOutcome::Missing => {
                let ids = world.ids.get(we.bp).map(|m| m.keys().copied().collect::<Vec<_>>()).unwrap_or_default();
                let mut ids = ids;
                ids.sort_unstable();
                let help = match did_you_mean(id, ids.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? `!KeyOf` only sees `id`s of earlier entries in the same file"),
                    None => "define an entry with this `id` earlier in the file; for objects of other blueprints use `!Find`".to_string(),
                };
                (format!("no entry of this file has `id: {id}`"), None, help)
            }
        };
        let message =
            format!("KeyOf: failed to find entry with `id` of `{id}` and a model instance");
        let finding = sink.report_in(&KEYOF_UNRESOLVED, file, site.node.span, message);
        finding.label(label).help(help);
        if let Some((t, msg)) = target {
            let target = &world.entries[t];
            let span = target.entry.id.map_or(target.span(), |p| p.value.span);
            finding.with_label(target.file, span, msg);
        }
        if let KeyOfOutcome::Forward(t) = site.outcome {
            finding.fix_opt(moves.get(&t).cloned().flatten());
        }
    }
}
