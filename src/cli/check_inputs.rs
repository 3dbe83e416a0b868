//! What a `flowlint check` run reads and how it is configured: the settings from
//! the configuration file and the command line, and the inputs from the paths given
//! (or stdin), with the note on what discovery skipped.

use std::io::Read;
use std::path::PathBuf;

use super::check::{CheckArgs, parse_pairs};
use crate::catalog::Target;
use crate::check::{self, Discovered, Input, InputContent, Settings, Skipped};
use crate::config::{self, Config, resolve_selector};
use crate::error::ToolError;

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
pub(super) fn read_discovered(
    args: &CheckArgs,
    config: &Config,
    limit: u64,
) -> Result<Discovered, ToolError> {
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
pub(super) fn skipped_note(skipped: &[Skipped], verbose: bool) -> String {
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
