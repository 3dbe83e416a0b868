//! The command line: argument definitions and what each command returns.
//! [`run`] returns the text to print and the exit code; `main.rs` prints it.

use std::collections::HashMap;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::{self, AuthentikVersion, Input, Settings};
use crate::error::ToolError;
use crate::output;
use crate::rules;

#[derive(Debug, Parser)]
#[command(name = "flowlint", version, about = "Lint and dry-run authentik flow blueprints", propagate_version = true)]
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
    Rules,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check (folders are searched for *.yaml and *.yml); default: the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// The authentik release the blueprints target, e.g. 2025.12 (changes version-dependent checks).
    #[arg(long, value_name = "VERSION")]
    pub authentik_version: Option<String>,
    /// A blueprint context value for static evaluation (repeatable).
    #[arg(long = "context", value_name = "KEY=VALUE")]
    pub context: Vec<String>,
    /// A value for `!Env NAME` (repeatable); the process environment is never read.
    #[arg(long = "env", value_name = "NAME=VALUE")]
    pub env: Vec<String>,
    /// Largest file to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_file_size: u64,
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
        Command::Explain { rule } => run_explain(&rule),
        Command::Rules => Ok(run_rules()),
    };
    result.unwrap_or_else(|error| Outcome {
        stdout: String::new(),
        stderr: format!("flowlint: error: {error}\n"),
        code: EXIT_TOOL_ERROR,
    })
}

fn parse_pairs(values: &[String], flag: &str) -> Result<Vec<(String, String)>, ToolError> {
    values
        .iter()
        .map(|v| {
            v.split_once('=')
                .map(|(k, val)| (k.to_string(), val.to_string()))
                .filter(|(k, _)| !k.is_empty())
                .ok_or_else(|| ToolError::Usage(format!("{flag} expects KEY=VALUE, got `{v}`")))
        })
        .collect()
}

pub fn settings_from(args: &CheckArgs) -> Result<Settings, ToolError> {
    let authentik_version = match &args.authentik_version {
        None => None,
        Some(text) => Some(AuthentikVersion::parse(text).ok_or_else(|| {
            ToolError::Usage(format!("--authentik-version expects YEAR.MONTH such as 2025.12, got `{text}`"))
        })?),
    };
    Ok(Settings {
        authentik_version,
        context: parse_pairs(&args.context, "--context")?,
        env: parse_pairs(&args.env, "--env")?.into_iter().collect::<HashMap<_, _>>(),
        max_file_size: args.max_file_size,
        ..Settings::default()
    })
}

fn run_check(args: CheckArgs, terminal: Terminal) -> Result<Outcome, ToolError> {
    let settings = settings_from(&args)?;
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let files = check::discover(&paths)?;
    let inputs: Vec<Input> = files
        .iter()
        .map(|p| Input::read(p, check::display_path(p), settings.max_file_size))
        .collect();
    let report = check::check_inputs(inputs, &settings);
    let stdout = match args.format {
        CheckFormat::Human => output::human::render(
            &report,
            output::human::HumanOptions { color: terminal.color, width: terminal.width },
        ),
        CheckFormat::Json => output::json::render(&report),
    };
    let code = if report.has_errors() { EXIT_FINDINGS } else { EXIT_OK };
    Ok(Outcome { stdout, stderr: String::new(), code })
}

fn run_explain(key: &str) -> Result<Outcome, ToolError> {
    let Some(rule) = rules::by_code_or_name(key) else {
        let suggestion = rules::suggest::did_you_mean(key, rules::RULES.iter().map(|r| r.name))
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        return Err(ToolError::Usage(format!("no rule `{key}`{suggestion}; `flowlint rules` lists them")));
    };
    let stdout = format!(
        "# {} ({})\n\nFamily: {} · Default severity: {}\n\n{}\n",
        rule.name,
        rule.code,
        rule.family.as_str(),
        rule.severity.as_str(),
        rule.documentation()
    );
    Ok(Outcome { stdout, stderr: String::new(), code: EXIT_OK })
}

fn run_rules() -> Outcome {
    let mut stdout = String::new();
    for rule in rules::RULES {
        stdout.push_str(&format!(
            "{}  {:<34} {:<8} {:<11} {}\n",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rule.family.as_str(),
            rule.summary
        ));
    }
    Outcome { stdout, stderr: String::new(), code: EXIT_OK }
}
