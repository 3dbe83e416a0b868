//! The simulator's own object model: every object the blueprints declare, merged the
//! way authentik's importer would (same model and identifiers = same object), with
//! references resolved to object indices.
//!
//! This is deliberately independent of `crate::world`: [`ObjectSet::from_blueprints`]
//! is the only constructor, and everything else reads [`Obj`]s, so a world index can
//! feed the simulator later by building the same set.

use std::borrow::Cow;
use std::collections::HashMap;

use uuid::Uuid;

use crate::catalog::{ModelKind, Release};
use crate::eval::{Context, ContextValue, EvalEnv, Evaluator, FindResolver, Value};
use crate::model::{Blueprint, EntryState};

/// Namespace of every UUIDv5 flowlint derives.
pub fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://flowlint.invalid/simulate")
}

/// Prefix of a resolved reference inside a [`Value::KeyOf`]: `#<object index>`.
const REF: char = '#';
/// Prefix of a `!Find` result before resolution: `@<model>\u{1}<identity>`.
const FOUND: char = '@';
const SEP: char = '\u{1}';

/// One object as the blueprints leave it.
#[derive(Clone, Debug)]
pub struct Obj {
    /// Canonical model id (`app_label.modelname`).
    pub model: String,
    pub kind: ModelKind,
    /// `model{field=value,...}` over the sorted identifiers; references use the
    /// referenced object's identity. Stable across runs.
    pub identity: String,
    pub pk: Uuid,
    /// The `policybindingmodel_ptr_id` of flows and stage bindings.
    pub pbm: Uuid,
    /// Identifiers merged over attrs, later entries updating earlier ones.
    pub fields: Vec<(String, Value<'static>)>,
    /// Declared by an entry with `state: absent` last.
    pub removed: bool,
    /// Indices (in the order given) of the blueprints that declare the object.
    pub files: Vec<usize>,
}

impl Obj {
    pub fn get(&self, name: &str) -> Option<&Value<'static>> {
        self.fields
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    pub fn str_or<'s>(&'s self, name: &str, default: &'s str) -> &'s str {
        self.get(name).and_then(Value::as_str).unwrap_or(default)
    }

    /// A boolean field as DRF's `BooleanField` reads it (`"false"`, `"0"`, `off` are
    /// false); anything unknown or unreadable gives `default`.
    pub fn bool_or(&self, name: &str, default: bool) -> bool {
        self.get(name).and_then(Value::drf_bool).unwrap_or(default)
    }

    /// An integer field as DRF's `IntegerField` stores it (`"1_000"`, `10.0`).
    pub fn int(&self, name: &str) -> Option<i64> {
        crate::rules::values::drf_integer(self.get(name)?)
    }

    /// The object a reference field points at.
    pub fn reference(&self, name: &str) -> Option<usize> {
        ref_index(self.get(name)?)
    }

    /// The objects a list-of-references field points at, in order.
    pub fn references(&self, name: &str) -> Vec<usize> {
        match self.get(name) {
            Some(Value::Seq(items)) => items.iter().filter_map(ref_index).collect(),
            Some(v) => ref_index(v).into_iter().collect(),
            None => Vec::new(),
        }
    }

    pub fn name(&self) -> &str {
        self.str_or("name", "")
    }

