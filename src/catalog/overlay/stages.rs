//! Stage and policy models: admin component, Django verbose names, and for stages
//! what they do with the pending user.
//!
//! Sources: flow-semantics §6.1 (stages) and §4.2 (policies). Where the spec
//! writes a plural as "…Stages", the plural is the singular plus "s" (the spec's
//! own open question says so).

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
}

const fn stage(
    id: &'static str,
    component: &'static str,
    verbose_name: &'static str,
    verbose_name_plural: &'static str,
    role: StageRole,
) -> Described {
    Described {
        id,
        component,
        verbose_name,
        verbose_name_plural,
        role: Some(role),
    }
}

const fn policy(
    id: &'static str,
    component: &'static str,
    verbose_name: &'static str,
    verbose_name_plural: &'static str,
) -> Described {
    Described {
        id,
        component,
        verbose_name,
        verbose_name_plural,
        role: None,
    }
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
    ),
    stage(
        "authentik_stages_password.passwordstage",
        "ak-stage-password-form",
        "Password Stage",
        "Password Stages",
        NeedsPendingUser,
    ),
    stage(
        "authentik_stages_user_login.userloginstage",
        "ak-stage-user-login-form",
        "User Login Stage",
        "User Login Stages",
        NeedsPendingUser,
    ),
    stage(
        "authentik_stages_user_logout.userlogoutstage",
        "ak-stage-user-logout-form",
        "User Logout Stage",
        "User Logout Stages",
        Neutral,
    ),
    stage(
        "authentik_stages_user_write.userwritestage",
        "ak-stage-user-write-form",
        "User Write Stage",
        "User Write Stages",
        SetsPendingUser,
    ),
    stage(
        "authentik_stages_user_delete.userdeletestage",
        "ak-stage-user-delete-form",
        "User Delete Stage",
        "User Delete Stages",
        NeedsUser,
    ),
    stage(
        "authentik_stages_prompt.promptstage",
        "ak-stage-prompt-form",
        "Prompt Stage",
        "Prompt Stages",
        Neutral,
    ),
    stage(
        "authentik_stages_consent.consentstage",
        "ak-stage-consent-form",
        "Consent Stage",
        "Consent Stages",
        Neutral,
    ),
    stage(
        "authentik_stages_deny.denystage",
        "ak-stage-deny-form",
        "Deny Stage",
        "Deny Stages",
        Neutral,
    ),
    stage(
        "authentik_stages_dummy.dummystage",
        "ak-stage-dummy-form",
        "Dummy Stage",
        "Dummy Stages",
        Neutral,
    ),
    stage(
        "authentik_stages_redirect.redirectstage",
        "ak-stage-redirect-form",
        "Redirect Stage",
        "Redirect Stages",
        Neutral,
    ),
    stage(
        "authentik_stages_invitation.invitationstage",
        "ak-stage-invitation-form",
        "Invitation Stage",
        "Invitation Stages",
        Neutral,
    ),
    stage(
        "authentik_stages_email.emailstage",
        "ak-stage-email-form",
        "Email Stage",
        "Email Stages",
        NeedsPendingUser,
    ),
    stage(
        "authentik_stages_captcha.captchastage",
        "ak-stage-captcha-form",
        "Captcha Stage",
        "Captcha Stages",
        Neutral,
    ),
    stage(
        "authentik_stages_authenticator_validate.authenticatorvalidatestage",
        "ak-stage-authenticator-validate-form",
        "Authenticator Validation Stage",
        "Authenticator Validation Stages",
        MaySetPendingUser,
    ),
    stage(
        "authentik_stages_authenticator_duo.authenticatorduostage",
        "ak-stage-authenticator-duo-form",
        "Duo Authenticator Setup Stage",
        "Duo Authenticator Setup Stages",
        NeedsUser,
    ),
    // The schema's name; one older source has the typo "Email Autherenticator Stage".
    stage(
        "authentik_stages_authenticator_email.authenticatoremailstage",
        "ak-stage-authenticator-email-form",
        "Email Authenticator Setup Stage",
        "Email Authenticator Setup Stages",
        NeedsUser,
    ),
    stage(
        "authentik_stages_authenticator_sms.authenticatorsmsstage",
        "ak-stage-authenticator-sms-form",
        "SMS Authenticator Setup Stage",
        "SMS Authenticator Setup Stages",
        NeedsUser,
    ),
    // "Setup" in the name since 2025.2; older sources say "Static Authenticator Stage".
    stage(
        "authentik_stages_authenticator_static.authenticatorstaticstage",
        "ak-stage-authenticator-static-form",
        "Static Authenticator Setup Stage",
        "Static Authenticator Setup Stages",
        NeedsUser,
    ),
    stage(
        "authentik_stages_authenticator_totp.authenticatortotpstage",
        "ak-stage-authenticator-totp-form",
        "TOTP Authenticator Setup Stage",
        "TOTP Authenticator Setup Stages",
        NeedsUser,
    ),
    stage(
        "authentik_stages_authenticator_webauthn.authenticatorwebauthnstage",
        "ak-stage-authenticator-webauthn-form",
        "WebAuthn Authenticator Setup Stage",
        "WebAuthn Authenticator Setup Stages",
        NeedsUser,
    ),
    stage(
        "authentik_stages_source.sourcestage",
        "ak-stage-source-form",
        "Source Stage",
        "Source Stages",
        SetsPendingUser,
    ),
    stage(
        "authentik_stages_mtls.mutualtlsstage",
        "ak-stage-mtls-form",
        "Mutual TLS Stage",
        "Mutual TLS Stages",
        MaySetPendingUser,
    ),
    // Not in the 2025.12 schema; described by overlay/supplement.rs.
    stage(
        "authentik_stages_account_lockdown.accountlockdownstage",
        "ak-stage-account-lockdown-form",
        "Account Lockdown Stage",
        "Account Lockdown Stages",
        NeedsUser,
    ),
    stage(
        "authentik_stages_authenticator_endpoint_gdtc.authenticatorendpointgdtcstage",
        "ak-stage-authenticator-endpoint-gdtc-form",
        "Endpoint Authenticator Google Device Trust Connector Stage",
        "Endpoint Authenticator Google Device Trust Connector Stages",
        Neutral,
    ),
    // The component comes from an older source copy (flow-semantics §6.1 flags it
    // as not verified for newer releases).
    stage(
        "authentik_endpoints.endpointstage",
        "ak-endpoints-stage",
        "Endpoint Stage",
        "Endpoint Stages",
        Neutral,
    ),
];

