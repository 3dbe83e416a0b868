//! Everything flowlint knows about authentik's blueprint models, in one place.
//!
//! * `releases/<release>.json`, one per authentik release, is generated from the
//!   release's `authentik-client` wheel plus a release-keyed hand table by
//!   `scripts/gen_catalog.py` (fields, types, limits, choices, required, permissions,
//!   blueprint-only fields, meta and base models; docs/releases.md).
//! * `overlay/` adds what rules and the simulator need beyond that: stage/policy
//!   components and verbose names, stage roles and effects, verified required
//!   attributes, defaults, secrets, references, timedelta fields, and the models a
//!   release's artifacts omit (each with its releases).
//! * `facts.rs` holds release facts that are not fields (`Caps`), each with its span.
//! * `hints.rs` explains ids that no embedded release has (branch-only, old names).
//! * `describe.rs` is what `flowlint catalog` shows.
//!
//! Every embedded release is built on first use ([`releases`], [`Target::select`]);
//! each model's attributes are parsed when first asked for. A run resolves its
//! release once into a [`Target`]; nothing reads a global catalog.

mod assemble;
pub mod changes;
pub mod describe;
mod facts;
mod hints;
mod model_spec;
mod overlay;
mod release;
mod slug;
mod spec;
mod suggest;
#[cfg(test)]
mod tests;
mod validators;

/// Release 2025.12, the one the catalog's unit tests were written against.
#[cfg(test)]
pub(crate) fn catalog() -> &'static Release {
    release(AuthentikVersion::new(2025, 12)).expect("2025.12 is embedded")
}

pub use changes::{FieldRename, Reshape};
pub use facts::{Caps, FLOW_SLUG_CAP, Span};
pub use model_spec::ModelSpec;
pub use release::{
    AuthentikVersion, Target, UnsupportedRelease, describe_releases, embedded_versions, newest,
    release, releases,
};
pub use slug::{SLUG_INVALID_MESSAGE, SLUG_PATTERN, SLUG_PATTERN_DESC, is_valid_slug};
pub use spec::{
    BaseQuery, Behaviour, FieldFormat, FieldSpec, FieldType, ModelKind, ModelOrigin, RefTarget,
    StageEffect, StageRole,
};
pub use validators::{RequiredWith, required_with};

/// The app label of the virtual meta models (blueprint-format §6.2).
pub const META_APP_LABEL: &str = "authentik_blueprints";

/// The meta model that applies another blueprint (blueprint-format §6.2).
pub const APPLY_BLUEPRINT_MODEL: &str = "authentik_blueprints.metaapplyblueprint";

/// All known models of one authentik release, and its [`Caps`].
pub struct Release {
    version: AuthentikVersion,
    /// The exact release the data was generated from, e.g. `2026.8.5`.
    full_version: &'static str,
    schema_title: String,
    schema_version: String,
    /// What the release does beyond its models (tag behaviour, limits).
    pub caps: Caps,
    /// Position among [`releases`], oldest first.
    index: usize,
    /// Sorted by canonical id (`app_label.modelname`, model name lower-case); each
    /// model is assembled on first use.
    models: Vec<assemble::ModelSlot>,
}

/// A model's identity as [`Release::model_ids`] lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelId {
    /// `app_label.modelname`, model name lower-case.
    pub id: &'static str,
    pub is_meta: bool,
    /// Whether a blueprint entry may name the model.
    pub entry: bool,
}

impl ModelId {
    /// The app label and the lower-case model name.
    pub fn parts(&self) -> (&'static str, &'static str) {
        self.id.split_once('.').unwrap_or((self.id, ""))
    }
}

impl std::fmt::Debug for Release {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Release({})", self.full_version)
    }
}

impl PartialEq for Release {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}

impl Release {
    /// The release, `year.month`.
    pub fn version(&self) -> AuthentikVersion {
        self.version
    }

