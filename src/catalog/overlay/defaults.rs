//! Attribute defaults stated by the spec (flow-semantics §1.2, §1.4, §1.5, §4.2,
//! §6.1), each row with the releases it holds for: from the first embedded release
//! whose data has the field (`ALL`: every embedded release). A test checks every row
//! against the release data (the field exists in each release of the span and not in
//! the release before it). Defaults the spec marks "not verified" are left out.

use serde_json::Value;

use crate::catalog::AuthentikVersion;

use super::{ALL, S2025_2, S2025_4, S2025_6, S2025_8, S2025_12, S2026_5, Span};

/// A default value in a form that fits in a `const` table.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Lit {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'static str),
    Null,
    StrList(&'static [&'static str]),
}

impl Lit {
    pub(crate) fn to_value(self) -> Value {
        match self {
            Lit::Bool(value) => Value::Bool(value),
            Lit::Int(value) => Value::from(value),
            Lit::Float(value) => Value::from(value),
            Lit::Str(value) => Value::from(value),
            Lit::Null => Value::Null,
            Lit::StrList(values) => Value::from(values.to_vec()),
        }
    }
}

use Lit::*;

const EMPTY: Lit = StrList(&[]);
const FLOW: &str = "authentik_flows.flow";
const BINDING: &str = "authentik_flows.flowstagebinding";
const POLICY_BINDING: &str = "authentik_policies.policybinding";
const IDENTIFICATION: &str = "authentik_stages_identification.identificationstage";
const PASSWORD: &str = "authentik_stages_password.passwordstage";
const USER_LOGIN: &str = "authentik_stages_user_login.userloginstage";
const USER_WRITE: &str = "authentik_stages_user_write.userwritestage";
const CONSENT: &str = "authentik_stages_consent.consentstage";
const REDIRECT: &str = "authentik_stages_redirect.redirectstage";
const EMAIL: &str = "authentik_stages_email.emailstage";
const AUTH_EMAIL: &str = "authentik_stages_authenticator_email.authenticatoremailstage";
const CAPTCHA: &str = "authentik_stages_captcha.captchastage";
const VALIDATE: &str = "authentik_stages_authenticator_validate.authenticatorvalidatestage";
const DUO: &str = "authentik_stages_authenticator_duo.authenticatorduostage";
const SMS: &str = "authentik_stages_authenticator_sms.authenticatorsmsstage";
const STATIC: &str = "authentik_stages_authenticator_static.authenticatorstaticstage";
const WEBAUTHN: &str = "authentik_stages_authenticator_webauthn.authenticatorwebauthnstage";
const PROMPT: &str = "authentik_stages_prompt.prompt";
const LOCKDOWN: &str = "authentik_stages_account_lockdown.accountlockdownstage";
/// The release the account lockdown stage is supplemented for (`supplement.rs`).
const LOCKDOWN_2025_12: Span = Span {
    first: AuthentikVersion::new(2025, 12),
    last: Some(AuthentikVersion::new(2025, 12)),
};
const DUMMY_POLICY: &str = "authentik_policies_dummy.dummypolicy";
const PASSWORD_POLICY: &str = "authentik_policies_password.passwordpolicy";
const REPUTATION: &str = "authentik_policies_reputation.reputationpolicy";
const GEOIP: &str = "authentik_policies_geoip.geoippolicy";
const UNIQUE_PASSWORD: &str = "authentik_policies_unique_password.uniquepasswordpolicy";

/// The password policy's default symbol set; it ends with a space.
const SYMBOL_CHARSET: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ";

