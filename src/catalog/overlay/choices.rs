//! Choice values a release's artifacts lack but authentik's own shipped blueprints
//! use, so that they are not reported as invalid; each row with the releases it holds
//! for, ending where the release data itself starts listing the values.
//!
//! Each addition names its evidence. Values that only unreleased branches have
//! belong in `hints.rs` instead (they stay errors, with an explanation).

use super::{ALL, Span};
use crate::catalog::AuthentikVersion;

/// `(model id, field, extra values, releases)`. For list fields the values extend the
/// items' enum.
pub(crate) const EXTRA_CHOICES: &[(&str, &str, &[&str], Span)] = &[
    // flow-semantics §6.1 lists the three alert types as prompt `type` values; the
    // shipped `default/flow-default-account-lockdown.yaml` uses them. The wheels
    // list them from 2026.5, where the row ends.
    (
        "authentik_stages_prompt.prompt",
        "type",
        &["alert_info", "alert_warning", "alert_danger"],
        Span {
            first: ALL.first,
            last: Some(AuthentikVersion::new(2026, 2)),
        },
    ),
    // Event actions used by the shipped `default/events-user-security-notifications.yaml`
    // (copy from upstream commit 3a17f89, release not known) but in no release's data:
    // the `action` choices of every embedded wheel (2024.12.x to 2026.8.5, 27 to 38
    // values) lack all four, and the search index's copies of
    // `authentik/events/models.py` (`EventAction`) are too old to say. Their first
    // release is not known (no embedded release lists them: likely newer than 2026.8),
    // so every embedded release accepts them: at worst a miss, never a false error on
    // authentik's own blueprint.
    (
        "authentik_policies_event_matcher.eventmatcherpolicy",
        "action",
        &[
            "login_blocked",
            "mfa_device_added",
            "mfa_device_removed",
            "user_created",
        ],
        ALL,
    ),
];

/// Extra allowed values for `model.field` in `release`.
pub(crate) fn extra_choices(
    model: &str,
    field: &str,
    release: AuthentikVersion,
) -> &'static [&'static str] {
    EXTRA_CHOICES
        .iter()
        .find(|(m, f, _, span)| *m == model && *f == field && span.holds_in(release))
        .map_or(&[], |(_, _, values, _)| values)
}
