//! Flow slug rules (flow-semantics §1.2, §7).

/// The API form of Django's `validate_slug` regex (upstream: `^[-a-zA-Z0-9_]+\Z`).
pub const SLUG_PATTERN: &str = "^[-a-zA-Z0-9_]+$";

/// What a valid slug consists of, for messages.
pub const SLUG_PATTERN_DESC: &str = "letters, numbers, underscores or hyphens";

/// authentik's own error text for an invalid slug (code `invalid`).
pub const SLUG_INVALID_MESSAGE: &str =
    "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.";

/// The `SlugField` cap flow slugs had before authentik 2025.12.
pub const LEGACY_SLUG_MAX_LEN: usize = 50;

/// First authentik version whose flow slug has no length cap (migration
/// `0029_alter_flow_slug`).
const UNCAPPED_SINCE: (u16, u16) = (2025, 12);

/// Whether `slug` passes `validate_slug`: non-empty, ASCII letters, digits, `-`
/// and `_` only. Like upstream's `\Z`, a trailing newline is not allowed.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// Maximum flow slug length for the configured authentik `(year, minor)` version.
///
/// With no configured version the 50-character cap applies: it is what the seed
/// API documents, and a slug that fits runs on every release. From 2025.12 on there
/// is no cap.
pub fn slug_max_len(version: Option<(u16, u16)>) -> Option<usize> {
    match version {
        Some(version) if version >= UNCAPPED_SINCE => None,
        _ => Some(LEGACY_SLUG_MAX_LEN),
    }
}
