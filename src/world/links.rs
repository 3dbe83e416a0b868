//! What ties one file's findings to the other files of a run, without its tree.
//!
//! A world's findings about one file depend on another file only through a few
//! relations: a `!Find` that another file's object can answer, the same object
//! declared in two files (one graph node), names that must be unique across files,
//! a `metaapplyblueprint` of another file, and two facts of the whole run (which
//! models some file declares, every blueprint's name). [`LinkFacts`] records those
//! relations as hashes and short strings, so the check driver can free each tree as
//! soon as its file is checked and still build a shared world for exactly the files
//! that need one (`crate::check`'s linked worlds). A hash collision only links files
//! that did not need it; it never separates files that do.

use std::hash::BuildHasher;

use super::World;
use super::graph::kind_of;
use crate::catalog::ModelKind;
use crate::eval::Value;
use crate::model::TagKind;
use crate::yaml::Node;

/// What a `!Find` looks up, as far as the world decides its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindLookup {
    /// The outcome is the same in every world (unknown or meta model, a condition
    /// flowlint cannot evaluate, an unknown field).
    Fixed,
    /// No conditions: the first object of the model.
    AnyOf(&'static str),
    /// Objects of `model` whose first condition field holds the first value
    /// (`first`: [`object_hash`]); `fields`: [`field_hash`] of every condition field.
    Object {
        model: &'static str,
        first: u64,
        fields: Vec<u64>,
    },
}

/// The key of a declared literal field: `(model, field, value)`.
pub(crate) fn object_hash(model: &str, field: &str, key: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one((model, field, key))
}

/// A `(model, field)` pair some entry sets to a value flowlint cannot know
/// (`field` empty: an entry whose identifiers or attrs are a tag).
pub(crate) fn field_hash(model: &str, field: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one((model, field, 0u8))
}

/// The lookup of `!Find [model, [field, value], ...]` with evaluated arguments,
/// following [`World::find_outcome`]'s order of decisions.
pub(crate) fn lookup_of(
    release: &'static crate::catalog::Release,
    model: &str,
    conditions: &[(Value<'_>, Value<'_>)],
) -> FindLookup {
    let Some((spec, keys)) = super::find::literal_lookup(release, model, conditions) else {
        return FindLookup::Fixed;
    };
    let id = spec.id.as_str();
    match keys.first() {
        None => FindLookup::AnyOf(id),
        Some((field, key)) => FindLookup::Object {
            model: id,
            first: object_hash(id, field, key),
            fields: keys.iter().map(|(f, _)| field_hash(id, f)).collect(),
        },
    }
}

/// A `metaapplyblueprint`'s target, as [`World::blueprint_named`] reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppliedBlueprint {
    Name(String),
    Path(String),
    /// Neither a literal name nor a literal path: never found.
    Unnamed,
}

/// One file's relations to the other files of a run (see the module doc).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkFacts {
    /// [`object_hash`] of every literal field of every entry declaring an object.
    pub declares: Vec<u64>,
    /// [`field_hash`] of the fields set to values flowlint cannot know.
    pub unknown: Vec<u64>,
    /// The models the file declares objects of.
    pub models: Vec<&'static str>,
    /// Its `!Find`s whose outcome depends on the world.
    pub lookups: Vec<FindLookup>,
    /// Models of kind "other" its `!Find`s search: whether they are judged depends on
    /// any file of the run declaring one.
    pub judged_models: Vec<&'static str>,
    /// Hashes of the graph identities of its objects (a literal pk; a kind and its
    /// identifying value): two files declaring one object share a graph node.
    pub objects: Vec<u64>,
    /// Hashes of its stage and policy names (unique across models).
    pub names: Vec<u64>,
    /// [`pk_hash`] of every literal UUID `pk` its entries' identifiers declare.
    pub pks: Vec<u64>,
    /// [`pk_hash`] of every other UUID-shaped string in its entries' fields: a raw pk
    /// reference to another file's object (FL413) needs that file in its world.
    pub pk_refs: Vec<u64>,
    /// `metadata.name`, when literal.
    pub blueprint_name: Option<String>,
    /// The blueprint's name in messages (its name, else its path).
    pub label: Option<String>,
    pub applies: Vec<AppliedBlueprint>,
    /// Its findings as a world of its own asked about the whole run (how many
    /// blueprints, their names): they are made again with the run's facts.
    pub run_consulted: bool,
    /// A `!Find` whose result feeds another tag (so a field's literal value may
    /// depend on the world) or sits in `context:`: the file is linked to every file.
    pub wildcard: bool,
}

