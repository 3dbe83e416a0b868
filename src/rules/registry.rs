//! The one registry table: every rule, sorted by code.

use super::{Rule, structure, syntax};

#[rustfmt::skip]
pub static RULES: &[&Rule] = &[
    &syntax::YAML_SYNTAX_ERROR,
    &syntax::INPUT_LIMIT_EXCEEDED,
    &syntax::MULTIPLE_DOCUMENTS,
    &syntax::DUPLICATE_KEY,
    &syntax::INVALID_MERGE_KEY,
    &syntax::INVALID_ENCODING,
    &syntax::UNREADABLE_FILE,
    &syntax::NON_MAPPING_DOCUMENT,
    // @structure
    &structure::UNSUPPORTED_VERSION,
    &structure::METADATA_NAME_MISSING,
    &structure::NON_STRING_LABEL,
    &structure::UNKNOWN_KEY,
    &structure::INVALID_MODEL_FORMAT,
    &structure::UNKNOWN_MODEL,
    &structure::INVALID_STATE,
    &structure::MISSING_IDENTIFIERS,
    &structure::INVALID_ENTRIES,
    &structure::MALFORMED_ENTRY,
    // @values
    // @tags
];

/// A rule by its code (`FL101`).
pub fn by_code(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// A rule by code or kebab-case name.
pub fn by_code_or_name(key: &str) -> Option<&'static Rule> {
    by_code(key).or_else(|| RULES.iter().copied().find(|r| r.name == key))
}
