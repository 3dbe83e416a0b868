//! Finding the files to check the way authentik's `blueprints_find` does: folders are
//! searched for `*.yaml`, skipping every path part that starts with `.`; `.gitignore`
//! and `.ignore` files are honoured too, so generated or vendored YAML stays out.
//! `*.yml` files are found as well, because one that holds a blueprint is a mistake
//! worth a finding (authentik never loads it); the others are skipped.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::classify::{FileKind, classify};
use super::inputs::{Input, InputContent};
use crate::error::ToolError;

/// A file found under a folder that is not checked, and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub what: &'static str,
}

/// What a skipped scenario file is.
const SCENARIO: &str = "a flowlint scenario";

impl Skipped {
    /// A `*.scenario.yaml` file: flowlint's own, run by `flowlint test`.
    pub fn is_scenario(&self) -> bool {
        self.what == SCENARIO
    }
}

/// What [`discover_inputs`] found: the inputs to check, and the files it left out.
#[derive(Debug, Default)]
pub struct Discovered {
    pub inputs: Vec<Input>,
    pub skipped: Vec<Skipped>,
}

/// One path to read, and whether the user named it (named files are always checked).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    pub named: bool,
}

/// Expand paths into files: a named file is taken whatever its suffix; a folder is
/// walked for `*.yaml` and `*.yml`, in path order, without hidden parts and without
/// what `.gitignore`/`.ignore` files exclude.
pub fn find_files(paths: &[PathBuf]) -> Result<Vec<Found>, ToolError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| ToolError::Path {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        if meta.is_dir() {
            files.extend(
                walk(path)
                    .into_iter()
                    .map(|path| Found { path, named: false }),
            );
        } else {
            files.push(Found {
                path: path.clone(),
                named: true,
            });
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.path.clone()));
    Ok(files)
}

/// Every YAML file [`find_files`] finds, scenarios and non-blueprints included (for
/// commands that sort them out themselves).
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ToolError> {
    Ok(find_files(paths)?.into_iter().map(|f| f.path).collect())
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let walker = ignore::WalkBuilder::new(dir)
        // authentik skips any path part starting with `.` (files and folders).
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        // The user's global excludes differ between machines; results must not.
        .git_global(false)
        .ignore(true)
        .parents(true)
        // A blueprint folder copied out of its repository keeps its `.gitignore`.
        .require_git(false)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    walker
        .filter_map(|entry| match entry {
            // Anything but a folder is read, so a FIFO or a device is reported
            // (never opened) rather than silently left out.
            Ok(entry) => {
                (!entry.file_type().is_some_and(|t| t.is_dir())).then(|| entry.into_path())
            }
            // A dangling or self-referencing link: reading it reports why.
            Err(error) => error_path(&error),
        })
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".yaml") || name.ends_with(".yml")
        })
        .collect()
}

/// The path an error of the walk is about, if any.
fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

/// Read what [`find_files`] found. Files found in folders that are not blueprints
/// (scenarios, compose files, workflows, Kubernetes manifests without blueprints,
/// `*.yml` files that do not look like blueprints) are skipped and listed; named files
/// are all kept, and the check reports one finding for those that are no blueprint.
pub fn read_found(
    found: &[Found],
    limit: u64,
    display: impl Fn(&Path) -> String + Sync,
) -> Discovered {
    let read: Vec<(Input, Option<&'static str>)> = found
        .par_iter()
        .map(|f| {
            let input = Input::read(&f.path, display(&f.path), limit);
            let skip = match &input.content {
                InputContent::Text(text) if !f.named => skip_reason(&input.path, text),
                _ => None,
            };
            (input, skip)
        })
        .collect();
    let mut discovered = Discovered::default();
    for (input, skip) in read {
        match skip {
            Some(what) => discovered.skipped.push(Skipped {
                path: input.path,
                what,
            }),
            None => discovered.inputs.push(input),
        }
    }
    discovered
}

/// Why a file found in a folder is not checked, if it is not.
fn skip_reason(path: &str, text: &str) -> Option<&'static str> {
    match classify(path, text) {
        FileKind::Blueprint | FileKind::Manifest => None,
        FileKind::YmlBlueprint => None,
        FileKind::Scenario => Some(SCENARIO),
        FileKind::NotBlueprint(what) => Some(what),
        FileKind::OtherYml => Some("a *.yml file authentik does not load"),
    }
}
