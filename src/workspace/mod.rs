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
mod groups;
mod link;
mod report;
mod world;

use std::collections::{HashMap, VecDeque};
use std::hash::BuildHasher;
use std::sync::Arc;

use rayon::prelude::*;

use crate::check::{Hooks, Input, InputContent, ParsedFile, Report, Settings, rbac_models};
use crate::eval::Value;
use crate::rules::security::Redactions;
use crate::source::FileId;
use crate::world::links::LinkFacts;
use analysis::{FileAnalysis, analyse, analyse_chunk};
use groups::GroupCache;

/// Whether the workspace keeps each file's tree after analysing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retention {
    /// Every tree is kept (about 13 bytes per byte of source): an edit re-parses the
    /// edited file only, and graph and simulate read the trees.
    KeepTrees,
    /// Inputs are analysed a chunk at a time, and the trees of a chunk's files that
    /// relate to no file seen so far are freed: memory stays near the size of the
    /// sources when files are unrelated. A freed file that a later file relates to is
    /// parsed again for its group's world.
    DropTrees,
}

/// One file of the workspace.
pub(crate) struct FileSlot {
    /// The file as read; its tree is empty once freed ([`Retention::DropTrees`]).
    parsed: ParsedFile,
    tree: bool,
    /// What the slot was made from, to tell an unchanged input from a changed one.
    content: ContentKey,
    /// Unique per analysis: a group's findings are kept while its revisions are.
    revision: u64,
    analysis: FileAnalysis,
}

impl FileSlot {
    fn has_tree(&self) -> bool {
        self.tree
    }

    fn free_tree(&mut self) {
        drop(std::mem::take(&mut self.parsed.loaded));
        self.tree = false;
        // What outlives the tree was allocated among its nodes and would keep their
        // pages from being reused: copied now, it is packed with the other files'
        // (measured: 178 -> ~135 MB peak RSS on 50 MB).
        let analysis = std::mem::replace(&mut self.analysis, FileAnalysis::empty());
        self.analysis = analysis.packed();
    }
}

/// Under [`Retention::DropTrees`], inputs are analysed this many bytes at a time:
/// the trees of a chunk's unrelated files are freed before the next chunk is parsed
/// (about 13 bytes of tree per byte of source).
const CHUNK_BYTES: usize = 6 << 20;

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
    slot.parsed.source.path == input.path
        && match (&slot.content, &input.content) {
            (ContentKey::Text, InputContent::Text(text)) => slot.parsed.source.text == *text,
            (ContentKey::Other(_), _) => slot.content == content_key(&input.content),
            _ => false,
        }
}

pub struct Workspace {
    settings: Settings,
    hooks: Hooks,
    rbac: &'static Value<'static>,
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
    /// Under [`Retention::DropTrees`], how many bytes of input are analysed before
    /// the unrelated files' trees are freed.
    chunk_bytes: usize,
    /// What to mask, with the revisions of the files it was made from.
    redactions: Option<(u64, Arc<Redactions>)>,
}

impl Workspace {
    pub fn new(settings: Settings, retention: Retention) -> Self {
        Workspace {
            hooks: Hooks::new(&settings),
            rbac: rbac_models(settings.target.release),
            settings,
            retention,
            slots: Vec::new(),
            next_revision: 0,
            groups: GroupCache::default(),
            one_world: false,
            index: HashMap::new(),
            redactions: None,
            chunk_bytes: CHUNK_BYTES,
            transient: false,
        }
    }

    /// Check every file in one world, not only the files that relate: the same
    /// findings, at the cost of rebuilding the whole world on any change.
    pub fn in_one_world(mut self) -> Self {
        self.one_world = true;
        self.groups.clear();
        self
    }

