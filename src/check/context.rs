//! The context a blueprint's tags read: authentik's defaults, the file's `context:`,
//! then `--context` values.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::{AuthentikVersion, Settings};
use crate::catalog::catalog;
use crate::eval::{Context, ContextValue, DottedKeys, Value};
use crate::model::Blueprint;
use crate::yaml;

/// authentik's `goauthentik.io/rbac/models` default: model name → app label, built
/// once per process.
pub(crate) fn rbac_models() -> &'static Value<'static> {
    static RBAC_MODELS: OnceLock<Value<'static>> = OnceLock::new();
    RBAC_MODELS.get_or_init(|| {
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

/// The effective context of one blueprint.
pub(crate) fn file_context<'a>(
    blueprint: &Blueprint<'a>,
    settings: &Settings,
    rbac: &'a Value<'a>,
) -> Context<'a> {
    let mut context = Context::with_defaults(rbac);
    let dotted_paths = AuthentikVersion {
        year: 2026,
        month: 5,
    };
    context.set_dotted_keys(match settings.authentik_version {
        None => DottedKeys::Either,
        Some(version) if version >= dotted_paths => DottedKeys::Walk,
        Some(_) => DottedKeys::TopLevelOnly,
    });
    if let Some(pair) = blueprint.context {
        context.merge_node(&pair.value);
    }
    for (key, value) in &settings.context {
        let typed = match yaml::resolve_plain(value) {
            yaml::ScalarValue::Bool(b) => Value::Bool(b),
            yaml::ScalarValue::Int(i) => Value::Int(i),
            yaml::ScalarValue::Null => Value::Null,
            _ => Value::Str(Cow::Owned(value.clone())),
        };
        context.set(key.clone(), ContextValue::Value(typed));
    }
    context
}
