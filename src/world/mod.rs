//! The world: all blueprints checked together, as authentik's blueprints folder.
//!
//! [`World::build`] indexes every entry of every blueprint once (hash maps, linear in
//! the number of entries and tags):
//! * entries in document order, with their statically evaluated fields and whether
//!   their conditions let authentik process them ([`EntryStatus`]);
//! * `id`s per file, for `!KeyOf` (first processed entry with an instance wins);
//! * declared objects per model and identifying field, for `!Find`/`!FindObject`
//!   ([`World`] implements [`crate::eval::FindResolver`]);
//! * every `!KeyOf` and `!Find` site with its outcome;
//! * the object graph ([`graph::WorldGraph`], petgraph) of flows, bindings, stages,
//!   policies, policy bindings, groups, users, prompts and blueprints.

mod entries;
mod find;
mod find_sites;
pub mod graph;
mod keyof;
pub mod links;
pub mod render;
#[cfg(test)]
mod tests;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::check::{ParsedFile, Settings};
use crate::eval::Context;
use crate::model::Blueprint;
use crate::source::FileId;

pub use entries::{
    EntryEvaluation, EntryStatus, FieldValue, IdEntries, WorldEntry, evaluate_entry,
};
pub use find::FindOutcome;
pub use find_sites::FindSite;
pub use keyof::{KeyOfOutcome, KeyOfSite};

/// Index of an entry in [`World::entries`].
pub type EntryIdx = usize;

/// One blueprint of a world: its file, the blueprint and its effective context, borrowed
/// from where the file was checked (a group's world borrows each file's own).
pub type BlueprintRef<'r, 'a> = (FileId, &'r Blueprint<'a>, &'r Context<'a>);

/// Every blueprint of a run, with its file.
pub struct World<'r, 'a> {
    /// The release the run is judged against (models of `!Find`, references).
    pub release: &'static crate::catalog::Release,
    /// Every file of the run, by [`FileId`].
    pub files: Vec<&'a ParsedFile>,
    pub blueprints: Vec<BlueprintRef<'r, 'a>>,
    /// All entries, blueprint by blueprint, each in processing order.
    pub entries: Vec<WorldEntry<'r, 'a>>,
    /// First entry of each blueprint in `entries` (parallel to `blueprints`).
    pub first_entry: Vec<EntryIdx>,
    /// Per blueprint: `id` → entries with that id, in processing order.
    pub ids: Vec<HashMap<&'a str, IdEntries>>,
    /// Objects declared by entries: the hash of (model id, field, literal value) with
    /// the entry, sorted (16 bytes per field; a lookup checks the entry's values).
    objects: Vec<(u64, u32)>,
    /// The `(model id, field)` pairs hashed into `objects` (those the `!Find`s of the
    /// world query first); lookups by other fields scan `by_model`.
    indexed_fields: HashSet<(&'static str, &'a str)>,
    /// Model id → entries declaring an object of that model.
    by_model: HashMap<&'static str, Vec<EntryIdx>>,
    /// A literal `pk` identifier (exports: `identifiers: {pk: <uuid>}`) → the first
    /// entry declaring it, for references by raw pk (`target: 812f...`).
    pks: HashMap<String, EntryIdx>,
    /// (model id, field) pairs some entry sets to a value flowlint cannot know;
    /// (model id, "") when an entry's identifiers or attrs are a tag.
    unknown_fields: HashSet<(&'static str, &'a str)>,
    /// `metadata.name` → first blueprint with it.
    names: HashMap<&'a str, usize>,
    /// Every `/`-separated suffix of each blueprint's path → first blueprint with it.
    paths: HashMap<String, usize>,
    pub keyof_sites: Vec<KeyOfSite<'a>>,
    pub find_sites: Vec<FindSite<'a>>,
    pub graph: graph::WorldGraph<'a>,
    /// Facts of the whole run, when this world holds only some of its files.
    pub run: Option<std::sync::Arc<RunFacts>>,
    /// Whether a rule asked about the whole run ([`World::run_size`],
    /// [`World::blueprint_labels`]): a file's findings as a world of its own hold in
    /// any run unless it did ([`links::LinkFacts::run_consulted`]).
    run_consulted: std::sync::atomic::AtomicBool,
    /// What the server has before any blueprint of the world (release defaults and
    /// objects the config declares).
    pub baseline: crate::baseline::Baseline,
}