/// `(model id, field, default, releases)`.
#[rustfmt::skip]
pub(crate) const DEFAULTS: &[(&str, &str, Lit, Span)] = &[
    (FLOW, "layout", Str("stacked"), ALL),
    (FLOW, "compatibility_mode", Bool(false), ALL),
    (FLOW, "denied_action", Str("message_continue"), ALL),
    (FLOW, "authentication", Str("none"), ALL),
    (FLOW, "policy_engine_mode", Str("any"), ALL),
    (BINDING, "evaluate_on_plan", Bool(false), ALL),
    (BINDING, "re_evaluate_policies", Bool(true), ALL),
    (BINDING, "invalid_response_action", Str("retry"), ALL),
    (BINDING, "policy_engine_mode", Str("any"), ALL),
    (POLICY_BINDING, "enabled", Bool(true), ALL),
    (POLICY_BINDING, "negate", Bool(false), ALL),
    (POLICY_BINDING, "timeout", Int(30), ALL),
    (POLICY_BINDING, "failure_result", Bool(false), ALL),
    (IDENTIFICATION, "password_stage", Null, ALL),
    (IDENTIFICATION, "captcha_stage", Null, ALL),
    (IDENTIFICATION, "webauthn_stage", Null, S2025_12),
    (IDENTIFICATION, "case_insensitive_matching", Bool(true), ALL),
    (IDENTIFICATION, "show_matched_user", Bool(true), ALL),
    (IDENTIFICATION, "pretend_user_exists", Bool(true), ALL),
    (IDENTIFICATION, "enable_remember_me", Bool(false), S2025_4),
    (IDENTIFICATION, "enrollment_flow", Null, ALL),
    (IDENTIFICATION, "recovery_flow", Null, ALL),
    (IDENTIFICATION, "passwordless_flow", Null, ALL),
    (IDENTIFICATION, "sources", EMPTY, ALL),
    (IDENTIFICATION, "show_source_labels", Bool(false), ALL),
    (PASSWORD, "failed_attempts_before_cancel", Int(5), ALL),
    (PASSWORD, "allow_show_password", Bool(false), ALL),
    (PASSWORD, "configure_flow", Null, ALL),
    (USER_LOGIN, "session_duration", Str("seconds=0"), ALL),
    (USER_LOGIN, "terminate_other_sessions", Bool(false), ALL),
    (USER_LOGIN, "remember_me_offset", Str("seconds=0"), ALL),
    (USER_LOGIN, "network_binding", Str("no_binding"), ALL),
    (USER_LOGIN, "geoip_binding", Str("no_binding"), ALL),
    (USER_LOGIN, "remember_device", Str("days=30"), S2025_8),
    (USER_WRITE, "user_creation_mode", Str("create_when_required"), ALL),
    (USER_WRITE, "create_users_as_inactive", Bool(false), ALL),
    (USER_WRITE, "create_users_group", Null, ALL),
    (USER_WRITE, "user_path_template", Str(""), ALL),
    ("authentik_stages_prompt.promptstage", "validation_policies", EMPTY, ALL),
    (CONSENT, "mode", Str("always_require"), ALL),
    (CONSENT, "consent_expire_in", Str("weeks=4"), ALL),
    ("authentik_stages_deny.denystage", "deny_message", Str(""), ALL),
    ("authentik_stages_dummy.dummystage", "throw_error", Bool(false), ALL),
    (REDIRECT, "keep_context", Bool(true), ALL),
    (REDIRECT, "target_static", Str(""), ALL),
    (REDIRECT, "target_flow", Null, ALL),
    ("authentik_stages_invitation.invitationstage", "continue_flow_without_invitation", Bool(false), ALL),
    (EMAIL, "use_global_settings", Bool(false), ALL),
    (EMAIL, "host", Str("localhost"), ALL),
    (EMAIL, "port", Int(25), ALL),
    (EMAIL, "username", Str(""), ALL),
    (EMAIL, "password", Str(""), ALL),
    (EMAIL, "use_tls", Bool(false), ALL),
    (EMAIL, "use_ssl", Bool(false), ALL),
    (EMAIL, "timeout", Int(10), ALL),
    (EMAIL, "from_address", Str("system@authentik.local"), ALL),
    (EMAIL, "token_expiry", Str("minutes=30"), ALL),
    (EMAIL, "subject", Str("authentik"), ALL),
    (EMAIL, "template", Str("email/password_reset.html"), ALL),
    (EMAIL, "activate_user_on_success", Bool(false), ALL),
    (EMAIL, "recovery_max_attempts", Int(5), S2025_8),
    // "same SMTP fields and defaults as the email stage" (§6.1); subject and
    // token_expiry differ and are not verified.
    (AUTH_EMAIL, "use_global_settings", Bool(false), S2025_2),
    (AUTH_EMAIL, "host", Str("localhost"), S2025_2),
    (AUTH_EMAIL, "port", Int(25), S2025_2),
    (AUTH_EMAIL, "username", Str(""), S2025_2),
    (AUTH_EMAIL, "password", Str(""), S2025_2),
    (AUTH_EMAIL, "use_tls", Bool(false), S2025_2),
    (AUTH_EMAIL, "use_ssl", Bool(false), S2025_2),
    (AUTH_EMAIL, "timeout", Int(10), S2025_2),
    (AUTH_EMAIL, "from_address", Str("system@authentik.local"), S2025_2),
    (AUTH_EMAIL, "template", Str("email/email_otp.html"), S2025_2),
    (CAPTCHA, "js_url", Str("https://www.recaptcha.net/recaptcha/api.js"), ALL),
    (CAPTCHA, "api_url", Str("https://www.recaptcha.net/recaptcha/api/siteverify"), ALL),
    (CAPTCHA, "interactive", Bool(false), ALL),
    (CAPTCHA, "score_min_threshold", Float(0.5), ALL),
    (CAPTCHA, "score_max_threshold", Float(1.0), ALL),
    (CAPTCHA, "error_on_invalid_score", Bool(true), ALL),
    (VALIDATE, "not_configured_action", Str("skip"), ALL),
    (VALIDATE, "device_classes", StrList(&["static", "totp", "webauthn", "duo", "sms", "email"]), ALL),
    (VALIDATE, "configuration_stages", EMPTY, ALL),
    (VALIDATE, "last_auth_threshold", Str("seconds=0"), ALL),
    (VALIDATE, "webauthn_user_verification", Str("preferred"), ALL),
    (VALIDATE, "webauthn_allowed_device_types", EMPTY, ALL),
    (DUO, "admin_integration_key", Str(""), ALL),
    (DUO, "admin_secret_key", Str(""), ALL),
    (SMS, "auth_password", Str(""), ALL),
    (SMS, "auth_type", Str("basic"), ALL),
    (SMS, "verify_only", Bool(false), ALL),
    (SMS, "mapping", Null, ALL),
    (STATIC, "token_count", Int(6), ALL),
    (STATIC, "token_length", Int(12), ALL),
    (WEBAUTHN, "user_verification", Str("preferred"), ALL),
    (WEBAUTHN, "resident_key_requirement", Str("preferred"), ALL),
    (WEBAUTHN, "authenticator_attachment", Null, ALL),
    (WEBAUTHN, "device_type_restrictions", EMPTY, ALL),
    ("authentik_stages_source.sourcestage", "resume_timeout", Str("minutes=10"), ALL),
    ("authentik_stages_mtls.mutualtlsstage", "certificate_authorities", EMPTY, S2025_6),
    (LOCKDOWN, "deactivate_user", Bool(true), S2026_5),
    (LOCKDOWN, "set_unusable_password", Bool(true), S2026_5),
    (LOCKDOWN, "delete_sessions", Bool(true), S2026_5),
    (LOCKDOWN, "revoke_tokens", Bool(true), S2026_5),
    (LOCKDOWN, "self_service_completion_flow", Null, S2026_5),
    // The 2025.12 supplement model (overlay/supplement.rs) has the field set of the
    // stage's first migration (`account_lockdown/migrations/0001_initial.py`, upstream
    // commit 01c8985): the four switches default to True, the completion flow to null.
    // Its two message fields get no row: that migration gives them texts, but a later
    // one is named `0002_remove_self_service_message_defaults`, so the default the
    // shape supplemented here had is not known.
    (LOCKDOWN, "deactivate_user", Bool(true), LOCKDOWN_2025_12),
    (LOCKDOWN, "set_unusable_password", Bool(true), LOCKDOWN_2025_12),
    (LOCKDOWN, "delete_sessions", Bool(true), LOCKDOWN_2025_12),
    (LOCKDOWN, "revoke_tokens", Bool(true), LOCKDOWN_2025_12),
    (LOCKDOWN, "self_service_completion_flow", Null, LOCKDOWN_2025_12),
    (PROMPT, "required", Bool(true), ALL),
    (PROMPT, "placeholder", Str(""), ALL),
    (PROMPT, "initial_value", Str(""), ALL),
    (PROMPT, "sub_text", Str(""), ALL),
    (PROMPT, "order", Int(0), ALL),
    (PROMPT, "placeholder_expression", Bool(false), ALL),
    (PROMPT, "initial_value_expression", Bool(false), ALL),
    (DUMMY_POLICY, "result", Bool(false), ALL),
    (DUMMY_POLICY, "wait_min", Int(5), ALL),
    (DUMMY_POLICY, "wait_max", Int(30), ALL),
    (PASSWORD_POLICY, "password_field", Str("password"), ALL),
    (PASSWORD_POLICY, "check_static_rules", Bool(true), ALL),
    (PASSWORD_POLICY, "check_have_i_been_pwned", Bool(false), ALL),
    (PASSWORD_POLICY, "check_zxcvbn", Bool(false), ALL),
    (PASSWORD_POLICY, "amount_digits", Int(0), ALL),
    (PASSWORD_POLICY, "amount_uppercase", Int(0), ALL),
    (PASSWORD_POLICY, "amount_lowercase", Int(0), ALL),
    (PASSWORD_POLICY, "amount_symbols", Int(0), ALL),
    (PASSWORD_POLICY, "length_min", Int(0), ALL),
    (PASSWORD_POLICY, "symbol_charset", Str(SYMBOL_CHARSET), ALL),
    (PASSWORD_POLICY, "hibp_allowed_count", Int(0), ALL),
    (PASSWORD_POLICY, "zxcvbn_score_threshold", Int(2), ALL),
    (REPUTATION, "check_ip", Bool(true), ALL),
    (REPUTATION, "check_username", Bool(true), ALL),
    (REPUTATION, "threshold", Int(-5), ALL),
    ("authentik_policies_expiry.passwordexpirypolicy", "deny_only", Bool(false), ALL),
    (GEOIP, "asns", EMPTY, ALL),
    (GEOIP, "countries", EMPTY, ALL),
    (GEOIP, "distance_tolerance_km", Int(50), S2025_2),
    (GEOIP, "check_history_distance", Bool(false), S2025_2),
    (GEOIP, "history_max_distance_km", Int(100), S2025_2),
    (GEOIP, "history_login_count", Int(5), S2025_2),
    (GEOIP, "check_impossible_travel", Bool(false), S2025_2),
    (GEOIP, "impossible_tolerance_km", Int(100), S2025_2),
    (UNIQUE_PASSWORD, "password_field", Str("password"), S2025_4),
    (UNIQUE_PASSWORD, "num_historical_passwords", Int(1), S2025_4),
];

/// Defaults that hold for every stage or policy model that has the field
/// (inherited columns): `(field, default, releases)`.
pub(crate) const STAGE_DEFAULTS: &[(&str, Lit, Span)] = &[("configure_flow", Null, ALL)];
pub(crate) const POLICY_DEFAULTS: &[(&str, Lit, Span)] = &[("execution_logging", Bool(false), ALL)];

/// The stated default of `model.field` in `release`, if any.
pub(crate) fn default_for(model: &str, field: &str, release: AuthentikVersion) -> Option<Lit> {
    DEFAULTS
        .iter()
        .find(|(m, f, _, span)| *m == model && *f == field && span.holds_in(release))
        .map(|(_, _, value, _)| *value)
}

/// The inherited default of `field` among `rows` in `release`, if any.
pub(crate) fn inherited_default(
    rows: &[(&str, Lit, Span)],
    field: &str,
    release: AuthentikVersion,
) -> Option<Lit> {
    rows.iter()
        .find(|(name, _, span)| *name == field && span.holds_in(release))
        .map(|(_, value, _)| *value)
}
