//! `flowlint check`: arguments, configuration, inputs, rendering and the exit code.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{EXIT_FINDINGS, EXIT_OK, Outcome, Terminal};
use crate::catalog::Target;
use crate::check::{self, Discovered, Input, InputContent, Report, Settings, Skipped};
use crate::config::{self, Config, resolve_selector};
use crate::error::ToolError;
use crate::finding::Severity;
use crate::output;

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

/// Settings from the command line alone (no configuration file).
pub fn settings_from(args: &CheckArgs) -> Result<Settings, ToolError> {
    settings_with_config(args, &Config::default())
}

/// Settings from a configuration, with the command line applied on top.
pub fn settings_with_config(args: &CheckArgs, config: &Config) -> Result<Settings, ToolError> {
    let mut settings = Settings {
        max_file_size: args.max_file_size,
        allow_file_tag: args.allow_file_tag,
        ..Settings::default()
    };
    config.apply(&mut settings);
    if let Some(text) = &args.authentik_version {
        settings.target = Target::parse(text)
            .map_err(|e| ToolError::Usage(format!("--authentik-version: {e}")))?;
    }
    let selected = |list: &[String], flag: &str| -> Result<Vec<_>, ToolError> {
        let mut rules = Vec::new();
        for item in list.iter().filter(|s| !s.trim().is_empty()) {
            rules.extend(
                resolve_selector(item).map_err(|e| ToolError::Usage(format!("{flag}: {e}")))?,
            );
        }
        Ok(rules)
    };
    if !args.select.is_empty() {
        let only = selected(&args.select, "--select")?;
        for rule in crate::rules::RULES.iter().copied() {
            if only.contains(&rule) {
                settings.rules.enable(rule);
            } else {
                settings.rules.disable(rule);
            }
        }
    }
    for rule in selected(&args.extend_select, "--extend-select")? {
        settings.rules.enable(rule);
    }
    for rule in selected(&args.ignore, "--ignore")? {
        settings.rules.disable(rule);
    }
    settings
        .context
        .extend(parse_pairs(&args.context, "--context")?);
    settings.env.extend(parse_pairs(&args.env, "--env")?);
    Ok(settings)
}

pub(super) fn load_config(args: &CheckArgs) -> Result<Config, ToolError> {
    if args.no_config {
        return Ok(Config::default());
    }
    config::find_and_load(args.config.as_deref())
}

pub(super) fn read_inputs(
    args: &CheckArgs,
    config: &Config,
    limit: u64,
) -> Result<Vec<Input>, ToolError> {
    Ok(read_discovered(args, config, limit)?.inputs)
}

/// The inputs of a run and the files found in folders that were skipped.
fn read_discovered(args: &CheckArgs, config: &Config, limit: u64) -> Result<Discovered, ToolError> {
    let is_stdin = |p: &PathBuf| p.as_os_str() == "-";
    if args.paths.iter().any(is_stdin) {
        if args.paths.len() > 1 {
            return Err(ToolError::Usage(
                "`-` (stdin) cannot be combined with other paths".to_string(),
            ));
        }
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".to_string());
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ToolError::Path {
                path: "-".to_string(),
                reason: e.to_string(),
            })?;
        if bytes.len() as u64 > limit {
            let content = InputContent::TooLarge {
                size: bytes.len() as u64,
                limit,
            };
            return Ok(Discovered {
                inputs: vec![Input {
                    path: name,
                    content,
                }],
                skipped: Vec::new(),
            });
        }
        return Ok(Discovered {
            inputs: vec![Input::from_bytes(name, bytes)],
            skipped: Vec::new(),
        });
    }
    // Scenarios found in folders are read too, so that `--verbose` can list them.
    let files = found_files(&paths_or_here(args)?, config)?;
    // Read on every core: reading a large tree of files one by one was a tenth of a
    // run's wall time (docs/benchmarks.md). The order of `files` is kept.
    Ok(check::read_found(&files, limit, check::display_path))
}

/// What discovery left out, for stderr: a count, or with `--verbose` the list.
/// Scenarios are flowlint's own files, expected beside blueprints: they are not
/// counted among the non-blueprint files, and `--verbose` lists them apart.
fn skipped_note(skipped: &[Skipped], verbose: bool) -> String {
    let (scenarios, others): (Vec<&Skipped>, Vec<&Skipped>) =
        skipped.iter().partition(|s| s.is_scenario());
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    let mut text = String::new();
    let n = others.len();
    if n > 0 && !verbose {
        text.push_str(&format!(
            "flowlint: skipped {n} non-blueprint {} (--verbose lists them)\n",
            files(n)
        ));
    }
    if !verbose {
        return text;
    }
    if n > 0 {
        text.push_str(&format!(
            "flowlint: skipped {n} non-blueprint {}:\n",
            files(n)
        ));
        for s in others {
            text.push_str(&format!("  {}: {}\n", s.path, s.what));
        }
    }
    if !scenarios.is_empty() {
        let n = scenarios.len();
        let them = if n == 1 { "it" } else { "them" };
        text.push_str(&format!(
            "flowlint: {n} scenario {} not checked (`flowlint test` runs {them}):\n",
            files(n)
        ));
        for s in scenarios {
            text.push_str(&format!("  {}\n", s.path));
        }
    }
    text
}

