//! The blueprint model: a typed view over the spanned YAML tree.
//!
//! The model borrows from the tree, so every field keeps its node and span. Building
//! it never fails and reports nothing: rules look at what is there and what is not.

mod blueprint;
mod tags;

pub use blueprint::{Blueprint, Entry, EntryState, ModelId};
pub use tags::TagKind;
