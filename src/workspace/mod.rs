//! The one workspace: it owns the files of a run, their trees and what is derived
//! from them, and re-derives only what a change touches. `check`, `graph`, `simulate`
//! and the language server all ask it.
//!
//! Each file is analysed on its own once ([`analysis`]: its findings, its secrets,
//! its world rules' findings as a world of its own, and the [`LinkFacts`] that tie
//! it to other files). The files those facts join ([`link`]) are checked again as one
//! world ([`groups`]), whose findings replace their own worlds'; a group's findings
//! are kept until one of its files changes. The findings equal those of one world of
//! all files (`tests/linked_worlds.rs` compares them on every corpus).
//!
//! [`Retention`] is the one choice: keep every tree (an edit re-parses the edited
//! file only) or free the trees of files no other file relates to once they are
//! analysed (memory near the size of the sources when files are unrelated; the
//! trees of related files are kept for their group's world, so each file is parsed
//! once).

mod analysis;
mod checked;
mod groups;
mod link;
mod load;
mod report;
mod world;

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use crate::check::{
    Checker, Input, InputContent, ParsedFile, Report, Settings, parse_edited, parse_input,
};
use crate::rules::security::Redactions;
use crate::source::FileId;
use analysis::{FileAnalysis, analyse};
use checked::CheckedTree;
use groups::GroupCache;
use link::LinkIndex;

/// Whether the workspace keeps each file's tree after analysing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retention {
    /// Every tree is kept (about 13 bytes per byte of source): an edit re-parses the
    /// edited file only, and graph and simulate read the trees.
    KeepTrees,
    /// A file's tree is freed as soon as it is analysed unless a file analysed
    /// before relates to it: memory stays near the size of the sources when files
    /// are unrelated. A freed file that a file analysed later relates to is parsed
    /// again for its group's world.
    DropTrees,
}

/// One file of the workspace.
pub(crate) struct FileSlot {
    /// The file as read and what worlds read of it; its tree is empty once freed
    /// ([`Retention::DropTrees`]).
    checked: CheckedTree,
    tree: bool,
    /// What the slot was made from, to tell an unchanged input from a changed one.
    content: ContentKey,
    /// Unique per analysis: a group's findings are kept while its revisions are.
    revision: u64,
    analysis: FileAnalysis,
    /// The file's last text that parsed, with its tree, while its text does not: the
    /// next edit is spliced against it ([`crate::check::parse_edited`]).
    last_parsed: Option<Box<ParsedFile>>,
}

impl FileSlot {
    fn has_tree(&self) -> bool {
        self.tree
    }

    /// The file as read (its tree empty once freed).
    fn parsed(&self) -> &ParsedFile {
        self.checked.file()
    }

    /// The file as read, its tree included when kept; the slot is left empty.
    fn take_file(&mut self) -> ParsedFile {
        self.tree = false;
        std::mem::replace(&mut self.checked, CheckedTree::empty()).into_owner()
    }

    fn free_tree(&mut self) {
        self.last_parsed = None;
        let checked = std::mem::replace(&mut self.checked, CheckedTree::empty());
        self.checked = checked.without_tree();
        self.tree = false;
        // What outlives the tree was allocated among its nodes and would keep their
        // pages from being reused: copied now, it is packed with the other files'
        // (measured: 178 -> ~135 MB peak RSS on 50 MB, in 4 MiB chunks).
        let analysis = std::mem::replace(&mut self.analysis, FileAnalysis::empty());
        self.analysis = analysis.packed();
    }
}

/// An input's content, as far as telling whether it changed: a text is compared in
/// full with the slot's source, anything else by a hash of what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ContentKey {
    Text,
    Other(u64),
}

fn content_key(content: &InputContent) -> ContentKey {
    let hash = |value: &dyn std::fmt::Debug| {
        foldhash::fast::FixedState::default().hash_one(format!("{value:?}"))
    };
    match content {
        InputContent::Text(_) => ContentKey::Text,
        other => ContentKey::Other(hash(other)),
    }
}

fn unchanged(slot: &FileSlot, input: &Input) -> bool {
    slot.parsed().source.path == input.path
        && match (&slot.content, &input.content) {
            (ContentKey::Text, InputContent::Text(text)) => slot.parsed().source.text == *text,
            (ContentKey::Other(_), _) => slot.content == content_key(&input.content),
            _ => false,
        }
}

pub struct Workspace {
    /// The run's settings, resolved once; shared by the workspaces of one run
    /// (`check --per-file`).
    checker: Arc<Checker>,
    retention: Retention,
    slots: Vec<FileSlot>,
    next_revision: u64,
    groups: GroupCache,
    /// Every file in one world, whatever relates (the reference the groups are
    /// compared with: [`crate::check::check_one_world`]).
    one_world: bool,
    /// File ids by path.
    index: HashMap<String, FileId>,
    /// Reported once, right after its inputs are set ([`Workspace::report_once`]).
    transient: bool,
    /// How many bytes of input are analysed at a time ([`Workspace::in_chunks_of`]).
    chunk_bytes: usize,
    /// What to mask, with the revisions of the files it was made from.
    redactions: Option<(u64, Arc<Redactions>)>,
    /// The relations of the files, fed as they are added; `None` after a file was
    /// replaced (built again when next asked).
    links: Option<LinkIndex>,
}

