//! The context a blueprint's tags read: authentik's defaults, the file's `context:`,
//! then `--context` values.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::Settings;
use crate::catalog::{Release, embedded_versions};
use crate::eval::{Context, ContextValue, DottedKeys, Value};
use crate::model::Blueprint;
use crate::yaml;

/// authentik's `goauthentik.io/rbac/models` default: model name → app label, built
/// once per process and release.
pub(crate) fn rbac_models(release: &'static Release) -> &'static Value<'static> {
    static RBAC_MODELS: OnceLock<Vec<OnceLock<Value<'static>>>> = OnceLock::new();
    let slots = RBAC_MODELS.get_or_init(|| embedded_versions().map(|_| OnceLock::new()).collect());
    slots[release.index()].get_or_init(|| {
        Value::Map(
            release
                .model_ids()
                .filter(|m| !m.is_meta && m.entry)
                .map(|m| {
                    let (app_label, model_name) = m.parts();
                    (
                        Value::Str(Cow::Borrowed(model_name)),
                        Value::Str(Cow::Borrowed(app_label)),
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
    context.set_dotted_keys(if settings.target.release.caps.nested_context_keys {
        DottedKeys::Walk
    } else {
        DottedKeys::TopLevelOnly
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
