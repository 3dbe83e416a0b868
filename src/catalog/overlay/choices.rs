//! Choice values the 2025.12 schema's enums lack but authentik's own shipped
//! blueprints use, so that they are not reported as invalid.
//!
//! Each addition names its evidence. Values that only newer, unreleased versions have
//! belong in `hints.rs` instead (they stay errors, with an explanation).

/// `(model id, field, extra values)`. For list fields the values extend the items' enum.
pub(crate) const EXTRA_CHOICES: &[(&str, &str, &[&str])] = &[
    // flow-semantics §6.1 lists the three alert types as prompt `type` values; the
    // shipped `default/flow-default-account-lockdown.yaml` uses them.
    (
        "authentik_stages_prompt.prompt",
        "type",
        &["alert_info", "alert_warning", "alert_danger"],
    ),
    // Event actions used by the shipped `default/events-user-security-notifications.yaml`
    // (the release's own default notification rules) but missing from the rc1 schema.
    (
        "authentik_policies_event_matcher.eventmatcherpolicy",
        "action",
        &[
            "login_blocked",
            "mfa_device_added",
            "mfa_device_removed",
            "user_created",
        ],
    ),
];

/// Extra allowed values for `model.field`.
pub(crate) fn extra_choices(model: &str, field: &str) -> &'static [&'static str] {
    EXTRA_CHOICES
        .iter()
        .find(|(m, f, _)| *m == model && *f == field)
        .map_or(&[], |(_, _, values)| values)
}
