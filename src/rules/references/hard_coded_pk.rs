use crate::declare_rule;
use crate::finding::Sink;
use crate::fix::{Edit, Fix, text};
use crate::world::WorldCx;
use crate::world::WorldEntry;

declare_rule! {
    /// ## What it does
    /// Reports identifiers with a literal UUID `pk`.
    ///
    /// ## Why is this bad?
    /// Primary keys are generated per installation. A blueprint that looks objects up
    /// by a hard-coded `pk` (typical of exports) creates a second object on another
    /// installation, or collides with an unrelated one, instead of finding the object
    /// by its natural key (slug, name).
    ///
    /// ## Example
    /// ```yaml
    /// identifiers:
    ///   pk: 0dd9b946-bf76-4e1a-864f-2d4bfcadfea7
    ///   slug: default-authentication-flow
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// identifiers:
    ///   slug: default-authentication-flow
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
        let Some(pair) = we.entry.identifiers.and_then(|p| p.value.get_pair("pk")) else {
            continue;
        };
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
            format!("{} is identified by a hard-coded primary key; it will not match on another installation", we.describe()),
        )
        .label("installation-specific pk")
        .help("identify the object by its natural key (`slug`, `name`) and drop `pk`")
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
