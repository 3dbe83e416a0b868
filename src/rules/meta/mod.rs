//! FL9xx: flowlint's own suppressions and configuration.

mod unknown_suppression_code;
mod unused_suppression;

pub use unknown_suppression_code::UNKNOWN_SUPPRESSION_CODE;
pub use unused_suppression::UNUSED_SUPPRESSION;
