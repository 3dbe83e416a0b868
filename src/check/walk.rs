//! The one walk over a file's tree that runs the node and tag hooks.

use super::Settings;
use super::checker::Hooks;
use crate::finding::Sink;
use crate::model::TagKind;
use crate::rules::{NodeCx, TagCx};
use crate::source::{FileId, SourceFile};
use crate::yaml::{Build, Node, NodeKind};

/// A node waiting on the walk, with what authentik does with it.
#[derive(Clone, Copy)]
struct Visit<'a> {
    node: &'a Node,
    /// How many `!Enumerate` contexts authentik has pushed when it resolves the node.
    enumerate_depth: usize,
    /// authentik's resolver walks to the node, rather than resolving it as a direct
    /// argument of a tag.
    walked: bool,
    /// Whether PyYAML constructs the node (`yaml::Build`).
    build: Build,
    /// Inside a value a later duplicate key replaces: constructed, never resolved.
    replaced: bool,
}

/// One walk over every node: node hooks on the nodes authentik builds and keeps, tag
/// hooks on the tagged nodes PyYAML constructs (only the construction rules inside
/// a replaced value: PyYAML still builds it, authentik never resolves it).
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
    let mut stack = vec![Visit {
        node: root,
        enumerate_depth: 0,
        walked: true,
        build: Build::Built,
        replaced: false,
    }];
    while let Some(visit) = stack.pop() {
        let Visit {
            node,
            enumerate_depth,
            walked,
            build,
            replaced,
        } = visit;
        if build != Build::Unbuilt && !replaced {
            let node_cx = NodeCx {
                file: id,
                source,
                node,
                settings,
            };
            for check in &hooks.node {
                check(&node_cx, sink);
            }
        }
        let kind = node
            .tag_name()
            .filter(|t| !t.starts_with("!!"))
            .map(TagKind::from_name);
        if let (Some(kind), Build::Built) = (kind, build) {
            let tag_cx = TagCx {
                file: id,
                source,
                node,
                kind,
                enumerate_depth,
                replaced,
                settings,
            };
            for (check, on_replaced) in &hooks.tag {
                if *on_replaced || !replaced {
                    check(&tag_cx, sink);
                }
            }
        }
        let tag = node.tag_name();
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
                    stack.push(Visit {
                        node: item,
                        enumerate_depth: depth,
                        walked: item_walked,
                        build: build.child(tag, Some(i)),
                        replaced,
                    });
                }
            }
            NodeKind::Map(pairs) if std::ptr::eq(node, root) && kind.is_none() => {
                stack.extend(top_level(pairs));
            }
            NodeKind::Map(pairs) => {
                let walked = walked && kind.is_none();
                let build = build.child(tag, None);
                // Merged pairs too: PyYAML builds them where they are merged (an inline
                // `<<: {b: !Bar 1}` or an anchor defined where nothing is built); an
                // alias's repeat of the anchor site's finding is deduplicated.
                for pair in pairs.iter().rev() {
                    let visit = |node| Visit {
                        node,
                        enumerate_depth,
                        walked,
                        build,
                        replaced: replaced || pair.overridden,
                    };
                    stack.push(visit(&pair.value));
                    stack.push(Visit {
                        walked: false,
                        ..visit(&pair.key)
                    });
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
fn top_level(pairs: &[crate::yaml::Pair]) -> Vec<Visit<'_>> {
    let mut out = Vec::with_capacity(pairs.len() * 2);
    for pair in pairs.iter().rev() {
        let depth = match pair.key.as_str() {
            Some("version" | "metadata" | "entries") => 0,
            _ => UNKNOWN_SCOPE,
        };
        out.push(Visit {
            node: &pair.value,
            enumerate_depth: depth,
            walked: true,
            build: Build::Built,
            replaced: pair.overridden,
        });
        out.push(Visit {
            node: &pair.key,
            enumerate_depth: 0,
            walked: false,
            build: Build::Built,
            replaced: pair.overridden,
        });
    }
    out
}

/// An enumerate depth no `!Index` reaches past.
const UNKNOWN_SCOPE: usize = usize::MAX / 2;
