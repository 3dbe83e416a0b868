//! Explanations for model ids and choice values no embedded release has: branch-only
//! features and names older than every embedded release. What another embedded
//! release has is worked out from the release data instead (`describe_releases`).
//! Each row says which of the two it is ([`Known`]), and a test holds that against
//! every embedded release's data (a branch-only id is in none; a replacement is in
//! every one).
//!
//! Sources: the `model:` lines of `shared/corpus/authentik-next` (unreleased
//! features) and `shared/corpus/authentik/legacy` (old layouts), plus the version
//! matrix of flow-semantics §0. Each hint reads as a sentence after the model id.

/// Why no embedded release has an id or a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Known {
    /// Only on authentik development branches, in no release (yet).
    BranchOnly,
    /// Replaced before the oldest embedded release by `by`, which every embedded
    /// release has.
    Replaced { by: &'static str },
}

use Known::*;

/// `(model id with lower-case model name, why unknown, hint)`.
const MODEL_HINTS: &[(&str, Known, &str)] = &[
    // Newer: unreleased or branch-only features.
    (
        "authentik_policies_conditional.conditionalpolicy",
        BranchOnly,
        "The conditional policy exists only on unreleased authentik development branches; \
         a newer authentik may have it.",
    ),
    (
        "authentik_crypto_secrets.secret",
        BranchOnly,
        "Secrets exist only on unreleased authentik development branches; \
         a newer authentik may have them.",
    ),
    (
        "authentik_interfaces.interface",
        BranchOnly,
        "Interfaces exist only on authentik development branches; no release this \
         catalog knows has them.",
    ),
    (
        "authentik_crypto.acmehttp01challenge",
        BranchOnly,
        "ACME HTTP-01 challenges exist only on unreleased authentik development branches; \
         a newer authentik may have them.",
    ),
    (
        "authentik_providers_google.googleprovidermapping",
        BranchOnly,
        "This Google provider exists only on unreleased authentik development branches; \
         released versions have authentik_providers_google_workspace.googleworkspaceprovidermapping.",
    ),
    (
        "authentik_stages_account_selection.accountselectionstage",
        BranchOnly,
        "The account selection stage exists only on unreleased authentik development \
         branches; a newer authentik may have it.",
    ),
    (
        "authentik_stages_account_selection.accountswitchstage",
        BranchOnly,
        "The account switch stage exists only on unreleased authentik development \
         branches; a newer authentik may have it.",
    ),
    (
        "authentik_stages_user_selection.userselectionstage",
        BranchOnly,
        "The user selection stage exists only on unreleased authentik development \
         branches; a newer authentik may have it.",
    ),
    (
        "authentik_stages_authenticator_mobile.authenticatormobilestage",
        BranchOnly,
        "The mobile authenticator stage exists only on authentik development branches; \
         no release this catalog knows has it.",
    ),
    // Older: renamed or removed models.
    (
        "authentik_stages_authenticator_webauthn.authenticatewebauthnstage",
        Replaced {
            by: "authentik_stages_authenticator_webauthn.authenticatorwebauthnstage",
        },
        "This is the old name of \
         authentik_stages_authenticator_webauthn.authenticatorwebauthnstage.",
    ),
    (
        "authentik_tenants.tenant",
        Replaced {
            by: "authentik_brands.brand",
        },
        "Tenants became brands in authentik 2024.2; use authentik_brands.brand.",
    ),
];

/// `(model id, field, value, hint)` for choice values only development branches have
/// (branch-only: no embedded release accepts them, a test checks).
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
    MODEL_HINTS.iter().find_map(|(known, _, hint)| {
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
pub(crate) fn hinted_models() -> impl Iterator<Item = (&'static str, Known)> {
    MODEL_HINTS.iter().map(|(id, known, _)| (*id, *known))
}

#[cfg(test)]
pub(crate) fn hinted_values() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    VALUE_HINTS
        .iter()
        .map(|(model, field, value, _)| (*model, *field, *value))
}
