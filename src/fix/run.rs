//! The `--fix` loop: check, apply every applicable fix of each file together, check
//! again, until nothing more is fixable (at most [`MAX_PASSES`] passes). Works on texts
//! in memory; writing files is the caller's (`cli`), so this never touches the disk.

use std::collections::{HashMap, HashSet};

use super::{Applicability, Fix, aliased_spans, apply};
use crate::check::{Input, InputContent, Report};
use crate::finding::{Finding, Severity};
use crate::rules::{Family, Rule};

/// As ruff: enough for fixes that enable other fixes, bounded against a fix that
/// keeps re-creating its finding.
pub const MAX_PASSES: usize = 10;

/// Which fixes to apply.
#[derive(Clone, Debug)]
pub struct FixPolicy {
    /// `Safe` for `--fix`, `Unsafe` for `--unsafe-fixes`.
    pub min: Applicability,
    /// `fixable` in flowlint.toml (`None`: every rule).
    pub fixable: Option<HashSet<&'static str>>,
    /// `unfixable` in flowlint.toml.
    pub unfixable: HashSet<&'static str>,
}

impl FixPolicy {
    pub fn new(min: Applicability) -> Self {
        FixPolicy {
            min,
            fixable: None,
            unfixable: HashSet::new(),
        }
    }

    pub fn allows_rule(&self, rule: &Rule) -> bool {
        self.fixable.as_ref().is_none_or(|f| f.contains(rule.code))
            && !self.unfixable.contains(rule.code)
    }

    /// Whether this policy applies `finding`'s fix.
    pub fn applies(&self, finding: &Finding) -> bool {
        finding
            .fix
            .as_ref()
            .is_some_and(|fix| fix.applicability >= self.min && self.allows_rule(finding.rule))
    }
}

/// One applied fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedFix {
    pub code: &'static str,
    pub title: String,
}

/// One input after fixing.
#[derive(Debug)]
pub struct FixedFile {
    /// The input's path, as shown.
    pub path: String,
    pub original: String,
    pub fixed: String,
    pub applied: Vec<AppliedFix>,
}

impl FixedFile {
    pub fn changed(&self) -> bool {
        self.original != self.fixed
    }
}

/// The outcome of [`fix_inputs`]: the report of the last check (what remains), and
/// every text input with what was applied to it, in input order.
#[derive(Debug)]
pub struct FixRun {
    pub report: Report,
    pub files: Vec<FixedFile>,
    pub passes: usize,
}

impl FixRun {
    pub fn fixed_count(&self) -> usize {
        self.files.iter().map(|f| f.applied.len()).sum()
    }
}

/// Fix `inputs` with `check` (the run's checker: one world, linked or per file) under
/// `policy`. Files that do not load as YAML (a syntax error) are not edited.
pub fn fix_inputs(
    mut inputs: Vec<Input>,
    policy: &FixPolicy,
    check: impl Fn(Vec<Input>) -> Report,
) -> FixRun {
    let mut files: Vec<Option<FixedFile>> = inputs
        .iter()
        .map(|input| match &input.content {
            InputContent::Text(text) => Some(FixedFile {
                path: input.path.clone(),
                original: text.clone(),
                fixed: text.clone(),
                applied: Vec::new(),
            }),
            _ => None,
        })
        .collect();
    let mut passes = 0;
    loop {
        let report = check(inputs.clone());
        passes += 1;
        if passes > MAX_PASSES || !apply_pass(&report, &mut files, policy) {
            return FixRun {
                report,
                files: files.into_iter().flatten().collect(),
                passes,
            };
        }
        for (input, file) in inputs.iter_mut().zip(&files) {
            if let Some(file) = file {
                input.content = InputContent::Text(file.fixed.clone());
            }
        }
    }
}

/// Apply one pass of fixes to every file; whether any text changed.
fn apply_pass(report: &Report, files: &mut [Option<FixedFile>], policy: &FixPolicy) -> bool {
    // The report's file ids, mapped to inputs by path (the report keeps input order,
    // but nothing here should depend on it).
    let index: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((f.as_ref()?.path.as_str(), i)))
        .collect();
    let input_of = |file: usize| {
        let source = report.files.get(file)?;
        index.get(source.path.as_str()).copied()
    };
    let mut by_file: Vec<Vec<&Finding>> = vec![Vec::new(); files.len()];
    let mut broken: HashSet<usize> = HashSet::new();
    for finding in &report.findings {
        let Some(id) = input_of(finding.file) else {
            continue;
        };
        if finding.rule.family == Family::Syntax && finding.severity == Severity::Error {
            broken.insert(id);
        }
        if policy.applies(finding) {
            by_file[id].push(finding);
        }
    }
    let mut changed = false;
    for (id, findings) in by_file.into_iter().enumerate() {
        let Some(file) = files[id].as_mut() else {
            continue;
        };
        if findings.is_empty() || broken.contains(&id) {
            continue;
        }
        let aliased = crate::yaml::load(&file.fixed)
            .root
            .map(|root| aliased_spans(&root))
            .unwrap_or_default();
        let usable: Vec<(&Finding, &Fix)> = findings
            .into_iter()
            .filter_map(|f| Some((f, f.fix.as_ref()?)))
            .filter(|(_, fix)| !fix.touches_any(&aliased))
            .collect();
        let fixes: Vec<&Fix> = usable.iter().map(|(_, fix)| *fix).collect();
        let result = apply(&file.fixed, &fixes);
        if result.text == file.fixed {
            continue;
        }
        file.applied
            .extend(result.applied.iter().map(|&i| AppliedFix {
                code: usable[i].0.rule.code,
                title: usable[i].1.title.clone(),
            }));
        file.fixed = result.text;
        changed = true;
    }
    changed
}
