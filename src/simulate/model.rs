//! The simulator's own object model: every object the blueprints declare, merged the
//! way authentik's importer would (same model and identifiers = same object), with
//! references resolved to object indices.
//!
//! This is deliberately independent of `crate::world`: [`ObjectSet::from_blueprints`]
//! is the only constructor, and everything else reads [`Obj`]s, so a world index can
//! feed the simulator later by building the same set.

use std::collections::HashMap;

use uuid::Uuid;

mod obj;
mod resolve;

pub use obj::Obj;
use obj::ref_index;
use resolve::{ObjFinder, resolve_raw_pks, resolve_refs};

use crate::catalog::{ModelKind, Release};
use crate::eval::{Context, ContextValue, EvalEnv, Evaluator, FindResolver, Value};
use crate::model::{Blueprint, EntryState};

/// Namespace of every UUIDv5 flowlint derives.
pub fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://flowlint.invalid/simulate")
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
