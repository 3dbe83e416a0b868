//! The typed shapes the catalog hands out: one [`ModelSpec`] per blueprint model,
//! one [`FieldSpec`] per attribute.

use std::sync::OnceLock;

use serde::Deserialize;

use super::{assemble, suggest};

/// What role a model plays for the linter and the flow simulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelKind {
    /// `authentik_flows.flow`.
    Flow,
    /// `authentik_flows.flowstagebinding`.
    FlowStageBinding,
    /// `authentik_policies.policybinding`.
    PolicyBinding,
    /// Every stage model of flow-semantics §6.1.
    Stage,
    /// Every policy model of flow-semantics §4.2.
    Policy,
    /// `authentik_stages_prompt.prompt` (a prompt field, not the prompt stage).
    Prompt,
    /// `authentik_core.group`.
    Group,
    /// `authentik_core.user`.
    User,
    /// A virtual `authentik_blueprints.meta*` model: attrs go to a plain serializer,
    /// identifiers are not used, and saving runs an action.
    Meta,
    /// Anything else (providers, sources, brands, ...).
    Other,
}

/// What a stage does with `pending_user` (`PLAN_CONTEXT_PENDING_USER`), which the
/// simulator tracks to spot stages that cannot work where they are bound.
///
/// The per-stage decisions and their reasons live in `overlay/stages.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StageRole {
    /// Always leaves a user in `pending_user` when it succeeds.
    SetsPendingUser,
    /// Sets `pending_user` only in some configurations and never fails for lack
    /// of one (passwordless WebAuthn validation, optional mutual TLS).
    MaySetPendingUser,
    /// Fails with `stage_invalid` unless `pending_user` is already in the plan
    /// context; a logged-in request user is not enough.
    NeedsPendingUser,
    /// Acts on `get_pending_user()`: the pending user, or else the logged-in request
    /// user. Works in flows that require authentication without any earlier stage.
    NeedsUser,
    /// Does not depend on or change the pending user.
    Neutral,
}

/// What a stage means for who ends up logged in, for the flow rules. The per-stage
/// decisions live in `overlay/stages.rs` (`STAGE_EFFECTS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StageEffect {
    /// Logs the pending user in (the user login stage).
    LogsIn,
    /// Hands the flow over to another flow or a source, which logs the user in.
    HandsOver,
    /// Proves who the user is (password, MFA validation): skipping it lets a user in
    /// unproven.
    ProvesIdentity,
}

/// Where a model's description came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelOrigin {
    /// Generated from the release's published artifacts (`releases/<release>.json`).
    Schema,
    /// Hand-written in `overlay/supplement.rs`: the release accepts the model but its
    /// published schema leaves it out (for example `metausersetpassword`, which
    /// authentik's own `system/bootstrap.yaml` uses).
    Supplement,
}

/// JSON type of an attribute value, as the schema declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    /// The schema gives no type.
    Any,
}

/// String formats the schema declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum FieldFormat {
    #[serde(rename = "uuid")]
    Uuid,
    #[serde(rename = "email")]
    Email,
    #[serde(rename = "date-time")]
    DateTime,
}

/// What kind of object a foreign key (or each item of a many-to-many list) points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefTarget {
    Flow,
    Stage,
    Policy,
    Group,
    User,
    /// A prompt field (`authentik_stages_prompt.prompt`).
    Prompt,
    /// `PolicyBinding.target`: any policy binding model (a flow, a flow stage
    /// binding, an application, a source, ...).
    PolicyBindingTarget,
    /// A source (`authentik_sources_*.*source`).
    Source,
}

