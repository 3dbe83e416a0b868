//! What the workspace reports: every finding (`check`), or only those about a few
//! files (the language server's open documents), each finished the same way: sorted,
//! suppressions and severities applied, secrets masked. The worlds of groups whose
//! files did not change are not checked again.

use std::hash::BuildHasher;
use std::sync::Arc;

use rayon::prelude::*;

use super::analysis::relocated;
use super::groups::{GroupKey, check_group};
use super::{FileSlot, Workspace};
use crate::check::{Report, finish};
use crate::finding::Finding;
use crate::rules::security::Redactions;
use crate::source::{FileId, SourceFile};

/// The groups of related files and their world findings, about the group's files by
/// their index in it.
struct Groups {
    groups: Vec<Vec<FileId>>,
    findings: Vec<Arc<Vec<Finding>>>,
    /// Per file: the group holding it.
    group_of: Vec<Option<usize>>,
}

/// Trees of more source bytes than this are freed in the background when a
/// workspace is turned into its report.
const BACKGROUND_FREE_BYTES: usize = 1 << 20;

impl Workspace {
    /// Every finding of the workspace, sorted, suppressions and severities applied,
    /// secrets masked. Only the worlds of groups that changed are checked again.
    pub fn report(&mut self) -> Report {
        let (findings, redactions) = self.findings();
        let files = self
            .slots
            .iter()
            .map(|s| s.parsed().source.clone())
            .collect();
        finished(files, findings, &redactions, self.checker.settings())
    }

    /// [`Workspace::report`], the workspace's texts moved into it and its trees freed
    /// (in parallel, as they were built).
    pub fn into_report(mut self) -> Report {
        let (findings, redactions) = self.findings();
        let tree_bytes: usize = (self.slots.iter())
            .filter(|slot| slot.has_tree())
            .map(|slot| slot.parsed().source.text.len())
            .sum();
        let (files, trees): (Vec<_>, Vec<_>) = std::mem::take(&mut self.slots)
            .into_par_iter()
            .map(|slot| {
                let mut file = slot.checked.into_owner();
                let tree = std::mem::take(&mut file.loaded);
                (file.source, tree)
            })
            .unzip();
        // Freeing every tree of a large related run took a tenth of its time, with
        // nothing waiting on it: the pool frees them while the report is made (and a
        // process that exits first leaves them to the system). Small trees are freed
        // at once: their pages then serve the next file of a `--per-file` run
        // (deferred, that run took 50% more page faults).
        if tree_bytes > BACKGROUND_FREE_BYTES {
            rayon::spawn(move || drop(trees));
        } else {
            drop(trees);
        }
        finished(files, findings, &redactions, self.checker.settings())
    }

    /// The findings about each of `files`, exactly as [`Workspace::report`] gives
    /// them, without assembling or finishing any other file's: what an edit in the
    /// language server costs beyond the edited file's analysis and its group's world.
    /// Labels keep their file ids ([`Workspace::source`]).
    pub fn findings_of(&mut self, files: &[FileId]) -> Vec<Vec<Finding>> {
        let groups = self.groups();
        let redactions = self.redactions();
        files
            .iter()
            .map(|&id| {
                let Some(slot) = self.slots.get(id) else {
                    return Vec::new();
                };
                let mut found: Vec<Finding> = about(slot, id, &groups).collect();
                for finding in &mut found {
                    finding.file = 0;
                }
                let source = slot.parsed().source.clone();
                let mut report = finish(vec![source], found, self.checker.settings());
                redactions.scrub_findings(&mut report.findings);
                for finding in &mut report.findings {
                    finding.file = id;
                }
                report.findings
            })
            .collect()
    }

    /// A file's source as read (secrets not masked: masking keeps every offset).
    pub fn source(&self, id: FileId) -> Option<&SourceFile> {
        self.slots.get(id).map(|slot| &slot.parsed().source)
    }

