//! The object graph of a world (petgraph): flows, stage bindings, stages, policies,
//! policy bindings, groups, users, prompts and blueprints.
//!
//! One node per *object*, not per entry: entries that name the same object (same
//! kind and identifying field, or the same literal `pk`) share a node, as authentik's
//! lookup by identifiers would. Entries skipped by their conditions or with
//! `state: absent` add nothing.

use std::borrow::Cow;

use petgraph::graph::{DiGraph, NodeIndex};

mod build;
mod prepare;

use super::{EntryIdx, IdEntries};
use crate::catalog::ModelKind;
use crate::eval::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GKind {
    Blueprint,
    Flow,
    Binding,
    Stage,
    PolicyBinding,
    Policy,
    Group,
    User,
    Prompt,
}

impl GKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GKind::Blueprint => "blueprint",
            GKind::Flow => "flow",
            GKind::Binding => "binding",
            GKind::Stage => "stage",
            GKind::PolicyBinding => "policy-binding",
            GKind::Policy => "policy",
            GKind::Group => "group",
            GKind::User => "user",
            GKind::Prompt => "prompt",
        }
    }
}

#[derive(Clone, Debug)]
pub struct GNode<'a> {
    pub kind: GKind,
    /// Borrowed from the blueprint text when the identifying value is a literal.
    pub label: Cow<'a, str>,
    /// The catalog model id of the first declaring entry (stages and policies vary).
    pub model: Option<&'static str>,
    /// Entries declaring the object, in world order.
    pub entries: IdEntries,
    /// Blueprint nodes: the blueprint index.
    pub blueprint: Option<usize>,
    /// Bindings and policy bindings: `order` when literal.
    pub order: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GEdge {
    /// flow → stage binding
    Binding,
    /// stage binding → stage
    Stage,
    /// flow/binding → policy binding
    PolicyBinding,
    /// policy binding → policy, group or user
    Bound,
    /// an object's reference field (stage → flow, stage → stage, ...)
    Ref(&'static str),
    /// prompt stage → prompt
    Prompt,
    /// blueprint → blueprint it applies (`metaapplyblueprint`)
    Applies,
    /// blueprint → object it declares
    Declares,
}

#[derive(Debug, Default)]
pub struct WorldGraph<'a> {
    pub graph: DiGraph<GNode<'a>, GEdge>,
    /// The node of each entry of the world (`None`: the entry adds no node).
    node_of_entry: Vec<Option<NodeIndex>>,
    pub blueprint_nodes: Vec<NodeIndex>,
}

pub(super) fn kind_of(model: ModelKind) -> Option<(GKind, &'static str)> {
    Some(match model {
        ModelKind::Flow => (GKind::Flow, "slug"),
        ModelKind::Stage => (GKind::Stage, "name"),
        ModelKind::Policy => (GKind::Policy, "name"),
        ModelKind::Group => (GKind::Group, "name"),
        ModelKind::User => (GKind::User, "username"),
        ModelKind::Prompt => (GKind::Prompt, "name"),
        ModelKind::FlowStageBinding => (GKind::Binding, ""),
        ModelKind::PolicyBinding => (GKind::PolicyBinding, ""),
        _ => return None,
    })
}

/// A literal identifying value as text (authentik's lookups compare `5` and `"5"`
/// alike), borrowed from the blueprint text when it is written there.
pub(super) fn literal<'a>(value: Option<&Value<'a>>) -> Option<Cow<'a, str>> {
    match value? {
        Value::Str(Cow::Borrowed(s)) => Some(Cow::Borrowed(s)),
        Value::Str(Cow::Owned(s)) => Some(Cow::Owned(s.clone())),
        Value::Int(i) => Some(Cow::Owned(i.to_string())),
        _ => None,
    }
}

impl<'a> WorldGraph<'a> {
    /// The node an entry declares or names, if any.
    pub fn node_of(&self, entry: EntryIdx) -> Option<NodeIndex> {
        self.node_of_entry.get(entry).copied().flatten()
    }

    /// The bindings of a flow node, sorted by order (unknown orders last).
    pub fn bindings_of(&self, flow: NodeIndex) -> Vec<NodeIndex> {
        let mut out: Vec<NodeIndex> = self
            .graph
            .edges_directed(flow, petgraph::Direction::Outgoing)
            .filter(|e| *e.weight() == GEdge::Binding)
            .map(|e| petgraph::visit::EdgeRef::target(&e))
            .collect();
        out.sort_by_key(|n| {
            (
                self.graph[*n].order.is_none(),
                self.graph[*n].order,
                n.index(),
            )
        });
        out
    }

    /// Targets of `node`'s outgoing edges with weight `edge`.
    pub fn out(&self, node: NodeIndex, edge: &GEdge) -> Vec<NodeIndex> {
        let mut out: Vec<NodeIndex> = self
            .graph
            .edges_directed(node, petgraph::Direction::Outgoing)
            .filter(|e| e.weight() == edge)
            .map(|e| petgraph::visit::EdgeRef::target(&e))
            .collect();
        out.sort();
        out
    }

    /// Sources of `node`'s incoming edges matching `pred`.
    pub fn incoming(&self, node: NodeIndex, pred: impl Fn(&GEdge) -> bool) -> Vec<NodeIndex> {
        let mut out: Vec<NodeIndex> = self
            .graph
            .edges_directed(node, petgraph::Direction::Incoming)
            .filter(|e| pred(e.weight()))
            .map(|e| petgraph::visit::EdgeRef::source(&e))
            .collect();
        out.sort();
        out
    }

    /// The stage of a binding node.
    pub fn stage_of(&self, binding: NodeIndex) -> Option<NodeIndex> {
        self.out(binding, &GEdge::Stage).first().copied()
    }

    /// The flow a node with `slug` stands for.
    pub fn flow_by_slug(&self, slug: &str) -> Option<NodeIndex> {
        self.graph
            .node_indices()
            .find(|n| self.graph[*n].kind == GKind::Flow && self.graph[*n].label == slug)
    }
}
