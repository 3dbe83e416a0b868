use crate::catalog::{ModelKind, RefTarget, catalog};
use crate::declare_rule;
use crate::finding::Sink;
use crate::model::EntryState;
use crate::world::{EntryStatus, FindOutcome, FindSite, World, WorldCx};

declare_rule! {
    /// ## What it does
    /// Checks that every `!Find`/`!FindObject` matches an object some blueprint of the
    /// world declares. It only judges what the world can answer: flows, stages,
    /// policies, prompts, groups, users and bindings, and other models when the world
    /// declares at least one object of that model (certificates, property mappings and
    /// brands are often created by authentik itself). Lookups with Django operators
    /// (`pk__isnull`) or values flowlint cannot know are not judged. A flow reference
    /// field (`configure_flow`, `target_flow`, ...) is reported by
    /// `reference-to-missing-flow` instead.
    ///
    /// ## Why is this bad?
    /// When nothing matches, authentik stores `null` without any error or log. The
    /// object silently loses its link (a binding without a policy, a stage without
    /// its configure flow) or the entry fails later with a confusing serializer error.
    ///
    /// ## Example
    /// ```yaml
    /// policy: !Find [authentik_policies_expression.expressionpolicy, [name, defualt-policy]]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// policy: !Find [authentik_policies_expression.expressionpolicy, [name, default-policy]]
    /// ```
    pub static FIND_MATCHES_NOTHING = {
        code: "FL406",
        name: "find-matches-nothing",
        family: References,
        severity: Warning,
        summary: "`!Find` matches no object the world declares",
        check: crate::rules::Check::World(check),
    };
}

/// Whether the site is a flow reference field's value (FL407 reports those).
pub(crate) fn is_flow_reference(world: &World<'_, '_>, site: &FindSite<'_>) -> bool {
    let we = &world.entries[site.entry];
    let (Some(model), Some(field)) = (we.model, site.field) else {
        return false;
    };
    site.model_id == Some("authentik_flows.flow")
        && model.field(field).and_then(|f| {
            f.reference
                .or_else(|| f.items.as_ref().and_then(|i| i.reference))
        }) == Some(RefTarget::Flow)
}

/// Whether the world is a credible source of objects of `model`.
pub(crate) fn judged(world: &World<'_, '_>, model: &str) -> bool {
    let Some(spec) = catalog().model(model) else {
        return false;
    };
    !matches!(spec.kind, ModelKind::Other | ModelKind::Meta) || world.declares_model(&spec.id)
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    for site in &world.find_sites {
        if site.outcome != FindOutcome::NotFound {
            continue;
        }
        let we = &world.entries[site.entry];
        if we.status == EntryStatus::Skipped || we.state == Some(EntryState::Absent) {
            continue;
        }
        if is_flow_reference(world, site) || !judged(world, &site.model) {
            continue;
        }
        let tag = site.kind.name();
        sink.report_in(
            &FIND_MATCHES_NOTHING,
            we.file,
            site.node.span,
            format!(
                "`{tag}` searched {} and no blueprint in the world declares a match; unless the object exists on the server, authentik stores null here without an error",
                site.describe()
            ),
        )
        .label("matches nothing in the world")
        .help("fix the searched value, declare the object earlier, or apply the blueprint that declares it first (`authentik_blueprints.metaapplyblueprint`)");
    }
}
