//! One workspace folder as the server keeps it between edits: its [`Workspace`]
//! (files, trees, analyses and group worlds) and the texts of its files on disk. An
//! edit replaces the edited document's file in the workspace, which re-analyses it
//! and rebuilds only its group's world; the findings of the open documents alone are
//! then assembled (an open Kubernetes manifest's from its ConfigMap blueprints', see
//! [`embeds`]). An edited manifest replaces its blueprints' files in place while its
//! ConfigMap keys stay the same. The folder is listed and read again only when the
//! client says files changed (save, watched files), and loaded again as a whole only
//! when a document opens or closes or changes kind, or a manifest's keys change.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::embeds::{self, Folded};
use super::session::{OpenDoc, Scope, Session};
use crate::check::{self, Embeds, Input};
use crate::workspace::{Retention, Workspace};

pub struct Folder {
    /// What the scope was made from (the configuration file's text, the client's
    /// settings): another key needs another workspace.
    key: String,
    workspace: Workspace,
    /// The files discovery finds, with their texts on disk; `None` once stale.
    disk: Option<Vec<(PathBuf, Input)>>,
    /// The manifests whose ConfigMaps' blueprints the workspace holds in their place;
    /// `None` until the workspace is loaded from the disk and the open documents.
    embeds: Option<Embeds>,
    /// The open documents whose texts the workspace holds in place of the disk's.
    open: HashSet<PathBuf>,
}

impl Folder {
    /// The folder's state for `scope`: kept when the scope is the same.
    pub fn refresh(slot: &mut Option<Folder>, session: &Session, root: &Path, scope: &Scope) {
        let key = scope_key(session, root);
        if slot.as_ref().is_some_and(|folder| folder.key == key) {
            return;
        }
        *slot = Some(Folder {
            key,
            workspace: Workspace::new(scope.settings.clone(), Retention::KeepTrees),
            disk: None,
            embeds: None,
            open: HashSet::new(),
        });
    }

    /// Read the folder again on the next check.
    pub fn disk_changed(&mut self) {
        self.disk = None;
    }

    /// Bring the workspace up to date: the folder's files, the open documents' texts
    /// in place of the disk's.
    pub fn sync(&mut self, session: &Session, root: &Path, scope: &Scope) {
        if self.disk.is_none() {
            self.embeds = None;
        }
        if self.embeds.is_none() || !self.apply_edits(session, root) {
            self.load(session, root, scope);
        }
    }

    /// The findings about the open documents named `names` (a Kubernetes manifest's
    /// from its blueprints'), exactly as the folder's whole report gives them; only
    /// the files concerned are assembled ([`embeds::findings_of`]).
    pub fn findings_of(&mut self, names: &[String]) -> Folded {
        let none = Embeds::default();
        let embeds = self.embeds.as_ref().unwrap_or(&none);
        embeds::findings_of(&mut self.workspace, embeds, names)
    }

    /// The workspace as last synced (trees kept).
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The folder's blueprint files as last synced (discovery's and the open
    /// documents', not a manifest's ConfigMap parts), with their kept trees.
    pub fn blueprint_files(&self) -> impl Iterator<Item = (PathBuf, &check::ParsedFile)> {
        let disk = self.disk.iter().flatten().map(|(path, _)| path);
        disk.chain(&self.open).filter_map(|path| {
            let file = self.workspace.file(&display(path))?;
            Some((path.clone(), file))
        })
    }

    /// Replace each edited open document's file in the workspace. False when only a
    /// whole load will do: a document opened or closed, or one that now is (or was)
    /// something other than a plain blueprint file.
    fn apply_edits(&mut self, session: &Session, root: &Path) -> bool {
        let open = open_in(session, root);
        if open.len() != self.open.len() || open.iter().any(|(p, _)| !self.open.contains(*p)) {
            return false;
        }
        for (path, doc) in open {
            let name = display(path);
            let host = self.embeds.as_ref().and_then(|e| e.host_text(&name));
            if host.is_some_and(|text| text == doc.text) {
                continue;
            }
            let manifest = host.is_some();
            let id = self.workspace.position(&name);
            let source = id.and_then(|id| self.workspace.source(id));
            if source.is_some_and(|s| s.text == doc.text) {
                continue;
            }
            if skipped_text(&name, &doc.text) {
                // Skipped before and still skipped: nothing to do.
                if id.is_none() && !manifest {
                    continue;
                }
                return false;
            }
            let (mut prepared, embeds) =
                check::prepare(vec![Input::from_text(name, doc.text.clone())]);
            if manifest {
                if !self.replace_manifest(prepared, embeds) {
                    return false;
                }
                continue;
            }
            match (prepared.pop(), prepared.is_empty() && embeds.is_empty()) {
                (Some(input), true) if id.is_some() => self.workspace.set_input(input),
                _ => return false,
            }
        }
        true
    }

