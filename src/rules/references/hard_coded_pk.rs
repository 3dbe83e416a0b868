use crate::declare_rule;
use crate::finding::Sink;
use crate::fix::{Edit, Fix, text};
use crate::world::WorldCx;
use crate::world::WorldEntry;
use crate::world::links::is_uuid;

declare_rule! {
    /// ## What it does
    /// Reports identifiers whose only key is a literal UUID `pk` (typical of exports
    /// of policies and stages). With a natural key beside the pk (`pk` and `slug`) it
    /// says nothing: the importer queries `pk OR (all other identifiers)`
    /// (`__query_from_identifier`), so another installation's object is found by
    /// that key, and later raw-pk references are mapped to it (`__pk_map`).
    ///
    /// ## Why is this bad?
    /// Primary keys are generated per installation. On another installation no object
    /// has the exported pk, so the importer creates a new object with it instead of
    /// updating the one of the same name (or fails on a unique name).
    ///
    /// ## Severity
    /// Info, and opt-in: on the installation it was exported from the blueprint
    /// applies as meant, and exports are full of such pks (70 in one community
    /// repository), so by default it would bury real findings. Enable it with
    /// `--extend-select FL409` or `extend-select = ["FL409"]` when a blueprint must
    /// apply on other installations.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_policies_expression.expressionpolicy
    ///   identifiers:
    ///     pk: 0dd9b946-bf76-4e1a-864f-2d4bfcadfea7
    ///   attrs:
    ///     name: block-banned
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_policies_expression.expressionpolicy
    ///   identifiers:
    ///     name: block-banned
    /// ```
    ///
    /// ## Fix
    /// Unsafe: the object's natural key (`slug`, `username` or `name`, the first the
    /// model has) is added beside the pk, with the value the entry's `attrs` give it.
    /// The pk stays, so raw-pk references to it keep working (the importer maps them,
    /// `__pk_map`) and on the installation it came from the same object matches; on
    /// another installation an existing object with that key is updated instead of a
    /// new one being created. No fix when `attrs` does not set such a key as a literal
    /// string, or the identifiers are not a block or flow mapping written in place.
    pub static HARD_CODED_PK = {
        code: "FL409",
        name: "hard-coded-pk",
        family: References,
        severity: Info,
        summary: "Identifiers hard-code a UUID primary key",
        check: crate::rules::Check::World(check),
        opt_in: true,
    };
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    for we in &cx.world.entries {
        let Some(identifiers) = we.entry.identifiers else {
            continue;
        };
        let Some(pair) = identifiers.value.get_pair("pk") else {
            continue;
        };
        // The importer queries `pk OR (every other identifier)`: with a natural key
        // beside the pk, another installation's object is found by that key.
        let natural_key = identifiers
            .value
            .as_map()
            .is_some_and(|pairs| pairs.iter().any(|p| p.key.as_str() != Some("pk")));
        if natural_key {
            continue;
        }
        let Some(text) = pair.value.as_str() else {
            continue;
        };
        if !is_uuid(text.trim()) {
            continue;
        }
        sink.report_in(
            &HARD_CODED_PK,
            we.file,
            pair.value.span,
            format!("{} is identified by its primary key alone; on another installation no object has this pk, so authentik creates a new one with it instead of updating the existing one of the same name", we.describe()),
        )
        .label("installation-specific pk")
        .help("identify the object by its natural key (`slug`, `name`) too, or instead of `pk`")
        .fix_opt(natural_key_fix(cx, we, pair));
    }
}

/// The fields that name an object for people, in the order tried.
const NATURAL_KEYS: &[&str] = &["slug", "username", "name"];

/// `pk: <uuid>` in `identifiers` -> the same, plus `<natural key>: <its value in attrs>`,
/// the first of [`NATURAL_KEYS`] that the model has and the entry's `attrs` set to a
/// literal string. Unsafe: on another installation the entry then updates the object
/// with that key instead of creating one with the pk.
fn natural_key_fix(
    cx: &WorldCx<'_, '_>,
    we: &WorldEntry<'_, '_>,
    pk: &crate::yaml::Pair,
) -> Option<Fix> {
    let model = we.model?;
    let identifiers = we.entry.identifiers?.value.as_map()?;
    let attrs = we.entry.attrs?.value.as_map()?;
    let (key, value) = NATURAL_KEYS.iter().find_map(|key| {
        model.field(key)?;
        if identifiers.iter().any(|p| p.key.scalar_text() == Some(key)) {
            return None;
        }
        let value = attrs
            .iter()
            .rev()
            .find(|p| p.key.scalar_text() == Some(key) && !p.merged)?
            .value
            .as_str()?;
        Some((*key, value))
    })?;
    let source = &cx.world.files[we.file].source.text;
    text::scalar_content(source, &pk.value)?;
    let line_prefix = source[..pk.key.span.start as usize]
        .rsplit('\n')
        .next()
        .unwrap_or_default();
    let edit = match text::block_key_column(source, pk.key.span.start) {
        // A block mapping: a line of its own below the pk's line (after its comment).
        Some(column) if line_prefix.bytes().all(|b| b == b' ') => {
            let end = pk.value.span.end as usize;
            let rest = source[end..].find('\n').map_or(source.len(), |i| end + i);
            let after = source[end..rest].trim();
            if !(after.is_empty() || after.starts_with('#')) {
                return None;
            }
            let line = format!("{}{key}: {}", " ".repeat(column), text::yaml_string(value));
            match source.get(rest..rest + 1) {
                Some("\n") => Edit::insert(u32::try_from(rest + 1).ok()?, format!("{line}\n")),
                _ => Edit::insert(u32::try_from(rest).ok()?, format!("\n{line}")),
            }
        }
        Some(_) => return None,
        // A flow mapping: `, key: value` right after the pk's value.
        None => {
            let next = source[pk.value.span.end as usize..].trim_start();
            if !(next.starts_with(',') || next.starts_with('}')) {
                return None;
            }
            Edit::insert(
                pk.value.span.end,
                format!(", {key}: {}", text::flow_string(value)),
            )
        }
    };
    Some(Fix::unsafe_(
        format!("Identify the object by `{key}` too, beside its pk"),
        vec![edit],
    ))
}
