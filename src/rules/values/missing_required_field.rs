use super::common::{CreatingEntry, creating_entry};
use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::EntryCx;

declare_rule! {
    /// ## What it does
    /// Reports an entry that may create its object (state `present`, `created` or
    /// `must_created`, written literally or left out) but does not give every attribute
    /// the model requires on create, e.g. a flow without `title` or `designation`, a
    /// flow-stage binding without `order`, a password stage without `backends`.
    /// Identifiers count, since authentik merges them into the attributes (meta models
    /// only read `attrs`).
    ///
    /// Decisions, to stay silent where the entry may be an update:
    /// * an entry whose `attrs` give none of the required attributes (identifiers only,
    ///   or only a few changed settings) is taken to update an object defined elsewhere
    ///   and is not reported: the corpus's brute-force lockout example changes
    ///   `default-authentication-flow` and sets `failed_attempts_before_cancel` on the
    ///   default password stage that way. An entry that gives some required attributes
    ///   in `attrs` defines the object, and the missing ones are reported;
    /// * entries whose `state`, `attrs` or `identifiers` is a tag, and entries whose
    ///   `pk` identifier is a tag (`!Find`, `!KeyOf`, ...), are not reported;
    /// * the required lists are conservative (catalog overlay `required.rs`).
    ///
    /// ## Why is this bad?
    /// When the object does not exist yet, the serializer rejects the entry with "This
    /// field is required." and the whole blueprint fails to apply.
    ///
    /// ## Severity
    /// Error: when the object does not exist yet, the serializer rejects the entry (`This
    /// field is required.`) and the blueprint is rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   identifiers:
    ///     slug: my-login
    ///   attrs:
    ///     name: My login
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   identifiers:
    ///     slug: my-login
    ///   attrs:
    ///     name: My login
    ///     title: Welcome
    ///     designation: authentication
    /// ```
    pub static MISSING_REQUIRED_FIELD = {
        code: "FL208",
        name: "missing-required-field",
        family: Values,
        severity: Error,
        summary: "An entry that may create its object lacks a required attribute",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let Some(model) = cx.model else { return };
    if model.required_on_create.is_empty() {
        return;
    }
    let entry = cx.entry;
    let Some(CreatingEntry {
        model_pair,
        attrs,
        identifiers,
    }) = creating_entry(entry)
    else {
        return;
    };
    let defines = attrs
        .iter()
        .filter_map(|p| p.key.as_str())
        .any(|key| model.required_on_create.contains(&key));
    if !model.is_meta && !defines {
        // No required attribute in attrs: the entry may update an object defined
        // elsewhere (identifiers only, or a few changed attributes).
        return;
    }
    if identifiers
        .iter()
        .any(|p| p.key.as_str() == Some("pk") && p.value.is_custom_tagged())
    {
        return;
    }
    let given = attrs
        .iter()
        .chain(if model.is_meta { &[][..] } else { identifiers })
        .filter_map(|p| p.key.as_str());
    let missing = model.missing_on_create(given);
    if missing.is_empty() {
        return;
    }
    let listed = missing
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let plural = if missing.len() == 1 { "" } else { "s" };
    sink.report(
        &MISSING_REQUIRED_FIELD,
        model_pair.value.span,
        format!(
            "this `{}` entry may create the object but lacks the required field{plural} {listed}; authentik says \"This field is required.\"",
            model.id
        ),
    )
    .label(format!("missing {listed}"))
    .help(format!("add {listed} under `attrs:`"));
}
