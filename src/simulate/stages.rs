//! What each stage type does when it comes up (flow-semantics §3, §6.1), reduced to
//! what changes the plan: responses consumed, context written, users, denials.

use super::executor::{Simulator, StageResult};
use super::json::Json;
use super::scenario::Response;
use super::state::{CtxValue, PlanContext, SimUser};
use crate::catalog::{Behaviour, StageRole};

impl Simulator<'_> {
    pub(super) fn take_response(&mut self, stage: &str) -> Response {
        self.responses
            .get_mut(stage)
            .and_then(|queue| queue.pop_front())
            .unwrap_or(Response::Valid)
    }

    pub(super) fn context_mut(&mut self) -> Option<&mut PlanContext> {
        self.plan.as_mut().map(|p| &mut p.context)
    }

    pub(super) fn pending(&self) -> Option<usize> {
        self.plan.as_ref().and_then(|p| p.context.pending_user())
    }

    pub(super) fn run_stage(&mut self, binding: usize) -> StageResult {
        let stage = self.model.stage_of(binding);
        let name = self.model.obj(stage).name().to_owned();
        let spec = self.model.set.release.model(&self.model.obj(stage).model);
        let role = spec.and_then(|m| m.stage_role);
        let behaviour = spec.and_then(|m| m.behaviour);
        match behaviour {
            Some(Behaviour::Identification) => self.identification(&name),
            Some(Behaviour::Prompt) => self.prompt(stage, &name),
            Some(Behaviour::UserWrite) => self.user_write(stage),
            Some(Behaviour::UserLogin) => self.user_login(),
            Some(Behaviour::UserLogout) => {
                self.request_user = None;
                StageResult::Ok("logged out".to_owned())
            }
            Some(Behaviour::UserDelete) => self.user_delete(),
            Some(Behaviour::Deny) => {
                let from_context = self
                    .plan
                    .as_ref()
                    .and_then(|p| p.context.plain_str("deny_message"));
                let message = from_context
                    .map(str::to_owned)
                    .unwrap_or_else(|| self.model.obj(stage).str_or("deny_message", "").to_owned());
                StageResult::Invalid(Some(message).filter(|m| !m.is_empty()))
            }
            Some(Behaviour::Redirect) => self.redirect(stage),
            Some(Behaviour::InvitationStage) => self.invitation_stage(stage),
            Some(Behaviour::AuthenticatorValidate) => self.authenticator_validate(stage, &name),
            _ => {
                let needs = match role {
                    Some(StageRole::NeedsPendingUser) => self.pending().is_none(),
                    Some(StageRole::NeedsUser) => self.pending().or(self.request_user).is_none(),
                    _ => false,
                };
                if needs {
                    return StageResult::Invalid(Some("No pending user.".to_owned()));
                }
                if behaviour == Some(Behaviour::Password) {
                    return self.password(stage, &name);
                }
                match self.take_response(&name) {
                    Response::Invalid => {
                        StageResult::InvalidResponse("the scenario answers invalid".to_owned())
                    }
                    _ if behaviour == Some(Behaviour::Email) => self.email_confirmed(stage),
                    _ => StageResult::Ok(String::new()),
                }
            }
        }
    }

    /// The email stage's link was followed (`EmailStageView.get` with the token):
    /// `activate_user_on_success` activates the pending user.
    fn email_confirmed(&mut self, stage: usize) -> StageResult {
        if !self
            .model
            .obj(stage)
            .bool_or("activate_user_on_success", false)
        {
            return StageResult::Ok(String::new());
        }
        match self.pending() {
            Some(user) => {
                self.users[user].is_active = true;
                StageResult::Ok(format!(
                    "link followed; activate_user_on_success activated `{}`",
                    self.users[user].username
                ))
            }
            None => StageResult::Ok(String::new()),
        }
    }

    /// `UserDeleteStageView`: deletes `get_pending_user()` (the pending user, else the
    /// logged-in user), logs the session out and drops `pending_user` from the plan.
    fn user_delete(&mut self) -> StageResult {
        let Some(user) = self.pending().or(self.request_user) else {
            return StageResult::Invalid(Some("No Pending User.".to_owned()));
        };
        let username = self.users[user].username.clone();
        self.request_user = None;
        if let Some(ctx) = self.context_mut() {
            ctx.remove("pending_user");
        }
        StageResult::Ok(format!("user `{username}` deleted and logged out"))
    }

    fn identification(&mut self, name: &str) -> StageResult {
        let Some(user) = self.scenario_user else {
            return StageResult::Wait(
                "an anonymous visitor cannot identify (the scenario has no `user`)".to_owned(),
            );
        };
        if self.take_response(name) == Response::Invalid {
            return StageResult::InvalidResponse("the scenario answers invalid".to_owned());
        }
        let username = self.users[user].username.clone();
        if let Some(ctx) = self.context_mut() {
            ctx.set("pending_user", CtxValue::User(user));
        }
        StageResult::Ok(format!("pending user `{username}`"))
    }

    /// `PasswordStageView.challenge_valid`: the backends refuse a wrong password and
    /// an inactive user alike (`ModelBackend.user_can_authenticate`), which
    /// `challenge_invalid` counts in the session (`SESSION_KEY_INVALID_TRIES`, one
    /// count for every password stage): the stage is shown again, whatever the
    /// binding's `invalid_response_action` (the response itself was well-formed), until
    /// the count reaches `failed_attempts_before_cancel` (default 5), which calls
    /// `stage_invalid("Invalid password")` (authentik's `TestPasswordStage`: the
    /// limit-th wrong password is denied). A response without a password (`{password:
    /// ""}`) does not validate: `invalid_response_action` applies.
    fn password(&mut self, stage: usize, name: &str) -> StageResult {
        let answer = match self.responses.get_mut(name).and_then(|q| q.pop_front()) {
            Some(answer) => answer,
            None if self.password_wrong => Response::Invalid,
            None => Response::Valid,
        };
        let inactive = self.user(self.pending()).is_some_and(|u| !u.is_active);
        if let Response::Values(values) = &answer {
            let given = values.iter().rev().find(|(k, _)| k == "password");
            let problem = match given.map(|(_, v)| v) {
                None => Some("This field is required."),
                Some(v) if v.as_str().is_none_or(str::is_empty) => {
                    Some("This field may not be blank.")
                }
                Some(_) => None,
            };
            if let Some(problem) = problem {
                return StageResult::InvalidResponse(format!("`password`: {problem}"));
            }
        }
        let why = match answer {
            Response::Invalid => "wrong password",
            _ if inactive => "the user is inactive: the backends refuse it like a wrong password",
            _ => {
                self.password_ok(stage);
                return StageResult::Ok(String::new());
            }
        };
        let limit = self
            .model
            .obj(stage)
            .int("failed_attempts_before_cancel")
            .unwrap_or(5);
        self.invalid_tries += 1;
        if self.invalid_tries >= limit {
            let count = self.invalid_tries;
            self.invalid_tries = 0;
            return StageResult::Deny(
                Some("Invalid password".to_owned()),
                format!(
                    "{why}: {count} failed attempts reach failed_attempts_before_cancel ({limit})"
                ),
            );
        }
        StageResult::Retry(format!(
            "{why} (\"Invalid password\"), failed attempt {} (failed_attempts_before_cancel {limit})",
            self.invalid_tries
        ))
    }

    fn password_ok(&mut self, stage: usize) {
        let backend = match self.model.obj(stage).get("backends") {
            Some(crate::eval::Value::Seq(items)) => {
                items.first().and_then(|v| v.as_str()).map(str::to_owned)
            }
            _ => None,
        };
        if let Some(ctx) = self.context_mut() {
            ctx.set(
                "user_backend",
                CtxValue::Plain(Json::Str(
                    backend.unwrap_or_else(|| "authentik.core.auth.InbuiltBackend".to_owned()),
                )),
            );
            if !ctx.contains("auth_method") {
                ctx.set("auth_method", CtxValue::Plain(Json::str("password")));
            }
            if !ctx.contains("auth_method_args") {
                ctx.set(
                    "auth_method_args",
                    CtxValue::Plain(Json::Object(Vec::new())),
                );
            }
        }
    }

    fn user_write(&mut self, stage: usize) -> StageResult {
        let Some(ctx) = self.plan.as_ref().map(|p| &p.context) else {
            return StageResult::Invalid(None);
        };
        if !ctx.contains("prompt_data") {
            return StageResult::Invalid(Some("No Pending data.".to_owned()));
        }
        let text = |k: &str| {
            ctx.prompt()
                .iter()
                .find(|p| p.key == k)
                .and_then(|p| p.value.as_str().map(str::to_owned))
        };
        let (username, email) = (text("username"), text("email"));
        // A username the scenario gave (not one flowlint made up for `valid`).
        let given_username = ctx
            .prompt()
            .iter()
            .find(|p| p.key == "username" && !p.generated)
            .and_then(|p| p.value.as_str().map(str::to_owned));
        let model = self.model;
        let obj = model.obj(stage);
        let mode = obj.str_or("user_creation_mode", "create_when_required");
        // authentik: a logged-in request user becomes the pending user when none is set
        // (`plan.context.setdefault(PLAN_CONTEXT_PENDING_USER, request.user)`).
        let pending = ctx.pending_user().or(self.request_user);
        let create =
            mode == "always_create" || (mode == "create_when_required" && pending.is_none());
        // `User.username` is unique: saving a second user with it raises
        // IntegrityError, which the stage turns into this denial.
        if let Some(name) = &given_username {
            let clash =
                self.users.iter().enumerate().any(|(i, u)| {
                    &u.username == name && (create || pending.is_some_and(|p| p != i))
                });
            if clash {
                return StageResult::Invalid(Some(
                    "Failed to update user. Please try again later.".to_owned(),
                ));
            }
        }
        let index = if create {
            let group = obj
                .reference("create_users_group")
                .map(|g| model.obj(g).name().to_owned());
            let groups: Vec<String> = group.into_iter().collect();
            let user = SimUser {
                username: username.unwrap_or_default(),
                email: email.unwrap_or_default(),
                pk: self.users.iter().map(|u| u.pk).max().unwrap_or(0) + 1,
                is_superuser: super::users::in_superuser_group(model, &groups),
                superuser_override: None,
                is_active: !obj.bool_or("create_users_as_inactive", false),
                groups,
                devices: Vec::new(),
                declared: false,
            };
            self.users.push(user);
            self.users.len() - 1
        } else {
            let Some(index) = pending else {
                return StageResult::Invalid(Some(
                    "No user found and can't create new user.".to_owned(),
                ));
            };
            let user = &mut self.users[index];
            if let Some(name) = username {
                user.username = name;
            }
            if let Some(mail) = email {
                user.email = mail;
            }
            index
        };
        if let Some(ctx) = self.context_mut() {
            ctx.set("pending_user", CtxValue::User(index));
        }
        // authentik refuses to save a user with an empty username.
        if self.users[index].username.is_empty() {
            return StageResult::Invalid(None);
        }
        let verb = if create { "created" } else { "updated" };
        StageResult::Ok(format!("{verb} user `{}`", self.users[index].username))
    }

    fn user_login(&mut self) -> StageResult {
        let Some(user) = self.pending() else {
            return StageResult::Invalid(Some("No Pending user to login.".to_owned()));
        };
        if !self.users[user].is_active {
            return StageResult::Invalid(None);
        }
        self.request_user = Some(user);
        StageResult::Ok(format!("logged in as `{}`", self.users[user].username))
    }

    fn redirect(&mut self, stage: usize) -> StageResult {
        let obj = self.model.obj(stage);
        let current = self.plan.as_ref().map(|p| p.flow);
        let override_target = self
            .plan
            .as_ref()
            .and_then(|p| p.context.plain_str("redirect_stage_target"));
        let target_flow = match override_target {
            Some(t) => match t.strip_prefix("ak-flow://") {
                Some(slug) => self.model.flow_by_slug(slug),
                None => return StageResult::Leave(t.to_owned()),
            },
            None if obj.str_or("mode", "") == "static" => {
                let to = obj.str_or("target_static", "");
                if to.is_empty() {
                    return StageResult::Invalid(Some(NO_TARGET.to_owned()));
                }
                return StageResult::Leave(to.to_owned());
            }
            None => obj
                .reference("target_flow")
                .filter(|f| self.model.set.live(*f).is_some()),
        };
        let (Some(target), Some(current)) = (target_flow, current) else {
            return StageResult::Invalid(Some(NO_TARGET.to_owned()));
        };
        let mut context = match (obj.bool_or("keep_context", true), self.plan.as_ref()) {
            (true, Some(plan)) => plan.context.clone(),
            _ => PlanContext::default(),
        };
        context.set("is_redirected", CtxValue::Flow(current));
        let slug = self.model.obj(target).str_or("slug", "").to_owned();
        match self.plan_flow(target, context) {
            Ok((plan, notes)) => {
                StageResult::Switch(plan, format!("redirect continues in flow `{slug}`{notes}"))
            }
            Err(super::planner::PlanError::NonApplicable(messages, why)) => {
                let message = if messages.is_empty() {
                    why
                } else {
                    messages.join("\n")
                };
                StageResult::Invalid(Some(message))
            }
            Err(super::planner::PlanError::Empty(notes)) => StageResult::Error(format!(
                "the redirect's target flow `{slug}` planned no stages{notes}: switch_flow_with_context does not catch EmptyFlowException"
            )),
        }
    }
}

const NO_TARGET: &str =
    "No target found for Redirect stage. The stage's target_flow may have been deleted.";
