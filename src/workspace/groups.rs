//! The worlds of files that relate: the files [`LinkFacts`] tie together
//! ([`super::link`]) are checked again as one world, whose world-rule findings replace
//! their own worlds'. A group's findings are kept until one of its files changes (or
//! the facts of the whole run do), so an edit rebuilds only the world of the edited
//! file's group.

use std::sync::Arc;

use foldhash::HashMap;
use rayon::prelude::*;

use super::FileSlot;
use crate::check::{Checker, ParsedFile, Pass, check_one, run_world_rules};
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
/// files by their index in it. A file whose tree was freed is parsed again from its
/// text.
pub(super) fn check_group(
    group: &[FileId],
    slots: &[FileSlot],
    checker: &Checker,
    run: &Arc<RunFacts>,
) -> Vec<Finding> {
    let reparsed: Vec<Option<ParsedFile>> = group
        .par_iter()
        .map(|id| {
            let slot = &slots[*id];
            (!slot.has_tree()).then(|| {
                let source = &slot.parsed.source;
                ParsedFile {
                    loaded: yaml::load(&source.text),
                    source: SourceFile::new(source.path.clone(), source.text.clone()),
                    read_findings: Vec::new(),
                }
            })
        })
        .collect();
    let parsed: Vec<&ParsedFile> = group
        .iter()
        .zip(&reparsed)
        .map(|(id, again)| again.as_ref().unwrap_or(&slots[*id].parsed))
        .collect();
    // Only the world is wanted: its per-file findings are the files' analyses'.
    let checked: Vec<_> = parsed
        .par_iter()
        .enumerate()
        .map(|(local, file)| check_one(local, file, checker, Pass::WorldOnly).2)
        .collect();
    let mut blueprints = Vec::with_capacity(checked.len());
    let mut evaluations = Vec::with_capacity(checked.len());
    for (blueprint, evaluated) in checked.into_iter().flatten() {
        blueprints.push(blueprint);
        evaluations.push(evaluated);
    }
    let evaluated = evaluations.into_iter().collect::<Option<Vec<_>>>();
    let mut world = World::build_evaluated(parsed, &blueprints, evaluated, checker.settings());
    world.run = Some(Arc::clone(run));
    let findings = run_world_rules(&world, checker);
    world.drop_in_parallel();
    findings
}
