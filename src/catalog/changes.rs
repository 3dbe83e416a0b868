//! What changed between releases for a blueprint's author, as data: fields renamed or
//! reshaped, choices removed (and what replaced them), defaults a blueprint-created
//! object gets that changed. Each row names the first release it holds for and the
//! evidence in authentik's code or the authentik-client wheels; rules ask a
//! [`Release`] through the functions below and never compare versions.
//!
//! Which fields and choices exist in which release comes from the release data
//! (`releases/*.json`); a row here says what the data cannot: that `issuer_override`
//! is `issuer` under a new name, that `entraid` replaced `azuread`.

use super::{AuthentikVersion, Release, releases};

const fn v(year: u16, month: u16) -> AuthentikVersion {
    AuthentikVersion::new(year, month)
}

/// How the old value becomes the new field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reshape {
    /// The same value under the new name.
    Same,
    /// One object became a list of objects: `old: X` is `new: [X]`.
    OneToList,
    /// The same value, and the behaviour the old field implied is a second setting
    /// (`backchannel_logout_uri: U` is `logout_uri: U` with `logout_method: backchannel`).
    AlsoSets {
        field: &'static str,
        value: &'static str,
    },
}

/// A field a release renamed (or replaced by a field of another shape).
#[derive(Debug)]
pub struct FieldRename {
    pub model: &'static str,
    pub old: &'static str,
    pub new: &'static str,
    /// The first release with the new name (the old one is gone from it).
    pub since: AuthentikVersion,
    pub reshape: Reshape,
    /// What a blueprint still using the old name loses, as a clause.
    pub lost: &'static str,
}

/// Every rename, oldest first. The wheels show the old field leaving and the new one
/// arriving in `since`; the migration named in each comment shows they are one setting.
pub const FIELD_RENAMES: &[FieldRename] = &[
    // events/migrations/0009_remove_notificationtransport_webhook_mapping_and_more.py
    // (2025.4): the body mapping became `webhook_mapping_body` (headers got their own).
    FieldRename {
        model: "authentik_events.notificationtransport",
        old: "webhook_mapping",
        new: "webhook_mapping_body",
        since: v(2025, 4),
        reshape: Reshape::Same,
        lost: "webhooks are sent without the custom body mapping",
    },
    // events/migrations/0010_rename_group_notificationrule_destination_group_and_more.py
    // (RenameField, 2025.8).
    FieldRename {
        model: "authentik_events.notificationrule",
        old: "group",
        new: "destination_group",
        since: v(2025, 8),
        reshape: Reshape::Same,
        lost: "the rule notifies no group",
    },
    // providers/oauth2/migrations/0031_remove_oauth2provider_backchannel_logout_uri_and_more.py
    // (2025.10) copies the URI to `logout_uri` and sets `logout_method: backchannel`.
    FieldRename {
        model: "authentik_providers_oauth2.oauth2provider",
        old: "backchannel_logout_uri",
        new: "logout_uri",
        since: v(2025, 10),
        reshape: Reshape::AlsoSets {
            field: "logout_method",
            value: "backchannel",
        },
        lost: "the provider sends no back-channel logout",
    },
    // GroupRequest: `parent` (one group) in the 2025.10 wheel, `parents` (a list) from
    // 2025.12 (groups may have several parents).
    FieldRename {
        model: "authentik_core.group",
        old: "parent",
        new: "parents",
        since: v(2025, 12),
        reshape: Reshape::OneToList,
        lost: "the group gets no parent, and with it none of the parent's roles or superuser status",
    },
    // providers/scim/migrations/0019_scimprovider_group_filters_and_more.py moves
    // `filter_group` into the many-to-many `group_filters` and removes it (2026.2).
    FieldRename {
        model: "authentik_providers_scim.scimprovider",
        old: "filter_group",
        new: "group_filters",
        since: v(2026, 2),
        reshape: Reshape::OneToList,
        lost: "the provider has no group filter and syncs every group",
    },
    // providers/saml/migrations/0022_remove_samlprovider_issuer_and_more.py (RenameField,
    // 2026.5); a blank `issuer_override` means authentik's generated issuer.
    FieldRename {
        model: "authentik_providers_saml.samlprovider",
        old: "issuer",
        new: "issuer_override",
        since: v(2026, 5),
        reshape: Reshape::Same,
        lost: "the provider signs with authentik's generated issuer (Entity ID), which the service provider does not expect",
    },
    // sources/saml/migrations/0023_rename_issuer_samlsource_issuer_override.py
    // (RenameField, 2026.8); blank means the metadata URL.
    FieldRename {
        model: "authentik_sources_saml.samlsource",
        old: "issuer",
        new: "issuer_override",
        since: v(2026, 8),
        reshape: Reshape::Same,
        lost: "the source's Entity ID becomes its metadata URL, which the identity provider does not expect",
    },
];

