//! Builds each [`Release`] from its generated catalog plus the overlay.
//!
//! `build.rs` turns every release file into a static table (one row per model, its
//! attributes still JSON text, identical texts stored once): a release's model
//! identities are listed at first use, each model is assembled when a rule first
//! names it, and its attributes parsed when a rule first asks for them.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::facts::Caps;
use super::model_spec::{ModelFields, ModelSpec};
use super::overlay::{self, behaviour, choices, defaults, fields, required, stages, supplement};
use super::spec::{FieldSpec, ModelKind, ModelOrigin};
use super::{AuthentikVersion, Release};

/// One model of a release file (written by `scripts/gen_catalog.py`), as `build.rs`
/// embeds it.
pub(super) struct GeneratedModel {
    /// `(offset, length)` of the id in `MODEL_IDS` ([`GeneratedModel::id`]).
    pub id: (u32, u8),
    pub meta: bool,
    /// False for models `!Find` can query but no entry may name (base models).
    pub entry: bool,
    /// False when the release's artifacts do not describe the model's fields.
    pub exhaustive: bool,
    /// The model's `fields` list, as JSON text: an index into `TEXT_SPANS` ([`text`]).
    pub fields: u16,
    /// Its permission codenames, space-separated: an index into `TEXT_SPANS`.
    pub permissions: u16,
}

impl GeneratedModel {
    /// `app_label.modelname`, model name lower-case.
    pub fn id(&self) -> &'static str {
        let (start, len) = self.id;
        let start = start as usize;
        &MODEL_IDS[start..start + usize::from(len)]
    }
}

/// Pooled text `index` (a model's attributes or permissions).
pub(super) fn text(index: u16) -> &'static str {
    let (start, end) = TEXT_SPANS[usize::from(index)];
    &TEXT_POOL[start as usize..end as usize]
}

/// One embedded release.
pub(super) struct GeneratedRelease {
    pub year: u16,
    pub month: u16,
    pub full_version: &'static str,
    pub title: &'static str,
    pub models: &'static [GeneratedModel],
}

include!(concat!(env!("OUT_DIR"), "/catalog_releases.rs"));

