//! What `flowlint catalog` shows: the models of one release, or one model's fields
//! with their type, requirement, choices, limits, references and the embedded
//! releases each one exists in. Data only; the binary renders it.

use serde::Serialize;

use super::{FieldSpec, FieldType, ModelKind, ModelSpec, Release, describe_releases, releases};

/// The models of one release.
#[derive(Debug, Clone, Serialize)]
pub struct ModelList {
    /// The release described, e.g. `2026.8`.
    pub release: String,
    /// The exact release its data was generated from, e.g. `2026.8.5`.
    pub generated_from: String,
    pub models: Vec<ModelSummary>,
}

/// One model in a [`ModelList`].
#[derive(Debug, Clone, Serialize)]
pub struct ModelSummary {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verbose_name: Option<&'static str>,
    /// `flow`, `stage`, `policy`, `meta`, ... (see [`kind_name`]).
    pub kind: &'static str,
    /// A blueprint entry may name it; false for models only `!Find` can query.
    pub entry: bool,
    pub fields: usize,
}

/// One model of one release, field by field.
#[derive(Debug, Clone, Serialize)]
pub struct ModelDetail {
    pub release: String,
    pub generated_from: String,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verbose_name: Option<&'static str>,
    pub kind: &'static str,
    pub entry: bool,
    /// False when the release's artifacts may not list every field (unknown
    /// attributes are then not reported).
    pub fields_exhaustive: bool,
    /// The embedded releases that have the model, oldest first.
    pub releases: Vec<String>,
    pub fields: Vec<FieldDetail>,
    /// Object-permission codenames an entry's `permissions` may grant.
    pub permissions: Vec<String>,
}

/// One field of a [`ModelDetail`].
#[derive(Debug, Clone, Serialize)]
pub struct FieldDetail {
    pub name: String,
    /// `string`, `integer`, ..., `array of string` for lists.
    #[serde(rename = "type")]
    pub ty: String,
    pub nullable: bool,
    /// Must be given when the entry creates the object (verified for blueprint
    /// creates; what the missing-field rule reports).
    pub required: bool,
    /// The release's API serializer requires it on create (the client wheel's flag);
    /// flowlint reports a missing one only where `required` is set too.
    pub api_required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
    /// `uuid`, `email`, `date-time`, `duration`, `slug`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// What kind of object the value (or each item) refers to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub references: Option<String>,
    pub secret: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// The embedded releases that have the field on this model, oldest first.
    pub releases: Vec<String>,
}

/// Length and range limits of a value (for lists, of each item where stated).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Limits {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

impl Limits {
    pub fn is_empty(&self) -> bool {
        self.min_length.is_none()
            && self.max_length.is_none()
            && self.minimum.is_none()
            && self.maximum.is_none()
            && self.max_items.is_none()
            && self.pattern.is_none()
    }
}

/// A model id the release does not have, with what the user may have meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownModel {
    pub id: String,
    pub release: String,
    /// A close model id of the release.
    pub suggestion: Option<String>,
    /// Where another embedded release has it: `"from authentik 2026.2"`.
    pub elsewhere: Option<String>,
}

