//! `textDocument/documentSymbol`: the entries as an outline, named as an admin reads
//! them ("flow default-authentication-flow", "binding 10 -> identification").

use lsp_types::{DocumentSymbol, SymbolKind};

use super::doc::{DocView, describe_ref};
use crate::model::Entry;

pub fn symbols(view: &DocView) -> Vec<DocumentSymbol> {
    let Some(blueprint) = view.blueprint() else {
        return Vec::new();
    };
    blueprint
        .entries
        .iter()
        .map(|entry| {
            let (name, kind) = title(entry);
            let selection = entry
                .id
                .or(entry.model)
                .map(|p| p.value.span)
                .unwrap_or(entry.node.span);
            #[allow(deprecated)] // `deprecated` is a required field of the struct
            DocumentSymbol {
                name,
                detail: entry.model_id().map(|m| m.full.to_string()),
                kind,
                tags: None,
                deprecated: None,
                range: view.range(entry.node.span),
                selection_range: view.range(selection),
                children: None,
            }
        })
        .collect()
}

/// "binding 10 -> identification", "flow default-authentication-flow", "stage x".
fn title(entry: &Entry) -> (String, SymbolKind) {
    let Some(model) = entry.model_id() else {
        return (format!("entry {}", entry.index + 1), SymbolKind::OBJECT);
    };
    let field = |name: &str| entry.field(name).and_then(describe_ref);
    let order = field("order").unwrap_or_else(|| "?".into());
    match model.full {
        "authentik_flows.flowstagebinding" => {
            let stage = field("stage").unwrap_or_else(|| "?".into());
            (format!("binding {order} -> {stage}"), SymbolKind::EVENT)
        }
        "authentik_policies.policybinding" => {
            let to = field("policy")
                .or_else(|| field("group"))
                .or_else(|| field("user"))
                .unwrap_or_else(|| "?".into());
            (format!("policy binding {order} -> {to}"), SymbolKind::EVENT)
        }
        _ => {
            let spec = entry.spec;
            let kind_name = match model.model_name {
                "flow" => "flow".to_string(),
                name if name.ends_with("stage") => "stage".to_string(),
                name if name.ends_with("policy") => "policy".to_string(),
                name => spec
                    .and_then(|s| s.verbose_name)
                    .map(str::to_lowercase)
                    .unwrap_or_else(|| name.to_string()),
            };
            let label = ["slug", "name", "username", "field_key", "path"]
                .iter()
                .find_map(|f| field(f))
                .or_else(|| entry.id_str().map(str::to_string))
                .unwrap_or_else(|| format!("#{}", entry.index + 1));
            let kind = match kind_name.as_str() {
                "flow" => SymbolKind::CLASS,
                "stage" => SymbolKind::FUNCTION,
                "policy" => SymbolKind::INTERFACE,
                _ => SymbolKind::OBJECT,
            };
            (format!("{kind_name} {label}"), kind)
        }
    }
}
