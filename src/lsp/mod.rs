//! `flowlint lsp`: a language server over stdio (`lsp-server` + `lsp-types`).
//!
//! One thread owns the [`session::Session`] (open documents, workspace folders,
//! settings) and answers messages in order; diagnostics come from checking each
//! workspace folder as `flowlint check` does, debounced after edits. Positions are
//! converted in [`convert`] only.

mod capabilities;
pub mod convert;
mod diagnostics;
mod embeds;
mod features;
mod folder;
pub mod schema;
mod server;
mod session;
mod transport;

use crate::error::ToolError;

/// Serve on stdin/stdout until the client sends `exit`. Returns whether the client
/// shut down first (the protocol's exit code 0) or not (1).
pub fn serve_stdio() -> Result<bool, ToolError> {
    let transport = transport::Transport::stdio().map_err(|e| ToolError::Output {
        path: "<stdout>".into(),
        reason: e.to_string(),
    })?;
    let clean = server::run(&transport);
    transport.finish();
    Ok(clean)
}
