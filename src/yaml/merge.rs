//! `<<` merge keys, applied as PyYAML applies them.

use super::loader::{YamlProblem, YamlProblemKind};
use super::node::{NodeKind, Pair, ScalarStyle};
use crate::yaml::Node;

/// PyYAML's `flatten_mapping`: merged pairs come first (so written keys override
/// them); with a list of mappings, earlier mappings win over later ones.
pub(super) fn apply_merges(pairs: Vec<Pair>) -> Result<Vec<Pair>, YamlProblem> {
    let is_merge_key = |p: &Pair| {
        p.key.tag.is_none()
            && matches!(&p.key.kind, NodeKind::Scalar(s) if s.style == ScalarStyle::Plain && &*s.text == "<<")
    };
    if !pairs.iter().any(is_merge_key) {
        return Ok(pairs);
    }
    let mut merged: Vec<Pair> = Vec::new();
    let mut written: Vec<Pair> = Vec::new();
    for pair in pairs {
        if !is_merge_key(&pair) {
            written.push(pair);
            continue;
        }
        let sources: Vec<&Node> = match &pair.value.kind {
            NodeKind::Map(_) => vec![&pair.value],
            NodeKind::Seq(items) if items.iter().all(|n| n.as_map().is_some()) => {
                items.iter().rev().collect()
            }
            _ => {
                return Err(YamlProblem {
                    kind: YamlProblemKind::InvalidMerge,
                    span: pair.value.span,
                    message: "a `<<` merge key needs a mapping or a list of mappings".into(),
                });
            }
        };
        for source in sources {
            for p in source.as_map().unwrap_or(&[]) {
                merged.push(Pair {
                    key: p.key.clone(),
                    value: p.value.clone(),
                    merged: true,
                    overridden: false,
                });
            }
        }
    }
    merged.extend(written);
    Ok(merged)
}
