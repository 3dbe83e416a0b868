//! `flowlint schema`: the blueprint JSON schema of a release, or the YAML extension's
//! `customTags` list.

use clap::Args;

use super::Outcome;

use crate::catalog::Target;
use crate::error::ToolError;
use crate::lsp::schema::{CUSTOM_TAGS, blueprint_schema};

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The authentik release the schema describes, e.g. 2025.12.
    #[arg(long, value_name = "VERSION")]
    pub authentik_version: Option<String>,
    /// Print the `yaml.customTags` list for the YAML extension instead of the schema.
    #[arg(long)]
    pub custom_tags: bool,
}

pub fn run_schema(args: &SchemaArgs) -> Result<Outcome, ToolError> {
    if args.custom_tags {
        let text = serde_json::to_string_pretty(&CUSTOM_TAGS).unwrap_or_default();
        return Ok(Outcome {
            stdout: text + "\n",
            ..Outcome::default()
        });
    }
    let target = match &args.authentik_version {
        Some(text) => Target::parse(text)
            .map_err(|e| ToolError::Usage(format!("--authentik-version: {e}")))?,
        None => Target::default(),
    };
    let text = serde_json::to_string_pretty(&blueprint_schema(target.release)).unwrap_or_default();
    Ok(Outcome {
        stdout: text + "\n",
        ..Outcome::default()
    })
}
