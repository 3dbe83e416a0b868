//! One world's findings, with each tree freed as soon as its file is checked.
//!
//! Every file is parsed and checked as a world of its own, and what ties it to the
//! other files is kept as [`LinkFacts`] (hashes and a few names) when its tree is
//! freed. The files those facts join ([`super::link`]) are parsed again from their
//! kept text and checked as one world, whose findings replace their own worlds'.
//! The findings equal those of one world of all files ([`super::check_one_world`],
//! compared on every corpus by `tests/linked_worlds.rs`); memory stays near the size of
//! the sources unless the files are all tied together.

use std::sync::Arc;

use rayon::prelude::*;

use super::context::rbac_models;
use super::run_file::{Hooks, check_one, run_world_rules};
use super::{Input, ParsedFile, Report, Settings, finish, parse};
use crate::eval::Value;
use crate::finding::Finding;
use crate::rules::security::Redactions;
use crate::rules::security::redact::FileSecrets;
use crate::source::{FileId, SourceFile};
use crate::world::links::LinkFacts;
use crate::world::{RunFacts, World};
use crate::yaml;

/// One file checked alone.
struct CheckedAlone {
    source: SourceFile,
    /// Read, syntax, file, entry and field findings.
    findings: Vec<Finding>,
    /// Its world rules' findings with the file as a world of its own.
    world_findings: Vec<Finding>,
    secrets: FileSecrets<'static>,
    /// `None` when no world was built (not a blueprint, or no world rules).
    facts: Option<LinkFacts>,
}

/// Check inputs as one world of all of them (see the module doc).
pub(super) fn check_linked(inputs: Vec<Input>, settings: &Settings) -> Report {
    let hooks = Hooks::new(settings);
    let rbac = rbac_models(settings.target.release);
    let mut alone: Vec<CheckedAlone> = inputs
        .into_par_iter()
        .enumerate()
        .map(|(id, input)| check_alone(id, input, settings, &hooks, rbac))
        .collect();
    let facts: Vec<Option<LinkFacts>> = alone.iter_mut().map(|a| a.facts.take()).collect();
    let paths: Vec<&str> = alone.iter().map(|a| a.source.path.as_str()).collect();
    let shared = super::link::shared_worlds(&facts, &paths);
    drop(facts);
    let run = Arc::new(shared.run);
    let shared_findings: Vec<Vec<Finding>> = shared
        .groups
        .par_iter()
        .map(|group| check_together(group, &alone, settings, &hooks, rbac, &run))
        .collect();
    let mut rechecked = vec![false; alone.len()];
    for file in shared.groups.iter().flatten() {
        rechecked[*file] = true;
    }
    // Sized once: growing a list of every finding of a large run one doubling at a
    // time cost a few percent of its wall time in fresh pages, on one thread.
    let total = alone
        .iter()
        .zip(&rechecked)
        .map(|(a, again)| a.findings.len() + if *again { 0 } else { a.world_findings.len() })
        .chain(shared_findings.iter().map(Vec::len))
        .sum();
    let mut findings = Vec::with_capacity(total);
    let mut world_findings = Vec::new();
    let mut secrets = Vec::with_capacity(alone.len());
    let mut files = Vec::with_capacity(alone.len());
    for (id, checked) in alone.into_iter().enumerate() {
        findings.extend(checked.findings);
        if !rechecked[id] {
            world_findings.push(checked.world_findings);
        }
        secrets.push(checked.secrets);
        files.push(checked.source);
    }
    findings.extend(world_findings.into_iter().flatten());
    findings.extend(shared_findings.into_iter().flatten());
    let redactions = Redactions::from_file_secrets(secrets, std::iter::empty(), settings);
    let mut report = finish(files, findings, settings);
    redactions.apply(&mut report);
    report
}

/// Parse and check one file as a world of its own; keep its source, findings,
/// secrets and link facts, and free its tree.
fn check_alone(
    id: FileId,
    input: Input,
    settings: &Settings,
    hooks: &Hooks,
    rbac: &'static Value<'static>,
) -> CheckedAlone {
    let file = parse::parse_input(0, input);
    let (file_findings, secrets, checked) = check_one(0, &file, settings, hooks, rbac);
    let mut findings = file.read_findings.clone();
    findings.extend(file_findings);
    let mut secrets = secrets.into_owned();
    if settings.allow_file_tag {
        secrets.add_file_tag_contents(&file);
    }
    let (world_findings, facts) = match checked {
        Some((blueprint, evaluations)) if hooks.builds_world(settings) => {
            let blueprints = [blueprint];
            let evaluated = evaluations.map(|list| vec![list]);
            let world = World::build_evaluated(vec![&file], &blueprints, evaluated, settings);
            let found = run_world_rules(&world, hooks, settings);
            let facts = LinkFacts::of_world(&world);
            (found, Some(facts))
        }
        _ => (Vec::new(), None),
    };
    let source = file.source;
    drop(file.loaded);
    // What outlives the file was allocated among its tree's nodes, and would keep
    // their memory pages from being reused: copied now that the tree is freed, it is
    // packed with the other files' (measured: 178 -> ~135 MB peak RSS on 50 MB).
    let relocate = |list: Vec<Finding>| -> Vec<Finding> {
        list.iter()
            .map(|finding| {
                let mut finding = finding.clone();
                finding.file = id;
                for label in &mut finding.labels {
                    label.file = id;
                }
                finding
            })
            .collect()
    };
    CheckedAlone {
        findings: relocate(findings),
        world_findings: relocate(world_findings),
        secrets: secrets.relocated(),
        facts: facts.map(|f| f.relocated()),
        source,
    }
}

/// The world rules' findings of a group of files checked alone before, as one world:
/// each file parsed again from its kept text.
fn check_together(
    group: &[FileId],
    alone: &[CheckedAlone],
    settings: &Settings,
    hooks: &Hooks,
    rbac: &'static Value<'static>,
    run: &Arc<RunFacts>,
) -> Vec<Finding> {
    let parsed: Vec<ParsedFile> = group
        .par_iter()
        .map(|id| {
            let source = &alone[*id].source;
            ParsedFile {
                loaded: yaml::load(&source.text),
                source: SourceFile::new(source.path.clone(), source.text.clone()),
                read_findings: Vec::new(),
            }
        })
        .collect();
    // Only the world is wanted: its per-file findings were kept from the first pass.
    let world_hooks = hooks.world_only();
    let checked: Vec<_> = parsed
        .par_iter()
        .enumerate()
        .map(|(local, file)| check_one(local, file, settings, &world_hooks, rbac).2)
        .collect();
    let mut blueprints = Vec::with_capacity(checked.len());
    let mut evaluations = Vec::with_capacity(checked.len());
    for (blueprint, evaluated) in checked.into_iter().flatten() {
        blueprints.push(blueprint);
        evaluations.push(evaluated);
    }
    let evaluated = evaluations.into_iter().collect::<Option<Vec<_>>>();
    let mut world =
        World::build_evaluated(parsed.iter().collect(), &blueprints, evaluated, settings);
    world.run = Some(Arc::clone(run));
    let mut findings = run_world_rules(&world, hooks, settings);
    world.drop_in_parallel();
    for finding in &mut findings {
        finding.file = group[finding.file];
        for label in &mut finding.labels {
            label.file = group[label.file];
        }
    }
    findings
}