impl Workspace {
    pub fn new(settings: Settings, retention: Retention) -> Self {
        Self::with_checker(Arc::new(Checker::new(settings)), retention)
    }

    /// A workspace checking with a run's resolved settings.
    pub fn with_checker(checker: Arc<Checker>, retention: Retention) -> Self {
        Workspace {
            checker,
            retention,
            slots: Vec::new(),
            next_revision: 0,
            groups: GroupCache::default(),
            one_world: false,
            index: HashMap::new(),
            redactions: None,
            chunk_bytes: usize::MAX,
            transient: false,
            links: None,
        }
    }

    /// Check every file in one world, not only the files that relate: the same
    /// findings, at the cost of rebuilding the whole world on any change.
    pub fn in_one_world(mut self) -> Self {
        self.one_world = true;
        self.groups.clear();
        self
    }

    /// Analyse `bytes` of input at a time, a chunk after the other (default: all at
    /// once, in parallel): tests use tiny chunks so that files relate to files
    /// analysed (and, under [`Retention::DropTrees`], freed) before them.
    pub fn in_chunks_of(mut self, bytes: usize) -> Self {
        self.chunk_bytes = bytes;
        self
    }

    /// The report of `inputs`, for a workspace that is not kept: the relations of
    /// its files only grow as they are analysed, so a file's world alone is not
    /// checked once the file relates to another (its group's world replaces it).
    pub fn report_once(mut self, inputs: Vec<Input>) -> Report {
        self.transient = true;
        self.set_inputs(inputs);
        self.into_report()
    }

    /// The workspace holding `inputs` ([`Workspace::set_inputs`]).
    pub fn loaded(mut self, inputs: Vec<Input>) -> Self {
        self.set_inputs(inputs);
        self
    }

    pub fn settings(&self) -> &Settings {
        self.checker.settings()
    }

    /// Replace the file at the input's path (or add it at the end): only it is parsed
    /// and analysed again, and only when its content changed. What the workspace
    /// derives from every file (its groups, what to mask) follows on the next report.
    pub fn set_input(&mut self, input: Input) {
        match self.position(&input.path) {
            Some(at) if unchanged(&self.slots[at], &input) => {}
            Some(at) => {
                // The edited file's tree before the edit: an edit inside one entry
                // parses that entry's lines only ([`crate::yaml::splice`]).
                let current = self.slots[at].take_file();
                let before = match self.slots[at].last_parsed.take() {
                    Some(parsed) if current.loaded.root.is_none() => *parsed,
                    _ => current,
                };
                let slot = self.fresh_slot(input, Some(before));
                if slot.analysis.facts != self.slots[at].analysis.facts {
                    self.relink(at, &slot);
                }
                self.slots[at] = slot;
            }
            None => {
                let slot = self.fresh_slot(input, None);
                self.index
                    .insert(slot.parsed().source.path.clone(), self.slots.len());
                self.slots.push(slot);
                self.link_added(self.slots.len() - 1);
            }
        }
    }

    /// The relations after file `at` is replaced by `slot`, whose link facts differ:
    /// what the file newly says is joined to the index (relations only grow, and a
    /// group larger than needed gives the same findings); a fresh index is built on
    /// the next report once a file has no facts any more or the rows that may no
    /// longer hold pile up (each edit of a literal value changes the facts: building
    /// the index from every file was most of a small edit's cost in a large folder).
    fn relink(&mut self, at: FileId, slot: &FileSlot) {
        let limit = self.slots.len().max(16);
        let links = match &mut self.links {
            Some(links) if links.fed() == self.slots.len() && links.stale() < limit => links,
            _ => {
                self.links = None;
                return;
            }
        };
        match (&self.slots[at].analysis.facts, &slot.analysis.facts) {
            (old, Some(new)) => {
                let added = old
                    .as_ref()
                    .map_or_else(|| new.clone(), |old| new.added_since(old));
                links.refeed(at, &added, &slot.parsed().source.path);
            }
            (_, None) => self.links = None,
        }
    }

    /// The file id of the file at `path`.
    pub fn position(&self, path: &str) -> Option<FileId> {
        self.index.get(path).copied()
    }

    /// The slot of `input`, parsed from the file it replaces when there is one.
    fn fresh_slot(&mut self, input: Input, before: Option<ParsedFile>) -> FileSlot {
        let content = content_key(&input.content);
        let (file, last_parsed) = match before {
            Some(before) => parse_edited(input, before),
            None => (parse_input(0, input), None),
        };
        let mut slot = new_slot(file, content, &self.checker);
        slot.last_parsed = last_parsed.map(Box::new);
        self.next_revision += 1;
        slot.revision = self.next_revision;
        slot
    }

    /// The files, with their trees when kept ([`Retention::KeepTrees`]), by file id.
    pub fn files(&self) -> impl ExactSizeIterator<Item = &ParsedFile> {
        self.slots.iter().map(FileSlot::parsed)
    }
}

fn new_slot(file: ParsedFile, content: ContentKey, checker: &Checker) -> FileSlot {
    let (checked, analysis) = analyse(file, checker);
    FileSlot {
        checked,
        tree: true,
        content,
        revision: 0,
        analysis,
        last_parsed: None,
    }
}
