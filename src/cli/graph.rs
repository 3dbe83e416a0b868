//! `flowlint graph`: the object graph of the world, or of one flow, as DOT, Mermaid
//! or JSON.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{EXIT_OK, Outcome};
use crate::check::{self, Input, Settings};
use crate::error::ToolError;
use crate::world::render;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// Nodes and edges as JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Files or folders to load as one world (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Only this flow (by slug): its bindings in order, their stages and policies.
    #[arg(long, value_name = "SLUG")]
    pub flow: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// A blueprint context value for static evaluation (repeatable).
    #[arg(long = "context", value_name = "KEY=VALUE")]
    pub context: Vec<String>,
    /// A value for `!Env NAME` (repeatable); the process environment is never read.
    #[arg(long = "env", value_name = "NAME=VALUE")]
    pub env: Vec<String>,
}

fn pairs(values: &[String], flag: &str) -> Result<Vec<(String, String)>, ToolError> {
    values
        .iter()
        .map(|v| match v.split_once('=') {
            Some((k, val)) if !k.is_empty() => Ok((k.to_string(), val.to_string())),
            _ => Err(ToolError::Usage(format!(
                "{flag} expects KEY=VALUE, got `{v}`"
            ))),
        })
        .collect()
}

pub fn run_graph(args: GraphArgs) -> Result<Outcome, ToolError> {
    let settings = Settings {
        context: pairs(&args.context, "--context")?,
        env: pairs(&args.env, "--env")?.into_iter().collect(),
        ..Settings::default()
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let files = check::discover(&paths)?;
    let inputs: Vec<Input> = files
        .iter()
        .map(|p| Input::read(p, check::display_path(p), settings.max_file_size))
        .collect();
    Ok(graph_of(
        inputs,
        args.flow.as_deref(),
        args.format,
        &settings,
    ))
}

/// Render the graph of `inputs` (one world); exit 2 when `flow` names no flow.
pub fn graph_of(
    inputs: Vec<Input>,
    flow: Option<&str>,
    format: GraphFormat,
    settings: &Settings,
) -> Outcome {
    let mut workspace = check::workspace_of(inputs, settings);
    let rendered = workspace.with_world(|world| {
        let view = render::view(world, flow)?;
        Some(match format {
            GraphFormat::Dot => render::dot(world, &view),
            GraphFormat::Mermaid => render::mermaid(world, &view),
            GraphFormat::Json => render::json(world, &view),
        })
    });
    let Some(rendered) = rendered else {
        return Outcome {
            stdout: String::new(),
            stderr: format!(
                "flowlint: error: no flow with slug `{}` in the given blueprints\n",
                flow.unwrap_or_default()
            ),
            code: super::EXIT_TOOL_ERROR,
        };
    };
    // Node labels come from evaluated tags: secrets and `--env` values never print.
    let stdout = workspace.redactions().scrub(&rendered);
    Outcome {
        stdout,
        stderr: String::new(),
        code: EXIT_OK,
    }
}