    /// Every object any field refers to.
    pub fn all_references(&self) -> Vec<usize> {
        fn walk(value: &Value<'_>, out: &mut Vec<usize>) {
            match value {
                Value::Seq(items) => items.iter().for_each(|v| walk(v, out)),
                Value::Map(pairs) => pairs.iter().for_each(|(_, v)| walk(v, out)),
                other => out.extend(ref_index(other)),
            }
        }
        let mut out = Vec::new();
        for (_, v) in &self.fields {
            walk(v, &mut out);
        }
        out
    }
}

fn ref_index(value: &Value<'_>) -> Option<usize> {
    match value {
        Value::KeyOf(key) => key.strip_prefix(REF)?.parse().ok(),
        _ => None,
    }
}

/// Every object of the blueprints given, in first-declaration order.
#[derive(Debug)]
pub struct ObjectSet {
    /// The release the blueprints were read in (the newest when there are none).
    pub release: &'static Release,
    pub objects: Vec<Obj>,
    /// Literal `pk` identifiers (exports) → object, for references by raw pk.
    by_pk: HashMap<Uuid, usize>,
    /// The install baseline of the run (empty when switched off).
    pub baseline: crate::baseline::Baseline,
}

/// What evaluation of the blueprints may read besides the files.
#[derive(Debug, Default)]
pub struct BuildInputs {
    /// Values for `!Context` (like a blueprint instance's context), after the file's own.
    pub context: Vec<(String, Value<'static>)>,
    /// Values for `!Env`.
    pub env: HashMap<String, String>,
    /// What the server has besides the blueprints (its users and groups exist).
    pub baseline: crate::baseline::Baseline,
}

impl ObjectSet {
    /// Build from blueprints in processing order. Entries with an unknown model, a
    /// tag-valued state or statically false `conditions` are skipped (the linter
    /// reports the first two).
    pub fn from_blueprints(blueprints: &[&Blueprint<'_>], inputs: &BuildInputs) -> ObjectSet {
        // Pass 1 without `!Find` gives the objects `!Find` can match; pass 2 builds
        // afresh with a finder over them (so identities that use `!Find` resolve).
        let first = ObjectSet::build(blueprints, inputs, None);
        let finder = ObjFinder {
            release: first.release,
            objects: &first.objects,
        };
        ObjectSet::build(blueprints, inputs, Some(&finder))
    }

    fn build(
        blueprints: &[&Blueprint<'_>],
        inputs: &BuildInputs,
        finder: Option<&ObjFinder<'_>>,
    ) -> ObjectSet {
        let mut set = ObjectSet {
            release: blueprints
                .first()
                .map_or_else(crate::catalog::newest, |bp| bp.release),
            objects: Vec::new(),
            by_pk: HashMap::new(),
            baseline: inputs.baseline.clone(),
        };
        let mut by_identity: HashMap<(String, String), usize> = HashMap::new();
        for (file, bp) in blueprints.iter().enumerate() {
            set.add_blueprint(file, bp, inputs, finder, &mut by_identity);
        }
        set
    }

    fn add_blueprint(
        &mut self,
        file: usize,
        bp: &Blueprint<'_>,
        inputs: &BuildInputs,
        finder: Option<&ObjFinder<'_>>,
        by_identity: &mut HashMap<(String, String), usize>,
    ) {
        let mut ctx = Context::with_defaults(&Value::Unknown);
        if let Some(pair) = bp.context {
            ctx.merge_node(&pair.value);
        }
        for (k, v) in &inputs.context {
            ctx.set(k.clone(), ContextValue::Value(v.clone()));
        }
        let env = EvalEnv {
            context: &ctx,
            env: &inputs.env,
            finder: finder.map(|f| f as &dyn FindResolver),
            files: None,
        };
        let mut ev = Evaluator::new(env);
        let mut ids: HashMap<String, usize> = HashMap::new();
        for entry in &bp.entries {
            let Some(model) = entry.spec else {
                continue;
            };
            let Some(state) = entry.literal_state() else {
                continue;
            };
            if let Some(cond) = entry.conditions {
                let values = match ev.eval(&cond.value) {
                    Value::Seq(items) => items,
                    other => vec![other],
                };
                if values.iter().any(|v| v.truthy() == Some(false)) {
                    continue;
                }
            }
            let mut identifiers = match entry.identifiers.map(|p| ev.eval(&p.value)) {
                Some(Value::Map(pairs)) => pairs,
                _ => Vec::new(),
            };
            let mut attrs = match entry.attrs.map(|p| ev.eval(&p.value)) {
                Some(Value::Map(pairs)) => pairs,
                _ => Vec::new(),
            };
            for (k, v) in identifiers.iter_mut().chain(attrs.iter_mut()) {
                resolve_refs(v, &ids, by_identity);
                // Exports refer by raw pk; the importer maps a pk an earlier entry
                // declared to that object (`__pk_map`). The entry's own `pk` stays.
                if k.as_str() != Some("pk") {
                    resolve_raw_pks(v, &self.by_pk);
                }
            }
            let literal_pk = identifiers
                .iter()
                .find(|(k, _)| k.as_str() == Some("pk"))
                .and_then(|(_, v)| v.as_str())
                .and_then(|t| Uuid::parse_str(t).ok());
            let identity = self.identity(&model.id, &identifiers);
            let key = (model.id.clone(), identity.clone());
            let index = match by_identity.get(&key) {
                Some(i) => *i,
                None => {
                    let i = self.objects.len();
                    self.objects.push(new_obj(
                        model.id.clone(),
                        model.kind,
                        identity,
                        &identifiers,
                    ));
                    by_identity.insert(key, i);
                    if let Some(pk) = literal_pk {
                        self.by_pk.entry(pk).or_insert(i);
                    }
                    i
                }
            };
            if let Some(id) = entry.id_str() {
                ids.insert(id.to_owned(), index);
            }
            let obj = &mut self.objects[index];
            obj.removed = state == EntryState::Absent;
            if !obj.files.contains(&file) {
                obj.files.push(file);
            }
            for (k, v) in identifiers.into_iter().chain(attrs) {
                let Some(name) = k.as_str().map(str::to_owned) else {
                    continue;
                };
                obj.fields.retain(|(n, _)| *n != name);
                obj.fields.push((name, v.into_owned()));
            }
        }
    }

    fn identity(&self, model: &str, identifiers: &[(Value<'_>, Value<'_>)]) -> String {
        let mut parts: Vec<String> = identifiers
            .iter()
            .filter_map(|(k, v)| Some(format!("{}={}", k.as_str()?, self.render(v))))
            .collect();
        parts.sort();
        format!("{model}{{{}}}", parts.join(","))
    }

    fn render(&self, value: &Value<'_>) -> String {
        if let Some(i) = ref_index(value) {
            return self
                .objects
                .get(i)
                .map_or_else(String::new, |o| o.identity.clone());
        }
        match value {
            Value::Seq(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|v| self.render(v))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            other => other.python_str().unwrap_or_else(|| "?".to_owned()),
        }
    }

    /// Live (not removed) objects of a kind, with their indices.
    pub fn of_kind(&self, kind: ModelKind) -> impl Iterator<Item = (usize, &Obj)> {
        self.objects
            .iter()
            .enumerate()
            .filter(move |(_, o)| o.kind == kind && !o.removed)
    }

    /// A live object by index.
    pub fn live(&self, index: usize) -> Option<&Obj> {
        self.objects.get(index).filter(|o| !o.removed)
    }
}

fn new_obj(
    model: String,
    kind: ModelKind,
    identity: String,
    identifiers: &[(Value<'_>, Value<'_>)],
) -> Obj {
    let ns = namespace();
    let literal_pk = identifiers
        .iter()
        .find(|(k, _)| k.as_str() == Some("pk"))
        .and_then(|(_, v)| v.as_str())
        .and_then(|s| Uuid::parse_str(s).ok());
    let pk = literal_pk.unwrap_or_else(|| Uuid::new_v5(&ns, format!("pk:{identity}").as_bytes()));
    let pbm = Uuid::new_v5(&ns, format!("pbm:{identity}").as_bytes());
    Obj {
        model,
        kind,
        identity,
        pk,
        pbm,
        fields: Vec::new(),
        removed: false,
        files: Vec::new(),
    }
}

/// Replace `!KeyOf id` (file-local) and `!Find` results (`@model` + identity) by
/// `#index`; what does not resolve becomes unknown.
fn resolve_refs(
    value: &mut Value<'_>,
    ids: &HashMap<String, usize>,
    by_identity: &HashMap<(String, String), usize>,
) {
    match value {
        Value::KeyOf(key) if !key.starts_with(REF) => {
            let found = match key.strip_prefix(FOUND) {
                Some(rest) => rest
                    .split_once(SEP)
                    .and_then(|(m, id)| by_identity.get(&(m.to_owned(), id.to_owned())).copied()),
                None => ids.get(key.as_ref()).copied(),
            };
            *value = match found {
                Some(i) => Value::KeyOf(Cow::Owned(format!("{REF}{i}"))),
                None => Value::Unknown,
            };
        }
        Value::Seq(items) => items
            .iter_mut()
            .for_each(|v| resolve_refs(v, ids, by_identity)),
        Value::Map(pairs) => pairs
            .iter_mut()
            .for_each(|(_, v)| resolve_refs(v, ids, by_identity)),
        _ => {}
    }
}

/// A raw pk (`target: 812f...`) of an object declared earlier becomes its `#index`.
fn resolve_raw_pks(value: &mut Value<'_>, by_pk: &HashMap<Uuid, usize>) {
    match value {
        Value::Str(text) => {
            if let Some(i) = Uuid::parse_str(text).ok().and_then(|pk| by_pk.get(&pk)) {
                *value = Value::KeyOf(Cow::Owned(format!("{REF}{i}")));
            }
        }
        Value::Seq(items) => items.iter_mut().for_each(|v| resolve_raw_pks(v, by_pk)),
        _ => {}
    }
}

/// `!Find` over the objects of pass 1: exactly one live match of the model whose
/// fields equal every condition.
struct ObjFinder<'o> {
    release: &'static Release,
    objects: &'o [Obj],
}

impl FindResolver for ObjFinder<'_> {
    fn find(
        &self,
        model: &str,
        conditions: &[(Value<'_>, Value<'_>)],
        object: bool,
    ) -> Option<Value<'static>> {
        if object {
            return None;
        }
        let canonical = self.release.model(model)?.id.as_str();
        let mut found = self.objects.iter().enumerate().filter(|(_, o)| {
            o.model == canonical
                && !o.removed
                && conditions.iter().all(|(field, want)| {
                    let Some(field) = field.as_str() else {
                        return false;
                    };
                    match field {
                        "pk" => want
                            .as_str()
                            .is_some_and(|w| Uuid::parse_str(w).ok() == Some(o.pk)),
                        _ => o.get(field).is_some_and(|have| have == want),
                    }
                })
        });
        let (_, obj) = found.next()?;
        if found.next().is_some() {
            return None;
        }
        Some(Value::KeyOf(Cow::Owned(format!(
            "{FOUND}{}{SEP}{}",
            obj.model, obj.identity
        ))))
    }
}
