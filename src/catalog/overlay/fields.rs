//! Per-field knowledge the release data does not carry: secrets, references and
//! timedelta strings. Limits (lengths, ranges, slug patterns) come from each
//! release's data, where the serializers' validators put them.

use crate::catalog::spec::RefTarget;

/// Attribute names whose values are credentials, on whatever model they appear.
/// A name-based list (not per model) so that a newly generated schema model with a
/// `client_secret` is covered without touching this file.
pub(crate) const SECRET_FIELD_NAMES: &[&str] = &[
    "password",
    "password_hash",
    "raw_password",
    "secret",
    "private_key",
    "client_secret",
    // core.token and enterprise.license
    "key",
    // scim provider bearer token
    "token",
    // SMS provider auth token
    "auth",
    "auth_password",
    "bind_password",
    "sync_password",
    "sync_keytab",
    "spnego_keytab",
    "shared_secret",
    "admin_secret_key",
    "consumer_secret",
    "bot_token",
    "plex_token",
    "access_token",
    "key_data",
    // Google service-account JSON (workspace provider, device trust stage)
    "credentials",
];

pub(crate) fn is_secret(field: &str) -> bool {
    SECRET_FIELD_NAMES.contains(&field)
}

/// References that depend on the model: these names mean different things elsewhere.
pub(crate) const MODEL_REFERENCES: &[(&str, &str, RefTarget)] = &[
    (
        "authentik_flows.flowstagebinding",
        "target",
        RefTarget::Flow,
    ),
    (
        "authentik_flows.flowstagebinding",
        "stage",
        RefTarget::Stage,
    ),
    (
        "authentik_policies.policybinding",
        "target",
        RefTarget::PolicyBindingTarget,
    ),
    (
        "authentik_stages_prompt.promptstage",
        "fields",
        RefTarget::Prompt,
    ),
    (
        "authentik_stages_invitation.invitation",
        "flow",
        RefTarget::Flow,
    ),
];

/// Reference names with one meaning across all models (FK or M2M to that kind).
const NAMED_REFERENCES: &[(&str, RefTarget)] = &[
    ("authentication_flow", RefTarget::Flow),
    ("authorization_flow", RefTarget::Flow),
    ("configure_flow", RefTarget::Flow),
    ("enrollment_flow", RefTarget::Flow),
    ("invalidation_flow", RefTarget::Flow),
    ("passwordless_flow", RefTarget::Flow),
    ("pre_authentication_flow", RefTarget::Flow),
    ("recovery_flow", RefTarget::Flow),
    ("self_service_completion_flow", RefTarget::Flow),
    ("target_flow", RefTarget::Flow),
    // brand defaults
    ("flow_authentication", RefTarget::Flow),
    ("flow_device_code", RefTarget::Flow),
    ("flow_invalidation", RefTarget::Flow),
    ("flow_recovery", RefTarget::Flow),
    ("flow_unenrollment", RefTarget::Flow),
    ("flow_user_settings", RefTarget::Flow),
    ("captcha_stage", RefTarget::Stage),
    ("configuration_stages", RefTarget::Stage),
    ("password_stage", RefTarget::Stage),
    ("webauthn_stage", RefTarget::Stage),
    // policy bindings and their endpoint subclasses
    ("policy", RefTarget::Policy),
    ("validation_policies", RefTarget::Policy),
    ("create_users_group", RefTarget::Group),
    ("destination_group", RefTarget::Group),
    ("filter_group", RefTarget::Group),
    ("group", RefTarget::Group),
    ("groups", RefTarget::Group),
    ("parents", RefTarget::Group),
    ("sync_parent_group", RefTarget::Group),
    ("user", RefTarget::User),
    ("users", RefTarget::User),
    ("source", RefTarget::Source),
    ("sources", RefTarget::Source),
];

/// What `model.field` refers to. For list fields each item refers to the target.
pub(crate) fn reference(model: &str, field: &str) -> Option<RefTarget> {
    MODEL_REFERENCES
        .iter()
        .find(|(m, f, _)| *m == model && *f == field)
        .map(|(_, _, target)| *target)
        .or_else(|| {
            NAMED_REFERENCES
                .iter()
                .find(|(name, _)| *name == field)
                .map(|(_, target)| *target)
        })
}

/// Timedelta-string fields of flow-semantics §7 whose schema description lacks the
/// "(Format: hours=" marker the generator looks for. The others (user login,
/// consent, email stages, source stage, providers) are flagged in the release data.
pub(crate) const EXTRA_DURATION_FIELDS: &[(&str, &str)] = &[
    (
        "authentik_stages_authenticator_validate.authenticatorvalidatestage",
        "last_auth_threshold",
    ),
    (
        "authentik_endpoints_connectors_agent.agentconnector",
        "snapshot_expiry",
    ),
];

/// The §7 timedelta fields, used by a test to prove each one ends up flagged.
#[cfg(test)]
pub(crate) const SPEC_DURATION_FIELDS: &[(&str, &str)] = &[
    (
        "authentik_stages_user_login.userloginstage",
        "session_duration",
    ),
    (
        "authentik_stages_user_login.userloginstage",
        "remember_me_offset",
    ),
    (
        "authentik_stages_user_login.userloginstage",
        "remember_device",
    ),
    ("authentik_stages_source.sourcestage", "resume_timeout"),
    ("authentik_stages_consent.consentstage", "consent_expire_in"),
    (
        "authentik_stages_authenticator_validate.authenticatorvalidatestage",
        "last_auth_threshold",
    ),
    ("authentik_stages_email.emailstage", "token_expiry"),
    (
        "authentik_stages_email.emailstage",
        "recovery_cache_timeout",
    ),
    (
        "authentik_stages_authenticator_email.authenticatoremailstage",
        "token_expiry",
    ),
    (
        "authentik_endpoints_connectors_agent.agentconnector",
        "snapshot_expiry",
    ),
];

pub(crate) fn is_extra_duration(model: &str, field: &str) -> bool {
    EXTRA_DURATION_FIELDS.contains(&(model, field))
}
