//! Stage and policy models: admin component, Django verbose names, and for stages
//! what they do with the pending user (the policy rows are in `policies.rs`).
//!
//! Sources: flow-semantics §6.1 (stages) and §4.2 (policies). Where the spec
//! writes a plural as "…Stages", the plural is the singular plus "s" (the spec's
//! own open question says so).
//!
//! Releases: every row holds from the first embedded release whose data has its
//! model (`catalog/tests/spans.rs` checks it). The published artifacts carry no
//! component, verbose name or stage behaviour, so no row knows of a release that
//! changed one: each holds as long as the model exists (a later change needs a new
//! row with its own span, and the old row's `last`).

use super::policies::POLICIES;
use super::{ALL, S2025_2, S2025_6, S2025_12, S2026_5, Span};
use crate::catalog::AuthentikVersion;
use crate::catalog::spec::StageEffect;
use crate::catalog::spec::StageRole::{self, *};

/// Hand-written facts about one stage or policy model.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Described {
    pub id: &'static str,
    pub component: &'static str,
    pub verbose_name: &'static str,
    pub verbose_name_plural: &'static str,
    /// Stages only.
    pub role: Option<StageRole>,
    /// The releases the row holds for.
    pub releases: Span,
}

const fn stage(
    id: &'static str,
    component: &'static str,
    verbose_name: &'static str,
    verbose_name_plural: &'static str,
    role: StageRole,
    releases: Span,
) -> Described {
    Described {
        id,
        component,
        verbose_name,
        verbose_name_plural,
        role: Some(role),
        releases,
    }
}

/// The account lockdown stage, for `releases`: 2025.12 (the supplement model, whose
/// shipped blueprints use it) and from 2026.5 (the release data); 2026.2's data has no
/// such model, so one span cannot say both.
const fn account_lockdown(releases: Span) -> Described {
    stage(
        "authentik_stages_account_lockdown.accountlockdownstage",
        "ak-stage-account-lockdown-form",
        "Account Lockdown Stage",
        "Account Lockdown Stages",
        NeedsUser,
        releases,
    )
}

