//! Building the graph: object nodes keyed by identity, binding and reference edges.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use foldhash::{HashMap, HashMapExt, HashSet};
use petgraph::graph::{DiGraph, NodeIndex};

use super::{GEdge, GKind, GNode, WorldGraph, prepare};
use crate::catalog::{ModelKind, RefTarget};
use crate::eval::Value;
use crate::world::{EntryIdx, IdEntries, World};

/// Add an object node, not yet declared by any blueprint.
fn new_node<'a>(
    graph: &mut DiGraph<GNode<'a>, GEdge>,
    declared_first: &mut Vec<usize>,
    node: GNode<'a>,
) -> NodeIndex {
    declared_first.push(usize::MAX);
    graph.add_node(node)
}

/// What makes two entries the same object.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ObjectKey<'v> {
    /// The same literal `pk`, whatever the kind.
    Pk(Cow<'v, str>),
    /// The same kind and identifying field (slug, name, username).
    Named(GKind, Cow<'v, str>),
    /// A binding: the same kind, target node, bound node and order.
    Link(GKind, NodeIndex, NodeIndex, i64),
}

struct Builder<'w, 'r, 'a> {
    world: &'w World<'r, 'a>,
    g: WorldGraph<'a>,
    keys: HashMap<ObjectKey<'a>, NodeIndex>,
    /// Reference edges added so far (petgraph's `update_edge` scans all edges of a
    /// node, and a flow or stage may have thousands).
    edges: HashSet<(NodeIndex, NodeIndex, GEdge)>,
    /// Per node, the first blueprint with its `Declares` edge (`usize::MAX`: none).
    declared_first: Vec<usize>,
    /// The other (blueprint, node) pairs that have their `Declares` edge.
    declared: HashSet<(usize, NodeIndex)>,
}

impl<'a> Builder<'_, '_, 'a> {
    fn add(
        &mut self,
        idx: EntryIdx,
        kind: GKind,
        pk: Option<Cow<'a, str>>,
        key: Option<ObjectKey<'a>>,
        label: Cow<'a, str>,
        order: Option<i64>,
    ) -> NodeIndex {
        let world = self.world;
        let we = &world.entries[idx];
        // Built only when no node has the object yet, with this entry: most objects
        // have one entry, held without an allocation.
        let fresh = move || GNode {
            kind,
            label,
            model: we.model_id(),
            entries: IdEntries::One(idx),
            blueprint: None,
            order,
        };
        let nodes_before = self.g.graph.node_count();
        let node = match (pk.map(ObjectKey::Pk), key) {
            // Most objects have no literal pk: one hash of the key finds or claims it.
            (None, Some(key)) => match self.keys.entry(key) {
                Entry::Occupied(found) => *found.get(),
                Entry::Vacant(slot) => {
                    let node = new_node(&mut self.g.graph, &mut self.declared_first, fresh());
                    slot.insert(node);
                    node
                }
            },
            (pk, key) => {
                let existing = pk
                    .as_ref()
                    .and_then(|k| self.keys.get(k))
                    .or_else(|| key.as_ref().and_then(|k| self.keys.get(k)))
                    .copied();
                let node = existing.unwrap_or_else(|| {
                    new_node(&mut self.g.graph, &mut self.declared_first, fresh())
                });
                for k in pk.into_iter().chain(key) {
                    self.keys.entry(k).or_insert(node);
                }
                node
            }
        };
        if node.index() < nodes_before {
            self.g.graph[node].entries.push(idx);
        }
        self.g.node_of_entry[idx] = Some(node);
        // One `Declares` edge per (blueprint, object), however many entries name it
        // (a scan of the node's entries would be quadratic for a widely shared object);
        // nearly every object is declared by one blueprint, which needs no hashing.
        let first = &mut self.declared_first[node.index()];
        let declares = if *first == usize::MAX {
            *first = we.bp;
            true
        } else {
            *first != we.bp && self.declared.insert((we.bp, node))
        };
        if declares {
            let bp_node = self.g.blueprint_nodes[we.bp];
            self.g.graph.add_edge(bp_node, node, GEdge::Declares);
        }
        node
    }

    /// Add an edge of a binding or policy-binding node `at` (one of `a` and `b`) once:
    /// such a node has a handful of edges, so scanning them beats hashing every edge.
    fn binding_edge(&mut self, at: NodeIndex, a: NodeIndex, b: NodeIndex, e: GEdge) {
        use petgraph::visit::EdgeRef;
        let graph = &self.g.graph;
        let exists = if at == a {
            graph
                .edges_directed(at, petgraph::Direction::Outgoing)
                .any(|edge| edge.target() == b && *edge.weight() == e)
        } else {
            graph
                .edges_directed(at, petgraph::Direction::Incoming)
                .any(|edge| edge.source() == a && *edge.weight() == e)
        };
        if !exists {
            self.g.graph.add_edge(a, b, e);
        }
    }

    /// Add an edge once (linear: no scan of the node's edges).
    fn edge(&mut self, a: NodeIndex, b: NodeIndex, e: GEdge) {
        if self.edges.insert((a, b, e.clone())) {
            self.g.graph.add_edge(a, b, e);
        }
    }

    /// The node a reference value of entry `from` points at.
    fn target(&self, from: EntryIdx, value: Option<&Value<'_>>) -> Option<NodeIndex> {
        let target = self.world.target_of(from, value?)?;
        self.g.node_of(target)
    }
}

