//! Entries of the world with their evaluated fields and condition status.

use foldhash::{HashMap, HashMapExt};

use super::{EntryIdx, World};
use crate::catalog::{FieldSpec, ModelKind, ModelSpec};
use crate::check::Settings;
use crate::eval::{EvalEnv, Evaluator, FindResolver, Value};
use crate::model::{Entry, EntryState};
use crate::source::FileId;
use crate::yaml::{Node, Pair};

/// The entries of one blueprint with one `id`, in processing order. Nearly every id
/// is written once: that entry is kept inline, without an allocation per id. (A graph
/// node's entries too: most objects are declared once.)
#[derive(Clone)]
pub enum IdEntries {
    One(EntryIdx),
    Many(Vec<EntryIdx>),
}

impl IdEntries {
    pub(super) fn push(&mut self, idx: EntryIdx) {
        match self {
            IdEntries::One(first) => *self = IdEntries::Many(vec![*first, idx]),
            IdEntries::Many(all) => all.push(idx),
        }
    }
}

/// As the list it is (`[3]`, `[0, 23, 31]`), however it is held.
impl std::fmt::Debug for IdEntries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl std::ops::Deref for IdEntries {
    type Target = [EntryIdx];

    fn deref(&self) -> &[EntryIdx] {
        match self {
            IdEntries::One(idx) => std::slice::from_ref(idx),
            IdEntries::Many(all) => all,
        }
    }
}

/// Whether authentik processes an entry, from its `conditions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryStatus {
    /// No conditions, or all statically true.
    Processed,
    /// At least one condition is statically false: authentik skips the entry.
    Skipped,
    /// Some condition depends on the server (environment, database, context).
    MaybeSkipped,
}

/// One attribute of an entry, from `identifiers` or `attrs`, evaluated. Which of the
/// two is its place in its entry's list (identifiers first): 48 bytes, not 56, for
/// every field a check keeps.
#[derive(Clone, Debug)]
pub struct FieldValue<'a> {
    /// Its name is its key's text (kept only when the key is a string): not stored,
    /// as every entry's fields are kept with its tree.
    pub pair: &'a Pair,
    /// The catalog's field of that name on the entry's model, looked up once.
    pub spec: Option<&'static FieldSpec>,
    pub value: Value<'a>,
}

impl<'a> FieldValue<'a> {
    /// The field's name: its key.
    pub fn name(&self) -> &'a str {
        self.pair.key.as_str().unwrap_or_default()
    }
}

/// One entry of one blueprint, as the world sees it.
#[derive(Debug)]
pub struct WorldEntry<'r, 'a> {
    /// Index of the blueprint in [`World::blueprints`].
    pub bp: usize,
    pub file: FileId,
    pub entry: &'r Entry<'a>,
    pub model: Option<&'static ModelSpec>,
    pub kind: ModelKind,
    /// The state (`present` when left out); `None` when it is a tag whose value
    /// flowlint cannot know.
    pub state: Option<EntryState>,
    pub status: EntryStatus,
    /// Evaluating the fields reached a `!Find`: they are evaluated again once the
    /// world's objects are indexed.
    reached_find: bool,
    /// Its fields and its `!KeyOf` and `!Find` nodes (found while its tree was at
    /// hand): one pointer, not three slices, as a group's world holds every entry.
    evaluation: Evaluated<'r, 'a>,
}

/// An entry's evaluation as a world holds it.
#[derive(Debug)]
enum Evaluated<'r, 'a> {
    /// The check's, kept with the file's tree.
    Kept(&'r EntryEvaluation<'a>),
    /// Made by this world: no kept one, or its `!Find` fields resolved in it.
    Own(Box<EntryEvaluation<'a>>),
}

impl<'a> Evaluated<'_, 'a> {
    fn get(&self) -> &EntryEvaluation<'a> {
        match self {
            Evaluated::Kept(evaluation) => evaluation,
            Evaluated::Own(evaluation) => evaluation,
        }
    }
}

