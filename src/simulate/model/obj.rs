//! [`Obj`]: one object as the blueprints leave it, and how references are written
//! inside its values while the set is built.

use uuid::Uuid;

use crate::catalog::ModelKind;
use crate::eval::Value;

/// Prefix of a resolved reference inside a [`Value::KeyOf`]: `#<object index>`.
pub(super) const REF: char = '#';
/// Prefix of a `!Find` result before resolution: `@<model>\u{1}<identity>`.
pub(super) const FOUND: char = '@';
pub(super) const SEP: char = '\u{1}';

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

pub(super) fn ref_index(value: &Value<'_>) -> Option<usize> {
    match value {
        Value::KeyOf(key) => key.strip_prefix(REF)?.parse().ok(),
        _ => None,
    }
}
