//! Field overlay: required, duration, secret, reference, default, bounds.

use crate::catalog::overlay::fields;
use serde_json::json;

use super::{field, model};
use crate::catalog::*;

#[test]
fn required_on_create() {
    assert_eq!(
        model("authentik_flows.flow").required_on_create,
        ["name", "slug", "title", "designation"]
    );
    assert_eq!(
        model("authentik_flows.flowstagebinding").required_on_create,
        ["target", "stage", "order"]
    );
    assert_eq!(
        model("authentik_stages_password.passwordstage").required_on_create,
        ["name", "backends"]
    );
    assert_eq!(
        model("authentik_stages_deny.denystage").required_on_create,
        ["name"]
    );
    // Identifier keys count too: the caller passes both key sets.
    let flow = model("authentik_flows.flow");
    assert_eq!(
        flow.missing_on_create(["slug", "name"]),
        ["title", "designation"]
    );
    assert!(
        flow.missing_on_create(["slug", "name", "title", "designation"])
            .is_empty()
    );
}

/// The hand-verified required fields are a subset of what each release's API
/// serializer requires: a row the release's serializer does not require would be a
/// false "missing required field" there.
#[test]
fn verified_required_fields_are_required_by_every_release_that_has_them() {
    let mut wrong = Vec::new();
    for release in releases() {
        // Hand-written supplement models have no API data to compare with.
        for model in release.models().filter(|m| m.origin == ModelOrigin::Schema) {
            for name in &model.required_on_create {
                match model.field(name) {
                    Some(field) if field.api_required => {}
                    found => wrong.push(format!(
                        "{} {}.{name}: {}",
                        release.version(),
                        model.id,
                        if found.is_some() {
                            "optional in the API"
                        } else {
                            "no such field"
                        }
                    )),
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn duration_fields_of_the_spec_are_flagged() {
    for (model_id, name) in fields::SPEC_DURATION_FIELDS {
        assert!(field(model_id, name).duration, "{model_id}.{name}");
    }
    // Found by the generator from the schema description.
    assert!(
        field(
            "authentik_providers_oauth2.oauth2provider",
            "access_token_validity"
        )
        .duration
    );
    assert!(!field("authentik_flows.flow", "slug").duration);
}

#[test]
fn secrets_are_flagged() {
    for (model_id, name) in [
        ("authentik_stages_captcha.captchastage", "private_key"),
        (
            "authentik_stages_authenticator_duo.authenticatorduostage",
            "client_secret",
        ),
        (
            "authentik_stages_authenticator_sms.authenticatorsmsstage",
            "auth",
        ),
        ("authentik_core.token", "key"),
        ("authentik_core.user", "password"),
        ("authentik_sources_ldap.ldapsource", "bind_password"),
    ] {
        assert!(field(model_id, name).secret, "{model_id}.{name}");
    }
    assert!(!field("authentik_flows.flow", "name").secret);
    assert!(!field("authentik_stages_captcha.captchastage", "public_key").secret);
}

#[test]
fn references_are_typed() {
    let reference = |m: &str, f: &str| field(m, f).reference;
    assert_eq!(
        reference("authentik_flows.flowstagebinding", "target"),
        Some(RefTarget::Flow)
    );
    assert_eq!(
        reference("authentik_flows.flowstagebinding", "stage"),
        Some(RefTarget::Stage)
    );
    assert_eq!(
        reference("authentik_policies.policybinding", "target"),
        Some(RefTarget::PolicyBindingTarget)
    );
    assert_eq!(
        reference("authentik_policies.policybinding", "policy"),
        Some(RefTarget::Policy)
    );
    assert_eq!(
        reference("authentik_stages_prompt.promptstage", "fields"),
        Some(RefTarget::Prompt)
    );
    assert_eq!(
        reference(
            "authentik_stages_authenticator_validate.authenticatorvalidatestage",
            "configuration_stages"
        ),
        Some(RefTarget::Stage)
    );
    assert_eq!(
        reference("authentik_stages_redirect.redirectstage", "target_flow"),
        Some(RefTarget::Flow)
    );
    assert_eq!(
        reference("authentik_stages_source.sourcestage", "source"),
        Some(RefTarget::Source)
    );
    assert_eq!(reference("authentik_flows.flow", "slug"), None);
}

#[test]
fn defaults_from_the_spec() {
    let default = |m: &str, f: &str| field(m, f).default.clone();
    assert_eq!(
        default("authentik_flows.flowstagebinding", "evaluate_on_plan"),
        Some(json!(false))
    );
    assert_eq!(
        default("authentik_flows.flowstagebinding", "re_evaluate_policies"),
        Some(json!(true))
    );
    assert_eq!(
        default(
            "authentik_flows.flowstagebinding",
            "invalid_response_action"
        ),
        Some(json!("retry"))
    );
    assert_eq!(
        default("authentik_flows.flow", "layout"),
        Some(json!("stacked"))
    );
    assert_eq!(
        default("authentik_flows.flow", "policy_engine_mode"),
        Some(json!("any"))
    );
    assert_eq!(
        default("authentik_policies.policybinding", "timeout"),
        Some(json!(30))
    );
    assert_eq!(
        default(
            "authentik_stages_user_login.userloginstage",
            "remember_device"
        ),
        Some(json!("days=30"))
    );
    assert_eq!(
        default(
            "authentik_stages_captcha.captchastage",
            "score_min_threshold"
        ),
        Some(json!(0.5))
    );
    // Inherited from ConfigurableStage / Policy.
    assert_eq!(
        default(
            "authentik_stages_authenticator_totp.authenticatortotpstage",
            "configure_flow"
        ),
        Some(json!(null))
    );
    assert_eq!(
        default(
            "authentik_policies_expression.expressionpolicy",
            "execution_logging"
        ),
        Some(json!(false))
    );
    assert_eq!(default("authentik_flows.flow", "slug"), None);
    let charset = default(
        "authentik_policies_password.passwordpolicy",
        "symbol_charset",
    );
    assert!(
        charset
            .as_ref()
            .and_then(|v| v.as_str())
            .is_some_and(|s| s.ends_with(' '))
    );
}

#[test]
fn limits_come_from_each_releases_data() {
    for model_id in [
        "authentik_flows.flowstagebinding",
        "authentik_policies.policybinding",
        "authentik_stages_prompt.prompt",
    ] {
        let order = field(model_id, "order");
        assert_eq!(order.minimum, Some(f64::from(i32::MIN)), "{model_id}");
        assert_eq!(order.maximum, Some(f64::from(i32::MAX)), "{model_id}");
    }
    let timeout = field("authentik_policies.policybinding", "timeout");
    assert_eq!(
        (timeout.minimum, timeout.maximum),
        (Some(0.0), Some(f64::from(i32::MAX)))
    );
    // Limits that changed: each release has its own (MaxValueValidator(100) on the
    // static token length and the uncapped invitation name from 2025.12).
    let at = |year, month, model_id: &str, name: &str| {
        release(AuthentikVersion::new(year, month))
            .and_then(|r| r.model(model_id))
            .and_then(|m| m.field(name))
            .cloned()
            .expect("field in the release")
    };
    let static_stage = "authentik_stages_authenticator_static.authenticatorstaticstage";
    assert_eq!(
        at(2025, 12, static_stage, "token_length").maximum,
        Some(100.0)
    );
    assert_eq!(
        at(2025, 10, static_stage, "token_length").maximum,
        Some(f64::from(i32::MAX))
    );
    let invitation = "authentik_stages_invitation.invitation";
    assert_eq!(at(2025, 10, invitation, "name").max_length, Some(50));
    assert_eq!(at(2025, 12, invitation, "name").max_length, None);
    let slug = field("authentik_flows.flow", "slug");
    assert_eq!(slug.pattern.as_deref(), Some(SLUG_PATTERN));
    assert_eq!(slug.max_length, None, "version-dependent: see slug_max_len");
    let from = field("authentik_stages_email.emailstage", "from_address");
    assert_eq!(
        (from.format, from.max_length),
        (Some(FieldFormat::Email), Some(254))
    );
    assert_eq!(
        field("authentik_core.token", "identifier")
            .pattern
            .as_deref(),
        Some("^[-a-zA-Z0-9_]+$")
    );
}

#[test]
fn generated_field_shapes() {
    let countries = field("authentik_policies_geoip.geoippolicy", "countries");
    assert_eq!(
        (countries.ty, countries.max_items),
        (FieldType::Array, Some(249))
    );
    let item = countries
        .items
        .as_deref()
        .expect("countries has an item shape");
    assert_eq!(item.name, "countries");
    assert!(item.allows_value("DE") && !item.allows_value("XX"));

    let attachment = field(
        "authentik_stages_authenticator_webauthn.authenticatorwebauthnstage",
        "authenticator_attachment",
    );
    assert!(attachment.nullable);
    assert_eq!(
        attachment.enum_values.as_deref(),
        Some(&["platform".to_owned(), "cross-platform".to_owned()][..])
    );

    let digits = field(
        "authentik_stages_authenticator_totp.authenticatortotpstage",
        "digits",
    );
    assert_eq!(
        (digits.ty, digits.allows_value("6")),
        (FieldType::String, true)
    );

    let redirect_uris = field("authentik_providers_oauth2.oauth2provider", "redirect_uris");
    let uri = redirect_uris.items.as_deref().expect("redirect_uris items");
    assert_eq!(uri.required_properties, ["matching_mode", "url"]);
    assert_eq!(uri.properties.len(), 2);

    let names: Vec<&str> = model("authentik_flows.flow")
        .fields()
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(
        &names[..4],
        ["name", "slug", "title", "designation"],
        "schema order"
    );
    assert!(model("authentik_flows.flow").has_permission("inspect_flow"));
}
