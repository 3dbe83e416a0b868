//! The prompt stage (`stages/prompt/stage.py`): the answer is validated like
//! `PromptChallengeResponse` (required fields, email fields, two password fields equal,
//! then the validation policies on this stage's answer alone), then merged into
//! `prompt_data`.

use super::executor::{Simulator, StageResult};
use super::json::Json;
use super::policy::{PolicyRequest, evaluate_list};
use super::scenario::Response;
use super::state::{CtxValue, PlanContext, PromptValue, SimUser};

/// Prompt field types that never reach `prompt_data`.
const NOT_STORED: &[&str] = &[
    "static",
    "separator",
    "alert_info",
    "alert_warning",
    "alert_danger",
];

/// Types whose serializer field is never required (`Prompt.field()`): hidden and
/// static values come from the stage, read-only text is not posted, a checkbox left
/// out is false.
const NEVER_REQUIRED: &[&str] = &[
    "hidden",
    "checkbox",
    "text_read_only",
    "text_area_read_only",
];

impl Simulator<'_> {
    pub(super) fn prompt(&mut self, stage: usize, name: &str) -> StageResult {
        let response = self.take_response(name);
        let given = match response {
            Response::Invalid => {
                return StageResult::InvalidResponse("the scenario answers invalid".to_owned());
            }
            Response::Valid => None,
            Response::Values(values) => Some(values),
        };
        let user = self.user(self.pending().or(self.scenario_user)).cloned();
        let mut values: Vec<PromptValue> = Vec::new();
        let mut passwords: Vec<Json> = Vec::new();
        for field in self.model.obj(stage).references("fields") {
            let f = self.model.obj(field);
            let ty = f.str_or("type", "text");
            let key = f.str_or("field_key", "").to_owned();
            if key.is_empty() || NOT_STORED.contains(&ty) {
                continue;
            }
            let supplied = given
                .as_ref()
                .and_then(|g| g.iter().rev().find(|(k, _)| *k == key))
                .map(|(_, v)| v.clone());
            if given.is_some() {
                let required = f.bool_or("required", true) && !NEVER_REQUIRED.contains(&ty);
                if let Some(problem) = answer_problem(ty, &key, supplied.as_ref(), required) {
                    return StageResult::InvalidResponse(problem);
                }
                if ty == "username" {
                    if let Some(taken) = supplied.as_ref().and_then(|v| self.username_taken(v)) {
                        return StageResult::InvalidResponse(format!(
                            "`{key}`: Username is already taken. (user `{taken}` exists)"
                        ));
                    }
                }
            }
            let generated = supplied.is_none();
            let value = supplied.unwrap_or_else(|| {
                let required = f.bool_or("required", true);
                generated_value(
                    ty,
                    &key,
                    f.str_or("initial_value", ""),
                    required,
                    user.as_ref(),
                )
            });
            if ty == "password" {
                passwords.push(value.clone());
            }
            values.push(PromptValue {
                secret: ty == "password" || is_secret_key(&key),
                key,
                value,
                generated,
            });
        }
        // `_validate_password_fields`: exactly two password fields must be equal.
        if given.is_some() && passwords.len() == 2 && passwords[0] != passwords[1] {
            return StageResult::InvalidResponse("Passwords don't match.".to_owned());
        }
        if given.is_some() {
            // The validation policies see this stage's answer alone as `prompt_data`
            // (`engine.request.context[PLAN_CONTEXT_PROMPT] = attrs`), not the plan.
            let mut request_context = PlanContext::default();
            request_context.set("prompt_data", CtxValue::Prompt(values.clone()));
            let policies = self.model.obj(stage).references("validation_policies");
            let who = self.pending().or(self.request_user);
            let result = {
                let req = PolicyRequest {
                    user: who.and_then(|u| self.users.get(u)),
                    context: &request_context,
                };
                evaluate_list(self.model, &policies, &req, &mut self.answers)
            };
            if !result.passing {
                return StageResult::InvalidResponse(format!(
                    "validation policies: {}",
                    result.summary()
                ));
            }
        }
        let mut context = self
            .plan
            .as_ref()
            .map(|p| p.context.clone())
            .unwrap_or_default();
        let mut data: Vec<PromptValue> = context.prompt().to_vec();
        for value in values {
            upsert(&mut data, value);
        }
        context.set("prompt_data", CtxValue::Prompt(data));
        if let Some(plan) = self.plan.as_mut() {
            plan.context = context;
        }
        StageResult::Ok("prompt_data stored".to_owned())
    }
}

impl Simulator<'_> {
    /// `username_field_validator`: another user (of the blueprints, the scenario, or
    /// created in this run) holds exactly this username; the pending user (else the
    /// logged-in user) does not count. authentik checks no email uniqueness.
    fn username_taken(&self, value: &Json) -> Option<String> {
        let name = value.as_str()?;
        let me = self.pending().or(self.request_user);
        self.users
            .iter()
            .enumerate()
            .find(|(i, u)| u.username == name && Some(*i) != me)
            .map(|(_, u)| u.username.clone())
    }
}

/// What DRF says of one field of a posted answer, if it rejects it.
fn answer_problem(ty: &str, key: &str, value: Option<&Json>, required: bool) -> Option<String> {
    let blank = value.is_none_or(|v| matches!(v, Json::Null) || v.as_str() == Some(""));
    if value.is_none() && required {
        return Some(format!("`{key}`: This field is required."));
    }
    if ty == "email" && !blank {
        let text = value.and_then(Json::as_str).unwrap_or_default();
        if !crate::rules::values::is_valid_email(text) {
            return Some(format!("`{key}`: Enter a valid email address."));
        }
    }
    None
}

/// A made-up answer for a field of a plain `valid` response: a valid answer leaves no
/// required text field blank (a text field keyed `username` or `email` gets the user's).
fn generated_value(
    ty: &str,
    key: &str,
    initial: &str,
    required: bool,
    user: Option<&SimUser>,
) -> Json {
    let username = || Json::str(user.map_or("user", |u| u.username.as_str()));
    let email = || Json::str(user.map_or("user@example.com", |u| u.email.as_str()));
    match ty {
        "username" => username(),
        "email" => email(),
        "checkbox" => Json::Bool(true),
        "text" | "text_area" if initial.is_empty() && key == "username" => username(),
        "text" | "text_area" if initial.is_empty() && key == "email" => email(),
        "text" | "text_area" if initial.is_empty() && required => Json::str(key),
        _ => Json::str(initial),
    }
}

/// `dict.update` for one key: an existing key keeps its place.
pub(super) fn upsert(data: &mut Vec<PromptValue>, value: PromptValue) {
    match data.iter_mut().find(|p| p.key == value.key) {
        Some(slot) => *slot = value,
        None => data.push(value),
    }
}

/// Keys whose values flowlint never prints, whatever the field type.
pub(super) fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["password", "secret", "token"]
        .iter()
        .any(|word| key.contains(word))
}
