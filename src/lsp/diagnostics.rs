//! Diagnostics for the open documents, from a check of their whole workspace world.
//!
//! Each workspace folder is checked as `flowlint check FOLDER` would check it (same
//! discovery, same configuration), with the open documents' unsaved texts in place of
//! the files on disk. An open document outside every folder is checked on its own.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    TextEdit, Uri,
};
use serde_json::Value;

use super::convert::{Encoding, LineIndex, path_to_uri};
use super::folder::Folder;
pub use super::folder::display;
use super::session::{Scope, Session};
use crate::check::{self, Report};
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::source::{FileId, SourceFile, Span};
use crate::workspace::Workspace;

/// The diagnostics of one open document, and problems to show the user once.
pub struct Published {
    pub per_doc: Vec<(Uri, Option<i32>, Vec<Diagnostic>)>,
    pub problems: Vec<String>,
}

/// The folders' states, kept between checks (see [`Folder`]).
pub type Folders = HashMap<PathBuf, Folder>;

pub fn compute(session: &Session, folders: &mut Folders) -> Published {
    let mut groups: BTreeMap<PathBuf, Vec<&Uri>> = BTreeMap::new();
    let mut alone: Vec<&Uri> = Vec::new();
    for doc in session.docs.values() {
        match doc.path.as_deref().and_then(|p| session.root_of(p)) {
            Some(root) => groups.entry(root.clone()).or_default().push(&doc.uri),
            None => alone.push(&doc.uri),
        }
    }
    let mut published = Published {
        per_doc: Vec::new(),
        problems: Vec::new(),
    };
    // Folders no longer in the workspace are not kept.
    folders.retain(|root, _| session.roots.contains(root));
    for (root, uris) in groups {
        let scope = session.scope(&root);
        published.problems.extend(scope.problem.clone());
        let Some(folder) = synced(session, folders, &root, &scope) else {
            continue;
        };
        let names: Vec<String> = uris.iter().map(|uri| doc_name(session, uri)).collect();
        let found = folder.findings_of(&names);
        let folder = &*folder;
        let checked = Checked {
            docs: found.docs,
            files: Files::Workspace(folder.workspace(), found.hosts),
        };
        let aliased = |name: &str, text: &str| {
            folder
                .aliased_spans(name)
                .unwrap_or_else(|| parse_aliased(name, text))
        };
        publish(session, &checked, &uris, &aliased, &mut published);
    }
    for uri in alone {
        let doc = &session.docs[uri];
        let folder = doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        let scope = session.scope(&folder);
        published.problems.extend(scope.problem.clone());
        let name = doc_name(session, uri);
        let report = check::check_text(&name, &doc.text, &scope.settings);
        let checked = Checked::of_report(report, &[name]);
        publish(session, &checked, &[uri], &parse_aliased, &mut published);
    }
    published.problems.sort();
    published.problems.dedup();
    published
}

/// Every workspace folder's workspace, up to date (for requests that read them).
pub fn sync_all(session: &Session, folders: &mut Folders) {
    folders.retain(|root, _| session.roots.contains(root));
    for root in &session.roots {
        let scope = session.scope(root);
        synced(session, folders, root, &scope);
    }
}

/// The folder at `root`, its workspace brought up to date with the disk and the open
/// documents (made when the folder is new or its scope changed).
pub fn synced<'f>(
    session: &Session,
    folders: &'f mut Folders,
    root: &Path,
    scope: &Scope,
) -> Option<&'f mut Folder> {
    let mut slot = folders.remove(root);
    Folder::refresh(&mut slot, session, root, scope);
    let mut folder = slot?;
    folder.sync(session, root, scope);
    Some(folders.entry(root.to_path_buf()).or_insert(folder))
}

/// What publishing needs of a check: the findings about each open document (its file
/// id and findings; `None` when the check has no such file), and the files their
/// labels point into.
pub struct Checked<'w> {
    pub docs: DocFindings,
    pub files: Files<'w>,
}

/// Per open document: its file id and the findings about it.
pub type DocFindings = Vec<Option<(FileId, Vec<Finding>)>>;

pub enum Files<'w> {
    Report(Vec<SourceFile>),
    /// A workspace's files, and the manifests its blueprints were embedded in, by
    /// ids beyond the workspace's ([`super::embeds::Folded`]).
    Workspace(&'w Workspace, Vec<(FileId, SourceFile)>),
}

impl Checked<'_> {
    /// The findings about the files named `names` in a whole report.
    pub fn of_report(report: Report, names: &[String]) -> Checked<'static> {
        let by_name: HashMap<&str, usize> = (report.files.iter().enumerate())
            .map(|(id, file)| (file.path.as_str(), id))
            .collect();
        let ids: Vec<Option<usize>> = names
            .iter()
            .map(|n| by_name.get(n.as_str()).copied())
            .collect();
        let mut per_file: HashMap<usize, Vec<Finding>> = HashMap::new();
        for finding in report.findings {
            if ids.contains(&Some(finding.file)) {
                per_file.entry(finding.file).or_default().push(finding);
            }
        }
        Checked {
            docs: (ids.into_iter())
                .map(|id| Some((id?, per_file.get(&id?).cloned().unwrap_or_default())))
                .collect(),
            files: Files::Report(report.files),
        }
    }

    fn source(&self, id: FileId) -> Option<&SourceFile> {
        match &self.files {
            Files::Report(files) => files.get(id),
            Files::Workspace(workspace, hosts) => match hosts.iter().find(|h| h.0 == id) {
                Some((_, host)) => Some(host),
                None => workspace.source(id),
            },
        }
    }
}

