use super::common::{CreatingEntry, creating_entry};
use crate::catalog::changes::EmptyOnCreate;
use crate::declare_rule;
use crate::finding::Sink;
use crate::fix::text::block_key_column;
use crate::fix::{Edit, Fix};
use crate::rules::EntryCx;
use crate::yaml::Pair;

declare_rule! {
    /// ## What it does
    /// Reports an entry that creates an object without a field that a blueprint-created
    /// object gets empty from the targeted release on, where authentik's upgrade
    /// migration and its admin interface fill it in. Today one field: an OAuth2
    /// provider's `grant_types`, from authentik 2026.5 (PR #20363). Older targets have
    /// no such field and get nothing. The rows are a release-keyed table
    /// (`src/catalog/changes.rs`).
    ///
    /// Decisions:
    /// * from 2026.5 `OAuth2Provider.grant_types` defaults to an empty list; migration
    ///   `0032_oauth2provider_grant_types` gives the providers that existed before the
    ///   upgrade every grant type, and the admin interface pre-selects them for new
    ///   ones, but the blueprint importer creates the object from `model()` and keeps
    ///   the model default for every field its attrs leave out;
    /// * only creation loses it: when the provider already exists, the importer updates
    ///   it with `partial=True` and the grant types stay. flowlint cannot know whether
    ///   the provider exists when the blueprint applies, so, like
    ///   `missing-required-field`, an entry counts as creating when its state may create
    ///   (`present`, the default, `created`, `must_created`) and it gives every field
    ///   the release's API requires on create (`name`, `authorization_flow`,
    ///   `invalidation_flow`, `redirect_uris`): it defines the provider. An entry
    ///   lacking one of them updates a provider defined elsewhere (or fails anyway) and
    ///   is not reported. A blueprint that defines a provider creates it on every new
    ///   instance, which is why this is an error rather than a warning;
    /// * entries whose `attrs` or `identifiers` is a tag are skipped.
    ///
    /// ## Why is this bad?
    /// The provider is created with no allowed grant type, and authentik refuses every
    /// authorization and token request for it ("Invalid grant_type for provider"):
    /// nobody can log in to the application. Public repositories hit this after
    /// upgrading to 2026.5 (17 providers in one of them).
    ///
    /// ## Severity
    /// Error: a blueprint that defines the provider creates it, on every new
    /// installation, with no grant type, and authentik then refuses every authorization
    /// for it (`Invalid grant_type for provider`); an entry that only updates a provider
    /// is not reported.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_providers_oauth2.oauth2provider
    ///   identifiers:
    ///     name: grafana
    ///   attrs:
    ///     authorization_flow: !Find [authentik_flows.flow, [slug, default-provider-authorization-implicit-consent]]
    ///     invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]
    ///     client_id: grafana
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///   attrs:
    ///     grant_types: [authorization_code, refresh_token]
    ///     authorization_flow: ...
    /// ```
    ///
    /// ## Fix
    /// Unsafe (which grants the application needs is the author's choice): adds
    /// `grant_types: [authorization_code, refresh_token]`, what a login through an
    /// OAuth2/OpenID Connect application uses, as the first key of a block `attrs`
    /// mapping. Add `client_credentials`, `implicit` or the device code grant where the
    /// application uses them.
    pub static FIELD_EMPTY_ON_CREATE = {
        code: "FL212",
        name: "field-empty-on-create",
        family: Values,
        severity: Error,
        summary: "A created object lacks a field that blueprint-created objects get empty (OAuth2 grant_types from 2026.5)",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let Some(model) = cx.model else { return };
    let release = cx.target().release;
    let mut rows = release.empty_on_create(&model.id).peekable();
    if rows.peek().is_none() {
        return;
    }
    let Some(CreatingEntry {
        model_pair,
        attrs,
        identifiers,
    }) = creating_entry(cx.entry)
    else {
        return;
    };
    let given = |field: &str| {
        attrs
            .iter()
            .chain(identifiers)
            .any(|p| p.key.scalar_text() == Some(field))
    };
    for row in rows {
        // Only an entry that gives every field the API requires can create the object.
        if given(row.field) || !row.required.iter().all(|field| given(field)) {
            continue;
        }
        let finding = sink.report(
            &FIELD_EMPTY_ON_CREATE,
            model_pair.value.span,
            format!(
                "this `{}` entry creates the object without `{}`: from authentik {} an object a blueprint creates gets an empty `{}` and {}; you target authentik {}",
                model.id,
                row.field,
                row.since,
                row.field,
                row.consequence,
                release.version()
            ),
        );
        finding.label(format!("no `{}`", row.field)).help(format!(
            "add `{}: {}` under `attrs:` (and any other grant the application uses)",
            row.field, row.suggested
        ));
        finding.fix_opt(fix(&cx.file.source.text, attrs, row));
    }
}

/// `field: suggested` as the first key of a block `attrs` mapping.
fn fix(text: &str, attrs: &[Pair], row: &EmptyOnCreate) -> Option<Fix> {
    let first = attrs.first()?;
    let start = first.key.span.start;
    let column = block_key_column(text, start)?;
    let line_start = start.checked_sub(u32::try_from(column).ok()?)?;
    let indent = text.get(line_start as usize..start as usize)?;
    if !indent.bytes().all(|b| b == b' ') {
        return None;
    }
    Some(Fix::unsafe_(
        format!("Add `{}: {}`", row.field, row.suggested),
        vec![Edit::insert(
            line_start,
            format!("{indent}{}: {}\n", row.field, row.suggested),
        )],
    ))
}
