//! Which models the flow simulator and the install baseline treat specially, as
//! release-keyed rows: the simulator asks a model's [`Behaviour`] and the baseline a
//! base model's [`BaseQuery`] through the release, never by naming model ids.
//!
//! Sources: flow-semantics §3 and §6.1 (stage views), §4 (policy `passes`), and
//! authentik's `!Find` (`apps.get_model()` on concrete base models, multi-table
//! inheritance: a base model's rows are the objects of every subclass).

use super::{ALL, Span};
use crate::catalog::AuthentikVersion;
use crate::catalog::spec::{BaseQuery, Behaviour, ModelKind};

/// `(model id, behaviour, releases)`. A stage or policy model without a row runs as a
/// generic stage (its `StageRole` decides) or as a policy the scenario answers.
pub(crate) const BEHAVIOURS: &[(&str, Behaviour, Span)] = &[
    (
        "authentik_stages_identification.identificationstage",
        Behaviour::Identification,
        ALL,
    ),
    (
        "authentik_stages_prompt.promptstage",
        Behaviour::Prompt,
        ALL,
    ),
    (
        "authentik_stages_user_write.userwritestage",
        Behaviour::UserWrite,
        ALL,
    ),
    (
        "authentik_stages_user_login.userloginstage",
        Behaviour::UserLogin,
        ALL,
    ),
    (
        "authentik_stages_user_logout.userlogoutstage",
        Behaviour::UserLogout,
        ALL,
    ),
    (
        "authentik_stages_user_delete.userdeletestage",
        Behaviour::UserDelete,
        ALL,
    ),
    ("authentik_stages_deny.denystage", Behaviour::Deny, ALL),
    (
        "authentik_stages_redirect.redirectstage",
        Behaviour::Redirect,
        ALL,
    ),
    (
        "authentik_stages_invitation.invitationstage",
        Behaviour::InvitationStage,
        ALL,
    ),
    (
        "authentik_stages_authenticator_validate.authenticatorvalidatestage",
        Behaviour::AuthenticatorValidate,
        ALL,
    ),
    (
        "authentik_stages_password.passwordstage",
        Behaviour::Password,
        ALL,
    ),
    ("authentik_stages_email.emailstage", Behaviour::Email, ALL),
    (
        "authentik_stages_invitation.invitation",
        Behaviour::Invitation,
        ALL,
    ),
    (
        "authentik_policies_dummy.dummypolicy",
        Behaviour::DummyPolicy,
        ALL,
    ),
    (
        "authentik_policies_password.passwordpolicy",
        Behaviour::PasswordPolicy,
        ALL,
    ),
    // Policies whose answer depends on the visitor's request, not on the user.
    (
        "authentik_policies_geoip.geoippolicy",
        Behaviour::PerVisitorPolicy("GeoIP"),
        ALL,
    ),
    (
        "authentik_policies_reputation.reputationpolicy",
        Behaviour::PerVisitorPolicy("reputation"),
        ALL,
    ),
    (
        "authentik_policies_expression.expressionpolicy",
        Behaviour::PerVisitorPolicy("expression"),
        ALL,
    ),
];

/// `(base model id, what its lookups return, releases)`: the concrete base models a
/// `!Find` may query whose rows are the objects of other models.
pub(crate) const BASE_QUERIES: &[(&str, BaseQuery, Span)] = &[
    (
        "authentik_flows.stage",
        BaseQuery::Kind(ModelKind::Stage),
        ALL,
    ),
    (
        "authentik_policies.policy",
        BaseQuery::Kind(ModelKind::Policy),
        ALL,
    ),
    ("authentik_core.source", BaseQuery::Sources, ALL),
    (
        "authentik_core.propertymapping",
        BaseQuery::PropertyMappings,
        ALL,
    ),
];

/// The simulator behaviour of `id` in `release`.
pub(crate) fn behaviour(id: &str, release: AuthentikVersion) -> Option<Behaviour> {
    BEHAVIOURS
        .iter()
        .find(|(model, _, span)| *model == id && span.holds_in(release))
        .map(|(_, behaviour, _)| *behaviour)
}

/// What a lookup of base model `id` returns in `release`.
pub(crate) fn base_query(id: &str, release: AuthentikVersion) -> Option<BaseQuery> {
    BASE_QUERIES
        .iter()
        .find(|(model, _, span)| *model == id && span.holds_in(release))
        .map(|(_, query, _)| *query)
}