/// Every policy model of flow-semantics §4.2 that a release has shipped
/// (the unreleased conditional policy is a hint in `hints.rs` instead).
pub(crate) const POLICIES: &[Described] = &[
    policy(
        "authentik_policies_dummy.dummypolicy",
        "ak-policy-dummy-form",
        "Dummy Policy",
        "Dummy Policies",
    ),
    policy(
        "authentik_policies_expression.expressionpolicy",
        "ak-policy-expression-form",
        "Expression Policy",
        "Expression Policies",
    ),
    policy(
        "authentik_policies_password.passwordpolicy",
        "ak-policy-password-form",
        "Password Policy",
        "Password Policies",
    ),
    policy(
        "authentik_policies_reputation.reputationpolicy",
        "ak-policy-reputation-form",
        "Reputation Policy",
        "Reputation Policies",
    ),
    policy(
        "authentik_policies_expiry.passwordexpirypolicy",
        "ak-policy-password-expiry-form",
        "Password Expiry Policy",
        "Password Expiry Policies",
    ),
    policy(
        "authentik_policies_event_matcher.eventmatcherpolicy",
        "ak-policy-event-matcher-form",
        "Event Matcher Policy",
        "Event Matcher Policies",
    ),
    policy(
        "authentik_policies_geoip.geoippolicy",
        "ak-policy-geoip-form",
        "GeoIP Policy",
        "GeoIP Policies",
    ),
    policy(
        "authentik_policies_unique_password.uniquepasswordpolicy",
        "ak-policy-password-uniqueness-form",
        "Password Uniqueness Policy",
        "Password Uniqueness Policies",
    ),
];

/// Verbose names of the non-stage models the inspector and messages name
/// (flow-semantics §1.2, §1.4, §6.1 prompt).
pub(crate) const OTHER_VERBOSE_NAMES: &[(&str, &str, &str)] = &[
    ("authentik_flows.flow", "Flow", "Flows"),
    (
        "authentik_flows.flowstagebinding",
        "Flow Stage Binding",
        "Flow Stage Bindings",
    ),
    ("authentik_stages_prompt.prompt", "Prompt", "Prompts"),
];

/// The stage or policy description for `id` (canonical lower-case id).
pub(crate) fn described(id: &str) -> Option<&'static Described> {
    STAGES.iter().chain(POLICIES).find(|entry| entry.id == id)
}

/// What the stages that decide who is logged in do (flow rules FL507, FL508).
/// * user login: `UserLoginStageView` calls `login()` for the pending user;
/// * redirect (to a flow) and source: the flow or source they hand over to logs in;
/// * password and authenticator validation: they prove who the user is, so a flow
///   that skips them lets the user in unproven (authentik issue #6169).
pub(crate) const STAGE_EFFECTS: &[(&str, StageEffect)] = &[
    (
        "authentik_stages_user_login.userloginstage",
        StageEffect::LogsIn,
    ),
    (
        "authentik_stages_redirect.redirectstage",
        StageEffect::HandsOver,
    ),
    (
        "authentik_stages_source.sourcestage",
        StageEffect::HandsOver,
    ),
    (
        "authentik_stages_password.passwordstage",
        StageEffect::ProvesIdentity,
    ),
    (
        "authentik_stages_authenticator_validate.authenticatorvalidatestage",
        StageEffect::ProvesIdentity,
    ),
];

/// The stage effect of `id` (canonical lower-case id), if it has one.
pub(crate) fn effect(id: &str) -> Option<StageEffect> {
    STAGE_EFFECTS
        .iter()
        .find(|(model, _)| *model == id)
        .map(|(_, effect)| *effect)
}
