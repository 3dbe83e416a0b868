use crate::catalog::ModelKind;
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::world::WorldCx;

declare_rule! {
    /// ## What it does
    /// Checks that every policy binding sets exactly one of `policy`, `group` and
    /// `user`. A binding without any of them is only judged when the entry has a
    /// `target` (so it may create the binding).
    ///
    /// ## Why is this bad?
    /// The binding serializer rejects it with `Only one of 'policy', 'user', 'group'
    /// can be set.` or `One of 'policy', 'user', 'group' must be set.`, and the
    /// blueprint fails.
    ///
    /// ## Severity
    /// Error: the policy binding serializer's `validate` rejects it, the entry fails and
    /// the blueprint is rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_policies.policybinding
    ///   identifiers: {policy: !KeyOf policy-internal-network, target: !KeyOf binding-login, order: 0}
    ///   attrs:
    ///     group: !KeyOf group-admins
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_policies.policybinding
    ///   identifiers: {policy: !KeyOf policy-internal-network, target: !KeyOf binding-login, order: 0}
    /// - model: authentik_policies.policybinding
    ///   identifiers: {group: !KeyOf group-admins, target: !KeyOf binding-login, order: 1}
    /// ```
    pub static INVALID_POLICY_BINDING_TARGET = {
        code: "FL505",
        name: "invalid-policy-binding-target",
        family: Flow,
        severity: Error,
        summary: "A policy binding sets none or several of policy, group and user",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    for (idx, we) in world.entries.iter().enumerate() {
        if we.kind != ModelKind::PolicyBinding || !we.has_instance() {
            continue;
        }
        let mut set = Vec::new();
        let mut unknown = false;
        for name in ["policy", "group", "user"] {
            match we.value(name) {
                // The relation fields read `""` as null.
                None | Some(Value::Null) => {}
                Some(Value::Str(text)) if text.is_empty() => {}
                Some(Value::Unknown) => unknown = true,
                Some(_) => set.push(name),
            }
        }
        let message = if set.len() > 1 {
            format!(
                "the binding sets {}; authentik rejects it: \"Only one of 'policy', 'user', 'group' can be set.\"",
                set.iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        } else if set.is_empty() && !unknown && we.field("target").is_some() {
            "the binding sets none of `policy`, `group` and `user`; authentik rejects it: \"One of 'policy', 'user', 'group' must be set.\"".to_string()
        } else {
            continue;
        };
        let span = set
            .get(1)
            .map_or(we.span(), |f| super::field_span(world, idx, f));
        let finding = sink.report_in(&INVALID_POLICY_BINDING_TARGET, we.file, span, message);
        finding.label(if set.len() > 1 {
            "second target"
        } else {
            "no policy, group or user"
        });
        if let Some(target) = we.value("target").and_then(|v| world.target_of(idx, v)) {
            let t = &world.entries[target];
            finding.with_label(t.file, t.span(), format!("bound to {}", t.describe()));
        }
        finding.help("write one policy binding per policy, group or user; set the target's `policy_engine_mode: all` if all must pass");
    }
}
