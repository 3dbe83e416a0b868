//! The executor (flow-semantics §3): markers, stage results, `stage_ok` history,
//! `stage_invalid` with restarts, `_flow_done` and `denied_action`.

use std::collections::{HashMap, VecDeque};

use super::flows::FlowModel;
use super::inspector::{Inspector, Plan, inspection};
use super::json::Json;
use super::policy::{Answers, PolicyRequest, evaluate};
use super::scenario::Response;
use super::state::{PlanContext, SimUser};

/// Executor steps after which a run is stopped (a restart loop never ends).
const MAX_STEPS: usize = 10_000;
/// Restarts after which a run is stopped (a stage that always restarts the flow).
pub(super) const MAX_RESTARTS: usize = 100;

/// How a run ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The plan ran out (or a static redirect left the flow): the client is sent to `to`.
    Completed { to: String },
    /// Not applicable, a deny stage, a stage that failed, or an invalid `next`.
    Denied { message: String },
    /// Stopped at a stage the scenario cannot get past (anonymous identification, a
    /// loop); the plan stays in the session.
    Waiting { stage: String, reason: String },
    /// The flow did not apply and its `denied_action` (`continue`, or
    /// `message_continue` with a relative `?next=`) sent the user on to `to` without
    /// an error.
    Continued { to: String, action: String },
    /// authentik ends in a flow error (`FlowErrorChallenge`, `ak-stage-flow-error`):
    /// an exception the executor does not handle.
    Error { reason: String },
}

/// One executor step: why, and what the inspector would answer right after it (the
/// first `history_len` snapshots of the run's history and the live plan).
#[derive(Clone, Debug)]
pub struct Step {
    pub reason: String,
    pub history_len: usize,
    pub live: Option<Json>,
}

/// What a stage did when it came up.
pub(super) enum StageResult {
    Ok(String),
    /// The challenge response failed validation: `invalid_response_action` applies.
    InvalidResponse(String),
    /// `stage_invalid(message)`.
    Invalid(Option<String>),
    /// `stage_invalid(message)`, and why (for the step).
    Deny(Option<String>, String),
    /// The stage is shown again with an error, whatever `invalid_response_action`
    /// says (the stage's own `challenge_invalid` on a well-formed response).
    Retry(String),
    /// An exception the executor turns into a flow error.
    Error(String),
    /// The scenario cannot answer this stage.
    Wait(String),
    /// A redirect stage switched to another flow's plan.
    Switch(Plan, String),
    /// A static redirect: the client leaves the flow.
    Leave(String),
}

pub struct Simulator<'m> {
    pub(super) model: &'m FlowModel,
    pub(super) inspector: Inspector<'m>,
    pub(super) answers: Answers,
    pub(super) users: Vec<SimUser>,
    /// The scenario user (who identifies).
    pub(super) scenario_user: Option<usize>,
    /// The logged-in request user.
    pub(super) request_user: Option<usize>,
    pub(super) outpost: bool,
    pub(super) next: Option<String>,
    pub(super) responses: HashMap<String, VecDeque<Response>>,
    pub(super) plan: Option<Plan>,
    history: Vec<Json>,
    pub(super) completed: Vec<String>,
    steps: Vec<Step>,
    session_id: String,
    pub(super) restarts: usize,
    /// `SESSION_KEY_INVALID_TRIES`: wrong passwords in this session, one count for
    /// every password stage, kept across restarts.
    pub(super) invalid_tries: i64,
    pub(super) password_wrong: bool,
    pub(super) invitation: Option<Invitation>,
}

/// An invitation the visitor presents, resolved against the blueprints.
#[derive(Clone, Debug)]
pub struct Invitation {
    pub name: String,
    pub fixed_data: Json,
    /// The flow object it is bound to.
    pub flow: Option<usize>,
    /// Bound to a flow the blueprints do not have: valid for no flow.
    pub flow_missing: bool,
    pub single_use: bool,
}