/// How an open document is named in a report.
fn doc_name(session: &Session, uri: &Uri) -> String {
    session.docs[uri]
        .path
        .as_deref()
        .map(display)
        .unwrap_or_else(|| uri.as_str().to_string())
}

/// The spans of anchored nodes in a document's tree (a fix never edits them), from
/// the workspace's kept tree when it has the file, else parsed from the text.
type Aliased<'f> = &'f dyn Fn(&str, &str) -> Vec<Span>;

fn parse_aliased(_name: &str, text: &str) -> Vec<Span> {
    crate::yaml::load(text)
        .root
        .map(|root| crate::fix::aliased_spans(&root))
        .unwrap_or_default()
}

fn publish(
    session: &Session,
    checked: &Checked<'_>,
    uris: &[&Uri],
    aliased: Aliased<'_>,
    out: &mut Published,
) {
    // Only the files findings point into are indexed (the open documents and those
    // of related locations), not every file of the folder on every keystroke.
    let mut wanted: Vec<usize> = Vec::new();
    for (file, findings) in checked.docs.iter().flatten() {
        wanted.push(*file);
        for finding in findings {
            wanted.extend(finding.labels.iter().map(|l| l.file));
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    let indexes: HashMap<usize, LineIndex> = wanted
        .iter()
        .filter_map(|id| Some((*id, LineIndex::new(&checked.source(*id)?.text))))
        .collect();
    let file_uris: HashMap<usize, Option<Uri>> = wanted
        .iter()
        .filter_map(|id| Some((*id, path_to_uri(Path::new(&checked.source(*id)?.path)))))
        .collect();
    for (uri, found) in uris.iter().zip(&checked.docs) {
        let doc = &session.docs[*uri];
        let name = doc_name(session, uri);
        let Some((file, findings)) = found else {
            out.per_doc
                .push(((*uri).clone(), Some(doc.version), Vec::new()));
            continue;
        };
        let file = *file;
        // An edit inside an anchored node would change every alias of it too: such
        // fixes are not offered, as `--fix` never applies them.
        let aliased = if findings.iter().any(|f| f.fix.is_some()) {
            aliased(&name, &doc.text)
        } else {
            Vec::new()
        };
        let Some(index) = indexes.get(&file) else {
            continue;
        };
        let diagnostics = findings
            .iter()
            .map(|finding| {
                let related = finding
                    .labels
                    .iter()
                    .filter_map(|label| {
                        let target = match label.file {
                            f if f == file => (*uri).clone(),
                            f => file_uris.get(&f)?.clone()?,
                        };
                        Some(DiagnosticRelatedInformation {
                            location: Location::new(
                                target,
                                indexes
                                    .get(&label.file)?
                                    .range(label.span, session.encoding),
                            ),
                            message: label.message.clone(),
                        })
                    })
                    .collect::<Vec<_>>();
                let fix = finding
                    .fix
                    .as_ref()
                    .filter(|fix| !fix.touches_any(&aliased));
                to_diagnostic(finding, fix, index, session.encoding, related)
            })
            .collect();
        out.per_doc
            .push(((*uri).clone(), Some(doc.version), diagnostics));
    }
}

fn to_diagnostic(
    finding: &Finding,
    fix: Option<&Fix>,
    index: &LineIndex,
    encoding: Encoding,
    related: Vec<DiagnosticRelatedInformation>,
) -> Diagnostic {
    let severity = match finding.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    Diagnostic {
        range: index.range(finding.span, encoding),
        severity: Some(severity),
        code: Some(NumberOrString::String(finding.rule.code.to_string())),
        source: Some("flowlint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: Some(data(finding, fix, index, encoding)),
        ..Diagnostic::default()
    }
}

/// The rule's name and, when it has one, its fix: clients send the data back with
/// `codeAction`, so the fix travels with its diagnostic, its ranges already in the
/// negotiated encoding.
fn data(finding: &Finding, fix: Option<&Fix>, index: &LineIndex, encoding: Encoding) -> Value {
    let mut data = serde_json::json!({"name": finding.rule.name});
    if let Some(fix) = fix {
        let edits: Vec<TextEdit> = fix
            .edits
            .iter()
            .map(|edit| TextEdit::new(index.range(edit.span, encoding), edit.content.to_string()))
            .collect();
        data["fix"] = serde_json::json!({
            "title": fix.title,
            "applicability": fix.applicability.as_str(),
            "edits": edits,
        });
    }
    data
}
