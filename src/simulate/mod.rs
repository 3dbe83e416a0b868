//! `flowlint simulate`: authentik's planner, executor and policy engine, offline.
//!
//! Blueprints → [`ObjectSet`] (objects merged by identity, references resolved) →
//! [`FlowModel`] (typed lookups) → [`simulate`] with a [`Scenario`] → a
//! [`Simulation`]: the outcome, one inspector response per executor step, and the
//! final inspector response. Decisions are written down in `docs/simulation.md`.

mod done;
mod executor;
mod flows;
mod inspector;
mod invalid;
mod invitation;
mod json;
mod load;
mod mfa;
mod model;
mod planner;
mod policy;
mod prompt;
pub mod render;
mod scenario;
mod scenario_user;
mod stages;
mod state;
mod users;

use std::collections::{HashMap, VecDeque};

use uuid::Uuid;

pub use executor::{Outcome, Step};
pub use flows::FlowModel;
pub use json::Json;
pub use load::{Loaded, load_model};
pub use model::{BuildInputs, Obj, ObjectSet};
pub use scenario::{
    DEVICE_CLASSES, Expect, ExpectedOutcome, InvitationChoice, PolicyAnswer, Response, Scenario,
    ScenarioUser,
};
pub use state::MASK;

use crate::catalog::ModelKind;
use crate::rules::suggest::did_you_mean;

/// The result of one run.
#[derive(Debug)]
pub struct Simulation {
    pub slug: String,
    pub outcome: Outcome,
    pub steps: Vec<Step>,
    /// Every snapshot of the run (`stage_ok`), oldest first.
    pub history: Vec<Json>,
    /// The inspector response at the end of the run.
    pub inspection: Json,
    /// Names of the stages that completed, in order (the history).
    pub completed_stages: Vec<String>,
    /// Policies whose outcome was assumed (`--assume`).
    pub assumed_policies: Vec<String>,
}

/// Why a simulation could not run.
#[derive(Debug, PartialEq)]
pub enum SimError {
    UnknownFlow {
        slug: String,
        suggestion: Option<String>,
    },
    /// Outcomes the scenario must give (no `--assume`).
    MissingPolicies(Vec<String>),
    /// A `responses:` or `policies:` key that names no stage or policy of the
    /// blueprints: the answer would silently never be used.
    UnknownName {
        section: &'static str,
        kind: &'static str,
        name: String,
        suggestion: Option<String>,
    },
    /// `invitation:` names no invitation of the blueprints, or a flow they lack.
    UnknownInvitation(String),
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SimError::UnknownFlow { slug, suggestion } => {
                write!(f, "no flow with slug `{slug}` in the blueprints given")?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean `{s}`?)")?;
                }
                Ok(())
            }
            SimError::UnknownName {
                section,
                kind,
                name,
                suggestion,
            } => {
                write!(
                    f,
                    "`{section}` names `{name}`, but no {kind} of the blueprints has that name"
                )?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean `{s}`?)")?;
                }
                Ok(())
            }
            SimError::UnknownInvitation(why) => f.write_str(why),
            SimError::MissingPolicies(names) => write!(
                f,
                "the flow needs the outcome of {} flowlint cannot evaluate: {}; give them under `policies:` in the scenario, or pass --assume pass|fail",
                if names.len() == 1 {
                    "a policy"
                } else {
                    "policies"
                },
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// Every key of a scenario section names an object of `kind` in the blueprints.
fn check_names<'s>(
    model: &FlowModel,
    section: &'static str,
    kind: ModelKind,
    keys: impl Iterator<Item = &'s String>,
) -> Result<(), SimError> {
    let mut known: Vec<&str> = model
        .set
        .objects
        .iter()
        .filter(|obj| {
            model
                .set
                .release
                .model(&obj.model)
                .is_some_and(|m| m.kind == kind)
        })
        .map(|obj| obj.name())
        .collect();
    known.sort_unstable();
    for key in keys {
        if !known.contains(&key.as_str()) {
            return Err(SimError::UnknownName {
                section,
                kind: if kind == ModelKind::Stage {
                    "stage"
                } else {
                    "policy"
                },
                name: key.clone(),
                suggestion: did_you_mean(key, known.iter().copied()).map(str::to_owned),
            });
        }
    }
    Ok(())
}

