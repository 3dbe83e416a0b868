//! Rendering the world graph (or one flow of it) as DOT, Mermaid or JSON.
//!
//! Output is deterministic: flows by slug, each followed by its bindings in order,
//! every binding by its stage and its policy bindings; node ids are `n0`, `n1`, ... in
//! that order.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::World;
use super::graph::{GEdge, GKind, GNode};

/// The nodes and edges to draw.
pub struct View {
    pub nodes: Vec<NodeIndex>,
    pub edges: Vec<(NodeIndex, NodeIndex, GEdge)>,
}

fn sorted_out(world: &World<'_, '_>, node: NodeIndex) -> Vec<NodeIndex> {
    let g = &world.graph.graph;
    let mut out: Vec<(u8, Option<i64>, &str, NodeIndex)> = g
        .edges(node)
        .filter(|e| !matches!(e.weight(), GEdge::Declares))
        .map(|e| {
            let t = e.target();
            let rank = match e.weight() {
                GEdge::Binding | GEdge::Stage => 0,
                GEdge::PolicyBinding | GEdge::Bound => 1,
                GEdge::Prompt => 2,
                _ => 3,
            };
            (rank, g[t].order, &*g[t].label, t)
        })
        .collect();
    out.sort();
    out.dedup_by_key(|(_, _, _, n)| *n);
    out.into_iter().map(|(_, _, _, n)| n).collect()
}

/// One flow (with `slug`) or the whole world.
pub fn view(world: &World<'_, '_>, flow: Option<&str>) -> Option<View> {
    let g = &world.graph.graph;
    let mut order: Vec<NodeIndex> = Vec::new();
    let mut seen: HashSet<NodeIndex> = HashSet::new();
    let mut visit = |start: NodeIndex, depth_limit: bool, order: &mut Vec<NodeIndex>| {
        // Depth-first from `start`; in a flow view, stop at other flows.
        let mut stack = vec![start];
        while let Some(n) = stack.pop() {
            if !seen.insert(n) {
                continue;
            }
            order.push(n);
            if depth_limit && n != start && g[n].kind == GKind::Flow {
                continue;
            }
            for child in sorted_out(world, n).into_iter().rev() {
                stack.push(child);
            }
        }
    };
    match flow {
        Some(slug) => {
            let start = world.graph.flow_by_slug(slug)?;
            visit(start, true, &mut order);
        }
        None => {
            let mut roots: Vec<NodeIndex> = g
                .node_indices()
                .filter(|n| g[*n].kind == GKind::Flow)
                .collect();
            roots.sort_by(|a, b| g[*a].label.cmp(&g[*b].label));
            let mut rest: Vec<NodeIndex> = g
                .node_indices()
                .filter(|n| {
                    g[*n].kind != GKind::Blueprint
                        || g.edges(*n).any(|e| *e.weight() == GEdge::Applies)
                })
                .collect();
            rest.sort_by(|a, b| (g[*a].kind, &g[*a].label).cmp(&(g[*b].kind, &g[*b].label)));
            for n in roots.into_iter().chain(rest) {
                visit(n, true, &mut order);
            }
        }
    }
    let included: HashSet<NodeIndex> = order.iter().copied().collect();
    let mut edges = Vec::new();
    for &n in &order {
        for child in sorted_out(world, n) {
            if !included.contains(&child) {
                continue;
            }
            for e in g.edges_connecting(n, child) {
                if *e.weight() != GEdge::Declares {
                    edges.push((n, child, e.weight().clone()));
                }
            }
        }
    }
    Some(View {
        nodes: order,
        edges,
    })
}

fn short_model<'n>(node: &'n GNode<'_>) -> &'n str {
    node.model
        .and_then(|m| m.split_once('.'))
        .map_or(node.kind.as_str(), |(_, m)| m)
}

fn node_text(world: &World<'_, '_>, n: NodeIndex) -> String {
    let node = &world.graph.graph[n];
    let order = node.order.map_or("?".to_string(), |o| o.to_string());
    match node.kind {
        GKind::Flow => {
            let designation = node
                .entries
                .iter()
                .find_map(|e| world.entries[*e].str_value("designation"))
                .unwrap_or("?");
            format!("flow {}\n({designation})", node.label)
        }
        GKind::Binding => format!("binding {order}"),
        GKind::PolicyBinding => {
            let mut flags = Vec::new();
            if let Some(e) = node.entries.last().map(|e| &world.entries[*e]) {
                if e.bool_value("negate", false) == Some(true) {
                    flags.push("negate");
                }
                if e.bool_value("enabled", true) == Some(false) {
                    flags.push("disabled");
                }
                if e.bool_value("failure_result", false) == Some(true) {
                    flags.push("failure_result");
                }
            }
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!("\n{}", flags.join(", "))
            };
            format!("policy binding {order}{flags}")
        }
        GKind::Blueprint => format!("blueprint\n{}", node.label),
        _ => format!("{}\n{}", short_model(node), node.label),
    }
}

