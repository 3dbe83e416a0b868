use crate::catalog::ModelKind;
use crate::declare_rule;
use crate::finding::Sink;
use crate::world::WorldCx;

declare_rule! {
    /// ## What it does
    /// Checks that no two policies of *different* types in the world share a `name`
    /// (entries of the same policy model with the same name update one object).
    ///
    /// ## Why is this bad?
    /// Policy names are unique across all policy types (one `Policy` table). The
    /// second entry finds no policy of its own type with that name, tries to create
    /// one and fails with `Serializer errors {'name': ['policy with this name already
    /// exists.']}`; the blueprint fails.
    ///
    /// ## Severity
    /// Error: policy names are unique across all policy types, so creating the second
    /// policy fails (`policy with this name already exists.`) and the blueprint is rolled
    /// back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_policies_expression.expressionpolicy
    ///   identifiers: {name: login-policy}
    ///   attrs: {expression: return True}
    /// - model: authentik_policies_reputation.reputationpolicy
    ///   identifiers: {name: login-policy}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_policies_expression.expressionpolicy
    ///   identifiers: {name: login-expression}
    ///   attrs: {expression: return True}
    /// - model: authentik_policies_reputation.reputationpolicy
    ///   identifiers: {name: login-reputation}
    /// ```
    pub static DUPLICATE_POLICY_NAME = {
        code: "FL411",
        name: "duplicate-policy-name",
        family: References,
        severity: Error,
        summary: "Two policies of different types have the same name",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    super::report_duplicate_names(cx.world, ModelKind::Policy, &DUPLICATE_POLICY_NAME, sink);
}
