//! `flowlint lsp`'s editor features driven over stdio, as an editor drives them:
//! document symbols, completion, hover, go to definition, references and code
//! actions (suppressions and rule fixes). Diagnostics: `tests/lsp_protocol.rs`.

mod common;
mod lsp_client;

use lsp_client::{Client, FLOW, LOGIN, at, redact, workspace};
use serde_json::{Value, json};

fn snapshot(name: &str, value: &Value) {
    common::snapshot_settings().bind(|| insta::assert_json_snapshot!(name, value));
}

#[test]
fn document_symbols_outline_the_entries() {
    let (_dir, root) = workspace(&[("flow.yaml", FLOW)]);
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let uri = client.open(&root.join("flow.yaml"), FLOW);
    let symbols = client.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<_> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "flow default-authentication-flow",
            "stage identification",
            "binding 10 -> identification"
        ]
    );
    snapshot("lsp_document_symbols", &redact(&symbols, &root));
}

fn labels(items: &Value) -> Vec<String> {
    let list = items.get("items").unwrap_or(items);
    list.as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

/// Completion on a file that does not parse: the line being typed is half a key.
#[test]
fn completion_on_half_typed_yaml() {
    let half = "version: 1
entries:
  - model: authentik_flows.flow
    id: flow
    identifiers:
      slug: x
    attrs:
      name: y
      desig
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !KeyOf 
      order: 10
  - model: authentik_stages_dummy.dummystage
    st
    identifiers:
      name: !Find [authentik_flows.flow, [
  - model: authentik_flows.flow
    id: other
    attrs:
      designation: 
      policy_engine_mode: a
  - model: authentik_cor
";
    let (_dir, root) = workspace(&[("half.yaml", half), ("flows.yaml", FLOW)]);
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let uri = client.open(&root.join("half.yaml"), half);
    // Field names of the entry's model, minus those present.
    let fields = labels(&client.call("textDocument/completion", at(&uri, 8, 11)));
    assert!(fields.contains(&"designation".to_string()), "{fields:?}");
    assert!(!fields.contains(&"name".to_string()));
    // `!KeyOf` ids defined before the entry only.
    let ids = labels(&client.call("textDocument/completion", at(&uri, 11, 21)));
    assert_eq!(ids, ["flow"]);
    // Entry keys minus the present ones.
    let keys = labels(&client.call("textDocument/completion", at(&uri, 14, 6)));
    assert!(keys.contains(&"state".to_string()) && !keys.contains(&"model".to_string()));
    // `!Find` queryable fields of the model.
    let find_fields = labels(&client.call("textDocument/completion", at(&uri, 16, 44)));
    assert!(find_fields.contains(&"slug".to_string()), "{find_fields:?}");
    // Choice values.
    let choices = labels(&client.call("textDocument/completion", at(&uri, 20, 19)));
    assert!(
        choices.contains(&"authentication".to_string()),
        "{choices:?}"
    );
    // Model ids.
    let models = labels(&client.call("textDocument/completion", at(&uri, 22, 24)));
    assert!(models.contains(&"authentik_core.group".to_string()));
    snapshot(
        "lsp_completion_keyof",
        &redact(
            &client.call("textDocument/completion", at(&uri, 11, 21)),
            &root,
        ),
    );
}

#[test]
fn find_values_and_tags_complete_from_the_workspace() {
    let text = "version: 1
entries:
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !Find [authentik_flows.flow, [slug, 
      stage: !
";
    let (_dir, root) = workspace(&[("b.yaml", text), ("flows.yaml", FLOW)]);
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let uri = client.open(&root.join("b.yaml"), text);
    let values = labels(&client.call("textDocument/completion", at(&uri, 4, 50)));
    // The workspace's flow first, then a fresh install's.
    assert_eq!(values[0], "default-authentication-flow");
    let tags = labels(&client.call("textDocument/completion", at(&uri, 5, 14)));
    assert!(tags.contains(&"!KeyOf".to_string()) && tags.contains(&"!Find".to_string()));
    assert_eq!(tags.len(), 14);
}

#[test]
fn hover_definition_references_and_code_actions() {
    let (_dir, root) = workspace(&[("flow.yaml", FLOW), ("login.yaml", LOGIN)]);
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let uri = client.open(&root.join("flow.yaml"), FLOW);
    client.diagnostics(&uri);
    let model_hover = client.call("textDocument/hover", at(&uri, 4, 16));
    let field_hover = client.call("textDocument/hover", at(&uri, 11, 8));
    let tag_hover = client.call("textDocument/hover", at(&uri, 20, 16));
    let definition = client.call("textDocument/definition", at(&uri, 21, 23));
    assert_eq!(
        definition[0]["range"]["start"],
        json!({"line": 13, "character": 8})
    );
    let references = client.call(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": {"line": 13, "character": 10},
               "context": {"includeDeclaration": true}}),
    );
    assert_eq!(references.as_array().unwrap().len(), 2);
    let login = client.open(&root.join("login.yaml"), LOGIN);
    let diagnostics = client.diagnostics(&login);
    let finding_hover = client.call("textDocument/hover", at(&login, 8, 56));
    assert!(
        finding_hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("FL202")
    );
    let actions = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": login},
               "range": diagnostics[0]["range"],
               "context": {"diagnostics": diagnostics}}),
    );
    // Applying "suppress on this line" silences the finding.
    let edit = &actions[0]["edit"]["changes"][&login][0];
    assert_eq!(edit["range"]["start"]["line"], 8);
    let mut lines: Vec<String> = LOGIN.lines().map(str::to_string).collect();
    lines[8].push_str(edit["newText"].as_str().unwrap());
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": login, "version": 2},
               "contentChanges": [{"text": lines.join("\n") + "\n"}]}),
    );
    let after = client.diagnostics(&login);
    assert!(after.iter().all(|d| d["code"] != "FL202"), "{after:?}");
    snapshot(
        "lsp_navigation",
        &redact(
            &json!({
                "hover_model": model_hover, "hover_field": field_hover, "hover_tag": tag_hover,
                "definition": definition, "references": references, "code_actions": actions,
            }),
            &root,
        ),
    );
}

