//! Newer/legacy hints and slug rules.

use crate::catalog::hints;

use super::field;
use crate::catalog::*;

#[test]
fn hints_for_newer_and_legacy_models() {
    let catalog = catalog();
    for id in [
        "authentik_policies_conditional.conditionalpolicy",
        "authentik_crypto_secrets.secret",
        "authentik_interfaces.Interface",
        "authentik_stages_authenticator_webauthn.authenticatewebauthnstage",
        "authentik_tenants.Tenant",
    ] {
        assert!(catalog.newer_model_hint(id).is_some(), "{id}");
    }
    assert!(
        catalog
            .newer_model_hint("authentik_stages_authenticator_webauthn.authenticatewebauthnstage")
            .is_some_and(|hint| hint.contains("authenticatorwebauthnstage"))
    );
    assert_eq!(catalog.newer_model_hint("authentik_flows.flow"), None);
    // A hint must never hide a model an entry may name in some release, and a
    // replacement must be a model of every release.
    for (id, known) in hints::hinted_models() {
        for release in releases() {
            assert!(
                release.model(id).is_none_or(|m| !m.entry),
                "{id} is hinted but known to {:?}",
                release
            );
            if let hints::Known::Replaced { by } = known {
                assert!(
                    release.model(by).is_some_and(|m| m.entry),
                    "{id} is replaced by {by}, which {:?} lacks",
                    release
                );
            }
        }
    }
}

#[test]
fn hinted_values_are_branch_only() {
    for (model, field, value) in hints::hinted_values() {
        for release in releases() {
            let spec = release.model(model).and_then(|m| m.field(field));
            assert!(
                spec.is_some_and(|f| !f.allows_value(value)),
                "{model}.{field} `{value}`: {:?} lacks the field or accepts the value",
                release
            );
        }
    }
}

#[test]
fn hints_for_newer_values() {
    let catalog = catalog();
    assert!(
        catalog
            .newer_value_hint("authentik_flows.Flow", "designation", "account_selection")
            .is_some()
    );
    assert_eq!(
        catalog.newer_value_hint("authentik_flows.flow", "designation", "recovery"),
        None
    );
    // Hinted values really are unknown to this release.
    assert!(!field("authentik_flows.flow", "designation").allows_value("account_selection"));
}

#[test]
fn slug_rules() {
    let cap = |year, month| Caps::of(AuthentikVersion::new(year, month)).flow_slug_max_len;
    assert_eq!(cap(2025, 10), Some(50));
    assert_eq!(cap(2024, 12), Some(50));
    assert_eq!(cap(2025, 12), None);
    assert_eq!(cap(2026, 2), None);
    assert!(is_valid_slug("default-authentication_flow2"));
    assert!(!is_valid_slug(""));
    assert!(!is_valid_slug("with space"));
    assert!(!is_valid_slug("trailing\n"));
    assert!(!is_valid_slug("ümlaut"));
}
