//! The one walk over a file's tree that runs the node and tag hooks.

use super::Settings;
use super::run_file::Hooks;
use crate::finding::Sink;
use crate::model::TagKind;
use crate::rules::{NodeCx, TagCx};
use crate::source::{FileId, SourceFile};
use crate::yaml::{Node, NodeKind};

/// One walk over every node: node hooks everywhere, tag hooks on tagged nodes.
pub(super) fn walk_nodes<'a>(
    id: FileId,
    source: &'a SourceFile,
    root: &'a Node,
    settings: &Settings,
    hooks: &Hooks,
    sink: &mut Sink,
) {
    if hooks.node.is_empty() && hooks.tag.is_empty() {
        return;
    }
    // (node, enumerate contexts pushed when authentik resolves it, whether authentik's
    // resolver walks to it rather than resolving it as a direct argument of a tag)
    let mut stack: Vec<(&'a Node, usize, bool)> = vec![(root, 0, true)];
    while let Some((node, enumerate_depth, walked)) = stack.pop() {
        let node_cx = NodeCx {
            file: id,
            source,
            node,
            settings,
        };
        for check in &hooks.node {
            check(&node_cx, sink);
        }
        let kind = node
            .tag_name()
            .filter(|t| !t.starts_with("!!"))
            .map(TagKind::from_name);
        if let Some(kind) = kind {
            let tag_cx = TagCx {
                file: id,
                source,
                node,
                kind,
                enumerate_depth,
                settings,
            };
            for check in &hooks.tag {
                check(&tag_cx, sink);
            }
        }
        match &node.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => {
                // authentik pushes an `!Enumerate`'s context only when its resolver walks to
                // the tag, and keeps it while resolving the iterable and the body; `!If`
                // branches and `!Enumerate` bodies are walked, other tag arguments are not.
                let depth = match kind {
                    Some(Some(TagKind::Enumerate)) if walked => enumerate_depth + 1,
                    _ => enumerate_depth,
                };
                for (i, item) in items.iter().enumerate().rev() {
                    let item_walked = match kind {
                        None => walked,
                        Some(Some(TagKind::Enumerate)) => i == 2,
                        Some(Some(TagKind::If)) => i > 0,
                        Some(_) => false,
                    };
                    stack.push((item, depth, item_walked));
                }
            }
            NodeKind::Map(pairs) if std::ptr::eq(node, root) && kind.is_none() => {
                stack.extend(top_level(pairs));
            }
            NodeKind::Map(pairs) => {
                let walked = walked && kind.is_none();
                for pair in pairs.iter().rev().filter(|p| !p.merged) {
                    // A replaced value never reaches authentik: nothing in it can fail.
                    if !pair.overridden {
                        stack.push((&pair.value, enumerate_depth, walked));
                    }
                    stack.push((&pair.key, enumerate_depth, false));
                }
            }
        }
    }
}

/// The root's pairs, each with the enumerate scope it is resolved in. `context`
/// values are resolved wherever a `!Context` reads them, perhaps inside an
/// `!Enumerate`, and other unknown keys are dropped unresolved (anchors kept there
/// are checked where they are used): their scope is unknown, taken as deep enough for
/// any `!Index`. Tags are constructed when the file loads, so the other tag rules
/// still look there.
fn top_level(pairs: &[crate::yaml::Pair]) -> Vec<(&Node, usize, bool)> {
    let mut out = Vec::with_capacity(pairs.len() * 2);
    for pair in pairs.iter().rev().filter(|p| !p.merged) {
        let depth = match pair.key.as_str() {
            Some("version" | "metadata" | "entries") => 0,
            _ => UNKNOWN_SCOPE,
        };
        if !pair.overridden {
            out.push((&pair.value, depth, true));
        }
        out.push((&pair.key, 0, false));
    }
    out
}

/// An enumerate depth no `!Index` reaches past.
const UNKNOWN_SCOPE: usize = usize::MAX / 2;