    /// Replace an edited manifest's blueprints in the workspace, each in its place,
    /// when it still has the same ConfigMap keys (typing inside a blueprint). False
    /// when only a whole load will do (a key added, removed or renamed; no longer a
    /// manifest).
    fn replace_manifest(&mut self, parts: Vec<Input>, edited: Embeds) -> bool {
        let Some(embeds) = self.embeds.as_mut() else {
            return false;
        };
        if !embeds.replace_host(edited) {
            return false;
        }
        for part in parts {
            self.workspace.set_input(part);
        }
        true
    }

    /// Load the workspace from the folder's files, the open documents' texts in
    /// place of the disk's: files whose text did not change keep their analyses.
    fn load(&mut self, session: &Session, root: &Path, scope: &Scope) {
        let max_size = self.workspace.settings().max_file_size;
        let disk = self.disk.get_or_insert_with(|| {
            let files = crate::cli::blueprint_files(&[root.to_path_buf()], &scope.config)
                .unwrap_or_default();
            files
                .into_par_iter()
                .map(|path| {
                    let input = Input::read(&path, display(&path), max_size);
                    (path, input)
                })
                .collect()
        });
        let mut inputs: Vec<Input> = disk
            .iter()
            .map(|(path, input)| match session.doc_at(path) {
                Some(doc) => Input::from_text(display(path), doc.text.clone()),
                None => input.clone(),
            })
            .collect();
        // Files found in the folder that are plainly no blueprint are skipped, as
        // `flowlint check` skips them.
        inputs.retain(|input| !skipped(input));
        // An open document the discovery skips (excluded, another suffix, deleted from
        // disk) is still checked, with the others.
        let open = open_in(session, root);
        for (path, doc) in &open {
            if disk.iter().any(|(found, _)| found == *path) {
                continue;
            }
            let input = Input::from_text(display(path), doc.text.clone());
            if !skipped(&input) {
                inputs.push(input);
            }
        }
        self.open = open.into_iter().map(|(path, _)| path.clone()).collect();
        let (inputs, embeds) = check::prepare(inputs);
        self.workspace.set_inputs(inputs);
        self.embeds = Some(embeds);
    }
}

impl Folder {
    /// The spans of anchored nodes in a file's kept tree (a fix never edits them).
    pub fn aliased_spans(&self, name: &str) -> Option<Vec<crate::source::Span>> {
        let file = self.workspace.file(name)?;
        Some(
            file.loaded
                .root
                .as_ref()
                .map(crate::fix::aliased_spans)
                .unwrap_or_default(),
        )
    }
}

/// The open documents under `root` (its innermost folder), with their paths.
fn open_in<'s>(session: &'s Session, root: &Path) -> Vec<(&'s PathBuf, &'s OpenDoc)> {
    session
        .docs
        .values()
        .filter_map(|doc| Some((doc.path.as_ref()?, doc)))
        .filter(|(path, _)| session.root_of(path).map(PathBuf::as_path) == Some(root))
        .collect()
}

/// Scenarios and files that are plainly no blueprint (compose files, workflows) are
/// not checked, in a folder or open in the editor.
fn skipped(input: &Input) -> bool {
    match &input.content {
        check::InputContent::Text(text) => skipped_text(&input.path, text),
        _ => false,
    }
}

fn skipped_text(path: &str, text: &str) -> bool {
    matches!(
        check::classify(path, text),
        check::FileKind::Scenario | check::FileKind::NotBlueprint(_)
    )
}

/// How a file is named in a report: its absolute path, so findings map back to URIs.
pub fn display(path: &Path) -> String {
    path.display().to_string()
}

fn scope_key(session: &Session, root: &Path) -> String {
    let config = match &session.client.config {
        Some(path) => Some(path.clone()),
        None => crate::config::discover(root),
    };
    let text = config
        .as_deref()
        .map(|path| std::fs::read_to_string(path).unwrap_or_default());
    format!("{config:?}\n{text:?}\n{:?}", session.client)
}
