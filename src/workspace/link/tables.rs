//! The tables the link index keeps between feeds: a union-find over file ids, keys
//! every holder of which is joined (a hash map to the first holder), and keys held by
//! some files and asked for by others (the held rows in sorted runs, sorted only when
//! a key nobody asked for before is looked up; merged as they pile up, so a lookup
//! searches a few runs).

use foldhash::HashMap;

/// Files joined transitively; each group knows its size and whether one of its
/// files' findings asked about the whole run.
#[derive(Default)]
pub(super) struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
    needs_run: Vec<bool>,
}

impl UnionFind {
    /// Room for files `0..len`, each new one in a group of its own.
    pub(super) fn ensure(&mut self, len: usize) {
        while self.parent.len() < len {
            self.parent.push(self.parent.len() as u32);
            self.size.push(1);
            self.needs_run.push(false);
        }
    }

    pub(super) fn len(&self) -> usize {
        self.parent.len()
    }

    pub(super) fn root(&mut self, mut at: u32) -> u32 {
        while self.parent[at as usize] != at {
            let up = self.parent[self.parent[at as usize] as usize];
            self.parent[at as usize] = up;
            at = up;
        }
        at
    }

    pub(super) fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        let (big, small) = if self.size[a as usize] >= self.size[b as usize] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
        self.needs_run[big as usize] |= self.needs_run[small as usize];
    }

    /// How many files the group of `file` holds.
    pub(super) fn group_size(&mut self, file: u32) -> u32 {
        let root = self.root(file);
        self.size[root as usize]
    }

    pub(super) fn needs_run(&mut self, file: u32) -> bool {
        let root = self.root(file);
        self.needs_run[root as usize]
    }

    pub(super) fn set_needs_run(&mut self, file: u32) {
        let root = self.root(file);
        self.needs_run[root as usize] = true;
    }
}

/// A key every file holding it shares: all of them are joined (the same graph
/// object declared in two files, a name unique across files).
#[derive(Default)]
pub(super) struct Shared(HashMap<u64, u32>);

impl Shared {
    pub(super) fn add(&mut self, uf: &mut UnionFind, rows: &[(u64, u32)]) {
        for (key, file) in rows {
            let first = *self.0.entry(*key).or_insert(*file);
            uf.union(*file, first);
        }
    }
}

/// Rows `(key, file)` sorted by key.
#[derive(Default)]
struct Run {
    keys: Vec<u64>,
    files: Vec<u32>,
}

impl Run {
    fn len(&self) -> usize {
        self.keys.len()
    }

    fn files_with(&self, key: u64) -> &[u32] {
        let from = self.keys.partition_point(|k| *k < key);
        let to = from + self.keys[from..].partition_point(|k| *k == key);
        &self.files[from..to]
    }

    /// Both runs' rows, sorted.
    fn merged(self, other: Run) -> Run {
        let mut merged = Run {
            keys: Vec::with_capacity(self.len() + other.len()),
            files: Vec::with_capacity(self.len() + other.len()),
        };
        let (mut a, mut b) = (0, 0);
        while a < self.len() || b < other.len() {
            let take_a = b == other.len() || (a < self.len() && self.keys[a] <= other.keys[b]);
            let (run, at) = if take_a {
                (&self, &mut a)
            } else {
                (&other, &mut b)
            };
            merged.keys.push(run.keys[*at]);
            merged.files.push(run.files[*at]);
            *at += 1;
        }
        merged
    }
}

/// Held rows: the latest ones unsorted, the others in sorted runs, each at most half
/// the size of the one before it (so a run of n rows is merged O(log n) times).
#[derive(Default)]
struct Held {
    pending: Vec<(u64, u32)>,
    runs: Vec<Run>,
}

impl Held {
    fn files_with(&mut self, key: u64) -> impl Iterator<Item = u32> + '_ {
        if !self.pending.is_empty() {
            let mut rows = std::mem::take(&mut self.pending);
            rows.sort_unstable();
            rows.dedup();
            let (keys, files) = rows.into_iter().unzip();
            self.runs.push(Run { keys, files });
            while let [.., before, last] = &self.runs[..] {
                if last.len() * 2 < before.len() {
                    break;
                }
                let last = self.runs.pop().unwrap_or_default();
                let before = self.runs.pop().unwrap_or_default();
                self.runs.push(before.merged(last));
            }
        }
        (self.runs.iter()).flat_map(move |run| run.files_with(key).iter().copied())
    }
}

