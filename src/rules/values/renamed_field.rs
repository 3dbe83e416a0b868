use crate::catalog::{FieldRename, Reshape};
use crate::declare_rule;
use crate::finding::Sink;
use crate::fix::text::{block_key_column, replace_word};
use crate::fix::{Edit, Fix};
use crate::model::EntryState;
use crate::rules::EntryCx;
use crate::yaml::{NodeKind, Pair, ScalarStyle, ScalarValue};

declare_rule! {
    /// ## What it does
    /// Reports an attribute under the name a field had before the targeted release
    /// renamed or reshaped it: SAML provider `issuer` (`issuer_override` from 2026.5),
    /// SAML source `issuer` (`issuer_override` from 2026.8), SCIM provider `filter_group`
    /// (the list `group_filters` from 2026.2), group `parent` (the list `parents` from
    /// 2025.12), OAuth2 provider `backchannel_logout_uri` (`logout_uri` with
    /// `logout_method: backchannel` from 2025.10), notification rule `group`
    /// (`destination_group` from 2025.8) and notification transport `webhook_mapping`
    /// (`webhook_mapping_body` from 2025.4). The renames are a release-keyed table
    /// (`src/catalog/changes.rs`), each row checked against the release data and named
    /// after the migration that made it.
    ///
    /// Decisions:
    /// * only `attrs` are checked: an old name in `identifiers` fails the lookup, which
    ///   `unknown-attribute` reports;
    /// * an entry that also sets the new name, or sets the old one to null or an empty
    ///   text, is left to `unknown-attribute` (the old key is ignored, but no setting is
    ///   lost);
    /// * `state: absent` entries are skipped (their attrs are never saved).
    ///
    /// ## Why is this bad?
    /// authentik's serializers drop fields they do not know without a word, so the
    /// setting written under the old name is lost on the targeted release: a SAML
    /// provider signs with a generated issuer its service provider rejects, a SCIM
    /// provider without its group filter syncs every group. That is why it is an error,
    /// although the blueprint applies.
    ///
    /// ## Severity
    /// Warning: the blueprint applies and the serializer drops the old name without a
    /// word, so this one setting is lost on the targeted release, the same consequence
    /// as any attribute the model does not have (FL207, a warning). flowlint keeps
    /// errors for entries authentik rejects and for objects a blueprint creates unusable
    /// (FL212). authentik's own `default/events-default.yaml` was written with the
    /// notification rule's `group` before its rename to `destination_group` (2025.8):
    /// a warning lets such files be upgraded without failing CI that gates on errors,
    /// while the pre-commit hook (`--fail-on warning`) still stops the commit.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_providers_scim.scimprovider
    ///   identifiers:
    ///     name: slack
    ///   attrs:
    ///     filter_group: !Find [authentik_core.group, [name, slack-users]]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///   attrs:
    ///     group_filters: [!Find [authentik_core.group, [name, slack-users]]]
    /// ```
    ///
    /// ## Fix
    /// Unsafe (it changes what the blueprint means on older releases, which still know
    /// only the old name): the key is renamed, a single value becomes a one-item flow
    /// list for a field that became a list, and the setting the old field implied is
    /// added (`logout_method: backchannel`). No fix when the value spans several lines
    /// or cannot be wrapped in place.
    pub static RENAMED_FIELD = {
        code: "FL213",
        name: "renamed-field",
        family: Values,
        severity: Warning,
        summary: "An attribute under the name the targeted release renamed; the setting is lost",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let Some(model) = cx.model else { return };
    if model.is_meta || cx.entry.literal_state() == Some(EntryState::Absent) {
        return;
    }
    let Some(attrs) = cx
        .entry
        .attrs
        .filter(|p| !p.value.is_custom_tagged())
        .and_then(|p| p.value.as_map())
    else {
        return;
    };
    let release = cx.target().release;
    for pair in attrs {
        let Some(name) = pair.key.as_str().filter(|_| !pair.key.is_custom_tagged()) else {
            continue;
        };
        let Some(rename) = release.renamed_field(&model.id, name) else {
            continue;
        };
        // The new name set too, or nothing set under the old one: nothing is lost
        // (`unknown-attribute` says the key is ignored).
        if attrs.iter().any(|p| p.key.as_str() == Some(rename.new))
            || super::release_drift::is_empty(&pair.value)
        {
            continue;
        }
        let finding = sink.report(
            &RENAMED_FIELD,
            pair.key.span,
            format!(
                "`{name}` was renamed `{}` in authentik {}; authentik {} ignores `{name}`, so {}",
                rename.new,
                rename.since,
                release.version(),
                rename.lost
            ),
        );
        finding
            .label(format!(
                "renamed `{}` in authentik {}",
                rename.new, rename.since
            ))
            .help(help(rename));
        finding.fix_opt(fix(&cx.file.source.text, pair, attrs, rename));
    }
}

fn help(rename: &FieldRename) -> String {
    match rename.reshape {
        Reshape::Same => format!("rename it to `{}`", rename.new),
        Reshape::OneToList => format!(
            "rename it to `{}` and make the value a list (`{}: [X]`)",
            rename.new, rename.new
        ),
        Reshape::AlsoSets { field, value } => {
            format!("rename it to `{}` and set `{field}: {value}`", rename.new)
        }
    }
}

/// The key renamed, and the value or siblings reshaped as the row says.
fn fix(text: &str, pair: &Pair, siblings: &[Pair], rename: &FieldRename) -> Option<Fix> {
    let mut edits = vec![replace_word(text, &pair.key, rename.new)?];
    match rename.reshape {
        Reshape::Same => {}
        Reshape::OneToList => {
            if pair.value.as_seq().is_none() || pair.value.is_custom_tagged() {
                let (start, end) = wrappable(text, &pair.value)?;
                edits.push(Edit::insert(start, "["));
                edits.push(Edit::insert(end, "]"));
            }
        }
        Reshape::AlsoSets { field, value } => {
            if !siblings.iter().any(|p| p.key.as_str() == Some(field)) {
                let column = block_key_column(text, pair.key.span.start)?;
                let line_start = pair.key.span.start - column as u32;
                let indent = text.get(line_start as usize..pair.key.span.start as usize)?;
                if !indent.bytes().all(|b| b == b' ') {
                    return None;
                }
                edits.push(Edit::insert(
                    line_start,
                    format!("{indent}{field}: {value}\n"),
                ));
            }
        }
    }
    let title = match rename.reshape {
        Reshape::OneToList => format!(
            "Rename `{}` to `{}` and make its value a list",
            rename.old, rename.new
        ),
        _ => format!("Rename `{}` to `{}`", rename.old, rename.new),
    };
    Some(Fix::unsafe_(title, edits))
}

/// Where `[` and `]` go to make the value one item of a flow list: around the value
/// (its tag included) when it is written on one line and reads the same inside a flow
/// list (a plain scalar without flow indicators, a quoted scalar, a tagged scalar or
/// flow collection). `None` for null, block values and anything else.
fn wrappable(text: &str, value: &crate::yaml::Node) -> Option<(u32, u32)> {
    let start = value
        .tag
        .as_ref()
        .map_or(value.span.start, |tag| tag.span.start);
    let end = value.span.end;
    let written = text.get(start as usize..end as usize)?;
    if written.is_empty() || written.contains('\n') {
        return None;
    }
    match &value.kind {
        NodeKind::Scalar(scalar) => {
            let plain_ok = scalar.style != ScalarStyle::Plain
                || (!written.contains([',', '[', ']', '{', '}', '#']) && !written.contains(": "));
            let null = value.tag.is_none() && matches!(scalar.value(), ScalarValue::Null);
            (plain_ok
                && !null
                && matches!(
                    scalar.style,
                    ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
                ))
            .then_some((start, end))
        }
        _ => (value.tag.is_some() && (written.ends_with(']') || written.ends_with('}')))
            .then_some((start, end)),
    }
}

#[cfg(test)]
mod tests {
    use super::wrappable;
    use crate::yaml;

    /// What `[`…`]` would enclose for `parent: <written>`.
    fn enclosed(written: &str) -> Option<String> {
        let text = format!("parent: {written}\n");
        let loaded = yaml::load(&text);
        let root = loaded.root.expect("parses");
        let value = root.as_map().expect("a mapping")[0].value.clone();
        wrappable(&text, &value).map(|(start, end)| text[start as usize..end as usize].to_string())
    }

    #[test]
    fn wraps_only_what_reads_the_same_inside_a_flow_list() {
        for (written, wrapped) in [
            ("c2a5b2a4", Some("c2a5b2a4")),
            ("'a, b'", Some("'a, b'")),
            ("\"a]\"", Some("\"a]\"")),
            ("!Env GROUP", Some("!Env GROUP")),
            (
                "!Find [authentik_core.group, [name, top]]",
                Some("!Find [authentik_core.group, [name, top]]"),
            ),
            ("!Context {a: b}", Some("!Context {a: b}")),
            ("!!str null", Some("!!str null")),
            ("a,b", None),
            ("a[1]", None),
            ("a{b", None),
            ("a#b", None),
            ("null", None),
            ("~", None),
            ("", None),
            ("{a: b}", None),
            ("|\n  block", None),
            ("!Env\n  GROUP", None),
        ] {
            assert_eq!(enclosed(written).as_deref(), wrapped, "{written:?}");
        }
    }
}
