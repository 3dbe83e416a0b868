//! The worlds of files that relate: the files [`LinkFacts`] tie together
//! ([`super::link`]) are checked again as one world, whose world-rule findings replace
//! their own worlds'. A group's findings are kept until one of its files changes (or
//! the facts of the whole run do), so an edit rebuilds only the world of the edited
//! file's group.

use std::sync::Arc;

use foldhash::HashMap;
use rayon::prelude::*;

use super::FileSlot;
use super::checked::CheckedTree;
use crate::check::{Checker, ParsedFile, Pass, run_world_rules};
use crate::finding::Finding;
use crate::source::{FileId, SourceFile};
use crate::world::{RunFacts, World};
use crate::yaml;

/// What a group's findings depend on: the revision of each of its files and the
/// blueprints' labels of the whole run.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct GroupKey {
    revisions: Vec<u64>,
    labels: u64,
}

impl GroupKey {
    pub(super) fn new(group: &[FileId], slots: &[FileSlot], run: &RunFacts) -> Self {
        use std::hash::BuildHasher;
        GroupKey {
            revisions: group.iter().map(|id| slots[*id].revision).collect(),
            labels: foldhash::fast::FixedState::default().hash_one(&run.blueprint_labels),
        }
    }
}

/// World findings of groups, by their key; findings about the group's own files, by
/// their index in the group.
pub(super) type GroupCache = HashMap<GroupKey, Arc<Vec<Finding>>>;

/// The world rules' findings of a group of files as one world, about the group's
/// files by their index in it, built from the blueprints and entry evaluations their
/// analyses kept. A file whose tree was freed is parsed and checked again.
pub(super) fn check_group(
    group: &[FileId],
    slots: &[FileSlot],
    checker: &Checker,
    run: &Arc<RunFacts>,
) -> Vec<Finding> {
    let again: Vec<Option<CheckedTree>> = group
        .par_iter()
        .map(|id| {
            let slot = &slots[*id];
            (!slot.has_tree()).then(|| {
                let source = &slot.parsed().source;
                let file = ParsedFile {
                    loaded: yaml::load(&source.text),
                    source: SourceFile::new(source.path.clone(), source.text.clone()),
                    read_findings: Vec::new(),
                };
                // Only the world is wanted: its per-file findings are the analysis'.
                CheckedTree::checked(file, checker, Pass::WorldOnly, |_, _, _| {})
            })
        })
        .collect();
    let trees: Vec<&CheckedTree> = group
        .iter()
        .zip(&again)
        .map(|(id, again)| again.as_ref().unwrap_or(&slots[*id].checked))
        .collect();
    let mut blueprints = Vec::with_capacity(trees.len());
    let mut evaluations = Vec::with_capacity(trees.len());
    for (local, tree) in trees.iter().enumerate() {
        if let Some((blueprint, evaluated)) = tree.world_input(local) {
            blueprints.push(blueprint);
            evaluations.push(evaluated);
        }
    }
    let evaluated = evaluations.into_iter().collect::<Option<Vec<_>>>();
    let files = trees.iter().map(|tree| tree.file()).collect();
    let mut world = World::build_evaluated(files, blueprints, evaluated, checker.settings());
    world.run = Some(Arc::clone(run));
    let findings = run_world_rules(&world, checker);
    world.drop_in_parallel();
    findings
}
