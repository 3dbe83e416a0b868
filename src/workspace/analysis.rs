//! One file's part of the workspace: what it says on its own (read, syntax, file,
//! entry and field findings; its world rules' findings with the file as a world of its
//! own), its secrets, and what ties it to the other files ([`LinkFacts`]). A file's
//! analysis depends on its text and the settings only, so an edit re-derives the
//! edited file's analysis and no other.

use crate::check::{Hooks, Input, ParsedFile, Settings, check_one, parse_input, run_world_rules};
use crate::eval::Value;
use crate::finding::Finding;
use crate::rules::security::redact::FileSecrets;
use crate::world::World;
use crate::world::links::LinkFacts;

/// What one file contributes to the workspace, its findings about file 0 (the slot
/// gives them their file id when a report is made).
#[derive(Debug)]
pub(super) struct FileAnalysis {
    /// Read, syntax, file, entry and field findings.
    pub findings: Vec<Finding>,
    /// Its world rules' findings with the file as a world of its own (used when no
    /// other file relates to it).
    pub alone: Vec<Finding>,
    pub secrets: FileSecrets<'static>,
    /// `None` when no world was built (not a blueprint, or no world rules).
    pub facts: Option<LinkFacts>,
}

/// Parse and analyse one input; the tree is returned with the analysis, for the
/// workspace to keep or free.
pub(super) fn analyse(
    input: Input,
    settings: &Settings,
    hooks: &Hooks,
    rbac: &'static Value<'static>,
) -> (ParsedFile, FileAnalysis) {
    let file = parse_input(0, input);
    let analysis = analyse_parsed(&file, settings, hooks, rbac);
    (file, analysis)
}

fn analyse_parsed(
    file: &ParsedFile,
    settings: &Settings,
    hooks: &Hooks,
    rbac: &'static Value<'static>,
) -> FileAnalysis {
    let (file_findings, secrets, checked) = check_one(0, file, settings, hooks, rbac);
    let mut findings = file.read_findings.clone();
    findings.extend(file_findings);
    let mut secrets = secrets.into_owned();
    if settings.allow_file_tag {
        secrets.add_file_tag_contents(file);
    }
    let (alone, facts) = match checked {
        Some((blueprint, evaluations)) if hooks.builds_world(settings) => {
            let blueprints = [blueprint];
            let evaluated = evaluations.map(|list| vec![list]);
            let world = World::build_evaluated(vec![file], &blueprints, evaluated, settings);
            let found = run_world_rules(&world, hooks, settings);
            let facts = LinkFacts::of_world(&world);
            world.drop_in_parallel();
            (found, Some(facts))
        }
        _ => (Vec::new(), None),
    };
    FileAnalysis {
        findings,
        alone,
        secrets,
        facts,
    }
}

impl FileAnalysis {
    pub(super) fn empty() -> Self {
        FileAnalysis {
            findings: Vec::new(),
            alone: Vec::new(),
            secrets: FileSecrets::default(),
            facts: None,
        }
    }

    /// A copy in fresh allocations, of exactly their sizes (see [`super::new_slot`]).
    pub(super) fn packed(self) -> Self {
        FileAnalysis {
            findings: self.findings.to_vec(),
            alone: self.alone.to_vec(),
            secrets: self.secrets.relocated(),
            facts: self.facts.map(|f| f.relocated()),
        }
    }
}

/// `findings` about file 0, as findings about `file`.
pub(super) fn relocated(findings: &[Finding], file: usize) -> impl Iterator<Item = Finding> + '_ {
    findings.iter().map(move |finding| {
        let mut finding = finding.clone();
        finding.file = file;
        for label in &mut finding.labels {
            label.file = file;
        }
        finding
    })
}
