//! `[baseline]` in flowlint.toml: what the user's server has besides a fresh install.
//!
//! ```toml
//! [baseline]
//! enabled = false   # the server's default flows were deleted
//! objects = [
//!   { model = "authentik_flows.flow", slug = "corp-login" },
//!   { model = "authentik_core.group", name = "Staff" },
//! ]
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::baseline::{BaselineObject, BaselineSettings};

/// One `objects` item: `model` and the fields it is found by, each with its span.
type RawObject = Spanned<BTreeMap<String, Spanned<toml::Value>>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBaseline {
    enabled: Option<bool>,
    objects: Option<Vec<RawObject>>,
}

/// The validated `[baseline]` table; errors are `(span, message)`.
pub(super) fn parse(
    raw: RawBaseline,
) -> Result<BaselineSettings, (std::ops::Range<usize>, String)> {
    let mut settings = BaselineSettings {
        enabled: raw.enabled.unwrap_or(true),
        extra: Vec::new(),
    };
    for object in raw.objects.unwrap_or_default() {
        let span = object.span();
        let mut table = object.into_inner();
        let model = match table.remove("model") {
            Some(m) => match m.get_ref() {
                toml::Value::String(id) => {
                    // The config may serve any release: a model of any embedded one.
                    let spec = crate::catalog::releases()
                        .rev()
                        .find_map(|release| release.model(id).filter(|s| !s.is_meta))
                        .ok_or_else(|| {
                            let hint = crate::catalog::newest()
                                .suggest_model(id)
                                .map_or_else(String::new, |s| format!(" (did you mean `{s}`?)"));
                            (
                                m.span(),
                                format!("`baseline.objects`: unknown model `{id}`{hint}"),
                            )
                        })?;
                    spec.id.clone()
                }
                _ => {
                    return Err((
                        m.span(),
                        "`baseline.objects`: `model` must be a string".into(),
                    ));
                }
            },
            None => {
                return Err((
                    span,
                    "`baseline.objects`: each object needs a `model` and at least one field".into(),
                ));
            }
        };
        let mut fields = Vec::new();
        for (key, value) in table {
            // As the world compares `!Find` values (Python's `str()` of the scalar).
            let text = match value.get_ref() {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Boolean(b) => if *b { "True" } else { "False" }.to_string(),
                other => {
                    return Err((
                        value.span(),
                        format!(
                            "`baseline.objects`: `{key}` must be a string, integer or boolean, got a {}",
                            other.type_str()
                        ),
                    ));
                }
            };
            fields.push((key.into(), text.into()));
        }
        if fields.is_empty() {
            return Err((
                span,
                format!("`baseline.objects`: `{model}` needs at least one field to be found by"),
            ));
        }
        settings.extra.push(BaselineObject {
            model: model.into(),
            fields,
            since: None,
            source: "flowlint.toml".into(),
        });
    }
    Ok(settings)
}
