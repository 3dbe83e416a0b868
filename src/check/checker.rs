//! What a run checks with, resolved once from its settings: the settings, the rule
//! hooks partitioned by kind, and the release's default context. The workspace owns
//! one; every stage (a file's checks, its world, a group's world, the report) reads
//! it, so a setting takes one path from the command line to the rules.

use super::Settings;
use super::context::rbac_models;
use crate::eval::Value;
use crate::rules::{
    Check, EntryCheck, Family, FieldCheck, FileCheck, NodeCheck, RULES, TagCheck, WorldCheck,
};

/// Which rules a pass over a file runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pass {
    /// Every enabled rule.
    Full,
    /// Only what the world needs (its rules run once it is built): the world of files
    /// already checked.
    WorldOnly,
}

/// A run's settings, resolved once (see the module doc).
pub struct Checker {
    settings: Settings,
    hooks: Hooks,
    world_hooks: Hooks,
    rbac: &'static Value<'static>,
}

impl Checker {
    pub fn new(settings: Settings) -> Self {
        let hooks = Hooks::new(&settings);
        Checker {
            world_hooks: hooks.world_only(),
            hooks,
            rbac: rbac_models(settings.target.release),
            settings,
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub(crate) fn hooks(&self, pass: Pass) -> &Hooks {
        match pass {
            Pass::Full => &self.hooks,
            Pass::WorldOnly => &self.world_hooks,
        }
    }

    /// authentik's `goauthentik.io/rbac/models` default for the targeted release.
    pub(crate) fn rbac(&self) -> &'static Value<'static> {
        self.rbac
    }

    /// Whether files are checked as a world (some world rule is enabled).
    pub(crate) fn builds_world(&self) -> bool {
        !self.hooks.world.is_empty() && self.settings.world
    }
}

/// Rule hooks, partitioned once per run.
pub(crate) struct Hooks {
    pub(super) file: Vec<FileCheck>,
    /// With whether the rule checks attribute values (not run on skipped entries).
    pub(super) entry: Vec<(EntryCheck, bool)>,
    pub(super) field: Vec<FieldCheck>,
    pub(super) node: Vec<NodeCheck>,
    /// With whether the rule also judges values a later duplicate key replaces.
    pub(super) tag: Vec<(TagCheck, bool)>,
    pub(super) world: Vec<WorldCheck>,
    /// Whether a file's secrets are wanted (not when only a world is built again).
    pub(super) secrets: bool,
}

impl Hooks {
    /// The same world rules and no others: to build the world of files already
    /// checked.
    fn world_only(&self) -> Self {
        Hooks {
            file: Vec::new(),
            entry: Vec::new(),
            field: Vec::new(),
            node: Vec::new(),
            tag: Vec::new(),
            world: self.world.clone(),
            secrets: false,
        }
    }

    fn new(settings: &Settings) -> Self {
        let mut hooks = Hooks {
            file: Vec::new(),
            entry: Vec::new(),
            field: Vec::new(),
            node: Vec::new(),
            tag: Vec::new(),
            world: Vec::new(),
            secrets: true,
        };
        for rule in RULES
            .iter()
            .copied()
            .filter(|r| settings.rules.is_enabled(r))
        {
            match rule.check {
                Check::Builtin => {}
                Check::File(f) => hooks.file.push(f),
                Check::Entry(f) => hooks.entry.push((f, rule.family == Family::Values)),
                Check::Field(f) => hooks.field.push(f),
                Check::Node(f) => hooks.node.push(f),
                Check::Tag(f) => hooks
                    .tag
                    .push((f, crate::rules::tags::judges_construction(rule))),
                Check::World(f) => hooks.world.push(f),
            }
        }
        hooks
    }
}
