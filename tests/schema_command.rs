//! `flowlint schema`: a valid JSON schema that accepts a good blueprint and rejects a
//! bad choice, and the `customTags` list the YAML extension needs.

use assert_cmd::Command;
use serde_json::{Value, json};

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("flowlint")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn blueprint(designation: &str) -> Value {
    json!({
        "version": 1,
        "metadata": {"name": "schema test"},
        "entries": [{
            "model": "authentik_flows.flow",
            "id": "flow",
            "identifiers": {"slug": "login"},
            "attrs": {"name": "Login", "title": "Login", "designation": designation},
        }, {
            "model": "authentik_flows.flowstagebinding",
            "identifiers": {"target": "!KeyOf flow", "stage": "!KeyOf stage", "order": 10},
        }],
    })
}

#[test]
fn the_schema_validates_blueprints() {
    let (code, text) = run(&["schema"]);
    assert_eq!(code, 0);
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON schema");
    assert!(validator.is_valid(&blueprint("authentication")));
    assert!(!validator.is_valid(&blueprint("login")));
}

#[test]
fn custom_tags_list_every_tag() {
    let (code, text) = run(&["schema", "--custom-tags"]);
    assert_eq!(code, 0);
    let tags: Vec<String> = serde_json::from_str(&text).unwrap();
    assert!(tags.contains(&"!KeyOf scalar".to_string()));
    assert!(tags.contains(&"!Find sequence".to_string()));
    assert_eq!(tags.len(), 17);
}

#[test]
fn an_unknown_release_is_a_usage_error() {
    let (code, _) = run(&["schema", "--authentik-version", "soon"]);
    assert_eq!(code, 2);
}
