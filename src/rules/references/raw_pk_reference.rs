use std::collections::HashMap;

use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::fix::{Edit, Fix, text};
use crate::world::links::is_uuid;
use crate::world::{EntryIdx, World, WorldCx, WorldEntry};
use crate::yaml::{Node, NodeKind};

declare_rule! {
    /// ## What it does
    /// Reports a field holding the raw primary key (a UUID) of an object that another
    /// entry declares with `identifiers: {pk: ..., slug: ...}` (what authentik's export
    /// writes), where authentik's importer cannot map that pk to the object it
    /// applied: the declaring entry is in another blueprint, further down the same
    /// blueprint, or the pk is nested deeper than one level in the field.
    ///
    /// The importer remembers, per blueprint run, the pk each entry's identifiers give
    /// and the object it applied (`__pk_map`), and replaces that pk in the fields of
    /// *later* entries of the same blueprint (top-level values and one level into a
    /// mapping or a list, `__update_pks_for_attrs`). Such references work everywhere
    /// and are not reported; neither are references to entries whose only identifier is
    /// the pk (they create their object with that pk; FL409 reports those entries), nor
    /// integer pks (a number equal to a user's pk is no evidence of a reference).
    ///
    /// ## Why is this bad?
    /// On another installation the declaring entry finds the existing object by its
    /// other identifiers (its `slug`, `name`), whose pk is that installation's own: no
    /// object has the exported pk, so the reference finds nothing and the entry fails
    /// ("Invalid pk ... object does not exist"). A declaration further down the same
    /// blueprint is not saved yet when the reference is applied.
    ///
    /// ## Severity
    /// Info, and opt-in: imported into the installation it was exported from, the
    /// blueprint works as meant, and a repository of exports has dozens of such
    /// references (31 in one community repository), so by default they would bury
    /// real findings. Enable it with `--extend-select FL413` or
    /// `extend-select = ["FL413"]` when the blueprints must apply on other
    /// installations.
    ///
    /// ## Example
    /// ```yaml
    /// # flows.yaml
    /// - model: authentik_flows.flow
    ///   identifiers:
    ///     pk: 812f9784-eb0d-4444-b551-73d3de123e66
    ///     slug: exported-login
    /// # bindings.yaml (another blueprint)
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers:
    ///     target: 812f9784-eb0d-4444-b551-73d3de123e66
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///     target: !Find [authentik_flows.flow, [slug, exported-login]]
    /// ```
    ///
    /// ## Fix
    /// Unsafe: the raw pk becomes `!Find [model, [field, value], ...]` with the
    /// declaring entry's other identifiers (literal strings and integers), which is the
    /// object authentik's importer finds for that entry on any installation. Unsafe
    /// because `!Find` looks the object up when the entry is applied: if the declaring
    /// blueprint has not been applied yet, it finds nothing. No fix for a declaration
    /// further down the same blueprint (move it above instead).
    pub static RAW_PK_REFERENCE = {
        code: "FL413",
        name: "raw-pk-reference",
        family: References,
        severity: Info,
        summary: "A field refers to another entry's object by its raw primary key",
        check: crate::rules::Check::World(check),
        opt_in: true,
    };
}

/// The entries whose identifiers give a literal UUID `pk`, by that pk, in world order.
fn declared_pks<'a>(world: &World<'_, 'a>) -> HashMap<&'a str, Vec<EntryIdx>> {
    let mut declared: HashMap<&'a str, Vec<EntryIdx>> = HashMap::new();
    for (idx, we) in world.entries.iter().enumerate() {
        let pk = we
            .entry
            .identifiers
            .and_then(|p| p.value.get("pk"))
            .and_then(Node::as_str);
        if let Some(pk) = pk.filter(|pk| is_uuid(pk)) {
            if we.model.is_some() && we.has_instance() {
                declared.entry(pk).or_default().push(idx);
            }
        }
    }
    declared
}

/// A UUID-shaped scalar in an entry's identifiers or attrs, with the field it is in and
/// whether the importer's pk mapping reaches it (at most one level into the field).
struct PkSite<'a> {
    field: &'a str,
    node: &'a Node,
    mappable: bool,
}

