use crate::declare_rule;
use crate::finding::Sink;
use crate::fix::{Edit, Fix, text};
use crate::world::WorldCx;
use crate::world::WorldEntry;

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
    /// Unsafe: `pk: <uuid>` becomes the object's natural key (`slug`, `username` or
    /// `name`, the first the model has) with the value the entry's `attrs` give it. The
    /// entry then matches by that key, not by the pk: on the installation it came from it
    /// may now match a different object, or create one. No fix when `attrs` does not set
    /// such a key as a literal string.
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

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    (groups.len() == 5
        && groups
            .iter()
            .zip(lens)
            .all(|(g, l)| g.len() == l && g.chars().all(|c| c.is_ascii_hexdigit())))
        || (text.len() == 32 && text.chars().all(|c| c.is_ascii_hexdigit()))
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

/// `pk: <uuid>` in `identifiers` -> `<natural key>: <its value in attrs>`, the first of
/// [`NATURAL_KEYS`] that the model has and the entry's `attrs` set to a literal string.
/// Unsafe: the entry then matches the object by that key, not by the pk, so on the
/// installation it was exported from it may match another object or create one.
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
    let key_edit = text::replace_word(source, &pk.key, key)?;
    text::scalar_content(source, &pk.value)?;
    Some(Fix::unsafe_(
        format!("Identify the object by `{key}` instead of its pk"),
        vec![
            key_edit,
            Edit::replace(pk.value.span, text::yaml_string(value)),
        ],
    ))
}
