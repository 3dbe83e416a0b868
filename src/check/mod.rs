//! The check driver: inputs → trees → blueprints → rules → sorted findings.

mod checker;
mod classify;
mod context;
mod discover;
mod each;
mod embedded;
mod inputs;
mod parse;
mod prepare;
mod run_file;
mod settings;
mod walk;

pub use classify::{FileKind, classify};
pub use discover::{Discovered, Found, Skipped, discover, find_files, read_found};
pub use each::check_each;
pub use embedded::{EmbeddedBlueprint, configmap_blueprints};
pub use inputs::{Input, InputContent, display_path};
pub use prepare::{Embeds, prepare};
pub(crate) use prepare::{copy_masks, never_discovered_key, onto_host};
pub use settings::{AuthentikVersion, RuleSelection, Settings};

pub use checker::Checker;
pub(crate) use checker::Pass;
pub(crate) use parse::{parse_edited, parse_input};
pub(crate) use run_file::{check_one, run_world_rules};

use std::sync::Arc;

use rayon::prelude::*;

use crate::eval::Context;
use crate::finding::{Finding, Severity};
use crate::model::Blueprint;
use crate::source::FileId;
use crate::source::SourceFile;
use crate::workspace::{Retention, Workspace};
use crate::yaml::Loaded;

/// A file after loading: its source and its tree (when it parsed).
#[derive(Debug)]
pub struct ParsedFile {
    pub source: SourceFile,
    pub loaded: Loaded,
    /// Findings made while reading (encoding, size, unreadable).
    pub read_findings: Vec<Finding>,
}

