use crate::catalog::RefTarget;
use crate::declare_rule;
use crate::finding::Sink;
use crate::model::EntryState;
use crate::world::{EntryStatus, FindOutcome, FindSite, World, WorldCx};

declare_rule! {
    /// ## What it does
    /// Checks that every `!Find`/`!FindObject` matches an object some blueprint of the
    /// world declares or that a fresh install of the release checked has (the install
    /// baseline: default flows and their stages and policies, the built-in scope and
    /// property mappings, `akadmin` and `authentik Admins`, the self-signed
    /// certificate, the embedded outpost, ...; more objects of your server can be
    /// declared under `[baseline]` in flowlint.toml). The message suggests the closest
    /// value of the world and the baseline. Lookups with Django operators
    /// (`pk__isnull`), of fields the baseline does not record (`pk`) or of values
    /// flowlint cannot know are not judged. A flow reference field (`configure_flow`,
    /// `target_flow`, ...) is reported by `reference-to-missing-flow` instead.
    ///
    /// ## Why is this bad?
    /// When nothing matches, the importer's `!Find` returns `None`, and what follows
    /// depends on the field: a nullable foreign key stores `null` without any error
    /// (a binding without a policy); a required one fails with "This field may not be
    /// null."; an item of a list of primary keys (`property_mappings`, `providers`)
    /// fails with `Invalid pk "None"`, and a failing entry makes the importer roll
    /// the whole blueprint back. The message names the consequence for the field.
    ///
    /// ## Severity
    /// Warning: the object may exist on the server (created in the admin interface),
    /// which flowlint cannot see; declare such objects under `[baseline]`.
    ///
    /// ## Example
    /// ```yaml
    /// policy: !Find [authentik_policies_expression.expressionpolicy, [name, defualt-policy]]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// policy: !Find [authentik_policies_expression.expressionpolicy, [name, default-policy]]
    /// ```
    pub static FIND_MATCHES_NOTHING = {
        code: "FL406",
        name: "find-matches-nothing",
        family: References,
        severity: Warning,
        summary: "`!Find` matches no object the world declares",
        check: crate::rules::Check::World(check),
    };
}

/// Whether the site is a flow reference field's value (FL407 reports those).
pub(crate) fn is_flow_reference(world: &World<'_, '_>, site: &FindSite<'_>) -> bool {
    let we = &world.entries[site.entry];
    let (Some(model), Some(field)) = (we.model, site.field) else {
        return false;
    };
    site.model_id
        .and_then(|id| world.release.model(id))
        .is_some_and(|m| m.kind == crate::catalog::ModelKind::Flow)
        && model.field(field).and_then(|f| {
            f.reference
                .or_else(|| f.items.as_ref().and_then(|i| i.reference))
        }) == Some(RefTarget::Flow)
}

/// What authentik does with the `null` a `!Find` that matches nothing returns, for
/// the field it is the value of (the importer's `Find.resolve` returns `None`; the
/// entry's serializer then sees it).
pub(crate) fn consequence(world: &World<'_, '_>, site: &FindSite<'_>) -> &'static str {
    let we = &world.entries[site.entry];
    let (Some(model), Some(field)) = (we.model, site.field) else {
        return "authentik gets null here without an error";
    };
    match model.field(field) {
        // `PrimaryKeyRelatedField(many=True)` looks every item up: `Invalid pk "None"`.
        Some(f) if f.ty == crate::catalog::FieldType::Array => {
            "the list then holds null and the serializer rejects the entry (`Invalid pk \"None\" - object does not exist.`): the whole blueprint fails to apply"
        }
        // Only fields the write API requires are sure to refuse null.
        Some(_) if model.required_on_create.contains(&field) => {
            "the serializer rejects the null (`This field may not be null.`): the whole blueprint fails to apply"
        }
        _ => "authentik stores null here without an error",
    }
}

/// Whether a miss without a close candidate is worth reporting: a blueprint checked
/// alone (`--per-file`, or one file given) usually refers to objects of sibling files
/// or of the server, which flowlint cannot see; only a probable typo (a did-you-mean
/// hit in the baseline or the file) is reported then.
pub(crate) fn worth_reporting(world: &World<'_, '_>, suggestion: &str) -> bool {
    !suggestion.is_empty() || world.run_size() > 1
}

/// ` (did you mean `x`?)` over the world's and the baseline's objects of the model.
pub(crate) fn did_you_mean(world: &World<'_, '_>, site: &FindSite<'_>) -> String {
    let Some((field, value)) = site.conditions.first() else {
        return String::new();
    };
    world
        .suggest_value(&site.model, field, value)
        .map_or_else(String::new, |s| format!(" (did you mean `{s}`?)"))
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    for site in &world.find_sites {
        if site.outcome != FindOutcome::NotFound {
            continue;
        }
        let we = &world.entries[site.entry];
        if we.status == EntryStatus::Skipped || we.state == Some(EntryState::Absent) {
            continue;
        }
        if is_flow_reference(world, site) {
            continue;
        }
        let suggestion = did_you_mean(world, site);
        if !worth_reporting(world, &suggestion) {
            continue;
        }
        let tag = site.kind.name();
        sink.report_in(
            &FIND_MATCHES_NOTHING,
            we.file,
            site.node.span,
            format!(
                "`{tag}` searched {}{} and neither the world's blueprints nor a fresh install have a match; unless the server has it, {}",
                site.describe(),
                suggestion,
                consequence(world, site)
            ),
        )
        .label("matches nothing in the world")
        .help("fix the searched value, declare the object earlier, apply the blueprint that declares it first (`authentik_blueprints.metaapplyblueprint`), or declare what your server has under `[[baseline.objects]]` in flowlint.toml");
    }
}
