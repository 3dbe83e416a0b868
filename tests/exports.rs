//! Exports (`identifiers: {pk: <uuid>}`, references by raw pk) are linked as the
//! importer links them (`__pk_map`): by the world, the graph, the flow rules and
//! `simulate`.

mod common;

const EXPORT: &str = "tests/fixtures/exports/exported-flow.yaml";

#[test]
fn an_exported_flow_has_its_stage_bindings() {
    // FL409 and FL509 are opt-in: switched on here, they must judge the export right.
    let out = common::check_cli(&["--format", "json", "--extend-select", "FL409,FL509", EXPORT]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    // Before: "flow has no stage bindings" (FL501) and three unbound stages (FL509).
    assert!(
        !codes.contains(&"FL501") && !codes.contains(&"FL509"),
        "{codes:?}"
    );
    // Only the pk-only stages are portability notes.
    assert_eq!(codes, ["FL409", "FL409", "FL409"], "{codes:?}");
}

#[test]
fn the_graph_binds_the_exported_stages_to_the_flow() {
    let out = common::flowlint()
        .args(["graph", "--format", "mermaid", EXPORT])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for stage in [
        "exported-identification",
        "exported-password",
        "exported-login-stage",
    ] {
        assert!(text.contains(stage), "{stage} missing:\n{text}");
    }
    assert!(text.matches("-->").count() >= 3, "{text}");
}

#[test]
fn simulate_plans_the_exported_flow() {
    let out = common::flowlint()
        .args([
            "simulate",
            EXPORT,
            "--flow",
            "exported-login",
            "--format",
            "human",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[exported-identification, exported-password, exported-login-stage]"),
        "{text}"
    );
}