    /// The findings of every file and group, in the order of the files, then their
    /// groups; and what must be masked.
    fn findings(&mut self) -> (Vec<Finding>, Arc<Redactions>) {
        let groups = self.groups();
        let grouped = |id: usize| groups.group_of[id].is_some();
        // Sized once: growing a list of every finding of a large run one doubling at
        // a time cost a few percent of its wall time in fresh pages, on one thread.
        let total = (self.slots.iter().enumerate())
            .map(|(id, s)| {
                s.analysis.findings.len()
                    + if grouped(id) {
                        0
                    } else {
                        s.analysis.alone.len()
                    }
            })
            .chain(groups.findings.iter().map(|f| f.len()))
            .sum();
        let mut findings: Vec<Finding> = Vec::with_capacity(total);
        for (id, slot) in self.slots.iter().enumerate() {
            findings.extend(relocated(&slot.analysis.findings, id));
        }
        for (id, slot) in self.slots.iter().enumerate() {
            if !grouped(id) {
                findings.extend(relocated(&slot.analysis.alone, id));
            }
        }
        for (group, found) in groups.groups.iter().zip(&groups.findings) {
            findings.extend(found.iter().map(|finding| in_workspace(finding, group)));
        }
        (findings, self.redactions())
    }

    /// The groups of related files now, each group's world checked unless its files
    /// and the run's labels are those it was checked with last.
    fn groups(&mut self) -> Groups {
        let shared = self.shared_worlds();
        if self.transient {
            // Reported once: nothing asks for the relations again, and the groups'
            // worlds are about to be built beside every kept tree.
            self.links = None;
        }
        let run = Arc::new(shared.run);
        let keys: Vec<GroupKey> = (shared.groups.iter())
            .map(|group| GroupKey::new(group, &self.slots, &run))
            .collect();
        let (slots, checker) = (&self.slots, &self.checker);
        let cache = &self.groups;
        let findings: Vec<Arc<Vec<Finding>>> = (shared.groups.par_iter())
            .zip(&keys)
            .map(|(group, key)| match cache.get(key) {
                Some(found) => Arc::clone(found),
                None => Arc::new(check_group(group, slots, checker, &run)),
            })
            .collect();
        self.groups = keys.into_iter().zip(findings.iter().cloned()).collect();
        let mut group_of = vec![None; self.slots.len()];
        for (at, group) in shared.groups.iter().enumerate() {
            for file in group {
                group_of[*file] = Some(at);
            }
        }
        Groups {
            groups: shared.groups,
            findings,
            group_of,
        }
    }

    /// What must never be printed: every file's secret values (found when it was
    /// analysed), the `--env` values and credential `--context` values. Made again
    /// only when a file changed.
    pub fn redactions(&mut self) -> Arc<Redactions> {
        let key = foldhash::fast::FixedState::default()
            .hash_one(self.slots.iter().map(|s| s.revision).collect::<Vec<_>>());
        if let Some((made_for, redactions)) = &self.redactions {
            if *made_for == key {
                return Arc::clone(redactions);
            }
        }
        let secrets = (self.slots.iter())
            .map(|s| s.analysis.secrets.relocated())
            .collect();
        let redactions = Arc::new(Redactions::from_file_secrets(
            secrets,
            std::iter::empty(),
            self.checker.settings(),
        ));
        self.redactions = Some((key, Arc::clone(&redactions)));
        redactions
    }
}

/// Every finding about file `id` of the workspace: its own, then its world's.
fn about<'s>(
    slot: &'s FileSlot,
    id: FileId,
    groups: &'s Groups,
) -> impl Iterator<Item = Finding> + 's {
    let world: Box<dyn Iterator<Item = Finding>> = match groups.group_of[id] {
        Some(at) => {
            let group = &groups.groups[at];
            Box::new(
                (groups.findings[at].iter())
                    .filter(move |finding| group[finding.file] == id)
                    .map(move |finding| in_workspace(finding, group)),
            )
        }
        None => Box::new(relocated(&slot.analysis.alone, id)),
    };
    relocated(&slot.analysis.findings, id).chain(world)
}

/// A group's finding about its files by their index in it, about the workspace's.
fn in_workspace(finding: &Finding, group: &[FileId]) -> Finding {
    let mut finding = finding.clone();
    finding.file = group[finding.file];
    for label in &mut finding.labels {
        label.file = group[label.file];
    }
    finding
}

fn finished(
    files: Vec<SourceFile>,
    findings: Vec<Finding>,
    redactions: &Redactions,
    settings: &crate::check::Settings,
) -> Report {
    let mut report = finish(files, findings, settings);
    // Secret values and `--env` values never reach a renderer (FL6xx,
    // docs/robustness.md).
    redactions.apply(&mut report);
    report
}
