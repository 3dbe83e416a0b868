//! Policy models: admin component and Django verbose names (flow-semantics §4.2),
//! each row with the releases it holds for, as the stage rows of `stages.rs`.

use super::stages::Described;
use super::{ALL, S2025_4, Span};

const fn policy(
    id: &'static str,
    component: &'static str,
    verbose_name: &'static str,
    verbose_name_plural: &'static str,
    releases: Span,
) -> Described {
    Described {
        id,
        component,
        verbose_name,
        verbose_name_plural,
        role: None,
        releases,
    }
}

/// Every policy model of flow-semantics §4.2 that a release has shipped
/// (the unreleased conditional policy is a hint in `hints.rs` instead).
pub(crate) const POLICIES: &[Described] = &[
    policy(
        "authentik_policies_dummy.dummypolicy",
        "ak-policy-dummy-form",
        "Dummy Policy",
        "Dummy Policies",
        ALL,
    ),
    policy(
        "authentik_policies_expression.expressionpolicy",
        "ak-policy-expression-form",
        "Expression Policy",
        "Expression Policies",
        ALL,
    ),
    policy(
        "authentik_policies_password.passwordpolicy",
        "ak-policy-password-form",
        "Password Policy",
        "Password Policies",
        ALL,
    ),
    policy(
        "authentik_policies_reputation.reputationpolicy",
        "ak-policy-reputation-form",
        "Reputation Policy",
        "Reputation Policies",
        ALL,
    ),
    policy(
        "authentik_policies_expiry.passwordexpirypolicy",
        "ak-policy-password-expiry-form",
        "Password Expiry Policy",
        "Password Expiry Policies",
        ALL,
    ),
    policy(
        "authentik_policies_event_matcher.eventmatcherpolicy",
        "ak-policy-event-matcher-form",
        "Event Matcher Policy",
        "Event Matcher Policies",
        ALL,
    ),
    policy(
        "authentik_policies_geoip.geoippolicy",
        "ak-policy-geoip-form",
        "GeoIP Policy",
        "GeoIP Policies",
        ALL,
    ),
    policy(
        "authentik_policies_unique_password.uniquepasswordpolicy",
        "ak-policy-password-uniqueness-form",
        "Password Uniqueness Policy",
        "Password Uniqueness Policies",
        S2025_4,
    ),
];