/// One attribute of a model.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FieldSpec {
    /// Attribute name. For `items` this repeats the list field's name.
    #[serde(default)]
    pub name: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// `null` is accepted.
    #[serde(default)]
    pub nullable: bool,
    /// Allowed string values (a `null` choice is folded into `nullable`).
    #[serde(default, rename = "enum")]
    pub enum_values: Option<Vec<String>>,
    #[serde(default)]
    pub minimum: Option<f64>,
    #[serde(default)]
    pub maximum: Option<f64>,
    #[serde(default)]
    pub min_length: Option<u64>,
    #[serde(default)]
    pub max_length: Option<u64>,
    #[serde(default)]
    pub max_items: Option<u64>,
    #[serde(default)]
    pub format: Option<FieldFormat>,
    /// Regular expression (JSON-schema dialect) the string must match.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Shape of each element of an array field.
    #[serde(default)]
    pub items: Option<Box<FieldSpec>>,
    /// Declared keys of an object field (rare: oauth2 `redirect_uris` items,
    /// notification `event`). Empty when the object is free-form.
    #[serde(default)]
    pub properties: Vec<FieldSpec>,
    /// Keys of `properties` that must be present.
    #[serde(default)]
    pub required_properties: Vec<String>,
    /// A timedelta string (`hours=1;minutes=2`, flow-semantics §6.2).
    #[serde(default)]
    pub duration: bool,
    /// The release's API serializer requires the field on create (the client wheel's
    /// flag). Not used for findings on its own: [`ModelSpec::required_on_create`]
    /// holds the rows verified for blueprint creates (a test keeps them a subset).
    #[serde(default, rename = "required")]
    pub api_required: bool,
    /// The value is a credential and must never be printed.
    #[serde(skip)]
    pub secret: bool,
    /// What the value refers to, for fields worth following in a graph.
    #[serde(skip)]
    pub reference: Option<RefTarget>,
    /// The value authentik uses when the attribute is left out, where the spec states it.
    #[serde(skip)]
    pub default: Option<serde_json::Value>,
}

impl FieldSpec {
    /// A field with only a name and a type; the overlay uses it for supplement models.
    pub(crate) fn new(name: &str, ty: FieldType) -> Self {
        FieldSpec {
            name: name.to_owned(),
            ty,
            nullable: false,
            enum_values: None,
            minimum: None,
            maximum: None,
            min_length: None,
            max_length: None,
            max_items: None,
            format: None,
            pattern: None,
            items: None,
            properties: Vec::new(),
            required_properties: Vec::new(),
            duration: false,
            api_required: false,
            secret: false,
            reference: None,
            default: None,
        }
    }

    /// Whether `value` is one of the allowed choices (true when there is no choice list).
    pub fn allows_value(&self, value: &str) -> bool {
        self.enum_values
            .as_ref()
            .is_none_or(|choices| choices.iter().any(|choice| choice == value))
    }
}

/// Everything flowlint knows about one blueprint model.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelSpec {
    /// `app_label.modelname`, model name lower-case, as in the schema.
    pub id: String,
    pub app_label: String,
    /// Lower-case model name.
    pub model_name: String,
    pub kind: ModelKind,
    pub is_meta: bool,
    /// Attributes in schema order, read on first use ([`ModelSpec::fields`]).
    pub(crate) fields: ModelFields,
    /// Object-permission codenames allowed in an entry's `permissions`.
    pub permissions: Vec<String>,
    /// Attributes that must be present when the entry creates the object.
    /// Identifiers are merged into attrs before saving (blueprint-format §3.1), so
    /// check the union of both; meta models only read attrs.
    pub required_on_create: Vec<&'static str>,
    /// Django verbose names (stages, policies and a few core models).
    pub verbose_name: Option<&'static str>,
    pub verbose_name_plural: Option<&'static str>,
    /// The admin form component the stage/policy API reports (`ak-stage-...-form`).
    pub component: Option<&'static str>,
    /// Set for stages only.
    pub stage_role: Option<StageRole>,
    /// Set for the stages that log in, hand over or prove identity.
    pub stage_effect: Option<StageEffect>,
    pub origin: ModelOrigin,
    /// False when `fields` may be incomplete (supplement models): unknown attributes
    /// must then not be reported as errors.
    pub fields_exhaustive: bool,
    /// Whether a blueprint entry may name the model; false for models only `!Find`
    /// can query (concrete base models such as `authentik_core.provider`).
    pub entry: bool,
}

/// A model's attributes: JSON text from the generated catalog, parsed (overlay
/// applied) the first time a rule asks. A check names a handful of the catalog's
/// models; parsing all of them cost 1.6 ms per process, most of a one-file check.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ModelFields {
    /// `[...]` from the release file; unused once `table` is set.
    json: &'static str,
    table: OnceLock<FieldTable>,
}

impl ModelFields {
    /// Attributes still to be parsed from the catalog's JSON text.
    pub(crate) fn pending(json: &'static str) -> Self {
        ModelFields {
            json,
            table: OnceLock::new(),
        }
    }

    /// Attributes built in code (supplement models), overlay already applied.
    pub(crate) fn ready(fields: Vec<FieldSpec>) -> Self {
        ModelFields {
            json: "",
            table: OnceLock::from(FieldTable::new(fields)),
        }
    }
}