/// What a world of some of a run's files needs to know of the others (see
/// [`links`]): nothing else of them changes its findings.
#[derive(Debug, Default)]
pub struct RunFacts {
    /// Every blueprint's name in messages ([`World::blueprint_label`]).
    pub blueprint_labels: Vec<String>,
}

impl<'r, 'a> World<'r, 'a> {
    /// The world of `files` and their blueprints, each entry evaluated here (no check
    /// made the evaluations first): what `flowlint graph` renders.
    pub fn build(
        files: Vec<&'a ParsedFile>,
        blueprints: &'r [(FileId, Blueprint<'a>, Context<'a>)],
        settings: &Settings,
    ) -> Self {
        let blueprints = blueprints.iter().map(|(id, b, c)| (*id, b, c)).collect();
        Self::build_evaluated(files, blueprints, None, settings)
    }

    /// [`World::build`] with the entries already evaluated ([`evaluate_entry`], one
    /// list per blueprint, one evaluation per entry), as the check driver does for its
    /// field rules: every field is evaluated once per run, and the world borrows them.
    pub fn build_evaluated(
        files: Vec<&'a ParsedFile>,
        blueprints: Vec<BlueprintRef<'r, 'a>>,
        evaluated: Option<Vec<&'r [EntryEvaluation<'a>]>>,
        settings: &Settings,
    ) -> Self {
        let mut world = Self::indexed(files, blueprints, evaluated, settings);
        // Independent of each other: the graph's sequential insertion overlaps the
        // site lists.
        let (graph, (keyof_sites, find_sites)) = rayon::join(
            || graph::WorldGraph::build(&world),
            || {
                rayon::join(
                    || keyof::collect_sites(&world),
                    || find_sites::collect_sites(&world, settings),
                )
            },
        );
        world.graph = graph;
        world.keyof_sites = keyof_sites;
        world.find_sites = find_sites;
        world
    }

    /// What a file's links are read from ([`links::LinkFacts::of_world`]): the world
    /// without its graph and `!KeyOf` sites, which [`World::complete`] adds before any
    /// rule runs (a run checked once never runs the rules of a file's world alone once
    /// the file relates to another: its group's world replaces it).
    pub fn build_for_links(
        files: Vec<&'a ParsedFile>,
        blueprints: Vec<BlueprintRef<'r, 'a>>,
        evaluated: Option<Vec<&'r [EntryEvaluation<'a>]>>,
        settings: &Settings,
    ) -> Self {
        let mut world = Self::indexed(files, blueprints, evaluated, settings);
        world.find_sites = find_sites::collect_sites(&world, settings);
        world
    }

    /// Add the graph and the `!KeyOf` sites to a world built for its links: the world
    /// [`World::build_evaluated`] builds.
    pub fn complete(&mut self) {
        let world: &World<'r, 'a> = self;
        let (graph, keyof_sites) = rayon::join(
            || graph::WorldGraph::build(world),
            || keyof::collect_sites(world),
        );
        self.graph = graph;
        self.keyof_sites = keyof_sites;
    }

    /// Entries collected and evaluated, objects indexed, `!Find`s resolved.
    fn indexed(
        files: Vec<&'a ParsedFile>,
        blueprints: Vec<BlueprintRef<'r, 'a>>,
        evaluated: Option<Vec<&'r [EntryEvaluation<'a>]>>,
        settings: &Settings,
    ) -> Self {
        let mut world = World {
            release: settings.target.release,
            files,
            blueprints,
            entries: Vec::new(),
            first_entry: Vec::new(),
            ids: Vec::new(),
            objects: Vec::new(),
            indexed_fields: HashSet::new(),
            by_model: HashMap::new(),
            pks: HashMap::new(),
            unknown_fields: HashSet::new(),
            names: HashMap::new(),
            paths: HashMap::new(),
            keyof_sites: Vec::new(),
            find_sites: Vec::new(),
            graph: graph::WorldGraph::default(),
            run: None,
            run_consulted: std::sync::atomic::AtomicBool::new(false),
            baseline: crate::baseline::Baseline::new(
                &settings.baseline,
                Some(settings.target.version()),
            ),
        };
        for bp in 0..world.blueprints.len() {
            let (file, blueprint, _) = world.blueprints[bp];
            if let Some(name) = blueprint.name() {
                world.names.entry(name).or_insert(bp);
            }
            let path = world.path(file).replace('\\', "/");
            let parts: Vec<&str> = path.split('/').collect();
            for start in 0..parts.len() {
                world.paths.entry(parts[start..].join("/")).or_insert(bp);
            }
        }
        entries::collect(&mut world, settings, evaluated);
        find::index_objects(&mut world);
        entries::resolve_finds(&mut world, settings);
        world
    }

    /// Free the world, its entries (evaluated values, site lists) in parallel.
    pub fn drop_in_parallel(self) {
        use rayon::prelude::*;
        let World { entries, graph, .. } = self;
        rayon::join(|| entries.into_par_iter().for_each(drop), || drop(graph));
    }

    /// The file an entry is in.
    pub fn file_of(&self, idx: EntryIdx) -> FileId {
        self.entries[idx].file
    }

    pub fn blueprint_of(&self, idx: EntryIdx) -> &'r Blueprint<'a> {
        self.blueprints[self.entries[idx].bp].1
    }

    /// The entries of blueprint `bp` (an index into `blueprints`).
    pub fn entries_of(&self, bp: usize) -> &[WorldEntry<'r, 'a>] {
        let start = self
            .first_entry
            .get(bp)
            .copied()
            .unwrap_or(self.entries.len());
        let end = self
            .first_entry
            .get(bp + 1)
            .copied()
            .unwrap_or(self.entries.len());
        &self.entries[start..end]
    }

    /// The entry a reference value points at: `!KeyOf` (resolved in the scope of the
    /// entry `from`) or a `!Find` the world resolved.
    pub fn target_of(&self, from: EntryIdx, value: &crate::eval::Value<'_>) -> Option<EntryIdx> {
        let crate::eval::Value::KeyOf(id) = value else {
            // Exports refer to objects by raw pk: the importer maps a pk an earlier
            // entry's identifiers declare to the object it applied (`__pk_map`), and
            // the serializer looks any other pk up in the database.
            return find::value_key(value).and_then(|pk| self.pks.get(&pk).copied());
        };
        if let Some(idx) = find::decode_ref(id) {
            return (idx < self.entries.len()).then_some(idx);
        }
        match keyof::resolve(self, from, id) {
            KeyOfOutcome::Resolved(idx) => Some(idx),
            _ => None,
        }
    }

    /// The blueprint a `metaapplyblueprint`'s `identifiers` (`name` or `path`) names.
    pub fn blueprint_named(&self, identifiers: &crate::eval::Value<'_>) -> Option<usize> {
        if let Some(name) = identifiers.get("name").and_then(crate::eval::Value::as_str) {
            return self.names.get(name).copied();
        }
        let path = identifiers
            .get("path")
            .and_then(crate::eval::Value::as_str)?;
        self.paths.get(path.trim_start_matches("./")).copied()
    }

    /// A blueprint's name for messages: `metadata.name`, else its path.
    pub fn blueprint_label(&self, bp: usize) -> String {
        let (file, blueprint, _) = &self.blueprints[bp];
        blueprint
            .name()
            .map_or_else(|| self.path(*file).to_string(), str::to_string)
    }

    /// Every blueprint's name in messages, of the whole run.
    pub fn blueprint_labels(&self) -> Vec<String> {
        self.consult_run();
        match &self.run {
            Some(run) => run.blueprint_labels.clone(),
            None => (0..self.blueprints.len())
                .map(|bp| self.blueprint_label(bp))
                .collect(),
        }
    }

    /// How many blueprints the whole run holds.
    pub fn run_size(&self) -> usize {
        self.consult_run();
        self.run
            .as_ref()
            .map_or(self.blueprints.len(), |r| r.blueprint_labels.len())
    }

    fn consult_run(&self) {
        self.run_consulted
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether a rule asked about the whole run (see the field).
    pub fn run_consulted(&self) -> bool {
        self.run_consulted
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The path of a file, for messages.
    pub fn path(&self, file: FileId) -> &str {
        self.files.get(file).map_or("", |f| f.source.path.as_str())
    }
}

/// What world rules see.
pub struct WorldCx<'r, 'a> {
    pub world: &'r World<'r, 'a>,
    pub settings: &'r Settings,
}

impl WorldCx<'_, '_> {
    /// The release the run is judged against.
    pub fn target(&self) -> &crate::catalog::Target {
        &self.settings.target
    }
}
