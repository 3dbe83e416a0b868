//! Per-file work: build the blueprint, run the rule hooks in one walk, evaluate each
//! entry once; then the world and its rules.

use rayon::prelude::*;

use super::checker::{Checker, Hooks, Pass};
use super::context::file_context;
use super::{ParsedFile, Settings};
use crate::eval::{Context, EvalEnv, Evaluator, FileAccess};
use crate::finding::{Finding, Sink};
use crate::model::Blueprint;
use crate::rules::context::FieldSection;
use crate::rules::security::redact::FileSecrets;
use crate::rules::security::secrets::entry_secret_values;
use crate::rules::syntax::{
    INPUT_LIMIT_EXCEEDED, INVALID_MERGE_KEY, MULTIPLE_DOCUMENTS, NON_MAPPING_DOCUMENT,
    YAML_SYNTAX_ERROR,
};
use crate::rules::{EntryCx, Family, FieldCx, FileCx, Rule};
use crate::source::{FileId, SourceFile, Span};
use crate::world;
use crate::yaml::YamlProblemKind;

/// The world rules on a built world. They are independent of each other: run in
/// parallel and concatenated in registry order.
pub(crate) fn run_world_rules(world: &world::World<'_, '_>, checker: &Checker) -> Vec<Finding> {
    let cx = world::WorldCx {
        world,
        settings: checker.settings(),
    };
    let per_rule: Vec<Vec<Finding>> = (checker.hooks(Pass::Full).world)
        .par_iter()
        .map(|check| {
            let mut sink = Sink::new(0);
            check(&cx, &mut sink);
            sink.findings
        })
        .collect();
    per_rule.into_iter().flatten().collect()
}

pub(crate) type WorldBlueprint<'a> = (FileId, Blueprint<'a>, Context<'a>);
pub(crate) type Evaluations<'a> = Option<Vec<world::EntryEvaluation<'a>>>;

/// A file's per-file findings and secrets, and what its world needs (none when the
/// file is not a blueprint).
pub(crate) type CheckedFile<'a> = (
    Vec<Finding>,
    FileSecrets<'a>,
    Option<(WorldBlueprint<'a>, Evaluations<'a>)>,
);

pub(crate) fn check_one<'a>(
    id: FileId,
    file: &'a ParsedFile,
    checker: &Checker,
    pass: Pass,
) -> CheckedFile<'a> {
    let (settings, hooks) = (checker.settings(), checker.hooks(pass));
    let mut sink = Sink::new(id);
    report_problems(file, &mut sink);
    let Some(root) = &file.loaded.root else {
        return (sink.findings, FileSecrets::default(), None);
    };
    super::walk::walk_nodes(id, &file.source, root, settings, hooks, &mut sink);
    let Some(blueprint) = Blueprint::from_root(root, settings.target.release) else {
        sink.report(
            &NON_MAPPING_DOCUMENT,
            root.span,
            format!(
                "a blueprint must be a mapping, but this document is a {}",
                root.kind_name()
            ),
        )
        .help("start the file with `version: 1` and an `entries:` list");
        return (
            sink.findings,
            FileSecrets::with_entry_values(file, Vec::new()),
            None,
        );
    };
    let context = file_context(&blueprint, settings, checker.rbac());
    let checked = check_blueprint(
        id,
        &file.source,
        &blueprint,
        &context,
        settings,
        hooks,
        checker.builds_world(),
        &mut sink,
    );
    let evaluations = checked.evaluations;
    let secrets = if hooks.secrets {
        FileSecrets::with_entry_values(file, checked.secret_values)
    } else {
        FileSecrets::default()
    };
    (
        sink.findings,
        secrets,
        Some(((id, blueprint, context), evaluations)),
    )
}

fn report_problems(file: &ParsedFile, sink: &mut Sink) {
    for problem in &file.loaded.problems {
        let (rule, help): (&'static Rule, &str) = match problem.kind {
            YamlProblemKind::Syntax => (
                &YAML_SYNTAX_ERROR,
                "fix the YAML syntax; authentik cannot load this file at all",
            ),
            YamlProblemKind::TooDeep | YamlProblemKind::AliasBudget => (
                &INPUT_LIMIT_EXCEEDED,
                "simplify the document; blueprints never need this much nesting or aliasing",
            ),
            YamlProblemKind::MultipleDocuments => (
                &MULTIPLE_DOCUMENTS,
                "authentik loads one document per file: split the documents into separate files",
            ),
            YamlProblemKind::InvalidMerge => (
                &INVALID_MERGE_KEY,
                "merge a mapping (`<<: *anchor`) or a list of mappings",
            ),
        };
        sink.report(rule, problem.span, problem.message.clone())
            .help(help);
    }
}

