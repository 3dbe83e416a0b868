//! `flowlint lsp` driven over stdio with JSON-RPC, as an editor drives it.

mod common;
mod lsp_client;

use std::collections::BTreeSet;

use lsp_client::{Client, redact, uri, workspace};
use serde_json::{Value, json};

/// A flow whose designation is wrong, behind CJK text and an emoji on the same line,
/// and two blueprints with one name (a finding with a location in another file).
const LOGIN: &str = "version: 1\nmetadata:\n  name: ログイン\nentries:\n  - model: authentik_flows.flow\n    id: flow\n    identifiers:\n      slug: login\n    attrs: {name: \"ログイン 😀\", title: \"t\", designation: login}\n";
const FIRST: &str = "version: 1\nmetadata:\n  name: Company - Login\nentries:\n  - model: authentik_core.group\n    identifiers:\n      name: group-a\n";
const SECOND: &str = "version: 1\nmetadata:\n  name: Company - Login\nentries:\n  - model: authentik_core.group\n    identifiers:\n      name: group-b\n";

fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("login.yaml", LOGIN),
        ("a-first.yaml", FIRST),
        ("b-second.yaml", SECOND),
    ]
}

fn snapshot(name: &str, value: &Value) {
    common::snapshot_settings().bind(|| insta::assert_json_snapshot!(name, value));
}

#[test]
fn diagnostics_in_utf16_with_related_information_across_files() {
    let (_dir, root) = workspace(&files());
    let mut client = Client::spawn();
    let init = client.initialize(&root, json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let login = client.open(&root.join("login.yaml"), LOGIN);
    let login_diagnostics = client.diagnostics(&login);
    let second = client.open(&root.join("b-second.yaml"), SECOND);
    let second_diagnostics = client.diagnostics(&second);
    snapshot(
        "lsp_diagnostics_utf16",
        &redact(
            &json!({"login": login_diagnostics, "second": second_diagnostics}),
            &root,
        ),
    );
    // `designation: login` after `ログイン 😀`: the emoji is two UTF-16 units.
    let designation = login_diagnostics
        .iter()
        .find(|d| d["code"] == "FL202")
        .expect("FL202");
    let line = LOGIN.lines().nth(8).unwrap();
    let at = line.rfind("login").unwrap();
    let utf16: usize = line[..at].chars().map(char::len_utf16).sum();
    assert_eq!(
        designation["range"]["start"],
        json!({"line": 8, "character": utf16})
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let (_dir, root) = workspace(&files());
    let mut client = Client::spawn();
    let init = client.initialize(
        &root,
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let login = client.open(&root.join("login.yaml"), LOGIN);
    let diagnostics = client.diagnostics(&login);
    let designation = diagnostics.iter().find(|d| d["code"] == "FL202").unwrap();
    let line = LOGIN.lines().nth(8).unwrap();
    let at = line.rfind("login").unwrap();
    assert_eq!(
        designation["range"]["start"],
        json!({"line": 8, "character": at})
    );
}

#[test]
fn edits_are_checked_and_other_files_count() {
    let (_dir, root) = workspace(&files());
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let second = client.open(&root.join("b-second.yaml"), SECOND);
    let codes = |d: &[Value]| -> BTreeSet<String> {
        d.iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(codes(&client.diagnostics(&second)).contains("FL403"));
    // Renaming the blueprint in the editor, unsaved, removes the clash.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": second, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 2, "character": 8}, "end": {"line": 2, "character": 23}},
                "text": "Company - Other",
            }],
        }),
    );
    assert!(!codes(&client.diagnostics(&second)).contains("FL403"));
    // A change on disk to a file that is not open is seen when the client reports it.
    std::fs::write(
        root.join("a-first.yaml"),
        FIRST.replace("Company - Login", "Company - Other"),
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&root.join("a-first.yaml")), "type": 2}]}),
    );
    assert!(codes(&client.diagnostics(&second)).contains("FL403"));
}

