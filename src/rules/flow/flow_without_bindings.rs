use crate::declare_rule;
use crate::finding::Sink;
use crate::world::WorldCx;
use crate::world::graph::GEdge;

declare_rule! {
    /// ## What it does
    /// Checks that every `authentication`, `enrollment`, `recovery` or `unenrollment`
    /// flow the world declares (an entry with a `designation`) has at least one stage
    /// binding somewhere in the world. Entries that only update a flow declared
    /// elsewhere are not judged. Authorization, invalidation and stage configuration
    /// flows are left out: ending at once is how an implicit-consent or a provider
    /// logout flow works, and authentik ships such empty flows.
    ///
    /// ## Why is this bad?
    /// The planner raises `EmptyFlowException` ("Flow has no stages") and the executor
    /// finishes the flow at once without any message: a login page that does nothing.
    ///
    /// ## Severity
    /// Warning: the flow is created, but the planner raises `EmptyFlowException` and the
    /// executor ends the flow at once: it applies but does nothing.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   id: flow
    ///   identifiers: {slug: login}
    ///   attrs: {name: Login, title: Sign in, designation: authentication}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   id: flow
    ///   identifiers: {slug: login}
    ///   attrs: {name: Login, title: Sign in, designation: authentication}
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-identification, order: 10}
    /// ```
    pub static FLOW_WITHOUT_BINDINGS = {
        code: "FL501",
        name: "flow-without-bindings",
        family: Flow,
        severity: Warning,
        summary: "A flow has no stage bindings",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    for flow in super::flows(world) {
        if !world.graph.out(flow, &GEdge::Binding).is_empty() {
            continue;
        }
        if !matches!(
            super::designation(world, flow),
            Some("authentication" | "enrollment" | "recovery" | "unenrollment")
        ) {
            continue;
        }
        let Some(idx) = super::declaring_entry(world, flow) else {
            continue;
        };
        let we = &world.entries[idx];
        sink.report_in(
            &FLOW_WITHOUT_BINDINGS,
            we.file,
            we.span(),
            format!(
                "flow `{}` has no stage bindings in the world; authentik raises \"Flow has no stages\" and ends the flow silently",
                world.graph.graph[flow].label
            ),
        )
        .label("flow without stages")
        .help("bind stages with `authentik_flows.flowstagebinding` entries (`target: !KeyOf <flow id>`, `stage:`, `order:`)");
    }
}