/// Who runs the flow and how: built from the scenario.
pub struct Setup {
    pub users: Vec<SimUser>,
    pub scenario_user: Option<usize>,
    pub authenticated: bool,
    pub outpost: bool,
    pub next: Option<String>,
    pub responses: HashMap<String, VecDeque<Response>>,
    pub password_wrong: bool,
    pub invitation: Option<Invitation>,
}

impl<'m> Simulator<'m> {
    pub fn new(model: &'m FlowModel, answers: Answers, setup: Setup, session_id: String) -> Self {
        let scenario_user = setup.scenario_user;
        Simulator {
            model,
            inspector: Inspector::new(model),
            answers,
            users: setup.users,
            scenario_user,
            request_user: if setup.authenticated {
                scenario_user
            } else {
                None
            },
            outpost: setup.outpost,
            next: setup.next,
            responses: setup.responses,
            password_wrong: setup.password_wrong,
            invitation: setup.invitation,
            plan: None,
            history: Vec::new(),
            completed: Vec::new(),
            steps: Vec::new(),
            session_id,
            restarts: 0,
            invalid_tries: 0,
        }
    }

    pub fn into_parts(self) -> (Vec<Step>, Vec<Json>, Answers, Vec<String>) {
        (self.steps, self.history, self.answers, self.completed)
    }

    /// The inspector response now.
    pub fn inspection(&self) -> Json {
        let live = self
            .plan
            .as_ref()
            .map(|p| self.inspector.plan(p, &self.users, &self.session_id));
        inspection(&self.history, live)
    }

    pub(super) fn step(&mut self, reason: String) {
        let live = self
            .plan
            .as_ref()
            .map(|p| self.inspector.plan(p, &self.users, &self.session_id));
        self.steps.push(Step {
            reason,
            history_len: self.history.len(),
            live,
        });
    }

    pub(super) fn user(&self, index: Option<usize>) -> Option<&SimUser> {
        index.and_then(|i| self.users.get(i))
    }

    pub(super) fn stage_name(&self, binding: usize) -> String {
        self.model
            .obj(self.model.stage_of(binding))
            .name()
            .to_owned()
    }

    /// Run `flow` from a fresh session to its end.
    pub fn run(&mut self, flow: usize) -> Outcome {
        self.history.clear();
        match self.plan_flow(flow, PlanContext::default()) {
            Ok((plan, notes)) => {
                let names: Vec<String> =
                    plan.bindings.iter().map(|b| self.stage_name(*b)).collect();
                let shared = self.shared_plan_note(flow);
                self.plan = Some(plan);
                self.step(format!(
                    "planned flow `{}`: [{}]{notes}{shared}",
                    self.slug(flow),
                    names.join(", ")
                ));
            }
            Err(super::planner::PlanError::Empty(notes)) => {
                return self.flow_done(format!("flow `{}` has no stages{notes}", self.slug(flow)));
            }
            Err(super::planner::PlanError::NonApplicable(messages, why)) => {
                let designation = self.model.obj(flow).str_or("designation", "");
                if designation == "authentication" && self.request_user.is_some() {
                    return self.flow_done(format!(
                        "not applicable ({why}), but the user is already logged in"
                    ));
                }
                return self.handle_invalid_flow(flow, messages, why);
            }
        }
        self.execute()
    }

    fn slug(&self, flow: usize) -> String {
        self.model.obj(flow).str_or("slug", "").to_owned()
    }

