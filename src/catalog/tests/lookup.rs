//! Loading, lookup and did-you-mean.

use crate::catalog::assemble;
use crate::catalog::overlay::supplement;
use crate::catalog::suggest::{closest, edit_distance};

use super::model;
use crate::catalog::*;

#[test]
fn embedded_json_loads_and_names_the_release() {
    let catalog = catalog();
    assert_eq!(catalog.schema_version(), "2025.12");
    assert_eq!(catalog.full_version(), "2025.12.6");
    assert!(catalog.schema_title().contains("2025.12.6"));
    // The wheel's 127 models (118 entry models with the meta models, 9 `!Find`-only)
    // plus the account lockdown stage the shipped blueprints use (supplement).
    assert_eq!(catalog.models().count(), 127 + 1);
    assert_eq!(catalog.models().filter(|m| !m.entry).count(), 9);
    assert!(
        supplement::SUPPLEMENT_MODELS
            .iter()
            .all(|extra| catalog.model(extra.id).is_some())
    );
}

/// The identities listed without assembling the models (the `goauthentik.io/rbac/models`
/// context, did-you-mean) are those of the assembled models, in every release.
#[test]
fn model_ids_agree_with_the_assembled_models() {
    for release in releases() {
        let listed: Vec<(&str, bool, bool, (&str, &str))> = release
            .model_ids()
            .map(|m| (m.id, m.is_meta, m.entry, m.parts()))
            .collect();
        let assembled: Vec<(&str, bool, bool, (&str, &str))> = release
            .models()
            .map(|m| {
                let parts = (m.app_label.as_str(), m.model_name.as_str());
                (m.id.as_str(), m.is_meta, m.entry, parts)
            })
            .collect();
        assert_eq!(listed, assembled, "{}", release.version());
        for id in release.model_ids() {
            assert_eq!(release.model(id.id).map(|m| m.id.as_str()), Some(id.id));
        }
    }
}

