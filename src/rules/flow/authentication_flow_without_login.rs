use crate::catalog::StageEffect;
use crate::declare_rule;
use crate::finding::Sink;
use crate::world::WorldCx;

declare_rule! {
    /// ## What it does
    /// Checks that every `authentication` flow with stage bindings binds a user
    /// login stage. Flows that hand over to another flow or a source (redirect or
    /// source stage) are not judged.
    ///
    /// ## Why is this bad?
    /// Without a user login stage nobody is ever logged in: the flow checks the
    /// password and then ends, and the user lands on the login page again.
    ///
    /// ## Severity
    /// Warning: the blueprint applies, but nobody is logged in when the flow ends, unless
    /// the flow is meant to end without a session (a token or Platform SSO flow), which
    /// flowlint cannot always tell.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-identification, order: 10}
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-password, order: 20}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-identification, order: 10}
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-password, order: 20}
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-login, order: 100}
    /// ```
    pub static AUTHENTICATION_FLOW_WITHOUT_LOGIN = {
        code: "FL507",
        name: "authentication-flow-without-login",
        family: Flow,
        severity: Warning,
        summary: "An authentication flow binds no user login stage",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    for flow in super::flows(world) {
        if super::designation(world, flow) != Some("authentication") {
            continue;
        }
        let bindings = world.graph.bindings_of(flow);
        if bindings.is_empty() {
            continue;
        }
        let models: Vec<Option<&str>> = bindings
            .iter()
            .map(|b| super::stage_model(world, *b))
            .collect();
        // A stage the release does not know may log in: not judged.
        let logs_in = |id: &str| {
            world.release.model(id).is_none_or(|model| {
                matches!(
                    model.stage_effect,
                    Some(StageEffect::LogsIn | StageEffect::HandsOver)
                )
            })
        };
        if models.iter().any(|m| m.is_none_or(logs_in)) {
            continue;
        }
        let Some(idx) = super::declaring_entry(world, flow) else {
            continue;
        };
        let finding = sink.report_in(
            &AUTHENTICATION_FLOW_WITHOUT_LOGIN,
            world.file_of(idx),
            super::field_span(world, idx, "designation"),
            format!(
                "authentication flow `{}` binds no user login stage: nobody is ever logged in by it",
                world.graph.graph[flow].label
            ),
        );
        finding.label("no user login stage");
        for b in bindings.iter().take(8) {
            if let Some(e) = super::first_entry(world, *b) {
                finding.with_label(
                    world.file_of(e),
                    super::field_span(world, e, "stage"),
                    format!("binds `{}`", world.graph.graph[*b].label),
                );
            }
        }
        finding.help("bind an `authentik_stages_user_login.userloginstage` after the stages that identify and verify the user");
    }
}
