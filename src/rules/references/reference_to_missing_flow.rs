use crate::catalog::{ModelKind, RefTarget};
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::model::EntryState;
use crate::world::{EntryStatus, FindOutcome, WorldCx};

declare_rule! {
    /// ## What it does
    /// Checks the flow reference fields (`configure_flow`, `target_flow`,
    /// `enrollment_flow`, `recovery_flow`, `authentication_flow`, brand flows, ...):
    /// a `!Find` on `authentik_flows.flow` must match a flow some blueprint of the
    /// world declares, and a `!KeyOf` must name a flow entry.
    ///
    /// ## Why is this bad?
    /// A `!Find` that matches nothing stores `null`: the stage loses its configure
    /// flow, the redirect stage its target (`No target found for Redirect stage`),
    /// the identification stage its enrollment link, without any error when the
    /// blueprint is applied. A `!KeyOf` to a stage or policy stores the wrong kind
    /// of object and fails validation.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_stages_redirect.redirectstage
    ///   identifiers: {name: to-enrollment}
    ///   attrs:
    ///     mode: flow
    ///     target_flow: !Find [authentik_flows.flow, [slug, does-not-exist]]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_stages_redirect.redirectstage
    ///   identifiers: {name: to-enrollment}
    ///   attrs:
    ///     mode: flow
    ///     target_flow: !Find [authentik_flows.flow, [slug, default-enrollment-flow]]
    /// ```
    pub static REFERENCE_TO_MISSING_FLOW = {
        code: "FL407",
        name: "reference-to-missing-flow",
        family: References,
        severity: Warning,
        summary: "A flow reference field points at a flow the world lacks",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    for site in &world.find_sites {
        let we = &world.entries[site.entry];
        if site.outcome != FindOutcome::NotFound
            || we.status == EntryStatus::Skipped
            || we.state == Some(EntryState::Absent)
            || !super::find_matches_nothing::is_flow_reference(world, site)
        {
            continue;
        }
        let field = site.field.unwrap_or("reference");
        sink.report_in(
            &REFERENCE_TO_MISSING_FLOW,
            we.file,
            site.node.span,
            format!(
                "`{field}` of {} refers to a flow with {}, which no blueprint in the world declares; unless the server has it, authentik stores null",
                we.describe(),
                site.conditions.iter().map(|(f, v)| format!("{f} `{v}`")).collect::<Vec<_>>().join(" and ")
            ),
        )
        .label("no such flow in the world")
        .help("fix the slug, or lint this blueprint together with the one that declares the flow (and apply that one first with `metaapplyblueprint`)");
    }
    for (idx, we) in world.entries.iter().enumerate() {
        if we.model.is_none() || !we.has_instance() {
            continue;
        }
        for field in &we.fields {
            let Some(spec) = field.spec else {
                continue;
            };
            if spec
                .reference
                .or_else(|| spec.items.as_ref().and_then(|i| i.reference))
                != Some(RefTarget::Flow)
            {
                continue;
            }
            let values: Vec<&Value<'_>> = match &field.value {
                Value::Seq(items) => items.iter().collect(),
                v => vec![v],
            };
            for value in values {
                let Value::KeyOf(_) = value else { continue };
                let Some(target) = world.target_of(idx, value) else {
                    continue;
                };
                let t = &world.entries[target];
                if t.kind == ModelKind::Flow || t.model.is_none() {
                    continue;
                }
                sink.report_in(
                    &REFERENCE_TO_MISSING_FLOW,
                    we.file,
                    field.pair.value.span,
                    format!("`{}` must refer to a flow, but refers to {}", field.name, t.describe()),
                )
                .label("not a flow")
                .with_label(t.file, t.span(), "the referenced entry")
                .help("point the field at a flow entry (`!KeyOf <flow id>` or `!Find [authentik_flows.flow, [slug, ...]]`)");
            }
        }
    }
}
