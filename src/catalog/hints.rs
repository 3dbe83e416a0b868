//! Explanations for model ids and choice values no embedded release has: branch-only
//! features and old names. What another embedded release has is worked out from the
//! release data instead (`describe_releases`).
//!
//! Sources: the `model:` lines of `shared/corpus/authentik-next` (unreleased
//! features) and `shared/corpus/authentik/legacy` (old layouts), plus the version
//! matrix of flow-semantics §0. Each hint reads as a sentence after the model id.

/// `(model id with lower-case model name, hint)`.
const MODEL_HINTS: &[(&str, &str)] = &[
    // Newer: unreleased or branch-only features.
    (
        "authentik_policies_conditional.conditionalpolicy",
        "The conditional policy exists only on unreleased authentik development branches; \
         a newer authentik may have it.",
    ),
    (
        "authentik_crypto_secrets.secret",
        "Secrets exist only on unreleased authentik development branches; \
         a newer authentik may have them.",
    ),
    (
        "authentik_interfaces.interface",
        "Interfaces exist only on authentik development branches; no release this \
         catalog knows has them.",
    ),
    (
        "authentik_crypto.acmehttp01challenge",
        "ACME HTTP-01 challenges exist only on unreleased authentik development branches; \
         a newer authentik may have them.",
    ),
    (
        "authentik_providers_google.googleprovidermapping",
        "This Google provider exists only on unreleased authentik development branches; \
         released versions have authentik_providers_google_workspace.googleworkspaceprovidermapping.",
    ),
    (
        "authentik_stages_account_selection.accountselectionstage",
        "The account selection stage exists only on unreleased authentik development \
         branches; a newer authentik may have it.",
    ),
    (
        "authentik_stages_account_selection.accountswitchstage",
        "The account switch stage exists only on unreleased authentik development \
         branches; a newer authentik may have it.",
    ),
    (
        "authentik_stages_user_selection.userselectionstage",
        "The user selection stage exists only on unreleased authentik development \
         branches; a newer authentik may have it.",
    ),
    (
        "authentik_stages_authenticator_mobile.authenticatormobilestage",
        "The mobile authenticator stage exists only on authentik development branches; \
         no release this catalog knows has it.",
    ),
    // Older: renamed or removed models.
    (
        "authentik_stages_authenticator_webauthn.authenticatewebauthnstage",
        "This is the old name of \
         authentik_stages_authenticator_webauthn.authenticatorwebauthnstage.",
    ),
    (
        "authentik_tenants.tenant",
        "Tenants became brands in authentik 2024.2; use authentik_brands.brand.",
    ),
];

/// `(model id, field, value, hint)` for choice values a newer release added.
const VALUE_HINTS: &[(&str, &str, &str, &str)] = &[
    (
        "authentik_flows.flow",
        "designation",
        "account_selection",
        "The account_selection designation exists only on unreleased authentik development \
         branches; a newer authentik may have it.",
    ),
    (
        "authentik_flows.flow",
        "designation",
        "user_selection",
        "The user_selection designation exists only on unreleased authentik development \
         branches; a newer authentik may have it.",
    ),
];

/// Hint for a model id the catalog does not have. App label exact, model name
/// case-insensitive (as for [`super::Catalog::model`]).
pub(crate) fn model_hint(id: &str) -> Option<&'static str> {
    let (app_label, model_name) = id.split_once('.')?;
    MODEL_HINTS.iter().find_map(|(known, hint)| {
        let (known_app, known_model) = known.split_once('.')?;
        (known_app == app_label && known_model.eq_ignore_ascii_case(model_name)).then_some(*hint)
    })
}

/// Hint for a choice value that a newer authentik accepts for `model.field`.
pub(crate) fn value_hint(model_id: &str, field: &str, value: &str) -> Option<&'static str> {
    VALUE_HINTS
        .iter()
        .find(|(model, name, known, _)| *model == model_id && *name == field && *known == value)
        .map(|(_, _, _, hint)| *hint)
}

#[cfg(test)]
pub(crate) fn hinted_model_ids() -> impl Iterator<Item = &'static str> {
    MODEL_HINTS.iter().map(|(id, _)| *id)
}
