use crate::catalog::ModelKind;
use crate::declare_rule;
use crate::finding::Sink;
use crate::world::WorldCx;
use crate::world::graph::GEdge;

declare_rule! {
    /// ## What it does
    /// Checks stage bindings with policies bound to them that set both
    /// `evaluate_on_plan` and `re_evaluate_policies` to false (the defaults are false
    /// and true). A binding without policies is not reported: both false is then
    /// harmless (authentik's own unenrollment example does it).
    ///
    /// ## Why is this bad?
    /// With both off, authentik never evaluates the policies bound to the binding and
    /// the stage is always part of the flow: a deny stage meant for some users is
    /// shown to everyone, an optional MFA stage is never skipped.
    ///
    /// ## Severity
    /// Error: the policies bound to the binding never take effect (the planner adds the
    /// stage without evaluating them, and the executor does not re-evaluate them):
    /// authentik loses what the author configured.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-deny, order: 15}
    ///   attrs:
    ///     evaluate_on_plan: false
    ///     re_evaluate_policies: false
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-deny, order: 15}
    ///   attrs:
    ///     evaluate_on_plan: false
    ///     re_evaluate_policies: true
    /// ```
    pub static BINDING_POLICIES_NEVER_EVALUATED = {
        code: "FL504",
        name: "binding-policies-never-evaluated",
        family: Flow,
        severity: Error,
        summary: "A binding never evaluates its policies",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    for (idx, we) in world.entries.iter().enumerate() {
        if we.kind != ModelKind::FlowStageBinding || !we.has_instance() {
            continue;
        }
        // Only when the entry itself says so: a partial update of other fields keeps
        // the server's values.
        if we.field("re_evaluate_policies").is_none() && we.field("evaluate_on_plan").is_none() {
            continue;
        }
        if we.bool_value("evaluate_on_plan", false) != Some(false)
            || we.bool_value("re_evaluate_policies", true) != Some(false)
        {
            continue;
        }
        // Without policies bound, both false is harmless (authentik's own unenrollment
        // example does it).
        let Some(node) = world.graph.node_of(idx) else {
            continue;
        };
        // Disabled policy bindings are left out of every evaluation anyway.
        let policies: Vec<_> = world
            .graph
            .out(node, &GEdge::PolicyBinding)
            .into_iter()
            .filter(|&pb| {
                world.graph.graph[pb]
                    .entries
                    .last()
                    .is_none_or(|&e| world.entries[e].bool_value("enabled", true) != Some(false))
            })
            .collect();
        if policies.is_empty() {
            continue;
        }
        let finding = sink.report_in(
            &BINDING_POLICIES_NEVER_EVALUATED,
            we.file,
            super::field_span(world, idx, "re_evaluate_policies"),
            "`evaluate_on_plan` and `re_evaluate_policies` are both false: the binding's policies are never evaluated and the stage always runs",
        );
        finding.label("policies never evaluated");
        super::chain(world, finding, node);
        for pb in policies {
            if let Some(e) = super::first_entry(world, pb) {
                let label = format!(
                    "policy binding of `{}`, never evaluated",
                    world.graph.graph[pb].label
                );
                finding.with_label(world.file_of(e), world.entries[e].span(), label);
            }
        }
        finding.help("leave `re_evaluate_policies: true` (the default), or set `evaluate_on_plan: true` for policies that can be decided when the flow starts");
    }
}
