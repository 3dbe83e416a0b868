//! FL106 on a model the release has but no blueprint entry may name: a model with a
//! successor names it (tenants became brands), a base model points at its concrete ones.

mod common;

fn findings(model: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entry.yaml");
    let text = format!(
        "version: 1\nmetadata:\n  name: x\nentries:\n  - model: {model}\n    identifiers:\n      name: x\n"
    );
    std::fs::write(&path, text).unwrap();
    let out = common::check_cli(&["--format", "json", path.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "FL106")
        .cloned()
        .collect()
}

#[test]
fn a_tenant_entry_points_at_brands() {
    let found = findings("authentik_tenants.tenant");
    assert_eq!(found.len(), 1, "{found:?}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("not one a blueprint entry may name"),
        "{message}"
    );
    let help = found[0]["help"].as_str().unwrap();
    assert!(help.contains("authentik_brands.brand"), "{help}");
}

#[test]
fn a_base_model_entry_points_at_its_concrete_models() {
    let found = findings("authentik_policies.policy");
    assert_eq!(found.len(), 1, "{found:?}");
    let help = found[0]["help"].as_str().unwrap();
    assert!(help.contains("!Find [authentik_policies.policy"), "{help}");
}
