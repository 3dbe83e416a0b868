//! `stage_invalid` and `restart_flow` (flow-semantics §3.4–§3.5): a denial, or a restart
//! of the flow when the binding's `invalid_response_action` says so, and the flow
//! errors a restart can end in.

use super::executor::{MAX_RESTARTS, Outcome, Simulator};
use super::state::PlanContext;

impl Simulator<'_> {
    pub(super) fn stage_invalid(
        &mut self,
        binding: usize,
        name: &str,
        message: Option<String>,
        why: Option<String>,
    ) -> Option<Outcome> {
        let action = self
            .model
            .obj(binding)
            .str_or("invalid_response_action", "retry")
            .to_owned();
        let text = match (&message, &why) {
            (Some(m), Some(w)) => format!("{w}: {m}"),
            (Some(m), None) => m.clone(),
            (None, Some(w)) => format!("{w}, no message"),
            (None, None) => "no message".to_owned(),
        };
        if action == "restart" || action == "restart_with_context" {
            return self.restart(
                action == "restart_with_context",
                name,
                &format!("stage_invalid: {text}"),
            );
        }
        self.plan = None;
        let shown = message.unwrap_or_else(|| "Unknown error".to_owned());
        match why {
            Some(why) => self.step(format!("stage `{name}` denied access ({why}): {shown}")),
            None => self.step(format!("stage `{name}` denied access: {shown}")),
        }
        Some(Outcome::Denied { message: shown })
    }

    /// `restart_flow(keep_context)`; the history is kept.
    pub(super) fn restart(&mut self, keep: bool, name: &str, why: &str) -> Option<Outcome> {
        self.restarts += 1;
        if self.restarts > MAX_RESTARTS {
            let reason = format!("stopped after {MAX_RESTARTS} restarts (a restart loop)");
            self.step(format!("stage `{name}`: {why}; {reason}"));
            return Some(Outcome::Waiting {
                stage: name.to_owned(),
                reason,
            });
        }
        let plan = self.plan.take()?;
        let context = if keep {
            plan.context.clone()
        } else {
            PlanContext::default()
        };
        let mode = if keep {
            "restart_with_context"
        } else {
            "restart"
        };
        match self.plan_flow(plan.flow, context) {
            Ok((new, notes)) => {
                self.plan = Some(new);
                self.step(format!(
                    "stage `{name}`: {why}; {mode} planned the flow afresh{notes}"
                ));
                None
            }
            Err(super::planner::PlanError::Empty(notes)) => {
                // `restart_flow` does not catch `EmptyFlowException`: the stage's
                // request ends in `handle_exception`.
                let reason = format!(
                    "{mode} after `{name}` planned no stages{notes}: EmptyFlowException is not handled by restart_flow"
                );
                self.step(format!("stage `{name}`: {why}; flow error: {reason}"));
                Some(Outcome::Error { reason })
            }
            Err(super::planner::PlanError::NonApplicable(messages, reason)) => {
                let flow = plan.flow;
                let step = format!("stage `{name}`: {why}; {mode} refused ({reason})");
                if let Some(outcome) = self.denied_continue(flow, &step) {
                    return Some(outcome);
                }
                // `handle_invalid_flow` → `stage_invalid`, whose binding restarts
                // again: the same refusal, until Python's recursion limit.
                let _ = messages;
                let reason = format!(
                    "{mode} is refused ({reason}) and denied_action `{}` calls stage_invalid, which restarts again: the executor recurses until RecursionError",
                    self.model
                        .obj(flow)
                        .str_or("denied_action", "message_continue")
                );
                self.step(format!("{step}; flow error: {reason}"));
                Some(Outcome::Error { reason })
            }
        }
    }
}
