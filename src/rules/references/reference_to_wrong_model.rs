use crate::catalog::{FieldSpec, ModelKind, ModelSpec, RefTarget};
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::world::{FindOutcome, World, WorldCx, WorldEntry};

declare_rule! {
    /// ## What it does
    /// Checks that a reference attribute points at an object of the kind it takes: a
    /// flow-stage binding's `stage` at a stage and `target` at a flow, a policy
    /// binding's `policy` at a policy, `group` at a group, `user` at a user and
    /// `target` at something policies can be bound to (a flow, a flow-stage binding,
    /// an application, a source, ...), flow fields at flows, `fields` of a prompt stage
    /// at prompts, and so on. It follows `!KeyOf` to the entry it names and reads the
    /// model of a `!Find`.
    ///
    /// Decisions: only objects whose kind flowlint knows (flows, stages, policies,
    /// bindings, groups, users, prompts) are judged; a model it cannot place is
    /// given the benefit of the doubt.
    ///
    /// ## Why is this bad?
    /// `!KeyOf` and `!Find` give the object's primary key, and the reference field
    /// looks it up among the objects of its own kind: a policy's key names no stage,
    /// so authentik rejects the entry with "Invalid pk "…" - object does not exist."
    /// and the blueprint does not apply (a policy binding's target fails the same way).
    ///
    /// ## Severity
    /// Error: the reference field looks the primary key up among objects of its own kind
    /// (`Invalid pk ... object does not exist.`), the entry fails and the blueprint is
    /// rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers:
    ///     target: !KeyOf flow
    ///     stage: !KeyOf policy-is-admin   # a policy, not a stage
    ///     order: 10
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers:
    ///     target: !KeyOf flow
    ///     stage: !KeyOf stage-deny
    ///     order: 10
    /// ```
    pub static REFERENCE_TO_WRONG_MODEL = {
        code: "FL412",
        name: "reference-to-wrong-model",
        family: References,
        severity: Error,
        summary: "A reference attribute points at an object of another kind",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    for (idx, we) in world.entries.iter().enumerate() {
        if we.model.is_none() || !we.has_instance() {
            continue;
        }
        for field in we.fields().iter() {
            let Some(spec) = field.spec else { continue };
            let Some(wanted) = target_of(spec) else {
                continue;
            };
            let values: Vec<&Value<'_>> = match &field.value {
                Value::Seq(items) => items.iter().collect(),
                v => vec![v],
            };
            for value in values {
                let Some(target) = world.target_of(idx, value) else {
                    continue;
                };
                let t = &world.entries[target];
                let Some(model) = t.model else { continue };
                if fits(wanted, model) {
                    continue;
                }
                sink.report_in(
                    &REFERENCE_TO_WRONG_MODEL,
                    we.file,
                    field.pair.value.span,
                    format!(
                        "`{}` of {} takes {}, but refers to {}; authentik finds no such object by that key (\"object does not exist\")",
                        field.name(),
                        we.describe(),
                        target_name(wanted),
                        t.describe()
                    ),
                )
                .label(format!("not {}", target_name(wanted)))
                .with_label(t.file, t.span(), "the referenced entry")
                .help(help(wanted));
            }
        }
    }
    check_finds(world, sink);
}

/// `!Find [model, ...]` whose model is of the wrong kind, found or not.
fn check_finds(world: &World<'_, '_>, sink: &mut Sink) {
    for site in &world.find_sites {
        let we: &WorldEntry<'_, '_> = &world.entries[site.entry];
        if !we.has_instance() {
            continue;
        }
        let (Some(field), Some(model_id)) = (site.field, site.model_id) else {
            continue;
        };
        let Some(wanted) = we.model.and_then(|m| m.field(field)).and_then(target_of) else {
            continue;
        };
        let Some(model) = world.release.model(model_id) else {
            continue;
        };
        // A `!Find` the world resolved to one of its entries is judged with that
        // entry above, like a `!KeyOf`.
        if fits(wanted, model) || matches!(site.outcome, FindOutcome::Found(_)) {
            continue;
        }
        sink.report_in(
            &REFERENCE_TO_WRONG_MODEL,
            we.file,
            site.node.span,
            format!(
                "`{field}` of {} takes {}, but this `!Find` looks up `{}`; authentik finds no such object by that key (\"object does not exist\")",
                we.describe(),
                target_name(wanted),
                site.model
            ),
        )
        .label(format!("not {}", target_name(wanted)))
        .help(help(wanted));
    }
}

/// What a reference attribute (or each item of a list of references) points at.
fn target_of(spec: &FieldSpec) -> Option<RefTarget> {
    spec.reference
        .or_else(|| spec.items.as_ref().and_then(|i| i.reference))
}

/// Whether an object of `model` can be the target. Models flowlint cannot place
/// (kind `Other` or `Meta`) fit anything but the kinds it knows are something else.
fn fits(wanted: RefTarget, model: &ModelSpec) -> bool {
    let known = matches!(
        model.kind,
        ModelKind::Flow
            | ModelKind::FlowStageBinding
            | ModelKind::PolicyBinding
            | ModelKind::Stage
            | ModelKind::Policy
            | ModelKind::Prompt
            | ModelKind::Group
            | ModelKind::User
    );
    if !known {
        return wanted != RefTarget::Source || model.is_source() || model.kind == ModelKind::Other;
    }
    match wanted {
        RefTarget::Flow => model.kind == ModelKind::Flow,
        RefTarget::Stage => model.kind == ModelKind::Stage,
        RefTarget::Policy => model.kind == ModelKind::Policy,
        RefTarget::Group => model.kind == ModelKind::Group,
        RefTarget::User => model.kind == ModelKind::User,
        RefTarget::Prompt => model.kind == ModelKind::Prompt,
        // Sources are never one of the known kinds.
        RefTarget::Source => false,
        // `PolicyBindingModel`s: flows, flow-stage bindings, applications, sources.
        RefTarget::PolicyBindingTarget => {
            matches!(model.kind, ModelKind::Flow | ModelKind::FlowStageBinding)
        }
    }
}

fn target_name(wanted: RefTarget) -> &'static str {
    match wanted {
        RefTarget::Flow => "a flow",
        RefTarget::Stage => "a stage",
        RefTarget::Policy => "a policy",
        RefTarget::Group => "a group",
        RefTarget::User => "a user",
        RefTarget::Prompt => "a prompt",
        RefTarget::Source => "a source",
        RefTarget::PolicyBindingTarget => {
            "something policies bind to (a flow, a flow-stage binding, an application, a source)"
        }
    }
}

fn help(wanted: RefTarget) -> String {
    format!(
        "point it at {}: `!KeyOf <id of such an entry>` or a `!Find` on that model",
        target_name(wanted)
    )
}
