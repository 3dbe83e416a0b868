//! What loading a file gives: its tree, the problems met, and the limits applied.

use super::node::Node;
use crate::source::Span;

/// Limits that keep hostile input bounded.
#[derive(Clone, Copy, Debug)]
pub struct LoadLimits {
    /// Deepest nesting of sequences and mappings accepted.
    pub max_depth: usize,
    /// Nodes that alias expansion may add on top of the nodes written in the file.
    pub max_alias_nodes: usize,
}

impl Default for LoadLimits {
    fn default() -> Self {
        LoadLimits {
            max_depth: 256,
            max_alias_nodes: 250_000,
        }
    }
}

/// Why a file could not be (fully) turned into a tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YamlProblemKind {
    Syntax,
    TooDeep,
    AliasBudget,
    MultipleDocuments,
    InvalidMerge,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlProblem {
    pub kind: YamlProblemKind,
    pub span: Span,
    pub message: String,
}

/// The outcome of loading one file: the root node (absent for an empty stream or a
/// fatal problem) and every problem met.
#[derive(Debug, Default)]
pub struct Loaded {
    pub root: Option<Node>,
    pub problems: Vec<YamlProblem>,
    /// The document defines an anchor or uses an alias (a part of it may then read
    /// differently alone: see [`super::splice`]).
    pub uses_anchors: bool,
}