impl std::fmt::Display for UnknownModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "authentik {} has no model `{}`", self.release, self.id)?;
        if let Some(elsewhere) = &self.elsewhere {
            write!(f, "; it exists {elsewhere}")?;
        }
        if let Some(suggestion) = &self.suggestion {
            write!(f, " (did you mean `{suggestion}`?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownModel {}

/// The models of `release`, sorted by id.
pub fn list_models(release: &Release) -> ModelList {
    ModelList {
        release: release.version().to_string(),
        generated_from: release.full_version().to_owned(),
        models: release
            .models()
            .map(|model| ModelSummary {
                id: model.id.clone(),
                verbose_name: model.verbose_name,
                kind: kind_name(model),
                entry: model.entry,
                fields: model.fields().len(),
            })
            .collect(),
    }
}

/// Model `id` of `release` (matched as a blueprint's `model:` is), field by field.
pub fn describe_model(release: &Release, id: &str) -> Result<ModelDetail, UnknownModel> {
    let Some(model) = release.model(id) else {
        let wanted = id.to_lowercase();
        return Err(UnknownModel {
            id: id.to_owned(),
            release: release.version().to_string(),
            suggestion: release.suggest_model(id).map(str::to_owned),
            elsewhere: describe_releases(|other| other.model(&wanted).is_some()),
        });
    };
    let fields = model
        .fields()
        .iter()
        .map(|field| field_detail(model, field))
        .collect();
    Ok(ModelDetail {
        release: release.version().to_string(),
        generated_from: release.full_version().to_owned(),
        id: model.id.clone(),
        verbose_name: model.verbose_name,
        kind: kind_name(model),
        entry: model.entry,
        fields_exhaustive: model.fields_exhaustive,
        releases: releases_with(|other| other.model(&model.id).is_some()),
        fields,
        permissions: model.permissions().map(str::to_owned).collect(),
    })
}

/// The versions of the embedded releases for which `has` holds, oldest first.
fn releases_with(mut has: impl FnMut(&'static Release) -> bool) -> Vec<String> {
    releases()
        .filter(|release| has(release))
        .map(|release| release.version().to_string())
        .collect()
}

fn field_detail(model: &ModelSpec, field: &FieldSpec) -> FieldDetail {
    let item = field.items.as_deref();
    let ty = match item {
        Some(item) if field.ty == FieldType::Array => format!("array of {}", type_name(item.ty)),
        _ => type_name(field.ty).to_owned(),
    };
    // Choices and limits of a list are usually stated on its items.
    let choices = field
        .enum_values
        .clone()
        .or_else(|| item.and_then(|item| item.enum_values.clone()));
    let limits_of = |spec: &FieldSpec| Limits {
        min_length: spec.min_length,
        max_length: spec.max_length,
        minimum: spec.minimum,
        maximum: spec.maximum,
        max_items: spec.max_items,
        pattern: spec.pattern.clone(),
    };
    let mut limits = limits_of(field);
    if limits.is_empty() {
        if let Some(item) = item {
            limits = limits_of(item);
        }
    }
    let format = if field.duration {
        Some("duration".to_owned())
    } else {
        field
            .format
            .or(item.and_then(|item| item.format))
            .map(|format| format_name(format).to_owned())
    };
    let references = field
        .reference
        .or(item.and_then(|item| item.reference))
        .map(|target| format!("{target:?}").to_lowercase());
    FieldDetail {
        name: field.name.clone(),
        ty,
        nullable: field.nullable,
        required: model.required_on_create.contains(&field.name.as_str()),
        api_required: field.api_required,
        choices,
        limits,
        format,
        references,
        secret: field.secret,
        default: field.default.clone(),
        releases: releases_with(|other| {
            other
                .model(&model.id)
                .is_some_and(|m| m.field(&field.name).is_some())
        }),
    }
}

fn type_name(ty: FieldType) -> &'static str {
    match ty {
        FieldType::String => "string",
        FieldType::Integer => "integer",
        FieldType::Number => "number",
        FieldType::Boolean => "boolean",
        FieldType::Object => "object",
        FieldType::Array => "array",
        FieldType::Any => "any",
    }
}

fn format_name(format: super::FieldFormat) -> &'static str {
    match format {
        super::FieldFormat::Uuid => "uuid",
        super::FieldFormat::Email => "email",
        super::FieldFormat::DateTime => "date-time",
    }
}

/// What role the model plays, as one word.
pub fn kind_name(model: &ModelSpec) -> &'static str {
    match model.kind {
        ModelKind::Flow => "flow",
        ModelKind::FlowStageBinding => "flow stage binding",
        ModelKind::PolicyBinding => "policy binding",
        ModelKind::Stage => "stage",
        ModelKind::Policy => "policy",
        ModelKind::Prompt => "prompt field",
        ModelKind::Group => "group",
        ModelKind::User => "user",
        ModelKind::Meta => "meta",
        ModelKind::Other => "model",
    }
}
