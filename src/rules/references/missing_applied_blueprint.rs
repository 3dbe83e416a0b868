use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::world::WorldCx;

declare_rule! {
    /// ## What it does
    /// Checks that every `authentik_blueprints.metaapplyblueprint` entry whose
    /// `required` is not `false` names (by `identifiers.name` or `identifiers.path`) a
    /// blueprint of the world or one that authentik's discovery applies on every
    /// install (the shipped `default/` and `system/` blueprints of the release checked,
    /// by `metadata.name` or path). With `required: false` a missing blueprint is a
    /// documented no-op, so it is not reported.
    ///
    /// ## Why is this bad?
    /// When no blueprint instance matches, a required apply fails the entry with
    /// `Required blueprint does not exist` and the whole blueprint fails. The target
    /// may still exist on the server (shipped by authentik or added elsewhere), so
    /// this is a warning: check the name, or lint the blueprints together.
    ///
    /// ## Severity
    /// Warning: a required apply of a missing blueprint fails the entry, but the
    /// blueprint may exist on the server (shipped by authentik, or added elsewhere),
    /// which flowlint cannot see.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_blueprints.metaapplyblueprint
    ///   attrs:
    ///     identifiers:
    ///       name: Default - Pasword change flow
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_blueprints.metaapplyblueprint
    ///   attrs:
    ///     identifiers:
    ///       name: Default - Password change flow
    /// ```
    pub static MISSING_APPLIED_BLUEPRINT = {
        code: "FL404",
        name: "missing-applied-blueprint",
        family: References,
        severity: Warning,
        summary: "`metaapplyblueprint` names a blueprint the world lacks",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    for we in &world.entries {
        if !we.model.is_some_and(|m| m.applies_blueprint()) || !we.has_instance() {
            continue;
        }
        if we.value("required") == Some(&Value::Bool(false)) {
            continue;
        }
        let Some(field) = we.field("identifiers") else {
            continue;
        };
        if !field.value.is_fully_known()
            || world.blueprint_named(&field.value).is_some()
            || baseline_keys(&field.value)
                .is_some_and(|keys| world.baseline.may_have_blueprint(&keys))
        {
            continue;
        }
        let what = match (field.value.get("name"), field.value.get("path")) {
            (Some(v), _) => format!("name `{}`", v.python_str().unwrap_or_default()),
            (None, Some(v)) => format!("path `{}`", v.python_str().unwrap_or_default()),
            _ => continue,
        };
        let mut names = world.blueprint_labels();
        names.extend(world.baseline.blueprint_names().map(str::to_string));
        names.sort();
        names.dedup();
        let wanted = field
            .value
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("");
        let help = match crate::rules::suggest::did_you_mean(wanted, names.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`? Or lint the blueprint together with the one it applies"),
            None => "lint it together with the blueprint it applies, or set `required: false` if it is optional".to_string(),
        };
        sink.report_in(
            &MISSING_APPLIED_BLUEPRINT,
            we.file,
            field.pair.value.span,
            format!(
                "neither the world's blueprints nor those a fresh install applies have {what}; unless the server has it, authentik fails this blueprint with \"Required blueprint does not exist\""
            ),
        )
        .label("applies a blueprint neither the world nor a fresh install has")
        .help(help);
    }
}

/// The identifiers of an apply as the baseline compares them (`None`: a key or value
/// that is no string, which no recorded instance can match).
fn baseline_keys<'v>(identifiers: &'v Value<'_>) -> Option<Vec<(&'v str, String)>> {
    let Value::Map(pairs) = identifiers else {
        return None;
    };
    pairs
        .iter()
        .map(|(key, value)| {
            let (key, value) = (key.as_str()?, value.as_str()?);
            let value = if key == "path" {
                value.trim_start_matches("./")
            } else {
                value
            };
            Some((key, value.to_string()))
        })
        .collect()
}
