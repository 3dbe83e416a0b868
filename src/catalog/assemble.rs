//! Builds the [`Catalog`] from the generated `models.json` plus the overlay.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Catalog;
use super::overlay::{choices, defaults, fields, required, stages, supplement};
use super::spec::{FieldSpec, ModelKind, ModelOrigin, ModelSpec};

/// Top level of `models.json` (written by `scripts/gen_catalog.py`).
#[derive(Deserialize)]
struct GeneratedCatalog {
    generated_from: GeneratedFrom,
    models: BTreeMap<String, GeneratedModel>,
}

#[derive(Deserialize)]
struct GeneratedFrom {
    title: String,
    version: String,
}

#[derive(Deserialize)]
struct GeneratedModel {
    meta: bool,
    fields: Vec<FieldSpec>,
    permissions: Vec<String>,
}

/// Parse `models.json` and apply the overlay.
pub(super) fn build(models_json: &str) -> Result<Catalog, serde_json::Error> {
    let generated: GeneratedCatalog = serde_json::from_str(models_json)?;

    let mut models: Vec<ModelSpec> = generated
        .models
        .into_iter()
        .map(|(id, model)| {
            let mut spec = skeleton(&id, model.meta, ModelOrigin::Schema);
            spec.fields = model.fields;
            spec.permissions = model.permissions;
            spec
        })
        .collect();

    for extra in supplement::SUPPLEMENT_MODELS {
        // A regenerated schema that gains the model wins over the hand-written copy.
        if models.iter().any(|model| model.id == extra.id) {
            continue;
        }
        let mut spec = skeleton(extra.id, extra.is_meta, ModelOrigin::Supplement);
        spec.fields = extra.fields.iter().map(|field| field.to_spec()).collect();
        spec.permissions = supplement::default_permissions(&spec.model_name);
        spec.fields_exhaustive = false;
        models.push(spec);
    }

    for model in &mut models {
        apply_overlay(model);
        model.index_fields();
    }
    models.sort_by(|left, right| left.id.cmp(&right.id));

    let by_key = models
        .iter()
        .enumerate()
        .map(|(index, model)| (model.id.clone(), index))
        .collect::<foldhash::HashMap<_, _>>();

    Ok(Catalog {
        schema_title: generated.generated_from.title,
        schema_version: generated.generated_from.version,
        models,
        by_key,
    })
}

/// A model with identity, kind and stage/policy facts but no fields yet.
fn skeleton(id: &str, is_meta: bool, origin: ModelOrigin) -> ModelSpec {
    let (app_label, model_name) = id.split_once('.').unwrap_or((id, ""));
    let described = stages::described(id);
    let kind = classify(id, is_meta, described.is_some());
    let (verbose_name, verbose_name_plural) = match described {
        Some(entry) => (Some(entry.verbose_name), Some(entry.verbose_name_plural)),
        None => stages::OTHER_VERBOSE_NAMES
            .iter()
            .find(|(model, _, _)| *model == id)
            .map_or((None, None), |(_, singular, plural)| {
                (Some(*singular), Some(*plural))
            }),
    };
    ModelSpec {
        id: id.to_owned(),
        app_label: app_label.to_owned(),
        model_name: model_name.to_owned(),
        kind,
        is_meta,
        fields: Vec::new(),
        permissions: Vec::new(),
        required_on_create: Vec::new(),
        verbose_name,
        verbose_name_plural,
        component: described.map(|entry| entry.component),
        stage_role: described.and_then(|entry| entry.role),
        origin,
        fields_exhaustive: true,
        by_name: Vec::new(),
    }
}

fn classify(id: &str, is_meta: bool, described: bool) -> ModelKind {
    if is_meta {
        return ModelKind::Meta;
    }
    match id {
        "authentik_flows.flow" => ModelKind::Flow,
        "authentik_flows.flowstagebinding" => ModelKind::FlowStageBinding,
        "authentik_policies.policybinding" => ModelKind::PolicyBinding,
        "authentik_stages_prompt.prompt" => ModelKind::Prompt,
        "authentik_core.group" => ModelKind::Group,
        "authentik_core.user" => ModelKind::User,
        _ if described && stages::STAGES.iter().any(|stage| stage.id == id) => ModelKind::Stage,
        _ if described => ModelKind::Policy,
        _ => ModelKind::Other,
    }
}

fn apply_overlay(model: &mut ModelSpec) {
    let id = model.id.clone();

    let inherited_name = matches!(model.kind, ModelKind::Stage | ModelKind::Policy);
    model.required_on_create = inherited_name
        .then_some("name")
        .into_iter()
        .chain(required::required_on_create(&id).iter().copied())
        .collect();

    let inherited_defaults: &[(&str, defaults::Lit)] = match model.kind {
        ModelKind::Stage => defaults::STAGE_DEFAULTS,
        ModelKind::Policy => defaults::POLICY_DEFAULTS,
        _ => &[],
    };

    for field in &mut model.fields {
        let name = field.name.clone();
        field.secret = fields::is_secret(&name);
        field.reference = fields::reference(&id, &name);
        field.duration |= fields::is_extra_duration(&id, &name);
        field.default = defaults::default_for(&id, &name)
            .or_else(|| {
                inherited_defaults
                    .iter()
                    .find(|(inherited, _)| *inherited == name)
                    .map(|(_, value)| *value)
            })
            .map(defaults::Lit::to_value);
        if let Some(bounds) = fields::bounds(&id, &name) {
            apply_bounds(field, bounds);
        }
        add_choices(field, choices::extra_choices(&id, &name));
        if let Some(items) = field.items.as_deref_mut() {
            // Items repeat the list's name so messages about an element can name it.
            items.name.clone_from(&name);
        }
    }
}

/// Extend the field's choices (or its items' choices) with `extra`.
fn add_choices(field: &mut FieldSpec, extra: &[&str]) {
    let target = match field.items.as_deref_mut() {
        Some(items) if items.enum_values.is_some() => items,
        _ => field,
    };
    if let Some(values) = target.enum_values.as_mut() {
        for value in extra {
            if !values.iter().any(|known| known == value) {
                values.push((*value).to_owned());
            }
        }
    }
}

fn apply_bounds(field: &mut FieldSpec, bounds: fields::Bounds) {
    if bounds.minimum.is_some() {
        field.minimum = bounds.minimum;
    }
    if bounds.maximum.is_some() {
        field.maximum = bounds.maximum;
    }
    if bounds.max_length.is_some() {
        field.max_length = bounds.max_length;
    }
    // Keep a pattern the schema already has; the overlay only fills the gap.
    if field.pattern.is_none() {
        field.pattern = bounds.pattern.map(str::to_owned);
    }
}
