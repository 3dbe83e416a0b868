//! A mapping's pairs as PyYAML builds its dict: `<<` merge keys applied, and the pairs
//! a later key replaces flagged.

use super::build::Build;
use super::construct::check_subtree;
use super::node::{DictKey, NodeKind, Pair, ScalarStyle};
use super::outcome::{YamlProblem, YamlProblemKind};
use crate::yaml::Node;

/// PyYAML's `flatten_mapping`: merged pairs come first (so written keys override
/// them); with a list of mappings, earlier mappings win over later ones.
/// Whether PyYAML resolves `key` as the merge key: a plain `<<`, or any scalar tagged
/// `!!merge`.
pub(super) fn is_merge_key(key: &Node) -> bool {
    match key.tag_name() {
        Some(tag) => tag == "!!merge" && matches!(key.kind, NodeKind::Scalar(_)),
        None => {
            matches!(&key.kind, NodeKind::Scalar(s) if s.style == ScalarStyle::Plain && &*s.text == "<<")
        }
    }
}

pub(super) fn apply_merges(pairs: Vec<Pair>) -> Result<Vec<Pair>, YamlProblem> {
    let is_merge_key = |p: &Pair| is_merge_key(&p.key);
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
            let pairs = source.as_map().unwrap_or(&[]);
            // PyYAML flattens a merged mapping first (`flatten_mapping(value_node)`),
            // whatever its tag. A custom tag on it (or on the merged list) is never
            // constructed, so its pairs were read as unbuilt: they are built here, in
            // the mapping they merge into (`<<: !Value {<<: 1}` fails).
            let flattened;
            let pairs = if pair.value.is_custom_tagged() || source.is_custom_tagged() {
                flattened = apply_merges(pairs.to_vec())?;
                for p in &flattened {
                    check_subtree(&p.key, Build::Built, true)?;
                    check_subtree(&p.value, Build::Built, false)?;
                }
                &flattened[..]
            } else {
                pairs
            };
            for p in pairs {
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

/// Flag every pair a later pair of the same mapping replaces (keys equal as Python dict
/// keys), as PyYAML's dict construction does; merged pairs come first, so written keys
/// win.
pub(super) fn mark_overridden(pairs: &mut [Pair]) {
    fn key_of(pair: &Pair) -> Option<DictKey<'_>> {
        pair.key.dict_key()
    }
    if pairs.len() < 2 {
        return;
    }
    // Small mappings (nearly all) are scanned without hashing, each key typed once.
    const SCAN: usize = 16;
    if pairs.len() <= SCAN {
        let mut keys = [None; SCAN];
        for (slot, pair) in keys.iter_mut().zip(pairs.iter()) {
            *slot = key_of(pair);
        }
        let count = pairs.len();
        let replaced =
            |i: usize| keys[i].is_some_and(|key| keys[i + 1..count].contains(&Some(key)));
        let flags: [bool; SCAN] = std::array::from_fn(|i| i + 1 < count && replaced(i));
        for (pair, flag) in pairs.iter_mut().zip(flags) {
            pair.overridden = flag;
        }
        return;
    }
    let mut last: foldhash::HashMap<DictKey<'_>, usize> = foldhash::HashMap::default();
    for (i, pair) in pairs.iter().enumerate() {
        if let Some(key) = key_of(pair) {
            last.insert(key, i);
        }
    }
    let replaced: Vec<usize> = pairs
        .iter()
        .enumerate()
        .filter(|&(i, pair)| key_of(pair).is_some_and(|key| last.get(&key) != Some(&i)))
        .map(|(i, _)| i)
        .collect();
    for i in replaced {
        pairs[i].overridden = true;
    }
}
