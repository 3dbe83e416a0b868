use crate::declare_rule;
use crate::finding::{Severity, Sink};
use crate::model::EntryState;
use crate::world::WorldCx;
use crate::world::graph::GKind;

declare_rule! {
    /// ## What it does
    /// Checks binding entries that bind the same stage to the same flow at the same
    /// `order`. Error when authentik would try to create a second binding (the later
    /// entry's identifiers do not find the first one, or it has `state: must_created`);
    /// warning when the later entry of the same file just updates the first one
    /// (the first entry's settings are silently overwritten).
    ///
    /// ## Why is this bad?
    /// `(target, stage, order)` is unique: a second binding fails with a serializer
    /// error and the blueprint fails. A repeated entry that updates the first one is
    /// dead or conflicting configuration.
    ///
    /// ## Severity
    /// Error: `(target, stage, order)` is unique on `FlowStageBinding`, so creating the
    /// second binding fails and the blueprint is rolled back. When the later entry of the
    /// same file only updates the first, the finding is a warning (its settings silently
    /// win).
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-login, order: 100}
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-login, order: 100}
    ///   attrs: {re_evaluate_policies: false, evaluate_on_plan: true}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-login, order: 100}
    ///   attrs: {re_evaluate_policies: false, evaluate_on_plan: true}
    /// ```
    pub static DUPLICATE_STAGE_BINDING = {
        code: "FL502",
        name: "duplicate-stage-binding",
        family: Flow,
        severity: Error,
        summary: "Two bindings have the same flow, stage and order",
        check: crate::rules::Check::World(check),
    };
}

const TRIPLE: [&str; 4] = ["target", "stage", "order", "pk"];

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    let g = &world.graph.graph;
    for node in g.node_indices().filter(|n| g[*n].kind == GKind::Binding) {
        let entries = &g[node].entries;
        // The graph merges entries with the same (flow, stage, order) into one node.
        let Some(&first) = entries.first() else {
            continue;
        };
        for &idx in entries.iter().skip(1) {
            let we = &world.entries[idx];
            let other = &world.entries[first];
            let differs = we
                .identifier_fields()
                .iter()
                .filter(|f| !TRIPLE.contains(&f.name()))
                .any(|f| {
                    other.value(f.name()).is_some_and(|v| {
                        v.is_fully_known() && f.value.is_fully_known() && *v != f.value
                    })
                });
            let must_create = we.state == Some(EntryState::MustCreated);
            let same_file = we.bp == other.bp;
            if !(differs || must_create || same_file) {
                continue;
            }
            let message = if must_create {
                "this binding already exists (an earlier entry binds the same stage at the same order) and `state: must_created` fails".to_string()
            } else if differs {
                "an earlier entry binds the same stage to the same flow at the same order, and this entry's identifiers do not find it: creating a second binding fails because (target, stage, order) is unique".to_string()
            } else {
                "an earlier entry of this file already binds the same stage to the same flow at the same order; this entry only updates it and overwrites its settings".to_string()
            };
            let finding = sink.report_in(
                &DUPLICATE_STAGE_BINDING,
                we.file,
                super::field_span(world, idx, "order"),
                message,
            );
            if !(differs || must_create) {
                finding.severity = Severity::Warning;
            }
            finding.label("duplicate binding").with_label(
                other.file,
                other.span(),
                "first binding with this flow, stage and order",
            );
            super::chain(world, finding, node);
            finding.help("keep one binding entry per stage and order; change `order` to bind the stage twice");
        }
    }
}
