//! `check --fix` and `check --diff`: run the fix loop ([`crate::fix::fix_inputs`]) and
//! write the fixed files, or print what would change.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;

use super::check::{CheckArgs, check_with, discover_files, read_inputs};
use super::{EXIT_FINDINGS, EXIT_OK, Outcome};
use crate::check::{self, Input, Report, Settings};
use crate::config::Config;
use crate::error::ToolError;
use crate::fix::{
    self, Applicability, FixPolicy, FixRun, FixedFile, Identity, Written, write_fixed,
};

fn policy(args: &CheckArgs, config: &Config) -> FixPolicy {
    let codes = |rules: &[&'static crate::rules::Rule]| -> HashSet<&'static str> {
        rules.iter().map(|r| r.code).collect()
    };
    FixPolicy {
        min: if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        },
        fixable: config.fixable.as_deref().map(codes),
        unfixable: codes(&config.unfixable),
    }
}

fn reads_stdin(args: &CheckArgs) -> bool {
    args.paths.iter().any(|p| p.as_os_str() == "-")
}

fn fix_run(
    args: &CheckArgs,
    inputs: Vec<Input>,
    policy: &FixPolicy,
    settings: &Settings,
) -> FixRun {
    fix::fix_inputs(inputs, policy, |inputs| {
        check_with(inputs, settings, args.per_file)
    })
}

/// `--diff`: the unified diff of every file `--fix` would change; writes nothing.
pub(super) fn run_diff(
    args: &CheckArgs,
    config: &Config,
    settings: &Settings,
) -> Result<Outcome, ToolError> {
    let inputs = read_inputs(args, config, settings.max_file_size)?;
    let policy = policy(args, config);
    let run = fix_run(args, inputs, &policy, settings);
    let changed: Vec<&FixedFile> = run.files.iter().filter(|f| f.changed()).collect();
    let stdout: String = changed
        .iter()
        .map(|f| fix::diff::unified(&f.path, &f.original, &f.fixed))
        .collect();
    let stderr = format!(
        "Would fix {}.\n",
        fixed_summary(&run.files).unwrap_or_else(|| "nothing".to_string())
    );
    Ok(Outcome {
        stdout,
        stderr,
        code: if changed.is_empty() {
            EXIT_OK
        } else {
            EXIT_FINDINGS
        },
    })
}

/// `--fix`: fix, write each changed file, and return the report of what remains with
/// a summary of what was done.
pub(super) fn run_fix(
    args: &CheckArgs,
    config: &Config,
    settings: &Settings,
) -> Result<(Report, String), ToolError> {
    if reads_stdin(args) {
        return Err(ToolError::Usage(
            "--fix cannot write a blueprint read from stdin; use --diff".to_string(),
        ));
    }
    let paths = discover_files(args, config)?;
    let limit = settings.max_file_size;
    let read: Vec<(Input, Option<Identity>)> = paths
        .par_iter()
        .map(|p| {
            // Taken before reading: a file replaced after this is caught when writing.
            let identity = Identity::of(p);
            (Input::read(p, check::display_path(p), limit), identity)
        })
        .collect();
    let (inputs, identities): (Vec<Input>, Vec<Option<Identity>>) = read.into_iter().unzip();
    let by_path: BTreeMap<String, (&PathBuf, Option<Identity>)> = inputs
        .iter()
        .zip(paths.iter().zip(identities))
        .map(|(input, (path, id))| (input.path.clone(), (path, id)))
        .collect();
    let policy = policy(args, config);
    let run = fix_run(args, inputs, &policy, settings);
    let mut left_alone = Vec::new();
    let mut written = HashSet::new();
    for file in run.files.iter().filter(|f| f.changed()) {
        let Some((path, identity)) = by_path.get(&file.path) else {
            continue;
        };
        match write_fixed(path, identity.as_ref(), &file.original, &file.fixed)? {
            Written::Yes => {
                written.insert(file.path.clone());
            }
            Written::LeftAlone(reason) => left_alone.push(format!("{}: {reason}", file.path)),
        }
    }
    let mut report = run.report;
    if !left_alone.is_empty() {
        // What remains is what the files that were left alone had when read.
        let inputs = run
            .files
            .iter()
            .map(|f| {
                let text = if written.contains(&f.path) {
                    &f.fixed
                } else {
                    &f.original
                };
                Input::from_text(f.path.clone(), text.clone())
            })
            .collect();
        report = check_with(inputs, settings, args.per_file);
    }
    let done: Vec<FixedFile> = run
        .files
        .into_iter()
        .filter(|f| written.contains(&f.path))
        .collect();
    let mut summary = match fixed_summary(&done) {
        Some(what) => format!("Fixed {what}.\n"),
        None => "Nothing fixed.\n".to_string(),
    };
    for line in &left_alone {
        summary.push_str(&format!("Left alone {line}.\n"));
    }
    let remaining = report.findings.len();
    let (safe, unsafe_) = remaining_fixable(&report, &policy);
    summary.push_str(&format!(
        "{remaining} finding{} remain{}",
        plural(remaining),
        if remaining == 1 { "s" } else { "" }
    ));
    let unapplied = safe
        + if policy.min == Applicability::Unsafe {
            unsafe_
        } else {
            0
        };
    if policy.min == Applicability::Safe && unsafe_ > 0 {
        summary.push_str(&format!(
            "; {unsafe_} fixable with --unsafe-fixes (review those)"
        ));
    }
    if unapplied > 0 {
        summary.push_str(&format!(
            "; {unapplied} fix{} not applied (in an aliased node, a file that does not \
             parse, or beyond the pass limit)",
            if unapplied == 1 { "" } else { "es" }
        ));
    }
    summary.push_str(".\n");
    Ok((report, summary))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Remaining findings whose fixes the rules allow, by applicability (safe, unsafe).
fn remaining_fixable(report: &Report, policy: &FixPolicy) -> (usize, usize) {
    let mut counts = (0, 0);
    for finding in report
        .findings
        .iter()
        .filter(|f| policy.allows_rule(f.rule))
    {
        match finding.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => counts.0 += 1,
            Some(Applicability::Unsafe) => counts.1 += 1,
            _ => {}
        }
    }
    counts
}

/// "3 findings in 2 files (FL104 x2, FL206)", or `None` when nothing was applied.
fn fixed_summary(files: &[FixedFile]) -> Option<String> {
    let mut per_code: BTreeMap<&str, usize> = BTreeMap::new();
    let mut count = 0;
    let mut file_count = 0;
    for file in files.iter().filter(|f| !f.applied.is_empty()) {
        file_count += 1;
        for applied in &file.applied {
            *per_code.entry(applied.code).or_default() += 1;
            count += 1;
        }
    }
    (count > 0).then(|| {
        let codes: Vec<String> = per_code
            .iter()
            .map(|(code, n)| match n {
                1 => code.to_string(),
                n => format!("{code} x{n}"),
            })
            .collect();
        format!(
            "{count} finding{} in {file_count} file{} ({})",
            plural(count),
            plural(file_count),
            codes.join(", ")
        )
    })
}
