//! The scenario's `user` and `invitation`: who identifies (devices included) and the
//! invitation they present.

use super::json::Json;
use super::scenario::{Reader, node_json};
use crate::error::ToolError;
use crate::rules::suggest::did_you_mean;
use crate::yaml::{Node, NodeKind, ScalarValue};

/// The user who identifies during the flow.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioUser {
    pub username: String,
    /// `None`: the blueprint user's, else empty.
    pub email: Option<String>,
    /// `None`: the blueprint user's literal pk, else 1.
    pub pk: Option<i64>,
    /// `None`: from group membership (`User.is_superuser`); a value overrides it.
    pub is_superuser: Option<bool>,
    /// `None`: the blueprint user's, else true.
    pub is_active: Option<bool>,
    /// Added to the groups the blueprints give the user.
    pub groups: Vec<String>,
    pub attributes: Option<Json>,
    /// Authenticator device classes (`totp`, `webauthn`, ...); `None`: no devices.
    pub devices: Vec<String>,
}

impl ScenarioUser {
    /// A user known by name only: every other fact comes from the blueprints' user of
    /// that name, or the defaults documented on each field.
    pub fn named(username: String) -> ScenarioUser {
        ScenarioUser {
            username,
            email: None,
            pk: None,
            is_superuser: None,
            is_active: None,
            groups: Vec::new(),
            attributes: None,
            devices: Vec::new(),
        }
    }
}

/// The device classes of `authentik_stages_authenticator_validate` (`DeviceClasses`).
pub const DEVICE_CLASSES: &[&str] = &[
    "static", "totp", "webauthn", "duo", "sms", "email", "mobile",
];

/// An invitation the visitor presents (`?itoken=`).
#[derive(Clone, Debug, PartialEq)]
pub enum InvitationChoice {
    /// An `authentik_stages_invitation.invitation` of the blueprints, by name.
    Named(String),
    /// An invitation described in the scenario.
    Inline {
        fixed_data: Json,
        /// The slug of the flow it is bound to (`Invitation.flow`), if any.
        flow: Option<String>,
        single_use: bool,
    },
}

const USER_KEYS: &[&str] = &[
    "username",
    "email",
    "pk",
    "is_superuser",
    "is_active",
    "groups",
    "attributes",
    "devices",
];
const INVITATION_KEYS: &[&str] = &["fixed_data", "flow", "single_use"];

impl Reader<'_> {
    pub(super) fn user(&self, node: &Node) -> Result<ScenarioUser, ToolError> {
        let mut user = ScenarioUser::named(String::new());
        let mut has_name = false;
        for (key, value) in self.map(node, "user", USER_KEYS)? {
            match key {
                "username" => {
                    user.username = self.string(value, "user.username")?;
                    has_name = true;
                }
                "email" => user.email = Some(self.string(value, "user.email")?),
                "pk" => match value.as_scalar().map(|s| s.value()) {
                    Some(ScalarValue::Int(pk)) => user.pk = Some(pk),
                    _ => return Err(self.error(value, "`user.pk` must be an integer")),
                },
                "is_superuser" => {
                    user.is_superuser = Some(self.boolean(value, "user.is_superuser")?);
                }
                "is_active" => user.is_active = Some(self.boolean(value, "user.is_active")?),
                "groups" => user.groups = self.strings(value, "user.groups")?,
                "devices" => user.devices = self.devices(value)?,
                _ => user.attributes = Some(node_json(value)),
            }
        }
        if !has_name {
            return Err(self.error(node, "`user` needs a `username`"));
        }
        Ok(user)
    }

    fn devices(&self, node: &Node) -> Result<Vec<String>, ToolError> {
        let items = node
            .as_seq()
            .ok_or_else(|| self.error(node, "`user.devices` must be a list"))?;
        let mut out = Vec::new();
        for item in items {
            let class = self.string(item, "user.devices")?;
            if !DEVICE_CLASSES.contains(&class.as_str()) {
                let hint = did_you_mean(&class, DEVICE_CLASSES.iter().copied())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(self.error(
                    item,
                    format!(
                        "unknown device class `{class}`{hint}; one of {}",
                        DEVICE_CLASSES.join(", ")
                    ),
                ));
            }
            out.push(class);
        }
        Ok(out)
    }

    pub(super) fn invitation(&self, node: &Node) -> Result<InvitationChoice, ToolError> {
        if let Some(name) = node.scalar_text().filter(|_| node.as_scalar().is_some()) {
            return Ok(InvitationChoice::Named(name.to_owned()));
        }
        let mut fixed_data = Json::Object(Vec::new());
        let mut flow = None;
        let mut single_use = false;
        for (key, value) in self.map(node, "invitation", INVITATION_KEYS)? {
            match key {
                "fixed_data" => {
                    if !matches!(value.kind, NodeKind::Map(_)) {
                        return Err(self.error(value, "`invitation.fixed_data` must be a mapping"));
                    }
                    fixed_data = node_json(value);
                }
                "flow" => flow = self.opt_string(value, "invitation.flow")?,
                _ => single_use = self.boolean(value, "invitation.single_use")?,
            }
        }
        Ok(InvitationChoice::Inline {
            fixed_data,
            flow,
            single_use,
        })
    }
}