    /// Under [`Retention::DropTrees`], analyse `bytes` of input at a time (default
    /// 6 MiB): a chunk's trees are what the workspace holds beyond the related
    /// files'. Tests use tiny chunks to make files relate across chunks.
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
        &self.settings
    }

    /// Hold exactly `inputs`, in their order (file ids follow it). A file whose path
    /// and content are unchanged keeps its tree and analysis; the others are parsed
    /// and analysed, in parallel.
    pub fn set_inputs(&mut self, inputs: Vec<Input>) {
        let mut old: HashMap<String, VecDeque<FileSlot>> = HashMap::new();
        for slot in self.slots.drain(..) {
            old.entry(slot.parsed.source.path.clone())
                .or_default()
                .push_back(slot);
        }
        let planned: Vec<Result<FileSlot, Input>> = inputs
            .into_iter()
            .map(
                |input| match old.get_mut(&input.path).and_then(VecDeque::pop_front) {
                    Some(slot) if unchanged(&slot, &input) => Ok(slot),
                    _ => Err(input),
                },
            )
            .collect();
        drop(old);
        self.slots = Vec::with_capacity(planned.len());
        match self.retention {
            Retention::KeepTrees => self.add_slots(planned),
            // In chunks: a chunk's trees are freed as soon as its files are analysed,
            // except those of files related to a file seen so far, which the world
            // of their group reads (one parse per file; relations only grow as files
            // are added, so a freed tree is parsed again only when a later file ties
            // to it).
            Retention::DropTrees => {
                let mut chunk = Vec::new();
                let mut bytes = 0;
                for planned in planned {
                    bytes += planned
                        .as_ref()
                        .map_or_else(Input::text_len, |slot| slot.parsed.source.text.len());
                    chunk.push(planned);
                    if bytes >= self.chunk_bytes {
                        self.add_slots(std::mem::take(&mut chunk));
                        bytes = 0;
                    }
                }
                self.add_slots(chunk);
            }
        }
        for slot in self.slots.iter_mut().filter(|s| s.revision == 0) {
            self.next_revision += 1;
            slot.revision = self.next_revision;
        }
        self.index = (self.slots.iter().enumerate())
            .map(|(id, slot)| (slot.parsed.source.path.clone(), id))
            .collect();
    }

    /// Analyse the new inputs among `planned` (in parallel) and append every slot;
    /// under [`Retention::DropTrees`], free the trees of the added files no file
    /// seen so far relates to.
    fn add_slots(&mut self, planned: Vec<Result<FileSlot, Input>>) {
        let from = self.slots.len();
        let mut kept = Vec::new();
        let mut inputs = Vec::new();
        let mut order = Vec::with_capacity(planned.len());
        for planned in planned {
            match planned {
                Ok(slot) => {
                    order.push(Ok(kept.len()));
                    kept.push(slot);
                }
                Err(input) => {
                    order.push(Err(content_key(&input.content)));
                    inputs.push(input);
                }
            }
        }
        let new_paths: Vec<String> = inputs.iter().map(|i| i.path.clone()).collect();
        let (settings, hooks, rbac) = (&self.settings, &self.hooks, self.rbac);
        let (transient, earlier) = (self.transient, &self.slots);
        // The groups the closure finds over every file so far (earlier, kept, new, in
        // that order): the trees to free below follow from them, so the relations
        // of a chunk are computed once, not twice.
        let mut grouped_so_far: Option<Vec<bool>> = None;
        let analysed = analyse_chunk(inputs, settings, hooks, rbac, |new_facts| {
            // Checked once: a file related to another now stays related, and its
            // group's world replaces its world alone.
            if !transient {
                return vec![false; new_facts.len()];
            }
            let known = earlier.iter().chain(&kept);
            let mut facts: Vec<Option<&LinkFacts>> =
                known.clone().map(|s| s.analysis.facts.as_ref()).collect();
            let mut paths: Vec<&str> = known.map(|s| s.parsed.source.path.as_str()).collect();
            let base = facts.len();
            facts.extend(new_facts);
            paths.extend(new_paths.iter().map(String::as_str));
            let mut related = vec![false; facts.len()];
            let mut grouped = vec![false; facts.len()];
            for group in link::shared_worlds(&facts, &paths).groups {
                for &file in &group {
                    grouped[file] = true;
                    related[file] |= group.len() > 1;
                }
            }
            grouped_so_far = Some(grouped);
            related.split_off(base)
        });
        let kept_count = kept.len();
        // Where each added slot stands in the closure's file order.
        let mut next_new = from + kept_count;
        let closure_index: Vec<usize> = order
            .iter()
            .map(|planned| match planned {
                Ok(kept_at) => from + kept_at,
                Err(_) => {
                    next_new += 1;
                    next_new - 1
                }
            })
            .collect();
        let mut kept = kept.into_iter();
        let mut analysed = analysed.into_iter();
        for planned in order {
            let slot = match planned {
                Ok(_) => kept.next(),
                Err(content) => analysed.next().map(|(parsed, analysis)| FileSlot {
                    parsed,
                    tree: true,
                    content,
                    revision: 0,
                    analysis,
                }),
            };
            self.slots.extend(slot);
        }
        if self.retention == Retention::KeepTrees {
            return;
        }
        let grouped: Vec<bool> = match grouped_so_far {
            // One world groups every file: only the workspace's own reading knows it.
            Some(so_far) if !self.one_world && closure_index.len() == self.slots.len() - from => {
                closure_index
                    .iter()
                    .map(|&at| so_far.get(at).copied().unwrap_or(true))
                    .collect()
            }
            _ => self.grouped().split_off(from),
        };
        self.slots[from..]
            .par_iter_mut()
            .zip(&grouped)
            .filter(|(slot, grouped)| slot.tree && !**grouped)
            .for_each(|(slot, _)| slot.free_tree());
    }

    /// Which files some group holds (see [`link::shared_worlds`]).
    fn grouped(&self) -> Vec<bool> {
        let shared = self.shared_worlds();
        let mut grouped = vec![false; self.slots.len()];
        for file in shared.groups.iter().flatten() {
            grouped[*file] = true;
        }
        grouped
    }

    fn shared_worlds(&self) -> link::SharedWorlds {
        let facts: Vec<Option<&LinkFacts>> = self
            .slots
            .iter()
            .map(|slot| slot.analysis.facts.as_ref())
            .collect();
        let with_facts = facts.iter().flatten().count();
        // A run of one blueprint is its own world: its analysis holds it all.
        if self.one_world && with_facts > 1 {
            link::SharedWorlds::one(&facts)
        } else if with_facts > 1 {
            let paths: Vec<&str> = self
                .slots
                .iter()
                .map(|s| s.parsed.source.path.as_str())
                .collect();
            link::shared_worlds(&facts, &paths)
        } else {
            link::SharedWorlds::default()
        }
    }

    /// Replace the file at the input's path (or add it at the end): only it is parsed
    /// and analysed again, and only when its content changed. What the workspace
    /// derives from every file (its groups, what to mask) follows on the next report.
    pub fn set_input(&mut self, input: Input) {
        match self.position(&input.path) {
            Some(at) if unchanged(&self.slots[at], &input) => {}
            Some(at) => {
                self.slots[at] = self.fresh_slot(input);
            }
            None => {
                let slot = self.fresh_slot(input);
                self.index
                    .insert(slot.parsed.source.path.clone(), self.slots.len());
                self.slots.push(slot);
            }
        }
    }

    /// The file id of the file at `path`.
    pub fn position(&self, path: &str) -> Option<FileId> {
        self.index.get(path).copied()
    }

    fn fresh_slot(&mut self, input: Input) -> FileSlot {
        let mut slot = new_slot(input, &self.settings, &self.hooks, self.rbac);
        self.next_revision += 1;
        slot.revision = self.next_revision;
        slot
    }

    /// The files, with their trees when kept ([`Retention::KeepTrees`]), by file id.
    pub fn files(&self) -> impl ExactSizeIterator<Item = &ParsedFile> {
        self.slots.iter().map(|slot| &slot.parsed)
    }
}

fn new_slot(
    input: Input,
    settings: &Settings,
    hooks: &Hooks,
    rbac: &'static Value<'static>,
) -> FileSlot {
    let content = content_key(&input.content);
    let (parsed, analysis) = analyse(input, settings, hooks, rbac);
    FileSlot {
        parsed,
        tree: true,
        content,
        revision: 0,
        analysis,
    }
}
