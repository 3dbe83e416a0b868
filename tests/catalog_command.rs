//! `flowlint catalog`: the models of a release and one model's fields, in both formats,
//! with the exit codes of the command-line contract.

mod common;

use serde_json::Value;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = common::flowlint()
        .arg("catalog")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn snapshot(name: &str, text: &str) {
    common::snapshot_settings().bind(|| insta::assert_snapshot!(name, text));
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, stdout, stderr) = run(&all);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn ids(list: &Value) -> Vec<&str> {
    list["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect()
}

#[test]
fn models_of_a_release() {
    let old = json(&["--authentik-version", "2025.12"]);
    let new = json(&[]);
    assert_eq!(old["release"], "2025.12");
    assert_eq!(new["release"], "2026.8", "the newest release by default");
    let lifecycle = "authentik_lifecycle.lifecyclerule";
    assert!(!ids(&old).contains(&lifecycle));
    assert!(ids(&new).contains(&lifecycle));
    // Base models are listed, marked as `!Find`-only.
    let provider = new["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "authentik_core.provider")
        .expect("base model listed");
    assert_eq!(provider["entry"], false);

    let (code, human, _) = run(&["--authentik-version", "2025.12"]);
    assert_eq!(code, 0);
    snapshot("catalog_models_2025_12", &human);
}

#[test]
fn fields_of_a_model_with_their_releases() {
    let model = "authentik_providers_oauth2.oauth2provider";
    let detail = json(&[model, "--authentik-version", "2026.8.5"]);
    let field = |name: &str| -> Value {
        detail["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let grant_types = field("grant_types");
    assert_eq!(grant_types["type"], "array of string");
    assert_eq!(
        grant_types["releases"],
        serde_json::json!(["2026.5", "2026.8"])
    );
    assert!(
        grant_types["choices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "refresh_token")
    );
    assert_eq!(field("client_secret")["secret"], true);
    assert_eq!(field("authorization_flow")["references"], "flow");
    // Required by the API serializer; not (yet) verified for blueprint creates.
    assert_eq!(field("name")["api_required"], true);
    assert_eq!(field("client_type")["required"], false);
    // At 2025.12 the field does not exist.
    let old = json(&[model, "--authentik-version", "2025.12"]);
    assert!(
        !old["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "grant_types")
    );

    let (code, human, _) = run(&[
        "authentik_stages_prompt.prompt",
        "--authentik-version",
        "2026.8",
    ]);
    assert_eq!(code, 0);
    snapshot("catalog_prompt_2026_8", &human);
}

#[test]
fn a_find_only_model_says_so() {
    let (code, human, _) = run(&["authentik_policies.policy"]);
    assert_eq!(code, 0);
    assert!(human.contains("`!Find` only"), "{human}");
}

#[test]
fn an_unknown_model_exits_2_with_did_you_mean() {
    let (code, stdout, stderr) = run(&["authentik_flows.flw"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("did you mean `authentik_flows.flow`?"),
        "{stderr}"
    );
    // A model of another release names where it exists.
    let (code, _, stderr) = run(&[
        "authentik_lifecycle.lifecyclerule",
        "--authentik-version",
        "2025.12",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("exists from authentik 2026.2"), "{stderr}");
}

#[test]
fn release_selection_follows_check() {
    let (code, _, stderr) = run(&["--authentik-version", "2019.4"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("older than the releases flowlint supports"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["--authentik-version", "2099.1", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("newer than the releases flowlint knows"),
        "{stderr}"
    );
}
