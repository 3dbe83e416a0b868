//! The users of a run as authentik sees them: the users the blueprints declare, the
//! scenario's user merged into the blueprint user of the same username, and
//! `User.is_superuser` from group membership (`authentik/core/models.py`: a member,
//! directly or through any ancestor group, of a group with `is_superuser`). The install
//! baseline's users (`akadmin`, ...) exist too, and its groups (`authentik Admins`, a
//! superuser group) count where the blueprints do not declare a group of that name.

use super::flows::FlowModel;
use super::scenario::ScenarioUser;
use super::state::SimUser;
use crate::catalog::ModelKind;

/// Every user of the world, and the index of the scenario's user among them. The
/// scenario's user comes first.
pub fn world_users(
    model: &FlowModel,
    scenario: Option<&ScenarioUser>,
) -> (Vec<SimUser>, Option<usize>) {
    let mut declared: Vec<SimUser> = model
        .set
        .of_kind(ModelKind::User)
        .filter(|(i, _)| model.set.live(*i).is_some())
        .filter_map(|(i, _)| declared_user(model, i))
        .collect();
    let mut users = Vec::new();
    let mut scenario_index = None;
    if let Some(sc) = scenario {
        let base = declared
            .iter()
            .position(|u| u.username == sc.username)
            .map(|i| declared.remove(i));
        users.push(merge(model, base, sc));
        scenario_index = Some(0);
    }
    users.extend(declared);
    for object in model
        .set
        .baseline
        .objects()
        .filter(|o| is_kind(model, &o.model, ModelKind::User))
    {
        let Some(username) = object.field("username") else {
            continue;
        };
        if users.iter().any(|u| u.username == username) {
            continue;
        }
        users.push(SimUser {
            username: username.to_owned(),
            email: object.field("email").unwrap_or_default().to_owned(),
            pk: 0,
            is_superuser: false,
            superuser_override: None,
            is_active: true,
            groups: Vec::new(),
            devices: Vec::new(),
            declared: false,
        });
    }
    // Users without a literal pk get the next free ones, in declaration order.
    let mut next = users.iter().map(|u| u.pk).max().unwrap_or(0).max(1);
    for user in users.iter_mut().filter(|u| u.pk == 0) {
        next += 1;
        user.pk = next;
    }
    for user in &mut users {
        if user.superuser_override.is_none() {
            user.is_superuser = in_superuser_group(model, &user.groups);
        }
    }
    (users, scenario_index)
}

/// A blueprint user: `username`, `email`, `is_active`, its `groups` and the groups
/// whose `users` name it.
fn declared_user(model: &FlowModel, index: usize) -> Option<SimUser> {
    let obj = model.obj(index);
    let username = obj.get("username")?.as_str()?.to_owned();
    let mut groups: Vec<String> = obj
        .references("groups")
        .into_iter()
        .filter(|g| model.set.live(*g).is_some())
        .map(|g| model.obj(g).name().to_owned())
        .collect();
    for (g, group) in model.set.of_kind(ModelKind::Group) {
        if model.set.live(g).is_some()
            && group.references("users").contains(&index)
            && !groups.iter().any(|n| n == group.name())
        {
            groups.push(group.name().to_owned());
        }
    }
    Some(SimUser {
        username,
        email: obj.str_or("email", "").to_owned(),
        pk: obj.int("pk").unwrap_or(0),
        is_superuser: false,
        superuser_override: None,
        is_active: obj.bool_or("is_active", true),
        groups,
        devices: Vec::new(),
        declared: true,
    })
}

/// The scenario's user over the blueprint user of the same username: what the
/// scenario states wins, its groups are added to the blueprint's.
fn merge(model: &FlowModel, base: Option<SimUser>, sc: &ScenarioUser) -> SimUser {
    let declared = base.is_some();
    let mut user = base.unwrap_or_else(|| SimUser {
        username: sc.username.clone(),
        email: String::new(),
        pk: 1,
        is_superuser: false,
        superuser_override: None,
        is_active: true,
        groups: Vec::new(),
        devices: Vec::new(),
        declared: false,
    });
    if let Some(email) = &sc.email {
        user.email = email.clone();
    }
    if let Some(pk) = sc.pk {
        user.pk = pk;
    } else if user.pk == 0 {
        user.pk = 1;
    }
    if let Some(active) = sc.is_active {
        user.is_active = active;
    }
    for group in &sc.groups {
        if !user.groups.contains(group) {
            user.groups.push(group.clone());
        }
    }
    user.superuser_override = sc.is_superuser;
    user.is_superuser = sc
        .is_superuser
        .unwrap_or_else(|| in_superuser_group(model, &user.groups));
    user.devices = sc.devices.clone();
    user.declared = declared;
    user
}

/// `User.is_superuser`: any of the groups or their ancestors has `is_superuser`. A
/// group the blueprints do not declare may be one of the install baseline's.
pub fn in_superuser_group(model: &FlowModel, groups: &[String]) -> bool {
    let closure = model.group_closure(groups);
    let declared: Vec<&str> = model
        .set
        .of_kind(ModelKind::Group)
        .filter(|(g, _)| model.set.live(*g).is_some())
        .map(|(_, g)| g.name())
        .collect();
    let in_blueprints = model
        .set
        .of_kind(ModelKind::Group)
        .filter(|(g, _)| model.set.live(*g).is_some())
        .any(|(_, g)| g.bool_or("is_superuser", false) && closure.iter().any(|n| n == g.name()));
    let in_baseline = model.set.baseline.objects().any(|o| {
        is_kind(model, &o.model, ModelKind::Group)
            && o.field("is_superuser") == Some("True")
            && o.field("name")
                .is_some_and(|name| !declared.contains(&name) && closure.iter().any(|n| n == name))
    });
    in_blueprints || in_baseline
}

/// Whether a baseline object's `model_id` is a model of `kind` in the run's release.
fn is_kind(model: &FlowModel, model_id: &str, kind: ModelKind) -> bool {
    model
        .set
        .release
        .model(model_id)
        .is_some_and(|m| m.kind == kind)
}
