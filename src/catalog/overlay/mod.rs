//! Hand-written model knowledge that the published artifacts do not carry, as tables
//! keyed by release: every row names the releases it holds for ([`Span`]: the first
//! and, where it ended, the last), and `catalog/tests/spans.rs` checks each row
//! against the release data (a row claiming a release whose data lacks its model or
//! field fails).
//!
//! Each file is one kind of fact, with the spec section it comes from:
//! * `stages.rs`, `policies.rs`: stage/policy components, verbose names, stage roles
//!   and effects (§6.1, §4.2);
//! * `required.rs`: attributes required when an entry creates the object;
//! * `fields.rs`: secrets, references, timedelta fields;
//! * `choices.rs`: choice values shipped blueprints use that the artifacts lack;
//! * `defaults.rs`: stated attribute defaults;
//! * `supplement.rs`: models the release accepts but its artifacts omit;
//! * `behaviour.rs`: which models the simulator and the install baseline treat
//!   specially (stage and policy behaviour, base models a `!Find` may query).
//!
//! `assemble.rs` applies all of it, for one release, when the catalog is built.

pub(crate) mod behaviour;
pub(crate) mod choices;
pub(crate) mod defaults;
pub(crate) mod fields;
pub(crate) mod policies;
pub(crate) mod required;
pub(crate) mod stages;
pub(crate) mod supplement;

use crate::catalog::AuthentikVersion;
pub(crate) use crate::catalog::facts::Span;

const fn since(year: u16, month: u16) -> Span {
    Span::since(AuthentikVersion::new(year, month))
}

/// Every embedded release: 2024.12 is the oldest flowlint embeds (the fact may be
/// older; a test keeps this equal to the oldest embedded release).
pub(crate) const ALL: Span = since(2024, 12);
pub(crate) const S2025_2: Span = since(2025, 2);
pub(crate) const S2025_4: Span = since(2025, 4);
pub(crate) const S2025_6: Span = since(2025, 6);
pub(crate) const S2025_8: Span = since(2025, 8);
pub(crate) const S2025_10: Span = since(2025, 10);
pub(crate) const S2025_12: Span = since(2025, 12);
pub(crate) const S2026_5: Span = since(2026, 5);
