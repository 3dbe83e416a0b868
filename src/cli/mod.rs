//! The command line: argument definitions and what each command returns.
//! [`run`] returns the text to print and the exit code; `main.rs` prints it.

mod catalog;
mod check;
mod check_inputs;
mod check_output;
pub mod docs;
mod fix;
pub mod graph;
mod schema;
pub mod simulate;

use clap::{Parser, Subcommand};

pub use check::{
    CheckArgs, CheckFormat, ColorChoice, FailOn, blueprint_files, run_check, settings_from,
    settings_with_config,
};
pub use docs::{DocsArgs, RulesArgs};

#[derive(Debug, Parser)]
#[command(
    name = "flowlint",
    version,
    about = "Lint and dry-run authentik flow blueprints",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check blueprints and report every problem at once.
    Check(CheckArgs),
    /// Print the documentation of a rule, by code (FL101) or name (unknown-key).
    Explain {
        /// A rule code or name.
        rule: String,
    },
    /// List every rule.
    Rules(RulesArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from this command-line definition.
    Man {
        /// A command (`check`) for its own page, `flowlint-check(1)`.
        command: Option<String>,
    },
    /// Dry-run a flow offline and print what authentik's flow inspector would show.
    Simulate(simulate::SimulateArgs),
    /// Run flow scenarios (*.scenario.yaml) like a test suite; exit 4 when one fails.
    Test(simulate::TestArgs),
    /// Draw the graph of flows, bindings, stages and policies (DOT, Mermaid or JSON).
    Graph(graph::GraphArgs),
    /// Print a JSON schema of blueprints for one release (for the YAML extension), or
    /// its `yaml.customTags` list.
    Schema(schema::SchemaArgs),
    /// List the models of an authentik release, or one model's fields (type, required,
    /// choices, limits, references, the releases each field exists in).
    Catalog(catalog::CatalogArgs),
    /// Run the language server on stdin/stdout (for editors; see docs/editors.md).
    Lsp,
    /// Generate or check the rule documentation pages (for maintainers).
    #[command(hide = true)]
    Docs(DocsArgs),
}

/// How the terminal looks, decided by the binary.
#[derive(Clone, Copy, Debug)]
pub struct Terminal {
    pub color: bool,
    pub width: usize,
}

/// What to print and the exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TOOL_ERROR: u8 = 2;

pub fn run(cli: Cli, terminal: Terminal) -> Outcome {
    let result = match cli.command {
        Command::Check(args) => run_check(args, terminal),
        Command::Explain { rule } => docs::run_explain(&rule),
        Command::Rules(args) => Ok(docs::run_rules(&args)),
        Command::Completions { shell } => Ok(docs::run_completions(shell)),
        Command::Man { command } => docs::run_man(command.as_deref()),
        Command::Docs(args) => docs::run_docs(&args),
        Command::Simulate(args) => simulate::run_simulate(args, terminal),
        Command::Test(args) => simulate::run_test(args),
        Command::Graph(args) => graph::run_graph(args),
        Command::Schema(args) => schema::run_schema(&args),
        Command::Catalog(args) => catalog::run_catalog(&args),
        Command::Lsp => crate::lsp::serve_stdio().map(|clean| Outcome {
            code: if clean { EXIT_OK } else { EXIT_FINDINGS },
            ..Outcome::default()
        }),
    };
    result.unwrap_or_else(|error| Outcome {
        stdout: String::new(),
        stderr: format!("flowlint: error: {error}\n"),
        code: EXIT_TOOL_ERROR,
    })
}
