//! flowlint: lint and dry-run authentik flow blueprints.
//!
//! Pipeline: YAML with spans ([`yaml`]) → blueprint model ([`model`]) → rules
//! ([`rules`]) over one walk per file and the world ([`world`]) → findings
//! ([`finding`]) → outputs ([`output`]). The library returns data; only the binary
//! prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod config;
pub mod duration;
pub mod error;
pub mod eval;
pub mod finding;
pub mod fix;
pub mod lsp;
pub mod model;
pub mod output;
pub mod rules;
pub mod simulate;
pub mod source;
pub mod suppress;
pub mod workspace;
pub mod world;
pub mod yaml;
