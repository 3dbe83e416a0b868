//! Fixes as data: a finding may carry a [`Fix`], one or more text edits on byte spans of
//! the finding's file. Edits are made on the text, never by re-serializing the tree, so
//! comments, quoting, anchors and layout outside the edits stay byte for byte.
//!
//! [`apply`] applies a set of fixes to one text (non-overlapping, in order);
//! [`text`] has the YAML-aware helpers rules use to build edits (keep the quoting style
//! of a scalar, rename a key); [`diff`] renders a unified diff; the `--fix` loop
//! lives in `cli/fix.rs`.

mod apply;
pub mod diff;
mod move_item;
mod run;
pub mod text;
mod write;

pub use apply::{Applied, aliased_spans, apply};
pub use move_item::move_item_above;
pub use run::{AppliedFix, FixPolicy, FixRun, FixedFile, MAX_PASSES, fix_inputs};
pub use write::{Identity, Written, write_fixed};

use serde::Serialize;

use crate::source::Span;

/// How sure a fix is to keep what the author meant.
///
/// Ordered: `Safe` is the most applicable, so `fix.applicability >= wanted` selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown to the user (editor, JSON) but never applied by `--fix`.
    DisplayOnly,
    /// Changes behaviour or guesses: applied with `--unsafe-fixes` only.
    Unsafe,
    /// Keeps what the author meant: applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace the bytes of `span` with `content` (an empty span inserts, empty content deletes).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub span: Span,
    pub content: Box<str>,
}

impl Edit {
    pub fn replace(span: Span, content: impl Into<Box<str>>) -> Self {
        Edit {
            span,
            content: content.into(),
        }
    }

    pub fn insert(at: u32, content: impl Into<Box<str>>) -> Self {
        Edit::replace(Span::empty(at), content)
    }

    pub fn delete(span: Span) -> Self {
        Edit::replace(span, "")
    }
}

/// A repair for one finding: every edit is in the finding's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, imperative and short ("Rename `attr` to `attrs`").
    pub title: String,
    /// Sorted by start, not overlapping.
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    fn new(title: impl Into<String>, mut edits: Vec<Edit>, applicability: Applicability) -> Self {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        Fix {
            title: title.into(),
            edits,
            applicability,
        }
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix::new(title, edits, Applicability::Safe)
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix::new(title, edits, Applicability::Unsafe)
    }

    pub fn display_only(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix::new(title, edits, Applicability::DisplayOnly)
    }

    /// The span covering every edit.
    pub fn span(&self) -> Span {
        self.edits
            .iter()
            .map(|e| e.span)
            .reduce(Span::cover)
            .unwrap_or_default()
    }

    /// Whether its edits are well formed for a text of `len` bytes: inside it, on
    /// character boundaries, sorted and not overlapping.
    pub fn is_valid_for(&self, text: &str) -> bool {
        let mut end = 0u32;
        !self.edits.is_empty()
            && self.edits.iter().enumerate().all(|(i, e)| {
                let ok = e.span.start <= e.span.end
                    && (i == 0 || e.span.start >= end)
                    && text.is_char_boundary(e.span.start as usize)
                    && text.is_char_boundary(e.span.end as usize)
                    && (e.span.end as usize) <= text.len();
                end = e.span.end;
                ok
            })
    }
}
