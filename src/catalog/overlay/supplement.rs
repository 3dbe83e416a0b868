//! Models the catalog's release accepts in blueprints although its published
//! schema leaves them out. Without these, authentik's own shipped blueprints
//! would fail the "unknown model" check.
//!
//! Their field lists come from the upstream serializer/model code the specs
//! paraphrase; they are marked non-exhaustive so the linter does not report
//! attributes it simply has no record of.

use crate::catalog::AuthentikVersion;
use crate::catalog::facts::Span;
use crate::catalog::spec::{FieldFormat, FieldSpec, FieldType, RefTarget};

#[derive(Debug, Clone, Copy)]
pub(crate) struct SupplementField {
    pub name: &'static str,
    pub ty: FieldType,
    pub nullable: bool,
    pub format: Option<FieldFormat>,
    pub reference: Option<RefTarget>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct SupplementModel {
    pub id: &'static str,
    pub is_meta: bool,
    pub fields: &'static [SupplementField],
    /// The releases that accept the model without their artifacts listing it.
    pub releases: Span,
}

const fn plain(name: &'static str, ty: FieldType) -> SupplementField {
    SupplementField {
        name,
        ty,
        nullable: false,
        format: None,
        reference: None,
    }
}

/// A nullable foreign key to a flow.
const fn flow_reference(name: &'static str) -> SupplementField {
    SupplementField {
        name,
        ty: FieldType::String,
        nullable: true,
        format: Some(FieldFormat::Uuid),
        reference: Some(RefTarget::Flow),
    }
}

pub(crate) const SUPPLEMENT_MODELS: &[SupplementModel] = &[
    // flow-semantics §6.1 (enterprise). Upstream's
    // `blueprints/default/flow-default-account-lockdown.yaml` is among the blueprints
    // that must lint clean against this release, but the 2025.12.0-rc1 schema the
    // catalog is generated from predates the model.
    SupplementModel {
        id: "authentik_stages_account_lockdown.accountlockdownstage",
        is_meta: false,
        fields: &[
            plain("name", FieldType::String),
            plain("deactivate_user", FieldType::Boolean),
            plain("set_unusable_password", FieldType::Boolean),
            plain("delete_sessions", FieldType::Boolean),
            plain("revoke_tokens", FieldType::Boolean),
            plain("self_service_message_title", FieldType::String),
            plain("self_service_message", FieldType::String),
            flow_reference("self_service_completion_flow"),
        ],
        // The 2025.12.0-rc1 schema predates the model, which the client wheels list
        // from 2026.5: kept for 2025.12 so its shipped blueprints lint clean.
        releases: Span {
            first: AuthentikVersion::new(2025, 12),
            last: Some(AuthentikVersion::new(2025, 12)),
        },
    },
];

impl SupplementField {
    pub(crate) fn to_spec(self) -> FieldSpec {
        let mut spec = FieldSpec::new(self.name, self.ty);
        spec.nullable = self.nullable;
        spec.format = self.format;
        spec.reference = self.reference;
        spec
    }
}

/// Django's default permissions, which the schema lists for every model,
/// space-separated.
pub(crate) fn default_permissions(model_name: &str) -> String {
    ["add", "change", "delete", "view"]
        .iter()
        .map(|action| format!("{action}_{model_name}"))
        .collect::<Vec<_>>()
        .join(" ")
}
