//! Hand-written model knowledge that the published schema does not carry.
//!
//! Each file is one kind of fact, with the spec section it comes from:
//! * `stages.rs`: stage/policy components, verbose names, stage roles (§6.1, §4.2);
//! * `required.rs`: attributes required when an entry creates the object;
//! * `fields.rs`: secrets, references, timedelta fields, §7 bounds;
//! * `choices.rs`: choice values shipped blueprints use that the schema lacks;
//! * `defaults.rs`: stated attribute defaults;
//! * `supplement.rs`: models the release accepts but the schema omits.
//!
//! `assemble.rs` applies all of it when the catalog is built.

pub(crate) mod choices;
pub(crate) mod defaults;
pub(crate) mod fields;
pub(crate) mod required;
pub(crate) mod stages;
pub(crate) mod supplement;
