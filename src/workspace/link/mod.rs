//! Which files of a run need a world together: the files some relation of
//! [`LinkFacts`] ties, joined transitively (union-find).
//!
//! The index is fed each file once, in any order (as the files' analyses finish),
//! and keeps what it learnt: a file's keys are joined to the holders and askers of
//! the same keys seen so far, and relations only grow as files are added. The groups
//! it finds do not depend on the order (the same joins are made whichever side comes
//! first), and the cost of relating a run's files is near linear in the run. A file
//! replaced in a run (an editor's edit) can untie files: its new keys are fed again
//! ([`LinkIndex::refeed`]), the old ones keep their joins (a group larger than needed
//! gives the same findings), and the workspace builds a fresh index once such feeds
//! pile up.

mod tables;

use std::hash::BuildHasher;

use crate::source::FileId;
use crate::world::RunFacts;
use crate::world::links::{AppliedBlueprint, FindLookup, LinkFacts, field_hash};
use tables::{Joins, Shared, UnionFind};

/// Files to check as one world again, and what that world needs of the whole run.
#[derive(Default)]
pub(super) struct SharedWorlds {
    /// Groups of files, each in file order, the groups by their first file.
    pub groups: Vec<Vec<FileId>>,
    pub run: RunFacts,
}

impl SharedWorlds {
    /// Every file with facts in one group.
    pub(super) fn one(facts: &[Option<&LinkFacts>]) -> Self {
        let mut run = RunFacts::default();
        let mut group = Vec::new();
        for (file, f) in facts.iter().enumerate() {
            if let Some(f) = f {
                group.push(file);
                run.blueprint_labels.extend(f.label.clone());
            }
        }
        SharedWorlds {
            groups: vec![group],
            run,
        }
    }
}

/// `(hash, file)` rows of one file's hashes.
fn rows(hashes: &[u64], file: u32) -> impl Iterator<Item = (u64, u32)> + '_ {
    hashes.iter().map(move |h| (*h, file))
}

/// The relations of the files fed so far (see the module doc).
#[derive(Default)]
pub(super) struct LinkIndex {
    uf: UnionFind,
    /// How many files were fed.
    fed: usize,
    /// The files with facts, in the order they were fed.
    with_facts: Vec<u32>,
    has_facts: Vec<bool>,
    /// The same graph object in two files is one graph node.
    objects: Shared,
    /// Stage and policy names are unique across their models.
    names: Shared,
    /// Blueprint names are unique across files.
    blueprint_names: Shared,
    /// A raw pk reference (FL413) and the entry declaring that pk.
    pks: Joins,
    /// A `!Find`'s first condition and the literal fields declaring it.
    declares: Joins,
    /// A `!Find`'s condition fields and the entries setting them to unknown values.
    unknown: Joins,
    /// A `!Find` without conditions and the files declaring its model.
    models: Joins,
    /// A `metaapplyblueprint` by name and the blueprint of that name.
    applied_names: Joins,
    /// A `metaapplyblueprint` by path and the files whose path ends with it.
    applied_paths: Joins,
    /// The first file whose `!Find` may feed a literal: every file is joined to it.
    wildcard: Option<u32>,
    /// Files fed again since the index was built ([`LinkIndex::refeed`]).
    stale: usize,
}

/// A string as a key of one kind of relation (a collision only joins files that did
/// not need it).
fn key(kind: u8, text: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one((kind, text))
}

/// One feed's rows, by relation.
#[derive(Default)]
struct Rows {
    objects: Vec<(u64, u32)>,
    names: Vec<(u64, u32)>,
    blueprint_names: Vec<(u64, u32)>,
    pks: Vec<(u64, u32)>,
    pk_refs: Vec<(u64, u32)>,
    declares: Vec<(u64, u32)>,
    firsts: Vec<(u64, u32)>,
    unknown: Vec<(u64, u32)>,
    asked_fields: Vec<(u64, u32)>,
    models: Vec<(u64, u32)>,
    any_of: Vec<(u64, u32)>,
    applied_names: Vec<(u64, u32)>,
    suffixes: Vec<(u64, u32)>,
    applied_paths: Vec<(u64, u32)>,
}

impl Rows {
    fn add(&mut self, id: u32, f: &LinkFacts, path: &str) {
        self.objects.extend(rows(&f.objects, id));
        self.names.extend(rows(&f.names, id));
        self.pks.extend(rows(&f.pks, id));
        self.pk_refs.extend(rows(&f.pk_refs, id));
        self.declares.extend(rows(&f.declares, id));
        self.unknown.extend(rows(&f.unknown, id));
        self.models.extend(f.models.iter().map(|m| (key(0, m), id)));
        if let Some(name) = &f.blueprint_name {
            self.blueprint_names.push((key(1, name), id));
        }
        // Every `/`-separated suffix of its path, as `World::blueprint_named` matches
        // paths.
        let path = path.replace('\\', "/");
        self.suffixes.push((key(2, &path), id));
        for (at, _) in path.match_indices('/') {
            self.suffixes.push((key(2, &path[at + 1..]), id));
        }
        for lookup in &f.lookups {
            match lookup {
                FindLookup::Fixed => {}
                FindLookup::AnyOf(model) => self.any_of.push((key(0, model), id)),
                FindLookup::Object {
                    model,
                    first,
                    fields,
                } => {
                    self.firsts.push((*first, id));
                    let unknown_fields = fields.iter().copied().chain([field_hash(model, "")]);
                    self.asked_fields.extend(unknown_fields.map(|h| (h, id)));
                }
            }
        }
        for applied in &f.applies {
            match applied {
                AppliedBlueprint::Name(name) => self.applied_names.push((key(1, name), id)),
                AppliedBlueprint::Path(path) => self.applied_paths.push((key(2, path), id)),
                AppliedBlueprint::Unnamed => {}
            }
        }
    }
}