impl<'a> WorldGraph<'a> {
    pub fn build(world: &World<'_, 'a>) -> Self {
        let mut b = Builder {
            world,
            g: WorldGraph {
                // About one node per entry, and one `Declares` plus about one link per
                // entry (1.9 edges per entry on the synthetic corpus).
                graph: DiGraph::with_capacity(
                    world.entries.len() + world.blueprints.len(),
                    2 * world.entries.len(),
                ),
                node_of_entry: vec![None; world.entries.len()],
                blueprint_nodes: Vec::with_capacity(world.blueprints.len()),
            },
            keys: HashMap::with_capacity(world.entries.len()),
            edges: HashSet::default(),
            declared_first: Vec::with_capacity(world.entries.len() + world.blueprints.len()),
            declared: HashSet::default(),
        };
        for bp in 0..world.blueprints.len() {
            let node = b.g.graph.add_node(GNode {
                kind: GKind::Blueprint,
                label: Cow::Owned(world.blueprint_label(bp)),
                model: None,
                entries: IdEntries::Many(Vec::new()),
                blueprint: Some(bp),
                order: None,
            });
            b.g.blueprint_nodes.push(node);
            b.declared_first.push(usize::MAX);
        }
        let prepared = prepare::prepare(world);
        // Objects first, then bindings (which point at flows and stages), then policy
        // bindings (which may point at bindings), then references between objects.
        for pass in 0..3 {
            for (idx, entry) in prepared.iter().enumerate() {
                let Some(p) = entry else { continue };
                let kind = p.kind;
                let node_of =
                    |b: &Builder<'_, '_, '_>, i: usize| p.reference(i).and_then(|e| b.g.node_of(e));
                match (pass, kind) {
                    (0, GKind::Binding | GKind::PolicyBinding) | (1, GKind::PolicyBinding) => {}
                    (0, _) => {
                        let key = p.key().map(|k| ObjectKey::Named(kind, k.clone()));
                        b.add(idx, kind, p.pk.clone(), key, p.label.clone(), None);
                    }
                    (1, GKind::Binding) => {
                        let (flow, stage) = (node_of(&b, 0), node_of(&b, 1));
                        let key = match (flow, stage, p.order) {
                            (Some(f), Some(s), Some(o)) => Some(ObjectKey::Link(kind, f, s, o)),
                            _ => None,
                        };
                        let label = match stage {
                            Some(s) => b.g.graph[s].label.clone(),
                            None => Cow::Borrowed("?"),
                        };
                        let node = b.add(idx, kind, p.pk.clone(), key, label, p.order);
                        if let Some(f) = flow {
                            b.binding_edge(node, f, node, GEdge::Binding);
                        }
                        if let Some(s) = stage {
                            b.binding_edge(node, node, s, GEdge::Stage);
                        }
                    }
                    (2, GKind::PolicyBinding) => {
                        let target = node_of(&b, 0);
                        let bound: Vec<NodeIndex> = (1..4).filter_map(|i| node_of(&b, i)).collect();
                        let key = match (target, bound.first(), p.order) {
                            (Some(t), Some(&q), Some(o)) => Some(ObjectKey::Link(kind, t, q, o)),
                            _ => None,
                        };
                        let label = bound
                            .first()
                            .map_or(Cow::Borrowed("?"), |q| b.g.graph[*q].label.clone());
                        let node = b.add(idx, kind, p.pk.clone(), key, label, p.order);
                        if let Some(t) = target {
                            b.binding_edge(node, t, node, GEdge::PolicyBinding);
                        }
                        for q in bound {
                            b.binding_edge(node, node, q, GEdge::Bound);
                        }
                    }
                    _ => {}
                }
            }
        }
        add_references(&mut b);
        b.g
    }
}

fn add_references(b: &mut Builder<'_, '_, '_>) {
    let world = b.world;
    for (idx, we) in world.entries.iter().enumerate() {
        let Some(node) = b.g.node_of(idx) else {
            continue;
        };
        if matches!(we.kind, ModelKind::Stage | ModelKind::Flow) {
            for field in we.fields().iter() {
                let Some(spec) = field.spec else {
                    continue;
                };
                let reference = spec
                    .reference
                    .or_else(|| spec.items.as_ref().and_then(|i| i.reference));
                let Some(target) = reference else { continue };
                if !matches!(
                    target,
                    RefTarget::Flow | RefTarget::Stage | RefTarget::Prompt | RefTarget::Policy
                ) {
                    continue;
                }
                let values: Vec<&Value<'_>> = match &field.value {
                    Value::Seq(items) => items.iter().collect(),
                    v => vec![v],
                };
                let name: &'static str = spec.name.as_str();
                for value in values {
                    if let Some(t) = b.target(idx, Some(value)) {
                        let edge = if target == RefTarget::Prompt {
                            GEdge::Prompt
                        } else {
                            GEdge::Ref(name)
                        };
                        b.edge(node, t, edge);
                    }
                }
            }
        }
    }
    for (idx, we) in world.entries.iter().enumerate() {
        if !we.model.is_some_and(|m| m.applies_blueprint()) || !we.has_instance() {
            continue;
        }
        let Some(target) = we
            .value("identifiers")
            .and_then(|v| world.blueprint_named(v))
        else {
            continue;
        };
        let from = b.g.blueprint_nodes[we.bp];
        let to = b.g.blueprint_nodes[target];
        b.edge(from, to, GEdge::Applies);
        b.g.node_of_entry[idx].get_or_insert(from);
    }
}
