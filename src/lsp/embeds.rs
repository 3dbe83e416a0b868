//! The findings of a few open documents in a folder whose Kubernetes manifests were
//! replaced by their ConfigMaps' blueprints ([`Embeds`]), exactly as the folder's
//! whole report folds them ([`Embeds::fold`]) but from the files concerned only: an
//! open manifest's findings are its blueprints' ([`Workspace::findings_of`] on their
//! file ids) moved onto its lines, ordered as the fold orders them; an open plain
//! blueprint keeps its own, with the locations they name in a manifest's blueprint
//! moved onto that manifest. No other file's findings are assembled on an edit.

use std::collections::BTreeSet;

use super::diagnostics::DocFindings;
use crate::check::{self, Embeds};
use crate::finding::Finding;
use crate::rules::security::Redactions;
use crate::source::{FileId, SourceFile};
use crate::workspace::Workspace;

/// The findings about each open document, and the manifests they point into: a
/// manifest is file `workspace.files().len() + host`, beyond the workspace's ids.
pub struct Folded {
    pub docs: DocFindings,
    pub hosts: Vec<(FileId, SourceFile)>,
}

/// What an open document is in the folder's workspace.
enum Doc {
    /// A file of the workspace (its id).
    File(FileId),
    /// A manifest whose blueprints are files of the workspace (its host index).
    Manifest(usize),
}

/// The findings about the open documents named `names`, as the folded whole report
/// gives them (same findings, order, spans, severities, masks), with the texts of the
/// manifests they point into, masked as the report masks them.
pub fn findings_of(workspace: &mut Workspace, embeds: &Embeds, names: &[String]) -> Folded {
    let hosts = embeds.hosts();
    let first_host_id = workspace.files().len();
    let docs: Vec<Option<Doc>> = (names.iter())
        .map(|name| {
            // A manifest without blueprints is in no report.
            match hosts.iter().position(|h| h.path == *name) {
                Some(h) if hosts[h].parts.is_empty() => None,
                Some(h) => Some(Doc::Manifest(h)),
                None => workspace.position(name).map(Doc::File),
            }
        })
        .collect();
    let wanted: Vec<FileId> = (docs.iter().flatten())
        .flat_map(|doc| match *doc {
            Doc::File(id) => id..id + 1,
            Doc::Manifest(h) => hosts[h].first..hosts[h].first + hosts[h].parts.len(),
        })
        .collect();
    let mut found = workspace.findings_of(&wanted).into_iter();
    let mut next = || found.next().unwrap_or_default();
    // Labels into a manifest's blueprint point at the manifest.
    let onto_hosts = |finding: &mut Finding| {
        for label in &mut finding.labels {
            if let Some((h, p)) = embeds.part_of(label.file) {
                label.span = hosts[h].parts[p].map(label.span);
                label.file = first_host_id + h;
            }
        }
    };
    let out: DocFindings = (docs.iter())
        .map(|doc| match *doc.as_ref()? {
            Doc::File(id) => {
                let mut findings = next();
                findings.iter_mut().for_each(onto_hosts);
                Some((id, findings))
            }
            Doc::Manifest(h) => {
                let parts: Vec<Vec<Finding>> = hosts[h].parts.iter().map(|_| next()).collect();
                let id = first_host_id + h;
                let mut findings = manifest_findings(embeds, h, parts, id);
                findings.iter_mut().for_each(onto_hosts);
                Some((id, findings))
            }
        })
        .collect();
    // The manifests the findings are about or point into.
    let mut shown: BTreeSet<usize> = BTreeSet::new();
    for (id, findings) in out.iter().flatten() {
        let labels = findings
            .iter()
            .flat_map(|f| f.labels.iter().map(|l| l.file));
        shown.extend(
            std::iter::once(*id)
                .chain(labels)
                .filter(|id| *id >= first_host_id),
        );
    }
    let redactions = workspace.redactions();
    let host_files = shown
        .into_iter()
        .map(|id| {
            let host = masked_host(workspace, &redactions, embeds, id - first_host_id);
            (id, host)
        })
        .collect();
    Folded {
        docs: out,
        hosts: host_files,
    }
}

/// The findings of manifest `h` (file `id`) from its blueprints' (`parts`, in their
/// order), moved onto the manifest, then the keys authentik never mounts, sorted as
/// the report sorts one file's findings. Blueprints map onto disjoint parts of the
/// manifest (their lines, or their keys), so findings of two blueprints never tie:
/// the order in which the report lists the blueprints does not matter.
fn manifest_findings(
    embeds: &Embeds,
    h: usize,
    parts: Vec<Vec<Finding>>,
    id: FileId,
) -> Vec<Finding> {
    let host = &embeds.hosts()[h];
    let mut findings: Vec<Finding> = Vec::new();
    for (p, part_findings) in parts.into_iter().enumerate() {
        for mut finding in part_findings {
            check::onto_host(&mut finding, &host.parts[p]);
            finding.file = id;
            findings.push(finding);
        }
    }
    let unmounted = host.parts.iter().filter(|p| !p.key.ends_with(".yaml"));
    findings.extend(unmounted.map(|part| check::never_discovered_key(id, part)));
    // Stable, as the report's sort: ties keep the blueprints' order.
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule.code, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.rule.code,
            &b.message,
        ))
    });
    findings
}

/// A manifest's text with its blueprints' secret values masked, as the folded report
/// shows it.
fn masked_host(
    workspace: &Workspace,
    redactions: &Redactions,
    embeds: &Embeds,
    h: usize,
) -> SourceFile {
    let host = &embeds.hosts()[h];
    let mut text = host.text.clone().into_bytes();
    for (p, part) in host.parts.iter().enumerate() {
        let Some(source) = workspace.source(host.first + p) else {
            continue;
        };
        let masked = redactions.masked_text(host.first + p, &source.text);
        check::copy_masks(part, masked.as_deref().unwrap_or(&source.text), &mut text);
    }
    let text = String::from_utf8(text)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    SourceFile::new(host.path.clone(), text)
}

#[cfg(test)]
#[path = "embeds_tests.rs"]
mod tests;
