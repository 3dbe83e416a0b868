use crate::catalog::StageRole;
use crate::declare_rule;
use crate::finding::Sink;
use crate::world::World;
use crate::world::WorldCx;

declare_rule! {
    /// ## What it does
    /// In flows that start without a user (designation `authentication`,
    /// `enrollment` or `recovery`), checks that no stage needing a user (password,
    /// user login, email, user delete, authenticator setup, ...) is bound before the
    /// first stage that sets the pending user (identification, user write, source,
    /// ...), when such a stage is bound later in the flow.
    ///
    /// Other designations (`authorization`, `stage_configuration`, `invalidation`,
    /// `unenrollment`) run for a logged-in user and are not judged. A flow with no
    /// stage that always sets the user is not judged either: sources and other flows
    /// hand such flows a pending user (`default-source-authentication`, or a flow
    /// reached through a redirect stage that keeps the context). Stages that only
    /// may set the user (passwordless authenticator validation, mTLS) count as
    /// setters for the order, but not for this.
    ///
    /// ## Why is this bad?
    /// Stages run in ascending `order`. Without `pending_user` in the plan, the
    /// password and user login stages fail the flow (`stage_invalid`), whatever the
    /// user enters: nobody gets through.
    ///
    /// ## Severity
    /// Warning: the blueprint applies, but the flow fails at that stage for every user
    /// (`stage_invalid`), unless another flow or a source hands it a pending user, which
    /// flowlint cannot always see.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-password, order: 10}
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-identification, order: 20}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-identification, order: 10}
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-password, order: 20}
    /// ```
    pub static PENDING_USER_MISSING = {
        code: "FL506",
        name: "pending-user-missing",
        family: Flow,
        severity: Warning,
        summary: "A stage needing a user runs before any stage sets one",
        check: crate::rules::Check::World(check),
    };
}

fn role(world: &World<'_, '_>, model: Option<&str>) -> Option<StageRole> {
    world.release.model(model?)?.stage_role
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    let g = &world.graph.graph;
    for flow in super::flows(world) {
        if !matches!(
            super::designation(world, flow),
            Some("authentication" | "enrollment" | "recovery")
        ) {
            continue;
        }
        let bindings = world.graph.bindings_of(flow);
        if bindings.iter().any(|b| g[*b].order.is_none()) {
            continue;
        }
        let roles: Vec<Option<StageRole>> = bindings
            .iter()
            .map(|b| role(world, super::stage_model(world, *b)))
            .collect();
        // Only a stage that always sets the user makes the flow one that starts without
        // one: a flow whose only setters are stages that may set it (passwordless
        // authenticator validation, mTLS) is typically entered through a redirect or
        // a source that hands it the pending user.
        if !roles.contains(&Some(StageRole::SetsPendingUser)) {
            continue;
        }
        let Some(first_setter) = roles.iter().position(|r| {
            matches!(
                r,
                Some(StageRole::SetsPendingUser | StageRole::MaySetPendingUser)
            )
        }) else {
            continue;
        };
        for (i, binding) in bindings.iter().enumerate().take(first_setter) {
            if !matches!(
                roles[i],
                Some(StageRole::NeedsPendingUser | StageRole::NeedsUser)
            ) {
                continue;
            }
            let Some(idx) = super::first_entry(world, *binding) else {
                continue;
            };
            let setter = bindings[first_setter];
            let finding = sink.report_in(
                &PENDING_USER_MISSING,
                world.file_of(idx),
                super::field_span(world, idx, "order"),
                format!(
                    "stage `{}` needs a user, but in flow `{}` it runs before `{}`, the first stage that sets one; it fails the flow every time",
                    g[*binding].label, g[flow].label, g[setter].label
                ),
            );
            finding.label("runs before any user is known");
            super::chain(world, finding, *binding);
            if let Some(s) = super::first_entry(world, setter) {
                finding.with_label(
                    world.file_of(s),
                    super::field_span(world, s, "order"),
                    format!("`{}` sets the pending user only here", g[setter].label),
                );
            }
            finding.help("bind the user-setting stage (identification, user write, source) at a lower `order`");
        }
    }
}
