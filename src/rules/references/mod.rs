//! FL4xx: references between entries and between files (`!KeyOf`, `!Find`, names,
//! blueprints applying blueprints). All run once per world.

mod blueprint_apply_cycle;
mod duplicate_blueprint_name;
mod duplicate_entry_id;
mod duplicate_policy_name;
mod duplicate_stage_name;
mod find_matches_nothing;
mod hard_coded_pk;
mod keyof_move;
mod keyof_unresolved;
mod missing_applied_blueprint;
mod raw_pk_reference;
mod reference_to_missing_flow;
mod reference_to_wrong_model;
mod truthy_string_condition;

pub use blueprint_apply_cycle::BLUEPRINT_APPLY_CYCLE;
pub use duplicate_blueprint_name::DUPLICATE_BLUEPRINT_NAME;
pub use duplicate_entry_id::DUPLICATE_ENTRY_ID;
pub use duplicate_policy_name::DUPLICATE_POLICY_NAME;
pub use duplicate_stage_name::DUPLICATE_STAGE_NAME;
pub use find_matches_nothing::FIND_MATCHES_NOTHING;
pub use hard_coded_pk::HARD_CODED_PK;
pub use keyof_unresolved::KEYOF_UNRESOLVED;
pub use missing_applied_blueprint::MISSING_APPLIED_BLUEPRINT;
pub use raw_pk_reference::RAW_PK_REFERENCE;
pub use reference_to_missing_flow::REFERENCE_TO_MISSING_FLOW;
pub use reference_to_wrong_model::REFERENCE_TO_WRONG_MODEL;
pub use truthy_string_condition::TRUTHY_STRING_CONDITION;

use crate::catalog::ModelKind;
use crate::finding::Sink;
use crate::rules::Rule;
use crate::world::{EntryIdx, World};

/// Report two entries declaring objects with the same `name` that cannot be the same
/// object (different models): `kind` is the model family whose names are unique.
pub(crate) fn report_duplicate_names(
    world: &World<'_, '_>,
    kind: ModelKind,
    rule: &'static Rule,
    sink: &mut Sink,
) {
    let mut first: foldhash::HashMap<&str, EntryIdx> = foldhash::HashMap::default();
    let mut reported: foldhash::HashSet<(&str, Option<&str>)> = foldhash::HashSet::default();
    for (idx, we) in world.entries.iter().enumerate() {
        if we.kind != kind || !we.has_instance() {
            continue;
        }
        let Some(field) = we.field("name") else {
            continue;
        };
        let Some(name) = field.value.as_str() else {
            continue;
        };
        let Some(&earlier) = first.get(name) else {
            first.insert(name, idx);
            continue;
        };
        let other = &world.entries[earlier];
        if other.model_id() == we.model_id() {
            // Same model: the later entry finds and updates the same object.
            continue;
        }
        if !reported.insert((name, we.model_id())) {
            continue;
        }
        let what = if kind == ModelKind::Stage {
            "stage"
        } else {
            "policy"
        };
        let (this_model, other_model) = (
            we.model.map_or("?", |m| m.model_name.as_str()),
            other.model.map_or("?", |m| m.model_name.as_str()),
        );
        sink.report_in(
            rule,
            we.file,
            field.pair.value.span,
            format!(
                "{what} name `{name}` is already used by the {other_model} in {}; {what} names are unique across all {what} types, so creating this {this_model} fails with \"{what} with this name already exists\"",
                world.path(other.file)
            ),
        )
        .label(format!("second {what} named `{name}`"))
        .with_label(
            other.file,
            other.field("name").map_or(other.span(), |f| f.pair.value.span),
            format!("first {what} named `{name}` ({other_model})"),
        )
        .help(format!("give every {what} a unique name, e.g. `<flow>-{this_model}`"));
    }
}
