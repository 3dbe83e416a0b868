//! Which files of a run need a world together: the files some relation of
//! [`LinkFacts`] ties, joined transitively (union-find).

use rayon::prelude::*;

use crate::source::FileId;
use crate::world::RunFacts;
use crate::world::links::{AppliedBlueprint, FindLookup, LinkFacts, field_hash};

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

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn root(&mut self, mut at: usize) -> usize {
        while self.0[at] != at {
            self.0[at] = self.0[self.0[at]];
            at = self.0[at];
        }
        at
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        // The smaller file id is the root: groups come out keyed by their first file.
        match a.cmp(&b) {
            std::cmp::Ordering::Less => self.0[b] = a,
            std::cmp::Ordering::Greater => self.0[a] = b,
            std::cmp::Ordering::Equal => {}
        }
    }
}

/// `(hash, file)` of one kind of fact of every file, sorted by hash.
fn table(
    facts: &[Option<&LinkFacts>],
    of: impl Fn(&LinkFacts) -> &[u64] + Sync,
) -> Vec<(u64, u32)> {
    table_of(facts, of, |_| true)
}

/// [`table`], with only the rows whose hash passes `keep`.
fn table_of(
    facts: &[Option<&LinkFacts>],
    of: impl Fn(&LinkFacts) -> &[u64] + Sync,
    keep: impl Fn(u64) -> bool + Sync,
) -> Vec<(u64, u32)> {
    let mut rows: Vec<(u64, u32)> = facts
        .par_iter()
        .enumerate()
        .filter_map(|(file, f)| Some((u32::try_from(file).ok()?, (*f)?)))
        .flat_map_iter(|(file, f)| of(f).iter().filter(|h| keep(**h)).map(move |h| (*h, file)))
        .collect();
    rows.par_sort_unstable();
    rows
}

/// The files with `hash` in a [`table`].
fn files_with(table: &[(u64, u32)], hash: u64) -> impl Iterator<Item = usize> + '_ {
    let from = table.partition_point(|(h, _)| *h < hash);
    table[from..]
        .iter()
        .take_while(move |(h, _)| *h == hash)
        .map(|(_, file)| *file as usize)
}

/// Join the files whose facts relate them; a group of more than one file, or of a
/// file whose findings depend on facts of the whole run, needs a world of its own.
pub(super) fn shared_worlds(facts: &[Option<&LinkFacts>], paths: &[&str]) -> SharedWorlds {
    let mut uf = UnionFind((0..facts.len()).collect());
    let mut needs_run = vec![false; facts.len()];
    // Only the declared and unknown fields some `!Find` asks about are ever looked up:
    // tabling just those keeps a large run's tables small (every literal field of
    // every entry was a table of tens of MB, sorted and freshly paged in).
    let mut asked_declares = foldhash::HashSet::default();
    let mut asked_unknown = foldhash::HashSet::default();
    for lookup in facts.iter().flatten().flat_map(|f| &f.lookups) {
        if let FindLookup::Object {
            model,
            first,
            fields,
        } = lookup
        {
            asked_declares.insert(*first);
            asked_unknown.extend(fields.iter().copied().chain([field_hash(model, "")]));
        }
    }
    let declares = table_of(facts, |f| &f.declares, |h| asked_declares.contains(&h));
    let unknown = table_of(facts, |f| &f.unknown, |h| asked_unknown.contains(&h));
    // The same object in two files is one graph node; stage and policy names are
    // unique across their models.
    for shared in [table(facts, |f| &f.objects), table(facts, |f| &f.names)] {
        for pair in shared.windows(2) {
            if pair[0].0 == pair[1].0 {
                uf.union(pair[0].1 as usize, pair[1].1 as usize);
            }
        }
    }
    // A raw pk reference (FL413) and the entry declaring that pk.
    let pks = table(facts, |f| &f.pks);
    for (file, f) in facts.iter().enumerate() {
        for hash in f.iter().flat_map(|f| &f.pk_refs) {
            for other in files_with(&pks, *hash).collect::<Vec<_>>() {
                uf.union(file, other);
            }
        }
    }
    let mut run = RunFacts::default();
    let mut by_model: foldhash::HashMap<&str, Vec<usize>> = foldhash::HashMap::default();
    let mut by_name: foldhash::HashMap<&str, Vec<usize>> = foldhash::HashMap::default();
    let mut with_facts = Vec::new();
    for (file, f) in facts.iter().enumerate() {
        let Some(f) = f else { continue };
        with_facts.push(file);
        for model in &f.models {
            by_model.entry(model).or_default().push(file);
        }
        if let Some(name) = &f.blueprint_name {
            by_name.entry(name).or_default().push(file);
        }
        run.blueprint_labels.extend(f.label.clone());
    }
    // Blueprint names are unique across files.
    for files in by_name.values() {
        for file in &files[1..] {
            uf.union(files[0], *file);
        }
    }
    for (file, f) in facts.iter().enumerate() {
        let Some(f) = f else { continue };
        if f.wildcard {
            for other in &with_facts {
                uf.union(file, *other);
            }
        }
        for lookup in &f.lookups {
            match lookup {
                FindLookup::Fixed => {}
                FindLookup::AnyOf(model) => {
                    for other in by_model.get(model).into_iter().flatten() {
                        uf.union(file, *other);
                    }
                }
                FindLookup::Object {
                    model,
                    first,
                    fields,
                } => {
                    let unknown_fields = fields.iter().copied().chain([field_hash(model, "")]);
                    let candidates = files_with(&declares, *first)
                        .chain(unknown_fields.flat_map(|h| files_with(&unknown, h)));
                    for other in candidates.collect::<Vec<_>>() {
                        uf.union(file, other);
                    }
                }
            }
        }
        // Its findings alone asked how many blueprints the run holds or their names.
        needs_run[file] |= f.run_consulted;
        for applied in &f.applies {
            let targets: Vec<usize> = match applied {
                AppliedBlueprint::Name(name) => {
                    by_name.get(name.as_str()).cloned().unwrap_or_default()
                }
                AppliedBlueprint::Path(path) => with_facts
                    .iter()
                    .copied()
                    .filter(|other| path_matches(paths[*other], path))
                    .collect(),
                AppliedBlueprint::Unnamed => Vec::new(),
            };
            for other in targets {
                uf.union(file, other);
            }
        }
    }
    let mut groups: Vec<Vec<FileId>> = Vec::new();
    let mut group_of_root: foldhash::HashMap<usize, usize> = foldhash::HashMap::default();
    for file in with_facts {
        let root = uf.root(file);
        let group = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[group].push(file);
    }
    groups.retain(|g| g.len() > 1 || needs_run[g[0]]);
    SharedWorlds { groups, run }
}

/// Whether `wanted` is one of the `/`-separated suffixes of `path` (as
/// [`crate::world::World::blueprint_named`] matches paths).
fn path_matches(path: &str, wanted: &str) -> bool {
    let path = path.replace('\\', "/");
    path == wanted
        || path
            .strip_suffix(wanted)
            .is_some_and(|head| head.ends_with('/'))
}
