//! From blueprint texts to a [`FlowModel`], with the linter's report alongside (its
//! errors make a simulation meaningless).

use super::flows::FlowModel;
use super::model::{BuildInputs, ObjectSet};
use crate::check::{self, Input, Report, Settings};
use crate::finding::Severity;
use crate::model::Blueprint;
use crate::workspace::{Retention, Workspace};
use crate::yaml;

/// A model and the check report of the files it was built from.
#[derive(Debug)]
pub struct Loaded {
    pub model: FlowModel,
    pub report: Report,
}

/// Build the flow model of `files` (display path, text), in the order given.
pub fn load_model(files: &[(String, String)], inputs: &BuildInputs, settings: &Settings) -> Loaded {
    // One parse per file: the check's workspace keeps the trees the model is built
    // from.
    let mut workspace = Workspace::new(settings.clone(), Retention::KeepTrees);
    let report = check::check_in(
        &mut workspace,
        files
            .iter()
            .map(|(p, t)| Input::from_text(p.clone(), t.clone()))
            .collect(),
    );
    // Files without a tree (syntax errors, a manifest checked as its ConfigMaps' parts)
    // get an empty blueprint so indices stay file ids.
    let trees: Vec<Option<&yaml::Node>> = files
        .iter()
        .map(|(path, _)| workspace.file(path)?.loaded.root.as_ref())
        .collect();
    let empty = yaml::load("{}").root;
    let release = settings.target.release;
    let blueprints: Vec<Blueprint<'_>> = trees
        .iter()
        .filter_map(|t| {
            t.and_then(|root| Blueprint::from_root(root, release))
                .or_else(|| {
                    empty
                        .as_ref()
                        .and_then(|root| Blueprint::from_root(root, release))
                })
        })
        .collect();
    let refs: Vec<&Blueprint<'_>> = blueprints.iter().collect();
    let model = FlowModel::new(ObjectSet::from_blueprints(&refs, inputs));
    Loaded { model, report }
}

impl Loaded {
    /// Keep only the errors that make a run of `flow` meaningless: syntax errors
    /// anywhere (a file that does not parse may hold anything) and every error in a
    /// file that declares an object the flow can reach. True when any remain.
    pub fn retain_blocking(&mut self, flow: usize) -> bool {
        let mut files: Vec<usize> = Vec::new();
        for i in self.model.closure(flow) {
            files.extend(self.model.obj(i).files.iter().copied());
        }
        self.report.findings.retain(|f| {
            f.severity == Severity::Error
                && (f.rule.code.starts_with("FL0") || files.contains(&f.file))
        });
        !self.report.findings.is_empty()
    }
}
