//! Users and the plan context, and the context's inspector form (`sanitize_dict`,
//! flow-semantics §5.3) with secrets masked.

use uuid::Uuid;

use super::flows::FlowModel;
use super::json::Json;
use super::model::namespace;

/// What flowlint prints instead of a secret value.
pub const MASK: &str = "********";

/// A user known to the simulation: the scenario user or one a user write created.
#[derive(Clone, Debug, PartialEq)]
pub struct SimUser {
    pub username: String,
    pub email: String,
    pub pk: i64,
    pub is_superuser: bool,
    /// The scenario's `is_superuser`, which wins over group membership.
    pub superuser_override: Option<bool>,
    pub is_active: bool,
    /// Direct group names.
    pub groups: Vec<String>,
    /// Authenticator device classes the user has configured.
    pub devices: Vec<String>,
    /// Declared by the blueprints (the scenario's user may be too).
    pub declared: bool,
}

/// One answered prompt field.
#[derive(Clone, Debug, PartialEq)]
pub struct PromptValue {
    pub key: String,
    pub value: Json,
    /// A password field: masked in output.
    pub secret: bool,
    /// Made up by flowlint for a plain `valid` answer (its content is not meaningful).
    pub generated: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CtxValue {
    Plain(Json),
    /// A user, by index into the simulation's users.
    User(usize),
    /// A flow object (for `is_redirected`), by object index.
    Flow(usize),
    /// Any other model instance, by object index (`sanitize_dict`'s model form).
    Object(usize),
    /// The outpost the request came from.
    Outpost,
    Prompt(Vec<PromptValue>),
}

/// `plan.context`, in insertion order like a Python dict.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanContext {
    entries: Vec<(String, CtxValue)>,
}

impl PlanContext {
    pub fn get(&self, key: &str) -> Option<&CtxValue> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn set(&mut self, key: &str, value: CtxValue) {
        match self.entries.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.entries.push((key.to_owned(), value)),
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// `del context[key]` (nothing when absent).
    pub fn remove(&mut self, key: &str) {
        self.entries.retain(|(k, _)| k != key);
    }

    pub fn pending_user(&self) -> Option<usize> {
        match self.get("pending_user") {
            Some(CtxValue::User(u)) => Some(*u),
            _ => None,
        }
    }

    pub fn prompt(&self) -> &[PromptValue] {
        match self.get("prompt_data") {
            Some(CtxValue::Prompt(values)) => values,
            _ => &[],
        }
    }

    /// A string value of a plain key.
    pub fn plain_str(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(CtxValue::Plain(Json::Str(s))) => Some(s),
            _ => None,
        }
    }

    /// The inspector's `plan_context`.
    pub fn sanitize(&self, model: &FlowModel, users: &[SimUser]) -> Json {
        Json::Object(
            self.entries
                .iter()
                .map(|(k, v)| (k.clone(), sanitize_value(v, model, users)))
                .collect(),
        )
    }
}

fn sanitize_value(value: &CtxValue, model: &FlowModel, users: &[SimUser]) -> Json {
    match value {
        CtxValue::Plain(json) => sanitize_json(json),
        CtxValue::User(u) => match users.get(*u) {
            Some(user) => Json::object([
                ("username", Json::str(&user.username)),
                ("pk", Json::Int(user.pk)),
                ("email", Json::str(&user.email)),
            ]),
            None => Json::Null,
        },
        CtxValue::Flow(f) => {
            let flow = model.obj(*f);
            Json::object([
                ("app", Json::str("authentik_flows")),
                ("model_name", Json::str("flow")),
                ("pk", Json::str(flow.pk.simple().to_string())),
                ("name", Json::str(flow.name())),
            ])
        }
        CtxValue::Object(o) => {
            let obj = model.obj(*o);
            let (app, name) = obj
                .model
                .split_once('.')
                .unwrap_or(("", obj.model.as_str()));
            Json::object([
                ("app", Json::str(app)),
                ("model_name", Json::str(name)),
                ("pk", Json::str(obj.pk.simple().to_string())),
                ("name", Json::str(obj.name())),
            ])
        }
        CtxValue::Outpost => Json::object([(
            "instance",
            Json::object([
                ("app", Json::str("authentik_outposts")),
                ("model_name", Json::str("outpost")),
                ("pk", Json::str(outpost_pk().simple().to_string())),
                ("name", Json::str("authentik Embedded Outpost")),
            ]),
        )]),
        CtxValue::Prompt(values) => Json::Object(
            values
                .iter()
                .map(|p| {
                    let v = if p.secret {
                        Json::str(MASK)
                    } else {
                        sanitize_json(&p.value)
                    };
                    (p.key.clone(), v)
                })
                .collect(),
        ),
    }
}

/// Lists lose their falsy items, recursively.
fn sanitize_json(json: &Json) -> Json {
    match json {
        Json::Array(items) => Json::Array(
            items
                .iter()
                .filter(|i| i.truthy())
                .map(sanitize_json)
                .collect(),
        ),
        Json::Object(pairs) => Json::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.clone(), sanitize_json(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

pub fn outpost_pk() -> Uuid {
    Uuid::new_v5(&namespace(), b"outpost:authentik Embedded Outpost")
}
