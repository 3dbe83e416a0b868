use crate::catalog::ModelSpec;
use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::EntryCx;
use crate::yaml::{Node, ScalarValue};

declare_rule! {
    /// ## What it does
    /// Checks the shape of an entry's fixed fields: `model` present, `id` a string,
    /// `conditions` and `permissions` lists, `identifiers` and `attrs` mappings (written
    /// out: a tag in their place is a type error, tags belong inside them), each
    /// permission with a `permission` (one of the model's, `app_label.` in front
    /// allowed) and a `user` (an integer primary key or a tag) or `role`.
    ///
    /// ## Why is this bad?
    /// authentik converts entries into typed dataclasses; a wrong type fails the whole
    /// blueprint with an `EntryInvalidError` that carries no message at all.
    ///
    /// ## Severity
    /// Error: dacite's type check of the entry's fixed fields fails
    /// (`EntryInvalidError`): the blueprint is rejected.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   id: !Format ["%s", flow]
    ///   identifiers:
    ///     slug: my-flow
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flow
    ///   id: flow
    ///   identifiers:
    ///     slug: my-flow
    /// ```
    pub static MALFORMED_ENTRY = {
        code: "FL110",
        name: "malformed-entry",
        family: Structure,
        severity: Error,
        summary: "An entry field has the wrong type, or `model` is missing",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let entry = cx.entry;
    if entry.model.is_none() {
        sink.report(&MALFORMED_ENTRY, entry.node.span, "entry has no `model`")
            .label("no `model` in this entry")
            .help("add `model: app_label.modelname`, e.g. `model: authentik_flows.flow`");
    }
    if let Some(id) = entry.id {
        let v = &id.value;
        let null = v
            .scalar_text()
            .is_some_and(|t| matches!(t, "" | "~" | "null" | "Null" | "NULL"))
            && !v.is_custom_tagged();
        if v.as_str().is_none() && !null {
            let what = if v.is_custom_tagged() {
                "a tag".to_string()
            } else {
                v.kind_with_article()
            };
            sink.report(
                &MALFORMED_ENTRY,
                v.span,
                format!(
                    "`id` must be a plain string, found {what}; authentik's entry type check rejects the blueprint"
                ),
            )
            .label(format!("{what}, not a plain string"))
            .help("`id` is a local name for `!KeyOf`; write it as plain text");
        }
    }
    if let Some(pair) = entry.conditions {
        expect(&pair.value, "conditions", Kind::Seq, sink);
    }
    if let Some(pair) = entry.identifiers {
        expect(&pair.value, "identifiers", Kind::Map, sink);
    }
    if let Some(pair) = entry.attrs {
        expect(&pair.value, "attrs", Kind::MapOrNull, sink);
    }
    if let Some(pair) = entry.permissions {
        if expect(&pair.value, "permissions", Kind::Seq, sink) {
            for item in pair.value.as_seq().unwrap_or(&[]) {
                check_permission(item, cx.model, sink);
            }
        }
    }
}

enum Kind {
    Seq,
    Map,
    MapOrNull,
}

/// Report a wrong kind; true when the node has the expected kind (or a tag).
fn expect(node: &Node, field: &str, kind: Kind, sink: &mut Sink) -> bool {
    let wanted = match kind {
        Kind::Seq => "a list",
        Kind::Map | Kind::MapOrNull => "a mapping",
    };
    if let Some(tag) = node.tag_name().filter(|_| node.is_custom_tagged()) {
        // The entry dataclass types these fields as a list or a mapping; tags are
        // allowed inside them, not as them (blueprint-format §1).
        sink.report(
            &MALFORMED_ENTRY,
            node.span,
            format!("`{field}` must be {wanted} written out, found a `{tag}` tag; authentik's entry type check rejects it"),
        )
        .help(format!("write `{field}` as {wanted} and put the tag inside it, on the values"));
        return false;
    }
    let is_null = node
        .scalar_text()
        .is_some_and(|t| matches!(t, "" | "~" | "null" | "Null" | "NULL"));
    let ok = match kind {
        Kind::Seq => node.as_seq().is_some(),
        Kind::Map => node.as_map().is_some(),
        Kind::MapOrNull => node.as_map().is_some() || is_null,
    };
    if !ok {
        sink.report(
            &MALFORMED_ENTRY,
            node.span,
            format!(
                "`{field}` must be {wanted}, found {}",
                node.kind_with_article()
            ),
        );
    }
    ok
}

fn check_permission(item: &Node, model: Option<&ModelSpec>, sink: &mut Sink) {
    if item.is_custom_tagged() {
        return;
    }
    if item.as_map().is_none() {
        sink.report(
            &MALFORMED_ENTRY,
            item.span,
            format!(
                "a permission must be a mapping, found {}",
                item.kind_with_article()
            ),
        )
        .help("write `- permission: view_flow` with `user:` or `role:`");
        return;
    }
    if item.get("permission").is_none() {
        sink.report(
            &MALFORMED_ENTRY,
            item.span,
            "permission entry has no `permission`",
        )
        .help("add `permission: <codename>`, e.g. `view_flow`");
    }
    if item.get("user").is_none() && item.get("role").is_none() {
        sink.report(
            &MALFORMED_ENTRY,
            item.span,
            "permission entry names neither a `user` nor a `role`",
        )
        .help("add `user: <pk>` or `role: !KeyOf <role id>`");
    }
    if let Some(user) = item.get("user").filter(|u| !u.is_custom_tagged()) {
        let is_int = matches!(
            user.as_scalar().map(|s| s.value()),
            Some(ScalarValue::Int(_))
        );
        if !is_int && user.as_scalar().is_some() {
            sink.report(
                &MALFORMED_ENTRY,
                user.span,
                format!(
                    "a permission's `user` is a user's primary key (an integer), but this is {}; authentik's entry type check rejects it",
                    user.kind_with_article()
                ),
            )
            .help("use `user: !KeyOf <user entry id>` or `!Find [authentik_core.user, [username, ...]]`");
        }
    }
    if let (Some(model), Some(permission)) = (model, item.get("permission")) {
        check_codename(model, permission, sink);
    }
}

/// A permission written out must be one of the model's (`app_label.` allowed in front):
/// guardian looks it up for the object's content type and raises
/// `Permission.DoesNotExist`, which the importer does not turn into a blueprint error.
fn check_codename(model: &ModelSpec, permission: &Node, sink: &mut Sink) {
    let Some(text) = permission.as_str() else {
        return;
    };
    if model.permissions().next().is_none() || !model.fields_exhaustive {
        return;
    }
    let codename = match text.split_once('.') {
        Some((app, codename)) if app == model.app_label => codename,
        Some(_) => {
            sink.report(
                &MALFORMED_ENTRY,
                permission.span,
                format!(
                    "`{text}` is a permission of another app than `{}`; it cannot be granted on this object",
                    model.app_label
                ),
            )
            .help(format!("use one of this model's permissions, e.g. `view_{}`", model.model_name));
            return;
        }
        None => text,
    };
    if model.has_permission(codename) {
        return;
    }
    let finding = sink.report(
        &MALFORMED_ENTRY,
        permission.span,
        format!(
            "`{codename}` is not a permission of `{}`; guardian raises Permission.DoesNotExist and the import fails",
            model.id
        ),
    );
    match crate::rules::suggest::did_you_mean(codename, model.permissions()) {
        Some(guess) => finding.help(format!("did you mean `{guess}`?")),
        None => finding.help(format!(
            "use one of: {}",
            model.permissions().collect::<Vec<_>>().join(", ")
        )),
    };
}
