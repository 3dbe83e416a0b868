use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a file named on the command line that is plainly not an authentik
    /// blueprint: a Docker Compose file, a GitHub Actions workflow, a kustomization, a
    /// Kubernetes manifest without a ConfigMap holding a blueprint, a Helm chart file, or
    /// a flowlint scenario (`*.scenario.yaml`). Nothing else in it is checked.
    ///
    /// ## Why is this bad?
    /// Checking such a file as a blueprint would bury it under unknown-key findings
    /// that say nothing useful. Found in a folder, these files are skipped and counted
    /// ("skipped 2 non-blueprint files", listed with `--verbose`); named explicitly, the
    /// file gets this one finding instead, so a typo in a path or a glob is noticed.
    ///
    /// A file is judged by its top-level keys and its name, and only when it has no
    /// `entries:` key: `apiVersion` with `kind` (Kubernetes), `services` (Compose),
    /// `jobs` with `on` or `name` (workflows), `resources` or the name
    /// `kustomization.yaml` (Kustomize).
    ///
    /// ## Severity
    /// Warning: nothing is wrong with the file, but the user asked for a check that did
    /// not happen.
    ///
    /// ## Example
    /// `flowlint check docker-compose.yaml`, where the file holds `services:`.
    ///
    /// Use instead: pass the blueprint files or their folder.
    pub static NOT_A_BLUEPRINT = {
        code: "FL020",
        name: "not-a-blueprint",
        family: Syntax,
        severity: Warning,
        summary: "A file named for checking is not an authentik blueprint",
        check: crate::rules::Check::Builtin,
    };
}