/// The result of a check run: the files seen and every finding, sorted.
#[derive(Debug)]
pub struct Report {
    /// The release the findings were judged against.
    pub target: crate::catalog::Target,
    pub files: Vec<SourceFile>,
    pub findings: Vec<Finding>,
    /// Findings removed by `# flowlint: ignore[...]` comments.
    pub suppressed: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let count = |s: Severity| self.findings.iter().filter(|f| f.severity == s).count();
        Summary {
            files: self.files.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            suppressed: self.suppressed,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Read inputs into trees. Files are independent until the world is built, so they
/// are parsed in parallel; `collect` keeps input order, so the result is identical to
/// a sequential run.
pub fn parse_inputs(inputs: Vec<Input>) -> Vec<ParsedFile> {
    inputs
        .into_par_iter()
        .enumerate()
        .map(|(id, input)| parse::parse_input(id, input))
        .collect()
}

/// The blueprints of parsed files with their effective contexts (authentik's defaults,
/// then each file's `context:`, then `--context`), for commands that build a world
/// without checking it.
pub fn blueprints<'a>(
    parsed: &[&'a ParsedFile],
    checker: &Checker,
) -> Vec<(FileId, Blueprint<'a>, Context<'a>)> {
    let settings = checker.settings();
    parsed
        .iter()
        .copied()
        .enumerate()
        .filter_map(|(id, file)| {
            let release = settings.target.release;
            let blueprint = Blueprint::from_root(file.loaded.root.as_ref()?, release)?;
            let context = context::file_context(&blueprint, settings, checker.rbac());
            Some((id, blueprint, context))
        })
        .collect()
}

/// Inputs up to this many bytes are checked keeping every tree (about 13 bytes of
/// memory per byte of input, within 3x + 30 MB up to here); larger runs free each
/// tree once its file is analysed ([`Retention::DropTrees`]).
pub const ONE_WORLD_MAX_BYTES: usize = 2 << 20;

/// Check inputs together (one world) and return every finding, through the one
/// [`Workspace`]: up to [`ONE_WORLD_MAX_BYTES`] of input it keeps every tree, above
/// it frees each tree once its file is analysed.
///
/// Inputs are first sorted by what they are: a file that is no blueprint gets one
/// finding, and a Kubernetes manifest's ConfigMap blueprints are checked each as a
/// file, their findings shown on the manifest.
pub fn check_inputs(inputs: Vec<Input>, settings: &Settings) -> Report {
    let (inputs, embeds) = prepare::prepare(inputs);
    let bytes: usize = inputs.iter().map(Input::text_len).sum();
    let retention = if bytes <= ONE_WORLD_MAX_BYTES {
        Retention::KeepTrees
    } else {
        Retention::DropTrees
    };
    embeds.fold(check_prepared(inputs, settings, retention))
}

/// [`check_inputs`] in a workspace kept between checks (the language server's): only
/// the files whose text changed since the last check are analysed again, and only the
/// worlds of their groups rebuilt.
pub fn check_in(workspace: &mut Workspace, inputs: Vec<Input>) -> Report {
    let (inputs, embeds) = prepare::prepare(inputs);
    workspace.set_inputs(inputs);
    embeds.fold(workspace.report())
}

/// The workspace of `inputs`, sorted as [`check_inputs`] sorts them, every tree kept:
/// what `graph` reads its world from (its findings are not needed).
pub fn workspace_of(inputs: Vec<Input>, settings: &Settings) -> Workspace {
    let (inputs, _embeds) = prepare::prepare(inputs);
    Workspace::new(settings.clone(), Retention::KeepTrees).loaded(inputs)
}

/// [`check_inputs`] of sorted inputs, with each tree freed once its file is analysed
/// whatever the size.
pub fn check_inputs_linked(inputs: Vec<Input>, settings: &Settings) -> Report {
    check_prepared(inputs, settings, Retention::DropTrees)
}

/// [`check_inputs`] of sorted inputs as one world of every file, whatever relates:
/// the reference the workspace's groups are compared with (`tests/linked_worlds.rs`).
pub fn check_one_world(inputs: Vec<Input>, settings: &Settings) -> Report {
    one_world(inputs, Arc::new(Checker::new(settings.clone())))
}

/// [`check_one_world`] with a run's resolved settings.
fn one_world(inputs: Vec<Input>, checker: Arc<Checker>) -> Report {
    Workspace::with_checker(checker, Retention::KeepTrees)
        .in_one_world()
        .loaded(inputs)
        .into_report()
}

fn check_prepared(inputs: Vec<Input>, settings: &Settings, retention: Retention) -> Report {
    Workspace::new(settings.clone(), retention).report_once(inputs)
}

/// Check one text (stdin or a test) as a single file.
pub fn check_text(path: &str, text: &str, settings: &Settings) -> Report {
    check_inputs(vec![Input::from_text(path, text.to_string())], settings)
}

pub(crate) fn finish(
    files: Vec<SourceFile>,
    mut findings: Vec<Finding>,
    settings: &Settings,
) -> Report {
    findings.retain(|f| settings.rules.is_enabled(f.rule));
    let suppressed = crate::suppress::apply(&files, &mut findings, &settings.rules);
    for finding in &mut findings {
        // A rule may lower its own default for one finding (e.g. a skipped `absent`
        // entry); only an explicit user override replaces that.
        if let Some(severity) = settings.rules.severity_override(finding.rule) {
            finding.severity = severity;
        }
    }
    // Sorted by file path, then position, then code, so output is stable.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by(|a, b| files[*a].path.cmp(&files[*b].path).then(a.cmp(b)));
    let mut rank = vec![0; files.len()];
    for (r, id) in order.iter().enumerate() {
        rank[*id] = r;
    }
    findings.sort_by(|a, b| {
        (
            rank.get(a.file),
            a.span.start,
            a.span.end,
            a.rule.code,
            &a.message,
        )
            .cmp(&(
                rank.get(b.file),
                b.span.start,
                b.span.end,
                b.rule.code,
                &b.message,
            ))
    });
    // An aliased node is the anchored node again, at the anchor's span: rules visiting
    // it once per alias would repeat the same finding.
    findings.dedup_by(|a, b| {
        a.file == b.file && a.span == b.span && a.rule.code == b.rule.code && a.message == b.message
    });
    Report {
        target: settings.target,
        files,
        findings,
        suppressed,
    }
}
