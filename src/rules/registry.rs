//! The one registry table: every rule, sorted by code.

use super::{Rule, flow, meta, references, security, structure, syntax, tags, values};

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
    &syntax::NOT_A_BLUEPRINT,
    &syntax::NEVER_DISCOVERED,
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
    &values::INVALID_SLUG,
    &values::INVALID_ENUM_VALUE,
    &values::INTEGER_OUT_OF_RANGE,
    &values::WRONG_VALUE_TYPE,
    &values::INVALID_UUID,
    &values::INVALID_DURATION,
    &values::UNKNOWN_ATTRIBUTE,
    &values::MISSING_REQUIRED_FIELD,
    &values::INVALID_STRING_LENGTH,
    &values::INVALID_EMAIL,
    &values::LEGACY_VALUE_FORMAT,
    &values::FIELD_EMPTY_ON_CREATE,
    &values::RENAMED_FIELD,
    &values::MISSING_CONDITIONAL_FIELD,
    // @tags
    &tags::UNKNOWN_TAG,
    &tags::INVALID_TAG_ARGUMENTS,
    &tags::INDEX_OUTSIDE_ENUMERATE,
    &tags::INVALID_CONDITION_MODE,
    &tags::FORMAT_ARGUMENT_MISMATCH,
    &tags::INVALID_JSON,
    // @references
    &references::KEYOF_UNRESOLVED,
    &references::DUPLICATE_ENTRY_ID,
    &references::DUPLICATE_BLUEPRINT_NAME,
    &references::MISSING_APPLIED_BLUEPRINT,
    &references::BLUEPRINT_APPLY_CYCLE,
    &references::FIND_MATCHES_NOTHING,
    &references::REFERENCE_TO_MISSING_FLOW,
    &references::TRUTHY_STRING_CONDITION,
    &references::HARD_CODED_PK,
    &references::DUPLICATE_STAGE_NAME,
    &references::DUPLICATE_POLICY_NAME,
    &references::REFERENCE_TO_WRONG_MODEL,
    &references::RAW_PK_REFERENCE,
    // @flow
    &flow::FLOW_WITHOUT_BINDINGS,
    &flow::DUPLICATE_STAGE_BINDING,
    &flow::AMBIGUOUS_BINDING_ORDER,
    &flow::BINDING_POLICIES_NEVER_EVALUATED,
    &flow::INVALID_POLICY_BINDING_TARGET,
    &flow::PENDING_USER_MISSING,
    &flow::AUTHENTICATION_FLOW_WITHOUT_LOGIN,
    &flow::STAGE_POLICY_FAILS_OPEN,
    &flow::UNBOUND_STAGE,
    // @security
    &security::PLAINTEXT_SECRET,
    // @meta (keep last)
    &meta::UNUSED_SUPPRESSION,
    &meta::UNKNOWN_SUPPRESSION_CODE,
];

/// A rule by its code (`FL101`).
pub fn by_code(code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}

/// A rule by code or kebab-case name.
pub fn by_code_or_name(key: &str) -> Option<&'static Rule> {
    by_code(key).or_else(|| RULES.iter().copied().find(|r| r.name == key))
}