/// Attributes in schema order with a name index.
#[derive(Debug, Clone, PartialEq)]
struct FieldTable {
    fields: Vec<FieldSpec>,
    /// `(hash of the name, position in fields)`, sorted: rules look a field up for
    /// every attribute of every entry, and comparing integers beats comparing names
    /// (a binary search by name was 5% of a check). Empty beyond `u16::MAX` fields.
    by_name: Vec<(u64, u16)>,
}

impl FieldTable {
    fn new(fields: Vec<FieldSpec>) -> Self {
        let by_name = match u16::try_from(fields.len()) {
            Ok(count) => {
                let mut index: Vec<(u64, u16)> = (0..count)
                    .map(|i| (name_hash(&fields[usize::from(i)].name), i))
                    .collect();
                index.sort_unstable();
                index
            }
            Err(_) => Vec::new(),
        };
        FieldTable { fields, by_name }
    }
}

impl ModelSpec {
    /// Attributes in schema order.
    pub fn fields(&self) -> &[FieldSpec] {
        &self.field_table().fields
    }

    fn field_table(&self) -> &FieldTable {
        self.fields.table.get_or_init(|| {
            FieldTable::new(assemble::parse_fields(
                &self.id,
                self.kind,
                self.fields.json,
            ))
        })
    }

    /// The attribute called `name` (exact, attribute names are case-sensitive).
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        let table = self.field_table();
        if table.by_name.len() != table.fields.len() {
            return table.fields.iter().find(|field| field.name == name);
        }
        let hash = name_hash(name);
        let first = table.by_name.partition_point(|&(h, _)| h < hash);
        // Equal hashes are in schema order: with duplicate names the first wins, as a
        // scan would.
        table.by_name[first..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .map(|&(_, i)| &table.fields[usize::from(i)])
            .find(|field| field.name == name)
    }

    /// Closest attribute name for a misspelt `name`, if one is close enough.
    pub fn suggest_field(&self, name: &str) -> Option<&str> {
        if self.field(name).is_some() {
            return None;
        }
        suggest::closest(name, self.fields().iter().map(|field| field.name.as_str()))
    }

    /// The field `name` is a typo of when it is the only field close to it: the
    /// condition for renaming the key without asking (a safe fix).
    pub fn only_close_field(&self, name: &str) -> Option<&str> {
        if self.field(name).is_some() {
            return None;
        }
        suggest::only_close(name, self.fields().iter().map(|field| field.name.as_str()))
    }

    /// The entries of `required_on_create` that `given` (attr and identifier keys
    /// together) does not contain, in declaration order.
    pub fn missing_on_create<'a>(
        &self,
        given: impl IntoIterator<Item = &'a str> + Clone,
    ) -> Vec<&'static str> {
        self.required_on_create
            .iter()
            .copied()
            .filter(|required| !given.clone().into_iter().any(|key| key == *required))
            .collect()
    }

    /// The meta model that applies another blueprint (`!Find`-free cross-file links).
    pub fn applies_blueprint(&self) -> bool {
        self.is_meta && self.id == super::APPLY_BLUEPRINT_MODEL
    }

    /// A source model (`authentik_sources_*.<name>source`), the target kind of
    /// [`RefTarget::Source`].
    pub fn is_source(&self) -> bool {
        self.app_label.starts_with("authentik_sources_") && self.model_name.ends_with("source")
    }

    /// The object kind this model satisfies as a reference target, if any.
    pub fn ref_target(&self) -> Option<RefTarget> {
        match self.kind {
            ModelKind::Flow => Some(RefTarget::Flow),
            ModelKind::Stage => Some(RefTarget::Stage),
            ModelKind::Policy => Some(RefTarget::Policy),
            ModelKind::Group => Some(RefTarget::Group),
            ModelKind::User => Some(RefTarget::User),
            ModelKind::Prompt => Some(RefTarget::Prompt),
            _ if self.is_source() => Some(RefTarget::Source),
            // Concrete base models a `!Find` may query: their rows are the objects
            // of every subclass.
            _ => match self.id.as_str() {
                "authentik_flows.stage" => Some(RefTarget::Stage),
                "authentik_policies.policy" => Some(RefTarget::Policy),
                "authentik_core.source" => Some(RefTarget::Source),
                _ => None,
            },
        }
    }
}

/// The hash of a field name in a model's name index (fixed seed: the same in every run).
fn name_hash(name: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(name)
}
