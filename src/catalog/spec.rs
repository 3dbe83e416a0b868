//! The typed shapes the catalog hands out: one [`FieldSpec`] per attribute and the
//! kinds a model is classified by (one [`super::ModelSpec`] per model is in
//! `model_spec.rs`).

use serde::Deserialize;

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

/// What the flow simulator does with a model (`overlay/behaviour.rs`): the stage
/// views and policies it models beyond a stage's [`StageRole`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Behaviour {
    Identification,
    Prompt,
    UserWrite,
    UserLogin,
    UserLogout,
    UserDelete,
    Deny,
    Redirect,
    /// The invitation stage.
    InvitationStage,
    AuthenticatorValidate,
    Password,
    Email,
    /// An invitation object (`?itoken=`), not a stage.
    Invitation,
    DummyPolicy,
    PasswordPolicy,
    /// A policy whose answer depends on the visitor's request (named for messages).
    PerVisitorPolicy(&'static str),
}

/// What a lookup of a concrete base model returns (multi-table inheritance: the
/// base model's rows are the objects of its subclasses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BaseQuery {
    /// Objects of every model of this kind (`authentik_flows.stage`: every stage).
    Kind(ModelKind),
    /// Every source model.
    Sources,
    /// Every property mapping model.
    PropertyMappings,
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
