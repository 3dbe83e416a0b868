use crate::declare_rule;
use crate::finding::Sink;
use crate::world::{EntryStatus, WorldCx};

declare_rule! {
    /// ## What it does
    /// Checks that no two entries of one file share an `id`.
    ///
    /// ## Why is this bad?
    /// authentik does not check `id`s: `!KeyOf` takes the first processed entry with
    /// that id and an instance, so later entries with the same id can never be
    /// referenced, and a reference may silently point at the wrong object.
    ///
    /// ## Severity
    /// Warning: the blueprint applies, but `!KeyOf` resolves to the first processed entry
    /// with the id, so a later entry with the same id can never be referenced.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_stages_password.passwordstage
    ///   id: stage
    ///   identifiers: {name: password}
    /// - model: authentik_stages_user_login.userloginstage
    ///   id: stage
    ///   identifiers: {name: login}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_stages_password.passwordstage
    ///   id: stage-password
    ///   identifiers: {name: password}
    /// - model: authentik_stages_user_login.userloginstage
    ///   id: stage-login
    ///   identifiers: {name: login}
    /// ```
    pub static DUPLICATE_ENTRY_ID = {
        code: "FL402",
        name: "duplicate-entry-id",
        family: References,
        severity: Warning,
        summary: "Two entries of one file have the same `id`",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    // The world indexed every file's ids once: only ids written twice need a look.
    for ids in &world.ids {
        for (id, entries) in ids.iter().filter(|(_, entries)| entries.len() > 1) {
            let mut processed = entries
                .iter()
                .filter(|&&idx| world.entries[idx].status != EntryStatus::Skipped);
            let Some(&first) = processed.next() else {
                continue;
            };
            let other = &world.entries[first];
            for &idx in processed {
                let we = &world.entries[idx];
                let Some(pair) = we.entry.id else { continue };
                sink.report_in(
                    &DUPLICATE_ENTRY_ID,
                    we.file,
                    pair.value.span,
                    format!("`id: {id}` is already used by an earlier entry; `!KeyOf {id}` always means the first one"),
                )
                .label("duplicate id")
                .with_label(other.file, other.entry.id.map_or(other.span(), |p| p.value.span), "first entry with this id")
                .help("give every entry a unique `id`");
            }
        }
    }
}