/// Every bundled blueprint opened in the editor gets the findings `flowlint check`
/// reports for the saved files.
#[test]
fn the_same_findings_as_check_on_saved_files() {
    let source = common::root().join("blueprints");
    let (_dir, root) = workspace(&[]);
    copy_tree(&source, &root);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_flowlint"))
        .args(["check", "--format", "json"])
        .arg(&root)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut expected = BTreeSet::new();
    for f in report["findings"].as_array().unwrap() {
        expected.insert((
            f["file"].as_str().unwrap().to_string(),
            f["code"].as_str().unwrap().to_string(),
            f["line"].as_u64().unwrap() - 1,
            f["message"].as_str().unwrap().to_string(),
        ));
    }
    assert!(expected.len() > 20, "the bundled blueprints have findings");
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let mut actual = BTreeSet::new();
    let mut paths: Vec<_> = walk(&root);
    paths.sort();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let uri = client.open(path, &text);
        for d in client.diagnostics(&uri) {
            let message = d["message"].as_str().unwrap();
            let message = message.split("\nhelp: ").next().unwrap().to_string();
            actual.insert((
                path.display().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                message,
            ));
        }
    }
    assert_eq!(actual, expected);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    out
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

const FLOW: &str = "version: 1
metadata:
  name: outline
entries:
  - model: authentik_flows.flow
    id: flow
    identifiers:
      slug: default-authentication-flow
    attrs:
      name: Welcome
      title: Welcome
      designation: authentication
  - model: authentik_stages_identification.identificationstage
    id: identification
    identifiers:
      name: identification
    attrs:
      user_fields: [username, email]
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !KeyOf flow
      stage: !KeyOf identification
      order: 10
";

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

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
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

/// Bad input from the client gets an error or is ignored; the server keeps answering.
#[test]
fn malformed_input_never_ends_the_server() {
    let (_dir, root) = workspace(&[("flow.yaml", FLOW)]);
    let mut client = Client::spawn();
    // Before initialize: an error, not an exit.
    let early = client.request("textDocument/hover", at("file:///x.yaml", 0, 0));
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(&root, json!({}));
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let parse_error = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(parse_error["error"]["code"], -32700);
    client.send(&json!({"jsonrpc": "2.0", "id": 99, "params": {}}));
    let invalid = client.wait_for(|m| m["id"] == 99);
    assert_eq!(invalid["error"]["code"], -32600);
    let unknown = client.request("flowlint/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad_params = client.request("textDocument/hover", json!({"nope": 1}));
    assert_eq!(bad_params["error"]["code"], -32602);
    client.notify("textDocument/didChange", json!({"garbage": true}));
    // Positions out of range.
    let uri = client.open(&root.join("flow.yaml"), FLOW);
    for (line, character) in [(999, 0), (0, 999), (u32::MAX, u32::MAX)] {
        let _ = client.call("textDocument/hover", at(&uri, line, character));
        let _ = client.call("textDocument/completion", at(&uri, line, character));
        let _ = client.call("textDocument/definition", at(&uri, line, character));
    }
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 900, "character": 5},
                                             "end": {"line": 2, "character": 0}}, "text": "x"}]}),
    );
    // The file deleted on disk while open: the open text is still checked.
    std::fs::remove_file(root.join("flow.yaml")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 3}]}),
    );
    client.diagnostics(&uri);
    // A 10 MB document.
    let mut big = String::from("version: 1\nentries:\n");
    while big.len() < 10 << 20 {
        big.push_str("  - model: authentik_core.group\n    identifiers:\n      name: g\n");
    }
    let big_uri = client.open(&root.join("big.yaml"), &big);
    client.diagnostics(&big_uri);
    assert!(client.alive());
    let symbols = client.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(symbols.is_array() || symbols.is_null());
    assert_eq!(client.shutdown(), 0);
}
