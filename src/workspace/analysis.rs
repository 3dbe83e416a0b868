//! One file's part of the workspace: what it says on its own (read, syntax, file,
//! entry and field findings; its world rules' findings with the file as a world of its
//! own), its secrets, and what ties it to the other files ([`LinkFacts`]). A file's
//! analysis depends on its text and the settings only, so an edit re-derives the
//! edited file's analysis and no other.

use rayon::prelude::*;

use super::checked::CheckedTree;
use crate::check::{Checker, Input, ParsedFile, Pass, parse_input, run_world_rules};
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

/// Analyse one parsed file; the tree is returned with the analysis (and what worlds
/// read of it), for the workspace to keep or free.
pub(super) fn analyse(file: ParsedFile, checker: &Checker) -> (CheckedTree, FileAnalysis) {
    analyse_one(file, checker, |_, _| false)
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
) -> Vec<(CheckedTree, FileAnalysis, bool)> {
    inputs
        .into_par_iter()
        .enumerate()
        .map(|(at, input)| {
            let (mut tree, mut analysis) =
                analyse_one(parse_input(0, input), checker, |facts, path| {
                    relate.alone_unneeded(at, facts, path)
                });
            let free = relate.free_tree(at, &mut analysis);
            if free {
                tree = tree.without_tree();
                // What outlives the tree was allocated among its nodes and would keep
                // their pages from being reused: copied now, it is packed with the
                // other files'.
                analysis = analysis.packed();
            }
            (tree, analysis, !free)
        })
        .collect()
}

/// One parsed file analysed; `alone_unneeded` is told its link facts and path.
fn analyse_one(
    file: ParsedFile,
    checker: &Checker,
    alone_unneeded: impl FnOnce(Option<&LinkFacts>, &str) -> bool,
) -> (CheckedTree, FileAnalysis) {
    let mut own = (Vec::new(), FileSecrets::default());
    let tree = CheckedTree::checked(file, checker, Pass::Full, |file, found, secrets| {
        let mut findings = file.read_findings.clone();
        findings.extend(found);
        let mut secrets = secrets.into_owned();
        if checker.settings().allow_file_tag {
            secrets.add_file_tag_contents(file);
        }
        own = (findings, secrets);
    });
    let (findings, secrets) = own;
    let (alone, facts) = world_alone(&tree, checker, alone_unneeded);
    let analysis = FileAnalysis {
        findings,
        alone,
        secrets,
        facts,
    };
    (tree, analysis)
}

/// The file as a world of its own: its link facts, and its world rules' findings
/// unless `unneeded` says, told the facts, that they are not.
fn world_alone(
    tree: &CheckedTree,
    checker: &Checker,
    unneeded: impl FnOnce(Option<&LinkFacts>, &str) -> bool,
) -> (Vec<Finding>, Option<LinkFacts>) {
    let file = tree.file();
    let Some((blueprint, evaluations)) = tree.world_input(0) else {
        unneeded(None, &file.source.path);
        return (Vec::new(), None);
    };
    let evaluated = evaluations.map(|list| vec![list]);
    let settings = checker.settings();
    let mut world = World::build_for_links(vec![file], vec![blueprint], evaluated, settings);
    let mut facts = LinkFacts::of_world(&world);
    let found = if unneeded(Some(&facts), &file.source.path) {
        Vec::new()
    } else {
        world.complete();
        let found = run_world_rules(&world, checker);
        facts.run_consulted = world.run_consulted();
        found
    };
    world.drop_in_parallel();
    (found, Some(facts))
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
