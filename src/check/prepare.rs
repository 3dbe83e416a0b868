//! Before a check, each input is sorted by what it is ([`classify`]): blueprints go
//! on as they are, a file that is no blueprint gets one finding instead of a cascade,
//! and a Kubernetes manifest is replaced by the blueprints of its ConfigMaps. After
//! the check, those blueprints' files are folded back into their manifest
//! ([`Embeds::fold`]) so every finding points at the manifest's lines and columns.

use super::Report;
use super::classify::{FileKind, classify};
use super::embedded::{EmbeddedBlueprint, configmap_blueprints};
use super::inputs::{Input, InputContent};
use crate::finding::Finding;
use crate::rules::syntax::NEVER_DISCOVERED;
use crate::source::{FileId, SourceFile};

/// The manifests whose blueprints were checked in their place.
#[derive(Debug, Default)]
pub struct Embeds {
    hosts: Vec<Host>,
}

/// A manifest and its blueprints, the prepared inputs `first..first + parts.len()`.
#[derive(Debug)]
pub(crate) struct Host {
    pub(crate) path: String,
    pub(crate) text: String,
    /// The input index of its first blueprint.
    pub(crate) first: usize,
    pub(crate) parts: Vec<EmbeddedBlueprint>,
}

/// Sort the inputs; manifests are replaced by their blueprints (see [`Embeds`]).
pub fn prepare(inputs: Vec<Input>) -> (Vec<Input>, Embeds) {
    let mut out = Vec::with_capacity(inputs.len());
    let mut embeds = Embeds::default();
    for input in inputs {
        let InputContent::Text(text) = input.content else {
            out.push(input);
            continue;
        };
        let content = match classify(&input.path, &text) {
            FileKind::Blueprint | FileKind::OtherYml => InputContent::Text(text),
            FileKind::YmlBlueprint => InputContent::YmlBlueprint(text),
            FileKind::Scenario => InputContent::NotBlueprint {
                text,
                what: "a flowlint scenario (`flowlint test` runs it)",
            },
            FileKind::NotBlueprint(what) => InputContent::NotBlueprint { text, what },
            FileKind::Manifest => {
                let parts = configmap_blueprints(&text);
                let first = out.len();
                for part in &parts {
                    let path = format!("{}#{}", input.path, part.key);
                    out.push(Input::from_text(path, part.text.clone()));
                }
                embeds.hosts.push(Host {
                    path: input.path,
                    text,
                    first,
                    parts,
                });
                continue;
            }
        };
        out.push(Input {
            path: input.path,
            content,
        });
    }
    (out, embeds)
}

impl Embeds {
    /// Whether no manifest was replaced by its blueprints.
    pub fn is_empty(&self) -> bool {
        self.hosts.is_empty()
    }

    /// The manifests, in the order of their blueprints among the prepared inputs.
    pub(crate) fn hosts(&self) -> &[Host] {
        &self.hosts
    }

    /// The text of the manifest at `path`, when its blueprints are checked in its place.
    pub fn host_text(&self, path: &str) -> Option<&str> {
        let host = self.hosts.iter().find(|host| host.path == path)?;
        Some(&host.text)
    }

    /// Take the one manifest `edited` holds (prepared alone) in place of the manifest
    /// at its path, when its blueprints have the same keys, in the same order, each
    /// once: the prepared inputs of its blueprints keep their places and paths. False
    /// (nothing changed) otherwise.
    pub fn replace_host(&mut self, edited: Embeds) -> bool {
        let Ok([new]) = <[Host; 1]>::try_from(edited.hosts) else {
            return false;
        };
        let Some(old) = self.hosts.iter_mut().find(|host| host.path == new.path) else {
            return false;
        };
        let keys = |host: &Host| host.parts.iter().map(|p| p.key.clone()).collect::<Vec<_>>();
        let (before, after) = (keys(old), keys(&new));
        let mut unique = after.clone();
        unique.sort_unstable();
        unique.dedup();
        if before != after || unique.len() != after.len() {
            return false;
        }
        old.text = new.text;
        old.parts = new.parts;
        true
    }

    /// The (host, part) whose blueprint is prepared input `file`, if any.
    pub(crate) fn part_of(&self, file: FileId) -> Option<(usize, usize)> {
        let after = self.hosts.partition_point(|host| host.first <= file);
        let h = after.checked_sub(1)?;
        let p = file - self.hosts[h].first;
        (p < self.hosts[h].parts.len()).then_some((h, p))
    }

