//! `flowlint check`: its arguments and the run. What it reads and how it is
//! configured: [`super::check_inputs`]; what it gives back: [`super::check_output`].

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Outcome, Terminal};
use crate::check::{self, Discovered, Input, Report, Settings};
use crate::error::ToolError;

pub use super::check_inputs::{blueprint_files, settings_from, settings_with_config};
pub(super) use super::check_inputs::{discover_files, load_config, read_inputs};
use super::check_inputs::{read_discovered, skipped_note};
use super::check_output::statistics;
pub use super::check_output::write_atomically;
pub(super) use super::check_output::{exit_code, render};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Graphical diagnostics with source snippets.
    Human,
    /// The versioned JSON report (`{"version":1,...}`).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`).
    Github,
    /// JUnit XML, one test case per file.
    Junit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Exit 1 when there is an error.
    Error,
    /// Exit 1 when there is an error or a warning.
    Warning,
    /// Exit 1 on any finding.
    Info,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check (folders are searched for *.yaml as authentik does,
    /// skipping hidden and git-ignored paths, scenarios and files that are plainly not
    /// blueprints); `-` reads one blueprint from stdin; default: the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Write the report to FILE (whole or not at all) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use this configuration file instead of looking for flowlint.toml / .flowlint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,
    /// The authentik release to judge against, e.g. 2026.8 or 2026.8.5 (default: the newest flowlint knows).
    #[arg(long, value_name = "VERSION")]
    pub authentik_version: Option<String>,
    /// A blueprint context value for static evaluation (repeatable).
    #[arg(long = "context", value_name = "KEY=VALUE")]
    pub context: Vec<String>,
    /// A value for `!Env NAME` (repeatable); the process environment is never read.
    #[arg(long = "env", value_name = "NAME=VALUE")]
    pub env: Vec<String>,
    /// Only these rules: codes, code prefixes (FL2) or names, comma-separated (replaces the config's `select`); opt-in rules named here run too.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Also these rules, on top of the default set or `select`: how to switch on an opt-in rule (`--extend-select FL409`).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Skip these rules: codes, code prefixes or names, comma-separated (added to the config's `ignore`).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Check each file as a world of its own, as if given alone: cross-file `!Find`s and
    /// blueprint applies are not followed, and memory stays near the size of the files.
    #[arg(long)]
    pub per_file: bool,
    /// Exit 0 even when there are findings (bad arguments and unreadable paths still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// The lowest severity that makes the exit code 1 (the last one given wins, so a
    /// pre-commit hook's `args` can override the hook's own `--fail-on warning`).
    #[arg(long, value_enum, default_value_t = FailOn::Error, overrides_with = "fail_on")]
    pub fail_on: FailOn,
    /// Print only the findings, no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// List on stderr the files found in folders that were not checked: files that are no
    /// blueprint, and scenarios (`flowlint test` runs them).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Print how many findings each rule produced instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The file name to show (and match suppressions against) for a blueprint read from stdin.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Largest file to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Evaluate `!File` tags, reading only files inside each blueprint's own folder
    /// (never `..`, absolute paths or symlinks leading out); off by default.
    #[arg(long)]
    pub allow_file_tag: bool,
    /// Apply safe fixes to the files, then report what remains.
    #[arg(long, help_heading = "Fixes")]
    pub fix: bool,
    /// Also apply unsafe fixes (they change behaviour or guess; review the result),
    /// with --fix or --diff.
    #[arg(long, help_heading = "Fixes")]
    pub unsafe_fixes: bool,
    /// Print what --fix would change as a unified diff and write nothing; exit 1 when
    /// something would change.
    #[arg(long, help_heading = "Fixes")]
    pub diff: bool,
}

pub(super) fn parse_pairs(
    values: &[String],
    flag: &str,
) -> Result<Vec<(String, String)>, ToolError> {
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

pub fn run_check(args: CheckArgs, terminal: Terminal) -> Result<Outcome, ToolError> {
    let config = load_config(&args)?;
    let settings = settings_with_config(&args, &config)?;
    if args.unsafe_fixes && !args.fix && !args.diff {
        return Err(ToolError::Usage(
            "--unsafe-fixes needs --fix or --diff".to_string(),
        ));
    }
    if args.diff {
        return super::fix::run_diff(&args, &config, &settings);
    }
    // What discovery skipped, and whether anything was left to check (stderr).
    let mut notes = String::new();
    let (report, fix_summary) = if args.fix {
        let (report, summary) = super::fix::run_fix(&args, &config, &settings)?;
        (report, Some(summary))
    } else {
        let Discovered { inputs, skipped } =
            read_discovered(&args, &config, settings.max_file_size)?;
        notes = skipped_note(&skipped, args.verbose);
        if inputs.is_empty() {
            notes.push_str("flowlint: warning: no blueprint files found in the given paths\n");
        }
        (check_with(inputs, &settings, args.per_file), None)
    };
    let color = match args.color {
        // A report written to a file is never coloured unless asked for.
        ColorChoice::Auto => terminal.color && args.output.is_none(),
        ColorChoice::Always => true,
        ColorChoice::Never => false,
    };
    let mut text = if args.statistics {
        statistics(&report, args.format == CheckFormat::Json)
    } else {
        render(&report, args.format, color, terminal.width, args.quiet)
    };
    // With no file checked, a human summary ("no problems in 0 files") says nothing true.
    if report.files.is_empty() && args.format == CheckFormat::Human && fix_summary.is_none() {
        text.clear();
    }
    // What --fix did: after the human report, on stderr for the machine formats.
    let mut stderr = String::new();
    match fix_summary {
        Some(_) if args.format == CheckFormat::Human && args.quiet => {}
        Some(summary) if args.format == CheckFormat::Human && !args.statistics => {
            text.push_str(&summary)
        }
        Some(summary) => stderr = summary,
        None => {}
    }
    stderr.insert_str(0, &notes);
    let code = exit_code(&report, &args);
    let stdout = match &args.output {
        Some(path) => {
            write_atomically(path, &text)?;
            String::new()
        }
        None => text,
    };
    Ok(Outcome {
        stdout,
        stderr,
        code,
    })
}

/// Check inputs the way the run asks: one world, or each file alone (`--per-file`).
pub(super) fn check_with(inputs: Vec<Input>, settings: &Settings, per_file: bool) -> Report {
    if per_file {
        check::check_each(inputs, settings)
    } else {
        check::check_inputs(inputs, settings)
    }
}
