//! The world: all blueprints checked together, as authentik's blueprints folder.

use crate::check::{ParsedFile, Settings};
use crate::eval::Context;
use crate::model::Blueprint;
use crate::source::FileId;

/// Every blueprint of a run, with its file.
pub struct World<'r, 'a> {
    pub files: &'a [ParsedFile],
    pub blueprints: &'r [(FileId, Blueprint<'a>, Context<'a>)],
}

impl<'r, 'a> World<'r, 'a> {
    pub fn build(
        files: &'a [ParsedFile],
        blueprints: &'r [(FileId, Blueprint<'a>, Context<'a>)],
        _settings: &Settings,
    ) -> Self {
        World { files, blueprints }
    }
}

/// What world rules see.
pub struct WorldCx<'r, 'a> {
    pub world: &'r World<'r, 'a>,
    pub settings: &'r Settings,
}