/// Where a model of a release comes from: the generated data or the overlay's
/// supplement (models a release's artifacts omit).
#[derive(Clone, Copy)]
enum Source {
    Generated(&'static GeneratedModel),
    Supplement(&'static supplement::SupplementModel),
}

/// One model of a release: its identity, known without building it, and its
/// [`ModelSpec`], built the first time a rule asks for the model. A check names a
/// handful of a release's ~250 models; assembling all of them was a tenth of a
/// one-file check.
pub(super) struct ModelSlot {
    /// `app_label.modelname`, model name lower-case.
    pub id: &'static str,
    pub is_meta: bool,
    /// False for models `!Find` can query but no entry may name (base models).
    pub entry: bool,
    source: Source,
    spec: OnceLock<ModelSpec>,
}

impl ModelSlot {
    /// The app label and the lower-case model name.
    pub fn parts(&self) -> (&'static str, &'static str) {
        self.id.split_once('.').unwrap_or((self.id, ""))
    }

    /// The model, assembled on first use for `release`.
    pub fn spec(&self, release: AuthentikVersion) -> &ModelSpec {
        self.spec
            .get_or_init(|| assemble_model(self.source, release))
    }
}

/// Release `index` of `GENERATED_RELEASES` with its models' identities; each model is
/// assembled on first use ([`ModelSlot::spec`]).
pub(super) fn build(index: usize) -> Release {
    let generated = &GENERATED_RELEASES[index];
    let version = AuthentikVersion::new(generated.year, generated.month);
    let mut models: Vec<ModelSlot> = generated
        .models
        .iter()
        .map(|model| ModelSlot {
            id: model.id(),
            is_meta: model.meta,
            entry: model.entry,
            source: Source::Generated(model),
            spec: OnceLock::new(),
        })
        .collect();

    for extra in supplement::SUPPLEMENT_MODELS
        .iter()
        .filter(|extra| extra.releases.holds_in(version))
    {
        // A regenerated schema that gains the model wins over the hand-written copy.
        if models.iter().any(|model| model.id == extra.id) {
            continue;
        }
        models.push(ModelSlot {
            id: extra.id,
            is_meta: extra.is_meta,
            entry: true,
            source: Source::Supplement(extra),
            spec: OnceLock::new(),
        });
    }
    models.sort_by(|left, right| left.id.cmp(right.id));

    Release {
        version,
        full_version: generated.full_version,
        schema_title: generated.title.to_owned(),
        schema_version: version.to_string(),
        caps: Caps::of(version),
        index,
        models,
    }
}

/// One model of `release` with the overlay's facts; generated attributes stay unread.
fn assemble_model(source: Source, version: AuthentikVersion) -> ModelSpec {
    let mut spec = match source {
        Source::Generated(model) => {
            let mut spec = skeleton(model.id(), model.meta, ModelOrigin::Schema, version);
            spec.fields = ModelFields::pending(text(model.fields), version);
            spec.permission_text = Cow::Borrowed(text(model.permissions));
            spec.entry = model.entry;
            spec.fields_exhaustive = model.exhaustive;
            spec
        }
        Source::Supplement(extra) => {
            let mut spec = skeleton(extra.id, extra.is_meta, ModelOrigin::Supplement, version);
            let mut extra_fields: Vec<FieldSpec> =
                extra.fields.iter().map(|field| field.to_spec()).collect();
            apply_field_overlay(&spec.id, spec.kind, version, &mut extra_fields);
            spec.fields = ModelFields::ready(extra_fields, version);
            spec.permission_text = Cow::Owned(supplement::default_permissions(&spec.model_name));
            spec.fields_exhaustive = false;
            spec
        }
    };
    spec.required_on_create = required_on_create(&spec.id, spec.kind, version);
    spec
}

/// A generated model's attributes from their JSON text, overlay applied.
pub(super) fn parse_fields(
    id: &str,
    kind: ModelKind,
    release: AuthentikVersion,
    json: &str,
) -> Vec<FieldSpec> {
    if json.is_empty() {
        return Vec::new();
    }
    let mut fields: Vec<FieldSpec> = serde_json::from_str(json).unwrap_or_else(|error| {
        // build.rs checked the JSON; the shape is checked by a test over every model.
        panic!("the embedded catalog's attributes of {id} do not parse: {error}")
    });
    apply_field_overlay(id, kind, release, &mut fields);
    fields
}

/// A model with identity, kind and stage/policy facts but no fields yet.
fn skeleton(id: &str, is_meta: bool, origin: ModelOrigin, release: AuthentikVersion) -> ModelSpec {
    let (app_label, model_name) = id.split_once('.').unwrap_or((id, ""));
    let described = stages::described(id, release);
    let kind = classify(id, is_meta, described);
    let (verbose_name, verbose_name_plural) = match described {
        Some(entry) => (Some(entry.verbose_name), Some(entry.verbose_name_plural)),
        None => stages::other_verbose_names(id, release)
            .map_or((None, None), |(singular, plural)| {
                (Some(singular), Some(plural))
            }),
    };
    ModelSpec {
        id: id.to_owned(),
        app_label: app_label.to_owned(),
        model_name: model_name.to_owned(),
        kind,
        is_meta,
        fields: ModelFields::ready(Vec::new(), release),
        permission_text: Cow::Borrowed(""),
        required_on_create: Vec::new(),
        verbose_name,
        verbose_name_plural,
        component: described.map(|entry| entry.component),
        stage_role: described.and_then(|entry| entry.role),
        stage_effect: stages::effect(id, release),
        behaviour: behaviour::behaviour(id, release),
        base_query: behaviour::base_query(id, release),
        origin,
        fields_exhaustive: true,
        entry: true,
    }
}

fn classify(id: &str, is_meta: bool, described: Option<&stages::Described>) -> ModelKind {
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
        _ => match described {
            Some(entry) if entry.role.is_some() => ModelKind::Stage,
            Some(_) => ModelKind::Policy,
            None => ModelKind::Other,
        },
    }
}

fn required_on_create(id: &str, kind: ModelKind, release: AuthentikVersion) -> Vec<&'static str> {
    let inherited_name = matches!(kind, ModelKind::Stage | ModelKind::Policy);
    inherited_name
        .then_some("name")
        .into_iter()
        .chain(required::required_on_create(id, release).iter().copied())
        .collect()
}

fn apply_field_overlay(
    id: &str,
    kind: ModelKind,
    release: AuthentikVersion,
    model_fields: &mut [FieldSpec],
) {
    let inherited_defaults: &[(&str, defaults::Lit, overlay::Span)] = match kind {
        ModelKind::Stage => defaults::STAGE_DEFAULTS,
        ModelKind::Policy => defaults::POLICY_DEFAULTS,
        _ => &[],
    };

    for field in model_fields {
        let name = field.name.clone();
        field.secret = fields::is_secret(&name, release);
        // A supplement field may carry its own reference (its model's rows hold for
        // releases the tables' spans do not cover).
        field.reference = fields::reference(id, &name, release).or(field.reference);
        field.duration |= fields::is_extra_duration(id, &name, release);
        field.default = defaults::default_for(id, &name, release)
            .or_else(|| defaults::inherited_default(inherited_defaults, &name, release))
            .map(defaults::Lit::to_value);
        add_choices(field, choices::extra_choices(id, &name, release));
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
