//! Errors are for the tool failing (IO, bad arguments); findings are never errors.

use std::fmt;

#[derive(Debug)]
pub enum ToolError {
    /// A path given on the command line cannot be used.
    Path { path: String, reason: String },
    /// Bad command-line usage.
    Usage(String),
    /// Writing a report failed.
    Output { path: String, reason: String },
    /// A configuration or scenario file is invalid; the message carries its location.
    Config(String),
}

impl fmt::Display for ToolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ToolError::Path { path, reason } => write!(f, "cannot read `{path}`: {reason}"),
            ToolError::Usage(message) => f.write_str(message),
            ToolError::Output { path, reason } => write!(f, "cannot write `{path}`: {reason}"),
            ToolError::Config(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ToolError {}
