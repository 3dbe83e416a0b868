//! Version facts that are not fields: the only place that knows release numbers.
//!
//! Each fact names the first release it holds for (and the last, where it ended)
//! and its evidence in authentik's code. [`Caps`] is what one release makes of them;
//! rules read `cx.target.release.caps` and the change tables, never a version.

use super::AuthentikVersion;

const fn v(year: u16, month: u16) -> AuthentikVersion {
    AuthentikVersion::new(year, month)
}

/// A fact that holds from `first` to `last` (inclusive; `None`: still holds).
#[derive(Clone, Copy, Debug)]
pub struct Span {
    pub first: AuthentikVersion,
    pub last: Option<AuthentikVersion>,
}

impl Span {
    pub const fn since(first: AuthentikVersion) -> Span {
        Span { first, last: None }
    }

    pub fn holds_in(&self, version: AuthentikVersion) -> bool {
        version >= self.first && self.last.is_none_or(|last| version <= last)
    }
}

/// The `SlugField(max_length=50)` flow slugs had until migration
/// `authentik/flows/migrations/0029_alter_flow_slug.py` (2025.12) made them a
/// plain text slug without a cap.
pub const FLOW_SLUG_CAP: usize = 50;
const FLOW_SLUG_UNCAPPED: Span = Span::since(v(2025, 12));

/// `!Condition` modes of every release (`blueprints/v1/common.py` `Condition._COMPARATORS`).
const CONDITION_MODES: &[&str] = &["AND", "NAND", "OR", "NOR", "XOR", "XNOR"];
/// `EQ` and `NEQ` joined them in 2026.5 (PR #20315).
const CONDITION_MODES_EQ: &[&str] = &["AND", "NAND", "OR", "NOR", "XOR", "XNOR", "EQ", "NEQ"];
const CONDITION_EQ_NEQ: Span = Span::since(v(2026, 5));

/// `!Context a.b.0` walks nested values, a literal dotted key winning (PR #20577).
const NESTED_CONTEXT_KEYS: Span = Span::since(v(2026, 5));

/// The flow inspector's `FlowSet` (`FlowSetSerializer`) names the flow's background
/// `background_url` from 2025.12; before it was `background` (client wheels: `FlowSet`
/// properties of 2025.10.4 vs 2025.12.6).
const FLOW_SET_BACKGROUND_URL: Span = Span::since(v(2025, 12));

/// What one release does, beyond its models and fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caps {
    /// The flow slug's length cap (`None`: no cap).
    pub flow_slug_max_len: Option<usize>,
    /// The `!Condition` modes the release accepts (upper-case).
    pub condition_modes: &'static [&'static str],
    /// `!Context` keys with dots walk into nested values (else only top-level keys).
    pub nested_context_keys: bool,
    /// The inspector's flow entries carry `background_url` (else only `background`).
    pub flow_set_background_url: bool,
}

impl Caps {
    pub(crate) fn of(version: AuthentikVersion) -> Caps {
        Caps {
            flow_slug_max_len: (!FLOW_SLUG_UNCAPPED.holds_in(version)).then_some(FLOW_SLUG_CAP),
            condition_modes: if CONDITION_EQ_NEQ.holds_in(version) {
                CONDITION_MODES_EQ
            } else {
                CONDITION_MODES
            },
            nested_context_keys: NESTED_CONTEXT_KEYS.holds_in(version),
            flow_set_background_url: FLOW_SET_BACKGROUND_URL.holds_in(version),
        }
    }

    /// The first release that accepts `!Condition` mode `mode` (upper-case), when
    /// some release does.
    pub fn condition_mode_since(mode: &str) -> Option<AuthentikVersion> {
        if CONDITION_MODES.contains(&mode) {
            Some(v(2000, 1))
        } else if CONDITION_MODES_EQ.contains(&mode) {
            Some(CONDITION_EQ_NEQ.first)
        } else {
            None
        }
    }

    /// The first release whose flow slugs have no length cap.
    pub fn flow_slug_uncapped_since() -> AuthentikVersion {
        FLOW_SLUG_UNCAPPED.first
    }
}
