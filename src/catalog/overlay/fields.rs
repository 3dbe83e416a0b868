//! Per-field knowledge the release data does not carry: secrets, references and
//! timedelta strings, each row with the releases it holds for (from the first
//! embedded release whose data has such a field; a test checks every row against the
//! data). Limits (lengths, ranges, slug patterns) come from each release's data,
//! where the serializers' validators put them.

use super::{ALL, S2025_8, S2025_10, S2025_12, S2026_5, Span};
use crate::catalog::AuthentikVersion;
use crate::catalog::spec::RefTarget;

/// Attribute names whose values are credentials, on whatever model they appear, and
/// the releases in which some model has a field of that name. A name-based list (not
/// per model) so that a newly generated model with a `client_secret` is covered
/// without touching this file.
pub(crate) const SECRET_FIELD_NAMES: &[(&str, Span)] = &[
    ("password", ALL),
    ("password_hash", S2026_5),
    ("raw_password", ALL),
    ("private_key", ALL),
    ("client_secret", ALL),
    // core.token and enterprise.license
    ("key", ALL),
    // scim provider bearer token
    ("token", ALL),
    // SMS provider auth token
    ("auth", ALL),
    ("auth_password", ALL),
    ("bind_password", ALL),
    ("sync_password", ALL),
    ("sync_keytab", ALL),
    ("spnego_keytab", ALL),
    ("shared_secret", ALL),
    ("admin_secret_key", ALL),
    ("consumer_secret", ALL),
    ("bot_token", S2025_10),
    ("plex_token", ALL),
    ("access_token", ALL),
    ("key_data", ALL),
    // Google service-account JSON (workspace provider, device trust stage)
    ("credentials", ALL),
];

pub(crate) fn is_secret(field: &str, release: AuthentikVersion) -> bool {
    SECRET_FIELD_NAMES
        .iter()
        .any(|(name, span)| *name == field && span.holds_in(release))
}

/// References that depend on the model: these names mean different things elsewhere.
pub(crate) const MODEL_REFERENCES: &[(&str, &str, RefTarget, Span)] = &[
    (
        "authentik_flows.flowstagebinding",
        "target",
        RefTarget::Flow,
        ALL,
    ),
    (
        "authentik_flows.flowstagebinding",
        "stage",
        RefTarget::Stage,
        ALL,
    ),
    (
        "authentik_policies.policybinding",
        "target",
        RefTarget::PolicyBindingTarget,
        ALL,
    ),
    (
        "authentik_stages_prompt.promptstage",
        "fields",
        RefTarget::Prompt,
        ALL,
    ),
    (
        "authentik_stages_invitation.invitation",
        "flow",
        RefTarget::Flow,
        ALL,
    ),
];

/// Reference names with one meaning across all models (FK or M2M to that kind).
pub(crate) const NAMED_REFERENCES: &[(&str, RefTarget, Span)] = &[
    ("authentication_flow", RefTarget::Flow, ALL),
    ("authorization_flow", RefTarget::Flow, ALL),
    ("configure_flow", RefTarget::Flow, ALL),
    ("enrollment_flow", RefTarget::Flow, ALL),
    ("invalidation_flow", RefTarget::Flow, ALL),
    ("passwordless_flow", RefTarget::Flow, ALL),
    ("pre_authentication_flow", RefTarget::Flow, ALL),
    ("recovery_flow", RefTarget::Flow, ALL),
    ("self_service_completion_flow", RefTarget::Flow, S2026_5),
    ("target_flow", RefTarget::Flow, ALL),
    // brand defaults
    ("flow_authentication", RefTarget::Flow, ALL),
    ("flow_device_code", RefTarget::Flow, ALL),
    ("flow_invalidation", RefTarget::Flow, ALL),
    ("flow_recovery", RefTarget::Flow, ALL),
    ("flow_unenrollment", RefTarget::Flow, ALL),
    ("flow_user_settings", RefTarget::Flow, ALL),
    ("captcha_stage", RefTarget::Stage, ALL),
    ("configuration_stages", RefTarget::Stage, ALL),
    ("password_stage", RefTarget::Stage, ALL),
    ("webauthn_stage", RefTarget::Stage, S2025_12),
    // policy bindings and their endpoint subclasses
    ("policy", RefTarget::Policy, ALL),
    ("validation_policies", RefTarget::Policy, ALL),
    ("create_users_group", RefTarget::Group, ALL),
    ("destination_group", RefTarget::Group, S2025_8),
    ("filter_group", RefTarget::Group, ALL),
    ("group", RefTarget::Group, ALL),
    ("groups", RefTarget::Group, ALL),
    ("parents", RefTarget::Group, S2025_12),
    ("sync_parent_group", RefTarget::Group, ALL),
    ("user", RefTarget::User, ALL),
    ("users", RefTarget::User, ALL),
    ("source", RefTarget::Source, ALL),
    ("sources", RefTarget::Source, ALL),
];

/// What `model.field` refers to in `release`. For list fields each item refers to
/// the target.
pub(crate) fn reference(model: &str, field: &str, release: AuthentikVersion) -> Option<RefTarget> {
    MODEL_REFERENCES
        .iter()
        .find(|(m, f, _, span)| *m == model && *f == field && span.holds_in(release))
        .map(|(_, _, target, _)| *target)
        .or_else(|| {
            NAMED_REFERENCES
                .iter()
                .find(|(name, _, span)| *name == field && span.holds_in(release))
                .map(|(_, target, _)| *target)
        })
}

/// Timedelta-string fields of flow-semantics §7 whose schema description lacks the
/// "(Format: hours=" marker the generator looks for. The others (user login,
/// consent, email stages, source stage, providers) are flagged in the release data.
pub(crate) const EXTRA_DURATION_FIELDS: &[(&str, &str, Span)] = &[
    (
        "authentik_stages_authenticator_validate.authenticatorvalidatestage",
        "last_auth_threshold",
        ALL,
    ),
    (
        "authentik_endpoints_connectors_agent.agentconnector",
        "snapshot_expiry",
        S2025_12,
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

pub(crate) fn is_extra_duration(model: &str, field: &str, release: AuthentikVersion) -> bool {
    EXTRA_DURATION_FIELDS
        .iter()
        .any(|(m, f, span)| *m == model && *f == field && span.holds_in(release))
}
