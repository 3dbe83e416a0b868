//! Flow slug rules (flow-semantics §1.2, §7).

/// The API form of Django's `validate_slug` regex (upstream: `^[-a-zA-Z0-9_]+\Z`).
pub const SLUG_PATTERN: &str = "^[-a-zA-Z0-9_]+$";

/// What a valid slug consists of, for messages.
pub const SLUG_PATTERN_DESC: &str = "letters, numbers, underscores or hyphens";

/// authentik's own error text for an invalid slug (code `invalid`).
pub const SLUG_INVALID_MESSAGE: &str =
    "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.";

/// Whether `slug` passes `validate_slug`: non-empty, ASCII letters, digits, `-`
/// and `_` only. Like upstream's `\Z`, a trailing newline is not allowed.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}
