//! `flowlint test`: every `*.scenario.yaml` under the paths, run like a test suite.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{Assume, Run, base_settings, read_scenario, redactions, run_one};
use crate::check;
use crate::check::Settings;
use crate::cli::{EXIT_OK, Outcome};
use crate::error::ToolError;
use crate::simulate::{self, Scenario};

use super::EXIT_EXPECT_FAILED;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    /// One line per scenario, a diff per failure, a summary line.
    Human,
    /// JUnit XML for CI test reports.
    Junit,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Scenario files, or folders searched for *.scenario.yaml (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,
    /// Outcome of policies flowlint cannot evaluate and a scenario does not answer.
    #[arg(long, value_enum)]
    pub assume: Option<Assume>,
    /// The authentik release to simulate (`2026.8` or `2026.8.5`; default: flowlint.toml's
    /// `authentik-version`, else the newest release flowlint knows).
    #[arg(long, value_name = "VERSION")]
    pub authentik_version: Option<String>,
}

/// One scenario's verdict: `None` passed, else the lines explaining the failure.
struct Verdict {
    name: String,
    failure: Option<Vec<String>>,
}

pub fn run_test(args: TestArgs) -> Result<Outcome, ToolError> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut files: Vec<PathBuf> = check::discover(&paths)?
        .into_iter()
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".scenario.yaml") || name.ends_with(".scenario.yml")
        })
        .collect();
    files.sort();
    if files.is_empty() {
        // Nothing to run is no failure: a repository without scenarios passes the
        // pre-commit hook (as `flowlint check` on a folder without blueprints does).
        return Ok(Outcome {
            stderr: "flowlint: no *.scenario.yaml files found; nothing to test\n".to_owned(),
            ..Outcome::default()
        });
    }
    let assume = args.assume.map(|a| a == Assume::Pass);
    let settings = base_settings(args.authentik_version.as_deref())?;
    let verdicts: Vec<Verdict> = files
        .iter()
        .map(|file| Verdict {
            name: check::display_path(file),
            failure: run_scenario_file(file, assume, &settings).err(),
        })
        .collect();
    let failed = verdicts.iter().filter(|v| v.failure.is_some()).count();
    let stdout = match args.format {
        TestFormat::Human => human_report(&verdicts, failed),
        TestFormat::Junit => junit_report(&verdicts, failed),
    };
    let code = if failed == 0 {
        EXIT_OK
    } else {
        EXIT_EXPECT_FAILED
    };
    Ok(Outcome {
        stdout,
        stderr: String::new(),
        code,
    })
}

fn run_scenario_file(
    file: &Path,
    assume: Option<bool>,
    settings: &Settings,
) -> Result<(), Vec<String>> {
    let scenario = read_scenario(file).map_err(|e| vec![e.to_string()])?;
    let scrub = redactions(&scenario);
    run_scenario(file, &scenario, assume, settings)
        .map_err(|lines| lines.iter().map(|l| scrub.scrub(l)).collect())
}

fn run_scenario(
    file: &Path,
    scenario: &Scenario,
    assume: Option<bool>,
    settings: &Settings,
) -> Result<(), Vec<String>> {
    let slug = scenario
        .flow
        .clone()
        .ok_or_else(|| vec!["the scenario has no `flow`".to_owned()])?;
    let base = file.parent().unwrap_or(Path::new("."));
    let paths: Vec<PathBuf> = if scenario.blueprints.is_empty() {
        vec![base.to_path_buf()]
    } else {
        scenario.blueprints.iter().map(|b| base.join(b)).collect()
    };
    let sim = match run_one(&paths, &slug, scenario, assume, settings)
        .map_err(|e| vec![e.to_string()])?
    {
        Run::Done(sim) => sim,
        Run::Findings(report) => {
            return Err(vec![format!(
                "the blueprints have {} error(s); run `flowlint check`",
                report.findings.len()
            )]);
        }
    };
    let Some(expect) = &scenario.expect else {
        return Ok(());
    };
    let mut diff = Vec::new();
    if let Some(want) = expect.outcome {
        let want = format!("{want:?}").to_lowercase();
        let got = simulate::outcome_name(&sim.outcome);
        if want != got {
            diff.push(format!("- outcome: {want}"));
            diff.push(format!("+ outcome: {got}"));
        }
    }
    if let Some(stages) = expect
        .stages
        .as_ref()
        .filter(|s| **s != sim.completed_stages)
    {
        diff.push(format!("- stages: [{}]", stages.join(", ")));
        diff.push(format!("+ stages: [{}]", sim.completed_stages.join(", ")));
    }
    if diff.is_empty() { Ok(()) } else { Err(diff) }
}

fn human_report(verdicts: &[Verdict], failed: usize) -> String {
    let mut out = String::new();
    for v in verdicts {
        match &v.failure {
            None => out.push_str(&format!("ok    {}\n", v.name)),
            Some(lines) => {
                out.push_str(&format!("FAIL  {}\n", v.name));
                for line in lines {
                    out.push_str(&format!("      {line}\n"));
                }
            }
        }
    }
    out.push_str(&format!(
        "{} passed, {failed} failed\n",
        verdicts.len() - failed
    ));
    out
}

fn junit_report(verdicts: &[Verdict], failed: usize) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let n = verdicts.len();
    out.push_str(&format!(
        "<testsuites name=\"flowlint\" tests=\"{n}\" failures=\"{failed}\">\n"
    ));
    out.push_str(&format!(
        "  <testsuite name=\"flowlint test\" tests=\"{n}\" failures=\"{failed}\">\n"
    ));
    for v in verdicts {
        let name = xml_escape(&v.name);
        match &v.failure {
            None => out.push_str(&format!(
                "    <testcase classname=\"flowlint.scenario\" name=\"{name}\"/>\n"
            )),
            Some(lines) => {
                let message = xml_escape(lines.first().map_or("", String::as_str));
                out.push_str(&format!(
                    "    <testcase classname=\"flowlint.scenario\" name=\"{name}\">\n"
                ));
                out.push_str(&format!(
                    "      <failure message=\"{message}\">{}</failure>\n",
                    xml_escape(&lines.join("\n"))
                ));
                out.push_str("    </testcase>\n");
            }
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
