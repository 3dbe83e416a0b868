//! The planner (flow-semantics §2.3–§2.4): authentication requirement, flow
//! policies, then the bindings in `order` with `evaluate_on_plan` filtering.

use super::executor::Simulator;
use super::inspector::Plan;
use super::policy::{PolicyRequest, evaluate};
use super::state::{CtxValue, PlanContext};
use crate::catalog::Behaviour;

/// Why planning produced no plan.
pub(super) enum PlanError {
    /// `FlowNonApplicableException`: policy messages and flowlint's explanation.
    NonApplicable(Vec<String>, String),
    /// `EmptyFlowException`, with notes on dropped stages.
    Empty(String),
}

impl Simulator<'_> {
    /// `FlowPlanner(flow).plan(request, default_context)` without the plan cache
    /// (a simulated session starts cold). Returns the plan and notes for the step.
    pub(super) fn plan_flow(
        &mut self,
        flow: usize,
        mut context: PlanContext,
    ) -> Result<(Plan, String), PlanError> {
        let obj = self.model.obj(flow);
        let requirement = obj.str_or("authentication", "none").to_owned();
        if let Some(why) = self.refuses(&requirement, &context) {
            return Err(PlanError::NonApplicable(Vec::new(), why));
        }
        if self.outpost {
            context.set("outpost", CtxValue::Outpost);
        }
        let planning_user = context.pending_user().or(self.request_user);
        let flow_result = {
            let req = PolicyRequest {
                user: planning_user.and_then(|u| self.users.get(u)),
                context: &context,
            };
            evaluate(self.model, flow, &req, &mut self.answers)
        };
        if !flow_result.passing {
            let why = format!("flow policies: {}", flow_result.summary());
            return Err(PlanError::NonApplicable(flow_result.messages, why));
        }
        let mut plan = Plan {
            flow,
            bindings: Vec::new(),
            reevaluate: Vec::new(),
            context,
        };
        let mut notes: Vec<String> = Vec::new();
        for &binding in self.model.bindings_of(flow) {
            let b = self.model.obj(binding);
            if b.bool_or("evaluate_on_plan", false) {
                let result = {
                    let req = PolicyRequest {
                        user: planning_user.and_then(|u| self.users.get(u)),
                        context: &plan.context,
                    };
                    evaluate(self.model, binding, &req, &mut self.answers)
                };
                if !result.passing {
                    notes.push(format!(
                        "`{}` dropped at plan time: {}",
                        self.stage_name(binding),
                        result.summary()
                    ));
                    continue;
                }
            }
            plan.bindings.push(binding);
            plan.reevaluate
                .push(b.bool_or("re_evaluate_policies", true));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!("; {}", notes.join("; "))
        };
        if plan.bindings.is_empty() {
            return Err(PlanError::Empty(notes));
        }
        Ok((plan, notes))
    }

    /// `_check_authentication`: why the requirement refuses this request, if it does.
    fn refuses(&self, requirement: &str, context: &PlanContext) -> Option<String> {
        let user = self.user(self.request_user);
        let refused = match requirement {
            "none" => false,
            "require_authenticated" => user.is_none(),
            "require_unauthenticated" => user.is_some(),
            "require_superuser" => !user.is_some_and(|u| u.is_superuser),
            "require_redirect" => !context.contains("is_redirected"),
            "require_outpost" => !self.outpost,
            // `require_token` and anything newer: behaviour unknown, refuse.
            _ => true,
        };
        refused.then(|| format!("authentication `{requirement}` refuses the request"))
    }
}

impl Simulator<'_> {
    /// `FlowPlanner.plan` caches the plan under `cache_key(flow, user)`; an anonymous
    /// visitor's key has no user pk, so every anonymous visitor gets the first one's
    /// plan for `cache.timeout_flows` (300 s) without its `evaluate_on_plan` bindings
    /// being evaluated again. Says so when such a binding depends on the visitor.
    pub(super) fn shared_plan_note(&self, flow: usize) -> String {
        let designation = self.model.obj(flow).str_or("designation", "");
        if self.request_user.is_some() || designation == "stage_configuration" {
            return String::new();
        }
        let mut found: Vec<String> = Vec::new();
        for &binding in self.model.bindings_of(flow) {
            if !self.model.obj(binding).bool_or("evaluate_on_plan", false) {
                continue;
            }
            for &pb in self.model.policy_bindings_of(binding) {
                let b = self.model.obj(pb);
                let Some(policy) = b
                    .reference("policy")
                    .filter(|p| self.model.set.live(*p).is_some())
                else {
                    continue;
                };
                if !b.bool_or("enabled", true) {
                    continue;
                }
                let obj = self.model.obj(policy);
                let behaviour = self
                    .model
                    .set
                    .release
                    .model(&obj.model)
                    .and_then(|m| m.behaviour);
                if let Some(Behaviour::PerVisitorPolicy(kind)) = behaviour {
                    found.push(format!(
                        "`{}` ({kind} policy `{}`)",
                        self.stage_name(binding),
                        obj.name()
                    ));
                }
            }
        }
        if found.is_empty() {
            return String::new();
        }
        format!(
            "; shared plan: authentik caches an anonymous visitor's plan for every anonymous visitor (300 s, cache.timeout_flows) and does not evaluate plan-time bindings again, so the plan-time result of {} is whichever anonymous visitor planned first",
            found.join(", ")
        )
    }
}