/// An entry's condition status and fields, evaluated once: the check driver shares
/// them between the field rules and the world ([`super::World::build_evaluated`]).
#[derive(Clone, Debug)]
pub struct EntryEvaluation<'a> {
    pub status: EntryStatus,
    /// The state, a tag's included when it resolves to a known state (`None`: unknown).
    pub state: Option<EntryState>,
    /// Boxed slices, not vectors (as the node lists): a check keeps every entry's
    /// evaluation for its group's world, at its exact size.
    pub fields: Box<[FieldValue<'a>]>,
    /// How many of `fields` (the first ones) are identifiers.
    identifiers: u32,
    pub reached_find: bool,
    keyof_nodes: Box<[&'a Node]>,
    find_nodes: Box<[(&'a Node, Option<&'a str>)]>,
}

impl<'a> EntryEvaluation<'a> {
    /// The fields written under `identifiers` (the first ones).
    pub fn identifier_fields(&self) -> &[FieldValue<'a>] {
        self.fields
            .get(..self.identifiers as usize)
            .unwrap_or(&self.fields)
    }
}

/// Evaluate an entry's conditions and fields (identifiers first, then attrs).
pub fn evaluate_entry<'a>(entry: &Entry<'a>, ev: &mut Evaluator<'_, 'a>) -> EntryEvaluation<'a> {
    let status = condition_status(entry, ev);
    let state = match entry.state {
        Some(pair) if pair.value.is_custom_tagged() => {
            ev.eval(&pair.value).as_str().and_then(EntryState::parse)
        }
        _ => entry.literal_state(),
    };
    // A `!Find` in the conditions or the state is not re-evaluated: only the fields are.
    ev.take_reached_find();
    let (fields, identifiers) = eval_fields(entry, ev);
    EntryEvaluation {
        status,
        state,
        fields: fields.into_boxed_slice(),
        identifiers,
        reached_find: ev.take_reached_find(),
        keyof_nodes: super::keyof::keyof_nodes(entry).into_boxed_slice(),
        find_nodes: super::find_sites::find_nodes(entry).into_boxed_slice(),
    }
}

