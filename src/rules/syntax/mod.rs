//! FL0xx: the file cannot be read as a YAML blueprint.

mod duplicate_key;
mod input_limit_exceeded;
mod invalid_encoding;
mod invalid_merge_key;
mod multiple_documents;
mod never_discovered;
mod non_mapping_document;
mod not_a_blueprint;
mod unreadable_file;
mod yaml_syntax_error;

pub use duplicate_key::DUPLICATE_KEY;
pub use input_limit_exceeded::INPUT_LIMIT_EXCEEDED;
pub use invalid_encoding::INVALID_ENCODING;
pub use invalid_merge_key::INVALID_MERGE_KEY;
pub use multiple_documents::MULTIPLE_DOCUMENTS;
pub use never_discovered::NEVER_DISCOVERED;
pub use non_mapping_document::NON_MAPPING_DOCUMENT;
pub use not_a_blueprint::NOT_A_BLUEPRINT;
pub use unreadable_file::UNREADABLE_FILE;
pub use yaml_syntax_error::YAML_SYNTAX_ERROR;
