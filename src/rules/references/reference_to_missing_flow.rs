use crate::declare_rule;
use crate::finding::Sink;
use crate::model::EntryState;
use crate::world::{EntryStatus, FindOutcome, WorldCx};

declare_rule! {
    /// ## What it does
    /// Checks the flow reference fields (`configure_flow`, `target_flow`,
    /// `enrollment_flow`, `recovery_flow`, `authentication_flow`, brand flows, ...):
    /// a `!Find` on `authentik_flows.flow` must match a flow some blueprint of the
    /// world declares or one a fresh install of the release has (the default flows
    /// authentik's shipped blueprints create; examples labelled
    /// `blueprints.goauthentik.io/instantiate: "false"` such as
    /// `default-enrollment-flow` are not applied and do not count). A `!KeyOf` or
    /// `!Find` to another kind of object is FL412. The message suggests the closest
    /// slug and says what authentik does with the `null`.
    ///
    /// ## Why is this bad?
    /// A `!Find` that matches nothing gives `null`: a nullable field stores it
    /// silently (the stage loses its configure flow, the redirect stage its target:
    /// `No target found for Redirect stage`, the identification stage its enrollment
    /// link); a required one (a provider's `authorization_flow`) fails with "This
    /// field may not be null." and the importer rolls the whole blueprint back.
    ///
    /// ## Severity
    /// Warning: the flow may exist on the server (made in the admin interface);
    /// declare such flows under `[baseline]` in flowlint.toml.
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
        let suggestion = super::find_matches_nothing::did_you_mean(world, site);
        if !super::find_matches_nothing::worth_reporting(world, &suggestion) {
            continue;
        }
        let field = site.field.unwrap_or("reference");
        sink.report_in(
            &REFERENCE_TO_MISSING_FLOW,
            we.file,
            site.node.span,
            format!(
                "`{field}` of {} refers to a flow with {}{}, which neither the world's blueprints nor a fresh install have; unless the server has it, {}",
                we.describe(),
                site.conditions.iter().map(|(f, v)| format!("{f} `{v}`")).collect::<Vec<_>>().join(" and "),
                suggestion,
                super::find_matches_nothing::consequence(world, site)
            ),
        )
        .label("no such flow in the world")
        .help("fix the slug, or lint this blueprint together with the one that declares the flow (and apply that one first with `metaapplyblueprint`)");
    }
}
