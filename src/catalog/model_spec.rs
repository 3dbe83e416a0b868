//! [`ModelSpec`]: everything flowlint knows about one model of one release, its
//! attributes parsed from the release data on first use.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::spec::{
    BaseQuery, Behaviour, FieldSpec, ModelKind, ModelOrigin, RefTarget, StageEffect, StageRole,
};
use super::{AuthentikVersion, assemble, suggest};

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
    /// Object-permission codenames allowed in an entry's `permissions`,
    /// space-separated as the release data stores them ([`ModelSpec::permissions`]).
    pub(crate) permission_text: Cow<'static, str>,
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
    /// What the flow simulator does with it, for the models it models specially.
    pub behaviour: Option<Behaviour>,
    /// For concrete base models a `!Find` may query: which objects a lookup returns.
    pub base_query: Option<BaseQuery>,
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
    /// The release the attributes belong to (the overlay's rows are keyed by release).
    release: AuthentikVersion,
    table: OnceLock<FieldTable>,
}

impl ModelFields {
    /// Attributes of `release` still to be parsed from the catalog's JSON text.
    pub(crate) fn pending(json: &'static str, release: AuthentikVersion) -> Self {
        ModelFields {
            json,
            release,
            table: OnceLock::new(),
        }
    }

    /// Attributes built in code (supplement models), overlay already applied.
    pub(crate) fn ready(fields: Vec<FieldSpec>, release: AuthentikVersion) -> Self {
        ModelFields {
            json: "",
            release,
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
    /// Object-permission codenames allowed in an entry's `permissions`.
    pub fn permissions(&self) -> impl Iterator<Item = &str> + Clone {
        self.permission_text.split_ascii_whitespace()
    }

    /// Whether `codename` is one of [`ModelSpec::permissions`].
    pub fn has_permission(&self, codename: &str) -> bool {
        self.permissions().any(|known| known == codename)
    }

    /// Attributes in schema order.
    pub fn fields(&self) -> &[FieldSpec] {
        &self.field_table().fields
    }

    fn field_table(&self) -> &FieldTable {
        self.fields.table.get_or_init(|| {
            FieldTable::new(assemble::parse_fields(
                &self.id,
                self.kind,
                self.fields.release,
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
            _ => match self.base_query? {
                BaseQuery::Kind(ModelKind::Stage) => Some(RefTarget::Stage),
                BaseQuery::Kind(ModelKind::Policy) => Some(RefTarget::Policy),
                BaseQuery::Sources => Some(RefTarget::Source),
                BaseQuery::Kind(_) | BaseQuery::PropertyMappings => None,
            },
        }
    }

    /// Whether a lookup of this model can return an object of `model`: the same
    /// model, or a subclass when this is a concrete base model.
    pub fn lookup_covers(&self, model: &ModelSpec) -> bool {
        if self.id == model.id {
            return true;
        }
        match self.base_query {
            Some(BaseQuery::Kind(kind)) => model.kind == kind,
            Some(BaseQuery::Sources) => model.is_source(),
            Some(BaseQuery::PropertyMappings) => model.is_property_mapping(),
            None => false,
        }
    }

    /// A property mapping model (`*mapping`, e.g. `scopemapping`,
    /// `notificationwebhookmapping`), the objects `authentik_core.propertymapping` holds.
    pub fn is_property_mapping(&self) -> bool {
        self.model_name.ends_with("mapping") && self.base_query.is_none()
    }
}

/// The hash of a field name in a model's name index (fixed seed: the same in every run).
fn name_hash(name: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(name)
}
