//! Loading files into a world outside `check` (for `flowlint graph`).
//!
//! Mirrors the context set-up of `check::run_file` (defaults → the file's `context:`
//! → `--context`), which is private to the check driver.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::catalog::catalog;
use crate::check::{Input, InputContent, ParsedFile, Settings};
use crate::eval::{Context, ContextValue, Value};
use crate::model::Blueprint;
use crate::source::{FileId, SourceFile};
use crate::yaml;

/// Parse inputs; unreadable files become empty (they add nothing to the world).
pub fn parse(inputs: Vec<Input>) -> Vec<ParsedFile> {
    inputs
        .into_iter()
        .map(|input| {
            let text = match input.content {
                InputContent::Text(text) => text,
                InputContent::BadEncoding { lossy, .. } => lossy,
                InputContent::TooLarge { .. } | InputContent::Unreadable(_) => String::new(),
            };
            let loaded = yaml::load(&text);
            ParsedFile {
                source: SourceFile::new(input.path, text),
                loaded,
                read_findings: Vec::new(),
            }
        })
        .collect()
}

fn rbac_models() -> &'static Value<'static> {
    static RBAC: OnceLock<Value<'static>> = OnceLock::new();
    RBAC.get_or_init(|| {
        Value::Map(
            catalog()
                .models()
                .filter(|m| !m.is_meta)
                .map(|m| {
                    (
                        Value::Str(Cow::Owned(m.model_name.clone())),
                        Value::Str(Cow::Owned(m.app_label.clone())),
                    )
                })
                .collect(),
        )
    })
}

/// The blueprints of parsed files with their effective contexts.
pub fn blueprints<'a>(
    parsed: &'a [ParsedFile],
    settings: &Settings,
) -> Vec<(FileId, Blueprint<'a>, Context<'a>)> {
    let mut out = Vec::new();
    for (id, file) in parsed.iter().enumerate() {
        let Some(root) = &file.loaded.root else {
            continue;
        };
        let Some(blueprint) = Blueprint::from_root(root) else {
            continue;
        };
        let mut context = Context::with_defaults(rbac_models());
        if let Some(pair) = blueprint.context {
            context.merge_node(&pair.value);
        }
        for (key, value) in &settings.context {
            let typed = match yaml::resolve_plain(value) {
                yaml::ScalarValue::Bool(b) => Value::Bool(b),
                yaml::ScalarValue::Int(Some(i)) => Value::Int(i),
                yaml::ScalarValue::Null => Value::Null,
                _ => Value::Str(Cow::Owned(value.clone())),
            };
            context.set(key.clone(), ContextValue::Value(typed));
        }
        out.push((id, blueprint, context));
    }
    out
}
