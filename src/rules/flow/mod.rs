//! FL5xx: how flows behave when run, checked on the world's object graph
//! ([`crate::world::graph::WorldGraph`]). Findings show the chain flow → binding →
//! stage (or policy binding → target) as extra labels.

mod ambiguous_binding_order;
mod authentication_flow_without_login;
mod binding_policies_never_evaluated;
mod duplicate_stage_binding;
mod flow_without_bindings;
mod invalid_policy_binding_target;
mod pending_user_missing;
mod stage_policy_fails_open;
mod unbound_stage;

pub use ambiguous_binding_order::AMBIGUOUS_BINDING_ORDER;
pub use authentication_flow_without_login::AUTHENTICATION_FLOW_WITHOUT_LOGIN;
pub use binding_policies_never_evaluated::BINDING_POLICIES_NEVER_EVALUATED;
pub use duplicate_stage_binding::DUPLICATE_STAGE_BINDING;
pub use flow_without_bindings::FLOW_WITHOUT_BINDINGS;
pub use invalid_policy_binding_target::INVALID_POLICY_BINDING_TARGET;
pub use pending_user_missing::PENDING_USER_MISSING;
pub use stage_policy_fails_open::STAGE_POLICY_FAILS_OPEN;
pub use unbound_stage::UNBOUND_STAGE;

use petgraph::graph::NodeIndex;

use crate::finding::Finding;
use crate::source::Span;
use crate::world::graph::{GEdge, GKind};
use crate::world::{EntryIdx, World};

/// Where to point for an entry's field (its value), else the entry's model.
pub(crate) fn field_span(world: &World<'_, '_>, idx: EntryIdx, field: &str) -> Span {
    let we = &world.entries[idx];
    we.field(field).map_or(we.span(), |f| f.pair.value.span)
}

/// The first entry declaring a node.
pub(crate) fn first_entry(world: &World<'_, '_>, node: NodeIndex) -> Option<EntryIdx> {
    world.graph.graph[node].entries.first().copied()
}

/// The entry of a flow node that declares it fully (with a designation), if any.
pub(crate) fn declaring_entry(world: &World<'_, '_>, flow: NodeIndex) -> Option<EntryIdx> {
    world.graph.graph[flow]
        .entries
        .iter()
        .copied()
        .find(|i| world.entries[*i].value("designation").is_some())
}

/// The flow's designation when some entry states it literally.
pub(crate) fn designation<'w>(world: &'w World<'_, '_>, flow: NodeIndex) -> Option<&'w str> {
    world.graph.graph[flow]
        .entries
        .iter()
        .find_map(|i| world.entries[*i].str_value("designation"))
}

/// The flow a binding node belongs to.
pub(crate) fn flow_of(world: &World<'_, '_>, binding: NodeIndex) -> Option<NodeIndex> {
    world
        .graph
        .incoming(binding, |e| *e == GEdge::Binding)
        .first()
        .copied()
}

/// The stage model id of a binding node.
pub(crate) fn stage_model(world: &World<'_, '_>, binding: NodeIndex) -> Option<&'static str> {
    world
        .graph
        .stage_of(binding)
        .and_then(|s| world.graph.graph[s].model)
}

/// Add the chain flow → binding → stage of `binding` as labels.
pub(crate) fn chain(world: &World<'_, '_>, finding: &mut Finding, binding: NodeIndex) {
    let g = &world.graph.graph;
    let flow = flow_of(world, binding);
    if let Some((flow, e)) = flow.and_then(|f| {
        Some((
            f,
            declaring_entry(world, f).or_else(|| first_entry(world, f))?,
        ))
    }) {
        finding.with_label(
            world.file_of(e),
            field_span(world, e, "slug"),
            format!("flow `{}`", g[flow].label),
        );
    }
    if let Some(e) = first_entry(world, binding) {
        let order = g[binding].order.map_or("?".to_string(), |o| o.to_string());
        let (file, span) = (world.file_of(e), field_span(world, e, "order"));
        // The primary span often is the binding's order already.
        if (file, span) != (finding.file, finding.span) {
            finding.with_label(file, span, format!("binding at order {order}"));
        }
    }
    if let Some((stage, e)) = world
        .graph
        .stage_of(binding)
        .and_then(|s| Some((s, first_entry(world, s)?)))
    {
        let model = g[stage]
            .model
            .and_then(|m| m.split_once('.'))
            .map_or("stage", |(_, m)| m);
        finding.with_label(
            world.file_of(e),
            field_span(world, e, "name"),
            format!("{model} `{}`", g[stage].label),
        );
    }
}

/// All flow nodes, in graph order.
pub(crate) fn flows(world: &World<'_, '_>) -> Vec<NodeIndex> {
    world
        .graph
        .graph
        .node_indices()
        .filter(|n| world.graph.graph[*n].kind == GKind::Flow)
        .collect()
}