    /// The exact release the data was generated from, e.g. `2026.8.5`.
    pub fn full_version(&self) -> &'static str {
        self.full_version
    }

    /// Position among [`releases`], oldest first (for per-release caches).
    pub fn index(&self) -> usize {
        self.index
    }

    /// The authentik release the data describes, e.g. `"2025.12"`.
    pub fn schema_version(&self) -> &str {
        &self.schema_version
    }

    /// The schema's full title, e.g. `"authentik 2025.12.0-rc1 Blueprint schema"`.
    pub fn schema_title(&self) -> &str {
        &self.schema_title
    }

    /// The model a blueprint's `model:` value names, matched like authentik does:
    /// exactly two dot-separated parts, the app label exact, the model name
    /// case-insensitive (`authentik_flows.Flow` works). Meta models are the
    /// exception: authentik indexes its meta registry with the string as written,
    /// so `authentik_blueprints.MetaApplyBlueprint` does not resolve (use
    /// [`Release::suggest_model`] to offer the lower-case spelling).
    pub fn model(&self, id: &str) -> Option<&ModelSpec> {
        let dot = id.bytes().position(|b| b == b'.')?;
        let (app_label, model_name) = (&id[..dot], &id[dot + 1..]);
        if model_name.bytes().any(|b| b == b'.') {
            return None;
        }
        // Ids are nearly always written in lower-case ASCII: look them up as written.
        let slot = if model_name
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            self.slot(id)?
        } else {
            self.slot(&format!("{app_label}.{}", model_name.to_lowercase()))?
        };
        if slot.is_meta && slot.parts().1 != model_name {
            return None;
        }
        Some(slot.spec(self.version))
    }

    /// The slot of the model with canonical id `id`.
    fn slot(&self, id: &str) -> Option<&assemble::ModelSlot> {
        let index = self.models.binary_search_by(|slot| slot.id.cmp(id)).ok()?;
        self.models.get(index)
    }

    /// All models, sorted by id (each assembled on first use).
    pub fn models(&self) -> impl Iterator<Item = &ModelSpec> {
        self.models.iter().map(|slot| slot.spec(self.version))
    }

    /// The ids of all models, sorted, with whether each is a meta model and whether
    /// an entry may name it, without assembling them.
    pub fn model_ids(&self) -> impl Iterator<Item = ModelId> + '_ {
        self.models.iter().map(|slot| ModelId {
            id: slot.id,
            is_meta: slot.is_meta,
            entry: slot.entry,
        })
    }

    /// A known model id close to an unknown `id`, for "did you mean". Tries, in
    /// order: a case-only difference (including the app label and meta models), a
    /// typo in the model name within a known app, the same model name under
    /// another app label, and a typo anywhere in the id. `None` when `id` resolves
    /// or nothing is close.
    pub fn suggest_model(&self, id: &str) -> Option<&str> {
        if self.model(id).is_some() {
            return None;
        }
        let lowered = id.to_lowercase();
        if let Some(model) = self.models.iter().find(|model| model.id == lowered) {
            return Some(model.id);
        }
        let (app_label, model_name) = lowered.split_once('.').unwrap_or(("", &lowered));

        let same_app = self
            .models
            .iter()
            .filter(|model| model.parts().0 == app_label);
        if let Some(name) = suggest::closest(model_name, same_app.clone().map(|m| m.parts().1)) {
            return same_app
                .into_iter()
                .find(|model| model.parts().1 == name)
                .map(|model| model.id);
        }

        // An exact model name is a strong signal even when the app label is far
        // off; among several apps with that model name take the closest label.
        if let Some(model) = self
            .models
            .iter()
            .filter(|model| model.parts().1 == model_name)
            .min_by_key(|model| suggest::edit_distance(app_label, model.parts().0))
        {
            return Some(model.id);
        }

        suggest::closest(&lowered, self.models.iter().map(|model| model.id))
    }

    /// Why `id` is unknown when it belongs to a newer (branch-only or later)
    /// or older (renamed) authentik, e.g. for
    /// `authentik_policies_conditional.conditionalpolicy` or the pre-rename
    /// `authentik_stages_authenticator_webauthn.authenticatewebauthnstage`.
    pub fn newer_model_hint(&self, id: &str) -> Option<&'static str> {
        hints::model_hint(id)
    }

    /// Why `value` is not an allowed choice of `model_id`'s `field` when a newer
    /// authentik accepts it (e.g. flow `designation: account_selection`).
    pub fn newer_value_hint(
        &self,
        model_id: &str,
        field: &str,
        value: &str,
    ) -> Option<&'static str> {
        let canonical = self
            .model(model_id)
            .map_or(model_id, |model| model.id.as_str());
        hints::value_hint(canonical, field, value)
    }
}
