//! The authenticator validation stage (`authentik/stages/authenticator_validate/
//! stage.py`, `AuthenticatorValidateStageView.get` and `prepare_stages`): the user's
//! devices of the classes the stage allows, and `not_configured_action` when there
//! are none.

use super::executor::{Simulator, StageResult};
use super::scenario::{DEVICE_CLASSES, Response};
use super::state::CtxValue;
use crate::eval::Value;

impl Simulator<'_> {
    pub(super) fn authenticator_validate(&mut self, stage: usize, name: &str) -> StageResult {
        let obj = self.model.obj(stage);
        let allowed: Vec<String> = match obj.get("device_classes") {
            Some(Value::Seq(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => DEVICE_CLASSES.iter().map(|c| (*c).to_owned()).collect(),
        };
        let Some(user) = self.pending().or(self.request_user) else {
            return self.validate_without_user(name, &allowed);
        };
        let devices: Vec<String> = self.users[user]
            .devices
            .iter()
            .filter(|d| allowed.contains(d))
            .cloned()
            .collect();
        if devices.is_empty() {
            return self.not_configured(stage, name, &self.users[user].devices.clone());
        }
        match self.take_response(name) {
            Response::Invalid => StageResult::InvalidResponse(
                "the scenario answers a wrong code (the response does not validate)".to_owned(),
            ),
            _ => StageResult::Ok(format!("validated with a {} device", devices[0])),
        }
    }

    /// No pending user and an anonymous request: outside authentication flows the
    /// stage is skipped; in one it offers passwordless WebAuthn when `webauthn` is
    /// allowed, else it is skipped.
    fn validate_without_user(&mut self, name: &str, allowed: &[String]) -> StageResult {
        let designation = self
            .plan
            .as_ref()
            .map(|p| self.model.obj(p.flow).str_or("designation", ""))
            .unwrap_or_default();
        if designation != "authentication" || !allowed.iter().any(|c| c == "webauthn") {
            return StageResult::Ok("no user: skipped".to_owned());
        }
        let passkey = self
            .scenario_user
            .filter(|u| self.users[*u].devices.iter().any(|d| d == "webauthn"));
        let Some(user) = passkey else {
            return StageResult::Wait(
                "no user yet: the stage asks for a passkey (passwordless WebAuthn) and the scenario's user has no webauthn device".to_owned(),
            );
        };
        if self.take_response(name) == Response::Invalid {
            return StageResult::InvalidResponse("the scenario answers invalid".to_owned());
        }
        let username = self.users[user].username.clone();
        if let Some(ctx) = self.context_mut() {
            ctx.set("pending_user", CtxValue::User(user));
        }
        StageResult::Ok(format!("passwordless WebAuthn: pending user `{username}`"))
    }

    /// `not_configured_action`: `skip` continues, `deny` denies, `configure` inserts
    /// the configuration stage right after this one (the scenario picks one when there
    /// are several; none configured denies).
    fn not_configured(&mut self, stage: usize, name: &str, has: &[String]) -> StageResult {
        let obj = self.model.obj(stage);
        let none = if has.is_empty() {
            "the user has no authenticator device".to_owned()
        } else {
            format!(
                "none of the user's devices ({}) is of a class the stage allows",
                has.join(", ")
            )
        };
        match obj.str_or("not_configured_action", "skip") {
            "deny" => StageResult::Invalid(Some(
                "No (allowed) MFA authenticator configured.".to_owned(),
            )),
            "configure" => {
                let stages: Vec<usize> = obj
                    .references("configuration_stages")
                    .into_iter()
                    .filter(|s| self.model.set.live(*s).is_some())
                    .collect();
                let single = stages.len() == 1;
                let chosen = match stages.as_slice() {
                    [] => {
                        return StageResult::Deny(
                            None,
                            format!(
                                "{none}; not_configured_action configure, but no configuration_stages"
                            ),
                        );
                    }
                    [only] => *only,
                    several => match self.take_response(name) {
                        Response::Values(values) => {
                            let pick = values
                                .iter()
                                .find(|(k, _)| k == "configure")
                                .and_then(|(_, v)| v.as_str().map(str::to_owned));
                            match several
                                .iter()
                                .find(|s| Some(self.model.obj(**s).name()) == pick.as_deref())
                            {
                                Some(s) => *s,
                                None => {
                                    return StageResult::InvalidResponse(format!(
                                        "`configure: {}` is not one of the configuration stages: Selected stage is invalid",
                                        pick.unwrap_or_default()
                                    ));
                                }
                            }
                        }
                        Response::Invalid => {
                            return StageResult::InvalidResponse(
                                "the scenario answers invalid".to_owned(),
                            );
                        }
                        Response::Valid => {
                            let names: Vec<&str> =
                                several.iter().map(|s| self.model.obj(*s).name()).collect();
                            return StageResult::Wait(format!(
                                "{none}; the user must choose a configuration stage: answer `{{configure: NAME}}` with one of {}",
                                names.join(", ")
                            ));
                        }
                    },
                };
                let chosen_name = self.model.obj(chosen).name().to_owned();
                if let Some(plan) = self.plan.as_mut() {
                    let at = plan.bindings.len().min(1);
                    plan.bindings.insert(at, chosen);
                    plan.reevaluate.insert(at, false);
                    if single {
                        // `PLAN_CONTEXT_SELECTED_STAGE`, set when authentik picks the only one.
                        plan.context.set("selected_stage", CtxValue::Object(chosen));
                    }
                }
                StageResult::Ok(format!(
                    "{none}; not_configured_action configure inserted stage `{chosen_name}` next"
                ))
            }
            _ => StageResult::Ok(format!("{none}; not_configured_action skip")),
        }
    }
}
