use std::collections::HashMap;

use crate::declare_rule;
use crate::finding::Sink;
use crate::model::Blueprint;
use crate::world::WorldCx;

declare_rule! {
    /// ## What it does
    /// Checks that no two blueprints of the world that authentik instantiates
    /// automatically share a `metadata.name`. Files labelled
    /// `blueprints.goauthentik.io/instantiate: "false"` get no instance and are left
    /// out.
    ///
    /// ## Why is this bad?
    /// Discovery creates one `BlueprintInstance` per file, named after
    /// `metadata.name`, and instance names are unique: the second file cannot get an
    /// instance and is never applied (and `metaapplyblueprint` by name reaches only
    /// one of them).
    ///
    /// ## Severity
    /// Error: discovery names each file's `BlueprintInstance` after `metadata.name`, and
    /// instance names are unique: the second file gets no instance and is never applied.
    ///
    /// ## Example
    /// ```yaml
    /// # a.yaml
    /// metadata:
    ///   name: Company - Login
    /// # b.yaml
    /// metadata:
    ///   name: Company - Login
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// # a.yaml
    /// metadata:
    ///   name: Company - Login
    /// # b.yaml
    /// metadata:
    ///   name: Company - Recovery
    /// ```
    pub static DUPLICATE_BLUEPRINT_NAME = {
        code: "FL403",
        name: "duplicate-blueprint-name",
        family: References,
        severity: Error,
        summary: "Two blueprints have the same `metadata.name`",
        check: crate::rules::Check::World(check),
    };
}

/// Whether discovery creates an instance for the blueprint.
pub(crate) fn instantiated(blueprint: &Blueprint<'_>) -> bool {
    let label = blueprint
        .labels()
        .and_then(|l| l.get("blueprints.goauthentik.io/instantiate"))
        .and_then(|v| v.scalar_text());
    !label.is_some_and(|v| v.eq_ignore_ascii_case("false"))
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (bp, (file, blueprint, _)) in world.blueprints.iter().enumerate() {
        let Some(name) = blueprint.name() else {
            continue;
        };
        if !instantiated(blueprint) {
            continue;
        }
        let Some(&first) = seen.get(name) else {
            seen.insert(name, bp);
            continue;
        };
        let (other_file, other, _) = &world.blueprints[first];
        let span = |b: &Blueprint<'_>| {
            b.metadata
                .and_then(|m| m.value.get_pair("name"))
                .map_or(b.root.span, |p| p.value.span)
        };
        sink.report_in(
            &DUPLICATE_BLUEPRINT_NAME,
            *file,
            span(blueprint),
            format!(
                "blueprint name `{name}` is already used by {}; blueprint instance names are unique, so only one of the two files gets an instance",
                world.path(*other_file)
            ),
        )
        .label("second blueprint with this name")
        .with_label(*other_file, span(other), "first blueprint with this name")
        .help("give every blueprint a unique `metadata.name`");
    }
}
