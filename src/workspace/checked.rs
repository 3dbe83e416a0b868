//! A file's tree kept with what its check made of it for worlds: the blueprint, its
//! effective context and every entry's evaluation, which borrow the tree. The file's
//! world alone and its group's world are both built from them, so each entry is
//! evaluated once per file, not once per world (a group's world used to evaluate its
//! files' entries again: about 6% of a large related run's time).

use self_cell::self_cell;

use crate::check::{Checker, ParsedFile, Pass, check_one};
use crate::eval::Context;
use crate::finding::Finding;
use crate::model::Blueprint;
use crate::rules::security::redact::FileSecrets;
use crate::world::{BlueprintRef, EntryEvaluation};

/// What worlds read of a checked file (nothing when it is no blueprint or the run
/// builds no world).
#[derive(Debug, Default)]
pub(crate) struct ForWorld<'a> {
    blueprint: Option<(Blueprint<'a>, Context<'a>)>,
    /// One per entry, in processing order; `None` when the check evaluated none.
    evaluations: Option<Vec<EntryEvaluation<'a>>>,
}

self_cell!(
    /// A file (its tree possibly freed) and what worlds read of it.
    pub(crate) struct CheckedTree {
        owner: ParsedFile,
        #[covariant]
        dependent: ForWorld,
    }

    impl {Debug}
);

impl CheckedTree {
    /// Check `file` (`pass`) and keep what worlds read of it; `own` is given the file's
    /// findings and secrets (about file 0).
    pub(crate) fn checked(
        file: ParsedFile,
        checker: &Checker,
        pass: Pass,
        own: impl FnOnce(&ParsedFile, Vec<Finding>, FileSecrets<'_>),
    ) -> Self {
        CheckedTree::new(file, |file| {
            let (findings, secrets, checked) = check_one(0, file, checker, pass);
            own(file, findings, secrets);
            match checked {
                Some(((_, blueprint, context), evaluations)) if checker.builds_world() => {
                    ForWorld {
                        blueprint: Some((blueprint, context)),
                        evaluations,
                    }
                }
                _ => ForWorld::default(),
            }
        })
    }

    /// The file alone, with nothing for worlds (its tree freed, or not checked).
    pub(crate) fn unchecked(file: ParsedFile) -> Self {
        CheckedTree::new(file, |_| ForWorld::default())
    }

    /// No file at all: what a slot holds for the moment its file is replaced.
    pub(crate) fn empty() -> Self {
        CheckedTree::unchecked(ParsedFile {
            source: crate::source::SourceFile::new(String::new(), String::new()),
            loaded: crate::yaml::Loaded::default(),
            read_findings: Vec::new(),
        })
    }

    pub(crate) fn file(&self) -> &ParsedFile {
        self.borrow_owner()
    }

    /// The file's blueprint as file `id` of a world, with its entries' evaluations.
    pub(crate) fn world_input(
        &self,
        id: usize,
    ) -> Option<(BlueprintRef<'_, '_>, Option<&[EntryEvaluation<'_>]>)> {
        let for_world = self.borrow_dependent();
        let (blueprint, context) = for_world.blueprint.as_ref()?;
        Some(((id, blueprint, context), for_world.evaluations.as_deref()))
    }

    /// The file without its tree (and so without what borrowed it).
    pub(crate) fn without_tree(self) -> Self {
        let mut file = self.into_owner();
        drop(std::mem::take(&mut file.loaded));
        CheckedTree::unchecked(file)
    }
}
