//! One file's part of the workspace: what it says on its own (read, syntax, file,
//! entry and field findings; its world rules' findings with the file as a world of its
//! own), its secrets, and what ties it to the other files ([`LinkFacts`]). A file's
//! analysis depends on its text and the settings only, so an edit re-derives the
//! edited file's analysis and no other.

use rayon::prelude::*;

use crate::check::{
    Checker, Input, ParsedFile, Pass, WorldBlueprint, check_one, parse_input, run_world_rules,
};
use crate::finding::Finding;
use crate::rules::security::redact::FileSecrets;
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
pub(super) fn analyse(input: Input, checker: &Checker) -> (ParsedFile, FileAnalysis) {
    analyse_one(input, checker, |_, _| false)
}

/// What the workspace decides about a file while its tree is in the caches.
pub(super) trait Relate: Sync {
    /// Told the file's link facts (its world alone is built): whether its world
    /// alone's rules can be skipped (their findings would be replaced by its group's:
    /// a run checked once, whose relations only grow).
    fn alone_unneeded(&self, at: usize, facts: Option<&LinkFacts>, path: &str) -> bool;
    /// Told its analysis: whether to free its tree now.
    fn free_tree(&self, at: usize, analysis: &mut FileAnalysis) -> bool;
}

/// Parse and analyse inputs in parallel, one task per file while its tree is in the
/// caches: it is checked, its world alone built, `relate` told its link facts and
/// asked whether its world rules need to run, then whether to free its tree (the
/// analysis packed into fresh allocations then). `at` is the input's index; the
/// bool says whether the tree was kept.
pub(super) fn analyse_all(
    inputs: Vec<Input>,
    checker: &Checker,
    relate: &impl Relate,
) -> Vec<(ParsedFile, FileAnalysis, bool)> {
    inputs
        .into_par_iter()
        .enumerate()
        .map(|(at, input)| {
            let (mut parsed, mut analysis) = analyse_one(input, checker, |facts, path| {
                relate.alone_unneeded(at, facts, path)
            });
            let free = relate.free_tree(at, &mut analysis);
            if free {
                drop(std::mem::take(&mut parsed.loaded));
                // What outlives the tree was allocated among its nodes and would keep
                // their pages from being reused: copied now, it is packed with the
                // other files'.
                analysis = analysis.packed();
            }
            (parsed, analysis, !free)
        })
        .collect()
}

/// One input parsed and analysed; `alone_unneeded` is told its link facts and path.
fn analyse_one(
    input: Input,
    checker: &Checker,
    alone_unneeded: impl FnOnce(Option<&LinkFacts>, &str) -> bool,
) -> (ParsedFile, FileAnalysis) {
    let mut parsed = parse_input(0, input);
    let analysis = {
        let mut blueprint = Vec::new();
        let staged = stage(&mut parsed, &mut blueprint, checker);
        let facts = staged.world.as_ref().map(|(_, facts)| facts);
        let unneeded = alone_unneeded(facts, staged.path);
        staged.finish(unneeded, checker)
    };
    (parsed, analysis)
}

/// One file checked, its world alone built, its world rules not run yet.
struct Staged<'p, 'b> {
    path: &'p str,
    findings: Vec<Finding>,
    secrets: FileSecrets<'static>,
    world: Option<(World<'p, 'b>, LinkFacts)>,
}

fn stage<'p, 'b>(
    file: &'p mut ParsedFile,
    blueprint: &'b mut Vec<WorldBlueprint<'p>>,
    checker: &Checker,
) -> Staged<'p, 'b> {
    let file: &'p ParsedFile = file;
    let settings = checker.settings();
    let (file_findings, secrets, checked) = check_one(0, file, checker, Pass::Full);
    let mut findings = file.read_findings.clone();
    findings.extend(file_findings);
    let mut secrets = secrets.into_owned();
    if settings.allow_file_tag {
        secrets.add_file_tag_contents(file);
    }
    let world = match checked {
        Some((checked_blueprint, evaluations)) if checker.builds_world() => {
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
        path: &file.source.path,
        findings,
        secrets,
        world,
    }
}

impl Staged<'_, '_> {
    /// The file's analysis: its world rules run unless `unneeded`.
    fn finish(self, unneeded: bool, checker: &Checker) -> FileAnalysis {
        let (alone, facts) = match self.world {
            Some((world, mut facts)) => {
                let found = if unneeded {
                    Vec::new()
                } else {
                    let found = run_world_rules(&world, checker);
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