/// A choice a release removed, and what existing objects were migrated to.
#[derive(Debug)]
pub struct ChoiceRemoval {
    pub model: &'static str,
    pub field: &'static str,
    pub value: &'static str,
    /// The first release without the choice.
    pub removed_in: AuthentikVersion,
    pub replacement: &'static str,
}

pub const CHOICE_REMOVALS: &[ChoiceRemoval] = &[
    // sources/oauth/migrations/0014_migrate_azuread_to_entraid.py updates every
    // `azuread` source to `entraid`; the 2026.8 wheel's ProviderTypeEnum lacks `azuread`
    // (`entraid` is there from 2025.8).
    ChoiceRemoval {
        model: "authentik_sources_oauth.oauthsource",
        field: "provider_type",
        value: "azuread",
        removed_in: v(2026, 8),
        replacement: "entraid",
    },
];

/// A field whose value on a blueprint-created object is empty from a release on,
/// where the UI and the upgrade migration fill it in.
#[derive(Debug)]
pub struct EmptyOnCreate {
    pub model: &'static str,
    pub field: &'static str,
    pub since: AuthentikVersion,
    /// The value to suggest, as YAML flow text.
    pub suggested: &'static str,
    /// What an object created without it does, as a clause.
    pub consequence: &'static str,
    /// The fields the release's API requires on create: an entry giving them all
    /// defines (creates) the object; one lacking any updates an object defined
    /// elsewhere or fails anyway.
    pub required: &'static [&'static str],
}

pub const EMPTY_ON_CREATE: &[EmptyOnCreate] = &[
    // PR #20363 (2026.5): `grant_types` joins OAuth2Provider; the migration
    // (0032_oauth2provider_grant_types) gives existing providers every grant type and the
    // UI pre-selects them, while the model default is an empty list
    // (0033_alter_oauth2provider_grant_types: `default=list`), which the importer's
    // `model()` instance keeps when attrs lack the field. Users' reports: claytono/infra
    // #2525 (2026.5), CowDogMoo/Walls-of-Excellence #1828.
    EmptyOnCreate {
        model: "authentik_providers_oauth2.oauth2provider",
        field: "grant_types",
        since: v(2026, 5),
        suggested: "[authorization_code, refresh_token]",
        consequence: "refuses every authorization and token request (\"Invalid grant_type for provider\")",
        // OAuth2ProviderRequest's required fields in the 2026.5 and 2026.8 wheels.
        required: &[
            "name",
            "authorization_flow",
            "invalidation_flow",
            "redirect_uris",
        ],
    },
];

impl Release {
    /// The rename that took `model.old` away at or before this release, when this
    /// release has the new field.
    pub fn renamed_field(&self, model: &str, old: &str) -> Option<&'static FieldRename> {
        FIELD_RENAMES.iter().find(|row| {
            row.model == model
                && row.old == old
                && row.since <= self.version()
                && self
                    .model(model)
                    .is_some_and(|m| m.field(row.new).is_some())
        })
    }

    /// The rename that gave `model.new` its name after this release, when this release
    /// still has the old field (an upgraded blueprint checked against an older target).
    pub fn renamed_later(&self, model: &str, new: &str) -> Option<&'static FieldRename> {
        FIELD_RENAMES.iter().find(|row| {
            row.model == model
                && row.new == new
                && row.since > self.version()
                && self
                    .model(model)
                    .is_some_and(|m| m.field(row.old).is_some())
        })
    }

    /// The removal of choice `value` of `model.field` at or before this release.
    pub fn removed_choice(
        &self,
        model: &str,
        field: &str,
        value: &str,
    ) -> Option<&'static ChoiceRemoval> {
        CHOICE_REMOVALS.iter().find(|row| {
            row.model == model
                && row.field == field
                && row.value == value
                && row.removed_in <= self.version()
        })
    }

    /// The fields of `model` a blueprint-created object gets empty in this release.
    pub fn empty_on_create(&self, model: &str) -> impl Iterator<Item = &'static EmptyOnCreate> {
        let version = self.version();
        EMPTY_ON_CREATE
            .iter()
            .filter(move |row| row.model == model && row.since <= version)
    }
}

/// The first release after `target` in which `has` holds, when `target` lacks it
/// (a field or choice added later).
pub fn added_after(
    target: &Release,
    mut has: impl FnMut(&'static Release) -> bool,
) -> Option<AuthentikVersion> {
    releases()
        .filter(|release| release.version() > target.version())
        .find(|release| has(release))
        .map(Release::version)
}

/// The release that removed what `has` describes: the release after the last one
/// that has it, when an older release than `target` has it and neither `target` nor
/// any release between has.
pub fn removed_by(
    target: &Release,
    mut has: impl FnMut(&'static Release) -> bool,
) -> Option<AuthentikVersion> {
    let mut had = false;
    let mut removed = None;
    for release in releases().filter(|release| release.version() <= target.version()) {
        if has(release) {
            had = true;
            removed = None;
        } else if had && removed.is_none() {
            removed = Some(release.version());
        }
    }
    removed
}