impl LinkFacts {
    /// The facts of a world of one file, after its world rules ran.
    pub fn of_world(world: &World<'_, '_>) -> Self {
        let mut facts = LinkFacts {
            run_consulted: world.run_consulted(),
            ..LinkFacts::default()
        };
        for (bp, (_, blueprint, _)) in world.blueprints.iter().enumerate() {
            facts.blueprint_name = blueprint.name().map(str::to_string);
            facts.label = Some(world.blueprint_label(bp));
            if blueprint.context.is_some_and(|p| holds_find(&p.value)) {
                facts.wildcard = true;
            }
        }
        for we in &world.entries {
            let sections = [we.entry.identifiers, we.entry.attrs];
            if !we.find_nodes().is_empty()
                && sections
                    .into_iter()
                    .flatten()
                    .any(|p| find_feeds_tag(&p.value))
            {
                facts.wildcard = true;
            }
            if !we.has_instance() {
                continue;
            }
            if we.model.is_some_and(|m| m.applies_blueprint()) {
                facts.applies.push(applied(we.value("identifiers")));
            }
            let Some(model) = we.model.filter(|m| !m.is_meta) else {
                continue;
            };
            let id = model.id.as_str();
            if facts.models.last() != Some(&id) {
                facts.models.push(id);
            }
            for field in we.fields().iter() {
                match super::find::value_key_ref(&field.value) {
                    Some(key) => facts.declares.push(object_hash(id, field.name(), &key)),
                    None => facts.unknown.push(field_hash(id, field.name())),
                }
            }
            if sections
                .into_iter()
                .flatten()
                .any(|p| p.value.as_map().is_none())
            {
                facts.unknown.push(field_hash(id, ""));
            }
            graph_identity(we, &mut facts);
            pk_facts(we, &mut facts);
        }
        for site in &world.find_sites {
            if site.lookup != FindLookup::Fixed {
                facts.lookups.push(site.lookup.clone());
            }
            if let Some(spec) = site.model_id.and_then(|id| world.release.model(id)) {
                if spec.kind == ModelKind::Other {
                    facts.judged_models.push(spec.id.as_str());
                }
            }
        }
        for list in [
            &mut facts.declares,
            &mut facts.unknown,
            &mut facts.objects,
            &mut facts.pks,
            &mut facts.pk_refs,
        ] {
            list.sort_unstable();
            list.dedup();
        }
        facts.models.sort_unstable();
        facts.models.dedup();
        facts
    }
}

impl LinkFacts {
    /// What these facts say that `old` did not (an edited file's new keys, lookups
    /// and applied blueprints), with these facts' name and run flags.
    pub fn added_since(&self, old: &LinkFacts) -> LinkFacts {
        fn new_of<T: PartialEq + Clone>(new: &[T], old: &[T]) -> Vec<T> {
            new.iter().filter(|x| !old.contains(x)).cloned().collect()
        }
        fn new_keys(new: &[u64], old: &[u64]) -> Vec<u64> {
            let old: foldhash::HashSet<u64> = old.iter().copied().collect();
            new.iter().copied().filter(|k| !old.contains(k)).collect()
        }
        LinkFacts {
            declares: new_keys(&self.declares, &old.declares),
            unknown: new_keys(&self.unknown, &old.unknown),
            models: new_of(&self.models, &old.models),
            lookups: new_of(&self.lookups, &old.lookups),
            judged_models: new_of(&self.judged_models, &old.judged_models),
            objects: new_keys(&self.objects, &old.objects),
            names: new_keys(&self.names, &old.names),
            pks: new_keys(&self.pks, &old.pks),
            pk_refs: new_keys(&self.pk_refs, &old.pk_refs),
            blueprint_name: self.blueprint_name.clone(),
            label: self.label.clone(),
            applies: new_of(&self.applies, &old.applies),
            run_consulted: self.run_consulted,
            wildcard: self.wildcard,
        }
    }

    /// A copy in fresh allocations, of exactly their sizes (see `check::linked`).
    pub fn relocated(&self) -> Self {
        self.clone()
    }

