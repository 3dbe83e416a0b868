use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;

use crate::declare_rule;
use crate::finding::Sink;
use crate::world::WorldCx;

declare_rule! {
    /// ## What it does
    /// Checks that blueprints do not apply each other in a cycle through
    /// `authentik_blueprints.metaapplyblueprint` (a applies b, b applies a).
    ///
    /// ## Why is this bad?
    /// A meta apply runs the other blueprint synchronously while the first one is
    /// being applied (and while it is validated). A cycle re-enters the first
    /// blueprint before it is finished, again and again: applying never converges
    /// and fails.
    ///
    /// ## Severity
    /// Error: each meta apply runs the other blueprint while the first is still being
    /// applied, so a cycle never converges and applying fails.
    ///
    /// ## Example
    /// ```yaml
    /// # a.yaml (metadata.name: A)
    /// - model: authentik_blueprints.metaapplyblueprint
    ///   attrs: {identifiers: {name: B}}
    /// # b.yaml (metadata.name: B)
    /// - model: authentik_blueprints.metaapplyblueprint
    ///   attrs: {identifiers: {name: A}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// # a.yaml applies b.yaml; b.yaml applies nothing back
    /// - model: authentik_blueprints.metaapplyblueprint
    ///   attrs: {identifiers: {name: B}}
    /// ```
    pub static BLUEPRINT_APPLY_CYCLE = {
        code: "FL405",
        name: "blueprint-apply-cycle",
        family: References,
        severity: Error,
        summary: "Blueprints apply each other in a cycle",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    let mut graph: DiGraph<usize, usize> = DiGraph::new();
    let nodes: Vec<_> = (0..world.blueprints.len())
        .map(|bp| graph.add_node(bp))
        .collect();
    for (idx, we) in world.entries.iter().enumerate() {
        if !we.model.is_some_and(|m| m.applies_blueprint()) || !we.has_instance() {
            continue;
        }
        if let Some(target) = we
            .value("identifiers")
            .and_then(|v| world.blueprint_named(v))
        {
            graph.add_edge(nodes[we.bp], nodes[target], idx);
        }
    }
    for scc in tarjan_scc(&graph) {
        let cyclic = scc.len() > 1
            || scc
                .first()
                .is_some_and(|n| graph.find_edge(*n, *n).is_some());
        if !cyclic {
            continue;
        }
        let mut names: Vec<String> = scc
            .iter()
            .map(|n| world.blueprint_label(graph[*n]))
            .collect();
        names.sort();
        let mut edges: Vec<_> = graph
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = graph.edge_endpoints(e)?;
                (scc.contains(&a) && scc.contains(&b)).then(|| (graph[e], graph[b]))
            })
            .collect();
        edges.sort_unstable();
        for (entry, target) in &edges {
            let we = &world.entries[*entry];
            let span = we
                .field("identifiers")
                .map_or(we.span(), |f| f.pair.value.span);
            let finding = sink.report_in(
                &BLUEPRINT_APPLY_CYCLE,
                we.file,
                span,
                format!(
                    "applying `{}` leads back to this blueprint: {} apply each other in a cycle",
                    world.blueprint_label(*target),
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            finding.label("part of a cycle").help(
                "remove one `metaapplyblueprint` of the cycle; dependencies must point one way",
            );
            for (other, _) in edges.iter().filter(|(e, _)| e != entry) {
                let o = &world.entries[*other];
                let span = o
                    .field("identifiers")
                    .map_or(o.span(), |f| f.pair.value.span);
                finding.with_label(
                    o.file,
                    span,
                    format!(
                        "`{}` applies the next blueprint of the cycle",
                        world.blueprint_label(o.bp)
                    ),
                );
            }
        }
    }
}