/// The files a run reads (not for `-`), in the order their inputs are read.
pub(super) fn discover_files(args: &CheckArgs, config: &Config) -> Result<Vec<PathBuf>, ToolError> {
    blueprint_files(&paths_or_here(args)?, config)
}

/// The paths given, or the current folder (not for `-`).
fn paths_or_here(args: &CheckArgs) -> Result<Vec<PathBuf>, ToolError> {
    if args.stdin_filename.is_some() {
        return Err(ToolError::Usage(
            "--stdin-filename needs `-` as the path".to_string(),
        ));
    }
    Ok(if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    })
}

/// The blueprint files `check` reads for these paths under this configuration (the
/// language server finds a workspace's files with it too).
/// Scenarios found in folders are left out; other files that are no blueprint are
/// told apart by their content when read ([`check::read_found`]).
pub fn blueprint_files(paths: &[PathBuf], config: &Config) -> Result<Vec<PathBuf>, ToolError> {
    let mut files = found_files(paths, config)?;
    files.retain(|f| {
        let name = f.path.to_string_lossy();
        f.named || !(name.ends_with(".scenario.yaml") || name.ends_with(".scenario.yml"))
    });
    Ok(files.into_iter().map(|f| f.path).collect())
}

/// The files found for these paths, scenarios included, minus the config's exclusions.
fn found_files(paths: &[PathBuf], config: &Config) -> Result<Vec<check::Found>, ToolError> {
    let mut files = check::find_files(paths)?;
    // Files named on the command line are always checked; exclusions apply to files found in folders.
    files.retain(|f| f.named || !config.is_excluded(&f.path));
    Ok(files)
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

/// The exit code for the findings of `report` under `--fail-on` and `--exit-zero`.
pub(super) fn exit_code(report: &Report, args: &CheckArgs) -> u8 {
    let summary = report.summary();
    let failing = match args.fail_on {
        FailOn::Error => summary.errors > 0,
        FailOn::Warning => summary.errors + summary.warnings > 0,
        FailOn::Info => !report.findings.is_empty(),
    };
    if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

pub(super) fn render(
    report: &Report,
    format: CheckFormat,
    color: bool,
    width: usize,
    quiet: bool,
) -> String {
    match format {
        CheckFormat::Human => {
            let full = output::human::render(report, output::human::HumanOptions { color, width });
            let summary = output::human::summary_line(report);
            let release = output::human::release_line(report);
            let body = full
                .strip_suffix(format!("{summary}{release}").as_str())
                .unwrap_or(&full)
                .to_string();
            if quiet {
                // A release newer than flowlint knows is said even when quiet.
                return match report.target.notice() {
                    Some(notice) => format!("{body}{notice}.\n"),
                    None => body,
                };
            }
            let summary = match report.suppressed {
                0 => summary,
                n => format!(
                    "{} ({n} suppressed).\n",
                    summary.trim_end().trim_end_matches('.')
                ),
            };
            body + &summary + &release
        }
        CheckFormat::Json => output::json::render(report),
        CheckFormat::Sarif => output::sarif::render(report),
        CheckFormat::Github => output::github::render(report),
        CheckFormat::Junit => output::junit::render(report),
    }
}

/// Findings per rule, most frequent first.
fn statistics(report: &Report, json: bool) -> String {
    let mut counts: BTreeMap<&'static str, (&'static str, Severity, usize)> = BTreeMap::new();
    for finding in &report.findings {
        let entry =
            counts
                .entry(finding.rule.code)
                .or_insert((finding.rule.name, finding.severity, 0));
        entry.1 = entry.1.max(finding.severity);
        entry.2 += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.2.cmp(&a.1.2).then(a.0.cmp(b.0)));
    if json {
        let items: Vec<serde_json::Value> = rows
            .iter()
            .map(|(code, (name, severity, count))| {
                serde_json::json!({"code": code, "name": name, "severity": severity.as_str(), "count": count})
            })
            .collect();
        let doc =
            serde_json::json!({"version": 1, "statistics": items, "suppressed": report.suppressed});
        return serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    }
    rows.iter()
        .map(|(code, (name, severity, count))| {
            format!("{count:>5}  {code}  {name:<34} {}\n", severity.as_str())
        })
        .collect()
}

/// Write `text` to `path` through a temp file in the same folder, then rename, so the
/// file is either the whole report or left as it was. A path that is not a regular file
/// (`/dev/null`, `/dev/stdout`, a FIFO) is written to as it is: renaming over it would
/// replace the device with a file. A symbolic link is followed, so the link stays and
/// the file it points to gets the report.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), ToolError> {
    use std::io::Write;
    let failed = |e: &dyn std::fmt::Display| ToolError::Output {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let resolved;
    let path = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(failed(&"it is a folder")),
        Ok(meta) if !meta.is_file() => {
            let mut target = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| failed(&e))?;
            return target.write_all(text.as_bytes()).map_err(|e| failed(&e));
        }
        Ok(_) if path.is_symlink() => {
            resolved = std::fs::canonicalize(path).map_err(|e| failed(&e))?;
            resolved.as_path()
        }
        _ => path,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".flowlint-")
        .tempfile_in(dir)
        .map_err(|e| failed(&e))?;
    temp.write_all(text.as_bytes()).map_err(|e| failed(&e))?;
    temp.as_file().sync_all().map_err(|e| failed(&e))?;
    temp.persist(path).map_err(|e| failed(&e.error))?;
    Ok(())
}
