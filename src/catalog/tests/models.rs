//! Stage and policy descriptions, supplement models.

use crate::catalog::overlay::{policies, stages};

use super::model;
use crate::catalog::*;

/// Each row with the model of every release it holds for.
fn described_models(
    rows: &'static [stages::Described],
) -> impl Iterator<Item = (&'static stages::Described, &'static ModelSpec)> {
    rows.iter().flat_map(|entry| {
        releases()
            .filter(|release| entry.releases.holds_in(release.version()))
            .filter_map(|release| release.model(entry.id))
            .map(move |model| (entry, model))
    })
}

#[test]
fn every_described_stage_has_kind_component_names_and_role() {
    for (entry, stage) in described_models(stages::STAGES) {
        assert_eq!(stage.kind, ModelKind::Stage, "{}", entry.id);
        assert!(
            stage.component.is_some_and(|c| c.starts_with("ak-")),
            "{}",
            entry.id
        );
        assert!(
            stage.verbose_name.is_some_and(|n| n.ends_with("Stage")),
            "{}",
            entry.id
        );
        assert!(
            stage
                .verbose_name_plural
                .is_some_and(|n| n.ends_with("Stages")),
            "{}",
            entry.id
        );
        assert!(stage.stage_role.is_some(), "{}", entry.id);
        assert!(stage.required_on_create.contains(&"name"), "{}", entry.id);
    }
}

#[test]
fn every_stage_model_of_the_schema_is_described() {
    for model in releases().flat_map(|r| r.models()).filter(|m| m.entry) {
        let looks_like_stage =
            model.model_name.ends_with("stage") && model.id != "authentik_flows.flowstagebinding";
        assert_eq!(
            looks_like_stage,
            model.kind == ModelKind::Stage,
            "{}",
            model.id
        );
        assert_eq!(
            model.kind == ModelKind::Stage,
            model.stage_role.is_some(),
            "{}",
            model.id
        );
    }
}

#[test]
fn every_policy_model_is_described() {
    for (_, policy) in described_models(policies::POLICIES) {
        assert_eq!(policy.kind, ModelKind::Policy);
        assert!(
            policy
                .component
                .is_some_and(|c| c.starts_with("ak-policy-"))
        );
        assert!(
            policy
                .verbose_name_plural
                .is_some_and(|n| n.ends_with("Policies"))
        );
        assert_eq!(policy.stage_role, None);
    }
    for model in releases().flat_map(|r| r.models()).filter(|m| m.entry) {
        let looks_like_policy = model.model_name.ends_with("policy");
        assert_eq!(
            looks_like_policy,
            model.kind == ModelKind::Policy,
            "{}",
            model.id
        );
    }
}

#[test]
fn stage_roles() {
    let role = |id: &str| model(id).stage_role;
    use StageRole::*;
    assert_eq!(
        role("authentik_stages_identification.identificationstage"),
        Some(SetsPendingUser)
    );
    assert_eq!(
        role("authentik_stages_password.passwordstage"),
        Some(NeedsPendingUser)
    );
    assert_eq!(
        role("authentik_stages_user_login.userloginstage"),
        Some(NeedsPendingUser)
    );
    assert_eq!(
        role("authentik_stages_authenticator_validate.authenticatorvalidatestage"),
        Some(MaySetPendingUser)
    );
    assert_eq!(role("authentik_stages_consent.consentstage"), Some(Neutral));
    assert_eq!(role("authentik_flows.flow"), None);
}

// --- supplements -------------------------------------------------------------------

#[test]
fn supplement_models_are_known_but_not_exhaustive() {
    let set_password = model("authentik_blueprints.metausersetpassword");
    assert!(set_password.is_meta);
    assert!(set_password.field("raw_password").is_some_and(|f| f.secret));
    assert_eq!(
        set_password.required_on_create,
        ["user_identifiers", "raw_password"]
    );

    let lockdown = model("authentik_stages_account_lockdown.accountlockdownstage");
    assert_eq!(lockdown.origin, ModelOrigin::Supplement);
    assert!(!lockdown.fields_exhaustive);
    assert_eq!(lockdown.kind, ModelKind::Stage);
    assert_eq!(lockdown.stage_role, Some(StageRole::NeedsUser));
    assert!(lockdown.has_permission("view_accountlockdownstage"));
    assert_eq!(
        lockdown
            .field("self_service_completion_flow")
            .and_then(|f| f.reference),
        Some(RefTarget::Flow)
    );
    // Defaults of the stage's first migration; none for the messages (not known).
    let default = |name: &str| lockdown.field(name).and_then(|f| f.default.clone());
    assert_eq!(
        default("deactivate_user"),
        Some(serde_json::Value::Bool(true))
    );
    assert_eq!(
        default("revoke_tokens"),
        Some(serde_json::Value::Bool(true))
    );
    assert_eq!(
        default("self_service_completion_flow"),
        Some(serde_json::Value::Null)
    );
    assert_eq!(default("self_service_message"), None);

    assert_eq!(model("authentik_flows.flow").origin, ModelOrigin::Schema);
    assert!(model("authentik_flows.flow").fields_exhaustive);
}