/// Every stage model of flow-semantics §6.1, in the spec's order.
///
/// Stage roles (why each one):
/// * identification, user write, source: their job is to produce `pending_user`
///   (user write creates one when `user_creation_mode` allows it).
/// * authenticator validate: uses the pending user when there is one; without one
///   it either skips itself or, in authentication flows with WebAuthn allowed,
///   runs passwordless and sets `pending_user` from the passkey. So it may set,
///   and never needs.
/// * mutual TLS: sets `pending_user` from the certificate, but `optional` mode
///   without a certificate and enrollment flows pass without setting it.
/// * password, user login, email: they check `pending_user in plan.context` and call
///   `stage_invalid` otherwise ("No Pending user to login.", "No pending user.").
/// * user delete, authenticator setup stages, account lockdown: they use
///   `get_pending_user()`, which falls back to the logged-in request user, so
///   they work in `require_authenticated` flows with no earlier stage.
/// * consent: `always_require` (the default) needs no user; the remembering modes
///   use `get_pending_user()` in authorization flows where the user is logged in.
///   Neutral, so the simulator never flags the common implicit/explicit consent flows.
/// * user logout: logs out the request user; nothing to fail.
/// * endpoint and Google Device Trust stages: what they need is not verified in
///   the spec; Neutral keeps the linter from guessing.
pub(crate) const STAGES: &[Described] = &[
    stage(
        "authentik_stages_identification.identificationstage",
        "ak-stage-identification-form",
        "Identification Stage",
        "Identification Stages",
        SetsPendingUser,
        ALL,
    ),
    stage(
        "authentik_stages_password.passwordstage",
        "ak-stage-password-form",
        "Password Stage",
        "Password Stages",
        NeedsPendingUser,
        ALL,
    ),
    stage(
        "authentik_stages_user_login.userloginstage",
        "ak-stage-user-login-form",
        "User Login Stage",
        "User Login Stages",
        NeedsPendingUser,
        ALL,
    ),
    stage(
        "authentik_stages_user_logout.userlogoutstage",
        "ak-stage-user-logout-form",
        "User Logout Stage",
        "User Logout Stages",
        Neutral,
        ALL,
    ),
    stage(
        "authentik_stages_user_write.userwritestage",
        "ak-stage-user-write-form",
        "User Write Stage",
        "User Write Stages",
        SetsPendingUser,
        ALL,
    ),
    stage(
        "authentik_stages_user_delete.userdeletestage",
        "ak-stage-user-delete-form",
        "User Delete Stage",
        "User Delete Stages",
        NeedsUser,
        ALL,
    ),
    stage(
        "authentik_stages_prompt.promptstage",
        "ak-stage-prompt-form",
        "Prompt Stage",
        "Prompt Stages",
        Neutral,
        ALL,
    ),
    stage(
        "authentik_stages_consent.consentstage",
        "ak-stage-consent-form",
        "Consent Stage",
        "Consent Stages",
        Neutral,
        ALL,
    ),
    stage(
        "authentik_stages_deny.denystage",
        "ak-stage-deny-form",
        "Deny Stage",
        "Deny Stages",
        Neutral,
        ALL,
    ),
    stage(
        "authentik_stages_dummy.dummystage",
        "ak-stage-dummy-form",
        "Dummy Stage",
        "Dummy Stages",
        Neutral,
        ALL,
    ),
    stage(
        "authentik_stages_redirect.redirectstage",
        "ak-stage-redirect-form",
        "Redirect Stage",
        "Redirect Stages",
        Neutral,
        ALL,
    ),
    stage(
        "authentik_stages_invitation.invitationstage",
        "ak-stage-invitation-form",
        "Invitation Stage",
        "Invitation Stages",
        Neutral,
        ALL,
    ),
    stage(
        "authentik_stages_email.emailstage",
        "ak-stage-email-form",
        "Email Stage",
        "Email Stages",
        NeedsPendingUser,
        ALL,
    ),
    stage(
        "authentik_stages_captcha.captchastage",
        "ak-stage-captcha-form",
        "Captcha Stage",
        "Captcha Stages",
        Neutral,
        ALL,
    ),
    stage(
        "authentik_stages_authenticator_validate.authenticatorvalidatestage",
        "ak-stage-authenticator-validate-form",
        "Authenticator Validation Stage",
        "Authenticator Validation Stages",
        MaySetPendingUser,
        ALL,
    ),
    stage(
        "authentik_stages_authenticator_duo.authenticatorduostage",
        "ak-stage-authenticator-duo-form",
        "Duo Authenticator Setup Stage",
        "Duo Authenticator Setup Stages",
        NeedsUser,
        ALL,
    ),
    // The schema's name; one older source has the typo "Email Autherenticator Stage".
    stage(
        "authentik_stages_authenticator_email.authenticatoremailstage",
        "ak-stage-authenticator-email-form",
        "Email Authenticator Setup Stage",
        "Email Authenticator Setup Stages",
        NeedsUser,
        S2025_2,
    ),
    stage(
        "authentik_stages_authenticator_sms.authenticatorsmsstage",
        "ak-stage-authenticator-sms-form",
        "SMS Authenticator Setup Stage",
        "SMS Authenticator Setup Stages",
        NeedsUser,
        ALL,
    ),
    // "Setup" in the name since 2025.2; older sources say "Static Authenticator Stage".
    stage(
        "authentik_stages_authenticator_static.authenticatorstaticstage",
        "ak-stage-authenticator-static-form",
        "Static Authenticator Setup Stage",
        "Static Authenticator Setup Stages",
        NeedsUser,
        ALL,
    ),
    stage(
        "authentik_stages_authenticator_totp.authenticatortotpstage",
        "ak-stage-authenticator-totp-form",
        "TOTP Authenticator Setup Stage",
        "TOTP Authenticator Setup Stages",
        NeedsUser,
        ALL,
    ),
    stage(
        "authentik_stages_authenticator_webauthn.authenticatorwebauthnstage",
        "ak-stage-authenticator-webauthn-form",
        "WebAuthn Authenticator Setup Stage",
        "WebAuthn Authenticator Setup Stages",
        NeedsUser,
        ALL,
    ),
    stage(
        "authentik_stages_source.sourcestage",
        "ak-stage-source-form",
        "Source Stage",
        "Source Stages",
        SetsPendingUser,
        ALL,
    ),
    stage(
        "authentik_stages_mtls.mutualtlsstage",
        "ak-stage-mtls-form",
        "Mutual TLS Stage",
        "Mutual TLS Stages",
        MaySetPendingUser,
        S2025_6,
    ),
    // Not in the 2025.12 data; described by overlay/supplement.rs for 2025.12.
    account_lockdown(Span {
        first: AuthentikVersion::new(2025, 12),
        last: Some(AuthentikVersion::new(2025, 12)),
    }),
    account_lockdown(S2026_5),
    stage(
        "authentik_stages_authenticator_endpoint_gdtc.authenticatorendpointgdtcstage",
        "ak-stage-authenticator-endpoint-gdtc-form",
        "Endpoint Authenticator Google Device Trust Connector Stage",
        "Endpoint Authenticator Google Device Trust Connector Stages",
        Neutral,
        ALL,
    ),
    // The component comes from an older source copy (flow-semantics §6.1 flags it
    // as not verified for newer releases).
    stage(
        "authentik_endpoints.endpointstage",
        "ak-endpoints-stage",
        "Endpoint Stage",
        "Endpoint Stages",
        Neutral,
        S2025_12,
    ),
];

