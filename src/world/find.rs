//! `!Find`/`!FindObject` against the objects the world declares.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::borrow::Cow;

use super::{EntryIdx, World};
use crate::eval::{FindResolver, Value};

/// Marks a `Value::KeyOf` that the world resolved to an entry (not a YAML id: YAML
/// scalars cannot hold this control character).
const REF_PREFIX: &str = "\u{1}world-entry:";

pub(super) fn encode_ref(idx: EntryIdx) -> String {
    format!("{REF_PREFIX}{idx}")
}

pub(super) fn decode_ref(text: &str) -> Option<EntryIdx> {
    text.strip_prefix(REF_PREFIX)?.parse().ok()
}

/// A value as a lookup key, for literal scalars only.
pub(super) fn value_key(value: &Value<'_>) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::BigInt(s) => Some(s.to_string()),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
        _ => None,
    }
}

/// Whether [`value_key`] has a key for the value (without building it).
fn is_literal_key(value: &Value<'_>) -> bool {
    matches!(
        value,
        Value::Str(_) | Value::Int(_) | Value::BigInt(_) | Value::Bool(_)
    )
}

/// [`value_key`] borrowing the text where the value does (no copy per indexed field).
pub(super) fn value_key_ref<'a>(value: &Value<'a>) -> Option<Cow<'a, str>> {
    match value {
        Value::Str(Cow::Borrowed(s)) => Some(Cow::Borrowed(s)),
        other => value_key(other).map(Cow::Owned),
    }
}

/// What a `!Find` finds in the world.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindOutcome {
    /// The first entry (in world order) declaring a matching object.
    Found(EntryIdx),
    /// No declared object matches, but the install baseline has one (the `n`th of
    /// [`crate::baseline::Baseline::objects`]): a default flow, the self-signed
    /// certificate, a scope mapping, ...
    Existing(usize),
    /// No declared object can match: authentik stores null unless the object
    /// exists on the server some other way.
    NotFound,
    /// Depends on values flowlint cannot know (tags, lookups, unknown models).
    Unknown,
}

use super::links::object_hash;

/// `(hash(model, field, value), entry)` of every literal field of a declaring entry.
type ObjectHashes = Vec<(u64, u32)>;
/// `(model, field)` set to a value flowlint cannot know; `(model, "")` for opaque entries.
type UnknownFields<'a> = HashSet<(&'static str, &'a str)>;

/// The `(model, field)` pairs the world's `!Find`s look objects up by first: a
/// literal model and a literal first field. Only those fields are hashed; a lookup by
/// any other field (a dynamic or nested `!Find`) scans the model's entries instead.
fn queried_fields<'a>(world: &World<'_, 'a>) -> HashSet<(&'static str, &'a str)> {
    use rayon::prelude::*;
    world
        .entries
        .par_iter()
        .flat_map_iter(|we| we.find_nodes().iter())
        .filter_map(|&(node, _)| {
            let items = node.as_seq()?;
            let model = items.first()?.as_str()?;
            let id = world.release.model(model)?.id.as_str();
            let field = items.get(1)?.as_seq()?.first()?.as_str()?;
            Some((id, field))
        })
        .collect()
}

pub(super) fn index_objects(world: &mut World<'_, '_>) {
    use rayon::prelude::*;
    let declaring = |we: &super::WorldEntry<'_, '_>| {
        we.model
            .filter(|m| !m.is_meta)
            .filter(|_| we.has_instance())
    };
    let queried = queried_fields(world);
    // One parallel pass over every field: the hash of each literal one, and the
    // (model, field) pairs some entry sets to a value flowlint cannot know.
    let (mut objects, unknown): (ObjectHashes, UnknownFields<'_>) = world
        .entries
        .par_iter()
        .enumerate()
        .filter_map(|(idx, we)| Some((u32::try_from(idx).ok()?, we, declaring(we)?)))
        .fold(
            || (Vec::new(), HashSet::default()),
            |(mut objects, mut unknown), (entry, we, model)| {
                let id = model.id.as_str();
                for field in we.fields().iter() {
                    if !is_literal_key(&field.value) {
                        unknown.insert((id, field.name()));
                    } else if queried.contains(&(id, field.name())) {
                        if let Some(key) = value_key_ref(&field.value) {
                            objects.push((object_hash(id, field.name(), &key), entry));
                        }
                    }
                }
                // An entry whose identifiers or attrs are a tag may declare anything.
                let opaque = [we.entry.identifiers, we.entry.attrs]
                    .into_iter()
                    .flatten()
                    .any(|p| p.value.as_map().is_none());
                if opaque {
                    unknown.insert((id, ""));
                }
                (objects, unknown)
            },
        )
        .reduce(
            || (Vec::new(), HashSet::default()),
            |(mut objects, mut unknown), (more_objects, more_unknown)| {
                objects.extend(more_objects);
                unknown.extend(more_unknown);
                (objects, unknown)
            },
        );
    // By hash, then in world order; an entry declaring the same value twice once.
    objects.par_sort_unstable();
    objects.dedup();
    let mut by_model: HashMap<&'static str, Vec<EntryIdx>> = HashMap::new();
    let mut pks: HashMap<String, EntryIdx> = HashMap::new();
    for (idx, we) in world.entries.iter().enumerate() {
        if let Some(model) = declaring(we) {
            by_model.entry(model.id.as_str()).or_default().push(idx);
            if let Some(pk) = we.identifier("pk").and_then(|f| value_key(&f.value)) {
                pks.entry(pk).or_insert(idx);
            }
        }
    }
    world.pks = pks;
    world.objects = objects;
    world.indexed_fields = queried;
    world.by_model = by_model;
    world.unknown_fields = unknown;
}

/// The model and the `(field, literal value)` conditions of a `!Find` the world can
/// answer; `None` when its outcome does not depend on the world (unknown or meta
/// model, a lookup across relations, an unknown field, a value flowlint cannot know).
pub(super) fn literal_lookup<'c>(
    release: &'static crate::catalog::Release,
    model: &str,
    conditions: &'c [(Value<'_>, Value<'_>)],
) -> Option<(&'static crate::catalog::ModelSpec, Vec<(&'c str, String)>)> {
    // A base model (`authentik_core.provider`) matches objects of every subclass:
    // its outcome is not worked out here.
    let spec = release.model(model).filter(|m| !m.is_meta && m.entry)?;
    let mut keys = Vec::with_capacity(conditions.len());
    for (field, value) in conditions {
        let field = field.as_str()?;
        if field.contains("__") || (field != "pk" && spec.field(field).is_none()) {
            return None;
        }
        keys.push((field, value_key(value)?));
    }
    Some((spec, keys))
}

