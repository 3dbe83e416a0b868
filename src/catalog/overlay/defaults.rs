//! Attribute defaults stated by the spec (flow-semantics §1.2, §1.4, §1.5, §4.2,
//! §6.1). Only fields present in the catalog's release are listed (a test checks
//! that every row names a real field); defaults the spec marks "not verified" are
//! left out.

use serde_json::Value;

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
const DUMMY_POLICY: &str = "authentik_policies_dummy.dummypolicy";
const PASSWORD_POLICY: &str = "authentik_policies_password.passwordpolicy";
const REPUTATION: &str = "authentik_policies_reputation.reputationpolicy";
const GEOIP: &str = "authentik_policies_geoip.geoippolicy";
const UNIQUE_PASSWORD: &str = "authentik_policies_unique_password.uniquepasswordpolicy";

/// The password policy's default symbol set; it ends with a space.
const SYMBOL_CHARSET: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ";

/// `(model id, field, default)`.
#[rustfmt::skip]
pub(crate) const DEFAULTS: &[(&str, &str, Lit)] = &[
    (FLOW, "layout", Str("stacked")),
    (FLOW, "compatibility_mode", Bool(false)),
    (FLOW, "denied_action", Str("message_continue")),
    (FLOW, "authentication", Str("none")),
    (FLOW, "policy_engine_mode", Str("any")),
    (BINDING, "evaluate_on_plan", Bool(false)),
    (BINDING, "re_evaluate_policies", Bool(true)),
    (BINDING, "invalid_response_action", Str("retry")),
    (BINDING, "policy_engine_mode", Str("any")),
    (POLICY_BINDING, "enabled", Bool(true)),
    (POLICY_BINDING, "negate", Bool(false)),
    (POLICY_BINDING, "timeout", Int(30)),
    (POLICY_BINDING, "failure_result", Bool(false)),
    (IDENTIFICATION, "password_stage", Null),
    (IDENTIFICATION, "captcha_stage", Null),
    (IDENTIFICATION, "webauthn_stage", Null),
    (IDENTIFICATION, "case_insensitive_matching", Bool(true)),
    (IDENTIFICATION, "show_matched_user", Bool(true)),
    (IDENTIFICATION, "pretend_user_exists", Bool(true)),
    (IDENTIFICATION, "enable_remember_me", Bool(false)),
    (IDENTIFICATION, "enrollment_flow", Null),
    (IDENTIFICATION, "recovery_flow", Null),
    (IDENTIFICATION, "passwordless_flow", Null),
    (IDENTIFICATION, "sources", EMPTY),
    (IDENTIFICATION, "show_source_labels", Bool(false)),
    (PASSWORD, "failed_attempts_before_cancel", Int(5)),
    (PASSWORD, "allow_show_password", Bool(false)),
    (PASSWORD, "configure_flow", Null),
    (USER_LOGIN, "session_duration", Str("seconds=0")),
    (USER_LOGIN, "terminate_other_sessions", Bool(false)),
    (USER_LOGIN, "remember_me_offset", Str("seconds=0")),
    (USER_LOGIN, "network_binding", Str("no_binding")),
    (USER_LOGIN, "geoip_binding", Str("no_binding")),
    (USER_LOGIN, "remember_device", Str("days=30")),
    (USER_WRITE, "user_creation_mode", Str("create_when_required")),
    (USER_WRITE, "create_users_as_inactive", Bool(false)),
    (USER_WRITE, "create_users_group", Null),
    (USER_WRITE, "user_path_template", Str("")),
    ("authentik_stages_prompt.promptstage", "validation_policies", EMPTY),
    (CONSENT, "mode", Str("always_require")),
    (CONSENT, "consent_expire_in", Str("weeks=4")),
    ("authentik_stages_deny.denystage", "deny_message", Str("")),
    ("authentik_stages_dummy.dummystage", "throw_error", Bool(false)),
    (REDIRECT, "keep_context", Bool(true)),
    (REDIRECT, "target_static", Str("")),
    (REDIRECT, "target_flow", Null),
    ("authentik_stages_invitation.invitationstage", "continue_flow_without_invitation", Bool(false)),
    (EMAIL, "use_global_settings", Bool(false)),
    (EMAIL, "host", Str("localhost")),
    (EMAIL, "port", Int(25)),
    (EMAIL, "username", Str("")),
    (EMAIL, "password", Str("")),
    (EMAIL, "use_tls", Bool(false)),
    (EMAIL, "use_ssl", Bool(false)),
    (EMAIL, "timeout", Int(10)),
    (EMAIL, "from_address", Str("system@authentik.local")),
    (EMAIL, "token_expiry", Str("minutes=30")),
    (EMAIL, "subject", Str("authentik")),
    (EMAIL, "template", Str("email/password_reset.html")),
    (EMAIL, "activate_user_on_success", Bool(false)),
    (EMAIL, "recovery_max_attempts", Int(5)),
    // "same SMTP fields and defaults as the email stage" (§6.1); subject and
    // token_expiry differ and are not verified.
    (AUTH_EMAIL, "use_global_settings", Bool(false)),
    (AUTH_EMAIL, "host", Str("localhost")),
    (AUTH_EMAIL, "port", Int(25)),
    (AUTH_EMAIL, "username", Str("")),
    (AUTH_EMAIL, "password", Str("")),
    (AUTH_EMAIL, "use_tls", Bool(false)),
    (AUTH_EMAIL, "use_ssl", Bool(false)),
    (AUTH_EMAIL, "timeout", Int(10)),
    (AUTH_EMAIL, "from_address", Str("system@authentik.local")),
    (AUTH_EMAIL, "template", Str("email/email_otp.html")),
    (CAPTCHA, "js_url", Str("https://www.recaptcha.net/recaptcha/api.js")),
    (CAPTCHA, "api_url", Str("https://www.recaptcha.net/recaptcha/api/siteverify")),
    (CAPTCHA, "interactive", Bool(false)),
    (CAPTCHA, "score_min_threshold", Float(0.5)),
    (CAPTCHA, "score_max_threshold", Float(1.0)),
    (CAPTCHA, "error_on_invalid_score", Bool(true)),
    (VALIDATE, "not_configured_action", Str("skip")),
    (VALIDATE, "device_classes", StrList(&["static", "totp", "webauthn", "duo", "sms", "email"])),
    (VALIDATE, "configuration_stages", EMPTY),
    (VALIDATE, "last_auth_threshold", Str("seconds=0")),
    (VALIDATE, "webauthn_user_verification", Str("preferred")),
    (VALIDATE, "webauthn_allowed_device_types", EMPTY),
    (DUO, "admin_integration_key", Str("")),
    (DUO, "admin_secret_key", Str("")),
    (SMS, "auth_password", Str("")),
    (SMS, "auth_type", Str("basic")),
    (SMS, "verify_only", Bool(false)),
    (SMS, "mapping", Null),
    (STATIC, "token_count", Int(6)),
    (STATIC, "token_length", Int(12)),
    (WEBAUTHN, "user_verification", Str("preferred")),
    (WEBAUTHN, "resident_key_requirement", Str("preferred")),
    (WEBAUTHN, "authenticator_attachment", Null),
    (WEBAUTHN, "device_type_restrictions", EMPTY),
    ("authentik_stages_source.sourcestage", "resume_timeout", Str("minutes=10")),
    ("authentik_stages_mtls.mutualtlsstage", "certificate_authorities", EMPTY),
    (LOCKDOWN, "deactivate_user", Bool(true)),
    (LOCKDOWN, "set_unusable_password", Bool(true)),
    (LOCKDOWN, "delete_sessions", Bool(true)),
    (LOCKDOWN, "revoke_tokens", Bool(true)),
    (LOCKDOWN, "self_service_completion_flow", Null),
    (PROMPT, "required", Bool(true)),
    (PROMPT, "placeholder", Str("")),
    (PROMPT, "initial_value", Str("")),
    (PROMPT, "sub_text", Str("")),
    (PROMPT, "order", Int(0)),
    (PROMPT, "placeholder_expression", Bool(false)),
    (PROMPT, "initial_value_expression", Bool(false)),
    (DUMMY_POLICY, "result", Bool(false)),
    (DUMMY_POLICY, "wait_min", Int(5)),
    (DUMMY_POLICY, "wait_max", Int(30)),
    (PASSWORD_POLICY, "password_field", Str("password")),
    (PASSWORD_POLICY, "check_static_rules", Bool(true)),
    (PASSWORD_POLICY, "check_have_i_been_pwned", Bool(false)),
    (PASSWORD_POLICY, "check_zxcvbn", Bool(false)),
    (PASSWORD_POLICY, "amount_digits", Int(0)),
    (PASSWORD_POLICY, "amount_uppercase", Int(0)),
    (PASSWORD_POLICY, "amount_lowercase", Int(0)),
    (PASSWORD_POLICY, "amount_symbols", Int(0)),
    (PASSWORD_POLICY, "length_min", Int(0)),
    (PASSWORD_POLICY, "symbol_charset", Str(SYMBOL_CHARSET)),
    (PASSWORD_POLICY, "hibp_allowed_count", Int(0)),
    (PASSWORD_POLICY, "zxcvbn_score_threshold", Int(2)),
    (REPUTATION, "check_ip", Bool(true)),
    (REPUTATION, "check_username", Bool(true)),
    (REPUTATION, "threshold", Int(-5)),
    ("authentik_policies_expiry.passwordexpirypolicy", "deny_only", Bool(false)),
    (GEOIP, "asns", EMPTY),
    (GEOIP, "countries", EMPTY),
    (GEOIP, "distance_tolerance_km", Int(50)),
    (GEOIP, "check_history_distance", Bool(false)),
    (GEOIP, "history_max_distance_km", Int(100)),
    (GEOIP, "history_login_count", Int(5)),
    (GEOIP, "check_impossible_travel", Bool(false)),
    (GEOIP, "impossible_tolerance_km", Int(100)),
    (UNIQUE_PASSWORD, "password_field", Str("password")),
    (UNIQUE_PASSWORD, "num_historical_passwords", Int(1)),
];

/// Defaults that hold for every stage or policy model (inherited columns).
pub(crate) const STAGE_DEFAULTS: &[(&str, Lit)] = &[("configure_flow", Null)];
pub(crate) const POLICY_DEFAULTS: &[(&str, Lit)] = &[("execution_logging", Bool(false))];

/// The stated default of `model.field`, if any.
pub(crate) fn default_for(model: &str, field: &str) -> Option<Lit> {
    DEFAULTS
        .iter()
        .find(|(m, f, _)| *m == model && *f == field)
        .map(|(_, _, value)| *value)
}
