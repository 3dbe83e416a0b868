//! Why a key that is no field of the targeted release is there: the field exists in a
//! newer release, an older release removed it, or a release renamed it. Worked out
//! from the release data and the change table, for `unknown-attribute`'s messages.

use crate::catalog::changes::{added_after, removed_by};
use crate::catalog::{AuthentikVersion, FieldRename, ModelSpec, Release, describe_releases};
use crate::rules::EntryCx;
use crate::yaml::Pair;

pub(super) enum Drift {
    /// Renamed at or before the target and only the old name set: `renamed-field`'s.
    RenamedAlone,
    /// An identifier under the old name of a renamed field.
    RenamedIdentifier { rename: &'static FieldRename },
    /// Renamed at or before the target, and the entry sets the new name too, or the
    /// old one only to null or an empty text (nothing is lost).
    RenamedBothSet {
        target: AuthentikVersion,
        rename: &'static FieldRename,
    },
    /// Only newer releases have it.
    Newer {
        target: AuthentikVersion,
        first: AuthentikVersion,
        when: String,
        /// The name the field has in the target, when a later release renamed it.
        old_name: Option<&'static str>,
    },
    /// An older release had it; `removed` dropped it.
    Removed {
        target: AuthentikVersion,
        removed: AuthentikVersion,
        when: String,
    },
}

/// The drift that explains `base` on `model`, when another release has the field.
pub(super) fn release_drift(
    cx: &EntryCx<'_, '_>,
    model: &ModelSpec,
    base: &str,
    section: &str,
    (pair, siblings): (&Pair, &[Pair]),
) -> Option<Drift> {
    let release = cx.target().release;
    let target = release.version();
    if section == "identifiers"
        && let Some(rename) = release.renamed_field(&model.id, base)
    {
        return Some(Drift::RenamedIdentifier { rename });
    }
    if section == "attrs"
        && let Some(rename) = release.renamed_field(&model.id, base)
    {
        // The new name set too (or nothing set) is this rule's; else `renamed-field`'s.
        let both =
            siblings.iter().any(|p| p.key.as_str() == Some(rename.new)) || is_empty(&pair.value);
        return Some(if both {
            Drift::RenamedBothSet { target, rename }
        } else {
            Drift::RenamedAlone
        });
    }
    let has = |other: &'static Release| {
        other
            .model(&model.id)
            .is_some_and(|m| m.field(base).is_some())
    };
    if let Some(first) = added_after(release, has) {
        return Some(Drift::Newer {
            target,
            first,
            when: describe_releases(has)?,
            old_name: release.renamed_later(&model.id, base).map(|r| r.old),
        });
    }
    // Removed from a model the removing release still has (not a model that left).
    let removed = removed_by(release, has).filter(|removed| {
        crate::catalog::release(*removed).is_some_and(|r| r.model(&model.id).is_some())
    })?;
    Some(Drift::Removed {
        target,
        removed,
        when: describe_releases(has)?,
    })
}

impl Drift {
    /// Message, label and help; `None` when nothing is to be reported.
    pub(super) fn describe(
        &self,
        field: &str,
        consequence: &str,
    ) -> Option<(String, String, String)> {
        Some(match self {
            Drift::RenamedAlone => return None,
            Drift::RenamedIdentifier { rename } => (
                format!(
                    "`{}` was renamed `{}` in authentik {}: {consequence}",
                    rename.old, rename.new, rename.since
                ),
                format!("renamed `{}` in authentik {}", rename.new, rename.since),
                format!(
                    "look the object up by another field, or by `{}`",
                    rename.new
                ),
            ),
            Drift::RenamedBothSet { target, rename } => (
                format!(
                    "`{}` was renamed `{}` in authentik {}; authentik {target} ignores `{}`, which sets nothing here (empty, or `{}` is set too)",
                    rename.old, rename.new, rename.since, rename.old, rename.new
                ),
                format!("renamed `{}` in authentik {}", rename.new, rename.since),
                format!(
                    "remove it; `{}` is the setting authentik {target} reads",
                    rename.new
                ),
            ),
            Drift::Newer {
                target,
                first,
                when,
                old_name,
            } => {
                let mut message = format!(
                    "`{field}` exists {when}; you target authentik {target}, which has no such field: {consequence}"
                );
                let mut help = format!(
                    "upgrade authentik to {first} or later and target it (--authentik-version), or remove it"
                );
                if let Some(old) = old_name {
                    message.push_str(&format!(" (authentik {target} calls it `{old}`)"));
                    help = format!("on authentik {target} the field is `{old}`; or {help}");
                }
                (message, format!("exists from authentik {first}"), help)
            }
            Drift::Removed {
                target,
                removed,
                when,
            } => (
                format!(
                    "`{field}` was removed in authentik {removed} (it exists {when}); you target authentik {target}: {consequence}"
                ),
                format!("removed in authentik {removed}"),
                "remove it".to_string(),
            ),
        })
    }
}

/// Null or an empty text, untagged: a value whose loss changes nothing.
pub(super) fn is_empty(value: &crate::yaml::Node) -> bool {
    use crate::yaml::{NodeKind, ScalarValue};
    !value.is_custom_tagged()
        && match &value.kind {
            NodeKind::Scalar(scalar) => {
                matches!(scalar.value(), ScalarValue::Null)
                    || (scalar.kind == crate::yaml::ScalarKind::Str && scalar.text.is_empty())
            }
            _ => false,
        }
}
