//! `flowlint lsp` driven over stdio with JSON-RPC, as an editor drives it: the
//! diagnostics (positions, related files, edits, the same findings as `check`) and
//! malformed input. The editor features: `tests/lsp_features.rs`.

mod common;
mod lsp_client;

use std::collections::BTreeSet;

use lsp_client::{Client, FLOW, LOGIN, at, redact, uri, workspace};
use serde_json::{Value, json};

/// Two blueprints with one name (a finding with a location in another file), beside
/// [`LOGIN`].
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

/// An open document's unsaved text counts for the other files until it is closed;
/// then its saved text counts again.
#[test]
fn closing_an_edited_document_brings_back_its_saved_text() {
    let (_dir, root) = workspace(&files());
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let has_clash = |d: &[Value]| d.iter().any(|d| d["code"] == "FL403");
    let second = client.open(&root.join("b-second.yaml"), SECOND);
    assert!(has_clash(&client.diagnostics(&second)));
    let first = client.open(
        &root.join("a-first.yaml"),
        &FIRST.replace("Company - Login", "Company - Other"),
    );
    assert!(!has_clash(&client.diagnostics(&second)));
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": first}}),
    );
    assert!(has_clash(&client.diagnostics(&second)));
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