impl World<'_, '_> {
    /// Which declared object `!Find [model, [field, value], ...]` returns.
    pub fn find_outcome(&self, model: &str, conditions: &[(Value<'_>, Value<'_>)]) -> FindOutcome {
        let Some((spec, keys)) = literal_lookup(self.release, model, conditions) else {
            return FindOutcome::Unknown;
        };
        let id = spec.id.as_str();
        if self.unknown_fields.contains(&(id, "")) {
            return FindOutcome::Unknown;
        }
        let Some((first_field, first_key)) = keys.first() else {
            return self
                .by_model
                .get(id)
                .and_then(|l| l.first())
                .map_or(FindOutcome::Unknown, |i| FindOutcome::Found(*i));
        };
        let mut maybe = keys
            .iter()
            .any(|(f, _)| self.unknown_fields.contains(&(id, *f)));
        // Indexed fields: the entries whose hash matches; others: every entry declaring
        // the model. Both in world order.
        let (hashed, scanned): (&[(u64, u32)], &[EntryIdx]) =
            if self.indexed_fields.contains(&(id, *first_field)) {
                let hash = object_hash(id, first_field, first_key);
                let from = self.objects.partition_point(|(h, _)| *h < hash);
                let to = from + self.objects[from..].partition_point(|(h, _)| *h == hash);
                (&self.objects[from..to], &[])
            } else {
                (&[], self.by_model.get(id).map_or(&[], Vec::as_slice))
            };
        let candidates = hashed
            .iter()
            .map(|(_, idx)| *idx as EntryIdx)
            .chain(scanned.iter().copied());
        for idx in candidates {
            let we = &self.entries[idx];
            // Hashes may collide: the entry must declare the value (in any section).
            let declares = we.fields().iter().any(|f| {
                f.name() == *first_field && value_key_ref(&f.value).as_deref() == Some(first_key)
            });
            if !declares {
                continue;
            }
            let mut all = true;
            for (field, key) in &keys[1..] {
                match we.value(field).map(value_key) {
                    Some(Some(k)) if k == *key => {}
                    Some(Some(_)) => {
                        all = false;
                        break;
                    }
                    // Not declared or not literal: the server value decides.
                    _ => {
                        maybe = true;
                        all = false;
                        break;
                    }
                }
            }
            if all {
                return FindOutcome::Found(idx);
            }
        }
        if maybe {
            return FindOutcome::Unknown;
        }
        match self.baseline.find(id, &keys) {
            crate::baseline::BaselineMatch::Found(n) => FindOutcome::Existing(n),
            crate::baseline::BaselineMatch::Unknown => FindOutcome::Unknown,
            crate::baseline::BaselineMatch::NotFound => FindOutcome::NotFound,
        }
    }
}

impl FindResolver for World<'_, '_> {
    fn find(
        &self,
        model: &str,
        conditions: &[(Value<'_>, Value<'_>)],
        object: bool,
    ) -> Option<Value<'static>> {
        match self.find_outcome(model, conditions) {
            FindOutcome::Found(idx) if !object => Some(Value::KeyOf(Cow::Owned(encode_ref(idx)))),
            _ => None,
        }
    }
}

impl World<'_, '_> {
    /// The value closest to `value` that objects of `model` hold in `field`, among the
    /// world's declared objects and the install baseline (did-you-mean for a `!Find`
    /// that matches nothing).
    pub fn suggest_value(&self, model: &str, field: &str, value: &str) -> Option<String> {
        let id = self.release.model(model)?.id.as_str();
        let declared: Vec<String> = self
            .by_model
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|idx| self.entries[*idx].value(field).and_then(value_key))
            .collect();
        let candidates = declared
            .iter()
            .map(String::as_str)
            .chain(self.baseline.values(id, field))
            .filter(|c| *c != value);
        crate::rules::suggest::did_you_mean(value, candidates).map(str::to_string)
    }
}
