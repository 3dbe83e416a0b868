use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a blueprint that authentik's discovery never loads: a `*.yml` file, or
    /// a ConfigMap `data` key without the `.yaml` suffix (authentik's Helm chart mounts
    /// each key as a file of that name).
    ///
    /// ## Why is this bad?
    /// authentik searches its blueprints folder for `**/*.yaml` only
    /// (`blueprints_find` in `authentik/blueprints/v1/tasks.py`): a blueprint named
    /// `login.yml` is silently never applied. The blueprint itself is still checked.
    ///
    /// ## Severity
    /// Warning: the blueprint is valid, but it is not applied as its author evidently
    /// meant (one imported by hand through the admin interface or the API may keep its
    /// name).
    ///
    /// ## Example
    /// `blueprints/login.yml` holding `version: 1` and `entries:`.
    ///
    /// Use instead: `blueprints/login.yaml`.
    pub static NEVER_DISCOVERED = {
        code: "FL021",
        name: "never-discovered",
        family: Syntax,
        severity: Warning,
        summary: "A blueprint is named so that authentik's discovery never loads it",
        check: crate::rules::Check::Builtin,
    };
}
