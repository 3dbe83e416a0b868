//! `flowlint.toml` / `.flowlint.toml`: found from the current folder upward, or given
//! with `--config`. Every error carries `file:line:col` of the bad key or value.

mod baseline;
mod selector;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

pub use selector::{SelectorError, resolve_selector};

use crate::catalog::{AuthentikVersion, Target};
use crate::check::Settings;
use crate::error::ToolError;
use crate::finding::Severity;
use crate::rules::{RULES, Rule};

/// The file names looked for, in order, in each folder from the current one upward.
pub const CONFIG_NAMES: [&str; 2] = ["flowlint.toml", ".flowlint.toml"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    authentik_version: Option<Spanned<toml::Value>>,
    select: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    context: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    env: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    baseline: Option<baseline::RawBaseline>,
    fixable: Option<Vec<Spanned<String>>>,
    unfixable: Option<Vec<Spanned<String>>>,
}

/// A loaded, validated configuration.
#[derive(Debug, Default)]
pub struct Config {
    /// Where it was read from (`None` for the empty default).
    pub path: Option<PathBuf>,
    /// The release `authentik-version` selects, resolved once.
    pub target: Option<Target>,
    /// `None` means the default rule set; otherwise only these (opt-in rules included).
    pub select: Option<Vec<&'static Rule>>,
    /// Rules enabled on top of `select` or the default set (opt-in rules, mostly).
    pub extend_select: Vec<&'static Rule>,
    pub ignore: Vec<&'static Rule>,
    pub severity: Vec<(&'static Rule, Severity)>,
    /// The `exclude` patterns as written, and compiled.
    pub exclude_patterns: Vec<String>,
    exclude: Option<GlobSet>,
    pub context: Vec<(String, String)>,
    pub env: Vec<(String, String)>,
    /// `[baseline]`: objects the server has besides a fresh install, or none at all.
    pub baseline: Option<crate::baseline::BaselineSettings>,
    /// Rules whose fixes `--fix` may apply (`None`: every rule).
    pub fixable: Option<Vec<&'static Rule>>,
    /// Rules whose fixes `--fix` never applies (they are still reported).
    pub unfixable: Vec<&'static Rule>,
}

/// Find the config file for `start`: the first `flowlint.toml` or `.flowlint.toml` in
/// `start` or one of its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .flat_map(|dir| CONFIG_NAMES.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The configuration for a run: `explicit` (`--config FILE`) when given, else the one
/// found from the current folder upward, else the empty default.
pub fn find_and_load(explicit: Option<&Path>) -> Result<Config, ToolError> {
    if let Some(path) = explicit {
        return load(path);
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match discover(&cwd) {
        // Shown relative to the current folder, as the user would type it.
        Some(path) => load(path.strip_prefix(&cwd).unwrap_or(&path)),
        None => Ok(Config::default()),
    }
}

/// Read and validate a config file.
pub fn load(path: &Path) -> Result<Config, ToolError> {
    let text = std::fs::read_to_string(path).map_err(|e| ToolError::Path {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    parse(&path.display().to_string(), &text).map(|mut config| {
        config.path = Some(path.to_path_buf());
        config
    })
}

/// Parse config text; `name` is used in error locations.
pub fn parse(name: &str, text: &str) -> Result<Config, ToolError> {
    let located = |span: Option<std::ops::Range<usize>>, message: &str| {
        let (line, column) = span.map_or((1, 1), |s| line_col(text, s.start));
        ToolError::Config(format!("{name}:{line}:{column}: {message}"))
    };
    let raw: RawConfig =
        toml::from_str(text).map_err(|e| located(e.span(), e.message().trim_end()))?;
    let at = |span: std::ops::Range<usize>, message: String| located(Some(span), &message);
    let mut config = Config::default();

    if let Some(version) = raw.authentik_version {
        config.target = Some(match version.get_ref() {
            toml::Value::String(text) => {
                let requested = AuthentikVersion::parse(text).ok_or_else(|| {
                    at(
                        version.span(),
                        format!(
                            "`authentik-version` expects YEAR.MONTH such as \"2026.8\", got \"{text}\""
                        ),
                    )
                })?;
                Target::select(Some(requested))
                    .map_err(|e| at(version.span(), format!("`authentik-version`: {e}")))?
            }
            other => {
                return Err(at(
                    version.span(),
                    format!(
                        "`authentik-version` must be a quoted string such as \"2025.10\", got `{other}`"
                    ),
                ));
            }
        });
    }
    let selectors = |list: Option<Vec<Spanned<String>>>,
                     key: &str|
     -> Result<Option<Vec<&'static Rule>>, ToolError> {
        let Some(list) = list else { return Ok(None) };
        let mut rules = Vec::new();
        for item in list {
            let found = resolve_selector(item.get_ref())
                .map_err(|e| at(item.span(), format!("`{key}`: {e}")))?;
            rules.extend(found);
        }
        Ok(Some(rules))
    };
    config.select = selectors(raw.select, "select")?;
    config.extend_select = selectors(raw.extend_select, "extend-select")?.unwrap_or_default();
    config.ignore = selectors(raw.ignore, "ignore")?.unwrap_or_default();
    config.fixable = selectors(raw.fixable, "fixable")?;
    config.unfixable = selectors(raw.unfixable, "unfixable")?.unwrap_or_default();

    for (key, value) in raw.severity.unwrap_or_default() {
        let rules = resolve_selector(key.get_ref())
            .map_err(|e| at(key.span(), format!("`severity`: {e}")))?;
        let severity = Severity::parse(value.get_ref()).ok_or_else(|| {
            at(
                value.span(),
                format!(
                    "severity must be \"error\", \"warning\" or \"info\", got \"{}\"",
                    value.get_ref()
                ),
            )
        })?;
        config
            .severity
            .extend(rules.into_iter().map(|r| (r, severity)));
    }

    if let Some(patterns) = raw.exclude {
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            let glob = globset::GlobBuilder::new(pattern.get_ref())
                .literal_separator(true)
                .build()
                .map_err(|e| at(pattern.span(), format!("`exclude`: bad glob: {}", e.kind())))?;
            builder.add(glob);
            config.exclude_patterns.push(pattern.into_inner());
        }
        config.exclude = Some(
            builder
                .build()
                .map_err(|e| located(None, &format!("`exclude`: {e}")))?,
        );
    }

    for (key, value) in raw.context.unwrap_or_default() {
        let text = match value.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            other => {
                return Err(at(
                    value.span(),
                    format!(
                        "context value `{}` must be a string, integer or boolean, got a {}",
                        key.get_ref(),
                        other.type_str()
                    ),
                ));
            }
        };
        config.context.push((key.into_inner(), text));
    }
    for (key, value) in raw.env.unwrap_or_default() {
        if key.get_ref().is_empty() {
            return Err(at(key.span(), "`env` names must not be empty".to_string()));
        }
        config.env.push((key.into_inner(), value.into_inner()));
    }
    if let Some(table) = raw.baseline {
        config.baseline = Some(baseline::parse(table).map_err(|(span, m)| at(span, m))?);
    }
    Ok(config)
}

impl Config {
    /// Apply to settings; command-line values are applied afterwards and win.
    pub fn apply(&self, settings: &mut Settings) {
        if let Some(target) = self.target {
            settings.target = target;
        }
        if let Some(selected) = &self.select {
            for rule in RULES.iter().copied() {
                if selected.contains(&rule) {
                    settings.rules.enable(rule);
                } else {
                    settings.rules.disable(rule);
                }
            }
        }
        for rule in &self.extend_select {
            settings.rules.enable(rule);
        }
        for rule in &self.ignore {
            settings.rules.disable(rule);
        }
        for (rule, severity) in &self.severity {
            settings.rules.set_severity(rule, *severity);
        }
        settings.context.extend(self.context.iter().cloned());
        settings.env.extend(self.env.iter().cloned());
        if let Some(baseline) = &self.baseline {
            settings.baseline = baseline.clone();
        }
    }

    /// Whether a discovered file is excluded. Patterns match the path relative to the
    /// config file's folder (or as shown, when outside it) and the bare file name.
    pub fn is_excluded(&self, path: &Path) -> bool {
        let Some(set) = &self.exclude else {
            return false;
        };
        let base = self.path.as_deref().and_then(Path::parent).map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        });
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = base
            .and_then(|b| std::path::absolute(b).ok())
            .and_then(|b| absolute.strip_prefix(b).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from(crate::check::display_path(path)));
        set.is_match(&relative)
            || path
                .file_name()
                .is_some_and(|name| set.is_match(Path::new(name)))
    }
}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}
