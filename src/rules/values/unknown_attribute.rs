use super::release_drift::release_drift;
use crate::catalog::ModelSpec;
use crate::declare_rule;
use crate::finding::Sink;
use crate::fix::{Fix, text::replace_word};
use crate::model::EntryState;
use crate::rules::EntryCx;
use crate::rules::context::FieldSpecs;
use crate::yaml::Pair;

declare_rule! {
    /// ## What it does
    /// Reports an `attrs` or `identifiers` key that is not a field of the entry's model,
    /// suggesting the closest field.
    ///
    /// Decisions:
    /// * identifiers are Django lookups, so `pk` and `<field>__<lookup>` (`name__iexact`,
    ///   `attributes__contains`, `target__slug`) are accepted when `<field>` is a field;
    /// * models whose field list is empty or known to be incomplete (supplement models)
    ///   are skipped, and so are the identifiers of meta models, which authentik ignores;
    /// * blueprint-only serializer fields the schema omits (user `password_hash`,
    ///   endpoint enrollment token `key`, blueprint-format §3.1) are accepted;
    /// * `state: absent` entries are skipped: their attrs are never saved, and their
    ///   lookups may use database-only columns the schema does not list;
    /// * it is a warning: authentik's serializers drop unknown input fields silently.
    ///
    /// ## Why is this bad?
    /// A misspelt attribute is dropped without any message, so the object keeps its
    /// default for the field you meant to set (an unknown identifier field, on the other
    /// hand, fails the lookup with "Invalid identifier field").
    ///
    /// ## Severity
    /// Warning: the serializer drops an unknown field without a word, so the entry
    /// applies without that value. Not an error: flowlint's field lists come from
    /// authentik's API schema, which omits some write-only and blueprint-only fields, so
    /// a finding may name a field the release does accept.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   identifiers:
    ///     slug: my-login
    ///   attrs:
    ///     titel: Welcome
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///   attrs:
    ///     title: Welcome
    /// ```
    ///
    /// ## Fix
    /// Safe: when exactly one field of the model, in the targeted release, is close to
    /// the key, the key is renamed to it (quoting and any `__lookup` suffix kept): the
    /// author meant that field, and the value is untouched. No fix when several fields
    /// are close, the mapping already sets the field, or the value has the other shape
    /// (`parent: X` where the close field is the list `parents`: a reshaped field).
    pub static UNKNOWN_ATTRIBUTE = {
        code: "FL207",
        name: "unknown-attribute",
        family: Values,
        severity: Warning,
        summary: "An attribute the model does not have; authentik silently ignores it",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let Some(model) = cx.model else { return };
    if model.fields().is_empty() || !model.fields_exhaustive {
        return;
    }
    // Deleting ignores attrs, and its lookups may use database-only columns
    // (upstream's bootstrap blueprint deletes by `metadata`).
    if cx.entry.literal_state() == Some(EntryState::Absent) {
        return;
    }
    let mut specs = cx.field_specs();
    if !model.is_meta {
        let siblings = pairs(cx.entry.identifiers);
        for pair in siblings {
            check_key(cx, model, &mut specs, (pair, siblings), "identifiers", sink);
        }
    }
    let siblings = pairs(cx.entry.attrs);
    for pair in siblings {
        check_key(cx, model, &mut specs, (pair, siblings), "attrs", sink);
    }
}

fn pairs(mapping: Option<&Pair>) -> &[Pair] {
    mapping
        .filter(|p| !p.value.is_custom_tagged())
        .and_then(|p| p.value.as_map())
        .unwrap_or(&[])
}

fn check_key(
    cx: &EntryCx<'_, '_>,
    model: &ModelSpec,
    specs: &mut FieldSpecs<'_, '_>,
    (pair, siblings): (&Pair, &[Pair]),
    section: &str,
    sink: &mut Sink,
) {
    if pair.key.is_custom_tagged() {
        return;
    }
    let Some(name) = pair.key.as_str() else {
        return;
    };
    // Fields only blueprints may set (user `password_hash`, ...) are in the release's
    // data with the releases that accept them.
    if specs.of(pair, name).is_some() {
        return;
    }
    let lookup_base = (section == "identifiers")
        .then(|| name.split_once("__").map(|(base, _)| base))
        .flatten();
    if section == "identifiers"
        && (name == "pk"
            || lookup_base.is_some_and(|base| base == "pk" || model.field(base).is_some()))
    {
        return;
    }
    let base = lookup_base.unwrap_or(name);
    let consequence = if section == "identifiers" {
        "unless it is a database-only column, authentik's lookup fails with \"Invalid identifier field\""
    } else {
        "authentik ignores it"
    };
    // A field of another release is not a typo: say which release has it.
    if let Some(drift) = release_drift(cx, model, base, section, (pair, siblings)) {
        if let Some((message, label, help)) = drift.describe(base, consequence) {
            sink.report(&UNKNOWN_ATTRIBUTE, pair.key.span, message)
                .label(label)
                .help(help);
        }
        return;
    }
    let suggestion = model.suggest_field(base).map(|field| match lookup_base {
        Some(_) => format!("{field}{}", &name[base.len()..]),
        None => field.to_string(),
    });
    let fix = model
        .only_close_field(base)
        .map(|field| match lookup_base {
            Some(_) => format!("{field}{}", &name[base.len()..]),
            None => field.to_string(),
        })
        .filter(|target| siblings.iter().all(|p| p.key.scalar_text() != Some(target)))
        // A value of the other shape (`parent: X` for `parents`, a list) means the
        // field was reshaped, not misspelt: renaming would trade one error for another.
        .filter(|target| lookup_base.is_some() || fits_shape(model, target, &pair.value))
        .and_then(|target| {
            let edit = replace_word(&cx.file.source.text, &pair.key, &target)?;
            Some(Fix::safe(
                format!("Rename `{name}` to `{target}`"),
                vec![edit],
            ))
        });
    let finding = sink.report(
        &UNKNOWN_ATTRIBUTE,
        pair.key.span,
        format!("`{}` has no field `{base}`; {consequence}", model.id),
    );
    finding.fix_opt(fix);
    match suggestion {
        Some(field) => {
            finding
                .label(format!("did you mean `{field}`?"))
                .help(format!("rename it to `{field}`"));
        }
        None => {
            finding
                .label(format!("not a field of {}", model.model_name))
                .help(format!(
                    "remove it; fields of {}: {}",
                    model.model_name,
                    field_list(model)
                ));
        }
    }
}

fn field_list(model: &ModelSpec) -> String {
    const MAX: usize = 15;
    let mut names: Vec<&str> = model
        .fields()
        .iter()
        .map(|f| f.name.as_str())
        .take(MAX)
        .collect();
    if model.fields().len() > MAX {
        names.push("…");
    }
    names.join(", ")
}

/// Whether `value` has the shape of `field`: a list for a list field, not a list for a
/// scalar or object field (a tag's result is not known, so only a plain list passes
/// for a list field).
fn fits_shape(model: &ModelSpec, field: &str, value: &crate::yaml::Node) -> bool {
    use crate::catalog::FieldType;
    let is_list = !value.is_custom_tagged() && value.as_seq().is_some();
    match model.field(field).map(|f| f.ty) {
        Some(FieldType::Array) => is_list,
        Some(FieldType::Any) | None => true,
        Some(_) => !is_list,
    }
}