fn pk_sites<'a>(we: &WorldEntry<'_, 'a>) -> Vec<PkSite<'a>> {
    let mut sites = Vec::new();
    for section in [we.entry.identifiers, we.entry.attrs].into_iter().flatten() {
        for pair in section.value.as_map().unwrap_or(&[]) {
            let Some(field) = pair.key.as_str() else {
                continue;
            };
            if field == "pk" || pair.merged || pair.overridden {
                continue;
            }
            let mut stack = vec![(&pair.value, 0usize)];
            while let Some((node, depth)) = stack.pop() {
                if node.is_custom_tagged() {
                    continue;
                }
                match &node.kind {
                    NodeKind::Scalar(_) => {
                        if node.as_str().is_some_and(is_uuid) {
                            let mappable = depth <= 1;
                            sites.push(PkSite {
                                field,
                                node,
                                mappable,
                            });
                        }
                    }
                    NodeKind::Seq(items) => stack.extend(items.iter().map(|n| (n, depth + 1))),
                    NodeKind::Map(pairs) => stack.extend(
                        pairs
                            .iter()
                            .filter(|p| !p.merged && !p.overridden)
                            .map(|p| (&p.value, depth + 1)),
                    ),
                }
            }
        }
    }
    sites.sort_by_key(|s| s.node.span.start);
    sites
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    let declared = declared_pks(world);
    if declared.is_empty() {
        return;
    }
    for (idx, we) in world.entries.iter().enumerate() {
        if !we.has_instance() {
            continue;
        }
        for site in pk_sites(we) {
            let Some(pk) = site.node.as_str() else {
                continue;
            };
            let Some(declaring) = declared.get(pk) else {
                continue;
            };
            let same_bp = |d: &&EntryIdx| world.entries[**d].bp == we.bp;
            let mapped = site.mappable && declaring.iter().filter(same_bp).any(|&d| d < idx);
            if mapped || declaring.contains(&idx) {
                continue;
            }
            if let Some(&later) = declaring.iter().filter(same_bp).find(|&&d| d > idx) {
                let target = &world.entries[later];
                sink.report_in(
                    &RAW_PK_REFERENCE,
                    we.file,
                    site.node.span,
                    format!("`{}` refers to {} by its raw primary key, but that entry comes further down the blueprint: on an installation without that object, nothing has this pk when this entry is applied", site.field, target.describe()),
                )
                .label("pk of an entry further down")
                .with_label(target.file, target.span(), "declared here, after the reference")
                .help("move the entry that declares this pk above this one (the importer then maps the pk to the object it applied)");
                continue;
            }
            let Some(&target_idx) = declaring
                .iter()
                .find(|&&d| !same_bp(&&d))
                .or(declaring.first())
            else {
                continue;
            };
            let target = &world.entries[target_idx];
            let natural: Vec<(&str, &Value<'_>)> = target
                .identifier_fields()
                .iter()
                .filter(|f| f.name() != "pk")
                .map(|f| (f.name(), &f.value))
                .collect();
            if natural.is_empty() {
                continue;
            }
            let why = if same_bp(&&target_idx) {
                "nested deeper than the importer maps pks".to_string()
            } else {
                format!(
                    "declared in blueprint `{}`",
                    world.blueprint_label(target.bp)
                )
            };
            let keys: Vec<&str> = natural.iter().map(|(name, _)| *name).collect();
            let source = &world.files[we.file].source.text;
            sink.report_in(
                &RAW_PK_REFERENCE,
                we.file,
                site.node.span,
                format!("`{}` refers to {} ({why}) by its raw primary key: on another installation that object is found by its `{}` and has its own pk, so this reference finds nothing", site.field, target.describe(), keys.join("` and `")),
            )
            .label("installation-specific pk")
            .with_label(target.file, target.span(), "the object this pk names")
            .help("refer to the object by its identifiers with `!Find [model, [field, value]]`")
            .fix_opt(find_fix(source, site.node, target, &natural));
        }
    }
}

/// `<pk>` -> `!Find [model, [field, value], ...]` from the declaring entry's other
/// identifiers, when each is a literal string or integer.
fn find_fix(
    source: &str,
    node: &Node,
    target: &WorldEntry<'_, '_>,
    natural: &[(&str, &Value<'_>)],
) -> Option<Fix> {
    let model = target.model_id()?;
    text::scalar_content(source, node)?;
    let mut conditions = Vec::with_capacity(natural.len());
    for (name, value) in natural {
        let value = match value {
            Value::Str(s) => text::flow_string(s),
            Value::Int(i) => i.to_string(),
            _ => return None,
        };
        conditions.push(format!("[{}, {value}]", text::flow_string(name)));
    }
    let find = format!("!Find [{model}, {}]", conditions.join(", "));
    Some(Fix::unsafe_(
        format!(
            "Refer to {} with `!Find` by its identifiers",
            target.describe()
        ),
        vec![Edit::replace(node.span, find)],
    ))
}