/// What checking a blueprint leaves for the world and the redaction.
struct CheckedBlueprint<'a> {
    /// The entries' evaluations, when kept (the world is built from them).
    evaluations: Option<Vec<world::EntryEvaluation<'a>>>,
    /// The values of the entries' secret attributes.
    secret_values: Vec<&'a crate::yaml::Node>,
}

/// The file, entry and field rules of one blueprint; keeps the entries' evaluations
/// when `keep_evaluations`, and finds its secret attribute values on the way.
#[allow(clippy::too_many_arguments)]
fn check_blueprint<'a>(
    id: FileId,
    source: &'a SourceFile,
    blueprint: &Blueprint<'a>,
    context: &Context<'a>,
    settings: &Settings,
    hooks: &Hooks,
    keep_evaluations: bool,
    sink: &mut Sink,
) -> CheckedBlueprint<'a> {
    let file_cx = FileCx {
        file: id,
        source,
        blueprint,
        settings,
        context,
        files: settings
            .allow_file_tag
            .then(|| FileAccess::for_blueprint(std::path::Path::new(&source.path)))
            .flatten(),
    };
    for check in &hooks.file {
        check(&file_cx, sink);
    }
    // Each entry is evaluated once, for the field rules and for the world.
    let mut ev = Evaluator::new(EvalEnv {
        context,
        env: &settings.env,
        finder: None,
        files: file_cx.files.as_ref(),
    });
    let evaluate = keep_evaluations || !hooks.field.is_empty();
    let mut evaluations = Vec::with_capacity(if evaluate { blueprint.entries.len() } else { 0 });
    let mut secret_values = Vec::new();
    // authentik resolves and validates an entry's identifiers and attrs only when its
    // conditions hold: in a surely skipped entry nothing there can fail.
    let mut skipped: Vec<Span> = Vec::new();
    for entry in &blueprint.entries {
        let model = entry.spec;
        let evaluation = evaluate.then(|| world::evaluate_entry(entry, &mut ev));
        let is_skipped = evaluation
            .as_ref()
            .is_some_and(|e| e.status == world::EntryStatus::Skipped);
        if is_skipped {
            skipped.extend(
                [entry.identifiers, entry.attrs]
                    .into_iter()
                    .flatten()
                    .map(|p| p.value.span),
            );
        }
        let entry_cx = EntryCx {
            file: &file_cx,
            entry,
            model,
            fields: evaluation.as_ref().map_or(&[], |e| &e.fields),
        };
        for (check, reads_values) in &hooks.entry {
            if !(is_skipped && *reads_values) {
                check(&entry_cx, sink);
            }
        }
        if hooks.secrets {
            let mut specs = entry_cx.field_specs();
            entry_secret_values(entry, |pair, name| specs.of(pair, name), &mut secret_values);
        }
        if let (Some(evaluation), Some(model)) = (&evaluation, model) {
            if !hooks.field.is_empty() && !is_skipped {
                check_fields(&entry_cx, model, evaluation, hooks, sink);
            }
        }
        evaluations.extend(evaluation);
    }
    if !skipped.is_empty() {
        sink.findings.retain(|f| {
            f.rule.family != Family::Tags || !skipped.iter().any(|s| s.contains(f.span))
        });
    }
    CheckedBlueprint {
        evaluations: keep_evaluations.then_some(evaluations),
        secret_values,
    }
}

/// The field rules on every field of a known model, with its shared evaluation.
fn check_fields<'a>(
    entry_cx: &EntryCx<'_, 'a>,
    model: &'static crate::catalog::ModelSpec,
    evaluation: &world::EntryEvaluation<'a>,
    hooks: &Hooks,
    sink: &mut Sink,
) {
    let identifiers = evaluation.identifier_fields().len();
    for (at, field_value) in evaluation.fields.iter().enumerate() {
        let Some(field) = field_value.spec else {
            continue;
        };
        let section = if at < identifiers {
            FieldSection::Identifiers
        } else {
            FieldSection::Attrs
        };
        let pair = field_value.pair;
        let field_cx = FieldCx {
            entry: entry_cx,
            model,
            field,
            pair,
            section,
            value: &field_value.value,
            tagged: pair.value.is_custom_tagged(),
        };
        for check in &hooks.field {
            check(&field_cx, sink);
        }
    }
}