fn edge_text(world: &World<'_, '_>, to: NodeIndex, edge: &GEdge) -> String {
    match edge {
        GEdge::Binding | GEdge::PolicyBinding => world.graph.graph[to]
            .order
            .map_or(String::new(), |o| format!("order {o}")),
        GEdge::Ref(field) => (*field).to_string(),
        GEdge::Applies => "applies".to_string(),
        _ => String::new(),
    }
}

fn shape(kind: GKind) -> &'static str {
    match kind {
        GKind::Flow => "box, style=\"rounded,bold\"",
        GKind::Binding | GKind::PolicyBinding => "ellipse",
        GKind::Stage => "box",
        GKind::Policy => "hexagon",
        GKind::Group | GKind::User => "octagon",
        GKind::Prompt => "note",
        GKind::Blueprint => "folder",
    }
}

fn ids(view: &View) -> HashMap<NodeIndex, String> {
    view.nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, format!("n{i}")))
        .collect()
}

pub fn dot(world: &World<'_, '_>, view: &View) -> String {
    let esc = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    };
    let ids = ids(view);
    let mut out = String::from(
        "digraph flowlint {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for n in &view.nodes {
        let kind = world.graph.graph[*n].kind;
        let _ = writeln!(
            out,
            "  {} [label=\"{}\", shape={}];",
            ids[n],
            esc(&node_text(world, *n)),
            shape(kind)
        );
    }
    for (a, b, e) in &view.edges {
        let label = edge_text(world, *b, e);
        if label.is_empty() {
            let _ = writeln!(out, "  {} -> {};", ids[a], ids[b]);
        } else {
            let _ = writeln!(
                out,
                "  {} -> {} [label=\"{}\"];",
                ids[a],
                ids[b],
                esc(&label)
            );
        }
    }
    out.push_str("}\n");
    out
}

pub fn mermaid(world: &World<'_, '_>, view: &View) -> String {
    let esc = |s: &str| s.replace('"', "#quot;").replace('\n', "<br/>");
    let ids = ids(view);
    let mut out = String::from("flowchart LR\n");
    for n in &view.nodes {
        let text = esc(&node_text(world, *n));
        let (open, close) = match world.graph.graph[*n].kind {
            GKind::Flow => ("([\"", "\"])"),
            GKind::Binding | GKind::PolicyBinding => ("((\"", "\"))"),
            GKind::Policy => ("{{\"", "\"}}"),
            _ => ("[\"", "\"]"),
        };
        let _ = writeln!(out, "  {}{open}{text}{close}", ids[n]);
    }
    for (a, b, e) in &view.edges {
        let label = edge_text(world, *b, e);
        if label.is_empty() {
            let _ = writeln!(out, "  {} --> {}", ids[a], ids[b]);
        } else {
            let _ = writeln!(out, "  {} -->|\"{}\"| {}", ids[a], esc(&label), ids[b]);
        }
    }
    out
}

pub fn json(world: &World<'_, '_>, view: &View) -> String {
    let ids = ids(view);
    let g = &world.graph.graph;
    let nodes: Vec<serde_json::Value> = view
        .nodes
        .iter()
        .map(|n| {
            let node = &g[*n];
            let declared: Vec<serde_json::Value> = node
                .entries
                .iter()
                .map(|e| {
                    let we = &world.entries[*e];
                    let file = &world.files[we.file].source;
                    let at = file.line_col(we.span().start);
                    serde_json::json!({"file": file.path, "line": at.line})
                })
                .collect();
            serde_json::json!({
                "id": ids[n],
                "kind": node.kind.as_str(),
                "label": node.label,
                "model": node.model,
                "order": node.order,
                "declared_at": declared,
            })
        })
        .collect();
    let edges: Vec<serde_json::Value> = view
        .edges
        .iter()
        .map(|(a, b, e)| {
            let kind = match e {
                GEdge::Binding => "binding",
                GEdge::Stage => "stage",
                GEdge::PolicyBinding => "policy-binding",
                GEdge::Bound => "bound",
                GEdge::Ref(_) => "reference",
                GEdge::Prompt => "prompt",
                GEdge::Applies => "applies",
                GEdge::Declares => "declares",
            };
            let field = match e {
                GEdge::Ref(f) => Some(*f),
                _ => None,
            };
            serde_json::json!({"from": ids[a], "to": ids[b], "kind": kind, "field": field})
        })
        .collect();
    let doc = serde_json::json!({"version": 1, "nodes": nodes, "edges": edges});
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
