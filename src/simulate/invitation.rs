//! The invitation the scenario presents (`?itoken=`), resolved against the blueprints'
//! `authentik_stages_invitation.invitation` objects, and the invitation stage
//! (`authentik/stages/invitation/stage.py`, `InvitationStageView.get`).

use super::SimError;
use super::executor::{Invitation, Simulator, StageResult};
use super::flows::FlowModel;
use super::json::Json;
use super::scenario::InvitationChoice;
use super::state::{CtxValue, PromptValue};
use crate::catalog::Behaviour;
use crate::eval::Value;

/// The scenario's `invitation:` as the run sees it.
pub fn resolve(
    model: &FlowModel,
    choice: Option<&InvitationChoice>,
) -> Result<Option<Invitation>, SimError> {
    let Some(choice) = choice else {
        return Ok(None);
    };
    match choice {
        InvitationChoice::Named(name) => {
            let found = model
                .set
                .objects
                .iter()
                .enumerate()
                .filter(|(i, o)| is_invitation(model, &o.model) && model.set.live(*i).is_some())
                .find(|(_, o)| o.name() == name);
            let Some((_, obj)) = found else {
                return Err(SimError::UnknownInvitation(format!(
                    "`invitation` names `{name}`, but no invitation of the blueprints has that name"
                )));
            };
            let flow = obj.reference("flow");
            Ok(Some(Invitation {
                name: name.clone(),
                fixed_data: obj
                    .get("fixed_data")
                    .map_or(Json::Object(Vec::new()), json_of),
                flow,
                flow_missing: flow.is_none()
                    && obj.get("flow").is_some_and(|v| !matches!(v, Value::Null)),
                single_use: obj.bool_or("single_use", false),
            }))
        }
        InvitationChoice::Inline {
            fixed_data,
            flow,
            single_use,
        } => {
            let target = match flow {
                Some(slug) => Some(model.flow_by_slug(slug).ok_or_else(|| {
                    SimError::UnknownInvitation(format!(
                        "`invitation.flow` is `{slug}`, but no flow of the blueprints has that slug"
                    ))
                })?),
                None => None,
            };
            Ok(Some(Invitation {
                name: "(scenario)".to_owned(),
                fixed_data: fixed_data.clone(),
                flow: target,
                flow_missing: false,
                single_use: *single_use,
            }))
        }
    }
}

/// A blueprint value as JSON (unknowns as null).
fn json_of(value: &Value<'_>) -> Json {
    match value {
        // `!!binary` is refused by the invitation's JSON field on import.
        Value::Null | Value::Unknown | Value::KeyOf(_) | Value::Bytes(_) => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::Int(*i),
        Value::Float(f) => Json::Float(*f),
        Value::BigInt(s) | Value::Str(s) | Value::Timestamp(s) => Json::Str(s.to_string()),
        Value::Seq(items) => Json::Array(items.iter().map(json_of).collect()),
        Value::Map(pairs) => Json::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.as_str().unwrap_or_default().to_owned(), json_of(v)))
                .collect(),
        ),
    }
}

impl Simulator<'_> {
    /// `InvitationStageView.get`: without a valid invitation for this flow the stage
    /// continues when `continue_flow_without_invitation`, else `stage_invalid()`; with
    /// one, `fixed_data` is merged over `prompt_data`.
    pub(super) fn invitation_stage(&mut self, stage: usize) -> StageResult {
        let current = self.plan.as_ref().map(|p| p.flow);
        let usable = self
            .invitation
            .clone()
            .filter(|inv| !inv.flow_missing && inv.flow.is_none_or(|f| Some(f) == current));
        let Some(invite) = usable else {
            let why = match &self.invitation {
                Some(inv) => format!("invitation `{}` is for another flow", inv.name),
                None => "no invitation".to_owned(),
            };
            if self
                .model
                .obj(stage)
                .bool_or("continue_flow_without_invitation", false)
            {
                return StageResult::Ok(format!("{why}; continue_flow_without_invitation"));
            }
            return StageResult::Deny(None, format!("{why}, continue_flow_without_invitation off"));
        };
        let Some(plan) = self.plan.as_mut() else {
            return StageResult::Invalid(None);
        };
        plan.context
            .set("invitation_in_effect", CtxValue::Plain(Json::Bool(true)));
        let mut data: Vec<PromptValue> = plan.context.prompt().to_vec();
        if let Json::Object(pairs) = &invite.fixed_data {
            for (key, value) in pairs {
                super::prompt::upsert(
                    &mut data,
                    PromptValue {
                        secret: super::prompt::is_secret_key(key),
                        key: key.clone(),
                        value: value.clone(),
                        generated: false,
                    },
                );
            }
        }
        plan.context.set("prompt_data", CtxValue::Prompt(data));
        let single = if invite.single_use {
            "; single use: deleted when the flow ends"
        } else {
            ""
        };
        StageResult::Ok(format!(
            "invitation `{}` in effect, its fixed_data merged into prompt_data{single}",
            invite.name
        ))
    }
}

/// Whether `model_id` is the invitation model of the run's release.
fn is_invitation(model: &FlowModel, model_id: &str) -> bool {
    model
        .set
        .release
        .model(model_id)
        .is_some_and(|m| m.behaviour == Some(Behaviour::Invitation))
}