impl<'a> WorldEntry<'_, 'a> {
    /// Identifiers first, then attrs: the entry's evaluation's, or this world's once
    /// a `!Find` among them was resolved in it.
    pub fn fields(&self) -> &[FieldValue<'a>] {
        &self.evaluation.get().fields
    }

    /// Its `!KeyOf` nodes.
    pub(super) fn keyof_nodes(&self) -> &[&'a Node] {
        &self.evaluation.get().keyof_nodes
    }

    /// Its `!Find` nodes, with the field each is the value of.
    pub(super) fn find_nodes(&self) -> &[(&'a Node, Option<&'a str>)] {
        &self.evaluation.get().find_nodes
    }

    /// Its fields evaluated again (in this world): owned from now on.
    fn set_fields(&mut self, (fields, identifiers): (Vec<FieldValue<'a>>, u32)) {
        let fields = fields.into_boxed_slice();
        match &mut self.evaluation {
            Evaluated::Own(evaluation) => {
                evaluation.fields = fields;
                evaluation.identifiers = identifiers;
            }
            Evaluated::Kept(kept) => {
                self.evaluation = Evaluated::Own(Box::new(EntryEvaluation {
                    fields,
                    identifiers,
                    ..EntryEvaluation::clone(kept)
                }));
            }
        }
    }

    /// The fields written under `identifiers` (the first ones).
    pub fn identifier_fields(&self) -> &[FieldValue<'a>] {
        self.evaluation.get().identifier_fields()
    }

    /// The field as the serializer sees it: identifiers win over attrs.
    pub fn field(&self, name: &str) -> Option<&FieldValue<'a>> {
        let identifiers = self.identifier_fields().len();
        self.fields()
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, f)| f.name() == name)
            .max_by_key(|&(at, _)| at < identifiers)
            .map(|(_, f)| f)
    }

    pub fn value(&self, name: &str) -> Option<&Value<'a>> {
        self.field(name).map(|f| &f.value)
    }

    /// A field's literal string value.
    pub fn str_value(&self, name: &str) -> Option<&str> {
        self.value(name).and_then(Value::as_str)
    }

    /// A boolean field, with `default` when it is not set; `None` when unknown.
    /// A boolean attribute as DRF stores it (`"false"` and `0` are false): `default`
    /// when the entry leaves it out, `None` when it cannot be known or is invalid.
    pub fn bool_value(&self, name: &str, default: bool) -> Option<bool> {
        match self.value(name) {
            None => Some(default),
            Some(value) => value.drf_bool(),
        }
    }

    pub fn identifier(&self, name: &str) -> Option<&FieldValue<'a>> {
        self.identifier_fields()
            .iter()
            .rev()
            .find(|f| f.name() == name)
    }

    /// Whether applying the entry can leave an instance (for `!KeyOf`, `!Find`, graph).
    pub fn has_instance(&self) -> bool {
        self.status != EntryStatus::Skipped && self.state != Some(EntryState::Absent)
    }

    /// Whether the entry is processed for certain (not skipped, not absent).
    pub fn surely_present(&self) -> bool {
        self.status == EntryStatus::Processed
            && !matches!(self.state, Some(EntryState::Absent) | None)
    }

    /// The lower-case model id (`authentik_flows.flow`) when the model is known.
    pub fn model_id(&self) -> Option<&'static str> {
        self.model.map(|m| m.id.as_str())
    }

    /// Where to point for the entry as a whole: its `model` value.
    pub fn span(&self) -> crate::source::Span {
        self.entry
            .model
            .map_or(self.entry.node.span, |p| p.value.span)
    }

    /// A short name for messages: slug, name, or the model.
    pub fn describe(&self) -> String {
        let model = self.model.map_or("entry", |m| m.model_name.as_str());
        for key in ["slug", "name", "username", "field_key"] {
            if let Some(v) = self.str_value(key) {
                return format!("{model} `{v}`");
            }
        }
        match self.entry.id_str() {
            Some(id) => format!("{model} (id `{id}`)"),
            None => model.to_string(),
        }
    }
}

pub(super) fn evaluator<'e, 'a>(
    world_bp: &super::BlueprintRef<'e, 'a>,
    settings: &'e Settings,
    finder: Option<&'e dyn FindResolver>,
) -> Evaluator<'e, 'a> {
    Evaluator::new(EvalEnv {
        context: world_bp.2,
        env: &settings.env,
        finder,
        files: None,
    })
}

/// The fields, identifiers first, and how many are identifiers.
fn eval_fields<'a>(entry: &Entry<'a>, ev: &mut Evaluator<'_, 'a>) -> (Vec<FieldValue<'a>>, u32) {
    let pairs = |section: Option<&'a Pair>| {
        section
            .and_then(|p| p.value.as_map())
            .map_or(0, <[Pair]>::len)
    };
    let mut fields = Vec::with_capacity(pairs(entry.identifiers) + pairs(entry.attrs));
    let mut identifiers = 0;
    for (identifier, section) in [(true, entry.identifiers), (false, entry.attrs)] {
        if !identifier {
            // A blueprint is far smaller than 4 G fields.
            identifiers = u32::try_from(fields.len()).unwrap_or(u32::MAX);
        }
        let Some(pairs) = section.and_then(|p| p.value.as_map()) else {
            continue;
        };
        for pair in pairs.iter().filter(|p| !p.overridden) {
            let Some(name) = pair.key.as_str() else {
                continue;
            };
            fields.push(FieldValue {
                pair,
                spec: entry.spec.and_then(|model| model.field(name)),
                value: ev.eval(&pair.value),
            });
        }
    }
    (fields, identifiers)
}

