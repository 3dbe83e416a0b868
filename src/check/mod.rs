//! The check driver: inputs → trees → blueprints → rules → sorted findings.

mod classify;
mod context;
mod discover;
mod each;
mod embedded;
mod inputs;
mod link;
mod linked;
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
pub use settings::{AuthentikVersion, RuleSelection, Settings};

use std::sync::OnceLock;

use rayon::prelude::*;

use crate::eval::Context;
use crate::finding::{Finding, Severity};
use crate::model::Blueprint;
use crate::source::FileId;
use crate::source::SourceFile;
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
    parsed: &'a [ParsedFile],
    settings: &Settings,
) -> Vec<(FileId, Blueprint<'a>, Context<'a>)> {
    parsed
        .iter()
        .enumerate()
        .filter_map(|(id, file)| {
            let release = settings.target.release;
            let blueprint = Blueprint::from_root(file.loaded.root.as_ref()?, release)?;
            let context =
                context::file_context(&blueprint, settings, context::rbac_models(release));
            Some((id, blueprint, context))
        })
        .collect()
}

/// Inputs up to this many bytes are checked as one world keeping every tree (about
/// 13 bytes of memory per byte of input, within 3x + 30 MB up to here); larger runs
/// free each tree once its file is checked ([`check_inputs_linked`]).
pub const ONE_WORLD_MAX_BYTES: usize = 2 << 20;

/// Check inputs together (one world) and return every finding.
///
/// Up to [`ONE_WORLD_MAX_BYTES`] of input, [`check_one_world`]; above, the same
/// findings from [`check_inputs_linked`], whose memory stays near the size of the
/// sources unless the files are all tied together.
///
/// Inputs are first sorted by what they are: a file that is no blueprint gets one
/// finding, and a Kubernetes manifest's ConfigMap blueprints are checked each as a
/// file, their findings shown on the manifest.
pub fn check_inputs(inputs: Vec<Input>, settings: &Settings) -> Report {
    let (inputs, embeds) = prepare::prepare(inputs);
    let bytes: usize = inputs.iter().map(Input::text_len).sum();
    let report = if bytes <= ONE_WORLD_MAX_BYTES {
        check_one_world(inputs, settings)
    } else {
        check_inputs_linked(inputs, settings)
    };
    embeds.fold(report)
}

/// The findings of [`check_one_world`], with each file's tree freed once the file is
/// checked: the files that relate to each other (a `!Find` of another file's object,
/// one object in two files, names unique across files, an applied blueprint) are
/// parsed again and checked as one world ([`linked`]). A run whose files all relate
/// costs about one more parse than one world.
pub fn check_inputs_linked(inputs: Vec<Input>, settings: &Settings) -> Report {
    linked::check_linked(inputs, settings)
}

/// [`check_inputs`] keeping every tree until the world of all files is built: the
/// reference its findings are compared with, and the cost it avoids.
pub fn check_one_world(inputs: Vec<Input>, settings: &Settings) -> Report {
    let slots: Vec<OnceLock<ParsedFile>> = inputs.iter().map(|_| OnceLock::new()).collect();
    let checked = run_file::parse_and_check(&slots, inputs, settings);
    let findings = checked.findings;
    // Secret values and `--env` values never reach a renderer (FL6xx, docs/robustness.md).
    let redactions = crate::rules::security::Redactions::from_file_secrets(
        checked.secrets,
        checked.parsed,
        settings,
    );
    // The trees are freed here: in parallel, as they were built.
    let files: Vec<SourceFile> = slots
        .into_par_iter()
        .filter_map(OnceLock::into_inner)
        .map(|p| p.source)
        .collect();
    let mut report = finish(files, findings, settings);
    redactions.apply(&mut report);
    report
}

/// Check one text (stdin or a test) as a single file.
pub fn check_text(path: &str, text: &str, settings: &Settings) -> Report {
    check_inputs(vec![Input::from_text(path, text.to_string())], settings)
}

fn finish(files: Vec<SourceFile>, mut findings: Vec<Finding>, settings: &Settings) -> Report {
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
