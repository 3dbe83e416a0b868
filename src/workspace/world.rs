//! What the commands that read the world rather than its findings ask of the
//! workspace: `graph` renders one world of every file, `simulate` builds its flow
//! model from the kept trees; both mask secrets the workspace found while checking.

use super::{Retention, Workspace};
use crate::check::{self, ParsedFile};
use crate::world::World;

impl Workspace {
    /// One world of every blueprint in the workspace, built from the kept trees
    /// (no rules run on it): what `flowlint graph` renders. Files whose trees were
    /// freed ([`Retention::DropTrees`]) are not in it.
    pub fn with_world<R>(&self, read: impl FnOnce(&World<'_, '_>) -> R) -> R {
        let files: Vec<&ParsedFile> = self.files().collect();
        let blueprints = check::blueprints(&files, &self.checker);
        read(&World::build(files, &blueprints, self.settings()))
    }

    /// The file named `path`, with its tree when kept.
    pub fn file(&self, path: &str) -> Option<&ParsedFile> {
        Some(self.slots.get(self.position(path)?)?.parsed())
    }

    /// Whether every file's tree is kept.
    pub fn keeps_trees(&self) -> bool {
        self.retention == Retention::KeepTrees
    }
}
