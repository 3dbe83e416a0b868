//! Attributes an entry must give when it creates the object.
//!
//! Conservative on purpose: a field is listed only when the spec (or the model
//! code it paraphrases) says the create fails without it. A false "required"
//! finding on a valid upstream blueprint is a bug, so anything uncertain stays out
//! (see the notes next to the table).
//!
//! Every stage and every policy additionally requires `name` (`Stage.name` and
//! `Policy.name` are unique text columns without a default, flow-semantics §1.3,
//! §1.5); `assemble.rs` adds it from the model kind rather than repeating it here.

use super::{ALL, S2025_6, S2025_12, Span};
use crate::catalog::AuthentikVersion;

/// `(model id, required attributes, releases)`: from the first embedded release
/// whose data has the model (a test checks every row against each release's data
/// and against the API's own required flag).
///
/// Left out deliberately:
/// * `authentik_stages_prompt.prompt` `type`: the spec lists it as required, but
///   upstream's own default blueprints (`flow-default-source-enrollment.yaml`,
///   `flows-enrollment-2-stage.yaml`) create prompts with `prompt_type` instead, and
///   they are applied by upstream's test suite.
/// * `authentik_policies.policybinding` `policy`/`group`/`user`: exactly one of the
///   three is required, which a single list cannot express (bindings rule).
/// * `authentik_endpoints.endpointstage` `mode`: default not verified.
/// * `authentik_policies_password.passwordpolicy` `error_message`: no default in the
///   model, but the spec does not call it required.
pub(crate) const REQUIRED_ON_CREATE: &[(&str, &[&str], Span)] = &[
    // flow-semantics §1.2 and §7: the API requires all four.
    (
        "authentik_flows.flow",
        &["name", "slug", "title", "designation"],
        ALL,
    ),
    // §1.4: target and stage are CASCADE foreign keys, order has no default.
    (
        "authentik_flows.flowstagebinding",
        &["target", "stage", "order"],
        ALL,
    ),
    // §1.5: target foreign key and order (int, required).
    (
        "authentik_policies.policybinding",
        &["target", "order"],
        ALL,
    ),
    // §6.1 prompt model: name (unique), field_key and label (type: see above).
    (
        "authentik_stages_prompt.prompt",
        &["name", "field_key", "label"],
        ALL,
    ),
    // §6.1 stage table, "required" column.
    (
        "authentik_stages_password.passwordstage",
        &["backends"],
        ALL,
    ),
    ("authentik_stages_prompt.promptstage", &["fields"], ALL),
    ("authentik_stages_redirect.redirectstage", &["mode"], ALL),
    (
        "authentik_stages_captcha.captchastage",
        &["public_key", "private_key"],
        ALL,
    ),
    (
        "authentik_stages_authenticator_duo.authenticatorduostage",
        &["api_hostname", "client_id", "client_secret"],
        ALL,
    ),
    (
        "authentik_stages_authenticator_sms.authenticatorsmsstage",
        &["provider", "from_number", "account_sid", "auth"],
        ALL,
    ),
    (
        "authentik_stages_authenticator_totp.authenticatortotpstage",
        &["digits"],
        ALL,
    ),
    ("authentik_stages_source.sourcestage", &["source"], ALL),
    (
        "authentik_stages_mtls.mutualtlsstage",
        &["mode", "cert_attribute", "user_attribute"],
        S2025_6,
    ),
    (
        "authentik_stages_authenticator_endpoint_gdtc.authenticatorendpointgdtcstage",
        &["credentials"],
        ALL,
    ),
    (
        "authentik_endpoints.endpointstage",
        &["connector"],
        S2025_12,
    ),
    // §4.2 policy table.
    (
        "authentik_policies_expression.expressionpolicy",
        &["expression"],
        ALL,
    ),
    (
        "authentik_policies_expiry.passwordexpirypolicy",
        &["days"],
        ALL,
    ),
    // Core models: Group.name and User.username are required, unique columns.
    ("authentik_core.group", &["name"], ALL),
    ("authentik_core.user", &["username"], ALL),
    // Meta models (blueprint-format §6.2): their serializers declare these fields
    // without defaults (`identifiers`, `user_identifiers`, `raw_password`,
    // `model_name`); attrs only, there are no identifiers to merge.
    (
        "authentik_blueprints.metaapplyblueprint",
        &["identifiers"],
        ALL,
    ),
    (
        "authentik_blueprints.metausersetpassword",
        &["user_identifiers", "raw_password"],
        ALL,
    ),
    (
        "authentik_blueprints.metacleanblueprint",
        &["model_name"],
        ALL,
    ),
];

/// The explicitly listed required attributes of `id` (canonical id) in `release`.
pub(crate) fn required_on_create(id: &str, release: AuthentikVersion) -> &'static [&'static str] {
    REQUIRED_ON_CREATE
        .iter()
        .find(|(model, _, span)| *model == id && span.holds_in(release))
        .map_or(&[], |(_, fields, _)| fields)
}
