//! One file's part of the workspace: what it says on its own (read, syntax, file,
//! entry and field findings; its world rules' findings with the file as a world of its
//! own), its secrets, and what ties it to the other files ([`LinkFacts`]). A file's
//! analysis depends on its text and the settings only, so an edit re-derives the
//! edited file's analysis and no other.

use rayon::prelude::*;

use crate::check::{
    Hooks, Input, ParsedFile, Settings, WorldBlueprint, check_one, parse_input, run_world_rules,
};
use crate::eval::Value;
use crate::finding::Finding;
use crate::rules::security::redact::FileSecrets;
use crate::source::SourceFile;
use crate::world::World;
use crate::world::links::LinkFacts;

/// What one file contributes to the workspace, its findings about file 0 (the slot
/// gives them their file id when a report is made).
#[derive(Debug)]
pub(super) struct FileAnalysis {
    /// Read, syntax, file, entry and field findings.
    pub findings: Vec<Finding>,
    /// Its world rules' findings with the file as a world of its own (used when no
    /// other file relates to it).
    pub alone: Vec<Finding>,
    pub secrets: FileSecrets<'static>,
    /// `None` when no world was built (not a blueprint, or no world rules).
    pub facts: Option<LinkFacts>,
}

/// Parse and analyse one input; the tree is returned with the analysis, for the
/// workspace to keep or free.
pub(super) fn analyse(
    input: Input,
    settings: &Settings,
    hooks: &Hooks,
    rbac: &'static Value<'static>,
) -> (ParsedFile, FileAnalysis) {
    let mut one = analyse_chunk(vec![input], settings, hooks, rbac, |facts| {
        vec![false; facts.len()]
    });
    one.pop()
        .unwrap_or_else(|| (empty_file(), FileAnalysis::empty()))
}

/// Parse and analyse inputs in parallel, one task per file while its tree is in the
/// caches, each file's world alone built; then `alone_unneeded` is told every file's
/// link facts and says which files' worlds alone need no rules run (their findings
/// would be replaced by their group's: a run checked once, whose relations only grow),
/// and the others' world rules run.
pub(super) fn analyse_chunk(
    inputs: Vec<Input>,
    settings: &Settings,
    hooks: &Hooks,
    rbac: &'static Value<'static>,
    alone_unneeded: impl FnOnce(&[Option<&LinkFacts>]) -> Vec<bool>,
) -> Vec<(ParsedFile, FileAnalysis)> {
    let n = inputs.len();
    let mut parsed: Vec<ParsedFile> = (0..n).map(|_| empty_file()).collect();
    let analyses: Vec<FileAnalysis> = {
        // Each file's blueprint, which its world alone borrows.
        let mut blueprints: Vec<Vec<WorldBlueprint<'_>>> = (0..n).map(|_| Vec::new()).collect();
        let staged: Vec<Staged<'_, '_>> = parsed
            .par_iter_mut()
            .zip(blueprints.par_iter_mut())
            .zip(inputs)
            .map(|((slot, blueprint), input)| {
                *slot = parse_input(0, input);
                stage(slot, blueprint, settings, hooks, rbac)
            })
            .collect();
        let facts: Vec<Option<&LinkFacts>> = staged
            .iter()
            .map(|s| s.world.as_ref().map(|(_, facts)| facts))
            .collect();
        let mut unneeded = alone_unneeded(&facts);
        unneeded.resize(n, false);
        staged
            .into_par_iter()
            .zip(unneeded)
            .map(|(staged, unneeded)| staged.finish(unneeded, settings, hooks))
            .collect()
    };
    parsed.into_iter().zip(analyses).collect()
}

/// One file checked, its world alone built, its world rules not run yet.
struct Staged<'p, 'b> {
    findings: Vec<Finding>,
    secrets: FileSecrets<'static>,
    world: Option<(World<'p, 'b>, LinkFacts)>,
}

fn stage<'p, 'b>(
    file: &'p mut ParsedFile,
    blueprint: &'b mut Vec<WorldBlueprint<'p>>,
    settings: &Settings,
    hooks: &Hooks,
    rbac: &'static Value<'static>,
) -> Staged<'p, 'b> {
    let file: &'p ParsedFile = file;
    let (file_findings, secrets, checked) = check_one(0, file, settings, hooks, rbac);
    let mut findings = file.read_findings.clone();
    findings.extend(file_findings);
    let mut secrets = secrets.into_owned();
    if settings.allow_file_tag {
        secrets.add_file_tag_contents(file);
    }
    let world = match checked {
        Some((checked_blueprint, evaluations)) if hooks.builds_world(settings) => {
            blueprint.push(checked_blueprint);
            let blueprints: &'b Vec<WorldBlueprint<'p>> = blueprint;
            let evaluated = evaluations.map(|list| vec![list]);
            let world = World::build_evaluated(vec![file], blueprints, evaluated, settings);
            let facts = LinkFacts::of_world(&world);
            Some((world, facts))
        }
        _ => None,
    };
    Staged {
        findings,
        secrets,
        world,
    }
}

impl Staged<'_, '_> {
    /// The file's analysis: its world rules run unless `unneeded`.
    fn finish(self, unneeded: bool, settings: &Settings, hooks: &Hooks) -> FileAnalysis {
        let (alone, facts) = match self.world {
            Some((world, mut facts)) => {
                let found = if unneeded {
                    Vec::new()
                } else {
                    let found = run_world_rules(&world, hooks, settings);
                    facts.run_consulted = world.run_consulted();
                    found
                };
                world.drop_in_parallel();
                (found, Some(facts))
            }
            None => (Vec::new(), None),
        };
        FileAnalysis {
            findings: self.findings,
            alone,
            secrets: self.secrets,
            facts,
        }
    }
}

fn empty_file() -> ParsedFile {
    ParsedFile {
        source: SourceFile::new(String::new(), String::new()),
        loaded: crate::yaml::Loaded::default(),
        read_findings: Vec::new(),
    }
}

impl FileAnalysis {
    pub(super) fn empty() -> Self {
        FileAnalysis {
            findings: Vec::new(),
            alone: Vec::new(),
            secrets: FileSecrets::default(),
            facts: None,
        }
    }

    /// A copy in fresh allocations, of exactly their sizes (see [`super::new_slot`]).
    pub(super) fn packed(self) -> Self {
        FileAnalysis {
            findings: self.findings.to_vec(),
            alone: self.alone.to_vec(),
            secrets: self.secrets.relocated(),
            facts: self.facts.map(|f| f.relocated()),
        }
    }
}

/// `findings` about file 0, as findings about `file`.
pub(super) fn relocated(findings: &[Finding], file: usize) -> impl Iterator<Item = Finding> + '_ {
    findings.iter().map(move |finding| {
        let mut finding = finding.clone();
        finding.file = file;
        for label in &mut finding.labels {
            label.file = file;
        }
        finding
    })
}
