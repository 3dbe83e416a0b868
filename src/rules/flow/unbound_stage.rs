use std::collections::HashSet;

use crate::catalog::ModelKind;
use crate::declare_rule;
use crate::finding::Sink;
use crate::world::graph::{GEdge, GKind};
use crate::world::{KeyOfOutcome, WorldCx};

declare_rule! {
    /// ## What it does
    /// Reports stages that no flow of the world binds and no other stage refers to
    /// (`password_stage`, `captcha_stage`, `webauthn_stage`, `configuration_stages`).
    /// Only stages declared in a blueprint that also declares a flow are judged: a
    /// blueprint of stages alone is a library for flows elsewhere.
    ///
    /// ## Why is this bad?
    /// Such a stage never runs. Often a binding was forgotten or points at another
    /// stage by mistake. It may also be bound by a blueprint flowlint was not given,
    /// hence only information.
    ///
    /// ## Severity
    /// Info, and opt-in: the stage may be bound by a blueprint flowlint was not given or
    /// in the admin interface, so the finding is a guess. Enable it with `--extend-select
    /// FL509` or `extend-select = ["FL509"]`.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_stages_user_login.userloginstage
    ///   id: stage-login
    ///   identifiers: {name: login}
    /// # no binding uses !KeyOf stage-login
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_stages_user_login.userloginstage
    ///   id: stage-login
    ///   identifiers: {name: login}
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers: {target: !KeyOf flow, stage: !KeyOf stage-login, order: 100}
    /// ```
    pub static UNBOUND_STAGE = {
        code: "FL509",
        name: "unbound-stage",
        family: Flow,
        severity: Info,
        summary: "A stage is bound to no flow in the world",
        check: crate::rules::Check::World(check),
        opt_in: true,
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    let g = &world.graph.graph;
    // A `!KeyOf` to a later entry fails (reported by keyof-unresolved), but the stage
    // was meant to be used: do not pile an info on top.
    let forward: HashSet<usize> = world
        .keyof_sites
        .iter()
        .filter_map(|s| match s.outcome {
            KeyOfOutcome::Forward(t) => Some(t),
            _ => None,
        })
        .collect();
    for stage in g.node_indices().filter(|n| g[*n].kind == GKind::Stage) {
        let used = !world
            .graph
            .incoming(stage, |e| matches!(e, GEdge::Stage | GEdge::Ref(_)))
            .is_empty();
        if used {
            continue;
        }
        let Some(idx) = super::first_entry(world, stage) else {
            continue;
        };
        let we = &world.entries[idx];
        if g[stage].entries.iter().any(|e| forward.contains(e)) || we.state.is_none() {
            continue;
        }
        // A blueprint without flows is a library of stages for flows elsewhere.
        if !world
            .entries_of(we.bp)
            .iter()
            .any(|e| e.kind == ModelKind::Flow)
        {
            continue;
        }
        sink.report_in(
            &UNBOUND_STAGE,
            we.file,
            super::field_span(world, idx, "name"),
            format!("stage `{}` is bound to no flow in the world and no stage refers to it: it never runs", g[stage].label),
        )
        .label("never bound")
        .help("bind it with an `authentik_flows.flowstagebinding`, or remove it");
    }
}
