//! FL1xx: the blueprint's shape.

mod invalid_entries;
mod invalid_model_format;
mod invalid_state;
mod malformed_entry;
mod metadata_name_missing;
mod missing_identifiers;
mod non_string_label;
mod unknown_key;
mod unknown_model;
mod unsupported_version;

pub use invalid_entries::INVALID_ENTRIES;
pub use invalid_model_format::INVALID_MODEL_FORMAT;
pub use invalid_state::INVALID_STATE;
pub use malformed_entry::MALFORMED_ENTRY;
pub use metadata_name_missing::METADATA_NAME_MISSING;
pub use missing_identifiers::MISSING_IDENTIFIERS;
pub use non_string_label::NON_STRING_LABEL;
pub use unknown_key::UNKNOWN_KEY;
pub use unknown_model::UNKNOWN_MODEL;
pub use unsupported_version::UNSUPPORTED_VERSION;