#[test]
fn models_are_sorted_and_ids_are_canonical() {
    let ids: Vec<&str> = catalog().models().map(|model| model.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    for model in catalog().models() {
        assert_eq!(
            model.id,
            format!("{}.{}", model.app_label, model.model_name)
        );
        assert_eq!(
            model.model_name,
            model.model_name.to_lowercase(),
            "{}",
            model.id
        );
    }
}

#[test]
fn generated_json_is_compact_one_model_per_line() {
    let generated = include_str!("../releases/2025.12.json");
    assert!(!generated.contains("  "), "no pretty-printing");
    let parsed: serde_json::Value = serde_json::from_str(generated).expect("valid JSON");
    let models = parsed["models"].as_object().expect("models").len();
    let model_lines = generated
        .lines()
        .filter(|line| line.starts_with("\"authentik_"))
        .count();
    assert_eq!(model_lines, models, "one line per model");
}

#[test]
fn every_generated_model_keeps_all_its_attributes_in_schema_order() {
    let index = embedded_versions()
        .position(|v| v == AuthentikVersion::new(2025, 12))
        .expect("2025.12 is embedded");
    for generated in assemble::GENERATED_RELEASES[index].models {
        let listed: Vec<serde_json::Value> =
            serde_json::from_str(assemble::text(generated.fields)).expect("a JSON list");
        let names: Vec<&str> = listed
            .iter()
            .map(|field| field["name"].as_str().unwrap_or_default())
            .collect();
        let model = model(generated.id());
        let parsed: Vec<&str> = model.fields().iter().map(|f| f.name.as_str()).collect();
        assert_eq!(parsed, names, "{}", generated.id());
        let permissions: Vec<&str> = assemble::text(generated.permissions)
            .split_ascii_whitespace()
            .collect();
        let have: Vec<&str> = model.permissions().collect();
        assert_eq!(have, permissions, "{}", generated.id());
    }
}

// --- lookup --------------------------------------------------------------------

#[test]
fn model_name_matches_case_insensitively_app_label_exactly() {
    let flow = model("authentik_flows.Flow");
    assert_eq!(flow.id, "authentik_flows.flow");
    assert_eq!(flow.kind, ModelKind::Flow);
    assert!(
        catalog()
            .model("authentik_providers_saml.SAMLPropertyMapping")
            .is_some()
    );
    assert!(catalog().model("Authentik_flows.flow").is_none());
    assert!(catalog().model("authentik_flows").is_none());
    assert!(catalog().model("authentik_flows.flow.extra").is_none());
    assert!(catalog().model("").is_none());
}

#[test]
fn meta_models_must_be_lower_case() {
    let apply = model("authentik_blueprints.metaapplyblueprint");
    assert!(apply.is_meta);
    assert_eq!(apply.kind, ModelKind::Meta);
    assert!(
        catalog()
            .model("authentik_blueprints.MetaApplyBlueprint")
            .is_none()
    );
    assert_eq!(
        catalog().suggest_model("authentik_blueprints.MetaApplyBlueprint"),
        Some("authentik_blueprints.metaapplyblueprint")
    );
    // Non-meta models of the same app are ordinary Django models.
    assert!(!model("authentik_blueprints.BlueprintInstance").is_meta);
}

#[test]
fn kinds_of_core_models() {
    assert_eq!(
        model("authentik_flows.flowstagebinding").kind,
        ModelKind::FlowStageBinding
    );
    assert_eq!(
        model("authentik_policies.policybinding").kind,
        ModelKind::PolicyBinding
    );
    assert_eq!(
        model("authentik_stages_prompt.prompt").kind,
        ModelKind::Prompt
    );
    assert_eq!(model("authentik_core.group").kind, ModelKind::Group);
    assert_eq!(model("authentik_core.user").kind, ModelKind::User);
    assert_eq!(
        model("authentik_providers_oauth2.oauth2provider").kind,
        ModelKind::Other
    );
    assert!(model("authentik_sources_ldap.ldapsource").is_source());
    assert!(!model("authentik_sources_ldap.ldapsourcepropertymapping").is_source());
}

// --- did you mean ----------------------------------------------------------------

#[test]
fn suggests_models() {
    let catalog = catalog();
    assert_eq!(
        catalog.suggest_model("authentik_flows.flwo"),
        Some("authentik_flows.flow")
    );
    assert_eq!(
        catalog.suggest_model("authentik_stage_password.passwordstage"),
        Some("authentik_stages_password.passwordstage")
    );
    assert_eq!(
        catalog.suggest_model("authentik_password.passwordstage"),
        Some("authentik_stages_password.passwordstage")
    );
    assert_eq!(
        catalog.suggest_model("Authentik_Flows.flow"),
        Some("authentik_flows.flow")
    );
    assert_eq!(
        catalog.suggest_model("authentik_stages_authenticator_webauthn.authenticatewebauthnstage"),
        Some("authentik_stages_authenticator_webauthn.authenticatorwebauthnstage")
    );
    assert_eq!(catalog.suggest_model("authentik_flows.flow"), None);
    assert_eq!(
        catalog.suggest_model("something.completely_different"),
        None
    );
}

#[test]
fn suggests_fields() {
    let flow = model("authentik_flows.flow");
    assert_eq!(flow.suggest_field("slgu"), Some("slug"));
    assert_eq!(flow.suggest_field("designaton"), Some("designation"));
    assert_eq!(flow.suggest_field("Title"), Some("title"));
    assert_eq!(flow.suggest_field("slug"), None);
    assert_eq!(flow.suggest_field("unrelated_attribute"), None);
}

#[test]
fn edit_distance_counts_swaps_once() {
    assert_eq!(edit_distance("flow", "flow"), 0);
    assert_eq!(edit_distance("flwo", "flow"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(edit_distance("é", "e"), 1);
    assert_eq!(closest("usr", ["user", "group"]), Some("user"));
    assert_eq!(closest("user", ["group"]), None);
}
