//! References inside object values: `!KeyOf`, `!Find` results and raw pks become
//! `#<object index>` once every object is known.

use std::borrow::Cow;
use std::collections::HashMap;

use uuid::Uuid;

use super::obj::{FOUND, Obj, REF, SEP};
use crate::catalog::Release;
use crate::eval::{FindResolver, Value};

/// Replace `!KeyOf id` (file-local) and `!Find` results (`@model` + identity) by
/// `#index`; what does not resolve becomes unknown.
pub(super) fn resolve_refs(
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
pub(super) fn resolve_raw_pks(value: &mut Value<'_>, by_pk: &HashMap<Uuid, usize>) {
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

/// `!Find` over the objects of pass 1: exactly one live match of the model (or, for
/// a base model, of its subclasses) whose fields equal every condition.
pub(super) struct ObjFinder<'o> {
    pub(super) release: &'static Release,
    pub(super) objects: &'o [Obj],
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
        // A concrete base model (`authentik_flows.stage`) finds its subclasses' objects.
        let query = self.release.model(model)?;
        let covers = |o: &Obj| {
            o.model == query.id
                || (query.base_query.is_some()
                    && self
                        .release
                        .model(&o.model)
                        .is_some_and(|m| query.lookup_covers(m)))
        };
        let mut found = self.objects.iter().enumerate().filter(|(_, o)| {
            covers(o)
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

#[cfg(test)]
mod tests {
    use crate::model::Blueprint;
    use crate::simulate::{BuildInputs, ObjectSet};

    /// `!Find [authentik_flows.stage, ...]` finds a deny stage the blueprint declares,
    /// as authentik's `apps.get_model()` on the concrete base model does.
    #[test]
    fn a_find_of_a_base_model_finds_a_subclass_object() {
        let text = "version: 1\nentries:\n\
            - model: authentik_stages_deny.denystage\n  identifiers: {name: no-entry}\n\
            - model: authentik_flows.flow\n  id: flow\n  identifiers: {slug: f}\n  attrs: {name: f, title: f, designation: authentication}\n\
            - model: authentik_flows.flowstagebinding\n  identifiers:\n    target: !KeyOf flow\n    stage: !Find [authentik_flows.stage, [name, no-entry]]\n    order: 10\n";
        let tree = crate::yaml::load(text).root.expect("parses");
        let blueprint = Blueprint::from_root(&tree, crate::catalog::newest()).expect("a mapping");
        let set = ObjectSet::from_blueprints(&[&blueprint], &BuildInputs::default());
        let stage = set
            .objects
            .iter()
            .position(|o| o.model == "authentik_stages_deny.denystage")
            .expect("the stage is an object");
        let binding = set
            .objects
            .iter()
            .find(|o| o.model == "authentik_flows.flowstagebinding")
            .expect("the binding is an object");
        assert_eq!(binding.reference("stage"), Some(stage));
    }
}