fn condition_status<'a>(entry: &Entry<'a>, ev: &mut Evaluator<'_, 'a>) -> EntryStatus {
    let Some(pair) = entry.conditions else {
        return EntryStatus::Processed;
    };
    let items: Vec<Option<bool>> = match ev.eval(&pair.value) {
        Value::Seq(items) => items.iter().map(Value::truthy).collect(),
        Value::Null => Vec::new(),
        _ => return EntryStatus::MaybeSkipped,
    };
    if items.contains(&Some(false)) {
        EntryStatus::Skipped
    } else if items.iter().all(Option::is_some) {
        EntryStatus::Processed
    } else {
        EntryStatus::MaybeSkipped
    }
}

/// Index the entries of every blueprint; `evaluated` (per blueprint, per entry) are
/// their evaluations when the caller made them already: the world borrows them.
pub(super) fn collect<'r, 'a>(
    world: &mut World<'r, 'a>,
    settings: &Settings,
    evaluated: Option<Vec<&'r [EntryEvaluation<'a>]>>,
) {
    use rayon::prelude::*;
    let blueprints = &world.blueprints;
    // Each blueprint's first index is known up front, so blueprints are evaluated in
    // parallel and concatenated in order: the same entries and indexes as one pass.
    let mut first = Vec::with_capacity(blueprints.len());
    let mut total = world.entries.len();
    for (_, blueprint, _) in blueprints {
        first.push(total);
        total += blueprint.entries.len();
    }
    // One list of evaluations per blueprint (or `None`: evaluate here).
    let evaluated: Vec<Option<&'r [EntryEvaluation<'a>]>> = match evaluated {
        Some(lists) if lists.len() == blueprints.len() => lists.into_iter().map(Some).collect(),
        _ => blueprints.iter().map(|_| None).collect(),
    };
    let per_blueprint: Vec<_> = blueprints
        .par_iter()
        .zip(evaluated.into_par_iter())
        .enumerate()
        .map(|(bp, (item, given))| {
            let &(file, blueprint, _) = item;
            let mut entries = Vec::with_capacity(blueprint.entries.len());
            let mut ids: HashMap<&str, IdEntries> = HashMap::with_capacity(blueprint.entries.len());
            let mut ev = evaluator(item, settings, None);
            let mut given = given
                .filter(|list| list.len() == blueprint.entries.len())
                .map(|list| list.iter());
            for entry in &blueprint.entries {
                let model = entry.spec;
                let idx = first[bp] + entries.len();
                if let Some(id) = entry.id_str() {
                    ids.entry(id)
                        .and_modify(|entries| entries.push(idx))
                        .or_insert(IdEntries::One(idx));
                }
                let evaluation = match given.as_mut().and_then(Iterator::next) {
                    Some(kept) => Evaluated::Kept(kept),
                    None => Evaluated::Own(Box::new(evaluate_entry(entry, &mut ev))),
                };
                let (state, status, reached_find) = {
                    let e = evaluation.get();
                    (e.state, e.status, e.reached_find)
                };
                entries.push(WorldEntry {
                    bp,
                    file,
                    entry,
                    model,
                    kind: model.map_or(ModelKind::Other, |m| m.kind),
                    state,
                    status,
                    reached_find,
                    evaluation,
                });
            }
            (entries, ids)
        })
        .collect();
    world.entries.reserve(total - world.entries.len());
    for (entries, ids) in per_blueprint {
        world.first_entry.push(world.entries.len());
        world.entries.extend(entries);
        world.ids.push(ids);
    }
}

/// Re-evaluate the fields that hold `!Find` now that the world's objects are known.
pub(super) fn resolve_finds(world: &mut World<'_, '_>, settings: &Settings) {
    use rayon::prelude::*;
    let shared: &World<'_, '_> = world;
    let updates: Vec<_> = shared
        .entries
        .par_iter()
        .enumerate()
        .filter_map(|(idx, we)| {
            if !we.reached_find {
                return None;
            }
            let finder: &dyn FindResolver = shared;
            let mut ev = evaluator(&shared.blueprints[we.bp], settings, Some(finder));
            Some((idx, eval_fields(we.entry, &mut ev)))
        })
        .collect();
    for (idx, fields) in updates {
        world.entries[idx].set_fields(fields);
    }
}
