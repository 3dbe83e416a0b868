//! The YAML layer: saphyr-parser events into flowlint's own spanned tree.

mod build;
mod construct;
mod kept_break;
mod loader;
mod merge;
mod node;
mod offsets;
mod outcome;
pub mod python;
mod pyyaml_text;
mod scalar;
mod splice;

pub use build::Build;
pub use loader::{load, load_with_limits};
pub use node::{DictKey, Node, NodeKind, Pair, Scalar, ScalarKind, ScalarStyle, ScalarValue, Tag};
pub use outcome::{LoadLimits, Loaded, YamlProblem, YamlProblemKind};
pub use scalar::resolve_plain;
pub use splice::{reload, splice};

#[cfg(test)]
mod tests;