    /// Only what a run's facts need (its label, whether it consulted the run): the
    /// relations were recorded elsewhere (the workspace's link index) and are dropped.
    pub fn keep_run_facts_only(&mut self) {
        *self = LinkFacts {
            label: self.label.take(),
            run_consulted: self.run_consulted,
            ..LinkFacts::default()
        };
    }
}

fn applied(identifiers: Option<&Value<'_>>) -> AppliedBlueprint {
    let Some(identifiers) = identifiers else {
        return AppliedBlueprint::Unnamed;
    };
    if let Some(name) = identifiers.get("name").and_then(Value::as_str) {
        return AppliedBlueprint::Name(name.to_string());
    }
    match identifiers.get("path").and_then(Value::as_str) {
        Some(path) => AppliedBlueprint::Path(path.trim_start_matches("./").to_string()),
        None => AppliedBlueprint::Unnamed,
    }
}

/// The graph's object keys of an entry (`graph::build`'s `ObjectKey`), and its name
/// when stage and policy names must be unique.
fn graph_identity(we: &super::WorldEntry<'_, '_>, facts: &mut LinkFacts) {
    let hasher = foldhash::fast::FixedState::default();
    let Some((kind, ident)) = kind_of(we.kind) else {
        return;
    };
    if let Some(pk) = we
        .identifier("pk")
        .and_then(|f| super::graph::literal(Some(&f.value)))
    {
        facts.objects.push(hasher.hash_one(("pk", pk.as_ref())));
    }
    if !ident.is_empty() {
        if let Some(key) = super::graph::literal(we.value(ident)) {
            facts.objects.push(hasher.hash_one((kind, key.as_ref())));
        }
    }
    if matches!(we.kind, ModelKind::Stage | ModelKind::Policy) {
        if let Some(name) = we.field("name").and_then(|f| f.value.as_str()) {
            facts
                .names
                .push(hasher.hash_one((we.kind == ModelKind::Stage, name)));
        }
    }
}

/// A UUID as authentik writes one (with or without dashes).
pub fn is_uuid(text: &str) -> bool {
    let mut groups = 0;
    let dashed = text.split('-').zip([8, 4, 4, 4, 12]).all(|(g, l)| {
        groups += 1;
        g.len() == l && g.bytes().all(|b| b.is_ascii_hexdigit())
    });
    (dashed && groups == 5 && text.len() == 36)
        || (text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The link key of a raw pk.
pub(crate) fn pk_hash(pk: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one(("raw pk", pk))
}

/// The UUID `pk` an entry declares, and the UUID-shaped strings anywhere else in its
/// identifiers and attrs (a superset of FL413's references: an extra link is harmless).
fn pk_facts(we: &super::WorldEntry<'_, '_>, facts: &mut LinkFacts) {
    let mut stack = Vec::new();
    for section in [we.entry.identifiers, we.entry.attrs].into_iter().flatten() {
        for pair in section.value.as_map().unwrap_or(&[]) {
            if pair.key.as_str() == Some("pk") {
                if let Some(pk) = pair.value.as_str().filter(|pk| is_uuid(pk)) {
                    facts.pks.push(pk_hash(pk));
                }
                continue;
            }
            stack.push(&pair.value);
        }
    }
    while let Some(node) = stack.pop() {
        match node.as_str() {
            Some(text) if is_uuid(text) => facts.pk_refs.push(pk_hash(text)),
            _ => node.push_children(&mut stack),
        }
    }
}

fn is_find(node: &Node) -> bool {
    matches!(
        node.tag_name().and_then(TagKind::from_name),
        Some(TagKind::Find | TagKind::FindObject)
    )
}

/// Whether a `!Find` appears anywhere in `node`.
fn holds_find(node: &Node) -> bool {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if is_find(node) {
            return true;
        }
        node.push_children(&mut stack);
    }
    false
}

/// Whether a `!Find` sits in the arguments of another kind of tag: its result (an
/// object or nothing) can then turn into a literal (`!If [!Find [...], a, b]`). A
/// `!Find` as a field's value, a list item or another `!Find`'s argument never
/// becomes a literal the world indexes.
fn find_feeds_tag(node: &Node) -> bool {
    let mut stack = vec![(node, false)];
    let mut children = Vec::new();
    while let Some((node, under_tag)) = stack.pop() {
        let find = is_find(node);
        if find && under_tag {
            return true;
        }
        let under = under_tag || (node.is_custom_tagged() && !find);
        node.push_children(&mut children);
        stack.extend(children.drain(..).map(|child| (child, under)));
    }
    false
}
