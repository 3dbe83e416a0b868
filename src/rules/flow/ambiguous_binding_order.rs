use crate::declare_rule;
use crate::finding::Sink;
use crate::world::WorldCx;

declare_rule! {
    /// ## What it does
    /// Checks that no two different stages are bound to one flow with the same
    /// `order`.
    ///
    /// ## Why is this bad?
    /// The planner sorts bindings by `order` alone, so stages with equal orders run
    /// in whatever order the database returns them: the flow may work on one install
    /// and break on another (for example a password stage before identification).
    ///
    /// ## Severity
    /// Warning: the blueprint applies, but the planner orders bindings by `order` alone,
    /// so which stage runs first is up to the database.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-identification, order: 10}
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-password, order: 10}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-identification, order: 10}
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-password, order: 20}
    /// ```
    pub static AMBIGUOUS_BINDING_ORDER = {
        code: "FL503",
        name: "ambiguous-binding-order",
        family: Flow,
        severity: Warning,
        summary: "Two stages of one flow have the same order",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    let g = &world.graph.graph;
    for flow in super::flows(world) {
        let bindings = world.graph.bindings_of(flow);
        for pair in bindings.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let (Some(order), Some(order_b)) = (g[a].order, g[b].order) else {
                continue;
            };
            if order != order_b || world.graph.stage_of(a) == world.graph.stage_of(b) {
                continue;
            }
            let Some(idx) = super::first_entry(world, b) else {
                continue;
            };
            let Some(other) = super::first_entry(world, a) else {
                continue;
            };
            let finding = sink.report_in(
                &AMBIGUOUS_BINDING_ORDER,
                world.file_of(idx),
                super::field_span(world, idx, "order"),
                format!(
                    "stages `{}` and `{}` are both bound to flow `{}` at order {order}; their order is undefined",
                    g[a].label, g[b].label, g[flow].label
                ),
            );
            finding.label("same order as another stage").with_label(
                world.file_of(other),
                super::field_span(world, other, "order"),
                format!("`{}` at the same order", g[a].label),
            );
            super::chain(world, finding, b);
            finding.help("give each binding of a flow a distinct `order`");
        }
    }
}
