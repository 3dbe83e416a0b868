//! FL6xx: secrets and unsafe input.
//!
//! [`secrets`] decides which values are credentials; the FL601 rule reports the ones
//! written in plain text, and [`redact`] keeps every credential (and every `--env`
//! value) out of the report, whatever the output format.

mod plaintext_secret;
pub mod redact;
mod secret_names;
pub mod secrets;

pub use plaintext_secret::PLAINTEXT_SECRET;
pub use redact::Redactions;