/// A rule's fix is a quick fix, preferred when safe, its range in UTF-16 after CJK text
/// and an emoji; a fix inside an anchored node (its aliases would change too) is not
/// offered, as `--fix` never applies it.
#[test]
fn rule_fixes_are_quick_fixes_but_never_inside_an_anchor() {
    let text = "version: 1
entries:
  - model: authentik_flows.flow
    identifiers:
      slug: login
    attrs: {name: \"ログイン 😀\", titel: t, designation: authentication}
  - model: authentik_flows.flow
    identifiers:
      slug: shared-a
    attrs: &shared {name: a, titel: t, designation: authentication}
  - model: authentik_flows.flow
    identifiers:
      slug: shared-b
    attrs: *shared
";
    let (_dir, root) = workspace(&[("fix.yaml", text)]);
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let uri = client.open(&root.join("fix.yaml"), text);
    let diagnostics = client.diagnostics(&uri);
    let misspelt: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "FL207")
        .collect();
    assert_eq!(misspelt.len(), 2, "{diagnostics:?}");
    let mut fixes = Vec::new();
    for diagnostic in &misspelt {
        let actions = client.call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri},
                   "range": diagnostic["range"],
                   "context": {"diagnostics": [diagnostic]}}),
        );
        let quick: Vec<Value> = actions
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["isPreferred"] == true)
            .cloned()
            .collect();
        fixes.push((diagnostic["range"]["start"]["line"].clone(), quick));
    }
    // Line 5 (plain): one preferred fix; line 9 (anchored, aliased on line 13): none.
    assert_eq!(fixes[0].0, 5);
    assert_eq!(fixes[0].1.len(), 1, "{fixes:?}");
    assert_eq!(fixes[1].0, 9);
    assert!(fixes[1].1.is_empty(), "{fixes:?}");
    let action = &fixes[0].1[0];
    let edit = &action["edit"]["changes"][&uri][0];
    // UTF-16: `    attrs: {name: "ログイン 😀", ` is 29 units (the emoji is two), 41 bytes.
    assert_eq!(edit["range"]["start"], json!({"line": 5, "character": 29}));
    assert_eq!(edit["newText"], "title");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    let after = client.diagnostics(&uri);
    let left: Vec<&Value> = after.iter().filter(|d| d["code"] == "FL207").collect();
    assert_eq!(left.len(), 1, "{after:?}");
    assert_eq!(left[0]["range"]["start"]["line"], 9);
    snapshot("lsp_fix_action", &redact(action, &root));
}

/// `!Find` goes to the entry declaring the object in another workspace file.
#[test]
fn find_goes_to_the_declaring_file() {
    let text = "version: 1
entries:
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !Find [authentik_flows.flow, [slug, default-authentication-flow]]
      stage: !Find [authentik_flows.flow, [slug, no-such-flow]]
";
    let (_dir, root) = workspace(&[("b.yaml", text), ("flows.yaml", FLOW)]);
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let uri = client.open(&root.join("b.yaml"), text);
    let found = client.call("textDocument/definition", at(&uri, 4, 20));
    assert_eq!(found[0]["uri"], lsp_client::uri(&root.join("flows.yaml")));
    assert_eq!(found[0]["range"]["start"]["line"], 7);
    let missing = client.call("textDocument/definition", at(&uri, 5, 20));
    assert_eq!(missing, Value::Null);
    // The note is sent before the (empty) answer.
    let note = client
        .notifications
        .iter()
        .find(|m| m["method"] == "window/showMessage")
        .expect("a note");
    assert!(
        note["params"]["message"]
            .as_str()
            .unwrap()
            .contains("database")
    );
}

/// Baseline objects: completion offers a fresh install's flows where a flow is expected,
/// and definition says the install has them.
#[test]
fn the_install_baseline_completes_and_explains() {
    let text = "version: 1
entries:
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !Find [authentik_flows.flow, [slug, 
      order: !Find [authentik_flows.flow, [slug, default-authentication-flow]]
";
    let (_dir, root) = workspace(&[("b.yaml", text)]);
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let uri = client.open(&root.join("b.yaml"), text);
    let values = labels(&client.call("textDocument/completion", at(&uri, 4, 50)));
    assert!(
        values.contains(&"default-authentication-flow".to_string()),
        "{values:?}"
    );
    let answer = client.call("textDocument/definition", at(&uri, 5, 20));
    assert_eq!(answer, Value::Null);
    let note = client
        .notifications
        .iter()
        .find(|m| m["method"] == "window/showMessage")
        .expect("a note");
    let message = note["params"]["message"].as_str().unwrap();
    assert!(message.contains("a fresh install has it"), "{message}");
}
