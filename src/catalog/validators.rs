//! Checks authentik's serializers make across fields, beyond each field's own type:
//! a `validate_<field>` that reads another field from `initial_data`. Like every
//! release fact, each row holds for a span of releases and names its evidence.

use super::{AuthentikVersion, Span};

/// `field: value` is rejected unless `requires` is given and not empty.
#[derive(Debug)]
pub struct RequiredWith {
    pub model: &'static str,
    pub field: &'static str,
    pub value: &'static str,
    pub requires: &'static str,
    /// authentik's `ValidationError` text.
    pub message: &'static str,
    pub releases: Span,
}

const REQUIRED_WITH: &[RequiredWith] = &[
    // authentik/stages/authenticator_validate/api.py,
    // `AuthenticatorValidateStageSerializer.validate_not_configured_action`: reads
    // `configuration_stages` from `initial_data` (the entry's merged fields, also on
    // a partial update) and raises when it is missing or empty. In every release
    // flowlint knows.
    RequiredWith {
        model: "authentik_stages_authenticator_validate.authenticatorvalidatestage",
        field: "not_configured_action",
        value: "configure",
        requires: "configuration_stages",
        message: "When \"Not configured action\" is set to \"Configure\", you must set a configuration stage.",
        releases: Span::since(AuthentikVersion::new(2024, 12)),
    },
];

/// The cross-field requirements on `model` in `version`.
pub fn required_with(
    model: &str,
    version: AuthentikVersion,
) -> impl Iterator<Item = &'static RequiredWith> {
    REQUIRED_WITH
        .iter()
        .filter(move |row| row.model == model && row.releases.holds_in(version))
}
