use crate::catalog::StageEffect;
use crate::declare_rule;
use crate::finding::Sink;
use crate::world::WorldCx;
use crate::world::graph::{GEdge, GKind};

declare_rule! {
    /// ## What it does
    /// Checks policies bound to the binding of a password or MFA (authenticator
    /// validation) stage whose `failure_result` is false (the default).
    ///
    /// ## Why is this bad?
    /// A policy on a stage binding decides whether the stage runs. When the policy
    /// raises (an expression error, missing GeoIP data), its result becomes
    /// `failure_result`. With false the stage is silently skipped: the flow fails
    /// *open* and logs the user in without a password or without MFA (authentik
    /// issue #6169). authentik's own default authentication flow sets
    /// `failure_result: true` on its password-stage policy for this reason.
    ///
    /// Note: the issue that asked for this rule described the opposite polarity
    /// (`failure_result: true` fails open); authentik's engine makes `false` the
    /// failing-open value for stage bindings, so that is what is reported.
    ///
    /// ## Severity
    /// Warning: the blueprint applies and the flow works as meant until the policy
    /// raises; then the stage is skipped and the flow fails open.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_policies.policybinding
    ///   identifiers: {policy: !KeyOf policy-skip-mfa, target: !KeyOf binding-mfa, order: 0}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_policies.policybinding
    ///   identifiers: {policy: !KeyOf policy-skip-mfa, target: !KeyOf binding-mfa, order: 0}
    ///   attrs:
    ///     failure_result: true
    /// ```
    pub static STAGE_POLICY_FAILS_OPEN = {
        code: "FL508",
        name: "stage-policy-fails-open",
        family: Flow,
        severity: Warning,
        summary: "A policy on a password or MFA binding skips the stage when it errors",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    let g = &world.graph.graph;
    for pb in g
        .node_indices()
        .filter(|n| g[*n].kind == GKind::PolicyBinding)
    {
        let Some(&binding) = world
            .graph
            .incoming(pb, |e| *e == GEdge::PolicyBinding)
            .first()
        else {
            continue;
        };
        if g[binding].kind != GKind::Binding {
            continue;
        }
        let Some(stage_model) = super::stage_model(world, binding) else {
            continue;
        };
        // Stages whose skipping lets a user in without proving who they are.
        let guards = world
            .release
            .model(stage_model)
            .is_some_and(|model| model.stage_effect == Some(StageEffect::ProvesIdentity));
        if !guards {
            continue;
        }
        let has_policy = world
            .graph
            .out(pb, &GEdge::Bound)
            .iter()
            .any(|n| g[*n].kind == GKind::Policy);
        if !has_policy {
            continue;
        }
        // The last entry wins for the setting.
        let Some(&idx) = g[pb].entries.last() else {
            continue;
        };
        let we = &world.entries[idx];
        // A disabled binding is left out of every evaluation.
        if we.bool_value("failure_result", false) != Some(false)
            || we.bool_value("enabled", true) == Some(false)
        {
            continue;
        }
        let stage = world
            .graph
            .stage_of(binding)
            .map_or("?".to_string(), |s| g[s].label.to_string());
        let finding = sink.report_in(
            &STAGE_POLICY_FAILS_OPEN,
            we.file,
            super::field_span(world, idx, "failure_result"),
            format!(
                "policy `{}` decides whether stage `{stage}` runs, and `failure_result` is false: if the policy errors, the stage is skipped and the flow fails open",
                g[pb].label
            ),
        );
        finding.label("fails open on errors");
        super::chain(world, finding, binding);
        for policy in world.graph.out(pb, &GEdge::Bound) {
            if let Some(e) = super::first_entry(world, policy) {
                let label = format!("policy `{}`", g[policy].label);
                finding.with_label(world.file_of(e), super::field_span(world, e, "name"), label);
            }
        }
        finding.help(
            "set `failure_result: true` so that an erroring policy keeps the stage in the flow",
        );
    }
}
