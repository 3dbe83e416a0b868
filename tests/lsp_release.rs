//! The language server describes the release a folder targets (`authentik-version` in
//! its `flowlint.toml`), as its diagnostics judge against it: completion and hover
//! never offer a model or field the targeted release lacks.

mod lsp_client;

use lsp_client::{Client, workspace};
use serde_json::{Value, json};

const PROVIDER: &str = "version: 1
entries:
  - model: authentik_providers_oauth2.oauth2provider
    identifiers:
      name: app
    attrs:
      client_type: public
      
  - model: authentik_lif
  - model: authentik_providers_oauth2.oauth2provider
    attrs:
      grant_types: [authorization_code]
";

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

fn labels(items: &Value) -> Vec<String> {
    items
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["label"].as_str().map(str::to_owned))
        .collect()
}

/// Completion (models, fields) and hover (a field) in a folder pinned to `version`
/// (`None`: no configuration, the newest release).
fn session(version: Option<&str>) -> (Vec<String>, Vec<String>, Value) {
    let config = version.map(|v| format!("authentik-version = \"{v}\"\n"));
    let mut files = vec![("provider.yaml", PROVIDER)];
    if let Some(config) = &config {
        files.push(("flowlint.toml", config.as_str()));
    }
    let (_dir, root) = workspace(&files);
    let mut client = Client::spawn();
    client.initialize(&root, json!({}));
    let uri = client.open(&root.join("provider.yaml"), PROVIDER);
    let models = labels(&client.call("textDocument/completion", at(&uri, 8, 24)));
    let fields = labels(&client.call("textDocument/completion", at(&uri, 7, 6)));
    let hover = client.call("textDocument/hover", at(&uri, 11, 8));
    assert_eq!(client.shutdown(), 0);
    (models, fields, hover)
}

#[test]
fn completion_and_hover_follow_the_folders_release() {
    let lifecycle = "authentik_lifecycle.lifecyclerule".to_owned();
    let grant_types = "grant_types".to_owned();

    // authentik 2025.12 has neither the lifecycle rule (2026.2) nor grant_types (2026.5).
    let (models, fields, hover) = session(Some("2025.12"));
    assert!(
        models.contains(&"authentik_core.group".to_owned()),
        "{models:?}"
    );
    assert!(!models.contains(&lifecycle), "{models:?}");
    assert!(fields.contains(&"client_id".to_owned()), "{fields:?}");
    assert!(!fields.contains(&grant_types), "{fields:?}");
    // No field description (a finding's rule explanation may be there: FL207).
    let text = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(!text.contains("oauth2provider.grant_types"), "{text}");

    // No configuration: the newest release, which has both; the hover says since when.
    let (models, _, hover) = session(None);
    assert!(models.contains(&lifecycle), "{models:?}");
    let text = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(text.contains("oauth2provider.grant_types"), "{text}");
    assert!(text.contains("exists from authentik 2026.5"), "{text}");

    let (_, fields, _) = session(Some("2026.8"));
    assert!(fields.contains(&grant_types), "{fields:?}");
}
