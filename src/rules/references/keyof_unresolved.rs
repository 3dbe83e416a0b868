use crate::declare_rule;
use crate::finding::Sink;
use crate::model::EntryState;
use crate::rules::suggest::did_you_mean;
use crate::world::{EntryStatus, KeyOfOutcome, WorldCx};

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
    pub static KEYOF_UNRESOLVED = {
        code: "FL401",
        name: "keyof-unresolved",
        family: References,
        severity: Error,
        summary: "`!KeyOf` names an id that is later, missing, absent or skipped",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    for site in &world.keyof_sites {
        let we = &world.entries[site.entry];
        // authentik never resolves the identifiers and attrs of skipped entries (every
        // condition is, before `all()`), and tolerates failures of absent ones.
        let in_conditions = we
            .entry
            .conditions
            .is_some_and(|c| c.value.span.contains(site.node.span));
        if (we.status == EntryStatus::Skipped && !in_conditions)
            || we.state == Some(EntryState::Absent)
        {
            continue;
        }
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
    }
}
