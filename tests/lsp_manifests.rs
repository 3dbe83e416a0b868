//! `flowlint lsp` in a folder holding a Kubernetes manifest whose ConfigMap embeds
//! blueprints: each open document (the manifest, plain blueprints) gets the findings
//! `flowlint check` reports for the same texts on disk (positions on the manifest's
//! lines, related locations between the manifest and plain files, suppressions,
//! masked secrets), on opening and after an edit of either kind of file.

mod lsp_client;

use std::collections::BTreeSet;
use std::path::Path;

use lsp_client::{Client, uri, workspace};
use serde_json::{Value, json};

/// Two blueprints in a ConfigMap after another document: one named as `shared.yaml`,
/// with a suppressed and an unsuppressed unknown key and a wrong designation; one
/// named as `first.yaml`, with a secret in plain text.
const MANIFEST: &str = "apiVersion: v1
kind: Namespace
metadata:
  name: auth
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: blueprints
data:
  login.yaml: |
    version: 1
    metadata:
      name: Shared
    entries:
      - model: authentik_stages_user_logout.userlogoutstage
        identifiers:
          name: logout
        attr: {}  # flowlint: ignore[FL104]
      - model: authentik_flows.flow
        identifiers:
          slug: login
        attrs: {name: l, title: l, designation: recover}
        attr: {}
  provider.yaml: |
    version: 1
    metadata:
      name: First
    entries:
      - model: authentik_providers_oauth2.oauth2provider
        identifiers:
          name: p
        attrs:
          client_secret: PLANTED-SECRET-42
";

const FIRST: &str = "version: 1\nmetadata:\n  name: First\nentries: []\n";
const SHARED: &str = "version: 1\nmetadata:\n  name: Shared\nentries: []\n";

const FILES: [(&str, &str); 3] = [
    ("flows/a-first.yaml", FIRST),
    ("k8s/blueprints.yaml", MANIFEST),
    ("z-shared.yaml", SHARED),
];

/// A finding as (file, code, line, column, message, related locations), 1-based.
type Seen = (
    String,
    String,
    u64,
    u64,
    String,
    Vec<(String, u64, u64, String)>,
);

/// What `flowlint check --format json ROOT` reports for the texts on disk.
fn checked(root: &Path) -> BTreeSet<Seen> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_flowlint"))
        .args(["check", "--format", "json"])
        .arg(root)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let number = |v: &Value| v.as_u64().unwrap();
    (report["findings"].as_array().unwrap().iter())
        .map(|f| {
            let labels = (f["labels"].as_array().into_iter().flatten())
                .map(|l| {
                    let file = l["file"].as_str().unwrap().to_string();
                    let message = l["message"].as_str().unwrap().to_string();
                    (file, number(&l["line"]), number(&l["column"]), message)
                })
                .collect();
            (
                f["file"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
                number(&f["line"]),
                number(&f["column"]),
                f["message"].as_str().unwrap().to_string(),
                labels,
            )
        })
        .collect()
}

/// The diagnostics last published for each open document (ASCII texts: UTF-16
/// characters are columns).
fn published(client: &mut Client, root: &Path, uris: &[String]) -> BTreeSet<Seen> {
    // Every diagnostic published before this answer has arrived.
    client.request("flowlint/nothing", json!({}));
    let path_of = |uri: &str| {
        let name = uri.strip_prefix(&lsp_client::uri(root)).unwrap();
        root.join(name.trim_start_matches('/'))
            .display()
            .to_string()
    };
    let number = |v: &Value| v.as_u64().unwrap() + 1;
    let mut out = BTreeSet::new();
    for doc in uris {
        let last = (client.notifications.iter().rev())
            .find(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == *doc
            })
            .expect("published");
        for d in last["params"]["diagnostics"].as_array().unwrap() {
            let message = d["message"].as_str().unwrap();
            let message = message.split("\nhelp: ").next().unwrap().to_string();
            let related = (d["relatedInformation"].as_array().into_iter().flatten())
                .map(|r| {
                    let start = &r["location"]["range"]["start"];
                    (
                        path_of(r["location"]["uri"].as_str().unwrap()),
                        number(&start["line"]),
                        number(&start["character"]),
                        r["message"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            let start = &d["range"]["start"];
            out.insert((
                path_of(doc),
                d["code"].as_str().unwrap().to_string(),
                number(&start["line"]),
                number(&start["character"]),
                message,
                related,
            ));
        }
    }
    out
}

/// Replace `from` by `to` in an open document, as one edit, and on disk.
fn edit(client: &mut Client, root: &Path, name: &str, version: i32, from: &str, to: &str) {
    let path = root.join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find(from).unwrap();
    let line = text[..at].matches('\n').count();
    let character = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    let doc = uri(&path);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": doc, "version": version},
            "contentChanges": [{
                "range": {"start": {"line": line, "character": character},
                          "end": {"line": line, "character": character + from.len()}},
                "text": to,
            }],
        }),
    );
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == doc.as_str()
            && m["params"]["version"] == version
    });
}