/// A key some files hold and others ask for: each asking file is joined to every
/// file holding the key (a `!Find` and the files declaring what it looks for); files
/// on one side only are not joined by it.
#[derive(Default)]
pub(super) struct Joins {
    held: Held,
    asked: HashMap<u64, Asked>,
}

enum Asked {
    /// Some file holds the key: every holder and asker is in this file's group.
    Joined(u32),
    /// No file holds the key yet: the files asking for it.
    Waiting(Vec<u32>),
}

impl Joins {
    /// `held`: keys files hold; `asks`: keys files ask for.
    pub(super) fn add(&mut self, uf: &mut UnionFind, held: &[(u64, u32)], asks: &[(u64, u32)]) {
        for &(key, file) in held {
            if let Some(asked) = self.asked.get_mut(&key) {
                match asked {
                    Asked::Joined(joined) => uf.union(file, *joined),
                    Asked::Waiting(askers) => {
                        for asker in askers.drain(..) {
                            uf.union(file, asker);
                        }
                        *asked = Asked::Joined(file);
                    }
                }
            }
        }
        self.held.pending.extend_from_slice(held);
        for &(key, file) in asks {
            match self.asked.get_mut(&key) {
                Some(Asked::Joined(joined)) => uf.union(file, *joined),
                // No file holds a key waited for: a holder turns it joined above.
                Some(Asked::Waiting(askers)) => {
                    if askers.last() != Some(&file) {
                        askers.push(file);
                    }
                }
                None => {
                    let mut holders = self.held.files_with(key).peekable();
                    let state = if holders.peek().is_some() {
                        for holder in holders {
                            uf.union(file, holder);
                        }
                        Asked::Joined(file)
                    } else {
                        Asked::Waiting(vec![file])
                    };
                    self.asked.insert(key, state);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(uf: &mut UnionFind, a: u32, b: u32) -> bool {
        uf.root(a) == uf.root(b)
    }

    #[test]
    fn askers_join_holders_only() {
        let mut uf = UnionFind::default();
        uf.ensure(5);
        let mut joins = Joins::default();
        // Files 0 and 1 ask for key 7; nobody holds it yet: they stay apart.
        joins.add(&mut uf, &[(3, 4)], &[(7, 0), (7, 1)]);
        assert!(!joined(&mut uf, 0, 1));
        // File 2 holds key 7: both askers join it; file 4 (holding 3) stays alone.
        joins.add(&mut uf, &[(7, 2)], &[]);
        assert!(joined(&mut uf, 0, 2) && joined(&mut uf, 1, 2));
        assert!(!joined(&mut uf, 4, 0));
        // A later asker of a held key joins the holders, found in the sorted runs.
        joins.add(&mut uf, &[], &[(3, 3)]);
        assert!(joined(&mut uf, 3, 4) && !joined(&mut uf, 3, 0));
        assert_eq!(uf.group_size(0), 3);
    }

    #[test]
    fn holders_of_a_shared_key_join() {
        let mut uf = UnionFind::default();
        uf.ensure(4);
        let mut shared = Shared::default();
        shared.add(&mut uf, &[(1, 0), (2, 1)]);
        assert!(!joined(&mut uf, 0, 1));
        shared.add(&mut uf, &[(2, 3), (1, 2)]);
        assert!(joined(&mut uf, 1, 3) && joined(&mut uf, 0, 2) && !joined(&mut uf, 0, 1));
    }

    #[test]
    fn runs_find_every_holder_whatever_the_merges() {
        let mut held = Held::default();
        for file in 0..100u32 {
            held.pending.push((u64::from(file % 7), file));
            // Look a key up after some feeds only, so runs of different sizes merge.
            if file % 3 == 0 {
                let _ = held.files_with(0).count();
            }
        }
        let mut with_3: Vec<u32> = held.files_with(3).collect();
        with_3.sort_unstable();
        assert_eq!(with_3, (0..100).filter(|f| f % 7 == 3).collect::<Vec<_>>());
        assert!(held.runs.len() <= 8);
    }
}
