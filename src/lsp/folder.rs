//! One workspace folder as the server keeps it between edits: its [`Workspace`]
//! (files, trees, analyses and group worlds) and the texts of its files on disk. An
//! edit re-analyses the edited file and rebuilds only its group's world; the disk is
//! read again only when the client says files changed (save, watched files).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::session::{Scope, Session};
use crate::check::{self, Input};
use crate::workspace::{Retention, Workspace};

pub struct Folder {
    /// What the scope was made from (the configuration file's text, the client's
    /// settings): another key needs another workspace.
    key: String,
    workspace: Workspace,
    /// The files discovery finds, with their texts on disk; `None` once stale.
    disk: Option<Vec<(PathBuf, Input)>>,
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
        });
    }

    /// Read the folder again on the next check.
    pub fn disk_changed(&mut self) {
        self.disk = None;
    }

    /// Check the folder's files, the open documents' texts in place of the disk's.
    pub fn check(&mut self, session: &Session, root: &Path, scope: &Scope) -> check::Report {
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
        for doc in session.docs.values() {
            let Some(path) = &doc.path else { continue };
            if session.root_of(path).map(PathBuf::as_path) != Some(root)
                || disk.iter().any(|(found, _)| found == path)
            {
                continue;
            }
            let input = Input::from_text(display(path), doc.text.clone());
            if !skipped(&input) {
                inputs.push(input);
            }
        }
        check::check_in(&mut self.workspace, inputs)
    }
}

impl Folder {
    /// The spans of anchored nodes in a file's kept tree (a fix never edits them).
    pub fn aliased_spans(&self, name: &str) -> Option<Vec<crate::source::Span>> {
        let file = self.workspace.files().find(|f| f.source.path == name)?;
        Some(
            file.loaded
                .root
                .as_ref()
                .map(crate::fix::aliased_spans)
                .unwrap_or_default(),
        )
    }
}

/// Scenarios and files that are plainly no blueprint (compose files, workflows) are
/// not checked, in a folder or open in the editor.
fn skipped(input: &Input) -> bool {
    match &input.content {
        check::InputContent::Text(text) => matches!(
            check::classify(&input.path, text),
            check::FileKind::Scenario | check::FileKind::NotBlueprint(_)
        ),
        _ => false,
    }
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
