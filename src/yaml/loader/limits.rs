//! The limits no input can pass (nesting depth, nodes added by aliases), and aliases
//! expanded as PyYAML builds them.

use saphyr_parser::ScalarStyle as ParserStyle;

use super::{Builder, Frame};
use crate::source::Span;
use crate::yaml::build::Build;
use crate::yaml::construct::check_subtree;
use crate::yaml::merge::is_merge_key;
use crate::yaml::node::{Node, NodeKind};
use crate::yaml::outcome::{YamlProblem, YamlProblemKind};
use crate::yaml::scalar::make_scalar;

impl Builder<'_> {
    pub(super) fn check_depth(&self, span: Span) -> Result<(), YamlProblem> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(YamlProblem {
                kind: YamlProblemKind::TooDeep,
                span: self.token_span(span.start),
                message: format!(
                    "nesting deeper than {} levels; flowlint stops reading this file here",
                    self.limits.max_depth
                ),
            });
        }
        Ok(())
    }

    pub(super) fn expand_alias(&mut self, id: usize, span: Span) -> Result<Node, YamlProblem> {
        let Some((node, count, defined)) = self.anchors.get(&id) else {
            if let Some(frame) = self.stack.iter().find(|f| f.anchor() == id) {
                // An alias inside the node its anchor names: PyYAML builds a recursive
                // list or dict; a tree cannot hold one, so the alias stands as a null.
                let at = Span::new(span.start, span.start);
                // As a merge value, a mapping merges its own pairs (PyYAML's
                // `flatten_mapping` at construction, the node complete by then): no
                // error, and no key the tree can hold: an empty mapping.
                let merged_into = matches!(self.stack.last(), Some(Frame::Map { key: Some(k), .. }) if is_merge_key(k));
                if merged_into && matches!(frame, Frame::Map { .. }) {
                    return Ok(Node {
                        span: at,
                        tag: None,
                        kind: NodeKind::Map(Box::new([])),
                    });
                }
                return Ok(make_scalar(String::new(), ParserStyle::Plain, None, at));
            }
            return Err(YamlProblem {
                kind: YamlProblemKind::Syntax,
                span: self.token_span(span.start),
                message: "alias to an unknown anchor".into(),
            });
        };
        self.alias_nodes = self.alias_nodes.saturating_add(*count);
        if self.alias_nodes > self.limits.max_alias_nodes {
            return Err(YamlProblem {
                kind: YamlProblemKind::AliasBudget,
                span: self.token_span(span.start),
                message: format!(
                    "aliases expand to more than {} nodes (an alias bomb?); flowlint stops reading this file here",
                    self.limits.max_alias_nodes
                ),
            });
        }
        // Defined where PyYAML does not build it (`!KeyOf [&a ...]`), used where it
        // does: what is in it is built here.
        if *defined != Build::Built && self.child_build() == Build::Built {
            let as_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
            check_subtree(node, Build::Built, as_key)?;
        }
        Ok(node.clone())
    }
}