    /// Move the findings of the manifests' blueprints onto the manifests, whose texts
    /// get the same masks as the blueprints' (secrets never leave in a snippet).
    pub fn fold(&self, report: Report) -> Report {
        if self.hosts.is_empty() {
            return report;
        }
        let Report {
            target,
            files,
            findings,
            suppressed,
        } = report;
        // Old file id -> (host, part) for the blueprints of manifests.
        let mut part_of: Vec<Option<(usize, usize)>> = vec![None; files.len()];
        for (h, host) in self.hosts.iter().enumerate() {
            for p in 0..host.parts.len() {
                if let Some(slot) = part_of.get_mut(host.first + p) {
                    *slot = Some((h, p));
                }
            }
        }
        let mut host_texts: Vec<Vec<u8>> = self
            .hosts
            .iter()
            .map(|h| h.text.clone().into_bytes())
            .collect();
        let mut new_id = vec![0; files.len()];
        let mut host_id = vec![0; self.hosts.len()];
        let mut kept: Vec<Option<SourceFile>> = Vec::with_capacity(files.len());
        for (old, file) in files.into_iter().enumerate() {
            match part_of[old] {
                None => {
                    new_id[old] = kept.len();
                    kept.push(Some(file));
                }
                Some((h, p)) => {
                    if p == 0 {
                        host_id[h] = kept.len();
                        kept.push(None);
                    }
                    new_id[old] = host_id[h];
                    copy_masks(&self.hosts[h].parts[p], &file.text, &mut host_texts[h]);
                }
            }
        }
        let mut host_texts = host_texts.into_iter();
        let mut files: Vec<SourceFile> = Vec::with_capacity(kept.len());
        let mut host_iter = self.hosts.iter().enumerate();
        for slot in kept {
            match slot {
                Some(file) => files.push(file),
                None => {
                    let (_, host) = host_iter.next().expect("one slot per host with parts");
                    let bytes = host_texts.next().unwrap_or_default();
                    let text = String::from_utf8(bytes)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                    files.push(SourceFile::new(host.path.clone(), text));
                }
            }
        }
        let mut findings: Vec<Finding> = findings
            .into_iter()
            .map(|mut f| {
                if let Some((h, p)) = part_of.get(f.file).copied().flatten() {
                    onto_host(&mut f, &self.hosts[h].parts[p]);
                }
                f.file = new_id[f.file];
                for label in &mut f.labels {
                    if let Some((h, p)) = part_of.get(label.file).copied().flatten() {
                        label.span = self.hosts[h].parts[p].map(label.span);
                    }
                    label.file = new_id[label.file];
                }
                f
            })
            .collect();
        for (h, host) in self.hosts.iter().enumerate() {
            for part in host.parts.iter().filter(|p| !p.key.ends_with(".yaml")) {
                findings.push(never_discovered_key(host_id[h], part));
            }
        }
        sort(&files, &mut findings);
        Report {
            target,
            files,
            findings,
            suppressed,
        }
    }
}

/// A finding about a manifest's blueprint, at the manifest's span.
pub(crate) fn onto_host(finding: &mut Finding, part: &EmbeddedBlueprint) {
    finding.span = part.map(finding.span);
    // Fix edits are offsets into the blueprint's text, not the manifest's: never
    // offered until they are mapped too.
    finding.fix = None;
}

/// A ConfigMap key authentik's discovery never loads (`**/*.yaml` only).
pub(crate) fn never_discovered_key(file: FileId, part: &EmbeddedBlueprint) -> Finding {
    Finding::new(
        &NEVER_DISCOVERED,
        file,
        part.key_span,
        format!(
            "`{}` is mounted as a file authentik never loads: its discovery reads `*.yaml` files only",
            part.key
        ),
    )
    .help("name the key with a `.yaml` suffix")
    .clone()
}

/// Copy the masked characters of a blueprint's checked text into the manifest's.
pub(crate) fn copy_masks(part: &EmbeddedBlueprint, checked: &str, host: &mut [u8]) {
    if checked == part.text {
        return;
    }
    if part.maps_lines() {
        for (virt, orig) in part.line_ranges() {
            let (Some(from), Some(to)) = (
                checked.as_bytes().get(virt.clone()),
                host.get_mut(orig..orig + virt.len()),
            ) else {
                continue;
            };
            to.copy_from_slice(from);
        }
        return;
    }
    // The value's lines are not the blueprint's: mask the whole value.
    let span = part.value_span.range();
    if let Some(value) = host.get_mut(span) {
        for byte in value.iter_mut().filter(|b| !b" \n\r\"'|>-".contains(b)) {
            *byte = b'*';
        }
    }
}

/// The order of one run: by file path, then file, position, code and message.
fn sort(files: &[SourceFile], findings: &mut [Finding]) {
    let path = |id: FileId| files.get(id).map(|f| f.path.as_str());
    findings.sort_by(|a, b| {
        (
            path(a.file),
            a.file,
            a.span.start,
            a.span.end,
            a.rule.code,
            &a.message,
        )
            .cmp(&(
                path(b.file),
                b.file,
                b.span.start,
                b.span.end,
                b.rule.code,
                &b.message,
            ))
    });
}