/// Verbose names of the non-stage models the inspector and messages name
/// (flow-semantics §1.2, §1.4, §6.1 prompt).
pub(crate) const OTHER_VERBOSE_NAMES: &[(&str, &str, &str, Span)] = &[
    ("authentik_flows.flow", "Flow", "Flows", ALL),
    (
        "authentik_flows.flowstagebinding",
        "Flow Stage Binding",
        "Flow Stage Bindings",
        ALL,
    ),
    ("authentik_stages_prompt.prompt", "Prompt", "Prompts", ALL),
];

/// The stage or policy description of `id` (canonical lower-case id) in `release`.
pub(crate) fn described(id: &str, release: AuthentikVersion) -> Option<&'static Described> {
    STAGES
        .iter()
        .chain(POLICIES)
        .find(|entry| entry.id == id && entry.releases.holds_in(release))
}

/// The verbose names of a model that is no stage or policy, in `release`.
pub(crate) fn other_verbose_names(
    id: &str,
    release: AuthentikVersion,
) -> Option<(&'static str, &'static str)> {
    OTHER_VERBOSE_NAMES
        .iter()
        .find(|(model, _, _, span)| *model == id && span.holds_in(release))
        .map(|(_, singular, plural, _)| (*singular, *plural))
}

/// What the stages that decide who is logged in do (flow rules FL507, FL508).
/// * user login: `UserLoginStageView` calls `login()` for the pending user;
/// * redirect (to a flow) and source: the flow or source they hand over to logs in;
/// * password and authenticator validation: they prove who the user is, so a flow
///   that skips them lets the user in unproven (authentik issue #6169).
pub(crate) const STAGE_EFFECTS: &[(&str, StageEffect, Span)] = &[
    (
        "authentik_stages_user_login.userloginstage",
        StageEffect::LogsIn,
        ALL,
    ),
    (
        "authentik_stages_redirect.redirectstage",
        StageEffect::HandsOver,
        ALL,
    ),
    (
        "authentik_stages_source.sourcestage",
        StageEffect::HandsOver,
        ALL,
    ),
    (
        "authentik_stages_password.passwordstage",
        StageEffect::ProvesIdentity,
        ALL,
    ),
    (
        "authentik_stages_authenticator_validate.authenticatorvalidatestage",
        StageEffect::ProvesIdentity,
        ALL,
    ),
];

/// The stage effect of `id` (canonical lower-case id) in `release`, if it has one.
pub(crate) fn effect(id: &str, release: AuthentikVersion) -> Option<StageEffect> {
    STAGE_EFFECTS
        .iter()
        .find(|(model, _, span)| *model == id && span.holds_in(release))
        .map(|(_, effect, _)| *effect)
}