impl LinkIndex {
    /// How many files were fed.
    pub(super) fn fed(&self) -> usize {
        self.fed
    }

    /// Add files (each once, in any order) by file id, with their facts and paths
    /// (`None`: a file without facts).
    pub(super) fn feed(&mut self, files: &[(FileId, Option<(&LinkFacts, &str)>)]) {
        let mut rows = Rows::default();
        for &(id, file) in files {
            self.fed += 1;
            self.uf.ensure(id + 1);
            if self.has_facts.len() <= id {
                self.has_facts.resize(id + 1, false);
            }
            if let Some((f, path)) = file {
                self.add_facts(id as u32, f, path, &mut rows);
            }
        }
        self.join(&rows);
    }

    /// Add what a file fed before now says besides (an editor's edit): relations only
    /// grow, so the keys it no longer has keep their joins. Joining more files than
    /// relate is always sound (a group's world only comes closer to the world of every
    /// file); [`LinkIndex::stale`] counts these feeds, for the workspace to build a
    /// fresh index once they pile up.
    pub(super) fn refeed(&mut self, id: FileId, added: &LinkFacts, path: &str) {
        let mut rows = Rows::default();
        self.add_facts(id as u32, added, path, &mut rows);
        self.stale += 1;
        self.join(&rows);
    }

    /// How many times a file was fed again since the index was built.
    pub(super) fn stale(&self) -> usize {
        self.stale
    }

    fn add_facts(&mut self, id: u32, f: &LinkFacts, path: &str, rows: &mut Rows) {
        if !self.has_facts[id as usize] {
            self.has_facts[id as usize] = true;
            self.with_facts.push(id);
        }
        rows.add(id, f, path);
        // Its findings alone asked how many blueprints the run holds or their names.
        if f.run_consulted {
            self.uf.set_needs_run(id);
        }
        match (f.wildcard, self.wildcard) {
            (_, Some(wildcard)) => self.uf.union(id, wildcard),
            (true, None) => {
                for other in &self.with_facts {
                    self.uf.union(id, *other);
                }
                self.wildcard = Some(id);
            }
            (false, None) => {}
        }
    }

    fn join(&mut self, rows: &Rows) {
        let uf = &mut self.uf;
        self.objects.add(uf, &rows.objects);
        self.names.add(uf, &rows.names);
        self.blueprint_names.add(uf, &rows.blueprint_names);
        self.pks.add(uf, &rows.pks, &rows.pk_refs);
        self.declares.add(uf, &rows.declares, &rows.firsts);
        self.unknown.add(uf, &rows.unknown, &rows.asked_fields);
        self.models.add(uf, &rows.models, &rows.any_of);
        (self.applied_names).add(uf, &rows.blueprint_names, &rows.applied_names);
        (self.applied_paths).add(uf, &rows.suffixes, &rows.applied_paths);
    }

    /// `file`'s findings as a world of its own asked about the whole run: its group
    /// needs a world even when it is alone in it.
    pub(super) fn consulted_run(&mut self, file: FileId) {
        if file < self.uf.len() {
            self.uf.set_needs_run(file as u32);
        }
    }

    /// Whether another file relates to `file`.
    pub(super) fn related(&mut self, file: FileId) -> bool {
        file < self.uf.len() && self.uf.group_size(file as u32) > 1
    }

    /// Whether `file` is in a group that needs a world of its own.
    pub(super) fn grouped(&mut self, file: FileId) -> bool {
        self.has_facts.get(file).copied().unwrap_or(false)
            && (self.uf.group_size(file as u32) > 1 || self.uf.needs_run(file as u32))
    }

    /// The groups of more than one file, or of a file whose findings depend on facts
    /// of the whole run: each in file order, the groups by their first file.
    pub(super) fn groups(&mut self) -> Vec<Vec<FileId>> {
        let mut with_facts = self.with_facts.clone();
        with_facts.sort_unstable();
        let mut groups: Vec<Vec<FileId>> = Vec::new();
        let mut group_of_root: foldhash::HashMap<u32, usize> = foldhash::HashMap::default();
        for file in with_facts {
            let root = self.uf.root(file);
            let group = *group_of_root.entry(root).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[group].push(file as FileId);
        }
        groups.retain(|g| g.len() > 1 || self.uf.needs_run(g[0] as u32));
        groups
    }
}
