//! `flowlint simulate`: dry-run one flow for one scenario.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{EXIT_FINDINGS, EXIT_OK, Outcome, Terminal};
use crate::baseline::Baseline;
use crate::check::{self, Input, InputContent, Settings};
use crate::error::ToolError;
use crate::output;
use crate::rules::security::Redactions;
use crate::simulate::{self, BuildInputs, Scenario, Simulation, render};

#[path = "simulate_test.rs"]
mod test_command;
pub use test_command::{TestArgs, TestFormat, run_test};

/// Exit code when the flow was denied.
pub const EXIT_DENIED: u8 = 3;
/// Exit code when the scenario's `expect` did not hold.
pub const EXIT_EXPECT_FAILED: u8 = 4;
/// Exit code when authentik would end in a flow error (`FlowErrorChallenge`).
pub const EXIT_FLOW_ERROR: u8 = 5;

const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SimulateFormat {
    /// The inspector response at the end of the run.
    Json,
    /// One inspector response per executor step, each with a `reason`.
    Steps,
    /// A readable trace.
    Human,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Assume {
    Pass,
    Fail,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// Blueprint files or folders (default: the scenario's `blueprints`, else its folder, else the current folder).
    pub paths: Vec<PathBuf>,
    /// The slug of the flow to run (default: the scenario's `flow`).
    #[arg(long, value_name = "SLUG")]
    pub flow: Option<String>,
    /// A scenario file: the user, policy outcomes, responses, expectations.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimulateFormat::Human)]
    pub format: SimulateFormat,
    /// Outcome of policies flowlint cannot evaluate and the scenario does not answer.
    #[arg(long, value_enum)]
    pub assume: Option<Assume>,
    /// A value for `!Env NAME` (repeatable, over the scenario's `env:`); the process environment is never read.
    #[arg(long = "env", value_name = "NAME=VALUE")]
    pub env: Vec<String>,
    /// The user who identifies (over the scenario's `user`); a blueprint user with this username brings its groups and flags.
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// A group the user is a member of, added to the blueprint user's (repeatable; needs --user or a scenario user).
    #[arg(long = "group", value_name = "GROUP")]
    pub groups: Vec<String>,
    /// An authenticator device class the user has: static, totp, webauthn, duo, sms, email, mobile (repeatable).
    #[arg(long = "device", value_name = "CLASS")]
    pub devices: Vec<String>,
    /// The user is already logged in when the flow starts (the scenario's `authenticated: true`).
    #[arg(long)]
    pub authenticated: bool,
    /// Every password stage gets the right password (the default).
    #[arg(long, conflicts_with = "password_wrong")]
    pub password_ok: bool,
    /// Every password stage without a scenario response gets a wrong password.
    #[arg(long)]
    pub password_wrong: bool,
    /// The authentik release to simulate (`2026.8` or `2026.8.5`; default: flowlint.toml's
    /// `authentik-version`, else the newest release flowlint knows).
    #[arg(long, value_name = "VERSION")]
    pub authentik_version: Option<String>,
}

/// `--user`, `--group`, `--device` and `--password-*` over the scenario.
fn apply_options(args: &SimulateArgs, scenario: &mut Scenario) -> Result<(), ToolError> {
    if let Some(name) = &args.user {
        let same = scenario.user.as_ref().is_some_and(|u| &u.username == name);
        if !same {
            scenario.user = Some(simulate::ScenarioUser::named(name.clone()));
        }
    }
    if !args.groups.is_empty() || !args.devices.is_empty() {
        let Some(user) = scenario.user.as_mut() else {
            return Err(ToolError::Usage(
                "--group and --device need a user: pass --user NAME".to_owned(),
            ));
        };
        for group in &args.groups {
            if !user.groups.contains(group) {
                user.groups.push(group.clone());
            }
        }
        for device in &args.devices {
            if !simulate::DEVICE_CLASSES.contains(&device.as_str()) {
                return Err(ToolError::Usage(format!(
                    "--device `{device}`: one of {}",
                    simulate::DEVICE_CLASSES.join(", ")
                )));
            }
            if !user.devices.contains(device) {
                user.devices.push(device.clone());
            }
        }
    }
    if args.authenticated {
        if scenario.user.is_none() {
            return Err(ToolError::Usage(
                "--authenticated needs a user: pass --user NAME".to_owned(),
            ));
        }
        scenario.authenticated = true;
    }
    if args.password_wrong {
        scenario.password_wrong = true;
    } else if args.password_ok {
        scenario.password_wrong = false;
    }
    Ok(())
}

/// Scrubs the scenario's `env:` values (and `--env`) and its credential-named
/// `context:` values from a run's output, as `check` does with its findings (the JSON
/// formats inside their strings only, so the JSON and its schema stay valid).
fn redactions(scenario: &Scenario) -> Redactions {
    let settings = Settings {
        env: scenario.env.clone(),
        context: scenario
            .context
            .iter()
            .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
            .collect(),
        ..Settings::default()
    };
    Redactions::from_settings(&settings)
}

pub fn run_simulate(args: SimulateArgs, terminal: Terminal) -> Result<Outcome, ToolError> {
    let mut scenario = match &args.scenario {
        Some(path) => read_scenario(path)?,
        None => Scenario::default(),
    };
    scenario
        .env
        .extend(super::check::parse_pairs(&args.env, "--env")?);
    apply_options(&args, &mut scenario)?;
    let scrub = redactions(&scenario);
    let slug = args
        .flow
        .clone()
        .or_else(|| scenario.flow.clone())
        .ok_or_else(|| {
            ToolError::Usage(
                "which flow? pass --flow SLUG (or set `flow:` in the scenario)".to_owned(),
            )
        })?;
    let mut paths = args.paths.clone();
    let base = args.scenario.as_deref().and_then(Path::parent);
    if let Some(base) = base {
        paths.extend(scenario.blueprints.iter().map(|b| base.join(b)));
    }
    if paths.is_empty() {
        // A scenario without blueprints runs against its own folder, as in `flowlint test`.
        let folder = base
            .filter(|b| !b.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        paths.push(folder.to_path_buf());
    }
    let assume = args.assume.map(|a| a == Assume::Pass);
    let base = base_settings(args.authentik_version.as_deref())?;
    match run_one(&paths, &slug, &scenario, assume, &base)? {
        Run::Findings(report) => Ok(Outcome {
            stdout: output::human::render(
                &report,
                output::human::HumanOptions {
                    color: terminal.color,
                    width: terminal.width,
                },
            ),
            stderr: "flowlint: error: the blueprints have errors; fix them before simulating\n"
                .to_owned(),
            code: EXIT_FINDINGS,
        }),
        Run::Done(sim) => {
            let in_strings = |text: &str| scrub.scrub(text);
            let stdout = match args.format {
                SimulateFormat::Json => render::json_scrubbed(&sim, &in_strings),
                SimulateFormat::Steps => render::steps_scrubbed(&sim, &in_strings),
                SimulateFormat::Human => scrub.scrub(&render::human(&sim)),
            };
            let failures = scenario
                .expect
                .as_ref()
                .map(|e| simulate::check_expect(e, &sim))
                .unwrap_or_default();
            let mut stderr: String = failures
                .iter()
                .map(|f| format!("flowlint: expect failed: {f}\n"))
                .collect();
            if let simulate::Outcome::Error { reason } = &sim.outcome {
                stderr.push_str(&format!("flowlint: flow error: {reason}\n"));
            }
            Ok(Outcome {
                stdout,
                stderr: scrub.scrub(&stderr),
                code: exit_code(&sim, !failures.is_empty()),
            })
        }
    }
}

/// The exit code of a finished run.
pub fn exit_code(sim: &Simulation, expect_failed: bool) -> u8 {
    if expect_failed {
        EXIT_EXPECT_FAILED
    } else if matches!(sim.outcome, simulate::Outcome::Error { .. }) {
        EXIT_FLOW_ERROR
    } else if matches!(
        sim.outcome,
        simulate::Outcome::Denied { .. } | simulate::Outcome::Continued { .. }
    ) {
        EXIT_DENIED
    } else {
        EXIT_OK
    }
}

/// A finished run, or the blueprint errors that prevented it.
pub enum Run {
    Findings(check::Report),
    Done(Simulation),
}

/// What a run takes from `flowlint.toml` (found from the current folder: the release,
/// the install baseline, the rules whose errors block a run) and `--authentik-version`.
pub fn base_settings(authentik_version: Option<&str>) -> Result<Settings, ToolError> {
    let mut settings = Settings::default();
    crate::config::find_and_load(None)?.apply(&mut settings);
    if let Some(text) = authentik_version {
        settings.target = crate::catalog::Target::parse(text)
            .map_err(|e| ToolError::Usage(format!("--authentik-version: {e}")))?;
    }
    Ok(settings)
}

/// Read `paths`, build the model and run `slug` with `base` settings (the scenario's
/// `env:` added).
pub fn run_one(
    paths: &[PathBuf],
    slug: &str,
    scenario: &Scenario,
    assume: Option<bool>,
    base: &Settings,
) -> Result<Run, ToolError> {
    let mut files = Vec::new();
    for file in check::discover(paths)? {
        let display = check::display_path(&file);
        if display.ends_with(".scenario.yaml") || display.ends_with(".scenario.yml") {
            continue;
        }
        match Input::read(&file, display.clone(), MAX_FILE_SIZE).content {
            InputContent::Text(text) => files.push((display, text)),
            _ => {
                return Err(ToolError::Path {
                    path: display,
                    reason: "not a readable UTF-8 file within the size limit".to_owned(),
                });
            }
        }
    }
    let mut settings = base.clone();
    settings.env.extend(scenario.env.clone());
    let inputs = BuildInputs {
        context: scenario.context.clone(),
        env: scenario.env.clone(),
        baseline: Baseline::new(&settings.baseline, Some(settings.target.version())),
    };
    let mut loaded = simulate::load_model(&files, &inputs, &settings);
    if let Some(flow) = loaded.model.flow_by_slug(slug) {
        if loaded.retain_blocking(flow) {
            return Ok(Run::Findings(loaded.report));
        }
    }
    simulate::simulate(&loaded.model, slug, scenario, assume)
        .map(Run::Done)
        .map_err(|e| match e {
            simulate::SimError::UnknownFlow { .. } => ToolError::Usage(e.to_string()),
            simulate::SimError::MissingPolicies(_)
            | simulate::SimError::UnknownName { .. }
            | simulate::SimError::UnknownInvitation(_) => ToolError::Config(e.to_string()),
        })
}

pub fn read_scenario(path: &Path) -> Result<Scenario, ToolError> {
    let display = check::display_path(path);
    let text = std::fs::read_to_string(path).map_err(|e| ToolError::Path {
        path: display.clone(),
        reason: e.to_string(),
    })?;
    Scenario::parse(&display, &text)
}