    fn execute(&mut self) -> Outcome {
        while self.steps.len() < MAX_STEPS {
            let binding = match self.next_binding() {
                Ok(binding) => binding,
                Err(why) => return self.flow_done(why),
            };
            let name = self.stage_name(binding);
            match self.run_stage(binding) {
                StageResult::Ok(note) => {
                    if let Some(outcome) = self.stage_ok(binding, &name, note) {
                        return outcome;
                    }
                }
                StageResult::InvalidResponse(why) => {
                    let action = self
                        .model
                        .obj(binding)
                        .str_or("invalid_response_action", "retry")
                        .to_owned();
                    if action == "retry" {
                        self.step(format!(
                            "stage `{name}`: invalid response ({why}); retry re-shows the stage"
                        ));
                    } else if let Some(outcome) =
                        self.restart(action == "restart_with_context", &name, &why)
                    {
                        return outcome;
                    }
                }
                StageResult::Invalid(message) => {
                    if let Some(outcome) = self.stage_invalid(binding, &name, message, None) {
                        return outcome;
                    }
                }
                StageResult::Deny(message, why) => {
                    if let Some(outcome) = self.stage_invalid(binding, &name, message, Some(why)) {
                        return outcome;
                    }
                }
                StageResult::Retry(why) => {
                    self.step(format!("stage `{name}`: {why}; the stage is shown again"));
                }
                StageResult::Error(reason) => {
                    self.step(format!("stage `{name}`: flow error: {reason}"));
                    return Outcome::Error { reason };
                }
                StageResult::Wait(reason) => {
                    self.step(format!("stage `{name}`: {reason}; the flow waits here"));
                    return Outcome::Waiting {
                        stage: name,
                        reason,
                    };
                }
                StageResult::Switch(plan, why) => {
                    self.plan = Some(plan);
                    self.step(format!("stage `{name}`: {why}"));
                }
                StageResult::Leave(to) => {
                    self.step(format!(
                        "stage `{name}`: static redirect to `{to}`; the client leaves the flow"
                    ));
                    return Outcome::Completed { to };
                }
            }
        }
        let stage = self
            .plan
            .as_ref()
            .and_then(|p| p.bindings.first())
            .map(|b| self.stage_name(*b));
        let reason = format!("stopped after {MAX_STEPS} steps");
        Outcome::Waiting {
            stage: stage.unwrap_or_default(),
            reason,
        }
    }

    /// `FlowPlan.next`: run markers until a binding stays. Drops are reported as
    /// steps once the request has a stage to show; when none is left they become
    /// part of the `_flow_done` reason.
    fn next_binding(&mut self) -> Result<usize, String> {
        let mut dropped: Vec<String> = Vec::new();
        let found = loop {
            let Some(plan) = self.plan.as_ref() else {
                break None;
            };
            let (Some(&binding), Some(&reevaluate)) =
                (plan.bindings.first(), plan.reevaluate.first())
            else {
                break None;
            };
            if !reevaluate {
                break Some(binding);
            }
            let user = plan.context.pending_user().or(self.request_user);
            let result = {
                let req = PolicyRequest {
                    user: user.and_then(|u| self.users.get(u)),
                    context: &plan.context,
                };
                evaluate(self.model, binding, &req, &mut self.answers)
            };
            if result.passing {
                break Some(binding);
            }
            if let Some(plan) = self.plan.as_mut() {
                plan.bindings.remove(0);
                plan.reevaluate.remove(0);
            }
            dropped.push(format!(
                "stage `{}` dropped on re-evaluation: {}",
                self.stage_name(binding),
                result.summary()
            ));
        };
        match found {
            Some(binding) => {
                for reason in dropped {
                    self.step(reason);
                }
                Ok(binding)
            }
            None => {
                dropped.push("no stages left".to_owned());
                Err(dropped.join("; "))
            }
        }
    }

    fn stage_ok(&mut self, binding: usize, name: &str, note: String) -> Option<Outcome> {
        let snapshot = self
            .plan
            .as_ref()
            .map(|p| self.inspector.plan(p, &self.users, &self.session_id))?;
        self.history.push(snapshot);
        self.completed.push(name.to_owned());
        let plan = self.plan.as_mut()?;
        if plan.bindings.first() == Some(&binding) {
            plan.bindings.remove(0);
            plan.reevaluate.remove(0);
        }
        let empty = plan.bindings.is_empty();
        let note = if note.is_empty() {
            String::new()
        } else {
            format!(" ({note})")
        };
        if empty {
            return Some(self.flow_done(format!("stage `{name}` completed{note}; no stages left")));
        }
        self.step(format!("stage `{name}` completed{note}"));
        None
    }
}
