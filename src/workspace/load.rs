//! How the workspace takes its inputs: in chunks under [`Retention::DropTrees`] (the
//! trees of a chunk's files no file relates to are freed before the next chunk is
//! parsed), all at once otherwise; each file's link facts fed once to the link index,
//! which says which files relate.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use super::analysis::{FileAnalysis, Relate, analyse_all};
use super::link::{LinkIndex, SharedWorlds};
use super::{FileSlot, Retention, Workspace, content_key, unchanged};
use crate::check::Input;
use crate::source::FileId;
use crate::world::RunFacts;
use crate::world::links::LinkFacts;

impl Workspace {
    /// Hold exactly `inputs`, in their order (file ids follow it). A file whose path
    /// and content are unchanged keeps its tree and analysis; the others are parsed
    /// and analysed, in parallel.
    pub fn set_inputs(&mut self, inputs: Vec<Input>) {
        let mut old: HashMap<String, VecDeque<FileSlot>> = HashMap::new();
        for slot in self.slots.drain(..) {
            old.entry(slot.parsed().source.path.clone())
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
        self.links = Some(LinkIndex::default());
        match self.retention {
            Retention::KeepTrees => self.add_slots(planned),
            // A file's tree is freed as soon as it is analysed unless a file seen so
            // far relates to it (the world of their group reads it: one parse per
            // file; a freed tree is parsed again only when a file analysed later ties
            // to it). Tests analyse in small chunks to order what is seen first.
            Retention::DropTrees => {
                let mut chunk = Vec::new();
                let mut bytes = 0;
                for planned in planned {
                    bytes += planned
                        .as_ref()
                        .map_or_else(Input::text_len, |slot| slot.parsed().source.text.len());
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
            .map(|(id, slot)| (slot.parsed().source.path.clone(), id))
            .collect();
    }

    /// Analyse the new inputs among `planned` (in parallel) and append every slot,
    /// each file's link facts fed to the index as its analysis finishes; under
    /// [`Retention::DropTrees`], a file's tree is freed as soon as it is analysed
    /// unless a file seen so far relates to it.
    fn add_slots(&mut self, planned: Vec<Result<FileSlot, Input>>) {
        let from = self.slots.len();
        let mut kept = Vec::new();
        let mut inputs = Vec::new();
        let mut order = Vec::with_capacity(planned.len());
        let mut new_ids = Vec::new();
        for (at, planned) in planned.into_iter().enumerate() {
            match planned {
                Ok(slot) => {
                    order.push(Ok(kept.len()));
                    kept.push((from + at, slot));
                }
                Err(input) => {
                    order.push(Err(content_key(&input.content)));
                    new_ids.push(from + at);
                    inputs.push(input);
                }
            }
        }
        let links = self.links.get_or_insert_with(LinkIndex::default);
        links.feed(
            &(kept.iter())
                .map(|(id, slot)| (*id, slot_facts(slot)))
                .collect::<Vec<_>>(),
        );
        let relate = Relating {
            links: Mutex::new(links),
            ids: &new_ids,
            transient: self.transient,
            drop_trees: self.retention == Retention::DropTrees,
            one_world: self.one_world,
        };
        let analysed = analyse_all(inputs, &self.checker, &relate);
        let mut kept = kept.into_iter();
        let mut analysed = analysed.into_iter();
        for planned in order {
            let slot = match planned {
                Ok(_) => kept.next().map(|(_, slot)| slot),
                Err(content) => analysed.next().map(|(checked, analysis, tree)| FileSlot {
                    checked,
                    tree,
                    content,
                    revision: 0,
                    analysis,
                    last_parsed: None,
                }),
            };
            self.slots.extend(slot);
        }
        if self.retention == Retention::KeepTrees {
            return;
        }
        // Kept files no file relates to (any more) free their trees too.
        let links = self.links.get_or_insert_with(LinkIndex::default);
        let one_world = self.one_world;
        for (id, slot) in self.slots.iter_mut().enumerate().skip(from) {
            let grouped = match one_world {
                true => slot.analysis.facts.is_some(),
                false => links.grouped(id),
            };
            if slot.tree && !grouped {
                slot.free_tree();
            }
        }
    }

    /// The files that need a world together, and what those worlds need of the run.
    pub(super) fn shared_worlds(&mut self) -> SharedWorlds {
        if self.one_world {
            let facts: Vec<Option<&LinkFacts>> = (self.slots.iter())
                .map(|slot| slot.analysis.facts.as_ref())
                .collect();
            // A run of one blueprint is its own world: its analysis holds it all.
            return match facts.iter().flatten().count() {
                0 | 1 => SharedWorlds::default(),
                _ => SharedWorlds::one(&facts),
            };
        }
        let labels = (self.slots.iter())
            .filter_map(|slot| slot.analysis.facts.as_ref())
            .filter_map(|facts| facts.label.clone());
        let run = RunFacts {
            blueprint_labels: labels.collect(),
        };
        // A run of one blueprint is its own world: its analysis holds it all.
        if (self.slots.iter())
            .filter(|s| s.analysis.facts.is_some())
            .count()
            <= 1
        {
            return SharedWorlds::default();
        }
        SharedWorlds {
            groups: self.links().groups(),
            run,
        }
    }

    /// The link index of the files now held, fed again from every file's facts when
    /// a file was replaced since.
    fn links(&mut self) -> &mut LinkIndex {
        let fresh = (self.links.as_ref()).is_some_and(|links| links.fed() == self.slots.len());
        if !fresh {
            let files: Vec<_> = (self.slots.iter().enumerate())
                .map(|(id, slot)| (id, slot_facts(slot)))
                .collect();
            let mut links = LinkIndex::default();
            links.feed(&files);
            self.links = Some(links);
        }
        self.links.get_or_insert_with(LinkIndex::default)
    }

    /// Feed the index the file just added at the end (`set_input`): relations only
    /// grow when files are added.
    pub(super) fn link_added(&mut self, id: usize) {
        let Some(links) = &mut self.links else { return };
        if links.fed() != id {
            self.links = None;
            return;
        }
        links.feed(&[(id, slot_facts(&self.slots[id]))]);
    }
}

/// A slot's link facts and path, as the index is fed them.
fn slot_facts(slot: &FileSlot) -> Option<(&LinkFacts, &str)> {
    (slot.analysis.facts.as_ref()).map(|f| (f, slot.parsed().source.path.as_str()))
}

/// The workspace's answers while its new files are analysed in parallel.
struct Relating<'w> {
    links: Mutex<&'w mut LinkIndex>,
    /// File id of each new input.
    ids: &'w [FileId],
    transient: bool,
    drop_trees: bool,
    one_world: bool,
}

impl Relate for Relating<'_> {
    fn alone_unneeded(&self, at: usize, facts: Option<&LinkFacts>, path: &str) -> bool {
        let id = self.ids[at];
        let mut links = self.links.lock().unwrap_or_else(|e| e.into_inner());
        links.feed(&[(id, facts.map(|f| (f, path)))]);
        // Checked once: a file related to another now stays related, and its
        // group's world replaces its world alone.
        self.transient && links.related(id)
    }

    fn free_tree(&self, at: usize, analysis: &mut FileAnalysis) -> bool {
        let id = self.ids[at];
        let Some(facts) = &mut analysis.facts else {
            return self.drop_trees;
        };
        let grouped = {
            let mut links = self.links.lock().unwrap_or_else(|e| e.into_inner());
            if facts.run_consulted {
                links.consulted_run(id);
            }
            self.one_world || links.grouped(id)
        };
        // Checked once: the index holds what the facts were kept for.
        if self.transient {
            facts.keep_run_facts_only();
        }
        self.drop_trees && !grouped
    }
}