/// A stable 64-hex session id for a flow.
pub fn session_id(slug: &str) -> String {
    let ns = model::namespace();
    let a = Uuid::new_v5(&ns, format!("session:{slug}").as_bytes());
    let b = Uuid::new_v5(&ns, format!("session-2:{slug}").as_bytes());
    format!("{}{}", a.simple(), b.simple())
}

/// Run flow `slug` of `model` for `scenario`. `assume` answers policies the scenario
/// does not (`Some(true)` = pass).
pub fn simulate(
    model: &FlowModel,
    slug: &str,
    scenario: &Scenario,
    assume: Option<bool>,
) -> Result<Simulation, SimError> {
    let Some(flow) = model.flow_by_slug(slug) else {
        let mut slugs: Vec<&str> = model.slugs().collect();
        slugs.sort_unstable();
        return Err(SimError::UnknownFlow {
            slug: slug.to_owned(),
            suggestion: did_you_mean(slug, slugs).map(str::to_owned),
        });
    };
    check_names(
        model,
        "responses",
        ModelKind::Stage,
        scenario.responses.iter().map(|(name, _)| name),
    )?;
    check_names(
        model,
        "policies",
        ModelKind::Policy,
        scenario.policies.iter().map(|(name, _)| name),
    )?;
    let (users, scenario_user) = users::world_users(model, scenario.user.as_ref());
    let responses: HashMap<String, VecDeque<Response>> = scenario
        .responses
        .iter()
        .map(|(k, v)| (k.clone(), v.iter().cloned().collect()))
        .collect();
    let answers = policy::answers_from(&scenario.policies, assume);
    let setup = executor::Setup {
        users,
        scenario_user,
        authenticated: scenario.authenticated,
        outpost: scenario.outpost,
        next: scenario.next.clone(),
        responses,
        password_wrong: scenario.password_wrong,
        invitation: invitation::resolve(model, scenario.invitation.as_ref())?,
    };
    let mut sim = executor::Simulator::new(model, answers, setup, session_id(slug));
    let outcome = sim.run(flow);
    let inspection = sim.inspection();
    let (steps, history, answers, completed) = sim.into_parts();
    let missing: Vec<String> = answers.missing.into_iter().collect();
    if assume.is_none() && !missing.is_empty() {
        return Err(SimError::MissingPolicies(missing));
    }
    Ok(Simulation {
        slug: slug.to_owned(),
        outcome,
        steps,
        history,
        inspection,
        completed_stages: completed,
        assumed_policies: missing,
    })
}

impl Simulation {
    /// The inspector response right after step `index`.
    pub fn step_inspection(&self, index: usize) -> Option<Json> {
        let step = self.steps.get(index)?;
        let history = self.history.get(..step.history_len)?;
        Some(inspector::inspection(history, step.live.clone()))
    }
}

/// How the run differs from the scenario's `expect`; empty when it holds.
pub fn check_expect(expect: &Expect, sim: &Simulation) -> Vec<String> {
    let mut failures = Vec::new();
    if let Some(want) = expect.outcome {
        let got = outcome_name(&sim.outcome);
        let want = match want {
            ExpectedOutcome::Completed => "completed",
            ExpectedOutcome::Denied => "denied",
            ExpectedOutcome::Waiting => "waiting",
            ExpectedOutcome::Continued => "continued",
            ExpectedOutcome::Error => "error",
        };
        if got != want {
            failures.push(format!("expected outcome `{want}`, got `{got}`"));
        }
    }
    if let Some(stages) = &expect.stages {
        if *stages != sim.completed_stages {
            failures.push(format!(
                "expected stages [{}], got [{}]",
                stages.join(", "),
                sim.completed_stages.join(", ")
            ));
        }
    }
    failures
}

pub fn outcome_name(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Completed { .. } => "completed",
        Outcome::Denied { .. } => "denied",
        Outcome::Waiting { .. } => "waiting",
        Outcome::Continued { .. } => "continued",
        Outcome::Error { .. } => "error",
    }
}