#[test]
fn a_folder_with_a_manifest_gets_checks_findings_before_and_after_edits() {
    let (_dir, root) = workspace(&FILES);
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let mut uris = Vec::new();
    for (name, text) in FILES {
        let doc = client.open(&root.join(name), text);
        client.diagnostics(&doc);
        uris.push(doc);
    }
    let before = published(&mut client, &root, &uris);
    assert_eq!(before, checked(&root));
    // What the comparison covers: findings on the manifest's lines from both of its
    // blueprints, related locations both ways, one of two FL104 suppressed.
    let manifest = root.join("k8s/blueprints.yaml").display().to_string();
    let on_manifest: Vec<&Seen> = before.iter().filter(|f| f.0 == manifest).collect();
    let codes: Vec<&str> = on_manifest.iter().map(|f| f.1.as_str()).collect();
    for code in ["FL104", "FL202", "FL403", "FL601"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert_eq!(codes.iter().filter(|c| **c == "FL104").count(), 1);
    let fl601 = on_manifest.iter().find(|f| f.1 == "FL601").unwrap();
    let secret_line = MANIFEST
        .lines()
        .position(|l| l.contains("client_secret"))
        .unwrap();
    assert_eq!(
        fl601.2,
        secret_line as u64 + 1,
        "the secret's line in the manifest"
    );
    assert!(
        on_manifest
            .iter()
            .any(|f| f.5.iter().any(|l| l.0.ends_with("a-first.yaml")))
    );
    assert!(
        before
            .iter()
            .any(|f| f.0.ends_with("z-shared.yaml") && f.5.iter().any(|l| l.0 == manifest))
    );
    assert!(!format!("{before:?}").contains("PLANTED"));

    // An edit of the manifest ends the clash with the plain blueprint.
    edit(
        &mut client,
        &root,
        "k8s/blueprints.yaml",
        2,
        "name: Shared",
        "name: Solo",
    );
    let after = published(&mut client, &root, &uris);
    assert_eq!(after, checked(&root));
    assert!(
        !after
            .iter()
            .any(|f| f.0.ends_with("z-shared.yaml") && f.1 == "FL403")
    );
    // An edit of a plain blueprint ends the manifest's clash with it.
    edit(
        &mut client,
        &root,
        "flows/a-first.yaml",
        2,
        "name: First",
        "name: Other",
    );
    let after = published(&mut client, &root, &uris);
    assert_eq!(after, checked(&root));
    assert!(!after.iter().any(|f| f.0 == manifest && f.1 == "FL403"));
    assert!(after.iter().any(|f| f.0 == manifest && f.1 == "FL202"));
    // A key added to the ConfigMap: one more blueprint, mounted under a name
    // authentik never loads.
    let added = "  extra.yml: |\n    version: 1\n    entries: []\n  provider.yaml: |";
    edit(
        &mut client,
        &root,
        "k8s/blueprints.yaml",
        3,
        "  provider.yaml: |",
        added,
    );
    let after = published(&mut client, &root, &uris);
    assert_eq!(after, checked(&root));
    assert!(after.iter().any(|f| f.0 == manifest && f.1 == "FL021"));
    // And the manifest's blueprint edited again, after the key.
    edit(
        &mut client,
        &root,
        "k8s/blueprints.yaml",
        4,
        "designation: recover",
        "designation: recovery",
    );
    let after = published(&mut client, &root, &uris);
    assert_eq!(after, checked(&root));
    assert!(!after.iter().any(|f| f.0 == manifest && f.1 == "FL202"));
    assert_eq!(client.shutdown(), 0);
}
