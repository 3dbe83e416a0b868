use crate::catalog::ModelKind;
use crate::declare_rule;
use crate::finding::Sink;
use crate::world::WorldCx;

declare_rule! {
    /// ## What it does
    /// Checks that no two stages of *different* types in the world share a `name`
    /// (entries of the same stage model with the same name update one object).
    ///
    /// ## Why is this bad?
    /// Every stage type is a child of one `Stage` table whose `name` is unique. The
    /// second entry looks for a stage of its own type with that name, finds none,
    /// tries to create one and fails: `Serializer errors {'name': ['stage with this
    /// name already exists.']}`. The blueprint fails, also when the other stage comes
    /// from another file.
    ///
    /// ## Severity
    /// Error: `Stage.name` is unique across all stage types, so creating the second stage
    /// fails (`stage with this name already exists.`) and the blueprint is rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_stages_identification.identificationstage
    ///   identifiers: {name: sign-in}
    /// - model: authentik_stages_password.passwordstage
    ///   identifiers: {name: sign-in}
    ///   attrs: {backends: [authentik.core.auth.InbuiltBackend]}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_stages_identification.identificationstage
    ///   identifiers: {name: sign-in-identification}
    /// - model: authentik_stages_password.passwordstage
    ///   identifiers: {name: sign-in-password}
    ///   attrs: {backends: [authentik.core.auth.InbuiltBackend]}
    /// ```
    pub static DUPLICATE_STAGE_NAME = {
        code: "FL410",
        name: "duplicate-stage-name",
        family: References,
        severity: Error,
        summary: "Two stages of different types have the same name",
        check: crate::rules::Check::World(check),
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    super::report_duplicate_names(cx.world, ModelKind::Stage, &DUPLICATE_STAGE_NAME, sink);
}
