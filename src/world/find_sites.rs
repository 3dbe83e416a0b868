//! The `!Find`/`!FindObject` tags of the world's entries, each with what it looks up
//! and what it finds ([`World::find_outcome`]).

use super::entries::evaluator;
use super::find::FindOutcome;
use super::{EntryIdx, World};
use crate::check::Settings;
use crate::eval::Value;
use crate::model::{Entry, TagKind};
use crate::yaml::{Node, NodeKind};

/// One `!Find`/`!FindObject` tag of an entry.
#[derive(Debug)]
pub struct FindSite<'a> {
    pub entry: EntryIdx,
    pub node: &'a Node,
    pub kind: TagKind,
    /// The model as written, and the catalog id when known.
    pub model: String,
    pub model_id: Option<&'static str>,
    /// `[field, value]` pairs, rendered for messages.
    pub conditions: Vec<(String, String)>,
    pub outcome: FindOutcome,
    /// The attribute whose value (or list item) the tag is, when it is one directly.
    pub field: Option<&'a str>,
    /// What it looks up, for linking the files of a run.
    pub lookup: super::links::FindLookup,
}

impl FindSite<'_> {
    /// `authentik_flows.flow` with `slug = x` and ...
    pub fn describe(&self) -> String {
        let conds: Vec<String> = self
            .conditions
            .iter()
            .map(|(f, v)| format!("{f} = `{v}`"))
            .collect();
        if conds.is_empty() {
            format!("`{}`", self.model)
        } else {
            format!("`{}` with {}", self.model, conds.join(" and "))
        }
    }
}

pub(super) fn collect_sites<'a>(shared: &World<'_, 'a>, settings: &Settings) -> Vec<FindSite<'a>> {
    use rayon::prelude::*;
    // Entries in parallel, concatenated in entry order (as one sequential pass).
    let mut sites: Vec<FindSite<'_>> = shared
        .entries
        .par_iter()
        .enumerate()
        .flat_map_iter(|(idx, we)| entry_sites(shared, settings, idx, we))
        .collect();
    sites.sort_by_key(|s: &FindSite<'_>| (s.entry, s.node.span.start));
    sites
}

/// The `!Find`/`!FindObject` nodes in an entry's conditions, identifiers and attrs
/// (not inside another `!Find`), each with the attribute it is the value (or a list
/// item) of.
pub(super) fn find_nodes<'a>(entry: &Entry<'a>) -> Vec<(&'a Node, Option<&'a str>)> {
    let mut found = Vec::new();
    let mut stack: Vec<(&Node, Option<&str>)> = Vec::new();
    for section in [entry.conditions, entry.identifiers, entry.attrs]
        .into_iter()
        .flatten()
    {
        match section.value.as_map() {
            Some(pairs) if !section.value.is_custom_tagged() => {
                for pair in pairs.iter().filter(|p| !p.overridden) {
                    stack.push((&pair.value, pair.key.as_str()));
                }
            }
            _ => stack.push((&section.value, None)),
        }
    }
    while let Some((node, field)) = stack.pop() {
        let kind = node.tag_name().and_then(TagKind::from_name);
        if let Some(TagKind::Find | TagKind::FindObject) = kind {
            found.push((node, field));
            continue;
        }
        if node.is_custom_tagged() {
            // Arguments of other tags: not a direct field value any more.
            push_children(node, None, &mut stack);
        } else {
            // List items of a field keep the field (`configuration_stages: [!Find ...]`).
            let keep = matches!(node.kind, NodeKind::Seq(_))
                .then_some(field)
                .flatten();
            push_children(node, keep, &mut stack);
        }
    }
    found
}

fn entry_sites<'a>(
    world: &World<'_, 'a>,
    settings: &Settings,
    idx: EntryIdx,
    we: &super::WorldEntry<'_, 'a>,
) -> Vec<FindSite<'a>> {
    let mut sites = Vec::new();
    if we.find_nodes().is_empty() {
        return sites;
    }
    let mut ev = evaluator(&world.blueprints[we.bp], settings, None);
    for &(node, field) in we.find_nodes().iter() {
        let Some(kind) = node.tag_name().and_then(TagKind::from_name) else {
            continue;
        };
        let items = node.as_seq().unwrap_or(&[]);
        let model_value = items.first().map_or(Value::Unknown, |n| ev.eval(n));
        let model = model_value.python_str().unwrap_or_else(|| "?".to_string());
        let mut conditions = Vec::new();
        let mut shown = Vec::new();
        let mut shaped = model_value.as_str().is_some();
        for pair in items.iter().skip(1) {
            match pair.as_seq() {
                Some([f, v]) => {
                    let (f, v) = (ev.eval(f), ev.eval(v));
                    shown.push((
                        f.python_str().unwrap_or_else(|| "?".into()),
                        v.python_str().unwrap_or_else(|| "?".into()),
                    ));
                    conditions.push((f, v));
                }
                _ => shaped = false,
            }
        }
        let (outcome, lookup) = if shaped {
            (
                world.find_outcome(&model, &conditions),
                super::links::lookup_of(world.release, &model, &conditions),
            )
        } else {
            (FindOutcome::Unknown, super::links::FindLookup::Fixed)
        };
        sites.push(FindSite {
            entry: idx,
            node,
            kind,
            model_id: world.release.model(&model).map(|m| m.id.as_str()),
            model,
            conditions: shown,
            outcome,
            field,
            lookup,
        });
    }
    sites
}

fn push_children<'a>(
    node: &'a Node,
    field: Option<&'a str>,
    stack: &mut Vec<(&'a Node, Option<&'a str>)>,
) {
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => stack.extend(items.iter().map(|n| (n, field))),
        NodeKind::Map(pairs) => stack.extend(
            pairs
                .iter()
                .filter(|p| !p.overridden)
                .map(|p| (&p.value, None)),
        ),
    }
}
